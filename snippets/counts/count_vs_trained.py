"""summary() counts the new trainable flags at once; fit may train with the old ones until compile."""
import re

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def trainable_in_summary(model):
    calls = []  # Keras 3 calls print_fn once with the whole summary, Keras 2 once per line
    model.summary(print_fn=lambda text, **kwargs: calls.append(text))
    return re.search(r"(?m)^ ?Trainable params: ([\d,]+)", "\n".join(calls)).group(1)


def fit_and_report(title, model):
    before = [layer.get_weights() for layer in model.layers]
    count = trainable_in_summary(model)
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    changed = {layer.name: sum(int(moved(b, a).sum()) for b, a in zip(old, layer.get_weights()))
               for layer, old in zip(model.layers, before)}
    print(f"  {title}: summary() Trainable params: {count}, values changed by fit: {changed}")


rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
cases = (("frozen after compile", True, False), ("frozen after a first fit", True, True),
         ("unfrozen after a first fit", False, True))
for case, start, first_fit in cases:
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense"),
                              keras.layers.Dense(1, name="head")])
    model.get_layer("dense").trainable = start
    model.compile(optimizer="sgd", loss="mse")
    if first_fit:
        model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    model.get_layer("dense").trainable = not start
    print(f"dense {case}:")
    fit_and_report("fit", model)
    model.compile(optimizer="sgd", loss="mse")
    fit_and_report("fit after compile", model)
