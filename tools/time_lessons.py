"""Refresh the generated parts of the instructor guide from the lessons and the timing model ('make timings').

Usage: python tools/time_lessons.py [--guide docs/instructor_guide.md] [--measure [--runs N] [NOTEBOOK ...]]

The times in the guide are **modelled**, not measured: a learner's time in a
room, from the lesson's size (words of prose, code lines typed live, in-lesson
challenges, exercises) and the constants of ``tools/timing_model.py``, which
are calibrated on published Carpentries episode times and on reviewers'
estimates (``tools/timing_calibration.toml``). How long the kernel takes to
execute a notebook is not teaching time; ``--measure`` prints it (median of
``--runs`` runs, kernel start included, under the course's kernel guard) and
``make bench`` records it in docs/benchmarks.md.

Lessons, their numbers, titles and file names come from the lesson registry
(``imbalance_lab.lessons``). The guide is a hand-written file with generated
blocks between marker comments; only the blocks are replaced:

* ``<!-- lessons:start -->``: the lesson table, one row per registry lesson,
  with its modelled teaching and exercise time and the time the lesson states;
* ``<!-- model:start -->``: the model's constants and their calibration fit;
* ``<!-- before-after:start -->``: modelled time of the lessons before the
  split (at their old size) and after;
* ``<!-- schedules:start -->``: the schedules of ``tools/schedules.toml``, each
  slot a lesson's modelled minutes (rounded up to 5) or a break;
* ``<!-- lesson:SLUG:start -->``: a lesson's heading, modelled time and
  learning objectives (read from the notebook).

It also rewrites each lesson's own ``**Time**`` line from the model (teaching
rounded up to 5 minutes, exercises at 10 minutes each), so a lesson never
states a time the guide does not.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

try:  # tools/ is on sys.path when a tool runs as a script
    import timing_model as tm
except ImportError:  # loaded by path (the tests): load the sibling by path too, leaving sys.path alone
    import importlib.util

    _spec = importlib.util.spec_from_file_location("timing_model", Path(__file__).resolve().parent / "timing_model.py")
    tm = importlib.util.module_from_spec(_spec)
    sys.modules["timing_model"] = tm
    _spec.loader.exec_module(tm)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from imbalance_lab.lessons import Lesson, all_lessons, lesson  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
GUIDE = ROOT / "docs" / "instructor_guide.md"
SCHEDULES = Path(__file__).resolve().parent / "schedules.toml"
LIMIT_S = 15.0  # no lesson may take longer than this to execute
KERNEL_START_ATTEMPTS = 3


# --- reading the notebooks ----------------------------------------------------------------


def source_of(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def markdown_of(nb) -> str:
    return "\n\n".join(source_of(c) for c in nb.cells if c.get("cell_type") == "markdown")


def minutes_of(md: str) -> tuple[int | None, int | None]:
    """(teaching, exercises) minutes from the lesson's own ``**Time**`` line, None where missing."""
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
    """The registry's lesson notebooks that exist, in teaching order."""
    return [NOTEBOOKS / item.filename for item in all_lessons() if (NOTEBOOKS / item.filename).exists()]


def link(item: Lesson, text: str | None = None) -> str:
    """A Markdown link from docs/ to a lesson."""
    return f"[{text or f'{item.number} · {item.title}'}](../notebooks/{item.filename})"


@dataclass
class LessonTime:
    """A lesson's modelled minutes and the minutes it states."""

    item: Lesson
    size: tm.Size
    minutes: tm.Minutes
    stated: tuple[int | None, int | None]
    objectives: list[str] = field(default_factory=list)

    def slot(self, exercises: int | None = None) -> int:
        """Minutes of a schedule slot: teaching plus ``exercises`` of them in class (all when None), up to 5."""
        n = self.size.exercises if exercises is None else exercises
        return tm.round5(self.minutes.teaching + n * tm.EXERCISE_MIN)


