"""Drive the course's widgets in a real JupyterLab, the way a learner does.

:func:`check_notebook` runs a notebook headless (:class:`KernelOracle`, nbclient) and in a
Playwright page (Run All from the menu), checks that every widget rendered, moves every
control of every ``imbalance_lab.widgets.Explorer`` and compares the page's readout with
what the oracle's kernel computes for the values the page shows. Widgets are found by what
a notebook displays, so a new explorer needs no new test code; controls carry the CSS class
``il-control-<name>``, the readout ``il-readout``, the explorer ``il-explorer``.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from playwright.sync_api import expect

from lab_server import ROOT, LabServer

ARTIFACTS = ROOT / "artifacts" / "browser"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SKIP_DIRS = {"exercises", ".ipynb_checkpoints", "_build"}
EXPLORER_CALL = re.compile(r"(_explorer|\bExplorer)\s*\(")  # prevalence_explorer(...), Explorer(...)
SLIDERS = ("SelectionSlider", "FloatLogSlider", "IntSlider", "FloatSlider")  # all drawn with noUiSlider
SUPPORTED = (*SLIDERS, "Dropdown")
# No news or update pop-ups, every cell kept in the page (no virtual scrolling), no autosave.
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False,
                                                     "doNotDisturbMode": True},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
PROMPTS = ".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"


class WidgetCheckFailed(AssertionError):
    """A widget did not render, did not react, or showed the wrong readout."""


def notebooks_with_widgets(folder: Path) -> list[Path]:
    """Notebooks under ``folder`` (exercise stubs aside) with a stored widget view or an explorer call."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        if not SKIP_DIRS & set(path.relative_to(folder).parts) and any(
            EXPLORER_CALL.search(c.source) or any(WIDGET_MIME in o.get("data", {}) for o in c.get("outputs", []))
            for c in cells
        ):
            found.append(path)
    return found


def start_lab(root: Path, workdir: Path, page_config: dict | None = None) -> LabServer:
    """JupyterLab serving ``root``, its settings and state under ``workdir``, kernels under the course guard."""
    dirs = {name: workdir / name for name in ("config", "data", "settings", "workspaces", "app-settings")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    (dirs["app-settings"] / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES))
    if page_config:  # e.g. {"disabledExtensions": {...}}
        (dirs["config"] / "labconfig").mkdir()
        (dirs["config"] / "labconfig" / "page_config.json").write_text(json.dumps(page_config))
    env = {"JUPYTER_CONFIG_DIR": str(dirs["config"]), "JUPYTER_DATA_DIR": str(dirs["data"]),
           "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]), "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
           "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": os.environ.get("IPYTHONDIR", str(ROOT / "tests" / "ipython"))}
    args = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.app_settings_dir={dirs['app-settings']}"]
    return LabServer(args, root, workdir, env).start()


_ORACLE_HELPERS = f'''
import json as __il_json
from ipywidgets.widgets.widget import _instances as __il_instances
from imbalance_lab.widgets import Explorer as __il_Explorer

def __il_walk(widget, found):
    if isinstance(widget, __il_Explorer):
        return found if widget in found else found + [widget]
    for child in getattr(widget, "children", ()) or ():
        found = __il_walk(child, found)
    return found

def __il_describe(e):
    return {{"readout": e.readout.value, "has_figure": e.figure is not None, "controls": [
        {{"name": n, "disabled": bool(getattr(c, "disabled", False)), "base": getattr(c, "base", None),
          "options": len(getattr(c, "options", ())), "type": next((k.__name__ for k in type(c).__mro__
                                  if k.__name__ in {SUPPORTED!r}), type(c).__name__)}}
        for n, c in e.controls.items()]}}
'''


