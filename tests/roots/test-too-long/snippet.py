"""Prints more lines than a page can show."""

for number in range(1000):
    print("line", number)
