"""The freeze report on a GAN: the discriminator compiled trainable, then frozen in the GAN."""
# Continues freeze_report.py: run the four cells that define freeze_report first.
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run

disc = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(8, activation="relu", name="d_dense"),
    keras.layers.Dropout(0.3, name="d_dropout"),
    keras.layers.Dense(1, name="d_out"),
], name="disc")
disc.compile(optimizer="sgd", loss="mse")
disc.trainable = False  # the recipe: frozen for the combined model, after disc's own compile
gen = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(4, name="g_dense")], name="gen")
z_in = keras.Input(shape=(2,))
gan = keras.Model(z_in, disc(gen(z_in)), name="gan")
gan.compile(optimizer="sgd", loss="mse")

rng = np.random.default_rng(0)
x, z, ones = rng.normal(size=(8, 4)), rng.normal(size=(8, 2)), np.ones((8, 1))
print("report on disc, trained as disc.train_on_batch trains it:")
freeze_report(disc, x, ones)
print("report on gan, trained as gan.train_on_batch trains it:")
freeze_report(gan, z, ones)

before = disc.get_weights()  # the recipe's own discriminator step, to compare with the report
disc.train_on_batch(x, ones)
changed = sum(int((np.abs(a - b) > 1e-6 * (1 + np.abs(b))).sum())
              for a, b in zip(disc.get_weights(), before))
print(f"disc.train_on_batch itself changed {changed} of {disc.count_params()} disc values")
