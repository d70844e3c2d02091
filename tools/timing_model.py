"""How long a lesson takes in a room: a model of a learner's time, not the kernel's.

A lesson's modelled time has four parts, each counted from the notebooks:

* **prose** -- the markdown a learner reads while the instructor reads it aloud
  and explains it (and the text the hidden narrative cells print), before the
  ``## Exercises`` heading; the Questions / Learning objectives / Time / Key
  points lists and the folded challenge answers are not counted. Minutes =
  words / ``WORDS_PER_MIN``, an *explaining* rate, far below a reading-aloud
  rate (about 130 words/min) because every paragraph gets an example, a pause
  and a question from the room;
* **code** -- every visible code line (blank and comment-only lines aside) is
  typed live by the instructor and by the learners, run, and its output read:
  ``SECONDS_PER_LINE`` per line;
* **challenges** -- each in-lesson challenge (a markdown cell that asks a
  question and folds its answer in ``<details>``) costs ``CHALLENGE_MIN``:
  ``CHALLENGE_WORK_MIN`` to think and try plus ``CHALLENGE_DISCUSS_MIN`` to
  go over the answer together;
* **exercises** -- each ``## Exercise N:`` of the solution notebook costs
  ``EXERCISE_MIN``: ``EXERCISE_WORK_MIN`` of work plus
  ``EXERCISE_DISCUSS_MIN`` of discussion.

Teaching = prose + code + challenges; the lesson's total adds the exercises.

The constants are calibrated (:func:`calibrate`) on two kinds of evidence kept
in ``tools/timing_calibration.toml``: the stated ``teaching:`` + ``exercises:``
minutes of Carpentries episodes against their size, and reviewers' estimates of
five lessons of the course before it was split. The run time of the kernel is
not part of the model: a notebook that executes in 6 s still takes a room 40
minutes. Nor is a machine's read-through a measurement of a learner; the model
is an estimate whose error against the calibration data is printed by
``python tools/timing_model.py``.
"""
from __future__ import annotations

import math
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = Path(__file__).resolve().parent / "timing_calibration.toml"

# --- the constants (see calibrate(); tests/test_timing_model.py keeps them equal to the fit) ---
WORDS_PER_MIN = 80          # prose read aloud *and explained*
SECONDS_PER_LINE = 12       # one code line typed live, run and its output read
CHALLENGE_WORK_MIN = 3      # an in-lesson challenge: think, predict, try
CHALLENGE_DISCUSS_MIN = 2   # ... and go over the folded answer together
CHALLENGE_MIN = CHALLENGE_WORK_MIN + CHALLENGE_DISCUSS_MIN
EXERCISE_DISCUSS_MIN = 3    # an end-of-lesson exercise: the room goes over one answer
EXERCISE_WORK_MIN = 7       # ... after this much work
EXERCISE_MIN = EXERCISE_WORK_MIN + EXERCISE_DISCUSS_MIN

META_LABEL = re.compile(r"^\s*\*\*(Questions|Learning objectives|Time|Key points|Prerequisites)\*\*", re.I)
EXERCISES_HEADING = re.compile(r"^\s*##\s+Exercises\b", re.I | re.M)
EXERCISE_HEADING = re.compile(r"^\s*##\s+Exercise\s+\d+\s*:", re.M)
DETAILS = re.compile(r"<details>.*?</details>", re.S | re.I)
WORD = re.compile(r"[A-Za-z0-9][\w'’.%-]*")


def source_of(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def is_hidden(cell) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def is_challenge(md: str) -> bool:
    """A Carpentries-style challenge: a question, then its answer folded in <details>."""
    m = re.search(r"<details>", md, re.I)
    return bool(m) and "?" in md[: m.start()]


def prose_words(md: str) -> int:
    """Words an instructor reads and explains: the meta lists, folded answers, URLs and tags left out."""
    md = DETAILS.sub(" ", md)
    md = re.sub(r"\]\([^)]*\)", "]", md)        # link targets
    md = re.sub(r"<[^>]+>", " ", md)             # HTML tags (the words inside stay)
    kept, skipping = [], False
    for line in md.splitlines():
        if META_LABEL.match(line):
            skipping = True
            continue
        if skipping:
            if not line.strip() or re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) or line.startswith((" ", "\t")):
                continue
            skipping = False
        if re.match(r"^\s*(?:\*\*)?(?:Previous|Next)(?:\*\*)?\s*:", line, re.I):  # the navigation line
            continue
        kept.append(line)
    return len(WORD.findall("\n".join(kept)))


def code_lines(src: str) -> int:
    return sum(1 for ln in src.splitlines() if ln.strip() and not ln.strip().startswith("#"))


