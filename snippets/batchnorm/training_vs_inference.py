"""BatchNormalization normalizes with batch statistics in training mode, moving ones otherwise."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # nothing random below; set so every snippet starts the same way


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


# Two features with a mean of about 5 and a standard deviation of about 2.
x = np.random.default_rng(0).normal(loc=5.0, scale=2.0, size=(16, 2)).astype("float32")
print("batch mean:", np.round(x.mean(axis=0), 4))
bn = keras.layers.BatchNormalization(name="bn")  # momentum=0.99, the default
bn.build(x.shape)

for training in (False, True, None):
    moving_mean = bn.moving_mean.numpy().copy()
    out = np.asarray(bn(x, training=training))
    print(f"training={training}:")
    print("  output mean:", np.round(out.mean(axis=0), 4) + 0.0,  # + 0.0 turns -0.0 into 0.0
          "std:", np.round(out.std(axis=0), 4))
    print("  moving_mean changed:", bool(moved(moving_mean, bn.moving_mean.numpy()).any()),
          "now:", np.round(bn.moving_mean.numpy(), 4))
