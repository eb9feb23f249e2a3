"""In a custom loop, `training=True` turns on Dropout and BatchNormalization's batch statistics."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class Keep(keras.layers.Layer):
    """Passes its input through and keeps the last tensor it saw."""

    def call(self, inputs):
        self.seen = inputs
        return inputs


x = np.random.default_rng(0).normal(loc=3.0, size=(16, 4)).astype("float32")

for training, bn_trainable in [(True, True), (None, True), (True, False)]:
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="softplus", name="dense"),  # never exactly 0
        keras.layers.BatchNormalization(name="bn"), Keep(name="after_bn"),
        keras.layers.Dropout(0.5, name="dropout"), Keep(name="after_dropout"),
        keras.layers.Dense(1, name="head"),
    ])
    bn = model.get_layer("bn")
    bn.trainable = bn_trainable
    moving_mean = bn.moving_mean.numpy()
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=training) - 1.0) ** 2)  # the target is 1
    variables = model.trainable_variables
    keras.optimizers.SGD(0.01).apply_gradients(zip(tape.gradient(loss, variables), variables))
    # batch statistics centre each unit on 0 over the batch; the initial moving ones do not
    batch_stats = bool(np.all(np.abs(model.get_layer("after_bn").seen.numpy().mean(0)) < 1e-3))
    dropped = int((model.get_layer("after_dropout").seen.numpy() == 0).sum())
    print(f"training={training}, bn.trainable={bn_trainable}:",
          f"batch statistics used: {batch_stats},",
          f"moving_mean changed: {int(moved(moving_mean, bn.moving_mean.numpy()).sum())}/8,",
          f"units dropped: {dropped}/128")
