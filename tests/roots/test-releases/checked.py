"""Prints one line; the test's report says what older releases printed."""

print("now")
