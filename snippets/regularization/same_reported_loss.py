"""Two ways to get the same reported numbers before and after freezing a regularized layer."""
import numpy as np
from tensorflow import keras

x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


class KeepFrozenPenalties(keras.Sequential):
    def compute_loss(self, *args, **kwargs):
        loss = super().compute_loss(*args, **kwargs)
        if hasattr(keras, "ops"):  # Keras 3 only: tf-keras already counts these penalties
            for weight in self.non_trainable_weights:
                if weight.regularizer is not None:
                    loss = loss + weight.regularizer(weight)
        return loss


heads = {}  # the head's kernel after one train_on_batch, frozen block
for cls, metrics in ((keras.Sequential, ["mse"]), (KeepFrozenPenalties, None)):
    print(f"{cls.__name__}, compile(loss='mse', metrics={metrics}):")
    for trainable in (True, False):
        keras.utils.set_random_seed(0)  # the same initial weights for every model
        model = cls([
            keras.Input(shape=(4,)),
            keras.layers.Dense(3, name="block", kernel_regularizer=keras.regularizers.L2(0.1)),
            keras.layers.Dense(1, name="head"),
        ])
        model.get_layer("block").trainable = trainable
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse", metrics=metrics)
        for call in ("evaluate", "train_on_batch"):
            kwargs = {"batch_size": 32, "verbose": 0} if call == "evaluate" else {}
            logs = getattr(model, call)(x, y, return_dict=True, **kwargs)
            shown = ", ".join(f"{k} {round(float(v), 3)}" for k, v in sorted(logs.items()))
            print(f"  block.trainable = {trainable!s:5}, {call:14}: {shown}")
        heads[cls.__name__] = model.get_layer("head").kernel.numpy()
print("Frozen block: train_on_batch moved head the same way with both classes:",
      not moved(heads["Sequential"], heads["KeepFrozenPenalties"]).any())
