"""A new Adam per block: one fit per phase, or compile and make_train_function in a callback."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1
UNFREEZE = {1: "block2", 2: "block1"}  # epoch -> the block made trainable when it begins


class Blocks(keras.callbacks.Callback):
    def __init__(self, unfreeze):
        super().__init__()
        self.unfreeze = unfreeze  # True: this callback unfreezes; False: it only reports

    def on_epoch_begin(self, epoch, logs=None):
        if self.unfreeze and epoch in UNFREEZE:
            self.model.get_layer(UNFREEZE[epoch]).trainable = True
            self.model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
            self.model.make_train_function(force=True)  # compile removed it; fit needs one
        self.before = [layer.get_weights() for layer in self.model.layers]

    def on_epoch_end(self, epoch, logs=None):
        # moved: changed by over 1e-6 of its size; smaller moves are float rounding, CPU-dependent
        moved = [layer.name for layer, old in zip(self.model.layers, self.before)
                 if any((np.abs(a - b) > 1e-6 * (1 + np.abs(b))).any()
                        for b, a in zip(old, layer.get_weights()))]
        print(f"  epoch {epoch}: unfrozen {UNFREEZE.get(epoch, 'none')}, moved {', '.join(moved)}")


for in_callback in (False, True):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="block1"),
                              keras.layers.Dense(3, name="block2"),
                              keras.layers.Dense(1, name="head")])
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = False
    print("One fit; the callback calls compile and make_train_function:" if in_callback
          else "One fit per phase; compile before each:")
    for first, last in ([(0, 4)] if in_callback else [(0, 1), (1, 2), (2, 4)]):  # epochs
        if not in_callback and first in UNFREEZE:
            model.get_layer(UNFREEZE[first]).trainable = True
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
        model.fit(x, y, batch_size=8, initial_epoch=first, epochs=last, verbose=0,
                  callbacks=[Blocks(unfreeze=in_callback)])
    print(f"  iterations of the Adam compiled last: {int(model.optimizer.iterations.numpy())}")
