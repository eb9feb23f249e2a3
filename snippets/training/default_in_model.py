"""A layer whose `call` defaults to training=True, inside a functional model."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the Dense weights, run after run
seen = []  # every `training` value the probe receives


class ProbeDefaultTrue(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def call(self, inputs, training=True):  # the default this snippet is about
        seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


def show(case, run):
    seen.clear()
    run()
    print(f"{case:<24} -> probe received training={', '.join(sorted({str(v) for v in seen}))}")


probe = ProbeDefaultTrue(name="probe")
inputs = keras.Input(shape=(3,), name="input")
model = keras.Model(inputs, keras.layers.Dense(1, name="dense")(probe(inputs)))
model.compile(optimizer="sgd", loss="mse")
x, y = np.ones((4, 3), dtype="float32"), np.ones((4, 1), dtype="float32")

show("model(x)", lambda: model(x))
show("model(x, training=True)", lambda: model(x, training=True))
show("model(x, training=False)", lambda: model(x, training=False))
show("model.fit", lambda: model.fit(x, y, verbose=0))
show("model.evaluate", lambda: model.evaluate(x, y, verbose=0))
show("model.predict", lambda: model.predict(x, verbose=0))
