"""Three ways to try to switch off the dropout of frozen models inside a model trained with fit."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


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


def fit_and_report(title, branches, call_branch):
    inputs = keras.Input(shape=(4,))
    merged = keras.layers.concatenate([call_branch(b, inputs) for b in branches])
    model_ab = keras.Model(inputs, keras.layers.Dense(1)(merged))
    model_ab.compile(optimizer="sgd", loss="mse")
    for b in branches:  # forget the calls made while building and by earlier ways
        b.get_layer("probe").training_seen.clear()
        b.get_layer("probe").zeros.assign(0)
    x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
    model_ab.fit(x, np.ones((32, 1)), batch_size=8, epochs=1, verbose=0)
    print(title)
    for b in branches:
        probe = b.get_layer("probe")
        print(f"  {b.name}: training during fit = {set(probe.training_seen)},",
              f"units dropped = {int(probe.zeros.numpy())} of {4 * 8 * 8}")


branches = [pretrained_branch("model_A"), pretrained_branch("model_B")]
for b in branches:
    b.trainable = False

# Way 1: call each frozen branch with training=False when building the new model.
fit_and_report("Way 1: branch(inputs, training=False)", branches,
               lambda b, inputs: b(inputs, training=False))


class InferenceMode(keras.layers.Layer):
    """Calls the wrapped model with training=False, whatever mode the caller is in."""

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model

    def call(self, inputs):  # no `training` argument: Keras has nothing to pass in
        return self.model(inputs, training=False)


# Way 2: wrap each frozen branch in a layer that always calls it with training=False.
fit_and_report("Way 2: InferenceMode(branch)(inputs)", branches,
               lambda b, inputs: InferenceMode(b)(inputs))

# Way 3: rebuild each branch without its Dropout layer (same frozen Dense weights).
trimmed = [keras.Model(b.input, DropProbe(name="probe")(b.get_layer("dense").output),
                       name=b.name + "_no_dropout") for b in branches]
fit_and_report("Way 3: branches rebuilt without Dropout", trimmed,
               lambda b, inputs: b(inputs))
