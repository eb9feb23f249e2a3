"""A BatchNormalization layer with trainable=False runs in inference mode, even if training=True."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # nothing random below; set so every snippet starts the same way


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


x = np.random.default_rng(0).normal(loc=5.0, scale=2.0, size=(16, 2)).astype("float32")

for trainable in (True, False):
    bn = keras.layers.BatchNormalization(name="bn")
    bn.build(x.shape)
    bn.trainable = trainable
    inference = np.asarray(bn(x, training=False))  # moving statistics: still 0 and 1
    stats = [bn.moving_mean.numpy().copy(), bn.moving_variance.numpy().copy()]
    out = np.asarray(bn(x, training=True))
    print(f"trainable={trainable}, called with training=True:")
    print("  output mean:", np.round(out.mean(axis=0), 4) + 0.0)  # + 0.0 turns -0.0 into 0.0
    print("  same output as training=False:", bool(np.allclose(out, inference)))
    print("  moving_mean changed:", bool(moved(stats[0], bn.moving_mean.numpy()).any()))
    print("  moving_variance changed:", bool(moved(stats[1], bn.moving_variance.numpy()).any()))
