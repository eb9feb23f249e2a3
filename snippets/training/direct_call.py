"""A layer called directly receives exactly the `training` you pass, or its own default."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # the same start for every run, though nothing here is random
seen = []  # every `training` value the probe receives


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def call(self, inputs, training=None):
        seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


class ProbeDefaultTrue(Probe):
    """The same probe, but its `call` defaults to training=True."""

    def call(self, inputs, training=True):
        seen.append(training)
        return inputs


def show(case, run):
    seen.clear()
    run()
    print(f"{case:<37} -> probe received training={', '.join(sorted({str(v) for v in seen}))}")


x = np.ones((4, 3), dtype="float32")
for probe in (Probe(name="probe"), ProbeDefaultTrue(name="probe_default_true")):
    show(f"{probe.name}(x)", lambda: probe(x))
    show(f"{probe.name}(x, training=True)", lambda: probe(x, training=True))
    show(f"{probe.name}(x, training=False)", lambda: probe(x, training=False))
