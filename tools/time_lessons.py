"""Time every lesson and refresh the generated parts of the instructor guide ('make timings').

Usage: python tools/time_lessons.py [--runs N] [--no-run] [--guide docs/instructor_guide.md] [NOTEBOOK ...]

Each lesson ``notebooks/NN_name.ipynb`` (and its solution notebook, when there
is one) is executed headless exactly as the tests run it -- same kernel guard
as ``tools/execute_notebooks.py`` (warnings as errors, no network) -- on a copy
in memory: the notebook files are not touched. The wall time is the median of
``--runs`` runs (default 1), kernel start included.

The guide is a hand-written file with generated blocks between marker comments;
only the blocks are replaced, so the prose around them is kept:

* ``<!-- lesson:NN_name:start -->`` ... ``<!-- lesson:NN_name:end -->``: title,
  teaching and exercise minutes (the ``**Time**`` line) and the learning
  objectives, read from the notebook so they cannot drift from it;
* ``<!-- timings:start -->`` ... ``<!-- timings:end -->``: the measured run times,
  with the machine and the date;
* ``<!-- schedule:start -->`` ... ``<!-- schedule:end -->``: a one-day and a
  half-day plan built from the minutes and the measured run times.

``--no-run`` refreshes the lesson blocks and the schedule from the notebooks
and from the run times already in the guide, without executing anything.
Timing a subset (``NOTEBOOK ...``) updates only those rows.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GUIDE = ROOT / "docs" / "instructor_guide.md"
LESSON = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
LIMIT_S = 15.0  # no lesson may take longer than this to execute
KERNEL_START_ATTEMPTS = 3

# Schedules. Breaks are placed after the lesson that reaches their time (minutes after the start).
DAY_START = (9, 0)
HALF_DAY_START = (9, 0)
DAY_BREAKS = [(105, "Coffee break", 15), (210, "Lunch", 60), (345, "Coffee break", 15)]
DAY_BUDGET = 390           # 09:00-17:00 minus 90 min of breaks
HALF_DAY_BREAKS = [(105, "Coffee break", 15)]
HALF_DAY_BUDGET = 195      # 09:00-12:30 minus the break
# When a format is over budget, it gives up, in this order: the exercises of
# the other lessons (latest first); then whole lessons, which become
# self-study (in the order listed); then the exercises of the hands-on core
# lessons (latest first).
DAY_CORE_EXERCISES = ("01", "04", "06")
DAY_SELF_STUDY = ("11", "02", "09")
HALF_DAY_CORE_EXERCISES = ("01", "04", "06")
HALF_DAY_SELF_STUDY = ("11", "09", "08", "07", "05", "02", "10")


# --- reading the notebooks ----------------------------------------------------------------


def source_of(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def markdown_of(nb) -> str:
    return "\n\n".join(source_of(c) for c in nb.cells if c.get("cell_type") == "markdown")


def title_of(md: str, fallback: str) -> str:
    m = re.search(r"^#\s+(.+)$", md, re.M)
    return m.group(1).strip() if m else fallback


def minutes_of(md: str) -> tuple[int | None, int | None]:
    """(teaching, exercises) minutes from the ``**Time**`` line, None where missing."""
    m = re.search(r"^\W*\*\*Time\*\*\s*:?\s*(.+)$", md, re.M | re.I)
    if not m:
        return None, None
    line = m.group(1)
    teach = re.search(r"teaching\D{0,12}?(\d+)\s*min", line, re.I)
    exer = re.search(r"exercises?\D{0,12}?(\d+)\s*min", line, re.I)
    return (int(teach.group(1)) if teach else None, int(exer.group(1)) if exer else None)


def objectives_of(md: str) -> list[str]:
    """The bullet points under the ``**Learning objectives**`` label (or heading)."""
    m = re.search(r"^\W*(?:\*\*|#+\s*)Learning objectives\b.*$", md, re.M | re.I)
    if not m:
        return []
    items = []
    for line in md[m.end():].lstrip("\n").splitlines():
        if re.match(r"^\s*(?:\*\*|#)", line):  # the next label or heading ends the list
            break
        b = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if b:
            items.append(b.group(1).strip())
        elif line.strip() and items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()  # a wrapped bullet
        elif line.strip() and items:
            break
    return items


def relink(md: str) -> str:
    """Make a notebook's relative links work from docs/ (the guide's folder)."""
    def fix(m):
        url = m.group(2)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", url, re.I):
            return m.group(0)
        return f"{m.group(1)}(../notebooks/{url})"
    return re.sub(r"(\[[^\]]*\])\(([^)\s]+)\)", fix, md)


def lessons() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if LESSON.match(p.name))


# --- running ------------------------------------------------------------------------------


def kernel_env() -> dict:
    """The environment for a kernel under the course guard, as tools/execute_notebooks.py gives it."""
    return {**os.environ, "IPYTHONDIR": str(ROOT / "tests" / "ipython")}


def run_once(path: Path, timeout: int = 600, cwd: Path | None = None) -> float:
    """Execute a copy of ``path`` in memory under the course's kernel guard; wall seconds.

    The kernel runs in ``cwd`` (default: the notebook's folder), as in JupyterLab.
    """
    for attempt in range(KERNEL_START_ATTEMPTS):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        try:
            NotebookClient(nb, timeout=timeout, kernel_name="python3",
                           resources={"metadata": {"path": str(cwd or path.parent)}}).execute(env=kernel_env())
        except RuntimeError as exc:
            # On a busy machine a new kernel can lose the race for its ports
            # ("Address already in use") and die at start: that is not the lesson.
            if "Kernel died before replying" in str(exc) and attempt + 1 < KERNEL_START_ATTEMPTS:
                continue
            raise
        return time.perf_counter() - start
    raise AssertionError("unreachable")


FAILED = "failed"  # in place of a time: the notebook raised


def median_time(path: Path, runs: int) -> float | str:
    times = []
    for _ in range(runs):
        try:
            times.append(run_once(path))
        except Exception as exc:  # report and go on: one failing lesson must not hide the others
            print(f"  {path.name}: failed ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})",
                  file=sys.stderr)
            return FAILED
    return statistics.median(times)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()} ({platform.system()})"


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes (how busy it was)."""
    try:
        return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except (OSError, AttributeError):
        return "load average unknown"


# --- the guide's generated blocks -----------------------------------------------------------


def replace_block(text: str, name: str, body: str) -> tuple[str, bool]:
    pat = re.compile(rf"(<!-- {re.escape(name)}:start -->\n).*?(<!-- {re.escape(name)}:end -->)", re.S)
    if not pat.search(text):
        return text, False
    return pat.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text, count=1), True


