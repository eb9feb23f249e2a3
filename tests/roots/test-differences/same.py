"""Prints the same under every flavour."""

print("same everywhere")
