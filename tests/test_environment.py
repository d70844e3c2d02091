"""environment.yml (conda users) must install what requirements/lock.txt (pip) installs.

Conda is not available where the tests run, so this parses both files: every
package environment.yml names must be pinned to the lock file's version, and
every direct dependency of pyproject.toml must be named.
"""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[_norm(name)] = version
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _environment() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s+- ([A-Za-z0-9_.-]+)\s*={1,2}\s*([\w.]+)\s*$", line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def _direct_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return {_norm(re.split(r"[<>=!~\[ ;]", s, maxsplit=1)[0]) for s in specs}


def test_environment_versions_equal_the_lock():
    lock, env = _lock(), _environment()
    env.pop("python")
    mismatched = {name: (v, lock.get(name)) for name, v in env.items() if lock.get(name) != v}
    assert not mismatched, f"environment.yml vs lock.txt (env, lock): {mismatched}"


def test_environment_names_every_direct_dependency():
    missing = _direct_dependencies() - set(_environment())
    assert not missing, f"environment.yml lacks {sorted(missing)}"


def test_lock_pins_every_direct_dependency():
    missing = _direct_dependencies() - set(_lock())
    assert not missing, f"requirements/lock.txt lacks {sorted(missing)}"


def test_environment_installs_the_package_with_pip():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- -e \.\s*$", text, re.M)
    assert "conda-forge" in text
