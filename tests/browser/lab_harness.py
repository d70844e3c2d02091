"""Drive the course's widgets in a real JupyterLab, the way a learner does.

Three pieces, used by the browser tests in this folder:

* :class:`LabServer` starts JupyterLab from the project's environment on
  127.0.0.1 (random port, token, no pop-ups, temporary settings and runtime
  folders) and stops it by its own PID;
* :class:`KernelOracle` runs a notebook headless in a separate kernel and
  answers "what does the kernel show for these control values?";
* :func:`check_notebook` opens a notebook in Chromium, runs every cell from the
  menu, checks that each widget rendered, moves every control of every
  ``imbalance_lab.widgets.Explorer`` (drag, arrow keys, typing, picking an
  option) and compares the readout in the page with the oracle's.

A widget is found by what the notebook displays, never by its name, so a new
explorer in a lesson needs no new test code. Controls carry the CSS class
``il-control-<name>``, the readout ``il-readout``, the explorer
``il-explorer`` (see ``imbalance_lab/widgets.py``).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. to check the failure path).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
VIEWPORT = {"width": 1400, "height": 1000}
SKIP_DIRS = {"exercises", ".ipynb_checkpoints", "_build"}
# A code cell that builds an explorer, e.g. ``prevalence_explorer(...)`` or ``Explorer(...)``.
EXPLORER_CALL = re.compile(r"(_explorer|\bExplorer)\s*\(")

# JupyterLab settings for the test server: no news or update pop-ups, every
# cell kept in the page (no virtual scrolling), no autosave of the copies.
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}


class WidgetCheckFailed(AssertionError):
    """A widget did not render, did not react, or showed the wrong readout."""


# --------------------------------------------------------------------------
# discovery


def notebooks_with_widgets(folder: Path) -> list[Path]:
    """Notebooks under ``folder`` that display a widget or build an explorer.

    A notebook counts when a stored output is a widget view or a code cell
    calls ``*_explorer(`` / ``Explorer(``; exercise stubs are skipped.
    """
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if SKIP_DIRS & set(path.relative_to(folder).parts):
            continue
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if EXPLORER_CALL.search(cell.source) or any(
                WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", [])
            ):
                found.append(path)
                break
    return found


# --------------------------------------------------------------------------
# the JupyterLab server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_chromium() -> Path:
    """Return Debian's Chromium, installing it with apt-get when it is missing.

    Raises RuntimeError with what to do when it cannot be installed: the
    browser tests must fail, not skip, on a machine without a browser.
    """
    if CHROMIUM.exists():
        return CHROMIUM
    steps = [["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]]
    if os.geteuid() != 0:
        if shutil.which("sudo") is None:
            raise RuntimeError(
                f"{CHROMIUM} is missing and this user cannot install it (not root, no sudo). "
                "Install it with: sudo apt-get install -y chromium"
            )
        steps = [["sudo", "-n", *s] for s in steps]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in steps:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise RuntimeError(
                f"{CHROMIUM} is missing and '{' '.join(cmd)}' failed "
                f"(exit {done.returncode}):\n{done.stderr[-2000:]}\n"
                "Install Chromium (Debian package 'chromium') and re-run the tests."
            )
    if not CHROMIUM.exists():
        raise RuntimeError(f"apt-get installed 'chromium' but {CHROMIUM} does not exist.")
    return CHROMIUM


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, even if it is killed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class LabServer:
    """JupyterLab serving ``root_dir``; all its state lives under ``workdir``."""

    root_dir: Path
    workdir: Path
    port: int = 0
    token: str = ""
    proc: subprocess.Popen | None = None
    log_path: Path | None = None
    #: extra JupyterLab page config, e.g. {"disabledExtensions": {...}} (harness tests)
    page_config: dict | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> "LabServer":
        self.port = free_port()
        self.token = secrets.token_hex(16)
        dirs = {}
        for name in ("runtime", "config", "data", "user-settings", "workspaces", "app-settings"):
            dirs[name] = self.workdir / name
            dirs[name].mkdir(parents=True, exist_ok=True)
        (dirs["app-settings"] / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES, indent=1))
        if self.page_config:
            (dirs["config"] / "labconfig").mkdir(exist_ok=True)
            (dirs["config"] / "labconfig" / "page_config.json").write_text(json.dumps(self.page_config))
        env = dict(os.environ)
        env.update(
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["user-settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        # The kernel guard (warnings as errors, no network) that the test run uses.
        env.setdefault("IPYTHONDIR", str(ROOT / "tests" / "ipython"))
        cmd = [
            sys.executable, "-m", "jupyterlab",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            "--no-browser",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.app_settings_dir={dirs['app-settings']}",
        ]
        if os.geteuid() == 0:  # CI machines run the tests as root
            cmd.append("--allow-root")
        self.log_path = self.workdir / "jupyterlab.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=self.root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def api(self, method: str, path: str, timeout: float = 10):
        sep = "&" if "?" in path else "?"
        req = urllib.request.Request(f"{self.url}{path}{sep}token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut down every kernel session (they outlive page loads otherwise)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=20)
        except (OSError, urllib.error.URLError):
            pass

    def log_tail(self, n: int = 3000) -> str:
        if self.log_path and self.log_path.exists():
            return self.log_path.read_text(errors="replace")[-n:]
        return ""

    def stop(self) -> None:
        """Stop the server by its PID (and its kernels, in its process group)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.shutdown_sessions()
        pid = self.proc.pid
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        try:  # kernels left behind by a crash: same process group, led by our PID
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --------------------------------------------------------------------------
# the oracle: the same notebook in a separate, headless kernel

_ORACLE_HELPERS = r'''
def __il_setup():
    import json
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import _instances
    from imbalance_lab.widgets import Explorer

    def walk(widget, found):
        if isinstance(widget, Explorer):
            if widget not in found:
                found.append(widget)
            return
        for child in getattr(widget, "children", ()) or ():
            if isinstance(child, Widget):
                walk(child, found)

    def explorers(model_ids):
        found = []
        for mid in model_ids:
            if mid in _instances:
                walk(_instances[mid], found)
        return found

    def describe(explorer):
        out = []
        for name, c in explorer.controls.items():
            d = {"name": name, "mro": [k.__name__ for k in type(c).__mro__],
                 "value": repr(c.value), "disabled": bool(getattr(c, "disabled", False))}
            for attr in ("min", "max", "step", "base", "readout_format", "continuous_update"):
                if hasattr(c, attr):
                    d[attr] = getattr(c, attr)
            if hasattr(c, "_options_labels"):
                d["labels"] = list(c._options_labels)
                d["index"] = c.index
            out.append(d)
        return {"controls": out, "has_figure": explorer.figure is not None,
                "readout": explorer.readout.value}

    return json, explorers, describe

__il_json, __il_explorers_of, __il_describe = __il_setup()
del __il_setup
'''


class KernelOracle:
    """Run a notebook in a fresh headless kernel and query its explorers.

    ``expected_readout(i, values)`` sets the controls of the i-th explorer
    (in display order) to ``values`` -- what the learner's browser shows --
    and returns the readout HTML the kernel computes for them.
    """

    def __init__(self, path: Path, cell_timeout: float = 120):
        self.path = Path(path)
        self.cell_timeout = cell_timeout
        self.widget_views: list[str] = []  # model ids of every widget view, in display order
        self.explorers: list[dict] = []
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self.km = self.kc = None

    # run in a thread so that the oracle and the browser work at the same time
    def start(self) -> "KernelOracle":
        self._thread = threading.Thread(target=self._prepare, daemon=True)
        self._thread.start()
        return self

    def wait(self, timeout: float = 300) -> "KernelOracle":
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise WidgetCheckFailed(f"headless run of {self.path.name} took more than {timeout:.0f} s")
        if self.error is not None:
            raise WidgetCheckFailed(f"headless run of {self.path.name} failed: {self.error}") from self.error
        return self

    def _prepare(self) -> None:
        try:
            from jupyter_client.manager import KernelManager

            env = dict(os.environ)
            env.setdefault("IPYTHONDIR", str(ROOT / "tests" / "ipython"))
            self.km = KernelManager(kernel_name="python3")
            self.km.start_kernel(cwd=str(self.path.parent), env=env)
            self.kc = self.km.client()
            self.kc.start_channels()
            self.kc.wait_for_ready(timeout=60)
            nb = nbformat.read(self.path, as_version=4)
            # every cell, as Run All does in the browser (a later cell may move a control)
            for cell in (c for c in nb.cells if c.cell_type == "code"):
                outputs = self.run(cell.source)
                for out in outputs:
                    if WIDGET_MIME in out.get("data", {}):
                        self.widget_views.append(out["data"][WIDGET_MIME]["model_id"])
            self.run(_ORACLE_HELPERS)
            self.run(f"__il_E = __il_explorers_of({json.dumps(self.widget_views)})")
            self.explorers = self.query("[__il_describe(e) for e in __il_E]")
        except BaseException as exc:  # reported by wait()
            self.error = exc

    def run(self, code: str) -> list[dict]:
        outputs: list[dict] = []

        def hook(msg):
            kind = msg["msg_type"]
            if kind in ("display_data", "execute_result", "stream", "error"):
                outputs.append({"type": kind, **msg["content"]})

        reply = self.kc.execute_interactive(code, output_hook=hook, timeout=self.cell_timeout, allow_stdin=False)
        if reply["content"]["status"] != "ok":
            tb = "\n".join(reply["content"].get("traceback", []))
            tb = re.sub(r"\x1b\[[0-9;]*m", "", tb)
            raise RuntimeError(f"cell raised {reply['content'].get('ename')}:\n{code[:400]}\n{tb[-3000:]}")
        return outputs

    def query(self, expression: str):
        outputs = self.run(f"print(__il_json.dumps({expression}))")
        text = "".join(o.get("text", "") for o in outputs if o["type"] == "stream" and o.get("name") == "stdout")
        return json.loads(text.strip().splitlines()[-1])

    def expected_readout(self, index: int, settings: dict) -> str:
        """Set controls (name -> ("value"|"index", python literal)) and return the readout HTML."""
        lines = [f"__il_e = __il_E[{index}]"]
        for name, (attr, literal) in settings.items():
            lines.append(f"__il_c = __il_e.controls[{name!r}]")
            lines.append(f"if __il_c.{attr} != {literal}: __il_c.{attr} = {literal}")
        self.run("\n".join(lines))
        return self.query("__il_e.readout.value")

    def shutdown(self) -> None:
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:
            pass


# --------------------------------------------------------------------------
# the browser side

_JS_TEXT_OF_HTML = "html => { const d = document.createElement('div'); d.innerHTML = html; return d.textContent; }"
_JS_SLIDER_VALUE = "el => Number(el.noUiSlider.get(true))"


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def _kind(spec: dict) -> str:
    mro = spec["mro"]
    for cls, kind in (
        ("SelectionRangeSlider", "unsupported"),
        ("IntRangeSlider", "unsupported"),
        ("FloatRangeSlider", "unsupported"),
        ("SelectionSlider", "selection-slider"),
        ("FloatLogSlider", "log-slider"),
        ("IntSlider", "slider"),
        ("FloatSlider", "slider"),
        ("Dropdown", "dropdown"),
        ("Select", "dropdown"),
        ("RadioButtons", "radio"),
        ("ToggleButtons", "toggle-buttons"),
        ("Checkbox", "checkbox"),
        ("ToggleButton", "toggle-button"),
        ("BoundedIntText", "text"),
        ("BoundedFloatText", "text"),
        ("IntText", "text"),
        ("FloatText", "text"),
    ):
        if cls in mro:
            return kind
    return "unsupported"


@dataclass
class Move:
    control: str
    how: str
    value: object
    readout: str
    readout_changed: bool
    figure_changed: bool


@dataclass
class ExplorerReport:
    index: int
    moves: list[Move] = field(default_factory=list)


@dataclass
class NotebookReport:
    path: Path
    seconds: float = 0.0
    explorers: list[ExplorerReport] = field(default_factory=list)
    widget_views: int = 0
    console_errors: list[str] = field(default_factory=list)
    phases: dict = field(default_factory=dict)

    def mark(self, phase: str, since: float) -> float:
        now = time.monotonic()
        self.phases[phase] = round(now - since, 1)
        return now


# Console errors that are not about the notebook (each with its reason).
# Empty: JupyterLab 4.6 with ipywidgets 8.1 logs no error for these lessons.
BENIGN_CONSOLE: list[re.Pattern] = []


class NotebookPage:
    """One notebook open in JupyterLab in its own page."""

    def __init__(self, browser, server: LabServer, rel_path: str, timeout_ms: int = 120_000):
        """``browser`` is a Playwright Browser (a new context per notebook) or a
        BrowserContext (shared: JupyterLab's scripts are loaded from cache)."""
        self.server = server
        self.rel_path = rel_path
        self.timeout_ms = timeout_ms
        if hasattr(browser, "new_context"):
            self.context = browser.new_context(viewport=VIEWPORT)
            self.page = self.context.new_page()
        else:
            self.context = None
            self.page = browser.new_page()
        self.page.set_default_timeout(30_000)
        self.console: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))

    def close(self) -> None:
        self.page.close()
        if self.context is not None:
            self.context.close()

    def open(self) -> None:
        url = f"{self.server.url}/lab/tree/{self.rel_path}?token={self.server.token}&reset"
        self.page.goto(url, wait_until="domcontentloaded", timeout=self.timeout_ms)
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=self.timeout_ms)
        self.accept_dialogs()
        # The kernel is ready when the server sees this page connected to it
        # and the notebook toolbar says idle (Run All before that runs nothing).
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            sessions = [s for s in self.server.api("GET", "/api/sessions") if s.get("path") == self.rel_path]
            kernel = sessions[0]["kernel"] if sessions else {}
            if kernel.get("connections", 0) >= 1 and kernel.get("execution_state") == "idle":
                break
            if time.monotonic() > deadline:
                raise WidgetCheckFailed(f"{self.rel_path}: the kernel did not become ready ({kernel})")
            self.page.wait_for_timeout(250)
        self.page.wait_for_selector(
            ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=self.timeout_ms
        )

    def accept_dialogs(self) -> None:
        """Accept a kernel-selection (or other) dialog if JupyterLab shows one."""
        dialog = self.page.locator(".jp-Dialog")
        for _ in range(3):
            if dialog.count() == 0:
                return
            self.page.locator(".jp-Dialog .jp-mod-accept").first.click()
            self.page.wait_for_timeout(300)

    def menu(self, menu: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
        self.page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).first.click()

    def run_all(self, n_cells: int, n_code: int) -> None:
        """Clear every output, then Run -> Run All Cells, and wait until each code cell ran."""
        page = self.page
        cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        page.wait_for_function(
            f"() => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length >= {n_cells}"
        )
        if cells.count() != n_cells:
            raise WidgetCheckFailed(f"JupyterLab shows {cells.count()} cells, the file has {n_cells}")
        self.menu("Edit", "Clear Outputs of All Cells")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]"
            ".every(p => !/\\d/.test(p.textContent))"
        )
        started = (
            "() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]"
            ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"
        )
        for attempt in range(3):
            self.menu("Run", "Run All Cells")
            self.accept_dialogs()
            try:
                page.wait_for_function(started, timeout=15_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise WidgetCheckFailed(f"{self.rel_path}: Run All Cells did not start any cell")
        # Done when every code cell has a number, or when Run All stopped at an error.
        page.wait_for_function(
            "n => { const p = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];"
            " if (p.length === n && p.every(x => /\\[\\d+\\]/.test(x.textContent))) return true;"
            " const busy = p.some(x => /\\[\\*\\]/.test(x.textContent));"
            " return !busy && document.querySelector('.jp-NotebookPanel .jp-Cell .jp-OutputArea-output"
            "[data-mime-type=\"application/vnd.jupyter.stderr\"]') !== null; }",
            arg=n_code,
            timeout=self.timeout_ms,
        )
        errors = page.locator(".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
        if tracebacks:
            raise WidgetCheckFailed(f"{self.rel_path}: a cell failed when run from the browser:\n" + tracebacks[0][-2000:])

    def explorer(self, index: int):
        return self.page.locator(".jp-NotebookPanel .il-explorer").nth(index)

    def readout_text(self, explorer) -> str:
        return _norm(explorer.locator(".il-readout").first.text_content())

    def figure_src(self, explorer) -> str | None:
        img = explorer.locator(".il-figure img")
        return img.first.get_attribute("src") if img.count() else None

    def text_of_html(self, html: str) -> str:
        return _norm(self.page.evaluate(_JS_TEXT_OF_HTML, html))


class ControlDriver:
    """Read and move one control in the page, and translate its value for the oracle."""

    def __init__(self, page: NotebookPage, explorer, spec: dict):
        self.np = page
        self.page = page.page
        self.spec = spec
        self.name = spec["name"]
        self.kind = _kind(spec)
        self.root = explorer.locator(f".il-control-{self.name}").first
        # A value typed into a slider's readout reaches the kernel as typed
        # (parsed and clamped), not as the slider's snapped position.
        self._typed: tuple[float, str] | None = None

    def visible(self) -> bool:
        self.root.scroll_into_view_if_needed()
        return self.root.is_visible()

    # the value as the page shows it, in the oracle's terms ("value"|"index", literal)
    def read(self):
        k, r = self.kind, self.root
        if k in ("slider", "log-slider", "selection-slider"):
            x = r.locator(".noUi-target").first.evaluate(_JS_SLIDER_VALUE)
            readout = r.locator(".widget-readout").first.text_content()
            if self._typed is not None and self._typed[1] == readout:
                return ("value", repr(self._typed[0]))
            if k == "selection-slider":
                return ("index", repr(int(round(x))))
            if k == "log-slider":
                return ("value", repr(float(self.spec["base"]) ** x))
            if "IntSlider" in self.spec["mro"]:
                return ("value", repr(int(round(x))))
            return ("value", repr(float(x)))
        if k == "dropdown":
            return ("index", repr(r.locator("select").first.evaluate("s => s.selectedIndex")))
        if k == "radio":
            return ("index", repr(r.locator("input[type=radio]").evaluate_all("l => l.findIndex(i => i.checked)")))
        if k == "toggle-buttons":
            return ("index", repr(r.locator("button").evaluate_all("l => l.findIndex(b => b.classList.contains('mod-active'))")))
        if k == "checkbox":
            return ("value", repr(r.locator("input[type=checkbox]").first.is_checked()))
        if k == "toggle-button":
            return ("value", repr(r.evaluate("e => (e.matches('button') ? e : e.querySelector('button')).classList.contains('mod-active')")))
        if k == "text":
            text = r.locator("input").first.input_value()
            is_int = "IntText" in self.spec["mro"] or "BoundedIntText" in self.spec["mro"]
            return ("value", repr(int(text) if is_int else float(text)))
        raise WidgetCheckFailed(f"control {self.name!r} ({self.spec['mro'][0]}) is not supported by the harness")

    def moves(self) -> list[str]:
        # options are each picked once (up to 8), back to the first at the end
        n_options = min(len(self.spec.get("labels", [])), 8)
        return {
            "slider": ["drag", "arrow keys", "type"],
            "log-slider": ["drag", "arrow keys"],
            "selection-slider": ["drag", "arrow keys"],
            "dropdown": ["select option"] * max(n_options, 2),
            "radio": ["click option"] * max(n_options, 2),
            "toggle-buttons": ["click option"] * max(n_options, 2),
            "checkbox": ["click", "click"],
            "toggle-button": ["click", "click"],
            "text": ["type", "arrow keys"],
        }.get(self.kind, [])

    def _slider_fraction(self) -> float:
        track = self.root.locator(".noUi-target").first.bounding_box()
        handle = self.root.locator(".noUi-handle").first.bounding_box()
        return (handle["x"] + handle["width"] / 2 - track["x"]) / track["width"]

    def move(self, how: str, step: int) -> None:
        page, r = self.page, self.root
        r.scroll_into_view_if_needed()
        self._typed = None
        if how == "drag":
            track = r.locator(".noUi-target").first.bounding_box()
            if track["width"] < 60:
                raise WidgetCheckFailed(
                    f"slider {self.name!r} is {track['width']:.0f} px wide: too narrow to drag "
                    "(too many controls in one row?)"
                )
            handle = r.locator(".noUi-handle").first
            handle.scroll_into_view_if_needed()
            box = handle.bounding_box()
            x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            frac = self._slider_fraction()
            target = 0.8 if frac < 0.5 else 0.2
            x1 = track["x"] + target * track["width"]
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move(x1, y0, steps=12)
            page.mouse.up()
        elif how == "arrow keys":
            if self.kind == "text":
                field_ = r.locator("input").first
                field_.focus()
                for _ in range(3):
                    page.keyboard.press("ArrowUp")
                page.keyboard.press("Enter")
            else:
                r.locator(".noUi-handle").first.focus()
                key = "ArrowRight" if self._slider_fraction() < 0.5 else "ArrowLeft"
                for _ in range(3):
                    page.keyboard.press(key)
        elif how == "type":
            text = self._typed_value(step)
            if self.kind == "text":
                field_ = r.locator("input").first
                field_.fill(text)
                field_.press("Enter")
            else:  # the slider's readout is editable, as in ipywidgets 8
                readout = r.locator(".widget-readout").first
                readout.click()
                page.keyboard.press("Control+A")
                page.keyboard.type(text)
                page.keyboard.press("Enter")
                typed = int(text) if "IntSlider" in self.spec["mro"] else float(text)
                typed = min(max(typed, self.spec["min"]), self.spec["max"])
                page.wait_for_timeout(100)
                self._typed = (typed, readout.text_content())
        elif how == "select option":
            select = r.locator("select").first
            n = len(self.spec["labels"])
            current = select.evaluate("s => s.selectedIndex")
            select.select_option(index=(current + 1) % n)
        elif how == "click option":
            items = r.locator("input[type=radio]" if self.kind == "radio" else "button")
            current = int(self.read()[1])
            items.nth((current + 1) % items.count()).click()
        elif how == "click":
            target = r.locator("input[type=checkbox]") if self.kind == "checkbox" else r
            target.first.click()
        else:
            raise ValueError(how)

    def _typed_value(self, step: int) -> str:
        s = self.spec
        current = float(eval(self.read()[1]))  # a number literal produced by read()
        is_int = any(c in s["mro"] for c in ("IntSlider", "IntText", "BoundedIntText"))
        st = s.get("step") or 1
        if "min" not in s:  # unbounded IntText / FloatText
            return str(int(current) + 3) if is_int else str(current + 3 * st)
        lo, hi = s["min"], s["max"]
        frac = 0.25 if (hi - lo) and (current - lo) / (hi - lo) > 0.5 else 0.75
        k = round(frac * (hi - lo) / st)
        v = lo + k * st
        if is_int:
            return str(int(round(v)))
        decimals = max(0, -int(f"{float(st):e}".split("e")[1]))
        return f"{v:.{decimals}f}"


def check_notebook(browser, server: LabServer, path: Path, served_root: Path, *, screenshot: str | None = None,
                   settle_timeout_ms: int = 15_000) -> NotebookReport:
    """Open ``path`` in JupyterLab, run it, and check every widget it displays.

    Raises :class:`WidgetCheckFailed` with what the learner would have seen.
    """
    start = time.monotonic()
    report = NotebookReport(path=path)
    rel = path.relative_to(served_root).as_posix()
    nb = nbformat.read(path, as_version=4)
    n_code = sum(c.cell_type == "code" for c in nb.cells)
    oracle = KernelOracle(path).start()
    np_ = NotebookPage(browser, server, rel)
    try:
        t = start
        np_.open()
        t = report.mark("open", t)
        np_.run_all(len(nb.cells), n_code)
        t = report.mark("run all", t)
        oracle.wait()
        t = report.mark("oracle wait", t)
        page = np_.page
        report.widget_views = len(oracle.widget_views)

        broken = page.get_by_text("Error displaying widget")
        if broken.count():
            raise WidgetCheckFailed(f"{rel}: the page shows {broken.first.text_content()!r}")
        shown = page.locator(".jp-NotebookPanel .jp-OutputArea-output:has(> .jupyter-widgets)").count()
        if shown != len(oracle.widget_views):
            plain = page.locator(".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='text/plain']").all_text_contents()
            reprs = [t[:120] for t in plain if re.match(r"\s*\w+\(", t)]
            raise WidgetCheckFailed(
                f"{rel}: the kernel displays {len(oracle.widget_views)} widget(s), JupyterLab rendered {shown} "
                f"(is the widget manager installed and matching ipywidgets?). Plain-text outputs: {reprs}"
            )
        explorers = page.locator(".jp-NotebookPanel .il-explorer")
        if explorers.count() != len(oracle.explorers):
            raise WidgetCheckFailed(
                f"{rel}: expected {len(oracle.explorers)} explorer(s) in the page, found {explorers.count()}"
            )

        for i, spec in enumerate(oracle.explorers):
            ex = np_.explorer(i)
            ex.scroll_into_view_if_needed()
            rep = ExplorerReport(index=i)
            report.explorers.append(rep)
            first = np_.readout_text(ex)
            if first != np_.text_of_html(spec["readout"]):
                raise WidgetCheckFailed(
                    f"{rel}, explorer {i}: initial readout differs from the kernel's:\n"
                    f"  page:   {first}\n  kernel: {np_.text_of_html(spec['readout'])}"
                )
            static = ex.evaluate(
                "e => { const area = e.closest('.jp-Cell-outputArea'); if (!area) return 0;"
                " return [...area.querySelectorAll('.jp-OutputArea-output[data-mime-type^=\"image/\"]')]"
                ".filter(i => !i.closest('.il-explorer')).length; }"
            )
            if static:
                raise WidgetCheckFailed(
                    f"{rel}, explorer {i}: the cell also shows {static} static figure(s) outside the "
                    "explorer, which never update (a pyplot figure left open when the explorer was built?)"
                )
            drivers = [ControlDriver(np_, ex, c) for c in spec["controls"]]
            for d in drivers:
                if not d.visible():
                    raise WidgetCheckFailed(f"{rel}, explorer {i}: control {d.name!r} is not visible")
                if d.kind == "unsupported":
                    raise WidgetCheckFailed(
                        f"{rel}, explorer {i}: control {d.name!r} is a {d.spec['mro'][0]}, which "
                        "tests/browser/lab_harness.py cannot drive yet; add it to _kind/ControlDriver"
                    )
            for d in drivers:
                if d.spec["disabled"]:
                    continue
                changed_any = False
                for step, how in enumerate(d.moves()):
                    before_text = np_.readout_text(ex)
                    before_fig = np_.figure_src(ex)
                    before_value = d.read()
                    d.move(how, step)
                    after_value = d.read()
                    if after_value == before_value:
                        raise WidgetCheckFailed(
                            f"{rel}, explorer {i}: {how} on {d.name!r} did not change its value ({before_value[1]})"
                        )
                    settings = {dd.name: dd.read() for dd in drivers}
                    expected = np_.text_of_html(oracle.expected_readout(i, settings))
                    deadline = time.monotonic() + settle_timeout_ms / 1000
                    shown_text = np_.readout_text(ex)
                    while shown_text != expected and time.monotonic() < deadline:
                        page.wait_for_timeout(100)
                        shown_text = np_.readout_text(ex)
                    if shown_text != expected:
                        raise WidgetCheckFailed(
                            f"{rel}, explorer {i}: after {how} on {d.name!r} to {after_value[1]} the readout "
                            f"is not what the kernel computes for these values {settings}:\n"
                            f"  page:   {shown_text}\n  kernel: {expected}"
                        )
                    page.wait_for_timeout(200)  # a lagging update would arrive now
                    if np_.readout_text(ex) != expected:
                        raise WidgetCheckFailed(
                            f"{rel}, explorer {i}: readout changed again after {how} on {d.name!r}:\n"
                            f"  page:   {np_.readout_text(ex)}\n  kernel: {expected}"
                        )
                    fig_changed = False
                    if spec["has_figure"]:
                        deadline = time.monotonic() + 5
                        while time.monotonic() < deadline:
                            src = np_.figure_src(ex)
                            if src and src != before_fig:
                                fig_changed = True
                                break
                            page.wait_for_timeout(100)
                    changed = shown_text != before_text
                    changed_any |= changed
                    rep.moves.append(Move(d.name, how, after_value[1], shown_text, changed, fig_changed))
                if d.moves() and not changed_any:
                    raise WidgetCheckFailed(
                        f"{rel}, explorer {i}: the readout never changed while {d.name!r} was moved "
                        f"({', '.join(d.moves())}); it stayed {np_.readout_text(ex)!r}"
                    )
            if spec["has_figure"] and not any(m.figure_changed for m in rep.moves):
                raise WidgetCheckFailed(f"{rel}, explorer {i}: the figure never redrew while the controls moved")
            if screenshot:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                ex.screenshot(path=str(ARTIFACTS / f"{screenshot}-explorer{i}.png"))

        t = report.mark("controls", t)
        if screenshot:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"))
        report.console_errors = [m for m in np_.console if not any(p.search(m) for p in BENIGN_CONSOLE)]
        if report.console_errors:
            raise WidgetCheckFailed(f"{rel}: errors in the browser console:\n" + "\n".join(report.console_errors[:10]))
        return report
    except Exception:
        if screenshot:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            try:
                np_.page.screenshot(path=str(ARTIFACTS / f"{screenshot}-FAILED.png"))
            except Exception:
                pass
        raise
    finally:
        report.seconds = time.monotonic() - start
        np_.close()
        oracle.shutdown()
        server.shutdown_sessions()
