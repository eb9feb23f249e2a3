"""Scaling the base's gradient lowers its step with SGD, but not with Adam or RMSprop."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

x = np.random.default_rng(0).normal(size=(64, 8)).astype("float32")
y = (x[:, 1:2] > 0).astype("float32")


class GradientScale(keras.layers.Layer):
    """Passes its input on unchanged, and the gradient back multiplied by `factor`."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):  # the value is inputs; only the first term carries a gradient
        return inputs * self.factor + tf.stop_gradient(inputs * (1 - self.factor))


def base_change(optimizer, factor):  # mean change of a value of the base's kernel
    keras.utils.set_random_seed(0)  # the same initial weights for every run
    base = keras.layers.Dense(16, activation="relu")
    model = keras.Sequential([keras.Input(shape=(8,)), base, GradientScale(factor),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=optimizer, loss="binary_crossentropy")
    before = base.kernel.numpy()
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)  # 8 steps
    return np.abs(base.kernel.numpy() - before).mean()


for name in ("SGD", "RMSprop", "Adam"):
    make = getattr(keras.optimizers, name)
    ratio = base_change(make(1e-2), 0.01) / base_change(make(1e-2), 1.0)
    # one significant digit: the exact ratio differs between CPUs
    print(f"{name}(0.01): gradient of the base scaled by 0.01, change of its kernel",
          f"relative to no scaling: {ratio:.1g}")
