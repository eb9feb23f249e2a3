"""Inside a tf.function, `trainable_variables` is read once, when the step is traced."""
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
traces = []


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


@tf.function
def train_step(x, y):
    traces.append(1)  # Python code runs only while tf.function traces
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
    variables = model.trainable_variables  # read at trace time, then frozen into the graph
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))


for step, body_trainable in enumerate([True, False, False], start=1):
    model.get_layer("body").trainable = body_trainable
    before = [layer.get_weights() for layer in model.layers]
    traced_before = len(traces)
    train_step(x, y)
    changed = {layer.name: sum(int(moved(b, a).sum()) for b, a in zip(old, layer.get_weights()))
               for layer, old in zip(model.layers, before)}
    print(f"step {step}: body.trainable={body_trainable}, traced={len(traces) > traced_before},",
          f"values changed: {changed}")
