"""Fine-tuning, phase 2: unfreeze the top layer of the base, recompile with a low learning rate."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run
rng = np.random.default_rng(0)
x_a, x_b = rng.normal(size=(2, 64, 8)).astype("float32")
y_a, y_b = x_a[:, :1] * 2 + 1, (x_b[:, 1:2] > 0).astype("float32")  # task A, then task B


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class ZeroCount(keras.layers.Layer):
    """Passes its input through and counts the units that arrive as zero."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.zeros = tf.Variable(0, trainable=False)

    def call(self, inputs):
        self.zeros.assign_add(tf.reduce_sum(tf.cast(inputs == 0.0, "int32")))
        return inputs


inputs = keras.Input(shape=(8,))
h = keras.layers.Dense(16, activation="softplus", name="dense_1")(inputs)  # never exactly 0
h = keras.layers.BatchNormalization(name="bn")(h)
h = keras.layers.Dense(16, activation="softplus", name="dense_2")(h)
h = keras.layers.Dropout(0.5, name="dropout")(h)
base = keras.Model(inputs, ZeroCount(name="zeros")(h), name="base")


def parts(head):
    bn = base.get_layer("bn").get_weights()  # gamma, beta, moving_mean, moving_variance
    return {"dense_1": base.get_layer("dense_1").get_weights(), "bn gamma/beta": bn[:2],
            "bn moving stats": bn[2:], "dense_2": base.get_layer("dense_2").get_weights(),
            "head": head.get_weights()}


def fit_and_report(title, model, head, x, y):
    before = parts(head)
    base.get_layer("zeros").zeros.assign(0)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0)  # 8 steps x 16 samples x 16 units
    # a group moved if any of its values moved: counts of values would depend on rounding
    changed = {k: any(moved(b, a).any() for b, a in zip(before[k], v))
               for k, v in parts(head).items()}
    print(title)
    print("  weights moved:", ", ".join(f"{k} {'yes' if c else 'no'}" for k, c in changed.items()))
    print(f"  dropout units dropped: {int(base.get_layer('zeros').zeros.numpy())} of 2048")


# The "pretrained" base: fit briefly, with everything trainable, on task A.
model_a = keras.Model(inputs, keras.layers.Dense(1, name="head_a")(base.output))
model_a.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
model_a.fit(x_a, y_a, batch_size=16, epochs=2, verbose=0)

# Phase 1: freeze the base, call it with training=False, train a new head on task B.
base.trainable = False
new_inputs = keras.Input(shape=(8,))
head = keras.layers.Dense(1, activation="sigmoid", name="head")
model = keras.Model(new_inputs, head(base(new_inputs, training=False)))
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
model.fit(x_b, y_b, batch_size=16, epochs=2, verbose=0)

# Phase 2: unfreeze only the top layer of the base. The model is not compiled again yet.
base.trainable = True
for layer in base.layers:
    layer.trainable = layer.name == "dense_2"
fit_and_report("Phase 2, dense_2 unfrozen, not recompiled:", model, head, x_b, y_b)

# compile() again, with a low learning rate so the pretrained weights move only a little.
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="binary_crossentropy")
fit_and_report("Phase 2, dense_2 unfrozen, recompiled with Adam(1e-5):", model, head, x_b, y_b)
