"""Set-up as a learner follows it: the README's conda lines, `make lab`, the pre-workshop check.

* The README's conda commands are run as written, the ``conda`` steps left out,
  inside this environment (the ``jupyter`` found on PATH, as after ``conda
  activate``), from the project folder. The server gets a free port, a token
  and no browser; the test requests the page the command opens and the lesson.
* ``make lab``'s command (from ``make -n lab``) is run the same way: it must
  open 00_start_here.ipynb, print its URL, and switch off JupyterLab's news
  through the project's own settings override (read back from the server's
  settings API).
* ``tools/check_setup.py`` (``make check``) prints one line per requirement and
  says what to do for a failure: it is run here as is, and against a lock that
  this environment does not match and a lesson whose cell fails.

Servers are started in their own process group (POSIX session or Windows
process group) and stopped by their PID when the test ends, passed or failed.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
LESSON_PATH = "/lab/tree/00_start_here.ipynb"
sys.path.insert(0, str(ROOT / "tools"))
import check_setup  # noqa: E402


#: The make targets are the pip path's; a conda user running `python -m pytest` may have no make or .venv.
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="no make here: the make targets are the pip path's")
needs_venv = pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "jupyter").exists(),
                                reason="no .venv here: 'make lab' is the pip path's (conda users test the README's line)")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def readme_conda_commands() -> list[str]:
    block = re.search(r"### With conda instead\n.*?```bash\n(.*?)```", README, re.S)
    assert block, "README.md has no '### With conda instead' bash block"
    return [line.split(" #")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def make_lab_output(port: int) -> list[str]:
    done = subprocess.run(["make", "-n", "-s", "-o", "setup", "-o", ".venv/.installed-stamp", "lab", f"PORT={port}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.splitlines()


class Server:
    """A JupyterLab started from ``cmd`` in the project folder; stopped by PID."""

    def __init__(self, cmd: list[str], env: dict[str, str], log: Path):
        self.port, self.token, self.log = _free_port(), secrets.token_hex(16), log
        cmd = cmd + [f"--port={self.port}", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
                     f"--IdentityProvider.token={self.token}"]
        group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt"
                 else {"start_new_session": True})
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, **group)

    def request(self, path: str, timeout: float = 10):
        """(status, headers, body) without following redirects."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        sep = "&" if "?" in path else "?"
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(f"http://127.0.0.1:{self.port}{path}{sep}token={self.token}", timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}", pytrace=False)
            try:
                if self.request("/api/status", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"the server did not answer within {timeout:.0f} s:\n{self.log_tail()}", pytrace=False)

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


def _runtime_env(tmp: Path, path_first: str | None = None) -> dict[str, str]:
    (tmp / "runtime").mkdir(exist_ok=True)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    if path_first:
        env["PATH"] = path_first + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture(scope="module")
