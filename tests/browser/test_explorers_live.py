"""The course's explorers follow a hand on their controls in JupyterLab, and end on the last value.

Correctness, not speed (``make bench`` measures speed): for every control of the three
explorers, built as their lessons build them,

* one move changes both the readout and the picture;
* while a slider is dragged, the readout and the picture already change before the mouse
  button is released (the sliders update live);
* after a fast drag (or a quick run through a menu) the page settles on the readout and
  the picture the kernel computes for the *last* value -- the same bytes a separate kernel
  draws for those settings -- and stays there: no late, stale frame arrives.
"""
from __future__ import annotations

import importlib.util
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from playwright.sync_api import expect

from lab_harness import ROOT, KernelOracle, _read, open_and_run


def _recipes() -> dict:
    """tools/explorer_recipes.py, the explorers as the lessons build them (shared with the benchmarks)."""
    spec = importlib.util.spec_from_file_location("explorer_recipes", ROOT / "tools" / "explorer_recipes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.RECIPES


# each cell ends by showing its explorer
ROOT_CODE = {name.removesuffix("_explorer"): code + "\nexplorer" for name, code in _recipes().items()}

IMAGE_SHA = """async img => {
  const buf = await (await fetch(img.src)).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', buf);
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}"""


@pytest.fixture(scope="module", params=list(ROOT_CODE))
def live(request, page, lab, served):
    """(page, the explorer's locator, the oracle, the oracle's description of it) for one explorer."""
    root, _ = served
    folder = root / "_live"
    folder.mkdir(exist_ok=True)
    path = folder / f"{request.param}.ipynb"
    nb = new_notebook(cells=[new_markdown_cell(f"# {request.param} explorer"), new_code_cell(ROOT_CODE[request.param])],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)
    oracle = KernelOracle(path)
    try:
        open_and_run(page, lab, path.relative_to(root).as_posix(), nb)
        oracle.wait()
        explorer = page.locator(".jp-NotebookPanel .il-explorer").first
        expect(explorer.locator(".il-figure img")).to_be_visible(timeout=60_000)
        yield page, explorer, oracle, oracle.explorers[0]
    finally:
        oracle.close()
        lab.shutdown_sessions()


@pytest.fixture(scope="module")
def page(browser, browser_context_args):
    """One page per explorer module run (the default ``page`` is per test)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def _text(locator) -> str:
    return " ".join((locator.text_content() or "").split())


def _kernel_state(oracle, settings: dict) -> tuple[str, str]:
    """(readout text, SHA-256 of the picture) a separate kernel shows for these settings."""
    html = oracle.readout(0, settings)
    digest = oracle._worker.submit(oracle._run, "import hashlib as __h\n"
                                   "print(__h.sha256(__il_E[0].image.value).hexdigest())").result().strip()
    return html, digest


def _page_text_of(page, html: str) -> str:
    return " ".join(page.evaluate(
        "h => { const d = document.createElement('div'); d.innerHTML = h; return d.textContent; }", html).split())


def _settings(explorer, spec) -> dict:
    return {c["name"]: _read(explorer.locator(f".il-control-{c['name']}").first, c) for c in spec["controls"]}


def _enabled(explorer, spec) -> list[dict]:
    return [c for c in spec["controls"]
            if not explorer.locator(f".il-control-{c['name']}").first.locator(
                ".noUi-target[disabled], select[disabled]").count()]


def _settles_on_the_kernel_state(page, explorer, oracle, spec, what: str) -> None:
    readout, img = explorer.locator(".il-readout").first, explorer.locator(".il-figure img").first
    settings = _settings(explorer, spec)
    html, digest = _kernel_state(oracle, settings)
    expected = _page_text_of(page, html)
    expect(readout).to_have_text(expected, timeout=30_000)
    for _ in range(60):  # the picture for the last value, drawn to the same bytes
        if img.evaluate(IMAGE_SHA) == digest:
            break
        page.wait_for_timeout(250)
    assert img.evaluate(IMAGE_SHA) == digest, f"{what}: the picture is not the one for {settings}"
    page.wait_for_timeout(600)  # a late, stale update would arrive now
    assert _text(readout) == expected, f"{what}: the readout changed again after settling"
    assert img.evaluate(IMAGE_SHA) == digest, f"{what}: the picture changed again after settling"


def test_each_control_changes_readout_and_picture(live):
    page, explorer, oracle, spec = live
    readout, img = explorer.locator(".il-readout").first, explorer.locator(".il-figure img").first
    for c in _enabled(explorer, spec):
        control = explorer.locator(f".il-control-{c['name']}").first
        control.scroll_into_view_if_needed()
        before_text, before_src = _text(readout), img.get_attribute("src")
        if c["type"] == "Dropdown":
            select = control.locator("select")
            select.select_option(index=(select.evaluate("s => s.selectedIndex") + 1) % c["options"])
        else:
            track = control.locator(".noUi-target").bounding_box()
            handle = control.locator(".noUi-handle").bounding_box()
            left = handle["x"] - track["x"] < track["width"] / 2
            page.mouse.click(track["x"] + (0.8 if left else 0.2) * track["width"], track["y"] + track["height"] / 2)
        expect(readout).not_to_have_text(before_text, timeout=30_000)
        expect(img).not_to_have_attribute("src", before_src or "", timeout=30_000)
        _settles_on_the_kernel_state(page, explorer, oracle, spec, f"one move of {c['name']!r}")


def test_sliders_update_while_dragged_and_end_on_the_last_value(live):
    page, explorer, oracle, spec = live
    readout, img = explorer.locator(".il-readout").first, explorer.locator(".il-figure img").first
    sliders = [c for c in _enabled(explorer, spec) if c["type"] != "Dropdown"]
    assert sliders
    for c in sliders:
        control = explorer.locator(f".il-control-{c['name']}").first
        control.scroll_into_view_if_needed()
        track, handle = control.locator(".noUi-target").bounding_box(), control.locator(".noUi-handle").bounding_box()
        y = handle["y"] + handle["height"] / 2
        x0 = handle["x"] + handle["width"] / 2
        left = x0 - track["x"] < track["width"] / 2
        far = track["x"] + (0.93 if left else 0.07) * track["width"]
        stop = track["x"] + (0.61 if left else 0.39) * track["width"]
        before_text, before_src = _text(readout), img.get_attribute("src")
        page.mouse.move(x0, y)
        page.mouse.down()
        page.mouse.move(far, y, steps=25)
        # still holding the handle: the page has already answered
        expect(readout).not_to_have_text(before_text, timeout=30_000)
        expect(img).not_to_have_attribute("src", before_src or "", timeout=30_000)
        page.mouse.move(stop, y, steps=25)  # back again, fast: many values in flight
        page.mouse.up()
        _settles_on_the_kernel_state(page, explorer, oracle, spec, f"a fast drag of {c['name']!r}")


def test_a_quick_run_through_a_menu_ends_on_the_last_choice(live):
    page, explorer, oracle, spec = live
    menus = [c for c in _enabled(explorer, spec) if c["type"] == "Dropdown"]
    if not menus:
        pytest.skip("this explorer has no menu")
    for c in menus:
        select = explorer.locator(f".il-control-{c['name']}").first.locator("select")
        select.scroll_into_view_if_needed()
        start = select.evaluate("s => s.selectedIndex")
        for step in range(1, c["options"] + 2):  # one round and one more, without waiting
            select.select_option(index=(start + step) % c["options"])
        _settles_on_the_kernel_state(page, explorer, oracle, spec, f"a quick run through {c['name']!r}")
        assert json.dumps(select.evaluate("s => s.selectedIndex")) == json.dumps((start + 1) % c["options"])
