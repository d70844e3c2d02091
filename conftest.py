"""Project-wide pytest set-up.

Kernels started by nbval inherit IPYTHONDIR=tests/ipython, whose start-up
file turns FutureWarning/DeprecationWarning into errors and blocks network
connections (see tests/ipython/profile_default/startup/00_course_guard.py).
Notebook items are marked 'notebook' so 'make test-unit' can skip them.
"""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
os.environ["IPYTHONDIR"] = str(ROOT / "tests" / "ipython")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
