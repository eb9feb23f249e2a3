"""Inside fit, a frozen BatchNormalization layer normalizes with its moving statistics."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights of the head, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class MeanProbe(keras.layers.Layer):
    """Passes its input through and keeps the mean of the last batch it saw."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.last_mean = tf.Variable(0.0, trainable=False)

    def call(self, inputs):
        self.last_mean.assign(tf.reduce_mean(inputs))
        return inputs


rng = np.random.default_rng(0)
x = rng.normal(loc=5.0, scale=2.0, size=(32, 2)).astype("float32")  # mean about 5
y = rng.normal(size=(32, 1)).astype("float32")
print("mean of the last batch of x:", round(float(x[-8:].mean()), 1))

for trainable in (True, False):
    bn = keras.layers.BatchNormalization(name="bn")
    probe = MeanProbe(name="probe")
    model = keras.Sequential([keras.Input(shape=(2,)), bn, probe, keras.layers.Dense(1)])
    bn.trainable = trainable
    model.compile(optimizer="sgd", loss="mse")
    before = {"gamma": bn.gamma.numpy().copy(), "moving_mean": bn.moving_mean.numpy().copy()}
    model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)  # last batch: x[-8:]
    print(f"bn.trainable={trainable}: mean of bn output in the last step of fit:",
          round(float(probe.last_mean.numpy()), 1) + 0.0)  # + 0.0 turns -0.0 into 0.0
    for name, old in before.items():
        print(f"  {name} changed:", bool(moved(old, getattr(bn, name).numpy()).any()))
