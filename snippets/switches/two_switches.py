"""`trainable` picks what fit may change; `training`, how Dropout and BatchNormalization behave."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(4, name="frozen_dense"),
    keras.layers.Dropout(0.5, name="dropout"),
    keras.layers.Dense(1, name="head"),
])
model.get_layer("frozen_dense").trainable = False
model.compile(optimizer="sgd", loss="mse")

x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
before = {layer.name: layer.get_weights() for layer in model.layers}
model.fit(x, np.ones((16, 1)), epochs=2, verbose=0)
for layer in model.layers:
    after = layer.get_weights()
    changed = sum(int(moved(b, a).sum()) for b, a in zip(before[layer.name], after))
    print(f"{layer.name:13} trainable={layer.trainable!s:5} values changed by fit: {changed}")

same = np.array_equal(model(x, training=True), model(x, training=True))
print("two calls with training=True give the same output:", same)
same = np.array_equal(model(x, training=False), model(x, training=False))
print("two calls with training=False give the same output:", same)
