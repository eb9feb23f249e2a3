"""Freezing layers of a model that fit has already trained: the change waits for compile."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def snapshot(model):
    # Keras 3 names a weight "kernel", tf-keras "dense/kernel:0": keep the short name only
    return {f"{layer.name}/{w.name.split('/')[-1].split(':')[0]}": w.numpy().copy()
            for layer in model.layers for w in layer.weights}


def fit_and_report(title, model, before):
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    print(title)
    after = snapshot(model)
    for key, old in before.items():
        print(f"  {key}: {int(moved(old, after[key]).sum())} of {old.size} changed")


model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense"),
                          keras.layers.BatchNormalization(name="bn"),
                          keras.layers.Dense(1, name="head")])
model.compile(optimizer="sgd", loss="mse")
rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
model.fit(x, y, batch_size=8, epochs=1, verbose=0)  # the first fit: everything trainable

model.get_layer("dense").trainable = False
model.get_layer("bn").trainable = False
print("trainable weights listed:", len(model.trainable_weights))
fit_and_report("fit again, without compile:", model, snapshot(model))

before = snapshot(model)
model.compile(optimizer="sgd", loss="mse")
print("weight values changed by compile:", sum(int(moved(before[k], v).sum())
                                              for k, v in snapshot(model).items()))
fit_and_report("fit after compile:", model, before)
