"""One Dense layer shared by two models: which fits change it after each way of freezing."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes weights and data, run after run
rng = np.random.default_rng(0)
x, y = rng.normal(size=(16, 4)), rng.normal(size=(16, 1))


def moved(before, after):
    # a change smaller than 1e-6 of the value is float rounding, which differs between CPUs
    return np.abs(np.asarray(after) - before) > 1e-6 * (1 + np.abs(before))


for freeze in ("nothing frozen", "model1.trainable = False",
               "shared layer frozen: model1.get_layer('shared').trainable = False"):
    inputs = keras.Input(shape=(4,), name="input")
    shared = keras.layers.Dense(3, name="shared")
    features = shared(inputs)
    model1 = keras.Model(inputs, keras.layers.Dense(1, name="head1")(features), name="model1")
    model2 = keras.Model(inputs, keras.layers.Dense(1, name="head2")(features), name="model2")
    if freeze == "model1.trainable = False":
        model1.trainable = False
    elif freeze.startswith("shared layer frozen"):
        model1.get_layer("shared").trainable = False  # the same object as `shared`
    print(freeze)
    print("  shared.trainable:", shared.trainable, "| model2.trainable:", model2.trainable)
    for model in (model1, model2):
        model.compile(optimizer="sgd", loss="mse")  # after setting the flags, so fit sees them
        before = shared.get_weights()
        # 4 epochs: a new train function per fit, and with fewer epochs TensorFlow warns
        # (in Jupyter, on stdout) that most recent calls retraced; see tf.function retracing
        model.fit(x, y, epochs=4, verbose=0)
        changed = sum(int(moved(b, a).sum()) for b, a in zip(before, shared.get_weights()))
        print(f"  fit {model.name}: trainable_weights = {len(model.trainable_weights)},",
              f"shared weight values changed = {changed} of 15")
