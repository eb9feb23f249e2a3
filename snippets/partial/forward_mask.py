"""Freezing rows of an embedding with a mask and stop_gradient in the forward pass."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
ids, y = rng.integers(0, 10, size=(64, 5)), rng.normal(size=(64, 1)).astype("float32")
VECTORS = rng.normal(size=(10, 4)).astype("float32")  # stands in for loaded word vectors
FROZEN = np.arange(10) < 6  # rows 0-5: pretrained vectors to keep; rows 6-9: new tokens
MASK = FROZEN[:, None].astype("float32")  # 1 on a frozen row, for its 4 values


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class MaskedEmbedding(keras.layers.Layer):
    regularizer = None  # set before the layer is built

    def build(self, input_shape):
        self.table = self.add_weight(name="table", shape=(10, 4), regularizer=self.regularizer,
                                     initializer=keras.initializers.Constant(VECTORS))

    def call(self, ids):
        # the values of the table, but no gradient of the loss reaches the frozen rows; the
        # variable comes first: in Keras 3, numpy array * variable fails inside fit
        table = tf.stop_gradient(self.table) * MASK + self.table * (1 - MASK)
        return tf.gather(table, tf.cast(ids, "int32"))


for label in ("Adam", "AdamW", "AdamW, table excluded from decay", "Adam, L2 regularizer"):
    emb = MaskedEmbedding()
    emb.regularizer = keras.regularizers.L2(0.01) if "L2" in label else None
    model = keras.Sequential([keras.Input(shape=(5,)), emb, keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1)])
    optimizer = keras.optimizers.AdamW(0.01) if "AdamW" in label else keras.optimizers.Adam(0.01)
    if "excluded" in label:
        optimizer.exclude_from_weight_decay(var_list=[emb.table])  # before it is built
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(ids, y, batch_size=16, epochs=3, verbose=0)
    changed = moved(VECTORS, emb.table.numpy())
    print(f"{label}: frozen values moved {changed[FROZEN].sum()} of 24,",
          f"free values moved {changed[~FROZEN].sum()} of 16")
