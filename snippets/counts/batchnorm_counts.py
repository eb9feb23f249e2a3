"""BatchNormalization's moving statistics count as non-trainable params, frozen or not."""
import re

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


def summary(model):
    calls = []  # Keras 3 calls print_fn once with the whole summary, Keras 2 once per line
    model.summary(print_fn=lambda text, **kwargs: calls.append(text), show_trainable=True)
    text = "\n".join(calls)
    counts = re.findall(r"(?m)^ ?((?:Non-t|T)rainable params: [\d,]+)", text)
    # the last cell of a layer's row is its "Trainable" column: Y or N
    column = {row.split()[0]: row.split()[-1] for row in text.replace("│", " ").splitlines()
              if row.split()[:1] in (["dense"], ["bn"], ["head"])}
    return ", ".join(counts), column


rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
for frozen in ("nothing", "bn"):
    model = keras.Sequential([keras.Input(shape=(4,)),
                              keras.layers.Dense(3, use_bias=False, name="dense"),
                              keras.layers.BatchNormalization(name="bn"),
                              keras.layers.Dense(1, name="head")])
    bn = model.get_layer("bn")
    bn.trainable = frozen != "bn"
    model.compile(optimizer="sgd", loss="mse")
    counts, column = summary(model)
    print(f"{frozen} frozen: summary() {counts}")
    print("  Trainable column:", column)
    print("  bn trainable_weights:", [w.name.split("/")[-1].split(":")[0] for w in bn.trainable_weights])
    before = {w.name: w.numpy().copy() for w in bn.weights}
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    print("  bn values changed by fit:",
          {w.name.split("/")[-1].split(":")[0]: int(moved(before[w.name], w.numpy()).sum())
           for w in bn.weights})
