"""What count_params(), the weight lists and summary() report as a model is frozen, compiled, fit."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights and the shuffling, run after run


def summary_calls(model):
    calls = []  # Keras 3 calls print_fn once with the whole summary, Keras 2 once per line
    model.summary(print_fn=lambda text, **kwargs: calls.append(text))
    return calls


def size(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


def report(title, model):
    print(title)
    print(f"  count_params(): {model.count_params()} | trainable_weights: "
          f"{size(model.trainable_weights)} values | non_trainable_weights: "
          f"{size(model.non_trainable_weights)} values")
    for line in "\n".join(summary_calls(model)).splitlines():
        if line.strip().endswith(")") and "params:" in line:  # the count lines only
            print("  " + line.strip())


model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="dense"),
                          keras.layers.Dense(1, name="head")])
rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
report("1. built, nothing frozen", model)
model.get_layer("dense").trainable = False
report("2. dense frozen, not compiled", model)
model.compile(optimizer="adam", loss="mse")
report("3. compiled", model)
model.fit(x, y, batch_size=8, epochs=1, verbose=0)
report("4. after fit", model)
print(f"  optimizer.variables: {len(model.optimizer.variables)}, holding "
      f"{size(model.optimizer.variables)} values")
model.get_layer("dense").trainable = True
report("5. dense unfrozen, not compiled again", model)
model.compile(optimizer="adam", loss="mse")
report("6. compiled again", model)
print("calls to print_fn in one summary():", len(summary_calls(model)))
