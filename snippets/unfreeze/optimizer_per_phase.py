"""Unfreezing between two fits: a new optimizer, or one built for every weight before phase 1."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return (np.abs(after - before) > 1e-6 * (1 + np.abs(before))).any()


for way in ("A new Adam for phase 2", "Phase 1's Adam again, built for all weights before phase 1",
            "Phase 1's keras.optimizers.legacy.Adam again"):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="block1"),
                              keras.layers.Dense(3, name="block2"),
                              keras.layers.Dense(1, name="head")])
    print(f"{way}:")
    try:
        adam = (keras.optimizers.legacy.Adam if "legacy" in way else keras.optimizers.Adam)(0.01)
    except ImportError:  # Keras 3 has no legacy optimizers
        print("  ImportError: not available in this version")
        continue
    if "built" in way:
        adam.build(model.trainable_variables)  # while every layer is still trainable
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = False
    model.compile(optimizer=adam, loss="mse")
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)  # phase 1: 8 steps, the head only
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = True
    adam = keras.optimizers.Adam(0.01) if "new" in way else adam  # the optimizer for phase 2
    model.compile(optimizer=adam, loss="mse")
    state = adam.variables() if callable(adam.variables) else adam.variables  # legacy: a method
    moments = [v.numpy() for v in state if len(v.shape) > 0]  # exactly 0 until a step updates them
    print(f"  when phase 2 starts: optimizer.iterations = {int(adam.iterations.numpy())},",
          f"Adam moment values not zero: {sum(int((m != 0).sum()) for m in moments)}",
          f"of {sum(m.size for m in moments)}")
    before = [layer.get_weights() for layer in model.layers]
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)  # phase 2: 8 steps
    changed = [layer.name for layer, old in zip(model.layers, before)
               if any(moved(b, a) for b, a in zip(old, layer.get_weights()))]
    print(f"  after phase 2: optimizer.iterations = {int(adam.iterations.numpy())},",
          f"weights moved in {', '.join(changed)}")
