"""Two frozen models with dropout, merged under a trainable Dense head: what fit trains."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights and data, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def pretrained_branch(name):
    inputs = keras.Input(shape=(4,))
    h = keras.layers.Dense(8, activation="softplus", name="dense")(inputs)
    return keras.Model(inputs, keras.layers.Dropout(0.5)(h), name=name)


model_a, model_b = pretrained_branch("model_A"), pretrained_branch("model_B")
model_a.trainable = False
model_b.trainable = False

inputs = keras.Input(shape=(4,))
merged = keras.layers.concatenate([model_a(inputs), model_b(inputs)])
model_ab = keras.Model(inputs, keras.layers.Dense(1, name="head")(merged))
model_ab.compile(optimizer="sgd", loss="mse")

x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
frozen_before = model_a.get_weights() + model_b.get_weights()
model_ab.fit(x, np.ones((32, 1)), batch_size=8, epochs=1, verbose=0)
frozen_after = model_a.get_weights() + model_b.get_weights()
print("layers with trainable weights:", [l.name for l in model_ab.layers if l.trainable_weights])
print("frozen weight values changed by fit:",
      sum(int(moved(b, a).sum()) for b, a in zip(frozen_before, frozen_after)))
