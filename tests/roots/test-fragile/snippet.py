"""Prints what differs between the two numerics configurations: a fragile output."""

import os

print("intra-op threads:", os.environ.get("TF_NUM_INTRAOP_THREADS", "default"))
