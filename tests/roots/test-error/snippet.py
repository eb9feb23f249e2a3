"""Raises on its third line."""
print("before the error")
raise ValueError("this snippet is broken")
