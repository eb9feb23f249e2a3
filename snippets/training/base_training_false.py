"""A base model built into a new functional model with `base(x, training=False)`."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the Dense weights, run after run
seen = []  # every `training` value the probe receives


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def call(self, inputs, training=None):
        seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


def show(case, run):
    seen.clear()
    run()
    print(f"{case:<28} -> probe received training={', '.join(sorted({str(v) for v in seen}))}")


probe = Probe(name="probe")
base_inputs = keras.Input(shape=(3,), name="base_input")
base = keras.Model(base_inputs, keras.layers.Dense(3, name="base_dense")(probe(base_inputs)),
                   name="base")
base.trainable = False

inputs = keras.Input(shape=(3,), name="input")
features = base(inputs, training=False)  # written into the new model's graph
new_model = keras.Model(inputs, keras.layers.Dense(1, name="head")(features), name="new_model")
new_model.compile(optimizer="sgd", loss="mse")
x, y = np.ones((4, 3), dtype="float32"), np.ones((4, 1), dtype="float32")

show("new_model(x)", lambda: new_model(x))
show("new_model(x, training=True)", lambda: new_model(x, training=True))
show("new_model(x, training=False)", lambda: new_model(x, training=False))
show("new_model.fit", lambda: new_model.fit(x, y, verbose=0))
show("new_model.evaluate", lambda: new_model.evaluate(x, y, verbose=0))
show("new_model.predict", lambda: new_model.predict(x, verbose=0))
