"""Benchmark the course against floors measured in the same run ('make bench').

Usage: python tools/bench.py [--quick] [--reps N] [--lesson-reps N] [--out docs/benchmarks.md]

Every figure is a median of several repetitions and is shown beside its
*floor* -- the least the same work could cost on this machine, measured in the
same run -- and the ratio of the two:

* **lessons**: executing each lesson headless (as the tests do) against an
  empty notebook that only starts the kernel and imports numpy, pandas,
  scikit-learn, imbalanced-learn, matplotlib.pyplot and imbalance_lab.
  Goals: the whole suite within 2x its floor; no lesson over 15 s.
* **widgets, kernel**: each control of each explorer moved at least 20 times
  over its whole range (``explorer.controls[name].value = v``; the readout and
  the picture are updated before the assignment returns), median and max,
  against floor (b): drawing and encoding the same figure once with nothing
  changed, interleaved with the moves. Goal: within 1.5x. Explorers are found
  automatically -- the ``*_explorer`` functions of ``imbalance_lab.widgets`` --
  and built the way the lesson builds them: the lesson notebook that calls one
  is executed up to that cell in a kernel, then the timing runs in the same
  kernel. An explorer no lesson uses yet is built from a small recipe below.
* **widgets, browser**: ``tools/bench_browser.py`` moves every control in
  JupyterLab in headless Chromium (at least 20 moves spread over its range) and
  times input event -> new image loaded in the page, against floor (a):
  swapping a pre-rendered image of the same size into the same page. Goals:
  median within 100 ms and within 2x floor (a). ``--no-browser`` skips it.
* **threshold sweep**: ``imbalance_lab.thresholds.threshold_sweep`` on 10^6
  scores against ``sklearn.metrics.roc_curve`` on the same scores. Goal: within 1.5x.
* **import**: ``import imbalance_lab`` in a fresh process against
  ``import sklearn, pandas``. Goal: within 1.2x.

The table is printed and written to ``docs/benchmarks.md`` with the machine and
the date. Speed is never asserted by the tests: this is the place to look.
``--quick`` skips the lessons (the slow part).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import time_lessons  # tools/ is on sys.path when run as a script (same kernel guard, machine description)
from explorer_recipes import RECIPES  # how to build an explorer that no lesson calls yet

ROOT = time_lessons.ROOT
PYTHON = sys.executable
OUT = ROOT / "docs" / "benchmarks.md"

FLOOR_IMPORTS = "import numpy, pandas, sklearn, imblearn, matplotlib.pyplot, imbalance_lab"
GOALS = {"suite": 2.0, "lesson_s": 15.0, "widget": 1.5, "browser": 2.0, "browser_ms": 100.0, "sweep": 1.5,
         "import": 1.2}

# Runs inside the kernel, after the cell that built the explorer.
WIDGET_PROBE = r'''
import json as _json, random as _random, statistics as _st, time as _time
import numpy as _np
from imbalance_lab.widgets import Explorer as _Explorer, _png

def _il_find(fname):
    pool = list(globals().values()) + list(globals().get("Out", {}).values())
    for v in reversed(pool):
        if isinstance(v, _Explorer) and getattr(v._render, "__qualname__", "").startswith(fname + "."):
            return v
    return None

def _il_moves(c, n):
    # at least n values spread over the control's whole range, in a fixed shuffled order, ending where it began
    start = c.value
    opts = list(getattr(c, "_options_values", ()) or ())
    if opts:  # a menu or a slider of a few stops: every option in turn, round and round
        i = opts.index(start)
        return [opts[(i + k + 1) % len(opts)] for k in range(-(-n // len(opts)) * len(opts))]
    lo, hi, step = float(c.min), float(c.max), float(c.step or (c.max - c.min) / 100)
    grid = _np.round(lo + _np.round((hi - lo) * (_np.arange(n) + 0.5) / n / step) * step, 10)
    values = [float(c.base) ** x if hasattr(c, "base") else x for x in grid]
    if isinstance(start, int):
        values = [int(round(v)) for v in values]
    _random.Random(42).shuffle(values)
    return values + [start]

def _il_bench(fname, moves):
    e = _il_find(fname)
    if e is None:
        return {"error": f"no {fname} explorer found in the notebook's variables"}
    fig = e._fig
    res, floor = {"controls": {}}, []
    for name, c in e.controls.items():
        if getattr(c, "disabled", False):
            continue
        times = []
        for v in _il_moves(c, moves):
            if v == c.value:
                continue
            t = _time.perf_counter(); c.value = v; times.append(_time.perf_counter() - t)
            if fig is not None:  # floor (b), interleaved: draw and encode the same figure, nothing changed
                t = _time.perf_counter(); fig.canvas.draw(); _png(fig); floor.append(_time.perf_counter() - t)
        res["controls"][name] = {"median": _st.median(times), "max": max(times), "n": len(times)}
    res["floor"] = _st.median(floor) if floor else None
    return res

print("IL-BENCH" + _json.dumps(_il_bench(FNAME, MOVES)))
'''


# --- measuring ----------------------------------------------------------------------------


def median_of(fn, reps: int) -> float:
    return statistics.median(fn() for _ in range(reps))


def run_notebook(path: Path, cwd: Path | None = None) -> float:
    return time_lessons.run_once(path, cwd=cwd)


def floor_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_IMPORTS)]
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def bench_lessons(reps: int, log) -> list[dict]:
    lessons = time_lessons.lessons()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = floor_notebook(Path(tmp))
        floors, times = [], {p.name: [] for p in lessons}
        failed = set()
        # Interleave lessons and floor so that a change in the machine's load hits both.
        for rep in range(reps):
            floors.append(run_notebook(floor_path, cwd=ROOT / "notebooks"))  # where the lessons run
            for p in lessons:
                if p.name in failed:
                    continue
                try:
                    times[p.name].append(run_notebook(p))
                except Exception as exc:
                    failed.add(p.name)
                    log(f"  {p.name} failed: {type(exc).__name__}")
            log(f"  lessons: repetition {rep + 1}/{reps} done")
        floor = statistics.median(floors)
        for p in lessons:
            t = statistics.median(times[p.name]) if p.name not in failed and times[p.name] else None
            rows.append({"group": "lessons", "name": p.stem, "value": t, "floor": floor, "unit": "s",
                         "goal": f"≤ {GOALS['lesson_s']:.0f} s", "met": t is not None and t <= GOALS["lesson_s"]})
        ok = [r for r in rows if r["value"] is not None]
        total = sum(r["value"] for r in ok)
        rows.append({"group": "lessons", "name": f"whole suite ({len(ok)} lessons)", "value": total,
                     "floor": floor * len(ok), "unit": "s", "goal": f"≤ {GOALS['suite']:g}x floor",
                     "met": bool(ok) and total <= GOALS["suite"] * floor * len(ok) and len(ok) == len(rows)})
    return rows


def widget_functions() -> list[str]:
    import imbalance_lab.widgets as widgets
    return [n for n in getattr(widgets, "__all__", []) if n.endswith("_explorer") and callable(getattr(widgets, n))]


def notebook_calling(fname: str) -> tuple[Path, int] | None:
    """The first lesson (then solution) notebook with a code cell calling ``fname(``, and that cell's index."""
    pat = re.compile(rf"\b{re.escape(fname)}\s*\(")
    for path in time_lessons.lessons() + sorted((ROOT / "notebooks" / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and pat.search(time_lessons.source_of(cell)):
                return path, i
    return None


def bench_widget(fname: str, reps: int) -> tuple[dict, str]:
    """Build the explorer as its lesson does, then time control updates in the same kernel."""
    found = notebook_calling(fname)
    if found:
        path, idx = found
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells[: idx + 1] if c.cell_type == "code"]
        source = f"{path.relative_to(ROOT)} (cells up to the explorer)"
        cwd = path.parent
    elif fname in RECIPES:
        cells = [nbformat.v4.new_code_cell(RECIPES[fname])]
        source, cwd = "recipe in tools/explorer_recipes.py (no lesson calls it yet)", ROOT / "notebooks"
    else:
        return {"error": "no lesson calls it and tools/explorer_recipes.py has no recipe for it"}, "—"
    probe = nbformat.v4.new_code_cell(f"FNAME = {fname!r}\nMOVES = {max(reps, 20)}\n" + WIDGET_PROBE)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(time_lessons.source_of(c)) for c in cells] + [probe]
    try:
        for attempt in range(time_lessons.KERNEL_START_ATTEMPTS):
            run = nbformat.from_dict(nb)
            try:
                NotebookClient(run, timeout=600, kernel_name="python3",
                               resources={"metadata": {"path": str(cwd)}}).execute(env=time_lessons.kernel_env())
                break
            except RuntimeError as exc:  # a kernel that died at start on a busy machine: start another
                if "Kernel died before replying" not in str(exc) or attempt + 1 == time_lessons.KERNEL_START_ATTEMPTS:
                    raise
        nb = run
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:160] if str(exc).strip() else ''}"}, source
    for out in nb.cells[-1].outputs:
        text = out.get("text", "")
        if "IL-BENCH" in text:
            return json.loads(text.split("IL-BENCH", 1)[1].strip().splitlines()[0]), source
    return {"error": "the probe printed nothing"}, source


