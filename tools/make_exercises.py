"""Generate the learners' exercise notebooks from the solution notebooks.

Usage: python tools/make_exercises.py [--solutions DIR] [--out DIR] [--check]

For every ``notebooks/solutions/NN_name.ipynb`` it writes
``notebooks/exercises/NN_name.ipynb`` ('make exercises'):

* a first markdown cell says the file is generated and links to the lesson;
* code cells tagged ``solution`` are cut back to their prompt -- the leading
  comment lines, up to the first blank or code line -- followed by ``...``
  (``# Your code here`` and ``...`` when the cell has no prompt); the stub is
  tagged ``exercise`` instead of ``solution``;
* markdown cells tagged ``solution`` (a worked answer in prose) are left out,
  and so is an untagged markdown cell that comes *after* a solution cell of the
  same exercise (before the next ``##`` heading): that is where the answer is
  discussed. Tag such a cell ``prompt`` to keep it (a follow-up question);
* every other cell is kept as it is;
* all outputs, execution counts and execution metadata are cleared.

The output is deterministic (cell ids kept from the solution, fixed JSON
formatting, no timestamps), so a test can regenerate into a temporary folder
and compare byte for byte. The solution notebook is the only source: edit it,
then run 'make exercises'.

Problems that make the command fail (exit 1), each named with its notebook:
a solution notebook without any ``solution``-tagged code cell; a lesson 01-11
with fewer than two ``## Exercise N:`` headings; a solution cell with nothing
after its prompt (the answer would leak into the stub). With ``--check``
nothing is written: it reports exercise files that are missing, out of date or
orphaned (no solution notebook any more).
"""
from __future__ import annotations

import argparse
import copy
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "notebooks" / "solutions"
EXERCISES = ROOT / "notebooks" / "exercises"

SOLUTION_TAG = "solution"
STUB_TAG = "exercise"
PROMPT_TAG = "prompt"
PLACEHOLDER = "..."
NO_PROMPT = "# Your code here"
EXERCISE_HEADING = re.compile(r"^\s*##\s+Exercise\s+\d+\s*:", re.M)
NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
# Lessons whose solution notebook must hold at least MIN_EXERCISES exercises.
LESSONS_WITH_EXERCISES = range(1, 12)
MIN_EXERCISES = 2
# Cell metadata that records how/when a cell ran: never copied to a stub.
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")


