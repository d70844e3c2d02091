"""The commands that open the course start a JupyterLab that serves the lessons.

Two spellings are tested: the README's conda line (the ``conda`` steps left out) and
``make lab`` (the command from ``make -n lab``, when ``make`` exists). Each runs with
``jupyter`` taken from the environment running the tests, so a conda user can run this
file with ``python -m pytest tests/test_lab_server.py``: no ``make``, no ``.venv``.
The launcher (tests/browser/lab_server.py) adds a free port, a token, ``--no-browser``
and, for root only, ``--allow-root``; the server is stopped when the tests end.
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("lab_server", ROOT / "tests" / "browser" / "lab_server.py")
lab_server = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lab_server)
LESSON = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")
START = "00_start_here.ipynb"


def readme_conda_line() -> str:
    """The ``jupyter lab`` line of the README's conda instructions."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^#+ [^\n]*conda[^\n]*\n(.*?)(?=^#+ )", text, re.S | re.M | re.I)
    assert section, "README.md has no section about conda"
    lines = [ln.strip() for block in re.findall(r"```\w*\n(.*?)```", section.group(1), re.S)
             for ln in block.splitlines() if re.match(r"\s*jupyter\s+lab\b", ln)]
    assert len(lines) == 1, f"the README's conda section should have one 'jupyter lab' line, found {lines}"
    return lines[0]


def make_lab_line() -> str:
    """The command 'make lab' runs, as the Makefile spells it (set-up not run)."""
    if shutil.which("make") is None:
        pytest.skip("'make' is not installed (the README's conda line is tested without it)")
    done = subprocess.run(
        ["make", "-n", "-s", "-o", "setup", "-o", ".venv/.installed-stamp", "lab"],
        cwd=ROOT, capture_output=True, text=True, timeout=30, check=True,
    )
    lines = [line for line in done.stdout.splitlines() if re.search(r"jupyter[ -]lab\b", line)]
    assert lines, f"'make -n lab' prints no 'jupyter lab' command:\n{done.stdout}"
    return lines[-1]


def opened_notebook(cmd: list[str]) -> str:
    """The notebook the command opens: its default URL, or a notebook argument."""
    for arg in cmd:
        if m := re.match(r"--(?:ServerApp|LabApp)\.default_url=(.+)", arg):
            return m.group(1)
    return next((a for a in cmd if a.endswith(".ipynb")), "")


@pytest.fixture(scope="module", params=["README conda line", "make lab"])
def lab(request, tmp_path_factory):
    line = readme_conda_line() if request.param == "README conda line" else make_lab_line()
    # the port and browser options are the launcher's; the line may choose its own
    cmd = [a for a in lab_server.jupyter_command(line) if not re.match(r"--(ServerApp\.)?port=|--no-browser", a)]
    server = lab_server.LabServer(cmd, ROOT, tmp_path_factory.mktemp("lab"))
    try:
        server.start()
        problem = None
    except RuntimeError as exc:
        problem = str(exc)
    if problem:
        pytest.fail(f"{request.param} '{line}' did not start a server: {problem}", pytrace=False)
    server.line = line
    try:
        yield server
    finally:
        server.stop()


def test_the_command_serves_the_lessons(lab):
    listed = {item["name"] for item in lab.api("GET", "/api/contents")["content"] if item["type"] == "notebook"}
    assert START in listed, f"'{lab.line}' does not serve notebooks/ as its root: {sorted(listed)}"
    assert len({n for n in listed if LESSON.match(n)}) >= 2, listed
    assert listed == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}


def test_the_command_opens_the_start_notebook_with_a_python_kernel(lab):
    opened = opened_notebook(lab.cmd)
    assert opened.endswith(START), f"'{lab.line}' does not open {START} (it opens {opened!r})"
    if opened.startswith("/"):  # a default URL: the server's front page leads there
        final = urllib.parse.urlparse(lab.get("/")[3]).path
        assert final == opened, f"'{lab.line}': the front page leads to {final}"
    model = lab.api("GET", f"/api/contents/{START}?content=1")
    assert model["type"] == "notebook" and model["content"]["cells"]
    kernel = model["content"]["metadata"].get("kernelspec", {}).get("name", "python3")
    specs = lab.api("GET", "/api/kernelspecs")["kernelspecs"]
    assert kernel in specs, f"the lessons ask for kernel {kernel!r}; the server offers {sorted(specs)}"
    status, ctype, page, _ = lab.get(f"/lab/tree/{START}")
    assert status == 200 and "text/html" in ctype and b"JupyterLab" in page


def test_the_launcher_adds_allow_root_only_for_root(lab):
    assert lab.proc.args.count("--allow-root") == (1 if lab_server.is_root() else lab.cmd.count("--allow-root"))


def test_environment_yml_names_the_readme_line():
    comment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    lines = [ln.lstrip("# ").strip() for ln in comment.splitlines() if re.match(r"#\s*jupyter\s+lab\b", ln)]
    assert lines == [readme_conda_line()], "environment.yml's comment and the README disagree on how to start"


def test_jupyter_command_runs_this_environments_jupyter():
    cmd = lab_server.jupyter_command(".venv/bin/jupyter lab --ServerApp.root_dir=notebooks --port=8888")
    assert cmd[:3] == [lab_server.sys.executable, "-m", "jupyter"]
    assert cmd[3:] == ["lab", "--ServerApp.root_dir=notebooks", "--port=8888"]
