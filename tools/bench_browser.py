"""Time the explorers in JupyterLab in a headless Chromium: input event -> new image in the page.

Usage: python tools/bench_browser.py [--moves N] [--json out.json]

One notebook builds the three explorers the way their lessons do, and, for each, a
*messaging floor*: a slider whose only job is to swap a pre-rendered PNG of the same
size into an ``ipywidgets.Image`` in the same page (the explorer's own first and last
frames), so the floor pays the browser -> kernel -> browser round trip and the image
decoding, nothing else. JupyterLab is started and the page driven through the browser
harness (tests/browser: ``lab_harness.start_lab``, ``find_browser``); the notebook is run
from the Run menu as a learner would.

Each control is moved ``--moves`` times (default 24) spread over its whole range: a slider
is clicked at evenly spaced points of its track (in a fixed shuffled order), a menu goes
through its options. A click that moves nothing (it lands on the slider's handle) is
counted as unmoved, a move whose readout changes but brings no new image within
``--timeout-ms`` as missing; either is replaced, up to three times as many moves. After each move the page is left
alone for ``--look-ms`` (default 1 s), as a learner looks at the result: the explorers use
that idle time to draw the frames of the neighbouring stops (``imbalance_lab.widgets``). For each move the page stamps the input event (pointerdown, keydown
or the menu's input event, captured on the document) and the moment the explorer's
``<img>`` has loaded its new frame, and the moment the readout's text changed. Printed as
JSON: per control the median and max of input -> image (ms) and input -> readout, and the
floor's median. Speed is never asserted here; tools/bench.py turns it into the table.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import find_browser  # noqa: E402
from explorer_recipes import RECIPES as BUILD  # noqa: E402  (tools/, this script's folder)
from lab_harness import _accept_dialogs, _menu, start_lab  # noqa: E402

# The messaging floor next to each explorer: the same widget types, a pre-rendered frame swapped in.
# Built inside a function: each floor keeps its own image and frames (globals would be taken over by the next
# floor's cell, and moving the first floor's slider would then swap the second floor's image).
FLOOR = '''
def _make_floor(explorer):
    import ipywidgets as _w
    frames = [explorer.image.value]
    c = list(explorer.controls.values())[0]
    v = c.value
    c.value = (c.options[-1] if hasattr(c, "options") and not isinstance(c.options[-1], tuple)
               else c.options[-1][1] if hasattr(c, "options") else c.max)
    frames.append(explorer.image.value)
    c.value = v
    image = _w.Image(value=frames[0], format="png")
    readout = _w.HTML("frame 0")
    slider = _w.IntSlider(value=0, min=0, max=100, description="floor", continuous_update=True,
                          layout=_w.Layout(width="420px"))
    slider.add_class("il-control-floor")
    readout.add_class("il-readout")
    box = _w.Box([image]); box.add_class("il-figure")
    def swap(change):
        image.value = frames[1] if image.value == frames[0] else frames[0]
        readout.value = f"frame {change['new']}"
    slider.observe(swap, names="value")
    floor = _w.VBox([slider, readout, box]); floor.add_class("il-floor")
    return floor
_make_floor(explorer)
'''

STAMP_JS = """() => {
  if (window.__il) return;
  window.__il = {t0: null};
  for (const type of ['pointerdown', 'keydown', 'input', 'change']) {
    document.addEventListener(type, () => { if (window.__il.t0 === null) window.__il.t0 = performance.now(); },
                              true);
  }
}"""

# Resolves when the box's <img> has loaded a new src and the readout's text changed (or times out).
WAIT_JS = """([el, timeout]) => { window.__il.p = (async () => {
  const img = el.querySelector('.il-figure img'), readout = el.querySelector('.il-readout');
  const src0 = img.getAttribute('src'), text0 = readout.textContent;
  let tImage = null, tReadout = null;
  const start = performance.now();
  window.__il.t0 = null;
  window.__il.go = true;
  await new Promise(resolve => {
    const check = () => {
      const now = performance.now();
      if (tReadout === null && readout.textContent !== text0) tReadout = now;
      if (tImage === null && img.getAttribute('src') !== src0 && img.complete && img.naturalWidth > 0) tImage = now;
      if ((tImage !== null && tReadout !== null) || now - start > timeout) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  return {t0: window.__il.t0, image: tImage, readout: tReadout};
})(); }"""


def notebook(folder: Path, names) -> Path:
    cells = [nbformat.v4.new_markdown_cell("# Explorer timings (generated by tools/bench_browser.py)")]
    for name, code in ((n, BUILD[n]) for n in names):
        cells += [nbformat.v4.new_markdown_cell(f"## {name}"), nbformat.v4.new_code_cell(code + "\nexplorer"),
                  nbformat.v4.new_code_cell(FLOOR)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = folder / "bench_explorers.ipynb"
    nbformat.write(nb, path)
    return path


def run_all(page, lab, rel: str, n_code: int, timeout_ms: int = 600_000) -> None:
    from playwright.sync_api import expect

    prompts = ".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"
    page.goto(f"{lab.url}/lab/tree/{rel}?token={lab.token}&reset", wait_until="domcontentloaded", timeout=timeout_ms)
    expect(page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_attached(
        timeout=timeout_ms)
    _accept_dialogs(page)
    for _ in range(3):
        _menu(page, "Run", "Run All Cells")
        _accept_dialogs(page)
        try:
            page.wait_for_function(f"() => [...document.querySelectorAll('{prompts}')].some(p => /\\[/.test("
                                   "p.textContent) && /[*0-9]/.test(p.textContent))", timeout=20_000)
            break
        except Exception:
            continue
    page.wait_for_function(f"() => {{ const p = [...document.querySelectorAll('{prompts}')].map(x => x.textContent);"
                           f" return p.filter(t => /\\[\\d+\\]/.test(t)).length === {n_code}; }}", timeout=timeout_ms)


def targets(control, kind: str, n: int, rng: random.Random) -> list:
    """What each move does: a fraction of the slider's track, or an option index."""
    if kind == "select":  # through every option, round and round, ending where it started
        count = control.locator("option").count()
        start = control.locator("select").evaluate("s => s.selectedIndex")
        return [(start + i + 1) % count for i in range(-(-n // count) * count)]
    lo, hi, step = control.locator(".noUi-target").evaluate(
        "e => [e.noUiSlider.options.range.min, e.noUiSlider.options.range.max, e.noUiSlider.options.step || 0]")
    stops = round((hi - lo) / step) + 1 if step else 0
    if 1 < stops <= 2 * n:  # a slider of few stops: every stop in turn, never the same twice in a row
        order = [i % stops for i in range(-(-n // stops) * stops)]
        rng.shuffle(order)
        for i in range(1, len(order)):
            if order[i] == order[i - 1]:
                j = next((j for j in range(i + 1, len(order)) if order[j] != order[i - 1]), None)
                if j is not None:
                    order[i], order[j] = order[j], order[i]
        return [i / (stops - 1) for i in order]
    fractions = [(i + 0.5) / n for i in range(n)]
    rng.shuffle(fractions)
    return fractions


def move(page, control, kind: str, target) -> None:
    if kind == "select":
        control.locator("select").select_option(index=target)
        return
    # In the middle of the window, and checked: a click that lands on anything but the slider (a neighbour, an
    # output area scrolled under the toolbar) would change nothing and count as a move without a new image.
    slider = control.locator(".noUi-target")
    for _ in range(3):
        slider.evaluate("e => e.scrollIntoView({block: 'center', inline: 'nearest'})")
        track = slider.bounding_box()
        x, y = track["x"] + 2 + target * (track["width"] - 4), track["y"] + track["height"] / 2
        if slider.evaluate("(e, [x, y]) => { const t = document.elementFromPoint(x, y);"
                           " return !!t && (e.contains(t) || t.contains(e) || e.parentElement.contains(t)); }",
                           [x, y]):
            break
        page.wait_for_timeout(100)
    page.mouse.click(x, y)


def time_box(page, box, moves: int, rng: random.Random, timeout_ms: int, look_ms: int = 1000,
             debug: bool = False) -> dict:
    """{control name: [(input->image ms, input->readout ms), ...]} for every enabled control of one box."""
    out = {}
    for control in box.locator(".widget-slider, .widget-dropdown").all():
        classes = control.get_attribute("class") or ""
        name = next((c.removeprefix("il-control-") for c in classes.split() if c.startswith("il-control-")), None)
        if name is None or control.locator(".noUi-target[disabled], select[disabled]").count():
            continue
        kind = "select" if control.locator("select").count() else "slider"
        control.scroll_into_view_if_needed()
        box.scroll_into_view_if_needed()
        times = []
        planned = targets(control, kind, moves, rng)
        while planned:
            target = planned.pop(0)
            page.evaluate(WAIT_JS, [box.element_handle(), timeout_ms])  # snapshot taken, waiting
            move(page, control, kind, target)
            r = page.evaluate("() => window.__il.p")
            if debug:
                print(name, target, r, control.locator(".widget-readout").all_inner_texts(),
                      box.locator(".il-readout").all_inner_texts(), file=sys.stderr)
            if r["t0"] is None or (r["image"] is None and r["readout"] is None):
                times.append(("unmoved", None))  # the click moved nothing (it landed on the slider's handle)
            elif r["image"] is None:
                times.append((None, None))  # the readout changed but no new image came in time: missing
            else:
                times.append((r["image"] - r["t0"], (r["readout"] or r["image"]) - r["t0"]))
            if not planned and sum(isinstance(t, (int, float)) for t, _ in times) < moves and len(times) < 3 * moves:
                planned = targets(control, kind, moves, rng)[:3]  # a few more, to reach `moves` timed moves
            page.wait_for_timeout(look_ms)  # the learner looks at the result before the next move
        out[name] = times
    return out


def summarise(times: list) -> dict:
    image = [t for t, _ in times if isinstance(t, (int, float))]
    readout = [r for _, r in times if r is not None]
    return {"n": len(image), "missing": sum(t is None for t, _ in times),
            "unmoved": sum(t == "unmoved" for t, _ in times),
            "median_ms": statistics.median(image) if image else None, "max_ms": max(image) if image else None,
            "readout_median_ms": statistics.median(readout) if readout else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=24)
    ap.add_argument("--debug", action="store_true", help="print every move of the floors")
    ap.add_argument("--timeout-ms", type=int, default=10_000)
    ap.add_argument("--look-ms", type=int, default=1000,
                    help="pause after each move, as a learner looks at the result (default 1000 ms)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", nargs="+", choices=list(BUILD), default=list(BUILD), help="time only these explorers")
    ap.add_argument("--screenshots", type=Path, help="folder for one screenshot per explorer")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rng = random.Random(42)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        tmp = Path(tmp)
        root = tmp / "notebooks"
        root.mkdir()
        path = notebook(root, args.only)
        lab = start_lab(root, tmp / "state")
        browser = None
        try:
            exe = find_browser.require(pw)
            flags = ["--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"] + (
                ["--no-sandbox"] if find_browser.is_root() else [])
            browser = pw.chromium.launch(executable_path=exe, args=flags)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            run_all(page, lab, path.name, sum(c.cell_type == "code" for c in nbformat.read(path, 4).cells))
            page.evaluate(STAMP_JS)
            explorers, floors = page.locator(".il-explorer"), page.locator(".il-floor")
            for i, name in enumerate(args.only):
                box = explorers.nth(i)
                if args.screenshots:
                    args.screenshots.mkdir(parents=True, exist_ok=True)
                    box.scroll_into_view_if_needed()
                    box.screenshot(path=str(args.screenshots / f"explorer_{name.removesuffix('_explorer')}.png"))
                floor = time_box(page, floors.nth(i), args.moves, rng, args.timeout_ms, args.look_ms,
                                 args.debug)["floor"]
                controls = time_box(page, box, args.moves, rng, args.timeout_ms, args.look_ms)
                results[name] = {"floor": summarise(floor),
                                 "controls": {c: summarise(t) for c, t in controls.items()}}
                print(f"  {name}: floor {results[name]['floor']['median_ms']} ms; "
                      + ", ".join(f"{c} {s['median_ms']} ms" for c, s in results[name]["controls"].items()),
                      file=sys.stderr, flush=True)
        finally:
            if browser is not None:
                browser.close()
            lab.stop()
    text = json.dumps(results, indent=1)
    if args.json:
        args.json.write_text(text)
    print("IL-BROWSER" + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
