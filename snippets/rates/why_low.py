"""After unfreezing, the fine-tuning rate decides how far the pretrained weights move."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
x_a, x_b = rng.normal(size=(512, 8)).astype("float32"), rng.normal(size=(64, 8)).astype("float32")
y_a, y_b = x_a[:, :1] * 2 + 1, (x_b[:, 1:2] > 0).astype("float32")  # task A, then task B


def loss_a():  # how well the base still serves task A, the task it was pretrained on
    return float(np.mean((np.asarray(model_a(x_a)) - y_a) ** 2))


base = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"),
                         keras.layers.Dense(16, activation="relu")], name="base")
model_a = keras.Sequential([base, keras.layers.Dense(1)])  # the "pretraining", on task A
model_a.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
model_a.fit(x_a, y_a, batch_size=8, epochs=1, verbose=0)  # 64 steps
pretrained = loss_a()
base.trainable = False  # phase 1: a new head learns task B on the frozen base
model = keras.Sequential([base, keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
model.fit(x_b, y_b, batch_size=4, epochs=1, verbose=0)  # 16 steps
after_phase_1 = model.get_weights()

base.trainable = True  # phase 2: the whole base unfrozen, then 1 epoch (4 steps) per rate
for rate in (1e-1, 1e-2, 1e-4):  # 1e-2 is the rate of phase 1
    model.set_weights(after_phase_1)  # every rate starts from the same phase-1 weights
    model.compile(optimizer=keras.optimizers.Adam(rate), loss="binary_crossentropy")
    kernel = base.layers[0].kernel.numpy()
    model.fit(x_b, y_b, batch_size=16, epochs=1, verbose=0)
    change = np.linalg.norm(base.layers[0].kernel.numpy() - kernel) / np.linalg.norm(kernel)
    # to the nearest power of ten: the exact change differs between CPUs
    print(f"Adam({rate:g}): first kernel of the base changed by about",
          f"{100 * 10 ** round(np.log10(change)):g}% of its norm;",
          f"task-A loss more than doubled: {loss_a() > 2 * pretrained}")