def bench_widgets(reps: int, log) -> list[dict]:
    """Kernel side: each control moved over its range (at least 20 moves) against floor (b)."""
    rows = []
    goal = f"≤ {GOALS['widget']:g}x floor (b)"
    for fname in widget_functions():
        res, source = bench_widget(fname, reps)
        log(f"  {fname}: {'error' if 'error' in res else 'done'}")
        if "error" in res:
            rows.append({"group": "widgets, kernel", "name": fname, "value": None, "floor": None, "unit": "ms",
                         "goal": goal, "met": False, "note": res["error"]})
            continue
        floor = res["floor"]
        for control, t in res["controls"].items():
            rows.append({"group": "widgets, kernel", "name": f"{fname} · {control}", "value": t["median"] * 1000,
                         "floor": floor * 1000 if floor else None, "unit": "ms", "goal": goal,
                         "met": bool(floor) and t["median"] <= GOALS["widget"] * floor,
                         "note": f"max {t['max'] * 1000:.0f} ms over {t['n']} moves; built from {source}"})
    return rows


def bench_widgets_browser(moves: int, log) -> list[dict]:
    """Browser end to end (tools/bench_browser.py): input event -> new image, against floor (a)."""
    load = time_lessons.load()
    log(f"  browser ({load} at the start) ...")
    proc = subprocess.run([PYTHON, str(ROOT / "tools" / "bench_browser.py"), "--moves", str(moves),
                           "--screenshots", str(ROOT / "docs" / "img")],
                          capture_output=True, text=True, cwd=ROOT, timeout=3600)
    goal = f"≤ {GOALS['browser_ms']:g} ms and ≤ {GOALS['browser']:g}x floor (a)"
    line = next((x for x in proc.stdout.splitlines() if x.startswith("IL-BROWSER")), None)
    if proc.returncode != 0 or line is None:
        err = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return [{"group": "widgets, browser", "name": "explorers in JupyterLab", "value": None, "floor": None,
                 "unit": "ms", "goal": goal, "met": False, "note": err[:160]}]
    rows = []
    for fname, res in json.loads(line.removeprefix("IL-BROWSER")).items():
        floor = res["floor"]["median_ms"]
        for control, t in res["controls"].items():
            value = t["median_ms"]
            met = value is not None and floor is not None and value <= GOALS["browser_ms"] and \
                value <= GOALS["browser"] * floor
            rows.append({"group": "widgets, browser", "name": f"{fname} · {control}", "value": value,
                         "floor": floor, "unit": "ms", "goal": goal, "met": met,
                         "note": (f"{load} when the browser runs began; " if not rows else "")
                         + (f"max {t['max_ms']:.0f} ms over {t['n']} moves" if value is not None else "no move")
                         + (f" ({t['missing']} without a new image within 10 s)" if t["missing"] else "")
                         + (f" ({t['unmoved']} {'clicks' if t['unmoved'] > 1 else 'click'} on the slider's"
                            f" handle moved nothing and {'were' if t['unmoved'] > 1 else 'was'} replaced)"
                            if t.get("unmoved") else "")
                         + (f"; readout median {t['readout_median_ms']:.0f} ms" if t["readout_median_ms"] else "")})
    return rows