class KernelOracle:
    """The notebook run headless with nbclient in a kernel of its own, kept open for questions.

    It all runs in one worker thread (nbclient's event loop lives there), alongside the browser.
    """

    def __init__(self, path: Path, timeout: int = 300):
        self.path, self.nb = path, nbformat.read(path, as_version=4)
        self.client = NotebookClient(self.nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
        self._stack, self._worker = ExitStack(), ThreadPoolExecutor(max_workers=1)
        self._started = self._worker.submit(self._start)

    def _start(self) -> None:
        self._stack.enter_context(self.client.setup_kernel(env={"IPYTHONDIR": str(ROOT / "tests" / "ipython"),
                                                                **os.environ}))
        for i, cell in enumerate(list(self.nb.cells)):
            if cell.cell_type == "code":
                self.client.execute_cell(cell, i)
        self.views = [o["data"][WIDGET_MIME]["model_id"] for c in self.nb.cells if c.cell_type == "code"
                      for o in c.outputs if WIDGET_MIME in o.get("data", {})]
        self._run(_ORACLE_HELPERS + "\n__il_E = []\n"
                  f"for __il_id in {self.views!r}:\n    __il_E = __il_walk(__il_instances[__il_id], __il_E)")
        self.explorers = json.loads(self._run("print(__il_json.dumps([__il_describe(e) for e in __il_E]))"))

    def _run(self, code: str) -> str:
        self.nb.cells.append(cell := nbformat.v4.new_code_cell(code))
        self.client.execute_cell(cell, len(self.nb.cells) - 1)
        return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")

    def wait(self) -> "KernelOracle":
        try:
            self._started.result()
        except Exception as exc:  # a cell raised (CellExecutionError), the kernel died, a timeout
            raise WidgetCheckFailed(f"the headless run of {self.path.name} failed: {exc}") from None
        return self

    def readout(self, index: int, settings: dict) -> str:
        """Set explorer ``index``'s controls (name -> (attribute, value)); the readout HTML it shows."""
        code = "\n".join(f"__il_c = __il_E[{index}].controls[{name!r}]\nif __il_c.{attr} != {value!r}: "
                         f"__il_c.{attr} = {value!r}" for name, (attr, value) in settings.items())
        out = self._worker.submit(self._run, f"{code}\nprint(__il_json.dumps(__il_E[{index}].readout.value))")
        return json.loads(out.result())

    def close(self) -> None:
        self._worker.submit(self._stack.close).result()
        self._worker.shutdown()


@dataclass
class Move:
    control: str
    how: str
    value: object
    readout: str
    readout_changed: bool
    figure_changed: bool


@dataclass
class NotebookReport:
    path: Path
    seconds: float = 0.0
    widget_views: int = 0
    explorers: list[list[Move]] = field(default_factory=list)


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).first.click()


def _accept_dialogs(page) -> None:
    """Accept a kernel-selection (or other) dialog if JupyterLab shows one."""
    for _ in range(3):
        if not page.locator(".jp-Dialog").count():
            return
        page.locator(".jp-Dialog .jp-mod-accept").first.click()
        page.wait_for_timeout(300)


def _expect_text(locator, text: str, timeout_ms: int, failure: str) -> None:
    try:
        expect(locator).to_have_text(text, timeout=timeout_ms)
    except AssertionError:
        shown = " ".join((locator.text_content() or "").split())
        raise WidgetCheckFailed(f"{failure}:\n  page:   {shown}\n  kernel: {text}") from None


