"""Project-wide pytest set-up.

Kernels started by nbval inherit IPYTHONDIR=tests/ipython, whose start-up
file turns FutureWarning/DeprecationWarning into errors and blocks network
connections (see tests/ipython/profile_default/startup/00_course_guard.py).
Notebook items are marked 'notebook' so 'make test-unit' can skip them.

The docstring examples of the package's modules run as doctests, as
``--doctest-modules`` would run them, but over imbalance_lab/ only: the test
files, the browser helpers and the IPython start-up file are not imported a
second time as doctest modules.
"""
import os
from pathlib import Path

import pytest
from _pytest.doctest import DoctestModule  # pytest's own collector behind --doctest-modules

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "imbalance_lab"
os.environ["IPYTHONDIR"] = str(ROOT / "tests" / "ipython")
# imbalance_lab/ is a test path for its doctests only: nbval must not run the package's notebook
# templates (they are filled in and executed by imbalance_lab.reporting, not run as lessons).
collect_ignore_glob = ["imbalance_lab/**/*.ipynb"]


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".py" and file_path.parent == PACKAGE and not parent.config.getoption("doctestmodules"):
        return DoctestModule.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
