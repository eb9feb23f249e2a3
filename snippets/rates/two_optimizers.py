"""A lower rate for the unfrozen base: a second optimizer in a custom train_step."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(64, 8)).astype("float32")
y = (x[:, 1:2] > 0).astype("float32")


class TwoRates(keras.Model):
    def train_step(self, data):  # compile's optimizer trains the head, base_optimizer the base
        x, y = data
        base_vars = self.get_layer("base").trainable_variables  # read when fit traces the step
        head_vars = self.get_layer("head").trainable_variables
        with tf.GradientTape() as tape:
            loss = self.compute_loss(x=x, y=y, y_pred=self(x, training=True))
        grads = tape.gradient(loss, base_vars + head_vars)
        if base_vars:  # a frozen base gives an empty list, which Keras 3 refuses (below)
            self.base_optimizer.apply_gradients(zip(grads[:len(base_vars)], base_vars))
        self.optimizer.apply_gradients(zip(grads[len(base_vars):], head_vars))
        return {"loss": loss}


inputs = keras.Input(shape=(8,))
base = keras.Sequential([keras.layers.Dense(16, activation="relu")], name="base")
model = TwoRates(inputs, keras.layers.Dense(1, activation="sigmoid", name="head")(base(inputs)))
base.trainable = False  # phase 1: the head alone, 8 steps
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
model.fit(x, y, batch_size=8, epochs=1, verbose=0)
base.trainable, after_phase_1 = True, model.get_weights()  # phase 2: both parts, 8 steps
for base_rate in (1e-2, 1e-4):
    model.set_weights(after_phase_1)  # the same start for both rates of the base
    model.base_optimizer = keras.optimizers.Adam(base_rate)
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
    kernels = [(k, k.numpy()) for k in (base.layers[0].kernel, model.get_layer("head").kernel)]
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    base_change, head_change = (np.abs(k.numpy() - old).mean() for k, old in kernels)
    print(f"base Adam({base_rate:g}), head Adam(0.01): mean change of a kernel value,",
          f"base / head: {base_change / head_change:.2f}")
try:
    keras.optimizers.Adam().apply_gradients([])
    print("apply_gradients([]): no error")
except ValueError:
    print("apply_gradients([]): ValueError")  # its message changes between releases
