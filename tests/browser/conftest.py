"""Fixtures for the browser tests, on pytest-playwright (its ``page``, screenshots and traces).

One JupyterLab serves a temporary copy of ``notebooks/`` plus the harness's fixture
notebooks, and is stopped at the end of the run. The browser is the one
find_browser.py finds; without one the tests skip saying how to get one (under CI=true
they fail). A failed test leaves a screenshot and a Playwright trace in
artifacts/browser/failures/ (``playwright show-trace <file>``). Every test is marked ``browser``.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import find_browser
from fixture_notebooks import write_fixture_notebooks
from lab_harness import ARTIFACTS, ROOT, start_lab

HERE = Path(__file__).resolve().parent
FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # tiny /dev/shm in containers


def pytest_configure(config):
    defaults = {"output": ("test-results", str(ARTIFACTS / "failures")), "screenshot": ("off", "only-on-failure"),
                "tracing": ("off", "retain-on-failure")}
    for option, (default, ours) in defaults.items():
        if getattr(config.option, option, None) == default:
            setattr(config.option, option, ours)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium(playwright) -> str:
    return find_browser.require(playwright)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium):
    flags = FLAGS + (["--no-sandbox"] if find_browser.is_root() else [])
    return {**browser_type_launch_args, "executable_path": chromium, "args": flags}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """A copy of the course as JupyterLab serves it: (notebooks folder, fixture notebooks)."""
    course = tmp_path_factory.mktemp("course")
    root = course / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for item in ROOT.iterdir():  # ../data, ../requirements ... as in the repository
        if item.name not in {"notebooks", ".git", "artifacts"}:
            (course / item.name).symlink_to(item, target_is_directory=item.is_dir())
    return root, write_fixture_notebooks(root / "_harness")


def _lab(served, workdir, **kwargs):
    try:
        return start_lab(served[0], workdir, **kwargs)
    except RuntimeError as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="session")
def lab(served, tmp_path_factory, chromium):
    server = _lab(served, tmp_path_factory.mktemp("jupyter-state"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_without_widget_manager(served, tmp_path_factory, chromium):
    """A second server whose JupyterLab lacks the ipywidgets extension (a version mismatch)."""
    disabled = {"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": True}}
    server = _lab(served, tmp_path_factory.mktemp("no-widgets"), page_config=disabled)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_summary():
    """Per-notebook timings and moves, written to artifacts/browser/summary.json."""
    results: dict = {}
    yield results
    if results:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "summary.json").write_text(json.dumps(results, indent=1, default=str))
