"""Browser discovery (find_browser.py) without a real browser: fake executables in tmp_path."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import find_browser

HERE = Path(__file__).resolve().parent


def fake_browser(folder: Path, *parts: str) -> str:
    path = folder.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def bare(monkeypatch, tmp_path):
    """No browser anywhere: empty PATH, no Playwright Chromium, no Program Files, no CI."""
    for var in ("CHROMIUM_PATH", "CI", "PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(find_browser, "playwright_chromium", lambda playwright=None: str(tmp_path / "pw" / "chrome"))
    usable = find_browser.usable  # the machine's own browsers (e.g. /snap/bin/chromium) do not count
    monkeypatch.setattr(find_browser, "usable", lambda path: path.startswith(str(tmp_path)) and usable(path))
    return tmp_path


def test_the_search_order(bare, monkeypatch):
    assert find_browser.find() is None
    google = fake_browser(bare, "bin", "google-chrome")
    assert find_browser.find() == google
    chromium = fake_browser(bare, "bin", "chromium")
    assert find_browser.find() == chromium  # chromium before google-chrome on PATH
    playwrights = fake_browser(bare, "pw", "chrome")
    assert find_browser.find() == playwrights  # Playwright's own before the system's
    given = fake_browser(bare, "elsewhere", "my-chrome")
    monkeypatch.setenv("CHROMIUM_PATH", given)
    assert find_browser.find() == given  # CHROMIUM_PATH first


def test_a_chromium_path_that_does_not_exist_means_no_browser(bare, monkeypatch):
    fake_browser(bare, "bin", "chromium")
    fake_browser(bare, "pw", "chrome")
    monkeypatch.setenv("CHROMIUM_PATH", str(bare / "nowhere" / "chromium"))
    assert find_browser.find() is None
    assert find_browser.install().startswith("no browser: CHROMIUM_PATH=")  # and nothing is installed


def test_windows_program_files_are_searched(bare, monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", str(bare / "local"))
    chrome = fake_browser(bare, "local", "Google", "Chrome", "Application", "chrome.exe")
    assert find_browser.find() == chrome


def test_without_a_browser_tests_skip_saying_how_to_get_one(bare):
    with pytest.raises(pytest.skip.Exception) as skipped:
        find_browser.require()
    message = str(skipped.value)
    assert "no Chromium or Chrome found" in message and "CHROMIUM_PATH=" in message
    assert "apt-get install chromium" in message and "playwright install chromium" in message
    assert "\n" not in message


def test_under_ci_a_missing_browser_fails_naming_it(bare, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("CHROMIUM_PATH", str(bare / "nowhere" / "chromium"))
    with pytest.raises(pytest.fail.Exception, match=r"CI=true .*CHROMIUM_PATH=.*nowhere.chromium"):
        find_browser.require()


def test_install_gives_up_within_its_time_limits(bare, monkeypatch):
    monkeypatch.setattr(find_browser, "TIME_LIMIT_S", {"slow": 1, "broken": 5})
    monkeypatch.setattr(find_browser, "install_steps", lambda: [
        ("slow", [sys.executable, "-c", "import time; time.sleep(30)"]),
        ("broken", [sys.executable, "-c", "raise SystemExit(3)"])])
    line = find_browser.install()
    assert line.startswith("no browser (tried slow (TimeoutExpired), broken (exit 3))") and "\n" not in line


def test_install_stops_at_the_first_step_that_gives_a_browser(bare, monkeypatch):
    browser = bare / "bin" / "chromium"
    monkeypatch.setattr(find_browser, "TIME_LIMIT_S", {"apt": 20, "never": 20})
    monkeypatch.setattr(find_browser, "install_steps", lambda: [
        ("apt", [sys.executable, "-c", f"import pathlib; p = pathlib.Path({str(browser)!r}); p.parent.mkdir();"
                                       "p.write_text(''); p.chmod(0o755)"]),
        ("never", [sys.executable, "-c", "raise SystemExit('not reached')"])])
    assert find_browser.install() == f"browser for the tests: {browser} (installed with apt)"


def test_apt_get_is_tried_only_as_root_or_with_sudo(monkeypatch):
    which = {"apt-get": "/x/apt-get"}
    monkeypatch.setattr(find_browser.shutil, "which", which.get)
    monkeypatch.setattr(find_browser, "is_root", lambda: False)
    assert [name for name, _ in find_browser.install_steps()] == ["playwright"]
    which["sudo"] = "/x/sudo"
    assert find_browser.install_steps()[1][1][:3] == ["sudo", "-n", "apt-get"]
    monkeypatch.setattr(find_browser, "is_root", lambda: True)
    assert find_browser.install_steps()[1][1][:2] == ["apt-get", "install"]


def test_the_browser_tests_skip_or_fail_without_a_browser(tmp_path):
    """End to end, as 'make test' runs them: a skip with the reason; under CI=true a failure."""
    cmd = [sys.executable, "-m", "pytest", str(HERE / "test_browser_harness.py"), "-k", "working",
           "-q", "-rs", "--output", str(tmp_path / "out")]
    env = {**os.environ, "CHROMIUM_PATH": str(tmp_path / "no-chromium")}
    env.pop("CI", None)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=HERE.parents[1])
    assert done.returncode == 0 and "1 skipped" in done.stdout, done.stdout[-2000:]
    assert "is not an executable file; to run the browser tests, set CHROMIUM_PATH=" in done.stdout
    done = subprocess.run(cmd, env={**env, "CI": "true"}, capture_output=True, text=True, timeout=300,
                          cwd=HERE.parents[1])
    assert done.returncode == 1 and "CI=true and the browser tests have no browser" in done.stdout, done.stdout[-2000:]
