"""Freezing rows of an embedding by keeping them in a separate, non-trainable weight."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
ids, y = rng.integers(0, 10, size=(64, 5)), rng.normal(size=(64, 1)).astype("float32")
VECTORS = rng.normal(size=(10, 4)).astype("float32")  # stands in for loaded word vectors


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class SplitEmbedding(keras.layers.Layer):
    regularizer = None  # set before the layer is built

    def build(self, input_shape):
        # rows 0-5 (pretrained vectors) and rows 6-9 (new tokens) are two variables
        self.old = self.add_weight(name="old", shape=(6, 4), trainable=False,
                                   initializer=keras.initializers.Constant(VECTORS[:6]),
                                   regularizer=self.regularizer)
        self.new = self.add_weight(name="new", shape=(4, 4), regularizer=self.regularizer)

    def call(self, ids):
        return tf.gather(tf.concat([self.old, self.new], axis=0), tf.cast(ids, "int32"))


for label in ("Adam", "AdamW", "Adam, L2 regularizer"):
    emb = SplitEmbedding()
    emb.regularizer = keras.regularizers.L2(0.01) if "L2" in label else None
    model = keras.Sequential([keras.Input(shape=(5,)), emb, keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1)])
    optimizer = keras.optimizers.AdamW(0.01) if "AdamW" in label else keras.optimizers.Adam(0.01)
    model.compile(optimizer=optimizer, loss="mse")
    before_new = emb.new.numpy()  # the new tokens start from random values
    model.fit(ids, y, batch_size=16, epochs=3, verbose=0)
    print(f"{label}: frozen values moved {moved(VECTORS[:6], emb.old.numpy()).sum()} of 24,",
          f"free values moved {moved(before_new, emb.new.numpy()).sum()} of 16")
print("weights the optimizer updates:", [tuple(w.shape) for w in model.trainable_weights])
