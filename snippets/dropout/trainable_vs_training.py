"""`trainable` decides what fit may change; `training` decides how Dropout behaves."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the dropout masks, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(4, kernel_initializer="ones", name="dense"),
    keras.layers.Dropout(0.5, name="dropout"),
])
model.trainable = False
model.compile(optimizer="sgd", loss="mse")

x = np.ones((8, 4), dtype="float32")
before = model.get_weights()
model.fit(x, np.zeros((8, 4)), epochs=3, verbose=0)  # a real training step, 3 times
changed = sum(int(moved(b, a).sum()) for b, a in zip(before, model.get_weights()))

print("trainable weights:", len(model.trainable_weights))
print("weight values changed by fit:", changed)
print("model(x[:1], training=True): ", np.asarray(model(x[:1], training=True)))
print("model(x[:1], training=False):", np.asarray(model(x[:1], training=False)))
