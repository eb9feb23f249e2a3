"""Unfreezing the top of a keras.applications base from a named layer: what becomes trainable."""
from collections import Counter

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

# weights=None: nothing is downloaded; weights="imagenet" changes the values, not the freezing
base = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None,
                                           include_top=False, minimalistic=True)
base.trainable = False  # phase 1: the head is trained on the frozen base
inputs = keras.Input(shape=(32, 32, 3), name="image")
h = keras.layers.GlobalAveragePooling2D(name="pool")(base(inputs, training=False))
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))

# phase 2: the last block and the last convolution; Keras 3 names them with _, Keras 2 with /
name = "expanded_conv_10_expand" if hasattr(keras, "ops") else "expanded_conv_10/expand"
base.trainable = True  # sets every layer inside the base to True as well
fine_tune_at = [layer.name for layer in base.layers].index(name)
for layer in base.layers[:fine_tune_at]:
    layer.trainable = False

print("fine_tune_at:", fine_tune_at, "of", len(base.layers), "layers")
# the default variant: Keras 2 makes a layer of each + and * in hard-swish, Keras 3 does not
full = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None, include_top=False)
print("len(base.layers) with minimalistic=False:", len(full.layers))
top = base.layers[fine_tune_at:]
print("layers with trainable=True:", sum(layer.trainable for layer in base.layers),
      "| of them with weights:", dict(Counter(type(x).__name__ for x in top if x.weights)))
weights = model.trainable_weights
print("model.trainable_weights:", len(weights), "weights,",
      sum(int(np.prod(w.shape)) for w in weights), "values")
print("base.trainable:", base.trainable)

inner = model.get_layer(base.name).get_layer(name)  # the model only knows the base by name
print(f"model.get_layer(base.name).get_layer(name): {type(inner).__name__}, {inner.trainable = }")
try:
    model.get_layer(name)
except ValueError as error:
    print("model.get_layer(name) raises", type(error).__name__)

lines = []  # Keras 3 passes the whole summary in one call, Keras 2 one line per call
model.summary(show_trainable=True, print_fn=lambda text, **kwargs: lines.extend(text.splitlines()))
print("summary:", next(line.strip() for line in lines if "Trainable params" in line))
