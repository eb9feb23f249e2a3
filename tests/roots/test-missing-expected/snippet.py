"""Has no stored expected output."""

print("nobody stored me")
