"""A Dropout layer with trainable=False still drops units when called with training=True."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes which units are dropped, run after run

dropout = keras.layers.Dropout(0.5)
dropout.trainable = False
x = np.ones((1, 10), dtype="float32")

print("dropout.trainable:", dropout.trainable, "| weights:", len(dropout.weights))
print("dropout(x, training=True): ", np.asarray(dropout(x, training=True)))
print("dropout(x, training=False):", np.asarray(dropout(x, training=False)))
print("dropout(x):                ", np.asarray(dropout(x)))
