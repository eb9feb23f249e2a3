"""`layer(x, training=True)` written into a functional model, then the model run in inference."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the Dense weights, run after run


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = []

    def call(self, inputs, training=None):
        self.seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


def show(case, probe, run):
    probe.seen.clear()
    run()
    print(f"{case:<32} {', '.join(sorted({str(value) for value in probe.seen}))}")


probe = Probe(name="probe")
inputs = keras.Input(shape=(3,), name="input")
h = probe(inputs, training=True)  # e.g. Monte Carlo dropout: meant to stay on at inference
model = keras.Model(inputs, keras.layers.Dense(1, name="dense")(h))
model.compile(optimizer="sgd", loss="mse")
x, y = np.ones((4, 3), dtype="float32"), np.ones((4, 1), dtype="float32")

show("model(x)", probe, lambda: model(x))
show("model(x, training=True)", probe, lambda: model(x, training=True))
show("model(x, training=False)", probe, lambda: model(x, training=False))
show("model.fit", probe, lambda: model.fit(x, y, verbose=0))
show("model.evaluate", probe, lambda: model.evaluate(x, y, verbose=0))
show("model.predict", probe, lambda: model.predict(x, verbose=0))