SWEEP_CODE = r'''
import json, statistics, time
import numpy as np
from sklearn.metrics import roc_curve
from imbalance_lab.thresholds import threshold_sweep
rng = np.random.default_rng(42)
n = 1_000_000
y = (rng.random(n) < 0.05).astype(int)
score = np.clip(rng.normal(0.3 + 0.3 * y, 0.15), 0, 1)
threshold_sweep(y[:1000], score[:1000]); roc_curve(y[:1000], score[:1000])   # warm-up
def t(f):
    s = time.perf_counter(); f(); return time.perf_counter() - s
mine, floor = [], []
for _ in range(REPS):   # interleaved, so load changes hit both
    floor.append(t(lambda: roc_curve(y, score)))
    mine.append(t(lambda: threshold_sweep(y, score)))
print(json.dumps({"value": statistics.median(mine), "floor": statistics.median(floor),
                  "thresholds": int(len(threshold_sweep(y, score)))}))
'''


def bench_sweep(reps: int) -> list[dict]:
    proc = subprocess.run([PYTHON, "-c", SWEEP_CODE.replace("REPS", str(reps))], capture_output=True, text=True,
                          cwd=ROOT)
    goal = f"≤ {GOALS['sweep']:g}x floor"
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return [{"group": "threshold sweep", "name": "threshold_sweep, 10^6 scores", "value": None, "floor": None,
                 "unit": "ms", "goal": goal, "met": False, "note": err[:160]}]
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    return [{"group": "threshold sweep", "name": "threshold_sweep, 10^6 scores", "value": res["value"] * 1000,
             "floor": res["floor"] * 1000, "unit": "ms", "goal": goal,
             "met": res["value"] <= GOALS["sweep"] * res["floor"],
             "note": f"floor: sklearn.metrics.roc_curve on the same scores; {res['thresholds']:,} thresholds"}]


