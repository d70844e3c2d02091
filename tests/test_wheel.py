"""A built wheel carries the data: `pip install .` (not editable) can load every data set.

The test builds the wheel with ``pip wheel . --no-deps`` (from a copy of the sources), installs it with
``--no-deps`` into a fresh virtual environment, and runs the loaders from a
folder outside the source tree. The fresh venv borrows the project venv's
installed dependencies through a ``.pth`` file that names its site-packages
folder: a path line in a ``.pth`` file does not run the ``.pth`` files inside
that folder, so the editable install of this project (an import hook started
by ``__editable__*.pth``) stays out, and ``imbalance_lab`` can only come from
the wheel. ``python -I`` keeps the current folder and PYTHONPATH out too.

Building needs the build backend of pyproject.toml (pip fetches it from the
package index, or its cache, into an isolated build environment).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LOAD_ALL = """
import json, sys
import imbalance_lab
from imbalance_lab import datasets
loaders = sorted(n for n in datasets.__all__ if n.startswith("load_"))
shapes = {name: list(getattr(datasets, name)().shape) for name in loaders}
print(json.dumps({"package": imbalance_lab.__file__, "data_dir": str(datasets.DATA_DIR), "shapes": shapes}))
"""


def _data_files() -> set[str]:
    return {p.name for p in (ROOT / "data").iterdir() if p.suffix in (".csv", ".md")}


#: What a build reads. It runs on a copy, so no stale build/ folder of the work tree ends up in the wheel.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "imbalance_lab", "data")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source, out = tmp / "source", tmp / "dist"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "--disable-pip-version-check", "-w", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (built,) = out.glob("imbalance_lab-*.whl")
    return built


def test_the_wheel_holds_every_data_file_once(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    packaged = {Path(n).name for n in names if n.startswith("imbalance_lab/data/")}
    assert packaged == _data_files(), f"in the wheel: {sorted(packaged)}; in data/: {sorted(_data_files())}"
    assert not [n for n in names if n.startswith("data/")], "data/ must go inside the package, not beside it"


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed and the project venv's dependencies visible."""
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
         "-q", "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    Path(target, "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_an_installed_wheel_loads_every_data_set_outside_the_source_tree(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([str(installed), "-I", "-c", LOAD_ALL], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    venv_root = installed.parent.parent
    assert Path(report["package"]).is_relative_to(venv_root), f"imbalance_lab came from {report['package']}"
    assert Path(report["data_dir"]) == Path(report["package"]).parent / "data"
    assert not Path(report["data_dir"]).is_relative_to(ROOT)
    assert len(report["shapes"]) >= 3, report
    for name, (rows, columns) in report["shapes"].items():
        assert rows > 0 and columns > 1, (name, rows, columns)


def test_a_source_checkout_reads_the_top_level_data_folder():
    from imbalance_lab.datasets import DATA_DIR

    assert DATA_DIR == ROOT / "data"
