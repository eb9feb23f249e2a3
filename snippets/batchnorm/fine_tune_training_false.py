"""Unfreezing a base that contains BatchNormalization: does base(inputs, training=False) hold?"""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


rng = np.random.default_rng(0)
x = rng.normal(loc=3.0, size=(32, 4)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")

for pinned in (True, False):
    base = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense"),
                             keras.layers.BatchNormalization(name="bn")], name="base")
    base.trainable = False  # step 1 of the recipe: train the new head on a frozen base
    inputs = keras.Input(shape=(4,))
    h = base(inputs, training=False) if pinned else base(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)

    base.trainable = True  # step 2: unfreeze the base, compile again, fine-tune
    model.compile(optimizer="sgd", loss="mse")
    bn = base.get_layer("bn")
    before = {"gamma": bn.gamma.numpy().copy(), "moving_mean": bn.moving_mean.numpy().copy()}
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    print("base(inputs, training=False):" if pinned else "base(inputs):")
    for name, old in before.items():
        print(f"  bn {name} changed by fit:", bool(moved(old, getattr(bn, name).numpy()).any()))
