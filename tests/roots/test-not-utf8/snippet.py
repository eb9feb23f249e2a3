"""Writes bytes that are not UTF-8 to stdout."""

import sys

sys.stdout.buffer.write(b"caf\xe9\n")
