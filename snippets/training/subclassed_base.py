"""The same base called from a subclassed model's `call` with `self.base(x, training=False)`."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the Dense weights, run after run
seen = []  # every `training` value the probe receives


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def call(self, inputs, training=None):
        seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


class NewModel(keras.Model):
    def __init__(self, base, **kwargs):
        super().__init__(**kwargs)
        self.base, self.head = base, keras.layers.Dense(1, name="head")

    def call(self, inputs, training=None):
        # Runs as Python at every call (and trace), so training=False is passed every time.
        return self.head(self.base(inputs, training=False))


def show(case, run):
    seen.clear()
    run()
    print(f"{case:<28} -> probe received training={', '.join(sorted({str(v) for v in seen}))}")


probe = Probe(name="probe")
inputs = keras.Input(shape=(3,), name="base_input")
base = keras.Model(inputs, keras.layers.Dense(3, name="base_dense")(probe(inputs)), name="base")
base.trainable = False
new_model = NewModel(base, name="new_model")
new_model.compile(optimizer="sgd", loss="mse")
x, y = np.ones((4, 3), dtype="float32"), np.ones((4, 1), dtype="float32")
show("new_model(x)", lambda: new_model(x))
show("new_model(x, training=True)", lambda: new_model(x, training=True))
show("new_model(x, training=False)", lambda: new_model(x, training=False))
show("new_model.fit", lambda: new_model.fit(x, y, verbose=0))
show("new_model.evaluate", lambda: new_model.evaluate(x, y, verbose=0))
show("new_model.predict", lambda: new_model.predict(x, verbose=0))