def lesson_time(item: Lesson) -> LessonTime:
    nb = nbformat.read(NOTEBOOKS / item.filename, as_version=4)
    sol_path = SOLUTIONS / item.filename
    sol = nbformat.read(sol_path, as_version=4) if sol_path.exists() else None
    size = tm.size_of(nb, sol)
    md = markdown_of(nb)
    return LessonTime(item, size, tm.minutes(size), minutes_of(md), objectives_of(md))


def all_times() -> dict[str, LessonTime]:
    return {item.slug: lesson_time(item) for item in all_lessons() if (NOTEBOOKS / item.filename).exists()}


# --- the guide's generated blocks -----------------------------------------------------------


def replace_block(text: str, name: str, body: str) -> tuple[str, bool]:
    pat = re.compile(rf"(<!-- {re.escape(name)}:start -->\n).*?(<!-- {re.escape(name)}:end -->)", re.S)
    if not pat.search(text):
        return text, False
    return pat.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text, count=1), True


def _m(x: float) -> str:
    return f"{x:.0f}"


def modelled_line(t: LessonTime) -> str:
    m, s = t.minutes, t.size
    parts = [f"prose {_m(m.prose)} ({s.words} words)", f"code {_m(m.code)} ({s.code_lines} lines)"]
    if s.challenges:
        parts.append(f"{s.challenges} challenge{'s' * (s.challenges != 1)} {_m(m.challenges)}")
    line = f"**Modelled time**: teaching {_m(m.teaching)} min ({', '.join(parts)})"
    if s.exercises:
        line += f" · exercises {_m(m.exercises)} min ({s.exercises} × {tm.EXERCISE_MIN})"
    line += f" · total {_m(m.total)} min."
    teach, exer = t.stated
    if teach is not None:
        line += f" The lesson's own **Time** line says teaching {teach} min" + (
            f" · exercises {exer} min." if exer is not None else ".")
    return line


def lesson_block(t: LessonTime) -> str:
    item = t.item
    lines = [f"### {item.number} · {item.title}", "",
             f"*Generated from {link(item, item.filename)} by `make timings`.*", "", modelled_line(t), "",
             "**Learning objectives**", ""]
    lines += [f"- {relink(o)}" for o in t.objectives] or ["- (the notebook has no *Learning objectives* list)"]
    return "\n".join(lines)


def lessons_block(times: dict[str, LessonTime]) -> str:
    lines = ["| # | lesson | teaching (min) | exercises (min) | total (min) | the lesson states |",
             "|---|---|---:|---:|---:|---|"]
    for t in times.values():
        teach, exer = t.stated
        stated = f"{teach} + {exer}" if teach is not None and exer is not None else (f"{teach}" if teach else "—")
        lines.append(f"| {t.item.number} | {link(t.item, t.item.title)} | {_m(t.minutes.teaching)} | "
                     f"{_m(t.minutes.exercises)} | {_m(t.minutes.total)} | {stated} |")
    total = sum(t.minutes.total for t in times.values())
    teaching = sum(t.minutes.teaching for t in times.values())
    lines += ["", f"The whole course: {teaching / 60:.1f} h of teaching (challenges included) and "
                  f"{total / 60:.1f} h with every exercise done in class."]
    return "\n".join(lines)


