"""A callback that unfreezes one block per epoch inside fit: setting trainable is not enough."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1
UNFREEZE = {1: "block2", 2: "block1"}  # epoch -> the block made trainable when it begins


class GradualUnfreeze(keras.callbacks.Callback):
    def __init__(self, then):
        super().__init__()
        self.then = then  # what the callback does after setting trainable

    def on_epoch_begin(self, epoch, logs=None):
        if epoch in UNFREEZE:
            self.model.get_layer(UNFREEZE[epoch]).trainable = True
            self.then(self.model)
        self.before = [layer.get_weights() for layer in self.model.layers]

    def on_epoch_end(self, epoch, logs=None):
        # moved: changed by over 1e-6 of its size; smaller moves are float rounding, CPU-dependent
        moved = [layer.name for layer, old in zip(self.model.layers, self.before)
                 if any((np.abs(a - b) > 1e-6 * (1 + np.abs(b))).any()
                        for b, a in zip(old, layer.get_weights()))]
        print(f"  epoch {epoch}: unfrozen {UNFREEZE.get(epoch, 'none')}, moved {', '.join(moved)}")


attempts = {"nothing else": lambda model: None,
            "model.compile('adam', 'mse')": lambda model: model.compile("adam", "mse"),
            "model.train_function = None": lambda model: setattr(model, "train_function", None)}
for label, then in attempts.items():
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="block1"),
                              keras.layers.Dense(3, name="block2"),
                              keras.layers.Dense(1, name="head")])
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = False
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    print(f"Callback sets trainable = True, then {label}:")
    try:
        model.fit(x, y, batch_size=8, epochs=4, verbose=0, callbacks=[GradualUnfreeze(then)])
        print(f"  after fit: {len(model.trainable_weights)} trainable weights")
    except TypeError as error:  # fit calls model.train_function at its next step
        print(f"  fit raised {type(error).__name__}; train_function = {model.train_function}")
