"""Freezing a whole model versus freezing each of its layers: what each flag and count reports."""
import re

from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run


def summary_counts(model):
    """The "Trainable params" and "Non-trainable params" numbers that summary() prints."""
    lines = []
    model.summary(print_fn=lambda line, **kwargs: lines.append(line))
    found = re.findall(r"(Non-trainable|Trainable) params: ([\d,]+)", "\n".join(lines))
    return ", ".join(f"{kind} {count}" for kind, count in found)


def report(title, model):
    print(title)
    print("  model.trainable:", model.trainable)
    print("  layer.trainable:", {layer.name: layer.trainable for layer in model.layers})
    print("  trainable_weights:", len(model.trainable_weights),
          "| non_trainable_weights:", len(model.non_trainable_weights))
    print("  summary():", summary_counts(model))


def sequential():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense_1"),
                             keras.layers.Dense(1, name="dense_2")])


def functional():
    inputs = keras.Input(shape=(4,), name="input")
    h = keras.layers.Dense(3, name="dense_1")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1, name="dense_2")(h))


for build in (sequential, functional):
    model = build()
    model.trainable = False
    report(f"{build.__name__}: model.trainable = False", model)
    model = build()
    for layer in model.layers:
        layer.trainable = False
    report(f"{build.__name__}: layer.trainable = False on each layer", model)
