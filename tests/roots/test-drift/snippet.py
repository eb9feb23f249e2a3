"""Prints two lines; the stored expected output has a different second line."""

print("hello")
print(6 * 7)
