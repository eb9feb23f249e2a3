"""The same frozen base, one layer set back to trainable, inside a new trainable model."""
import re

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights and data, run after run
rng = np.random.default_rng(0)
x, y = rng.normal(size=(16, 4)), rng.normal(size=(16, 1))


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def summary_counts(model):
    """The "Trainable params" and "Non-trainable params" numbers that summary() prints."""
    lines = []
    model.summary(print_fn=lambda line, **kwargs: lines.append(line))
    found = re.findall(r"(Non-trainable|Trainable) params: ([\d,]+)", "\n".join(lines))
    return ", ".join(f"{kind} {count}" for kind, count in found)


inputs = keras.Input(shape=(4,), name="input")
h = keras.layers.Dense(3, name="dense_1")(inputs)
base = keras.Model(inputs, keras.layers.Dense(1, name="dense_2")(h), name="base")
base.trainable = False
base.get_layer("dense_2").trainable = True
new_inputs = keras.Input(shape=(4,), name="new_input")  # the usual fine-tuning set-up
model = keras.Model(new_inputs, keras.layers.Dense(1, name="head")(base(new_inputs)), name="model")

layers = [base.get_layer("dense_1"), base.get_layer("dense_2"), model.get_layer("head")]
before = [layer.get_weights() for layer in layers]
model.compile(optimizer="sgd", loss="mse")  # after setting the flags, so fit sees them
model.fit(x, y, verbose=0)
print("Case 2: fit a new model built around the base")
print("  trainable:", {m.name: m.trainable for m in [model, base, *layers]})
print("  trainable_weights:", {m.name: len(m.trainable_weights) for m in [model, base, *layers]})
print("  model.summary():", summary_counts(model))
print("  weight values changed by fit:",
      {layer.name: sum(int(moved(b, a).sum()) for b, a in zip(old, layer.get_weights()))
       for layer, old in zip(layers, before)})
base.trainable = False  # freeze the base again, as at the end of a fine-tuning phase
print("base.trainable = False again -> dense_2.trainable:", base.get_layer("dense_2").trainable)
