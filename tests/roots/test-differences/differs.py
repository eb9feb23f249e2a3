"""Prints which flavour selected it, so the two flavours give different outputs."""

import os

print("legacy" if os.environ.get("TF_USE_LEGACY_KERAS") == "1" else "keras 3")
