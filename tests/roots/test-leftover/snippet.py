"""Starts a process that outlives it."""

import subprocess

subprocess.Popen(["sleep", "600"])
print("started")
