"""Unfreezing a layer the optimizer has never seen fails, unless the optimizer was built for it."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
y = np.ones((8, 1), dtype="float32")

for build_first in (False, True):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, name="body"),
        keras.layers.Dense(1, name="head"),
    ])
    optimizer = keras.optimizers.Adam(0.01)
    if build_first:  # give the optimizer every variable it may ever update, frozen ones too
        optimizer.build(model.trainable_variables)
    print(f"optimizer.build() with all variables first: {build_first}")
    for body_trainable in (False, True):
        model.get_layer("body").trainable = body_trainable
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
        variables = model.trainable_variables
        try:
            optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
            print(f"  body.trainable={body_trainable}: step ok,",
                  f"optimizer.iterations = {int(optimizer.iterations.numpy())}")
        except (KeyError, ValueError) as error:  # the class differs between Keras 2 and 3
            print(f"  body.trainable={body_trainable}: {type(error).__name__},",
                  "the optimizer does not know body's variables")
