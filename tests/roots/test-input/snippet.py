"""Waits for input that never comes."""

print("your name?", input())
