"""'make lab' starts a JupyterLab that serves the lessons.

The command is taken from the Makefile itself (``make -n lab``), so a broken
recipe fails here. It runs on 127.0.0.1 with a random port, a token, no
browser and a temporary runtime folder; the server is stopped by its PID when
the test ends, passed or failed.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def make_lab_command(port: int) -> list[str]:
    """The command 'make lab' runs, as the Makefile spells it (set-up not run)."""
    done = subprocess.run(
        ["make", "-n", "-s", "-o", "setup", "-o", ".venv/.installed-stamp", "lab", f"PORT={port}"],
        cwd=ROOT, capture_output=True, text=True, timeout=30, check=True,
    )
    lines = [line for line in done.stdout.splitlines() if re.search(r"jupyter[ -]lab\b", line)]
    assert lines, f"'make -n lab' prints no 'jupyter lab' command:\n{done.stdout}"
    return shlex.split(lines[-1])


class LabProcess:
    def __init__(self, cmd: list[str], port: int, token: str, runtime_dir: Path, log: Path):
        self.url, self.token, self.log = f"http://127.0.0.1:{port}", token, log
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime_dir))
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, preexec_fn=_die_with_parent,
            )

    def get(self, path: str, timeout: float = 10):
        sep = "&" if "?" in path else "?"
        with urllib.request.urlopen(f"{self.url}{path}{sep}token={self.token}", timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"'make lab' server exited with {self.proc.returncode}:\n{self.log_tail()}", pytrace=False)
            try:
                self.get("/api/status", timeout=2)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        pytest.fail(f"'make lab' server did not answer within {timeout:.0f} s:\n{self.log_tail()}", pytrace=False)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port, token = _free_port(), secrets.token_hex(16)
    cmd = make_lab_command(port)
    assert "--ServerApp.root_dir=notebooks" in cmd, cmd
    cmd += ["--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0:  # the Makefile adds it for root itself
        assert "--allow-root" in cmd, cmd
    tmp = tmp_path_factory.mktemp("make-lab")
    (tmp / "runtime").mkdir()
    server = LabProcess(cmd, port, token, tmp / "runtime", tmp / "jupyterlab.log")
    try:
        server.wait_ready(timeout=120)
        yield server
    finally:
        server.stop()


def test_make_lab_serves_the_lessons(lab):
    status, _, body = lab.get("/api/contents")
    assert status == 200
    listed = {item["name"] for item in json.loads(body)["content"] if item["type"] == "notebook"}
    on_disk = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert "00_start_here.ipynb" in listed
    assert len({n for n in listed if LESSON.match(n)} - {"00_start_here.ipynb"}) >= 1, listed
    assert listed == on_disk


def test_make_lab_opens_the_start_notebook_with_a_python_kernel(lab):
    status, _, body = lab.get("/api/contents/00_start_here.ipynb?content=1")
    model = json.loads(body)
    assert status == 200 and model["type"] == "notebook" and model["content"]["cells"]
    kernel = model["content"]["metadata"].get("kernelspec", {}).get("name", "python3")
    specs = json.loads(lab.get("/api/kernelspecs")[2])["kernelspecs"]
    assert kernel in specs, f"the lessons ask for kernel {kernel!r}; the server offers {sorted(specs)}"
    status, ctype, page = lab.get("/lab/tree/00_start_here.ipynb")
    assert status == 200 and "text/html" in ctype and b"JupyterLab" in page
