"""Prints one line."""

print("one line")
