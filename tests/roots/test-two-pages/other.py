"""The second page's snippet."""

print("second")
