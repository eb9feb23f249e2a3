"""The freeze report on a frozen keras.applications base under a new head, grouped by type."""
import inspect

import numpy as np
from tensorflow import keras


def freeze_report(model, x, y, group_nested=False):
    """Train one step on (x, y) on a copy of a compiled Sequential or functional `model` and print,
    per layer, what moved and in which mode the layer ran. `model` itself is not changed."""
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())

    def walk(orig, copy, path=()):  # (original, copy, names down to it) of every layer
        for a, b in zip(orig.layers, copy.layers):
            if not isinstance(a, keras.layers.InputLayer):
                yield a, b, (*path, a.name)
                if hasattr(a, "layers"):  # a nested model: its layers too
                    yield from walk(a, b, (*path, a.name))

    rows = list(walk(model, clone))

    def set_flags(flags):  # parents come before their layers, so each layer's own flag wins
        clone.trainable = flags.get(model, model.trainable)
        for a, b, _ in rows:
            b.trainable = flags.get(a, a.trainable)

    # Keras 2 (tf-keras, no keras.ops) trains with the `trainable` flags of the last compile;
    # Keras 3 with those of the first fit after compile, which for the copy are those of now
    set_flags({} if hasattr(keras, "ops") else model._compiled_trainable_state)
    opt = model.optimizer
    clone.compile(optimizer=type(opt).from_config(opt.get_config()), loss=model.loss)
    set_flags({})
    modes, tracing = {}, []  # layer -> the modes it ran in during the train step

    def recorder(layer, call, signature):
        def recorded(*args, **kwargs):
            if tracing:  # inside the train step, not while Keras builds the model before it
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                if not bound.arguments["training"]:
                    modes[layer].add("inference")
                elif isinstance(layer, keras.layers.BatchNormalization) and not layer.trainable:
                    modes[layer].add("inference (frozen)")  # it ignores training=True
                else:
                    modes[layer].add("training")
            return call(*args, **kwargs)
        return recorded

    ignored = (keras.layers.Dense.call, keras.layers.EinsumDense.call)  # Keras 3: unused there
    for _, b, _ in rows:
        signature = inspect.signature(b.call)
        if "training" in signature.parameters and type(b).call not in ignored:
            modes[b] = set()
            b.call = recorder(b, b.call, signature)
    step = clone.train_step
    clone.train_step = lambda data: tracing.append(True) or step(data)  # record from here on
    before = {id(w): w.numpy().copy() for w in clone.weights}
    clone.train_on_batch(x, y)

    def count(weights):  # [moved, all] values; moved if |after - before| > 1e-6 * (1 + |before|)
        old = [before[id(w)] for w in weights]
        return [sum(int((np.abs(w.numpy() - o) > 1e-6 * (1 + np.abs(o))).sum())
                    for w, o in zip(weights, old)), sum(o.size for o in old)]

    table = {}  # row key -> (depth, label, layers, flags, modes, moved/all counts)
    surprises = {"frozen but moved": [], "frozen but in training mode": [],
                 "trainable but did not move": []}
    for _, b, path in rows:
        kind = type(b).__name__
        c = np.array(count(b.trainable_weights) + count(b.non_trainable_weights))  # 4 counts
        mode = (modes[b] or {"not run"}) if b in modes else {"-"}
        grouped = group_nested and len(path) > 1  # the layers of a nested model, by type
        key = (*path[:-1], kind) if grouped else path
        depth, name, n, flags, seen, total = table.get(
            key, (len(path) - 1, f"{b.name} ({kind})", 0, set(), set(), 0))
        table[key] = (depth, f"{kind} x {n + 1}" if grouped else name, n + 1,
                      flags | {str(b.trainable)}, seen | mode, total + c)
        if hasattr(b, "layers"):
            continue  # a nested model's surprises are named at its layers
        if not b.trainable and c[0] + c[2]:
            surprises["frozen but moved"].append("/".join(path))
        if not b.trainable and "training" in mode:
            surprises["frozen but in training mode"].append("/".join(path))
        if b.trainable and c[1] and not c[0]:
            surprises["trainable but did not move"].append("/".join(path))
    print("freeze report: one training step on a copy; a value moved if |after - before| > "
          "1e-6 * (1 + |before|)")
    print(f"{'layer (type)':31}{'trainable':11}{'trainable moved':17}"
          f"{'non-trainable moved':21}mode")
    for depth, name, _, flags, seen, c in table.values():
        print(f"{'  ' * depth + name:31}{'mixed' if len(flags) > 1 else flags.pop():11}"
              f"{f'{c[0]} of {c[1]}':17}{f'{c[2]} of {c[3]}':21}{', '.join(sorted(seen))}")
    found = [f"{k}: {', '.join(v[:4])}{f' and {len(v) - 4} more' * (len(v) > 4)}"
             for k, v in surprises.items() if v]
    found += [] if count(clone.weights)[0] else ["nothing moved"]
    print("verdict:", "; ".join(found) or "no surprises")


keras.utils.set_random_seed(0)  # fixes weights, data and dropout masks, run after run

# weights=None: nothing is downloaded; minimalistic=True: the same layers in Keras 2 and 3
base = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None,
                                           include_top=False, minimalistic=True)
base.trainable = False
inputs = keras.Input(shape=(32, 32, 3))
h = base(inputs, training=False)  # as the Keras transfer-learning guide writes it
h = keras.layers.GlobalAveragePooling2D(name="pool")(h)
h = keras.layers.Dropout(0.2, name="dropout")(h)
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))
model.compile(optimizer="adam", loss="mse")

x = np.random.default_rng(0).normal(size=(4, 32, 32, 3)).astype("float32")
freeze_report(model, x, np.ones((4, 1), dtype="float32"), group_nested=True)
