"""What brings Adam's state back: `load_model` on a `.keras` file, or `load_weights`."""
import os
import tempfile

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the data, run after run


def build(dense_trainable=False, build_optimizer=False):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(4, name="dense"),
                              keras.layers.Dense(1, name="head")])
    model.get_layer("dense").trainable = dense_trainable  # Adam keeps moments per trainable weight
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    if build_optimizer:  # create the moment variables now, before any training step
        model.optimizer.build(model.trainable_variables)
    return model


def describe(model):
    # Adam's moments have the shapes of the weights; the step counter is a scalar
    moments = [v for v in model.optimizer.variables if len(v.shape) > 0]
    nonzero = sum(int(np.any(v.numpy())) for v in moments)
    return (f"iterations={int(model.optimizer.iterations.numpy())}, "
            f"moment arrays: {len(moments)}, non-zero: {nonzero}")


x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
trained = build()
trained.fit(x, np.ones((32, 1)), batch_size=8, epochs=1, verbose=0)  # 4 steps
print("trained, dense frozen:\n ", describe(trained))

with tempfile.TemporaryDirectory() as folder:  # removed afterwards, with the files in it
    trained.save(os.path.join(folder, "model.keras"))
    trained.save_weights(os.path.join(folder, "model.weights.h5"))
    loaded = keras.models.load_model(os.path.join(folder, "model.keras"))
    print("load_model(.keras):\n ", describe(loaded))
    for title, fresh in [("optimizer not built", build()),
                         ("optimizer built", build(build_optimizer=True)),
                         ("optimizer built, dense trainable", build(True, build_optimizer=True))]:
        fresh.load_weights(os.path.join(folder, "model.weights.h5"))
        print(f"load_weights(.weights.h5), {title}:\n ", describe(fresh))