def conda_lab(tmp_path_factory):
    """The README's conda lines, conda steps left out, in this environment."""
    commands = readme_conda_commands()
    assert commands[:2] == ["conda env create -f environment.yml", "conda activate imbalance-lab"], commands
    (jupyter_line,) = [c for c in commands if not c.startswith("conda ")]
    cmd = shlex.split(jupyter_line)
    assert cmd[:2] == ["jupyter", "lab"], jupyter_line
    if _is_root():
        assert "--allow-root" in re.split(r"\n#{2,3} ", README.split("### With conda instead")[1])[0]
        cmd.append("--allow-root")
    tmp = tmp_path_factory.mktemp("conda-lab")
    server = Server(cmd, _runtime_env(tmp, path_first=str(Path(sys.executable).parent)), tmp / "lab.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    lines = make_lab_output(port=0)
    (jupyter_line,) = [line for line in lines if re.search(r"jupyter[ -]lab\b", line)]
    cmd = [arg for arg in shlex.split(jupyter_line) if not arg.startswith("--port=")]
    tmp = tmp_path_factory.mktemp("make-lab")
    server = Server(cmd, _runtime_env(tmp), tmp / "lab.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _opens_the_first_lesson(server: Server) -> None:
    status, headers, _ = server.request("/")
    assert status in (301, 302), status
    assert headers["Location"].split("?")[0].endswith(LESSON_PATH), headers["Location"]
    status, headers, page = server.request(LESSON_PATH)
    assert status == 200 and "text/html" in headers["Content-Type"] and b"JupyterLab" in page
    status, _, body = server.request("/api/contents/00_start_here.ipynb?content=1")
    assert status == 200, status
    model = json.loads(body)
    assert model["type"] == "notebook" and model["content"]["cells"]


def test_the_readme_conda_lines_open_the_first_lesson(conda_lab):
    _opens_the_first_lesson(conda_lab)


def test_the_readme_gives_conda_users_a_test_command_without_make_or_venv():
    conda_section = re.split(r"\n#{2,3} ", README.split("### With conda instead")[1])[0]
    assert "python -m pytest" in conda_section
    assert "python tools/check_setup.py" in conda_section
    assert "--allow-root" in conda_section


@needs_make
@needs_venv
def test_make_lab_opens_the_first_lesson_and_prints_its_url(make_lab):
    _opens_the_first_lesson(make_lab)
    printed = "\n".join(make_lab_output(port=8899))
    assert f"http://localhost:8899{LESSON_PATH}" in printed, printed


@needs_make
@needs_venv
def test_make_lab_switches_off_the_news_with_a_project_setting(make_lab):
    status, _, body = make_lab.request("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert status == 200
    properties = json.loads(body)["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
    overrides = json.loads((ROOT / "jupyter_config" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@needs_make
def test_make_lab_as_root_only_when_root():
    line = [x for x in make_lab_output(port=8899) if re.search(r"jupyter[ -]lab\b", x)][0]
    assert ("--allow-root" in line) == _is_root(), line


# ---- the pre-workshop check -------------------------------------------------------------

CHECK_LINE = re.compile(r"^(ok|WARN|FAIL|info)\s+(\w+)\s+\S")


def test_the_check_passes_here_with_one_line_per_requirement():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "check_setup.py")], cwd=ROOT / "docs",
                          capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[-1] == "Ready for the workshop.", lines
    checks = {CHECK_LINE.match(line).group(2): CHECK_LINE.match(line).group(1) for line in lines[:-1]}
    for name in ("python", "packages", "kernel", "lesson", "widget"):
        assert checks.get(name) == "ok", (name, lines)
    assert "browser" in checks  # optional: ok or info, never FAIL
    widget = next(line for line in lines if line.startswith("ok    widget"))
    assert "VBoxView" in widget and "jupyterlab-manager" in widget


@needs_make
def test_make_check_runs_the_same_check():
    dry = subprocess.run(["make", "-n", "-s", "-o", "setup", "-o", ".venv/.installed-stamp", "check"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout
    assert "tools/check_setup.py" in dry, dry


def test_the_check_names_drifted_packages_and_what_to_do(tmp_path, capsys):
    lock = tmp_path / "lock.txt"
    lock.write_text("numpy==0.0.1\nnot-a-real-package-xyz==1.0\n")
    assert check_setup.check_packages(lock) == "FAIL"
    (line,) = capsys.readouterr().out.strip().splitlines()
    assert line.startswith("FAIL  packages")
    assert "numpy" in line and "(lock 0.0.1)" in line and "not-a-real-package-xyz missing" in line
    assert "make setup" in line and "pip install -r requirements/lock.txt" in line


def test_the_check_says_which_lesson_cell_fails(tmp_path, capsys):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0"),
                nbformat.v4.new_code_cell(f"explorer = {check_setup.FIRST_CELLS_UP_TO}[0.5, 0.1])")]
    lesson = tmp_path / "lesson.ipynb"
    nbformat.write(nb, str(lesson))
    assert check_setup.check_kernel_lesson_widget(lesson) == "FAIL"
    lines = capsys.readouterr().out.strip().splitlines()
    assert [CHECK_LINE.match(line).group(1, 2) for line in lines] == [("ok", "kernel"), ("FAIL", "lesson"),
                                                                      ("FAIL", "widget")], lines
    assert "code cell 2 of 3 fails" in lines[1] and "ZeroDivisionError" in lines[1] and "make setup" in lines[1]


@needs_make
def test_make_test_checks_python_finds_a_browser_then_runs_pytest():
    dry = subprocess.run(["make", "-n", "-s", "-o", ".venv/.installed-stamp", "test"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout
    steps = [dry.index("check_setup.py --python-only"), dry.index("find_browser.py --install"), dry.index("-m pytest")]
    assert steps == sorted(steps), dry
    assert "apt-get" not in dry and "/usr/bin/chromium" not in dry, "the browser is found by find_browser.py"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "make test" in commands and "make test" in README
    assert "pip install" not in ci, "CI installs through make, as a learner does"


@needs_make
def test_make_help_lists_what_a_learner_needs():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout
    for word in ("make lab", "make check", "make test", "make test-unit", "make test-browser", "PORT=", "Ctrl-C",
                 "jupyter server stop", "CHROMIUM_PATH=/nonexistent", "-m 'not browser'", "PYTHON=", "make wheelhouse",
                 "~1-2 min", "~10 min"):
        assert word in out, (word, out)
