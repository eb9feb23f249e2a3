"""A kernel_regularizer's penalty in model.losses and layer.losses, before and after freezing."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

base = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(3, name="block", kernel_regularizer=keras.regularizers.L2(0.1)),
], name="base")
model = keras.Sequential([keras.Input(shape=(4,)), base, keras.layers.Dense(1, name="head")])
block = base.get_layer("block")
penalty = 0.1 * float(np.sum(block.kernel.numpy() ** 2))  # what L2(0.1) adds, by hand
print("L2 penalty of block's kernel, computed by hand:", round(penalty, 3))


def freeze(layer):
    def do():
        layer.trainable = False
    return do


ways = {
    "all trainable": lambda: None,
    "block.trainable = False": freeze(block),
    "base.trainable = False": freeze(base),  # the usual way to freeze a pretrained base
    "model.trainable = False": freeze(model),
}
for label, way in ways.items():
    model.trainable = True  # sets every layer inside back to trainable
    way()
    total = sum(float(loss) for loss in model.losses)
    print(f"{label}: len(model.losses) = {len(model.losses)},",
          f"len(block.losses) = {len(block.losses)}, sum(model.losses) = {round(total, 3)}")
