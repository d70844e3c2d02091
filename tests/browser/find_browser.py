"""Find a Chromium (or Chrome) for the browser tests; with --install, get one when none is found.

Search order: 1. ``CHROMIUM_PATH`` (a path that does not exist means "no browser");
2. Playwright's own Chromium (``python -m playwright install chromium``); 3. a system
Chromium or Chrome: ``chromium``, ``chromium-browser``, ``google-chrome`` on PATH,
``/snap/bin``, the macOS application bundles, Windows Program Files.

``python tests/browser/find_browser.py`` prints the browser's path (exit 0) or how to get
one (exit 1). ``--install`` installs one only when none is found (apt-get on Debian/Ubuntu
as root or with ``sudo -n``, then Playwright's), each step with a time limit; it always
exits 0 and prints one line.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HOWTO = ("set CHROMIUM_PATH=/path/to/chromium, or install one: 'sudo apt-get install chromium' "
         "(Debian/Ubuntu) or 'python -m playwright install chromium'")
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOWS = (("Google", "Chrome", "Application", "chrome.exe"), ("Chromium", "Application", "chrome.exe"))
TIME_LIMIT_S = {"apt-get update": 180, "apt-get install": 600, "playwright": 600}


def is_root() -> bool:
    return os.geteuid() == 0 if hasattr(os, "geteuid") else False


def playwright_chromium(playwright=None) -> str | None:
    """Where Playwright keeps its own Chromium, installed or not (no browser is started)."""
    try:
        if playwright is not None:
            return playwright.chromium.executable_path
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            return pw.chromium.executable_path
    except Exception:  # Playwright missing or its driver cannot run: look elsewhere
        return None


def system_browsers() -> list[str]:
    found = [shutil.which(name) for name in ON_PATH]
    found += ["/snap/bin/chromium"]
    found += [f"/Applications/{app}.app/Contents/MacOS/{app}" for app in ("Google Chrome", "Chromium")]
    for var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        if os.environ.get(var):
            found += [str(Path(os.environ[var], *parts)) for parts in WINDOWS]
    return [p for p in found if p]


def usable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find(playwright=None) -> str | None:
    """The first usable browser in the search order, or None."""
    given = os.environ.get("CHROMIUM_PATH")
    if given:
        return given if usable(given) else None
    return next((p for p in [playwright_chromium(playwright), *system_browsers()] if p and usable(p)), None)


def missing() -> str:
    """One line: which browser is missing and how to get one."""
    given = os.environ.get("CHROMIUM_PATH")
    what = f"CHROMIUM_PATH={given} is not an executable file" if given else "no Chromium or Chrome found"
    return f"{what}; to run the browser tests, {HOWTO}"


def install_steps() -> list[tuple[str, list[str]]]:
    steps = []
    sudo = [] if is_root() else ["sudo", "-n"] if shutil.which("sudo") else None
    if shutil.which("apt-get") and sudo is not None:
        steps += [("apt-get update", [*sudo, "apt-get", "update", "-q"]),
                  ("apt-get install", [*sudo, "apt-get", "install", "-y", "-q", "chromium"])]
    return steps + [("playwright", [sys.executable, "-m", "playwright", "install", "chromium"])]


def install() -> str:
    """Find a browser, installing one if none is found; one line saying what happened."""
    if (path := find()) or os.environ.get("CHROMIUM_PATH"):
        return f"browser for the tests: {path}" if path else f"no browser: {missing()}"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    tried = []
    for name, cmd in install_steps():
        try:
            done = subprocess.run(cmd, env=env, capture_output=True, timeout=TIME_LIMIT_S[name])
            tried.append(f"{name} (exit {done.returncode})")
        except (OSError, subprocess.TimeoutExpired) as exc:
            tried.append(f"{name} ({type(exc).__name__})")
        if path := find():
            return f"browser for the tests: {path} (installed with {name})"
    return f"no browser (tried {', '.join(tried)}); the browser tests will be skipped: {missing()}"


def require(playwright=None) -> str:
    """The browser's path; else skip the calling test, or fail it under CI=true."""
    import pytest

    if path := find(playwright):
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the browser tests have no browser: {missing()}", pytrace=False)
    pytest.skip(missing())


if __name__ == "__main__":
    if sys.argv[1:] == ["--install"]:
        print(install())
        sys.exit(0)
    path = find()
    print(path or missing())
    sys.exit(0 if path else 1)
