"""Unfreezing one block per epoch inside fit: make_train_function(force=True) in the callback."""
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)  # fixes the initial weights, run after run
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = x[:, :1] * 2 + 1
UNFREEZE = {1: "block2", 2: "block1"}  # epoch -> the block made trainable when it begins


class GradualUnfreeze(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        if epoch in UNFREEZE:
            self.model.get_layer(UNFREEZE[epoch]).trainable = True
            self.model.make_train_function(force=True)  # a new training function, traced anew
        self.before = [layer.get_weights() for layer in self.model.layers]

    def on_epoch_end(self, epoch, logs=None):
        # moved: changed by over 1e-6 of its size; smaller moves are float rounding, CPU-dependent
        moved = [layer.name for layer, old in zip(self.model.layers, self.before)
                 if any((np.abs(a - b) > 1e-6 * (1 + np.abs(b))).any()
                        for b, a in zip(old, layer.get_weights()))]
        print(f"  epoch {epoch}: unfrozen {UNFREEZE.get(epoch, 'none')}, moved {', '.join(moved)}")


for build_first in (False, True):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="block1"),
                              keras.layers.Dense(3, name="block2"),
                              keras.layers.Dense(1, name="head")])
    adam = keras.optimizers.Adam(0.01)
    if build_first:
        adam.build(model.trainable_variables)  # while every layer is still trainable
    model.get_layer("block1").trainable = model.get_layer("block2").trainable = False
    model.compile(optimizer=adam, loss="mse")
    print("adam.build(model.trainable_variables) before freezing:", "yes" if build_first else "no")
    try:
        model.fit(x, y, batch_size=8, epochs=4, verbose=0, callbacks=[GradualUnfreeze()])
    except (KeyError, ValueError) as error:  # the class differs between Keras 2 and 3
        print(f"  fit raised {type(error).__name__}")
    moments = [v for v in adam.variables if len(v.shape) > 0]  # Adam: two per weight it knows
    print(f"  optimizer.iterations = {int(adam.iterations.numpy())},",
          f"weights the Adam keeps moments for: {len(moments) // 2} of {len(model.weights)}")