def _import_time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def bench_import(reps: int) -> list[dict]:
    _import_time("import imbalance_lab, sklearn, pandas")  # warm the file cache for both
    mine, floor, first_use = [], [], []
    for _ in range(reps):
        floor.append(_import_time("import sklearn, pandas"))
        mine.append(_import_time("import imbalance_lab"))
        first_use.append(_import_time("from imbalance_lab import load_clinical_data"))
    f = statistics.median(floor)
    rows = [{"group": "import", "name": "import imbalance_lab", "value": statistics.median(mine) * 1000,
             "floor": f * 1000, "unit": "ms", "goal": f"≤ {GOALS['import']:g}x floor",
             "met": statistics.median(mine) <= GOALS["import"] * f,
             "note": "fresh process each time; floor: import sklearn, pandas"},
            {"group": "import", "name": "from imbalance_lab import load_clinical_data", "value":
             statistics.median(first_use) * 1000, "floor": f * 1000, "unit": "ms", "goal": "(for information)",
             "met": None, "note": "first use of a name loads its module"}]
    return rows


READ_CODE = r"""
import json, resource, sys, time
import pandas as pd
from imbalance_lab.auditing import read_table   # both processes pay the same imports
path, how = sys.argv[1], sys.argv[2]
start = time.perf_counter()
frame = pd.read_csv(path) if how == "pandas" else read_table(path)
elapsed = time.perf_counter() - start
print(json.dumps({"s": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "shape": list(frame.shape)}))
"""


