"""`make wheelhouse`: the Linux half, end to end (slow: run by `make test-wheelhouse`).

Downloads every locked wheel for Linux x86_64 with the same tool `make
wheelhouse` runs (tools/wheelhouse.py), then installs the lock into a fresh
virtual environment with pip's index switched off (``--no-index --find-links
wheelhouse``, the README's offline install) and with this machine's own pip
configuration ignored, so that only the wheelhouse can supply packages. The
project itself is then installed from the source tree, with its build backend
also taken from the wheelhouse.

It downloads about 250 MB and installs 130 packages: several minutes. So it
runs only when IMBALANCE_LAB_WHEELHOUSE_TEST=1, which `make test-wheelhouse`
sets (CI runs it after `make test`, see .ci/run). The quick parts of the tool
(what each platform needs beyond the lock) run in every `make test`.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import wheelhouse  # noqa: E402

SLOW = os.environ.get("IMBALANCE_LAB_WHEELHOUSE_TEST") == "1"


def test_every_platform_gets_what_its_markers_need_beyond_the_lock():
    pins = wheelhouse.lock_pins()
    windows = wheelhouse.platform_extras("windows-amd64", "3.11", pins)
    macos = wheelhouse.platform_extras("macos-arm64", "3.11", pins)
    linux = wheelhouse.platform_extras("linux-x86_64", "3.11", pins)
    assert any(r.startswith("pywinpty") for r in windows), windows  # jupyter_server's terminals on Windows
    assert any(r.startswith("colorama") for r in windows), windows  # pytest and ipython on Windows
    assert any(r.startswith("appnope") for r in macos), macos  # ipykernel on macOS
    assert linux == [], f"the lock was frozen on Linux, so Linux needs nothing more: {linux}"
    assert wheelhouse.full_python_version("3.11") == "3.11.5"  # pip checks Requires-Python with it


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here (conda users): the make targets are the pip path's")
def test_make_wheelhouse_downloads_for_linux_macos_and_windows():
    dry = subprocess.run(["make", "-n", "-s", "-o", "setup", "-o", ".venv/.installed-stamp", "wheelhouse"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout
    for target in ("linux-x86_64", "macos-arm64", "macos-x86_64", "windows-amd64"):
        assert f"--target {target}" in dry, dry
    assert "--python-version 3.11" in dry, dry


def _offline_env() -> dict[str, str]:
    """pip with no configuration from this machine (its find-links, indexes, constraints)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


@pytest.mark.skipif(not SLOW, reason="slow (downloads ~250 MB): run it with 'make test-wheelhouse'")
@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64") or not sys.platform.startswith("linux"),
                    reason="the Linux x86_64 half of the wheelhouse is tested on Linux x86_64")
def test_the_linux_wheelhouse_installs_the_lock_with_no_index(tmp_path):
    house = tmp_path / "wheelhouse"
    assert wheelhouse.main(["--dest", str(house), "--target", "linux-x86_64", "--python-version", "3.11"]) == 0
    wheels = list(house.glob("*.whl"))
    assert len(wheels) >= len(wheelhouse.lock_pins()), len(wheels)

    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = str(fresh / "bin" / "python")
    offline = ["--no-index", "--find-links", str(house), "--disable-pip-version-check", "-q"]
    for args in (["-r", str(ROOT / "requirements" / "lock.txt")], ["--no-deps", str(ROOT)]):
        done = subprocess.run([python, "-m", "pip", "install", *offline, *args], env=_offline_env(),
                              capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, done.stderr[-4000:]
    check = subprocess.run([python, "-m", "pip", "check"], env=_offline_env(), capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    smoke = subprocess.run([python, "-I", "-c", "import imbalance_lab, jupyterlab, sklearn, imblearn; "
                            "from imbalance_lab.datasets import load_clinical_data; print(load_clinical_data().shape)"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert smoke.stdout.strip().startswith("(1000,"), smoke.stdout
