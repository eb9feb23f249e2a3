"""A layer called directly receives exactly the `training` you pass, or its own default."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # the same start for every run, though nothing here is random


class Probe(keras.layers.Layer):
    """Passes its input through and records the `training` value Keras gives it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = []

    def call(self, inputs, training=None):
        self.seen.append(training)  # a Python value, recorded each time the call runs or is traced
        return inputs


class ProbeDefaultTrue(Probe):
    """The same probe, but its `call` defaults to training=True."""

    def call(self, inputs, training=True):
        self.seen.append(training)
        return inputs


def show(case, probe, run):
    probe.seen.clear()
    run()
    print(f"{case:<42} {', '.join(sorted({str(value) for value in probe.seen}))}")


x = np.ones((4, 3), dtype="float32")
for probe in (Probe(name="probe"), ProbeDefaultTrue(name="probe_default_true")):
    show(f"{probe.name}(x)", probe, lambda: probe(x))
    show(f"{probe.name}(x, training=True)", probe, lambda: probe(x, training=True))
    show(f"{probe.name}(x, training=False)", probe, lambda: probe(x, training=False))
