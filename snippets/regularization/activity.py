"""A frozen layer's activity_regularizer penalty, next to its kernel_regularizer penalty."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1


def same(a, b):
    # closer than 1e-5 of the value: the same number up to float rounding
    return abs(a - b) <= 1e-5 * (1 + abs(a))


for trainable in (True, False):
    block = keras.layers.Dense(3, name="block", kernel_regularizer=keras.regularizers.L2(0.1),
                               activity_regularizer=keras.regularizers.L2(0.1))
    model = keras.Sequential([keras.Input(shape=(4,)), block, keras.layers.Dense(1)])
    block.trainable = trainable
    model.compile(optimizer="sgd", loss="mse")
    # by hand: the activity penalty is divided by the batch size, in both versions
    kernel = 0.1 * float(np.sum(block.kernel.numpy() ** 2))
    activity = 0.1 * float(np.sum(np.asarray(block(x)) ** 2)) / len(x)
    mse = float(np.mean((np.asarray(model(x)) - y) ** 2))
    model(x)  # the activity penalty is recorded by a call of the layer
    names = sorted("kernel" if same(float(v), kernel) else "activity" if same(float(v), activity)
                   else "other" for v in model.losses)
    print(f"block.trainable = {trainable}:")
    print(f"  model.losses holds {len(names)}:", names)
    loss = model.evaluate(x, y, batch_size=32, verbose=0)
    sums = {"mse": mse, "mse + activity": mse + activity, "mse + kernel": mse + kernel,
            "mse + kernel + activity": mse + kernel + activity}
    print("  evaluate reports:", [name for name, v in sums.items() if same(v, loss)])
