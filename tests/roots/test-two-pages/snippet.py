"""The first page's snippet."""

print("first")
