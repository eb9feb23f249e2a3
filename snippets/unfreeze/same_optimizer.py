"""Compiling again with the same optimizer after unfreezing: the next fit fails."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1


def weights_with_moments(optimizer):
    # Adam keeps two moment estimates for each weight it was built with (and scalars besides)
    return len([v for v in optimizer.variables if len(v.shape) > 0]) // 2


attempts = {
    "blocks unfrozen": lambda model, adam: None,
    "blocks unfrozen, adam.build(model.trainable_variables)": lambda model, adam: adam.build(
        model.trainable_variables),
}
for label, before_compile in attempts.items():
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, name="block1"),
        keras.layers.Dense(3, name="block2"),
        keras.layers.Dense(1, name="head"),
    ])
    adam = keras.optimizers.Adam(0.01)
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = False
    model.compile(optimizer=adam, loss="mse")
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)  # phase 1: 8 steps, the head only
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = True
    before_compile(model, adam)
    model.compile(optimizer=adam, loss="mse")
    print(f"Phase 2: {label}, compiled again with phase 1's Adam")
    print(f"  trainable weights: {len(model.trainable_weights)},",
          f"weights the Adam keeps moments for: {weights_with_moments(adam)}")
    try:
        model.fit(x, y, batch_size=8, epochs=2, verbose=0)
        print(f"  fit ran; optimizer.iterations = {int(adam.iterations.numpy())}")
    except (KeyError, ValueError) as error:  # the class differs between Keras 2 and 3
        print(f"  fit raised {type(error).__name__};",
              f"optimizer.iterations = {int(adam.iterations.numpy())}, no step of phase 2 ran")