def lesson_block(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    md = markdown_of(nb)
    teach, exer = minutes_of(md)
    objectives = objectives_of(md)
    lines = [f"*Generated from [{path.name}](../notebooks/{path.name}) by `make timings`.*", ""]
    lines.append(f"**Time**: teaching {teach if teach is not None else '?'} min · "
                 f"exercises {exer if exer is not None else '?'} min")
    lines.append("")
    lines.append("**Learning objectives**")
    lines.append("")
    lines += [f"- {relink(o)}" for o in objectives] or ["- (the notebook has no *Learning objectives* list)"]
    return "\n".join(lines)


TIMING_ROW = re.compile(r"^\|\s*\[[^\]]*\]\(\.\./notebooks/(\d\d_[a-z0-9_]+\.ipynb)\)\s*\|(.*)$", re.M)


def old_timings(text: str) -> dict[str, tuple]:
    """Run times already in the guide's table, by notebook name."""
    found = {}
    block = re.search(r"<!-- timings:start -->(.*?)<!-- timings:end -->", text, re.S)
    for m in TIMING_ROW.finditer(block.group(1) if block else ""):
        cols = [c.strip() for c in m.group(2).split("|")]

        def num(s):
            try:
                return float(s)
            except ValueError:
                return FAILED if s == FAILED else None
        if len(cols) >= 4:
            found[m.group(1)] = (num(cols[2]), num(cols[3]))
    return found


def fmt(x) -> str:
    """A run time for the table: seconds, 'failed', or '—' when not measured."""
    return "—" if x is None else x if isinstance(x, str) else f"{x:.1f}"


def secs(x) -> float:
    return x if isinstance(x, float) else 0.0


def timings_block(info: list[dict], runs: int, when: str, where: str) -> str:
    lines = [
        f"Measured {when} on {where} ({load()} when the run ended); median of {runs} run(s) per notebook,",
        "kernel start included, executed as the tests do (warnings as errors, network blocked). Other work on the machine",
        "slows these down: read them as an upper bound for a quiet laptop.",
        "",
        "| lesson | teaching (min) | exercises (min) | lesson run (s) | solutions run (s) | within 15 s |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in info:
        times = [t for t in (r["run"], r["sol"] if r["has_sol"] else None) if t is not None]
        if FAILED in times:
            status = "**failed**"
        elif not times:
            status = "not timed"
        else:
            status = "yes" if all(t <= LIMIT_S for t in times) else "**no**"
        sol = "—" if not r["has_sol"] else fmt(r["sol"])
        lines.append(f"| [{r['title']}](../notebooks/{r['name']}) | {r['teach'] or '?'} | {r['exer'] or '?'} | "
                     f"{fmt(r['run'])} | {sol} | {status} |")
    total_run = sum(secs(r["run"]) + secs(r["sol"]) for r in info)
    lines += ["", f"All notebooks together: {total_run:.0f} s of execution."]
    return "\n".join(lines)


def _clock(start: tuple[int, int], minutes: int) -> str:
    t = start[0] * 60 + start[1] + minutes
    return f"{t // 60:02d}:{t % 60:02d}"


def plan(info: list[dict], budget: int, breaks, start, core_exercises=(), self_study=()):
    """A schedule that fits ``budget`` minutes of content; returns (table rows, minutes used, self-study lessons).

    Every lesson costs its teaching minutes, its exercise minutes when they are
    done in class, and the measured time to execute the lesson and its
    solutions, rounded up to whole minutes.
    """
    chosen = list(info)
    for r in chosen:
        r["run_min"] = math.ceil((secs(r["run"]) + secs(r["sol"])) / 60)
    with_ex = {r["name"] for r in chosen if r["exer"]}

    def total():
        return sum((r["teach"] or 0) + r["run_min"] + ((r["exer"] or 0) if r["name"] in with_ex else 0)
                   for r in chosen)

    latest_first = sorted(chosen, key=lambda r: -int(r["name"][:2]))
    for r in latest_first:  # 1. exercises of the other lessons become homework
        if total() <= budget:
            break
        if r["name"][:2] not in core_exercises:
            with_ex.discard(r["name"])
    moved = []
    for nn in self_study:  # 2. whole lessons become self-study
        if total() <= budget:
            break
        moved += [r for r in chosen if r["name"][:2] == nn]
        chosen = [r for r in chosen if r["name"][:2] != nn]
    for r in latest_first:  # 3. even the core exercises
        if total() <= budget:
            break
        with_ex.discard(r["name"])
    rows = ["| start | end | block | minutes |", "|---|---|---|---:|"]
    now, pending = 0, list(breaks)
    for r in chosen:
        minutes = (r["teach"] or 0) + r["run_min"]
        label = f"[{r['title']}](../notebooks/{r['name']}): teaching"
        if r["name"] in with_ex and r["exer"]:
            minutes += r["exer"]
            label += f" {r['teach'] or 0} + exercises {r['exer']}"
        else:
            label += f" {r['teach'] or 0}" + (" (exercises as homework)" if r["exer"] else "")
        if r["run_min"]:
            label += f" + run {r['run_min']}"
        # A break due during this lesson comes before it when that is nearer its due time.
        while pending and (now >= pending[0][0] or pending[0][0] - now < now + minutes - pending[0][0]):
            _, name, length = pending.pop(0)
            rows.append(f"| {_clock(start, now)} | {_clock(start, now + length)} | *{name}* | {length} |")
            now += length
        rows.append(f"| {_clock(start, now)} | {_clock(start, now + minutes)} | {label} | {minutes} |")
        now += minutes
    moved.sort(key=lambda r: r["name"])
    return rows, total(), moved


def _format(title: str, info, budget, breaks, start, core, self_study) -> list[str]:
    rows, used, moved = plan(info, budget, breaks, start, core, self_study)
    everything = sum((r["teach"] or 0) + (r["exer"] or 0) for r in info)
    out = [f"### {title}", "", *rows, "",
           f"{used} min of content for {budget} min available (the whole course, every exercise in class, "
           f"is {everything} min plus run time)."
           + (" Still over budget: trim the teaching or split the session." if used > budget else "")]
    if moved:
        out += ["", "Self-study: " + ", ".join(f"[{r['title']}](../notebooks/{r['name']})" for r in moved) + "."]
    return out + [""]


def schedule_block(info: list[dict]) -> str:
    usable = [r for r in info if r["teach"] is not None]
    if not usable:
        return "(no lesson has a **Time** line yet)"
    out = _format("One day (09:00–17:00)", usable, DAY_BUDGET, DAY_BREAKS, DAY_START,
                  DAY_CORE_EXERCISES, DAY_SELF_STUDY)
    out += _format("Half day (09:00–12:30)", usable, HALF_DAY_BUDGET, HALF_DAY_BREAKS, HALF_DAY_START,
                   HALF_DAY_CORE_EXERCISES, HALF_DAY_SELF_STUDY)
    return "\n".join(out).rstrip("\n")


def update_guide(guide: Path, info: list[dict], timings: str | None) -> list[str]:
    text = guide.read_text(encoding="utf-8")
    missing = []
    for r in info:
        text, ok = replace_block(text, f"lesson:{r['name'][:-6]}", lesson_block(r["path"]))
        if not ok:
            missing.append(r["name"])
    if timings is not None:
        text, ok = replace_block(text, "timings", timings)
        if not ok:
            missing.append("timings")
    text, ok = replace_block(text, "schedule", schedule_block(info))
    if not ok:
        missing.append("schedule")
    guide.write_text(text, encoding="utf-8")
    return missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1, help="runs per notebook; the median is reported")
    ap.add_argument("--no-run", action="store_true", help="refresh objectives and schedule only")
    ap.add_argument("--guide", type=Path, default=GUIDE)
    ap.add_argument("notebooks", nargs="*", help="time only these lessons (default: all)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    selected = {Path(p).name for p in args.notebooks}
    old = old_timings(args.guide.read_text(encoding="utf-8"))
    info = []
    for path in lessons():
        md = markdown_of(nbformat.read(path, as_version=4))
        teach, exer = minutes_of(md)
        sol_path = NOTEBOOKS / "solutions" / path.name
        run, sol = old.get(path.name, (None, None))
        if not args.no_run and (not selected or path.name in selected):
            print(f"{path.name} ... ", end="", flush=True)
            run = median_time(path, args.runs)
            sol = median_time(sol_path, args.runs) if sol_path.exists() else None
            print(f"{fmt(run)} s" + (f" (solutions {fmt(sol)} s)" if sol_path.exists() else ""))
        info.append({"path": path, "name": path.name, "title": title_of(md, path.stem), "teach": teach,
                     "exer": exer, "run": run, "sol": sol, "has_sol": sol_path.exists()})
    timings = None
    if not args.no_run:
        when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        timings = timings_block(info, args.runs, when, machine())
    missing = update_guide(args.guide, info, timings)
    for name in missing:
        print(f"warning: {args.guide} has no '{name}' markers; add <!-- ...:start --> / <!-- ...:end --> "
              f"to generate that block.", file=sys.stderr)
    slow = [r["name"] for r in info if secs(r["run"]) > LIMIT_S or secs(r["sol"]) > LIMIT_S]
    failed = [r["name"] for r in info if FAILED in (r["run"], r["sol"])]
    if slow:
        print(f"over {LIMIT_S:.0f} s: {', '.join(slow)}", file=sys.stderr)
    if failed:
        print(f"failed to execute: {', '.join(failed)}", file=sys.stderr)
    print(f"updated {args.guide}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
