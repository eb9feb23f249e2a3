"""A frozen keras.applications base is one layer of the new model, and all its layers are frozen."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

# weights=None: nothing is downloaded; weights="imagenet" changes the values, not the freezing.
# minimalistic=True: 103 layers in Keras 2 and 3 (the default variant has 229 and 157)
base = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None,
                                           include_top=False, minimalistic=True)
base.trainable = False  # sets the flag of every layer inside the base too
inputs = keras.Input(shape=(32, 32, 3), name="image")
h = base(inputs, training=False)
h = keras.layers.GlobalAveragePooling2D(name="pool")(h)
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))


def values(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


print("model.layers:", [f"{layer.name} ({type(layer).__name__})" for layer in model.layers])
print("len(model.layers):", len(model.layers), "| len(base.layers):", len(base.layers))
print("layers of the base with trainable=True:", sum(layer.trainable for layer in base.layers))
for kind in ("trainable", "non_trainable"):
    weights = getattr(model, f"{kind}_weights")
    print(f"model.{kind}_weights: {len(weights)} weights, {values(weights)} values")
print("layers that hold the trainable weights:",
      sorted({layer.name for layer in model.layers if layer.trainable_weights}))

lines = []  # Keras 3 passes the whole summary in one call, Keras 2 one line per call
model.summary(show_trainable=True, print_fn=lambda text, **kwargs: lines.extend(text.splitlines()))
for line in lines:  # the table's width follows the terminal; these lines do not
    if "params" in line:
        print("summary:", line.strip())
