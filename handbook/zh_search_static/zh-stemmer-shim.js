// Sphinx 9.0.4 ends language_data.js for Chinese with `window.Stemmer = ChineseStemmer;`, a class
// it never defines (sphinx-doc/sphinx#14229), so search stops with a ReferenceError. Chinese uses
// the English stemmer for its Latin words; this names it the way language_data.js expects.
function ChineseStemmer() {
  return new EnglishStemmer();
}
