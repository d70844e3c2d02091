"""Download every locked wheel for the learners' platforms into one folder.

An instructor runs ``make wheelhouse`` once, with a network, and hands the
folder out (USB stick, shared drive). A learner then installs with no network:

    python -m venv .venv
    .venv/bin/python -m pip install --no-index --find-links wheelhouse -r requirements/lock.txt
    .venv/bin/python -m pip install --no-index --find-links wheelhouse --no-deps -e .

What goes in, per target platform (Linux, macOS, Windows):

* every pin of ``requirements/lock.txt``, as a binary wheel for that platform
  and Python version (``pip download --only-binary=:all: --platform ...``);
* the dependencies the lock leaves out because it was frozen on Linux: those
  whose environment marker is true only elsewhere (``pywinpty`` on Windows,
  ``appnope`` on macOS, ...). They are read from the installed locked
  packages' own ``Requires-Dist`` metadata, with the markers evaluated for the
  target platform, so this list never needs editing by hand;
* the build backend of ``pyproject.toml`` (``pip install -e .`` needs it).

Run it with the project's venv (it reads that venv's package metadata):

    .venv/bin/python tools/wheelhouse.py --dest wheelhouse --target linux-x86_64
"""
from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"


def _manylinux(arch: str) -> list[str]:
    return [f"manylinux_2_{minor}_{arch}" for minor in range(28, 16, -1)] + [f"manylinux2014_{arch}"]


def _macos(arch: str, oldest: int) -> list[str]:
    versions = [f"{major}_0" for major in range(15, 10, -1)] + ([f"10_{minor}" for minor in range(15, oldest - 1, -1)] if arch == "x86_64" else [])
    return [f"macosx_{v}_{arch}" for v in versions] + [f"macosx_{v}_universal2" for v in versions]


#: target name -> (pip --platform tags, marker environment of that platform)
TARGETS: dict[str, tuple[list[str], dict[str, str]]] = {
    "linux-x86_64": (_manylinux("x86_64"), {"sys_platform": "linux", "os_name": "posix", "platform_system": "Linux", "platform_machine": "x86_64"}),
    "linux-aarch64": (_manylinux("aarch64"), {"sys_platform": "linux", "os_name": "posix", "platform_system": "Linux", "platform_machine": "aarch64"}),
    "macos-arm64": (_macos("arm64", 13), {"sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin", "platform_machine": "arm64"}),
    "macos-x86_64": (_macos("x86_64", 13), {"sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin", "platform_machine": "x86_64"}),
    "windows-amd64": (["win_amd64"], {"sys_platform": "win32", "os_name": "nt", "platform_system": "Windows", "platform_machine": "AMD64"}),
}


def lock_pins(lock: Path = LOCK) -> dict[str, str]:
    """``{canonical name: version}`` of every pin in the lock file."""
    pins = {}
    for line in lock.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def platform_extras(target: str, python_version: str, pins: dict[str, str]) -> list[str]:
    """Requirements of the locked packages that only ``target`` needs and the lock lacks."""
    env = dict(TARGETS[target][1], python_version=python_version, python_full_version=f"{python_version}.0",
               implementation_name="cpython", platform_python_implementation="CPython", extra="")
    needed: dict[str, Requirement] = {}
    for name in pins:
        try:
            requires = md.distribution(name).requires or []
        except md.PackageNotFoundError:
            raise SystemExit(f"{name} is locked but not installed in {sys.prefix}: run 'make setup' first.") from None
        for spec in requires:
            req = Requirement(spec)
            if req.marker is None or "extra" in str(req.marker):
                continue
            key = canonicalize_name(req.name)
            if key not in pins and req.marker.evaluate(env):
                needed.setdefault(key, req)
    return sorted(f"{req.name}{req.specifier}" for req in needed.values())


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def build_requirements() -> list[str]:
    return _pyproject()["build-system"]["requires"]


def full_python_version(minor: str) -> str:
    """``3.11`` -> ``3.11.5`` when requires-python's floor is 3.11.5 (pip checks Requires-Python with it)."""
    floor = re.fullmatch(r">=\s*([\d.]+)", _pyproject()["project"]["requires-python"]).group(1)
    if floor.startswith(minor + "."):
        return floor
    return minor + ".0"


def download(dest: Path, target: str, python_version: str, quiet: bool = True) -> None:
    """Fill ``dest`` with the wheels ``target`` needs for the lock, offline installs included."""
    pins = lock_pins()
    platforms, _ = TARGETS[target]
    extras = platform_extras(target, python_version, pins)
    reqs = [f"{name}=={version}" for name, version in pins.items()] + extras + build_requirements()
    cmd = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
           "--only-binary=:all:", "--implementation", "cp", "--python-version", full_python_version(python_version),
           "--dest", str(dest), *(arg for p in platforms for arg in ("--platform", p)), *reqs]
    if quiet:
        cmd.insert(4, "-q")
    print(f"{target}, Python {python_version}: {len(pins)} locked wheels" + (f" + {', '.join(extras)}" if extras else "") + f" + build backend -> {dest}", flush=True)
    subprocess.run(cmd, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument("--python-version", action="append",
                        help="Python version of the learners' laptops, e.g. 3.11; repeat it; default: this one")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS),
                        help="platform to download for; repeat it; default: all of them")
    args = parser.parse_args(argv)
    versions = args.python_version or [f"{sys.version_info.major}.{sys.version_info.minor}"]
    for version in versions:
        if not re.fullmatch(r"3\.\d+", version):
            parser.error(f"--python-version must look like 3.11; got {version!r}")
    args.dest.mkdir(parents=True, exist_ok=True)
    for version in versions:
        for target in args.target or sorted(TARGETS):
            download(args.dest, target, version)
    wheels = sorted(args.dest.glob("*.whl"))
    print(f"{len(wheels)} wheels in {args.dest}. Offline install: "
          f"pip install --no-index --find-links {args.dest} -r requirements/lock.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
