"""Never finishes in time."""

import time

time.sleep(600)
