"""Fixtures for the browser tests: one JupyterLab server and one Chromium per run.

The server serves a temporary copy of ``notebooks/`` (so running the lessons
from the page never touches the committed files) plus the harness's own
fixture notebooks, and is stopped by its PID at the end of the run, whether
the tests passed or not. Every test here is marked ``browser``.

Chromium is Debian's ``/usr/bin/chromium`` (installed with apt-get when it is
missing); if it cannot be installed the tests fail with a message saying so.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from fixture_notebooks import write_fixture_notebooks
from lab_harness import ARTIFACTS, CHROMIUM_ARGS, ROOT, VIEWPORT, LabServer, ensure_chromium

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    try:
        return ensure_chromium()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        problem = str(exc)
    pytest.fail(f"The browser tests need Chromium and could not get it: {problem}", pytrace=False)


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """A copy of the course as JupyterLab serves it: (notebooks folder, fixture notebooks)."""
    course = tmp_path_factory.mktemp("course")
    root = course / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for item in ROOT.iterdir():  # ../data, ../requirements ... as in the repository
        if item.name not in {"notebooks", ".git", "artifacts"}:
            (course / item.name).symlink_to(item)
    fixtures = write_fixture_notebooks(root / "_harness")
    return root, fixtures


@pytest.fixture(scope="session")
def lab(served, tmp_path_factory, chromium_path):
    root, _ = served
    server = LabServer(root, tmp_path_factory.mktemp("jupyter-state"))
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        # Playwright gives every launch a fresh, temporary --user-data-dir.
        chromium = pw.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:
        pw.stop()
        pytest.fail(f"Chromium at {chromium_path} did not start: {exc}", pytrace=False)
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        yield context  # one context: JupyterLab's scripts load once, each notebook gets its own page
    finally:
        context.close()
        chromium.close()
        pw.stop()


@pytest.fixture(scope="session")
def browser_summary():
    """Collects per-notebook timings and moves; written to artifacts/browser/summary.json."""
    results: dict = {}
    yield results
    if results:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "summary.json").write_text(json.dumps(results, indent=1, default=str))
