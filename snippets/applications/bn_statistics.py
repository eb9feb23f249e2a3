"""One fit step on an unfrozen top: do its BatchNormalization moving statistics move?"""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


base = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None,
                                           include_top=False, minimalistic=True)
bns = [layer for layer in base.layers if isinstance(layer, keras.layers.BatchNormalization)]
x, other = np.random.default_rng(0).uniform(0, 255, (2, 8, 32, 32, 3)).astype("float32")
# weights=None leaves moving statistics of 0 and 1, under which activations fade to almost 0
# in inference mode; set them from other images, as ImageNet weights bring statistics of their own
for bn in bns:
    bn.momentum = 0.0  # the moving statistics become those of the next batch
base(other, training=True)
for bn in bns:
    bn.momentum = 0.999  # as MobileNetV3 builds them
start = base.get_weights()  # each way below starts from the same base
fine_tune_at = 91  # the first layer of the last block, as in the previous script
top_bn = [bn for bn in bns if base.layers.index(bn) >= fine_tune_at]
for way in ("base(inputs)", "base(inputs, training=False)", "base(inputs), BN frozen again"):
    base.set_weights(start)
    base.trainable = True
    for layer in base.layers[:fine_tune_at]:
        layer.trainable = False
    for bn in top_bn:
        bn.trainable = not way.endswith("again")  # after base.trainable, which set them to True
    inputs = keras.Input(shape=(32, 32, 3), name="image")
    h = base(inputs, training=False) if "False" in way else base(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.GlobalAveragePooling2D()(h)))
    model.compile(optimizer="adam", loss="mse", run_eagerly=True)  # no tracing of 103 layers
    before = [v.numpy().copy() for v in model.weights]  # all of them, the base's included
    model.fit(x, np.ones((8, 1), "float32"), batch_size=8, epochs=1, verbose=0)  # one step
    changed = {id(v): moved(b, v.numpy()).any() for b, v in zip(before, model.weights)}
    trained = [changed[id(w)] for w in model.trainable_weights]
    stats = [changed[id(bn.moving_mean)] or changed[id(bn.moving_variance)] for bn in top_bn]
    print(f"{way:30} trainable weights moved: {sum(trained):2} of {len(trained):2},",
          f"moving statistics moved in {sum(stats)} of {len(stats)} BN layers")
