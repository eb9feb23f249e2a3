"""Freeze report, part 2 of 4: record the mode each layer of the copy runs in during training."""
# Continues copy_model.py: run that cell first.
import inspect

from tensorflow import keras


def record_modes(clone, rows):
    """Wrap the `call` of each copied layer that takes a `training` argument; return
    {layer: modes}, which fills while the copy's train step is traced, and only then."""
    modes, tracing = {}, []

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
    return modes