def source_of(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags_of(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution(cell) -> bool:
    return SOLUTION_TAG in tags_of(cell)


def split_prompt(source: str) -> tuple[list[str], list[str]]:
    """Split a solution cell into its prompt (leading comment lines) and its answer.

    The prompt is the run of lines starting with ``#`` at the top of the cell;
    it ends at the first blank line or the first line of code.
    """
    lines = source.splitlines()
    n = 0
    while n < len(lines) and lines[n].lstrip().startswith("#"):
        n += 1
    answer = [ln for ln in lines[n:] if ln.strip()]
    return lines[:n], answer


def stub_source(source: str) -> str:
    prompt, _ = split_prompt(source)
    return "\n".join(prompt + [PLACEHOLDER]) if prompt else f"{NO_PROMPT}\n{PLACEHOLDER}"


def is_stub_code(line: str) -> bool:
    """True for a line an exercise stub may contain: a comment, a blank or the placeholder."""
    s = line.strip()
    return not s or s.startswith("#") or s == PLACEHOLDER


def header_cell(name: str) -> nbformat.NotebookNode:
    lesson = f"../{name}"
    text = (
        f"*This notebook is generated from [solutions/{name}](../solutions/{name}) "
        f"by `make exercises` — edit the solution, not this file.*\n\n"
        f"Lesson: [{Path(name).stem}]({lesson}). Fill in every cell that ends with `...`; "
        f"the worked answers are in [solutions/{name}](../solutions/{name})."
    )
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = "generated-from-solution"
    return cell


def clean_metadata(meta: dict) -> dict:
    meta = {k: v for k, v in copy.deepcopy(dict(meta)).items() if k not in VOLATILE_CELL_METADATA}
    return meta


def problems_of(name: str, nb) -> list[str]:
    """What is wrong with a solution notebook, as messages that say what to fix."""
    problems = []
    code_solutions = [c for c in nb.cells if c.cell_type == "code" and is_solution(c)]
    if not code_solutions:
        problems.append(f"{name}: no code cell is tagged '{SOLUTION_TAG}'; tag the cells that answer each exercise.")
    m = NOTEBOOK_NAME.match(name)
    n_ex = sum(len(EXERCISE_HEADING.findall(source_of(c))) for c in nb.cells if c.cell_type == "markdown")
    if m and int(m.group(1)) in LESSONS_WITH_EXERCISES and n_ex < MIN_EXERCISES:
        problems.append(
            f"{name}: {n_ex} exercise(s); lessons 01-11 need at least {MIN_EXERCISES} "
            f"markdown cells starting '## Exercise N: title'."
        )
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and is_solution(cell):
            prompt, answer = split_prompt(source_of(cell))
            if not answer:
                problems.append(
                    f"{name}: cell {i} is tagged '{SOLUTION_TAG}' but has no code after its leading comments; "
                    f"separate the prompt from a written answer with a blank line, or untag the cell."
                )
    return problems


def make_exercise(name: str, nb) -> nbformat.NotebookNode:
    """The exercise notebook for the solution notebook ``nb`` (named ``name``)."""
    out = nbformat.v4.new_notebook()
    out.metadata = {k: copy.deepcopy(v) for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    cells = [header_cell(name)]
    after_solution = False  # inside an exercise, past its first solution cell
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.match(r"^\s*#{1,2}\s", source_of(cell)):
            after_solution = False  # a new exercise or section starts
        if cell.cell_type == "markdown" and (
            is_solution(cell) or (after_solution and PROMPT_TAG not in tags_of(cell))
        ):
            continue
        if cell.cell_type == "code" and is_solution(cell):
            after_solution = True
        meta = clean_metadata(cell.get("metadata", {}))
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(source_of(cell))
            if is_solution(cell):
                new.source = stub_source(source_of(cell))
                meta["tags"] = [STUB_TAG if t == SOLUTION_TAG else t for t in tags_of(cell)]
        elif cell.cell_type == "markdown":
            text = source_of(cell)
            if len(cells) == 1:  # the title: this copy holds no solutions
                text = re.sub(r"(?im)^(#\s.*?)\bexercises and solutions\b", r"\1exercises", text, count=1)
            new = nbformat.v4.new_markdown_cell(text)
            if "attachments" in cell:
                new["attachments"] = copy.deepcopy(cell["attachments"])
        else:
            new = nbformat.v4.new_raw_cell(source_of(cell))
        if "tags" in meta and not meta["tags"]:
            del meta["tags"]
        new.metadata = meta
        new["id"] = cell.get("id") or f"cell-{len(cells)}"
        cells.append(new)
    out.cells = cells
    nbformat.validate(out)
    return out


def dumps(nb) -> str:
    """Stable text form of a notebook (the format nbformat itself writes)."""
    return nbformat.writes(nb, version=4) + "\n"


def is_generated(path: Path) -> bool:
    """True when ``path`` was written by this tool (its first cell is the generated header)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # not a notebook at all: leave it alone
        return False
    return bool(nb.cells) and nb.cells[0].get("id") == "generated-from-solution"


def solution_notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def generate(solutions: Path, out: Path) -> tuple[list[Path], list[str]]:
    """Write one exercise notebook per solution notebook; return (written, problems)."""
    out.mkdir(parents=True, exist_ok=True)
    written, problems = [], []
    for path in solution_notebooks(solutions):
        nb = nbformat.read(path, as_version=4)
        problems += problems_of(path.name, nb)
        target = out / path.name
        text = dumps(make_exercise(path.name, nb))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    return written, problems


def check(solutions: Path, committed: Path) -> list[str]:
    """Differences between the committed exercises and a fresh generation."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir = Path(tmp)
        written, problems = generate(solutions, fresh_dir)
        expected = {p.name for p in written}
        for p in written:
            have = committed / p.name
            if not have.exists():
                problems.append(f"exercises/{p.name} is missing: run 'make exercises'.")
            elif have.read_text(encoding="utf-8") != p.read_text(encoding="utf-8"):
                problems.append(f"exercises/{p.name} is out of date with solutions/{p.name}: run 'make exercises'.")
        for p in sorted(committed.glob("*.ipynb")) if committed.exists() else []:
            if p.name not in expected:
                problems.append(f"exercises/{p.name} has no solutions/{p.name}: delete it or restore the solution.")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--solutions", type=Path, default=SOLUTIONS)
    ap.add_argument("--out", type=Path, default=EXERCISES)
    ap.add_argument("--check", action="store_true", help="write nothing; report stale, missing or orphaned exercises")
    args = ap.parse_args(argv)
    if args.check:
        problems = check(args.solutions, args.out)
    else:
        written, problems = generate(args.solutions, args.out)
        for p in written:
            print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
        expected = {p.name for p in written}
        for p in sorted(args.out.glob("*.ipynb")):
            if p.name not in expected:
                if is_generated(p):  # its solution was removed or renamed
                    p.unlink()
                    print(f"removed {p.name} (no solution notebook)")
                else:
                    problems.append(f"{p} has no solution notebook and was not generated: move it out of {args.out}.")
    for msg in problems:
        print(f"error: {msg}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
