"""The same recipe with the base wrapped in a layer that always calls it with training=False."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run
x = np.random.default_rng(0).normal(size=(64, 8)).astype("float32")
y = (x[:, 1:2] > 0).astype("float32")  # the new task: a binary label


def groups(model):  # bn's weights: gamma, beta, moving_mean, moving_variance
    dense_1, bn, dense_2 = (base.get_layer(n).get_weights() for n in ("dense_1", "bn", "dense_2"))
    return {"dense_1": dense_1, "bn gamma/beta": bn[:2], "bn moving stats": bn[2:],
            "dense_2": dense_2, "head": model.layers[-1].get_weights()}


def fit_and_report(title, model):
    before = groups(model)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    moves = []  # "yes" if any value moved by more than 1e-6 of its size (less is CPU rounding)
    for name, weights in groups(model).items():
        still = all(np.allclose(a, b, rtol=1e-6, atol=1e-6) for a, b in zip(weights, before[name]))
        moves.append(f"{name} {'no' if still else 'yes'}")
    print(f"{title}\n  weights moved: {', '.join(moves)}")


class InferenceMode(keras.layers.Wrapper):  # calls the model it wraps with training=False
    def call(self, inputs):  # no `training` argument: fit has nothing to pass in
        return self.layer(inputs, training=False)


inputs = keras.Input(shape=(8,))  # the base, standing in for a pretrained model
h = keras.layers.Dense(16, activation="softplus", name="dense_1")(inputs)
h = keras.layers.BatchNormalization(name="bn")(h)
h = keras.layers.Dense(16, activation="softplus", name="dense_2")(h)
base = keras.Model(inputs, keras.layers.Dropout(0.5)(h), name="base")

base.trainable = False  # phase 1: freeze the base, wrap it, train a new head
model = keras.Sequential([keras.Input(shape=(8,)), InferenceMode(base),
                          keras.layers.Dense(1, activation="sigmoid", name="head")])
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
fit_and_report("Phase 1, base frozen and wrapped:", model)

base.trainable = True  # phase 2: unfreeze the whole base, recompile with a low learning rate
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="binary_crossentropy")
fit_and_report("Phase 2, whole base unfrozen, still wrapped:", model)
