"""A model used as a layer of another model: freezing the outer model versus the inner one."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights and data, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def build():
    inputs = keras.Input(shape=(4,), name="input")
    inner = keras.Model(inputs, keras.layers.Dense(3, name="inner_dense")(inputs), name="inner")
    outer_inputs = keras.Input(shape=(4,), name="outer_input")
    outputs = keras.layers.Dense(1, name="head")(inner(outer_inputs))
    return keras.Model(outer_inputs, outputs, name="outer"), inner


def fit_and_report(title, outer, inner):
    dense, head = inner.get_layer("inner_dense"), outer.get_layer("head")
    before = {layer.name: layer.get_weights() for layer in (dense, head)}
    outer.compile(optimizer="sgd", loss="mse")  # after setting the flags, so fit sees them
    rng = np.random.default_rng(0)
    outer.fit(rng.normal(size=(16, 4)), rng.normal(size=(16, 1)), verbose=0)
    changed = {layer.name: sum(int(moved(b, a).sum()) for b, a in
                               zip(before[layer.name], layer.get_weights()))
               for layer in (dense, head)}
    print(title)
    print("  trainable: outer", outer.trainable, "| inner", inner.trainable,
          "| inner_dense", dense.trainable, "| head", head.trainable)
    print("  trainable_weights: outer", len(outer.trainable_weights),
          "| inner", len(inner.trainable_weights))
    print("  weight values changed by fit:", changed)


outer, inner = build()
outer.trainable = False
fit_and_report("outer.trainable = False", outer, inner)

outer, inner = build()
inner.trainable = False
fit_and_report("inner.trainable = False", outer, inner)
