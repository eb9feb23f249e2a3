"""The freeze report on a frozen keras.applications base under a new head, grouped by type."""
# Continues freeze_report.py: run the four cells that define freeze_report first.
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run

# weights=None: nothing is downloaded; minimalistic=True: the same layers in Keras 2 and 3
base = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None,
                                           include_top=False, minimalistic=True)
base.trainable = False
inputs = keras.Input(shape=(32, 32, 3))
h = base(inputs, training=False)  # as the Keras transfer-learning guide writes it
h = keras.layers.GlobalAveragePooling2D(name="pool")(h)
h = keras.layers.Dropout(0.2, name="dropout")(h)
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))
model.compile(optimizer="adam", loss="mse")

x = np.random.default_rng(0).normal(size=(4, 32, 32, 3)).astype("float32")
freeze_report(model, x, np.ones((4, 1), dtype="float32"), group_nested=True)