def model_block() -> str:
    fit = tm.calibrate()
    cal = tm.load_calibration()
    lines = [
        "| part | model | constant |", "|---|---|---|",
        f"| prose | words read aloud and explained ÷ speaking rate | {tm.WORDS_PER_MIN} words/min |",
        f"| code | visible code lines (no blanks, no comments) × time to type one live, run it and read the output "
        f"| {tm.SECONDS_PER_LINE} s per line |",
        f"| in-lesson challenge | set time + discussion | {tm.CHALLENGE_WORK_MIN} + {tm.CHALLENGE_DISCUSS_MIN} = "
        f"{tm.CHALLENGE_MIN} min each |",
        f"| exercise | set time + discussion | {tm.EXERCISE_WORK_MIN} + {tm.EXERCISE_DISCUSS_MIN} = "
        f"{tm.EXERCISE_MIN} min each |",
        "",
        f"Fitted on the calibration data: {fit.words_per_min:.0f} words/min and {fit.seconds_per_line:.1f} s per "
        f"line (the constants above are these, rounded). Mean absolute error on the "
        f"{len(cal['carpentries'])} Carpentries episodes: {fit.carpentries_mae:.0f} min (their stated times are "
        f"round numbers, 20 to 105 min). Against the reviewers' estimates of the old lessons, at their old size:",
        "",
        "| old lesson | reviewers' estimate (min) | model (min) | difference |", "|---|---:|---:|---:|",
    ]
    for name, est, got in fit.reviewers:
        lines.append(f"| {name.replace('_', ' ')} | {est} | {_m(got)} | {got - est:+.0f} |")
    mae = sum(abs(got - est) for _, est, got in fit.reviewers) / len(fit.reviewers)
    lines += ["", f"Mean absolute difference: {mae:.0f} min."]
    return "\n".join(lines)


def before_after_block(times: dict[str, LessonTime]) -> str:
    cal = tm.load_calibration()
    lines = ["| before: lesson (old size) | states | model | after: lesson | states | model |",
             "|---|---:|---:|---|---:|---:|"]
    old = cal["old_lessons"]
    new = list(times.values())
    sources = {t.item.slug: t for t in new}
    # which new lessons each old one became (CURRICULUM's renumbering)
    split = {o["lesson"]: list(o.get("became", [])) for o in old}
    for o in old:
        size = tm.Size(o["words"], o["code_lines"], o["challenges"], o["exercises"])
        before = tm.minutes(size).total
        became = [sources[s] for s in split[o["lesson"]] if s in sources]
        after = "<br>".join(f"{t.item.number} {t.item.title}" for t in became) or "—"
        states_after = "<br>".join(f"{(t.stated[0] or 0) + (t.stated[1] or 0)}" for t in became) or "—"
        model_after = "<br>".join(_m(t.minutes.total) for t in became) or "—"
        lines.append(f"| {o['lesson'][:2]} {o['title'].split('·', 1)[-1].strip()} | "
                     f"{o['stated_teaching'] + o['stated_exercises']} | {_m(before)} | {after} | {states_after} | "
                     f"{model_after} |")
    before_total = sum(tm.minutes(tm.Size(o["words"], o["code_lines"], o["challenges"], o["exercises"])).total
                       for o in old)
    after_total = sum(t.minutes.total for t in new)
    aim = 45
    over = [t for t in new if t.minutes.teaching > aim + 5]
    lines += ["", f"Total: {before_total / 60:.1f} h before, {after_total / 60:.1f} h after (teaching, challenges "
                  f"and every exercise in class). The split did not make the course shorter: each lesson gained "
                  f"in-lesson challenges and definitions at first use. {len(over)} of the {len(new)} lessons model at "
                  f"more than {aim + 5} minutes of teaching, against the {aim} minutes the lessons aim at"
                  + (": " + ", ".join(f"{t.item.number} ({_m(t.minutes.teaching)})" for t in over) if over else "")
                  + "."]
    return "\n".join(lines)


# --- schedules ------------------------------------------------------------------------------


def load_schedules(path: Path = SCHEDULES) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)["schedule"]


