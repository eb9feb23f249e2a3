"""Freezing rows of an Embedding by zeroing their gradient in a custom train_step."""
import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
ids, y = rng.integers(0, 10, size=(64, 5)), rng.normal(size=(64, 1)).astype("float32")
VECTORS = rng.normal(size=(10, 4)).astype("float32")  # stands in for loaded word vectors
FROZEN = np.arange(10) < 6  # rows 0-5: pretrained vectors to keep; rows 6-9: new tokens
KEEP = 1 - FROZEN[:, None].astype("float32")  # 0 on a frozen row, for its 4 values
L2 = keras.regularizers.L2(0.01)


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class GradientMask(keras.Sequential):
    def train_step(self, data):
        with tf.GradientTape() as tape:
            loss = self.compute_loss(x=data[0], y=data[1], y_pred=self(data[0], training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        grads[0] = tf.convert_to_tensor(grads[0]) * KEEP  # the Embedding's gradient, made dense
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


for label in ("Adam", "AdamW", "Adam, L2 regularizer", "Adam, after 1 epoch without the mask"):
    emb = keras.layers.Embedding(10, 4, embeddings_initializer=keras.initializers.Constant(VECTORS),
                                 embeddings_regularizer=L2 if "L2" in label else None)
    model = GradientMask([keras.Input(shape=(5,)), emb, keras.layers.GlobalAveragePooling1D(),
                          keras.layers.Dense(1)])
    optimizer = keras.optimizers.AdamW(0.01) if "AdamW" in label else keras.optimizers.Adam(0.01)
    if "after" in label:  # a plain model on the same layers: Adam gets a history for every row
        plain = keras.Sequential(model.layers)
        plain.compile(optimizer=optimizer, loss="mse")
        plain.fit(ids, y, batch_size=16, epochs=1, verbose=0)
    model.compile(optimizer=optimizer, loss="mse")
    before = emb.embeddings.numpy()
    model.fit(ids, y, batch_size=16, epochs=3, verbose=0)
    changed = moved(before, emb.embeddings.numpy())
    print(f"{label}: frozen values moved {changed[FROZEN].sum()} of 24,",
          f"free values moved {changed[~FROZEN].sum()} of 16")
