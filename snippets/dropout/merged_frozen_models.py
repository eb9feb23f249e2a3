"""Two frozen models with dropout, merged under a trainable Dense head: fit still drops units."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class DropProbe(keras.layers.Layer):
    """Passes its input through; records `training` and counts units that arrive as zero."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.training_seen = []
        self.zeros = tf.Variable(0, trainable=False)

    def call(self, inputs, training=None):
        self.training_seen.append(training)  # recorded each time Keras traces this call
        self.zeros.assign_add(tf.reduce_sum(tf.cast(inputs == 0.0, "int32")))
        return inputs


def pretrained_branch(name):
    inputs = keras.Input(shape=(4,))
    # softplus is never exactly 0, so every zero the probe counts was made by Dropout
    h = keras.layers.Dense(8, activation="softplus", name="dense")(inputs)
    h = keras.layers.Dropout(0.5)(h)
    return keras.Model(inputs, DropProbe(name="probe")(h), name=name)


model_a, model_b = pretrained_branch("model_A"), pretrained_branch("model_B")
model_a.trainable = False
model_b.trainable = False

inputs = keras.Input(shape=(4,))
merged = keras.layers.concatenate([model_a(inputs), model_b(inputs)])
model_ab = keras.Model(inputs, keras.layers.Dense(1, name="head")(merged))
model_ab.compile(optimizer="sgd", loss="mse")

x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = np.ones((32, 1), dtype="float32")
frozen = [branch.get_layer("dense") for branch in (model_a, model_b)]
frozen_before = [w for layer in frozen for w in layer.get_weights()]
for branch in (model_a, model_b):
    branch.get_layer("probe").training_seen.clear()  # forget the calls made while building

model_ab.fit(x, y, batch_size=8, epochs=1, verbose=0)  # 4 steps of 8 samples x 8 units

frozen_after = [w for layer in frozen for w in layer.get_weights()]
print("layers with trainable weights:", [l.name for l in model_ab.layers if l.trainable_weights])
print("frozen weight values changed by fit:",
      sum(int(moved(b, a).sum()) for b, a in zip(frozen_before, frozen_after)))
for branch in (model_a, model_b):
    probe = branch.get_layer("probe")
    print(f"{branch.name}: training during fit = {set(probe.training_seen)},",
          f"units dropped = {int(probe.zeros.numpy())} of {4 * 8 * 8}")
