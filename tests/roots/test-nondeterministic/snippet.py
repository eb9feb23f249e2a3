"""Prints a different number on every run: no seed."""

import random

print(random.random())
