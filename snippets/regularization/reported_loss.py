"""Does the loss that evaluate, train_on_batch and fit report contain a frozen layer's penalty?"""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1
model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(3, name="block", kernel_regularizer=keras.regularizers.L2(0.1)),
    keras.layers.Dense(1, name="head"),
])
block = model.get_layer("block")


def same(a, b):
    # closer than 1e-5 of the value: the same number up to float rounding
    return abs(a - b) <= 1e-5 * (1 + abs(a))


def check(label, call):
    mse = float(np.mean((np.asarray(model(x)) - y) ** 2))  # by hand, before the call
    penalty = 0.1 * float(np.sum(block.kernel.numpy() ** 2))
    loss = float(np.ravel(call())[0])
    found = {mse: "the mse alone", mse + penalty: "mse + L2 penalty"}
    print(f"  {label:15} {next((v for k, v in found.items() if same(k, loss)), 'other')}")


def check_all(title):
    print(title)
    check("evaluate", lambda: model.evaluate(x, y, batch_size=32, verbose=0))
    check("train_on_batch", lambda: model.train_on_batch(x, y))
    # one batch of 32: fit reports the loss computed before its only update
    check("fit", lambda: model.fit(x, y, batch_size=32, verbose=0).history["loss"])


model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
check_all("block trainable; the loss reported by")
block.trainable = False
check_all("block.trainable = False, not compiled again; the loss reported by")
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
check_all("block.trainable = False, then compile; the loss reported by")
