"""Passing `trainable_variables` into the tf.function: works in Keras 2, fails in Keras 3."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(3, name="body"),
    keras.layers.Dense(1, name="head"),
])
optimizer = keras.optimizers.SGD(0.1)
x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
y = np.ones((8, 1), dtype="float32")


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


@tf.function
def train_step(x, y, variables):  # a different list of variables makes tf.function trace again
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))


for step, body_trainable in enumerate([True, False], start=1):
    model.get_layer("body").trainable = body_trainable
    before = [layer.get_weights() for layer in model.layers]
    try:
        train_step(x, y, model.trainable_variables)  # read outside, at every call
    except AttributeError as error:  # its message names internals that change between releases
        print(f"step {step}: {type(error).__name__}, the optimizer got tensors, not variables")
        break
    changed = {layer.name: sum(int(moved(b, a).sum()) for b, a in zip(old, layer.get_weights()))
               for layer, old in zip(model.layers, before)}
    print(f"step {step}: body.trainable={body_trainable}, values changed: {changed}")