def _markdown_outputs(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        md = o.get("data", {}).get("text/markdown")
        if md:
            out.append("".join(md) if isinstance(md, list) else md)
    return "\n".join(out)


@dataclass(frozen=True)
class Size:
    """What the model counts in one lesson."""

    words: int
    code_lines: int
    challenges: int
    exercises: int


@dataclass(frozen=True)
class Minutes:
    prose: float
    code: float
    challenges: float
    exercises: float

    @property
    def teaching(self) -> float:
        return self.prose + self.code + self.challenges

    @property
    def total(self) -> float:
        return self.teaching + self.exercises


def size_of(nb, solution=None) -> Size:
    """Count a lesson notebook (and its solution notebook's exercises)."""
    words = lines = challenges = 0
    in_exercises = False
    for cell in nb.cells:
        src = source_of(cell)
        if cell.get("cell_type") == "markdown":
            if EXERCISES_HEADING.search(src):
                in_exercises = True
            if in_exercises:
                continue
            if is_challenge(src):
                challenges += 1
            words += prose_words(src)
        elif cell.get("cell_type") == "code" and not in_exercises:
            if is_hidden(cell):
                words += prose_words(_markdown_outputs(cell))
            else:
                lines += code_lines(src)
    exercises = 0
    if solution is not None:
        exercises = sum(len(EXERCISE_HEADING.findall(source_of(c)))
                        for c in solution.cells if c.get("cell_type") == "markdown")
    return Size(words, lines, challenges, exercises)


def size_of_files(lesson: Path, solution: Path | None = None) -> Size:
    nb = nbformat.read(lesson, as_version=4)
    sol = nbformat.read(solution, as_version=4) if solution is not None and solution.exists() else None
    return size_of(nb, sol)


def minutes(size: Size, *, words_per_min: float = WORDS_PER_MIN, seconds_per_line: float = SECONDS_PER_LINE,
            challenge_min: float = CHALLENGE_MIN, exercise_min: float = EXERCISE_MIN) -> Minutes:
    """The modelled minutes of a lesson of this size."""
    return Minutes(prose=size.words / words_per_min, code=size.code_lines * seconds_per_line / 60,
                   challenges=size.challenges * challenge_min, exercises=size.exercises * exercise_min)


def round5(x: float) -> int:
    """Round up to the next 5 minutes (how a schedule is written)."""
    return int(5 * math.ceil(x / 5 - 1e-9))


# --- calibration -----------------------------------------------------------------------------


def load_calibration(path: Path = CALIBRATION) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Fit:
    words_per_min: float
    seconds_per_line: float
    carpentries_mae: float      # mean absolute error, minutes, on the Carpentries episodes
    reviewers: list             # (lesson, estimate, modelled minutes) for the reviewers' lessons


def calibrate(cal: dict | None = None, *, challenge_min: float = CHALLENGE_MIN,
              exercise_min: float = EXERCISE_MIN) -> Fit:
    """Fit words/min and seconds/line by weighted least squares on the calibration file.

    Challenge and exercise times are set, not fitted (the data cannot tell
    them apart from the prose and code): each Carpentries episode's stated
    teaching + exercise minutes, less ``challenge_min`` per challenge box, and
    each reviewer's estimate, less ``exercise_min`` per exercise, are what its
    words and code lines must explain. The reviewers' rows weigh
    ``[fit] reviewer_weight`` each.
    """
    import numpy as np
    from scipy.optimize import nnls

    cal = cal or load_calibration()
    rows, targets, weights = [], [], []
    for ep in cal["carpentries"]:
        rows.append([ep["words"], ep["code_lines"] / 60])
        targets.append(ep["teaching"] + ep["exercises"] - challenge_min * ep["challenges"])
        weights.append(1.0)
    for r in cal["reviewers"]:
        rows.append([r["words"], r["code_lines"] / 60])
        targets.append(r["estimate"] - exercise_min * r["exercises"] - challenge_min * r.get("challenges", 0))
        weights.append(float(cal["fit"]["reviewer_weight"]))
    sw = np.sqrt(np.asarray(weights))
    (per_word, per_line_s), _ = nnls(np.asarray(rows) * sw[:, None], np.asarray(targets) * sw)
    wpm = 1 / per_word
    kw = dict(words_per_min=wpm, seconds_per_line=per_line_s, challenge_min=challenge_min, exercise_min=exercise_min)
    errs = [abs(minutes(Size(ep["words"], ep["code_lines"], ep["challenges"], 0), **kw).total
                - (ep["teaching"] + ep["exercises"])) for ep in cal["carpentries"]]
    reviewers = [(r["lesson"], r["estimate"],
                  minutes(Size(r["words"], r["code_lines"], r.get("challenges", 0), r["exercises"]), **kw).total)
                 for r in cal["reviewers"]]
    return Fit(wpm, per_line_s, sum(errs) / len(errs), reviewers)


def main(argv: list[str] | None = None) -> int:
    fit = calibrate()
    print(f"fit: {fit.words_per_min:.1f} words/min, {fit.seconds_per_line:.1f} s per code line "
          f"(set: {CHALLENGE_MIN} min per challenge, {EXERCISE_MIN} min per exercise)")
    print(f"used (the fit, rounded): {WORDS_PER_MIN} words/min, {SECONDS_PER_LINE} s per line")
    print(f"Carpentries episodes: mean absolute error {fit.carpentries_mae:.1f} min")
    for lesson, est, got in fit.reviewers:
        print(f"  reviewers' {lesson}: estimate {est} min, fitted model {got:.0f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