def _clock(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Row:
    day: int
    start: int
    minutes: int
    kind: str           # "lesson" or "break"
    label: str
    slug: str | None = None
    exercises: list[int] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + self.minutes


def plan(schedule: dict, times: dict[str, LessonTime]) -> list[Row]:
    """The rows of one schedule: each lesson slot is its modelled minutes, each break its length."""
    rows = []
    for d, day in enumerate(schedule["day"], start=1):
        now = _clock(day["start"])
        for slot in day["slots"]:
            if "break" in slot:
                rows.append(Row(d, now, int(slot["minutes"]), "break", slot["break"]))
            else:
                t = times[lesson(slot["lesson"]).slug]
                ex = list(slot.get("exercises", []))
                bad = [n for n in ex if not 1 <= n <= t.size.exercises]
                if bad:
                    raise ValueError(f"{schedule['id']}: lesson {slot['lesson']} has no exercise {bad} "
                                     f"(it has {t.size.exercises})")
                rows.append(Row(d, now, t.slot(len(ex)), "lesson", t.item.title, t.item.slug, ex))
            now = rows[-1].end
    return rows


def schedule_problems(schedule: dict, rows: list[Row]) -> list[str]:
    """What makes a schedule impossible: a day over its end time, a session without hands-on work."""
    problems = []
    for d, day in enumerate(schedule["day"], start=1):
        day_rows = [r for r in rows if r.day == d]
        if day_rows and day_rows[-1].end > _clock(day["end"]):
            problems.append(f"{schedule['id']} day {d} ends at {_hhmm(day_rows[-1].end)}, after {day['end']}")
    return problems


def sessions(rows: list[Row]) -> list[list[Row]]:
    """The runs of lesson slots between breaks (and days)."""
    out, cur, day = [], [], None
    for r in rows:
        if r.kind == "break" or r.day != day:
            if cur:
                out.append(cur)
            cur = []
            day = r.day
        if r.kind == "lesson":
            cur.append(r)
    if cur:
        out.append(cur)
    return out


def schedule_block(times: dict[str, LessonTime]) -> str:
    out = []
    for sched in load_schedules():
        rows = plan(sched, times)
        about = re.sub(r"\{lesson:([a-z0-9_]+)\}", lambda m: f"lesson {lesson(m.group(1)).number}",
                       sched["about"].strip())
        out += [f"### {sched['title']}", "", about, ""]
        for d, day in enumerate(sched["day"], start=1):
            if len(sched["day"]) > 1:
                out += [f"**Day {d}** ({day['start']}–{day['end']})", ""]
            out += ["| start | end | block | minutes |", "|---|---|---|---:|"]
            for r in (r for r in rows if r.day == d):
                if r.kind == "break":
                    label = f"*{r.label}*"
                else:
                    t = times[r.slug]
                    label = f"{link(t.item)}: teaching {_m(t.minutes.teaching)}"
                    if r.exercises:
                        label += f" + exercise{'s' * (len(r.exercises) > 1)} " + ", ".join(map(str, r.exercises))
                        if len(r.exercises) < t.size.exercises:
                            label += " (the others as homework)"
                    elif t.size.exercises:
                        label += " (exercises as homework)"
                out.append(f"| {_hhmm(r.start)} | {_hhmm(r.end)} | {label} | {r.minutes} |")
            out.append("")
        lesson_min = sum(r.minutes for r in rows if r.kind == "lesson")
        break_min = sum(r.minutes for r in rows if r.kind == "break")
        out.append(f"Lessons {lesson_min} min + breaks {break_min} min = {lesson_min + break_min} min.")
        for p in schedule_problems(sched, rows):
            out.append(f"**Over time:** {p}.")
        if sched.get("self_study"):
            out.append("Self-study: " + ", ".join(link(lesson(s)) for s in sched["self_study"]) + ".")
        out.append("")
    return "\n".join(out).rstrip("\n")


def update_guide(guide: Path, times: dict[str, LessonTime]) -> list[str]:
    text = guide.read_text(encoding="utf-8")
    missing = []
    blocks = {"lessons": lessons_block(times), "model": model_block(), "before-after": before_after_block(times),
              "schedules": schedule_block(times)}
    blocks.update({f"lesson:{slug}": lesson_block(t) for slug, t in times.items()})
    for name, body in blocks.items():
        text, ok = replace_block(text, name, body)
        if not ok:
            missing.append(name)
    guide.write_text(text, encoding="utf-8")
    return missing


# --- the lessons' own Time lines ----------------------------------------------------------------

TIME_LINE = re.compile(r"(\*\*Time\*\*\s*:\s*)teaching \d+ min( · exercises \d+ min)?")


def stated_time(t: LessonTime) -> tuple[int, int | None]:
    """What a lesson's **Time** line should say: modelled teaching rounded up to 5 min, and its exercises.

    A lesson without a solution notebook (00) keeps the exercise minutes it states.
    """
    exercises = round(t.minutes.exercises) if t.size.exercises else t.stated[1]
    return tm.round5(t.minutes.teaching), exercises


def update_time_lines(times: dict[str, LessonTime]) -> list[str]:
    """Rewrite each lesson's **Time** line from the model; return the files changed.

    Only that line of the notebook's JSON text changes (the time line is left out of the
    model's word count, so rewriting it cannot change the model).
    """
    changed = []
    for t in times.values():
        path = NOTEBOOKS / t.item.filename
        teach, exer = stated_time(t)
        line = f"teaching {teach} min" + (f" · exercises {exer} min" if exer is not None else "")
        text = path.read_text(encoding="utf-8")
        new, n = TIME_LINE.subn(lambda m: m.group(1) + line, text, count=1)
        if n and new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path.name)
    return changed


