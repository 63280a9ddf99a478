"""The test run is a demonstration run: pyproject's pytest options load this first (`-p config.pytest_demo`).

It names the run before pytest-django reads the settings: the development key and console e-mail
(TANDEM_DEMO), and a cache in each test process's memory, so no test sees another's counts. A test
that needs production settings starts a process with its own environment.
"""

import os

os.environ.setdefault("TANDEM_DEMO", "true")
os.environ.setdefault("TANDEM_CACHE_URL", "locmem://")
