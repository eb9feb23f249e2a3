"""In a custom loop, `training=True` turns on Dropout and BatchNormalization's batch statistics."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run

x = np.random.default_rng(0).normal(loc=3.0, size=(16, 4)).astype("float32")
y = np.ones((16, 1), dtype="float32")

for training, bn_trainable in [(True, True), (None, True), (True, False)]:
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="softplus", name="dense"),  # never exactly 0
        keras.layers.BatchNormalization(name="bn"),
        keras.layers.Dropout(0.5, name="dropout"),
        keras.layers.Dense(1, name="head"),
    ])
    bn = model.get_layer("bn")
    bn.trainable = bn_trainable
    # a view of the same layers up to Dropout, to count the units it zeroes
    upto_dropout = keras.Model(model.inputs, model.get_layer("dropout").output)
    moving_mean = bn.moving_mean.numpy()
    optimizer = keras.optimizers.SGD(0.01)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=training) - y) ** 2)
    variables = model.trainable_variables
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    print(f"training={training}, bn.trainable={bn_trainable}:",
          f"moving_mean values changed = {int((bn.moving_mean.numpy() != moving_mean).sum())} of 8,",
          f"units dropped = {int((upto_dropout(x, training=training).numpy() == 0).sum())} of 128")
