"""A weights-only file restores values, not `trainable` flags; the file suffix matters."""
import os
import tempfile

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run


def build():
    base = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(4, name="dense_1"),
        keras.layers.Dense(4, name="dense_2"),
    ], name="base")
    inputs = keras.Input(shape=(4,))
    return keras.Model(inputs, keras.layers.Dense(1, name="head")(base(inputs)))


def leaves(model):
    return [*model.get_layer("base").layers, model.get_layer("head")]


saved = build()
saved.get_layer("base").get_layer("dense_1").trainable = False

with tempfile.TemporaryDirectory() as folder:  # removed afterwards, with the files in it
    for filename in ("model.weights.h5", "model.h5"):
        print(f"save_weights('{filename}'):")
        try:
            saved.save_weights(os.path.join(folder, filename))
        except ValueError as error:  # its message may change between releases: not printed
            print(f"  {type(error).__name__}, refused: the name must end in .weights.h5")
            continue
        keras.utils.set_random_seed(1)  # a fresh model with other initial values
        fresh = build()
        fresh.load_weights(os.path.join(folder, filename))
        print("  flags after load:", {l.name: l.trainable for l in leaves(fresh)})
        print("  values equal to the saved layer's:",
              {l.name: all(np.array_equal(a, b) for a, b in zip(l.get_weights(), s.get_weights()))
               for l, s in zip(leaves(fresh), leaves(saved))})
        pairs = zip(leaves(fresh)[0].get_weights(), leaves(saved)[1].get_weights())
        print("  dense_1 holds the saved dense_2 values:",
              all(np.array_equal(a, b) for a, b in pairs))
