"""Changing the rate of an existing optimizer in place: which ways work, and when."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(64, 8)).astype("float32")
y = (x[:, 1:2] > 0).astype("float32")
base = keras.Sequential([keras.layers.Dense(16, activation="relu")], name="base")
head = keras.layers.Dense(1, activation="sigmoid", name="head")
model = keras.Sequential([keras.Input(shape=(8,)), base, head])
adam = keras.optimizers.Adam(1e-2)
adam.build(model.trainable_variables)  # every weight, so that phase 2 can reuse this Adam


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


head_change = []  # mean change of a value of the head's kernel, per phase
for phase in (1, 2):
    base.trainable = phase == 2  # phase 1: the head alone; phase 2: the base too
    model.compile(optimizer=adam, loss="binary_crossentropy")
    adam.learning_rate = 1e-2 if phase == 1 else 1e-4  # in place: the same Adam, its moments kept
    before = [head.get_weights()[0], base.get_weights()[0]]
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    head_change.append(np.abs(head.get_weights()[0] - before[0]).mean())
ratio = head_change[1] / head_change[0]  # one significant digit: the exact value differs by CPU
print(f"Head kernel change, phase 2 at 1e-4 / phase 1 at 1e-2: {ratio:.1g};",
      f"base kernel moved in phase 2: {moved(before[1], base.get_weights()[0]).any()}")

WAYS = ("optimizer.learning_rate = 1e-5", "optimizer.learning_rate.assign(1e-5)",
        "K.set_value(optimizer.learning_rate, 1e-5)", "K.set_value(optimizer.lr, 1e-5)")
for rate in (1e-2, keras.optimizers.schedules.PiecewiseConstantDecay([100], [1e-2, 1e-3])):
    print("Adam(0.01):" if rate == 1e-2 else "Adam(PiecewiseConstantDecay, 0.01 until step 100):")
    for way in WAYS:
        optimizer, variable = keras.optimizers.Adam(rate), tf.Variable([1.0])
        try:
            exec(way, {"optimizer": optimizer, "K": keras.backend})  # the line as written
        except (AttributeError, TypeError) as error:
            print(f"  {way}: {type(error).__name__}")  # messages change between releases
            continue
        optimizer.apply_gradients([(tf.constant([1.0]), variable)])  # Adam's first step: the rate
        print(f"  {way}: no error; first step {1 - float(variable.numpy()[0]):.1g}")
