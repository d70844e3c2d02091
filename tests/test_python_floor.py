"""The Python floor the project states is the one its locked packages impose.

The floor is derived again here from the ``Requires-Python`` metadata of every
distribution pinned in requirements/lock.txt, as installed in this
environment, and compared with pyproject.toml's ``requires-python``, the
README and environment.yml: a new lock that raises the floor fails here until
they all say so. The interpreter check that ``make`` runs first is tested on
versions below, at and above the floor.
"""
from __future__ import annotations

import importlib.metadata as md
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_setup  # noqa: E402


def locked_distributions() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def lower_bound(spec: str) -> Version | None:
    """The smallest version a Requires-Python specifier admits (None: no lower bound)."""
    bounds = [Version(s.version.rstrip(".*")) for s in SpecifierSet(spec) if s.operator in (">=", ">", "~=", "==")]
    return max(bounds, default=None)


def derived_floor() -> tuple[Version, list[str]]:
    """(the highest lower bound, the distributions that set it), from installed metadata."""
    floors: dict[str, Version] = {}
    for name, version in locked_distributions().items():
        dist = md.distribution(name)
        assert dist.version == version, f"{name} {dist.version} is installed, the lock pins {version}: run make setup"
        bound = lower_bound(dist.metadata.get("Requires-Python") or "")
        if bound is not None:
            floors[name] = bound
    top = max(floors.values())
    return top, sorted(name for name, bound in floors.items() if bound == top)


def test_lower_bound_reads_the_specifiers():
    assert lower_bound(">=3.11.5") == Version("3.11.5")
    assert lower_bound(">= 3.11") == Version("3.11")
    assert lower_bound(">=3.9,!=3.10.0,<4") == Version("3.9")
    assert lower_bound("~=3.10") == Version("3.10")
    assert lower_bound("") is None


def test_requires_python_is_the_floor_of_the_locked_packages():
    floor, setters = derived_floor()
    stated = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert stated == f">={floor}", (
        f"the locked packages need Python >={floor} ({', '.join(setters)}); pyproject.toml says {stated!r}")


def test_readme_and_environment_state_the_same_floor():
    floor, _ = derived_floor()
    readme = (ROOT / "README.md").read_text()
    assert f"Python {floor} or newer" in readme, f"README.md must say 'Python {floor} or newer'"
    env = (ROOT / "environment.yml").read_text()
    assert re.search(rf"^\s+- python\s*>={re.escape(str(floor))}(,|\s*$)", env, re.M), (
        f"environment.yml must ask for python>={floor}")


def test_tested_versions_are_stated_and_admitted_by_the_floor():
    floor, tested = check_setup.python_requirements()
    assert tested, "pyproject.toml names no 'Programming Language :: Python :: 3.x' classifier"
    readme = (ROOT / "README.md").read_text()
    for minor in tested:
        assert Version(f"{minor}.99") >= Version(".".join(map(str, floor)))
        assert f"tested on Python {minor}" in readme
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert here in tested, f"this environment runs Python {here}, which pyproject.toml does not list as tested"


@pytest.mark.parametrize(("version", "status", "words"), [
    ((3, 11, 2), "FAIL", ["Python 3.11.2", "too old", "needs >=3.11.5", "make test PYTHON=/path/to/python3.11"]),
    ((3, 10, 14), "FAIL", ["too old", "conda create -n imbalance-lab 'python>=3.11.5'"]),
    ((3, 11, 5), "ok", ["needs >=3.11.5", "tested on 3.11"]),
    ((3, 13, 1), "WARN", ["Python 3.13.1", "tested on 3.11", "make test PYTHON=python3.11"]),
])
def test_the_interpreter_verdict_says_what_was_found_needed_and_how_to_choose(version, status, words):
    got, line = check_setup.python_verdict(version, (3, 11, 5), ["3.11"], "/usr/bin/python3", goal="test")
    assert got == status
    assert "\n" not in line
    for word in words:
        assert word in line, (word, line)


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here (conda users): the make targets are the pip path's")
def test_make_checks_the_interpreter_first_in_one_line():
    done = subprocess.run(["make", "-s", "python-check"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok") and "needs >=" in lines[0], lines
    dry = subprocess.run(["make", "-n", "-s", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert dry.index("check_setup.py --python-only") < dry.index("-m pytest"), dry


def test_the_interpreter_check_parses_on_old_pythons():
    """An old interpreter must reach the one-line answer, not a SyntaxError or ImportError."""
    import ast

    source = (ROOT / "tools" / "check_setup.py").read_text()
    ast.parse(source, feature_version=(3, 6))
    top_imports = {alias.name for node in ast.parse(source).body if isinstance(node, ast.Import) for alias in node.names}
    assert top_imports <= {"argparse", "os", "re", "sys"}, top_imports


def _old_interpreters() -> list[str]:
    """Interpreters on this machine below the floor (Debian 12's own 3.11.2, say)."""
    import shutil

    floor, _ = check_setup.python_requirements()
    found = []
    for name in ("python3", "python3.11", "python3.10", "python3.9"):
        for path in {shutil.which(name), f"/usr/bin/{name}"}:
            if path and Path(path).is_file():
                done = subprocess.run([path, "-c", "import sys; print(*sys.version_info[:3])"],
                                      capture_output=True, text=True, timeout=30)
                if done.returncode == 0 and tuple(map(int, done.stdout.split())) < floor:
                    found.append(path)
    return sorted(set(found))


@pytest.mark.parametrize("python", _old_interpreters() or [pytest.param(None, marks=pytest.mark.skip(
    reason="no interpreter below the floor on this machine"))])
def test_a_real_old_interpreter_gets_one_failing_line(python):
    done = subprocess.run([python, str(ROOT / "tools" / "check_setup.py"), "--python-only", "--make-goal", "test"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == ""
    (line,) = done.stdout.strip().splitlines()
    assert line.startswith("FAIL  python") and "too old" in line and "make test PYTHON=" in line, line
