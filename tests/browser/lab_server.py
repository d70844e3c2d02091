"""One JupyterLab launcher for the tests (the lab server test and the browser harness): ``jupyter``
from the environment running the tests (no ``make``, no ``.venv``) on 127.0.0.1, a free port, a
token, no browser; stopped with its process group, on POSIX and Windows alike.
"""
from __future__ import annotations

import json
import os
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def is_root() -> bool:
    return os.geteuid() == 0 if hasattr(os, "geteuid") else False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jupyter_command(line: str) -> list[str]:
    """A shell line such as ``jupyter lab ...`` with its ``jupyter`` run from this environment."""
    words = shlex.split(line)
    at = next(i for i, w in enumerate(words) if Path(w).stem == "jupyter")
    return [sys.executable, "-m", "jupyter", *words[at + 1:]]


class LabServer:
    """``jupyter <args>`` run in ``cwd``; the log and runtime files go to ``workdir``."""

    def __init__(self, args: list[str], cwd: Path, workdir: Path, env: dict | None = None):
        self.cmd, self.cwd, self.workdir, self.env = list(args), Path(cwd), Path(workdir), env or {}
        self.port, self.token, self.proc = free_port(), secrets.token_hex(16), None
        self.log = self.workdir / "jupyterlab.log"
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> "LabServer":
        cmd = self.cmd + ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={self.port}",
                          "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}"]
        if is_root() and "--allow-root" not in cmd:
            cmd.append("--allow-root")
        (self.workdir / "runtime").mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(self.workdir / "runtime"), "PYTHONUNBUFFERED": "1", **self.env}
        # its own process group, so that stop() also reaches the kernels it started
        group = ({"start_new_session": True} if os.name == "posix"
                 else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)})
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, **group)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"'{shlex.join(cmd)}' exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.get("/api/status", timeout=2)
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def get(self, path: str, method: str = "GET", timeout: float = 10) -> tuple[int, str, bytes, str]:
        """(status, content type, body, final URL) of a request with the token."""
        sep = "&" if "?" in path else "?"
        req = urllib.request.Request(f"{self.url}{path}{sep}token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read(), resp.url

    def api(self, method: str, path: str, timeout: float = 10):
        body = self.get(path, method, timeout)[2]
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut every kernel session down (they outlive the pages that opened them)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=20)
        except (OSError, urllib.error.URLError):
            pass

    def log_tail(self, n: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    def stop(self) -> None:
        """Stop the server by its own process, then anything left in its process group."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.shutdown_sessions()
        if os.name == "nt":  # the server and whatever it started, as a tree
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(self.proc.pid)], capture_output=True)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if os.name == "posix":  # kernels left behind by a crash: same process group, led by our PID
            try:
                os.killpg(self.proc.pid, 9)
            except OSError:
                pass
