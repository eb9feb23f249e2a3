"""Switching dropout off, way 1: call each frozen model with training=False."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


class DropProbe(keras.layers.Layer):  # passes its input on; records `training`, counts zeros
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.training_seen, self.zeros = [], tf.Variable(0, trainable=False)

    def call(self, inputs, training=None):
        self.training_seen.append(training)  # recorded each time Keras traces this call
        self.zeros.assign_add(tf.reduce_sum(tf.cast(inputs == 0.0, "int32")))
        return inputs


def pretrained_branch(name):  # softplus is never 0: every zero the probe counts was dropped
    inputs = keras.Input(shape=(4,))
    h = keras.layers.Dense(8, activation="softplus", name="dense")(inputs)
    return keras.Model(inputs, DropProbe(name="probe")(keras.layers.Dropout(0.5)(h)), name=name)


model_a, model_b = pretrained_branch("model_A"), pretrained_branch("model_B")
model_a.trainable = model_b.trainable = False
inputs, branches = keras.Input(shape=(4,)), (model_a, model_b)
merged = keras.layers.concatenate([model_a(inputs, training=False),
                                   model_b(inputs, training=False)])
model_ab = keras.Model(inputs, keras.layers.Dense(1)(merged))
model_ab.compile(optimizer="sgd", loss="mse")
for branch in branches:
    branch.get_layer("probe").training_seen.clear()  # forget the calls made while building
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
model_ab.fit(x, np.ones((32, 1)), batch_size=8, epochs=1, verbose=0)  # 4 steps x 8 samples
print("Way 1: branch(inputs, training=False)")
for branch in branches:
    probe = branch.get_layer("probe")
    print(f"  {branch.name}: training during fit = {set(probe.training_seen)},",
          f"units dropped = {int(probe.zeros.numpy())} of {4 * 8 * 8}")
