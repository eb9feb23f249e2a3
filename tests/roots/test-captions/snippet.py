"""Prints whether a layer is `trainable`."""

print("trainable: True")
