"""`model.trainable = False` through a `.keras` file: layer flags come back, the model's may not."""
import os
import tempfile

from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run


def build(kind):
    layers = [keras.layers.Dense(4, name="dense"), keras.layers.Dense(1, name="head")]
    if kind == "Sequential":
        return keras.Sequential([keras.Input(shape=(4,)), *layers])
    inputs = keras.Input(shape=(4,))
    return keras.Model(inputs, layers[1](layers[0](inputs)))


def describe(model):
    return (f"model.trainable={model.trainable}, dense={model.get_layer('dense').trainable}, "
            f"head={model.get_layer('head').trainable}, "
            f"trainable weights: {len(model.trainable_weights)}")


with tempfile.TemporaryDirectory() as folder:  # removed afterwards, with the files in it
    path = os.path.join(folder, "model.keras")
    for kind in ("Sequential", "functional"):
        for head_back_on in (False, True):
            model = build(kind)
            model.trainable = False  # also sets each layer's flag to False
            if head_back_on:
                model.get_layer("head").trainable = True  # the model flag still freezes it
            model.save(path)
            print(f"{kind}, model frozen{', head set back to True' if head_back_on else ''}:")
            print(f"  saved:  {describe(model)}")
            print(f"  loaded: {describe(keras.models.load_model(path))}")