# --- kernel run time (not teaching time) ----------------------------------------------------


def kernel_env() -> dict:
    """The environment for a kernel under the course guard, as tools/execute_notebooks.py gives it."""
    return {**os.environ, "IPYTHONDIR": str(ROOT / "tests" / "ipython")}


def run_once(path: Path, timeout: int = 600, cwd: Path | None = None) -> float:
    """Execute a copy of ``path`` in memory under the course's kernel guard; wall seconds.

    The kernel runs in ``cwd`` (default: the notebook's folder), as in JupyterLab.
    """
    from nbclient import NotebookClient

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


def measure(paths: list[Path], runs: int) -> int:
    """Print each notebook's kernel run time (median of ``runs``); 1 if one fails or is over the limit."""
    bad = 0
    print(f"kernel run time on {machine()} ({load()}); this is not teaching time")
    for path in paths:
        try:
            t = statistics.median(run_once(path) for _ in range(runs))
        except Exception as exc:  # report and go on: one failing lesson must not hide the others
            print(f"{path.name}: failed ({type(exc).__name__})")
            bad = 1
            continue
        over = t > LIMIT_S
        bad |= over
        print(f"{path.name}: {t:.1f} s" + (f" (over {LIMIT_S:.0f} s)" if over else ""))
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guide", type=Path, default=GUIDE)
    ap.add_argument("--measure", action="store_true", help="also execute the notebooks and print kernel run times")
    ap.add_argument("--runs", type=int, default=1, help="runs per notebook with --measure; the median is printed")
    ap.add_argument("--no-run", action="store_true", help="(the default; kept for old scripts)")
    ap.add_argument("notebooks", nargs="*", help="with --measure: only these notebooks")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    changed = update_time_lines(all_times())
    if changed:
        print(f"updated the Time line of {len(changed)} lesson(s): {', '.join(changed)}")
    times = all_times()
    missing = update_guide(args.guide, times)
    for name in missing:
        print(f"warning: {args.guide} has no '{name}' markers; add <!-- {name}:start --> / <!-- {name}:end --> "
              f"to generate that block.", file=sys.stderr)
    problems = [p for s in load_schedules() for p in schedule_problems(s, plan(s, times))]
    for p in problems:
        print(f"warning: schedule over time: {p}; edit {SCHEDULES.relative_to(ROOT)}", file=sys.stderr)
    print(f"updated {args.guide}")
    status = 1 if missing or problems else 0
    if args.measure:
        paths = [Path(p) for p in args.notebooks] or [p for item in all_lessons()
                                                      for p in (NOTEBOOKS / item.filename, SOLUTIONS / item.filename)
                                                      if p.exists()]
        status |= measure(paths, args.runs)
    return status


if __name__ == "__main__":
    sys.exit(main())
