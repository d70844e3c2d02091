"""Execute lesson notebooks in place, top to bottom, as the test suite does.

Usage: python tools/execute_notebooks.py [NOTEBOOK_OR_FOLDER ...]

'make refresh' calls it on notebooks/ (exercise stubs excluded: they are
generated blank). The kernel starts with the same guard as under pytest
(tests/ipython: warnings as errors, no network), so stored outputs are exactly
what the tests will compare against.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {"exercises", ".ipynb_checkpoints", "_build"}


def notebooks_in(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths or ["notebooks"]):
        if p.is_dir():
            found += sorted(q for q in p.rglob("*.ipynb") if not SKIP_DIRS & set(q.parts))
        else:
            found.append(p)
    return found


def kernel_env() -> dict:
    """The environment for a kernel under the course guard (this process's own is left alone)."""
    return {**os.environ, "IPYTHONDIR": str(ROOT / "tests" / "ipython")}


def execute(path: Path, timeout: int = 600) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=kernel_env())
    elapsed = time.perf_counter() - start
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    for path in notebooks_in(argv):
        print(f"{path} ... ", end="", flush=True)
        print(f"{execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
