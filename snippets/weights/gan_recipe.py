"""The Keras 2 GAN recipe: compile the discriminator, freeze it, compile the combined model."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
rng = np.random.default_rng(0)
x, z, ones = rng.normal(size=(8, 4)), rng.normal(size=(8, 2)), np.ones((8, 1))


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def changed(model, before):
    return sum(int(moved(b, a).sum()) for b, a in zip(before, model.get_weights()))


def gan_rounds(toggle):
    disc = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, name="d_dense")])
    disc.compile(optimizer="sgd", loss="mse")
    disc.trainable = False  # meant to freeze it only inside the combined model
    gen = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(4, name="g_dense")])
    gan = keras.Sequential([gen, disc])
    gan.compile(optimizer="sgd", loss="mse")
    for step in (1, 2):
        if toggle:
            disc.trainable = True
        before = disc.get_weights()
        disc.train_on_batch(x, ones)
        d_step = changed(disc, before)
        if toggle:
            disc.trainable = False
        d_before, g_before = disc.get_weights(), gen.get_weights()
        gan.train_on_batch(z, ones)
        print(f"  round {step}: disc step changed disc {d_step} of 5;",
              f"gan step changed disc {changed(disc, d_before)} of 5,",
              f"gen {changed(gen, g_before)} of 12")


print("recipe as written:")
gan_rounds(toggle=False)
print("disc.trainable set before each step:")
gan_rounds(toggle=True)
