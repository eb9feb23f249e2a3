"""The freeze report on two frozen models with dropout, merged under a trainable Dense head."""
# Continues freeze_report.py: run the four cells that define freeze_report first.
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run


def pretrained_branch(name):
    inputs = keras.Input(shape=(4,))
    h = keras.layers.Dense(8, activation="softplus", name="dense")(inputs)
    return keras.Model(inputs, keras.layers.Dropout(0.5, name="dropout")(h), name=name)


model_a, model_b = pretrained_branch("model_A"), pretrained_branch("model_B")
model_a.trainable = False
model_b.trainable = False
inputs = keras.Input(shape=(4,))
merged = keras.layers.concatenate([model_a(inputs), model_b(inputs)], name="merged")
model_ab = keras.Model(inputs, keras.layers.Dense(1, name="head")(merged))
model_ab.compile(optimizer="sgd", loss="mse")


def state(model):  # weights, `trainable` flags of every layer, optimizer variables
    layers = [layer for m in (model, model_a, model_b) for layer in m.layers]
    flags = [model.trainable] + [layer.trainable for layer in layers]
    return model.get_weights(), flags, [v.numpy() for v in model.optimizer.variables]


x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
before = state(model_ab)
freeze_report(model_ab, x, np.ones((8, 1), dtype="float32"))
after = state(model_ab)
same = [all(np.array_equal(a, b) for a, b in zip(old, new)) for old, new in zip(before, after)]
print("model_ab after the report: same weights {}, same trainable flags {}, "
      "same optimizer variables {}".format(*same))
