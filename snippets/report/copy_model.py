"""Freeze report, part 1 of 4: a compiled copy of a model, with its weights and trainable flags."""
from tensorflow import keras


def walk(orig, copy, path=()):  # (original, copy, names down to it) of every layer
    for a, b in zip(orig.layers, copy.layers):
        if not isinstance(a, keras.layers.InputLayer):
            yield a, b, (*path, a.name)
            if hasattr(a, "layers"):  # a nested model: its layers too
                yield from walk(a, b, (*path, a.name))


def copy_model(model):
    """A copy of a compiled Sequential or functional `model`, compiled as `fit` would train it,
    and the (original layer, copied layer, names down to it) row of every layer."""
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
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
    return clone, rows
