"""Draws a number from a seeded generator; the two flavours draw different ones."""

import os
import random


def set_random_seed(seed):  # stands in for keras.utils.set_random_seed
    random.seed(seed)


set_random_seed(0)
if os.environ.get("TF_USE_LEGACY_KERAS") == "1":
    random.random()  # this flavour's generator is one draw ahead of the other's
print("the same line in both")
print(f"draw: {random.random():.6f}")
