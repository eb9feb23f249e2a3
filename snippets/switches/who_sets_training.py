"""Who decides `training`: fit, evaluate, predict and a direct call, seen by a probe layer."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the weights and data, run after run


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = []

    def call(self, inputs, training=None):
        self.seen.append(training)  # recorded each time Keras traces or runs this call
        return inputs


probe = Probe()
inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, keras.layers.Dense(1)(probe(inputs)))
model.compile(optimizer="sgd", loss="mse")
x, y = np.ones((4, 3), "float32"), np.zeros((4, 1), "float32")

cases = {
    "fit": lambda: model.fit(x, y, epochs=1, verbose=0),
    "evaluate": lambda: model.evaluate(x, y, verbose=0),
    "predict": lambda: model.predict(x, verbose=0),
    "model(x)": lambda: model(x),
    "model(x, training=True)": lambda: model(x, training=True),
}
for name, run in cases.items():
    probe.seen.clear()
    run()
    print(f"{name:24} -> training = {sorted(set(probe.seen), key=str)}")