def open_and_run(page, lab: LabServer, rel: str, nb, timeout_ms: int = 120_000) -> None:
    """Open the notebook, clear its outputs, Run -> Run All Cells, and wait until it ran."""
    page.goto(f"{lab.url}/lab/tree/{rel}?token={lab.token}&reset", wait_until="domcontentloaded", timeout=timeout_ms)
    expect(page.locator(".jp-NotebookPanel .jp-Cell")).to_have_count(len(nb.cells), timeout=timeout_ms)
    _accept_dialogs(page)
    expect(page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_attached(
        timeout=timeout_ms)
    _menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(PROMPTS, has_text=re.compile(r"\d"))).to_have_count(0)
    for attempt in range(3):  # a Run All sent before the kernel is connected runs nothing
        _menu(page, "Run", "Run All Cells")
        _accept_dialogs(page)
        try:
            expect(page.locator(PROMPTS, has_text=re.compile(r"\[(\*|\d+)\]")).first).to_be_attached(timeout=15_000)
            break
        except AssertionError:
            if attempt == 2:
                raise WidgetCheckFailed(f"{rel}: Run All Cells did not start any cell") from None
    # a cell with hidden input shows no prompt; done when every other code cell has a number, or at an error
    n_code = sum(c.cell_type == "code" and not c.metadata.get("jupyter", {}).get("source_hidden") for c in nb.cells)
    page.wait_for_function(f"n => {{ const p = [...document.querySelectorAll('{PROMPTS}')].map(x => x.textContent);"
                           " return p.filter(t => /\\[\\d+\\]/.test(t)).length === n || (!p.some(t => t.includes('*'))"
                           " && !!document.querySelector('.jp-NotebookPanel "
                           "[data-mime-type=\"application/vnd.jupyter.stderr\"]')); }", arg=n_code, timeout=timeout_ms)
    errors = page.locator(".jp-NotebookPanel [data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    if tracebacks := [t for t in errors if "Traceback" in t or "Error" in t]:
        raise WidgetCheckFailed(f"{rel}: a cell failed when run from the browser:\n{tracebacks[0][-2000:]}")
    ran = page.locator(PROMPTS, has_text=re.compile(r"\[\d+\]")).count()
    if ran != n_code:
        raise WidgetCheckFailed(f"{rel}: Run All ran {ran} of the {n_code} code cells with visible input")
    expect(page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_attached(
        timeout=timeout_ms)


def _read(control, spec: dict) -> tuple[str, object]:
    """The control's value as the page shows it, as (attribute, value) for the oracle."""
    if spec["type"] == "Dropdown":
        return "index", control.locator("select").evaluate("s => s.selectedIndex")
    x = float(control.locator(".noUi-target").evaluate("e => Number(e.noUiSlider.get(true))"))
    if spec["type"] in ("SelectionSlider", "IntSlider"):
        return ("index" if spec["type"] == "SelectionSlider" else "value"), round(x)
    return "value", float(spec["base"]) ** x if spec["type"] == "FloatLogSlider" else x


def _moves(spec: dict) -> list[str]:
    if spec["type"] == "Dropdown":  # each option once (up to 8), back to the first
        return ["select option"] * max(min(spec["options"], 8), 2)
    return ["drag", "arrow keys"]


def _move(page, control, how: str) -> None:
    control.scroll_into_view_if_needed()
    if how == "select option":
        select = control.locator("select")
        select.select_option(index=(select.evaluate("s => s.selectedIndex") + 1) % select.locator("option").count())
        return
    track, handle = control.locator(".noUi-target").bounding_box(), control.locator(".noUi-handle")
    box = handle.bounding_box()
    low_half = box["x"] + box["width"] / 2 - track["x"] < track["width"] / 2
    if how == "arrow keys":
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight" if low_half else "ArrowLeft")
        return
    if track["width"] < 60:
        raise WidgetCheckFailed(f"a slider is {track['width']:.0f} px wide: too narrow to drag")
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + (0.8 if low_half else 0.2) * track["width"], y, steps=12)
    page.mouse.up()


def check_notebook(page, lab: LabServer, path: Path, served_root: Path, *, screenshot: str | None = None,
                   settle_timeout_ms: int = 15_000) -> NotebookReport:
    """Open ``path`` in JupyterLab, run it, check its widgets; WidgetCheckFailed says what a learner would see."""
    start, rel = time.monotonic(), path.relative_to(served_root).as_posix()
    console: list[str] = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"page error: {e}"))
    oracle, report = KernelOracle(path), NotebookReport(path)
    text_of = lambda html: " ".join(page.evaluate(  # noqa: E731
        "h => { const d = document.createElement('div'); d.innerHTML = h; return d.textContent; }", html).split())
    try:
        open_and_run(page, lab, rel, nbformat.read(path, as_version=4))
        report.widget_views = len(oracle.wait().views)
        if (broken := page.get_by_text("Error displaying widget")).count():
            raise WidgetCheckFailed(f"{rel}: the page shows {broken.first.text_content()!r}")
        shown = page.locator(".jp-NotebookPanel .jp-OutputArea-output:has(> .jupyter-widgets)").count()
        if shown != len(oracle.views):
            plain = page.locator(".jp-NotebookPanel [data-mime-type='text/plain']").all_text_contents()
            raise WidgetCheckFailed(
                f"{rel}: the kernel displays {len(oracle.views)} widget(s), JupyterLab rendered {shown} (is the "
                f"widget manager installed and matching ipywidgets?); plain-text outputs: {[t[:120] for t in plain]}")
        explorers = page.locator(".jp-NotebookPanel .il-explorer")
        if explorers.count() != len(oracle.explorers):
            raise WidgetCheckFailed(f"{rel}: {len(oracle.explorers)} explorer(s) expected, {explorers.count()} shown")
        for i, spec in enumerate(oracle.explorers):
            where, ex, moves = f"{rel}, explorer {i}", explorers.nth(i), []
            report.explorers.append(moves)
            readout, figure = ex.locator(".il-readout").first, ex.locator(".il-figure img")
            _expect_text(readout, text_of(spec["readout"]), settle_timeout_ms, f"{where}: the first readout is wrong")
            if ex.evaluate("e => [...(e.closest('.jp-Cell-outputArea') || e).querySelectorAll("
                           "'[data-mime-type^=\"image/\"]')].filter(i => !i.closest('.il-explorer')).length"):
                raise WidgetCheckFailed(f"{where}: the cell also shows a static figure that never updates "
                                        "(a pyplot figure left open when the explorer was built?)")
            controls = {c["name"]: ex.locator(f".il-control-{c['name']}").first for c in spec["controls"]}
            for c in spec["controls"]:
                if c["type"] not in SUPPORTED:
                    raise WidgetCheckFailed(f"{where}: control {c['name']!r} is a {c['type']}, which the "
                                            f"harness does not drive (it drives {', '.join(SUPPORTED)})")
                if not controls[c["name"]].is_visible():
                    raise WidgetCheckFailed(f"{where}: control {c['name']!r} is not visible")
            for c in (c for c in spec["controls"] if not c["disabled"]):
                name, control = c["name"], controls[c["name"]]
                for how in _moves(c):
                    before, before_text = _read(control, c), readout.text_content()
                    before_fig = figure.first.get_attribute("src") if figure.count() else None
                    _move(page, control, how)
                    if (after := _read(control, c)) == before:
                        raise WidgetCheckFailed(f"{where}: {how} on {name!r} did not change its value ({before[1]})")
                    settings = {d["name"]: _read(controls[d["name"]], d) for d in spec["controls"]}
                    expected = text_of(oracle.readout(i, settings))
                    failure = f"{where}: after {how} on {name!r} to {after[1]!r}"
                    _expect_text(readout, expected, settle_timeout_ms,
                                 f"{failure} the readout is not what the kernel computes for {settings}")
                    page.wait_for_timeout(300)  # a late, stale update would arrive now
                    _expect_text(readout, expected, 2_000, f"{failure} the readout changed again")
                    try:  # the figure is redrawn with the readout
                        if fig_changed := spec["has_figure"]:
                            expect(figure.first).not_to_have_attribute("src", before_fig or "", timeout=5_000)
                    except AssertionError:
                        fig_changed = False
                    moves.append(Move(name, how, after[1], expected, expected != " ".join(before_text.split()),
                                      fig_changed))
                if not any(m.readout_changed for m in moves if m.control == name):
                    raise WidgetCheckFailed(f"{where}: the readout never changed while {name!r} was moved "
                                            f"({', '.join(_moves(c))}); it stayed {readout.text_content()!r}")
            if spec["has_figure"] and not any(m.figure_changed for m in moves):
                raise WidgetCheckFailed(f"{where}: the figure never redrew while the controls moved")
        if console:
            raise WidgetCheckFailed(f"{rel}: errors in the browser console:\n" + "\n".join(console[:10]))
        if screenshot:
            page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"), full_page=True)
        return report
    finally:
        report.seconds = time.monotonic() - start
        oracle.close()
        lab.shutdown_sessions()
