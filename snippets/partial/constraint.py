"""Freezing 2 of the 4 filters of a Conv2D with a constraint that puts their values back."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 6, 6, 1)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
FROZEN = np.arange(4) < 2  # filters 0 and 1 keep their values; filters 2 and 3 train
L2 = keras.regularizers.L2(0.01)


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class KeepFrozen(keras.constraints.Constraint):
    values = None  # the weight's values to keep, set once the weight exists

    def __call__(self, w):
        # the optimizer calls this after each update; the filter axis is the last one
        return self.values * FROZEN + w * (1 - FROZEN.astype("float32"))


for label in ("Adam", "AdamW", "Adam, L2 regularizer"):
    keep_kernel, keep_bias = KeepFrozen(), KeepFrozen()
    conv = keras.layers.Conv2D(4, 3, kernel_constraint=keep_kernel, bias_constraint=keep_bias,
                               kernel_regularizer=L2 if "L2" in label else None,
                               bias_initializer="random_normal")  # a bias not 0, as if pretrained
    model = keras.Sequential([keras.Input(shape=(6, 6, 1)), conv,
                              keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(1)])
    before = conv.get_weights()  # [kernel (3, 3, 1, 4), bias (4,)]
    keep_kernel.values, keep_bias.values = before
    optimizer = keras.optimizers.AdamW(0.01) if "AdamW" in label else keras.optimizers.Adam(0.01)
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(x, y, batch_size=8, epochs=3, verbose=0)
    changed = [moved(b, a) for b, a in zip(before, conv.get_weights())]
    print(f"{label}: frozen values moved {sum(c[..., FROZEN].sum() for c in changed)} of 20,",
          f"free values moved {sum(c[..., ~FROZEN].sum() for c in changed)} of 20")
