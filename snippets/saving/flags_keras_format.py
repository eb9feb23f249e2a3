"""Which `trainable` flags of a model with a nested base come back from a `.keras` file."""
import os
import tempfile

from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run


def build():
    base = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(4, name="dense_1"),
        keras.layers.BatchNormalization(name="bn"),
        keras.layers.Dense(4, name="dense_2"),
    ], name="base")
    inputs = keras.Input(shape=(4,))
    return keras.Model(inputs, keras.layers.Dense(1, name="head")(base(inputs)))


def describe(model):
    base = model.get_layer("base")
    return (f"base={base.trainable}, {', '.join(f'{l.name}={l.trainable}' for l in base.layers)}, "
            f"head={model.get_layer('head').trainable}, "
            f"trainable weights: {len(model.trainable_weights)}")


layer_by_layer = build()
layer_by_layer.get_layer("base").get_layer("dense_1").trainable = False
layer_by_layer.get_layer("base").get_layer("bn").trainable = False
whole_base = build()
whole_base.get_layer("base").trainable = False  # also sets each layer of base to False

with tempfile.TemporaryDirectory() as folder:  # removed afterwards, with the file in it
    path = os.path.join(folder, "model.keras")
    for title, model in [("dense_1 and bn frozen", layer_by_layer), ("base frozen", whole_base)]:
        model.save(path)
        print(f"{title}:\n  saved:  {describe(model)}")
        print(f"  loaded: {describe(keras.models.load_model(path))}")
