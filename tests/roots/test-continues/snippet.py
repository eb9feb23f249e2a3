"""Prints what answer(), defined by the cell above, returns."""
# Continues defines.py: run that cell first.
print("answer:", answer())
