"""Freeze report, part 4 of 4: freeze_report, which trains a copy one step and reports on it."""
# Continues print_report.py: run the cells above first.
import numpy as np


def freeze_report(model, x, y, group_nested=False):
    """Train one step on (x, y) on a copy of a compiled Sequential or functional `model` and print,
    per layer, what moved and in which mode the layer ran. `model` itself is not changed."""
    clone, rows = copy_model(model)
    modes = record_modes(clone, rows)
    before = {id(w): w.numpy().copy() for w in clone.weights}
    clone.train_on_batch(x, y)

    def count(weights):  # [moved, all] values; moved if |after - before| > 1e-6 * (1 + |before|)
        old = [before[id(w)] for w in weights]
        return [sum(int((np.abs(w.numpy() - o) > 1e-6 * (1 + np.abs(o))).sum())
                    for w, o in zip(weights, old)), sum(o.size for o in old)]

    counts = {b: np.array(count(b.trainable_weights) + count(b.non_trainable_weights))
              for _, b, _ in rows}
    print_report(rows, modes, counts, group_nested)