def bench_read_table(reps: int, rows: int = 2_000_000) -> list[dict]:
    """imbalance_lab.read_table (what `imbalance-lab audit` reads with) against pandas.read_csv on a 2M-row CSV.

    Each read runs in a fresh process; the value is its wall time and its peak resident memory
    (ru_maxrss), medians of interleaved runs. Goal: within 2x of pandas for both.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "patient_id": np.arange(rows), "age": rng.integers(18, 95, rows), "sex": rng.choice(["F", "M"], rows),
        "bmi": rng.normal(27, 5, rows).round(1), "glucose": rng.normal(110, 25, rows).round(),
        "insulin": rng.gamma(2.5, 60, rows).round(), "cp": rng.integers(1, 5, rows),
        "tsh": rng.gamma(2, 2, rows).round(2), "smoker": rng.integers(0, 2, rows),
        "outcome": (rng.random(rows) < 0.05).astype(int),
    })
    goal = "≤ 2x floor"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        frame.to_csv(path, index=False)
        del frame
        runs = {"pandas": [], "read_table": []}
        for _ in range(max(1, min(reps, 3))):
            for how in runs:
                proc = subprocess.run([PYTHON, "-c", READ_CODE, str(path), how], capture_output=True, text=True,
                                      cwd=ROOT)
                if proc.returncode != 0:
                    err = (proc.stderr.strip().splitlines() or ["?"])[-1]
                    return [{"group": "read", "name": f"read_table, {rows:,} rows", "value": None, "floor": None,
                             "unit": "s", "goal": goal, "met": False, "note": err[:160]}]
                runs[how].append(json.loads(proc.stdout.strip().splitlines()[-1]))
        size = path.stat().st_size / 2**20
    med = {how: {k: statistics.median(r[k] for r in res) for k in ("s", "peak_mb")} for how, res in runs.items()}
    note = f"{size:.0f} MiB CSV; floor: pandas.read_csv on the same file, each in a fresh process"
    return [
        {"group": "read", "name": f"read_table, {rows:,} rows: time", "value": med["read_table"]["s"],
         "floor": med["pandas"]["s"], "unit": "s", "goal": goal,
         "met": med["read_table"]["s"] <= 2 * med["pandas"]["s"], "note": note},
        {"group": "read", "name": f"read_table, {rows:,} rows: peak memory", "value": med["read_table"]["peak_mb"],
         "floor": med["pandas"]["peak_mb"], "unit": "MB", "goal": goal,
         "met": med["read_table"]["peak_mb"] <= 2 * med["pandas"]["peak_mb"], "note": None},
    ]



def bench_report(log, rows: int = 100_000, features: int = 50) -> list[dict]:
    """`imbalance-lab report` on a synthetic cohort of 100,000 rows x 50 features, as a user runs it (2 processes).

    One run in a fresh process (the command line, progress bar off): it cross-validates the comparison on
    its default stratified sample of 20,000 rows and tunes the threshold on all rows. Goal: within 5 minutes
    on a 2-core machine. The floor is the same command on 1,000 rows: the kernel, imports and conversion.
    """
    import numpy as np
    import pandas as pd

    goal = "≤ 300 s"
    rng = np.random.default_rng(0)

    def cohort(n):
        X = rng.normal(size=(n, features))
        X[rng.random((n, features)) < 0.05] = np.nan
        risk = 1 / (1 + np.exp(-(np.nan_to_num(X[:, :5]) @ np.array([1.0, -0.8, 0.6, 0.5, -0.4]) - 3.2)))
        frame = pd.DataFrame(X.round(3), columns=[f"x{i:02d}" for i in range(features)])
        frame["outcome"] = (rng.random(n) < risk).astype(int)
        return frame

    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in (("floor", 1_000), ("full", rows)):
            path = Path(tmp) / f"cohort_{n}.csv"
            cohort(n).to_csv(path, index=False)
            log(f"  report on {n:,} rows ...")
            start = time.perf_counter()
            proc = subprocess.run([PYTHON, "-m", "imbalance_lab.cli", "report", str(path), "--target", "outcome",
                                   "--cost-fn", "10", "--jobs", "2", "--quiet", "--out", str(Path(tmp) / f"out_{n}")],
                                  capture_output=True, text=True, cwd=ROOT)
            seconds[label] = time.perf_counter() - start
            if proc.returncode != 0:
                err = (proc.stderr.strip().splitlines() or ["?"])[-1]
                return [{"group": "report", "name": f"imbalance-lab report, {n:,} rows", "value": None,
                         "floor": None, "unit": "s", "goal": goal, "met": False, "note": err[:160]}]
    return [{"group": "report", "name": f"imbalance-lab report, {rows:,} rows x {features} features",
             "value": seconds["full"], "floor": seconds["floor"], "unit": "s", "goal": goal,
             "met": seconds["full"] <= 300, "note": "floor: the same command on 1,000 rows (kernel, imports, "
             "conversion); the comparison runs on a stratified sample of 20,000 rows"}]

# --- reporting ------------------------------------------------------------------------------


def _num(x, unit) -> str:
    if x is None:
        return "—"
    return f"{x:.2f} {unit}" if unit == "s" else f"{x:.1f} {unit}"


def table(rows: list[dict]) -> list[str]:
    lines = ["| group | measured | value | floor | ratio | goal | met |", "|---|---|---:|---:|---:|---|---|"]
    for r in rows:
        ratio = f"{r['value'] / r['floor']:.2f}x" if r["value"] is not None and r["floor"] else "—"
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        lines.append(f"| {r['group']} | {r['name']} | {_num(r['value'], r['unit'])} | {_num(r['floor'], r['unit'])} "
                     f"| {ratio} | {r['goal']} | {met} |")
    return lines


def report(rows: list[dict], args, started: str, elapsed: float) -> str:
    notes = [f"- {r['name']}: {r['note']}" for r in rows if r.get("note")]
    return "\n".join([
        "# Benchmarks",
        "",
        "*Generated by `make bench` (`tools/bench.py`); do not edit by hand.*",
        "",
        f"Run {started} on {time_lessons.machine()} ({time_lessons.load()} at the end), in {elapsed:.0f} s"
        + (" with `--quick` (lessons skipped)" if args.quick else "")
        + f". Medians of {args.reps} repetitions (lessons: {args.lesson_reps}); every floor is measured in the same"
          " run, interleaved with what it is compared to, so a busy machine slows both.",
        "",
        *table(rows),
        "",
        "What each floor is:",
        "",
        f"- **lessons**: an empty notebook that starts the kernel and runs `{FLOOR_IMPORTS}`,"
        " executed the same way (kernel guard included). The suite's floor is that times the number of lessons.",
        "- **widgets, kernel**: floor (b), drawing and encoding the explorer's own figure once with nothing"
        " changed (`fig.canvas.draw()` and the PNG encoding the explorer uses), interleaved with the moves; the"
        " value is the median of at least 20 assignments to the control spread over its whole range, each of"
        " which recomputes the readout and updates the picture (a new frame, or a cached one).",
        "- **widgets, browser**: floor (a), swapping a pre-rendered PNG of the same size (two frames of the same"
        " explorer) into an `ipywidgets.Image` in the same page, moved by a slider of its own; the value is the"
        " median time from the input event (a click on the slider's track, a menu choice) to the new image"
        " loaded in the page, over at least 20 moves spread over the control's range, in JupyterLab in"
        " headless Chromium (`tools/bench_browser.py`). After each move the page is left alone for 1 s, as a"
        " learner looks at the result; an explorer uses that idle time to draw the frames of the moved"
        " control's other stops when its frames take 30 ms or more to draw (`imbalance_lab.widgets`,"
        " `DRAW_AHEAD_MIN_S`), so the browser rows include moves to frames drawn ahead; the kernel rows time"
        " frames never drawn before. Screenshots of the three explorers in that page, as the run left them:"
        " `docs/img/explorer_prevalence.png`, `explorer_sampler.png`, `explorer_threshold.png`.",
        "- **threshold sweep**: `sklearn.metrics.roc_curve` on the same 10^6 scores.",
        "- **import**: `import sklearn, pandas` in a fresh interpreter.",
        "",
        "Notes:",
        "",
        *(notes or ["- none"]),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the lessons")
    ap.add_argument("--no-browser", action="store_true", help="skip the explorers' timings in JupyterLab")
    ap.add_argument("--reps", type=int, default=7, help="repetitions for widgets, sweep and import (median)")
    ap.add_argument("--lesson-reps", type=int, default=3, help="repetitions for the lessons (median)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.reps < 1 or args.lesson_reps < 1:
        ap.error("repetitions must be at least 1")
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.perf_counter()

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    rows = []
    log("import ...")
    rows += bench_import(args.reps)
    log("threshold sweep ...")
    rows += bench_sweep(args.reps)
    log("read_table ...")
    rows += bench_read_table(args.reps)
    rows += bench_report(log)
    log("widgets ...")
    rows += bench_widgets(args.reps, log)
    if not args.no_browser:
        rows += bench_widgets_browser(max(args.reps, 20), log)
    if not args.quick:
        log("lessons ...")
        rows += bench_lessons(args.lesson_reps, log)
    text = report(rows, args, started, time.perf_counter() - t0)
    args.out.write_text(text, encoding="utf-8")
    print("\n".join(table(rows)))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
