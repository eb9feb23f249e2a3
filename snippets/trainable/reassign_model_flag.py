"""Setting `model.trainable = True` on a model whose layers were frozen one by one."""
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run

inputs = keras.Input(shape=(4,), name="input")
h = keras.layers.Dense(3, name="dense_1")(inputs)
model = keras.Model(inputs, keras.layers.Dense(1, name="dense_2")(h))
for layer in model.layers:
    layer.trainable = False
print("each layer frozen:", {layer.name: layer.trainable for layer in model.layers},
      "| model.trainable:", model.trainable)

model.trainable = True
print("then model.trainable = True:", {layer.name: layer.trainable for layer in model.layers})
model.trainable = False
model.trainable = True
print("then False, then True:", {layer.name: layer.trainable for layer in model.layers})
