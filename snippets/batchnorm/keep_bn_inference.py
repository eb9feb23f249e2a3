"""Two ways to fine-tune a base while its BatchNormalization layers stay in inference mode."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class InferenceMode(keras.layers.Layer):
    """Calls the wrapped model with training=False, whatever mode the caller is in."""

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model

    def call(self, inputs):  # no `training` argument: Keras has nothing to pass in
        return self.model(inputs, training=False)


rng = np.random.default_rng(0)
x = rng.normal(loc=3.0, size=(32, 4)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")

for way in ("InferenceMode(base)", "BatchNormalization layers kept frozen"):
    base = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense"),
                             keras.layers.BatchNormalization(name="bn")], name="base")
    base.trainable = True  # the base is unfrozen for fine-tuning
    bn = base.get_layer("bn")
    if way.startswith("BatchNormalization"):
        bn.trainable = False  # set after the base: setting base.trainable resets every layer
    inputs = keras.Input(shape=(4,))
    h = InferenceMode(base)(inputs) if way.startswith("Inference") else base(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))
    model.compile(optimizer="sgd", loss="mse")
    watched = {"dense kernel": base.get_layer("dense").kernel, "bn gamma": bn.gamma,
               "bn moving_mean": bn.moving_mean}
    before = {name: np.array(variable) for name, variable in watched.items()}  # copies
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    print(f"{way}:")
    for name, variable in watched.items():
        print(f"  {name} changed by fit:", bool(moved(before[name], variable.numpy()).any()))
