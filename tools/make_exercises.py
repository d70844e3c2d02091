"""Generate the learners' exercise notebooks from the solution notebooks.

Usage: python tools/make_exercises.py [--solutions DIR] [--out DIR] [--check] [--refresh]

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
* all outputs, execution counts and execution metadata are cleared;
* after each stub comes a **check cell** (tagged ``check``, source folded) that
  tells the learner whether their answer is right, and gives a hint when it is
  not, without showing the answer: ``exercise_check.check(globals(), ...)``
  (``notebooks/exercises/exercise_check.py``) compares the learner's variables
  with a description of the solution's -- kind, shape, and a salted hash of the
  values rounded to 3 significant digits. The descriptions are made by
  executing the solution notebook (nbclient, under the course's kernel guard)
  with a probe after each solution cell; the variables checked are the last
  (up to three) results the cell assigns -- numbers, strings, arrays, tables,
  dicts of moderate size; a name assigned a literal (a given, or the learner's
  own choice) is not checked, and when the exercise asks the learner to
  *choose* a value, only kinds and shapes are. A cell with no such result gets
  its object's type checked; an exercise with nothing to check says so.
  Executing costs a few seconds per notebook, so the descriptions are reused
  while the solution's cells are unchanged (a digest of their sources is kept
  in the exercise notebook's metadata); ``--refresh`` re-executes them all.

The output is deterministic (cell ids kept from the solution, fixed JSON
formatting, no timestamps), so a test can regenerate into a temporary folder
and compare byte for byte. The solution notebook is the only source: edit it,
then run 'make exercises'.

Which lessons need exercises comes from the lesson registry
(``imbalance_lab.lessons``): every lesson after ``start_here``.

Problems that make the command fail (exit 1), each named with its notebook:
a solution notebook that names no lesson of the registry; a solution notebook
without any ``solution``-tagged code cell; a lesson after ``start_here`` with
fewer than two ``## Exercise N:`` headings; a solution cell with nothing after
its prompt (the answer would leak into the stub); a solution notebook that
fails to execute. With ``--check`` nothing is written and nothing executed: it
reports exercise files that are missing, out of date (their solution changed
since they were generated) or orphaned (no solution notebook any more).
"""
from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import importlib.util
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "notebooks" / "solutions"
EXERCISES = ROOT / "notebooks" / "exercises"
CHECKER = EXERCISES / "exercise_check.py"

sys.path.insert(0, str(ROOT))
from imbalance_lab.lessons import all_lessons, lesson  # noqa: E402  (the registry: numbers and file names)

_spec = importlib.util.spec_from_file_location("exercise_check", CHECKER)
exercise_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exercise_check)

SOLUTION_TAG = "solution"
STUB_TAG = "exercise"
PROMPT_TAG = "prompt"
CHECK_TAG = "check"
PLACEHOLDER = "..."
NO_PROMPT = "# Your code here"
EXERCISE_HEADING = re.compile(r"^\s*##\s+Exercise\s+\d+\s*:", re.M)
NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
# Lessons whose solution notebook must hold at least MIN_EXERCISES exercises:
# every lesson of the registry after the first (start_here).
LESSONS_WITH_EXERCISES = frozenset(item.number for item in all_lessons()[1:])
MIN_EXERCISES = 2
MAX_CHECKED = 3            # variables checked per solution cell
MAX_RESULT_SIZE = 500      # larger values are data (a split, a cohort), not an exercise's result
RESULT_KINDS = ("number", "bool", "text", "array", "table", "dict")
# "Choose a prevalence between 1 % and 10 %": the learner's own value, so only kinds and shapes are compared.
CHOICE = re.compile(r"\b(?:choose|pick)\s+(?:a|an|any|your)\s+[\w-]+\s+(?:between|from)\b|\bof your (?:own )?choice\b",
                    re.I)
PROBE_MARK = "@@exercise-probe@@"
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
        f"Lesson: [{Path(name).stem}]({lesson}). Fill in every cell that ends with `...`, run it, then run the "
        f"check cell below it: it says whether your answer is right and gives a hint when it is not, without "
        f"showing the answer. The worked answers are in [solutions/{name}](../solutions/{name})."
    )
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = "generated-from-solution"
    return cell


def clean_metadata(meta: dict) -> dict:
    meta = {k: v for k, v in copy.deepcopy(dict(meta)).items() if k not in VOLATILE_CELL_METADATA}
    return meta


def registry_lesson(name: str):
    """The registry's lesson for a solution notebook's file name, or None."""
    try:
        item = lesson(Path(name).stem)
    except KeyError:
        return None
    return item if item.filename == name else None


def problems_of(name: str, nb) -> list[str]:
    """What is wrong with a solution notebook, as messages that say what to fix."""
    problems = []
    item = registry_lesson(name)
    if item is None:
        known = ", ".join(i.filename for i in all_lessons()[1:])
        problems.append(f"{name}: no lesson of that name in imbalance_lab.lessons; rename it to one of: {known}.")
    code_solutions = [c for c in nb.cells if c.cell_type == "code" and is_solution(c)]
    if not code_solutions:
        problems.append(f"{name}: no code cell is tagged '{SOLUTION_TAG}'; tag the cells that answer each exercise.")
    n_ex = sum(len(EXERCISE_HEADING.findall(source_of(c))) for c in nb.cells if c.cell_type == "markdown")
    if item is not None and item.number in LESSONS_WITH_EXERCISES and n_ex < MIN_EXERCISES:
        problems.append(
            f"{name}: {n_ex} exercise(s); every lesson after {all_lessons()[0].stem} needs at least "
            f"{MIN_EXERCISES} markdown cells starting '## Exercise N: title'."
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


# --- the checks: what to compare, and how it is found ------------------------------------------


def assigned_names(source: str) -> list[str]:
    """Names a solution cell's answer assigns at top level, last assignment last; literals left out.

    A name bound to a literal (``p = 0.02``, ``thresholds = [0.1, 0.3]``) is a
    given or the learner's own choice, not a result; names starting with ``_``
    and UPPER_CASE constants are left out too.
    """
    code = "\n".join(source.splitlines()[len(split_prompt(source)[0]):])
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython syntax (!shell, %magic): nothing to read
        return []
    names: list[str] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets, value = [stmt.target], stmt.value
        else:
            continue
        literal = False
        try:
            ast.literal_eval(value)
            literal = not isinstance(stmt, ast.AugAssign)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            pass
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    if node.id in names:
                        names.remove(node.id)
                    if not literal and not node.id.startswith("_") and not node.id.isupper():
                        names.append(node.id)
    return names


def exercise_ids(nb) -> dict[str, str]:
    """``{solution cell id: "N.k"}``: exercise number N and the cell's place k within it."""
    ids, current, k = {}, "0", 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.match(r"^\s*##\s+Exercise\s+(\d+)\s*:", source_of(cell))
            if m:
                current, k = m.group(1), 0
        elif is_solution(cell):
            k += 1
            ids[cell.get("id")] = f"{current}.{k}"
    return ids


def choice_exercises(nb) -> set[str]:
    """Exercise numbers whose statement lets the learner choose a value (their results are not compared)."""
    found, current = set(), None
    for cell in nb.cells:
        if cell.cell_type != "markdown" or is_solution(cell):
            continue
        text = source_of(cell)
        m = re.match(r"^\s*##\s+Exercise\s+(\d+)\s*:", text)
        if m:
            current = m.group(1)
        elif re.match(r"^\s*#{1,2}\s", text):
            current = None
        if current and CHOICE.search(text):
            found.add(current)
    return found


def loosen(spec: dict) -> dict:
    """The same description without the values: kinds, shapes and sizes only."""
    return {k: v for k, v in spec.items() if k not in ("hash", "columns", "values")}


def salt_for(name: str, key: str) -> str:
    item = registry_lesson(name)
    return f"{item.slug if item else Path(name).stem}/{key}"


PROBE = """\
def __exercise_probe():
    import importlib.util, json
    spec = importlib.util.spec_from_file_location("exercise_check", {checker!r})
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = {{}}
    for name in {names!r}:
        if name in globals():
            value = globals()[name]
            try:
                size = int(value.size) if hasattr(value, "size") else len(value)
            except Exception:
                size = 1
            kind = module._kind(value)
            found[name] = {{"size": size, "kind": kind, "type": type(value).__name__,
                           "spec": module.describe(value, {salt!r} + "/" + name)}}
    print({mark!r} + json.dumps({{"cell": {cell!r}, "found": found}}))
__exercise_probe()
del __exercise_probe
"""


def execute_with(nb, extra: dict, cwd: Path, timeout: int = 600) -> list[dict]:
    """Run ``nb`` with ``extra[cell id]`` (code) inserted after those cells; the JSON lines they print."""
    from nbclient import NotebookClient

    run = copy.deepcopy(nb)
    cells = []
    for cell in run.cells:
        cells.append(cell)
        if cell.get("id") in extra:
            probe = nbformat.v4.new_code_cell(extra[cell["id"]])
            probe["id"] = f"probe-{len(cells)}"
            cells.append(probe)
    run.cells = cells
    env = {**os.environ, "IPYTHONDIR": str(ROOT / "tests" / "ipython")}  # the course's kernel guard
    NotebookClient(run, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    found = []
    for cell in run.cells:
        if not str(cell.get("id", "")).startswith("probe-"):
            continue
        for out in cell.get("outputs", []):
            for line in out.get("text", "").splitlines():
                if line.startswith(PROBE_MARK):
                    found.append(json.loads(line[len(PROBE_MARK):]))
    return found


def select(found: dict) -> dict:
    """Which probed variables a check compares: the last results of moderate size, else one object's type."""
    results = [n for n, f in found.items() if f["kind"] in RESULT_KINDS and f["size"] <= MAX_RESULT_SIZE]
    if results:
        return {n: found[n]["spec"] for n in results[-MAX_CHECKED:]}
    objects = [n for n, f in found.items() if f["kind"] == "object"
               and f["type"] not in ("function", "module", "type", "generator", "Generator", "method")]
    return {objects[-1]: found[objects[-1]]["spec"]} if objects else {}


def compute_checks(name: str, nb, cwd: Path) -> dict[str, dict]:
    """``{solution cell id: {variable: description}}``, by executing the solution notebook."""
    ids = exercise_ids(nb)
    extra = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and is_solution(cell):
            names = assigned_names(source_of(cell))
            if names:
                extra[cell["id"]] = PROBE.format(checker=str(CHECKER), names=names, mark=PROBE_MARK,
                                                 salt=salt_for(name, ids[cell["id"]]), cell=cell["id"])
    loose = choice_exercises(nb)
    checks = {cid: {} for cid in ids}
    for probe in execute_with(nb, extra, cwd):
        chosen = select(probe["found"])
        if ids[probe["cell"]].split(".")[0] in loose:
            chosen = {n: loosen(sp) for n, sp in chosen.items()}
        checks[probe["cell"]] = chosen
    return checks


def solution_digest(nb) -> str:
    """A digest of what the checks depend on: the solution's cells (not outputs) and the check format."""
    parts = [str(exercise_check.FORMAT), str(MAX_CHECKED), str(MAX_RESULT_SIZE)]
    for cell in nb.cells:
        parts += [cell.cell_type, source_of(cell), ",".join(tags_of(cell))]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def py_literal(obj) -> str:
    """Python source for a description (dicts with sorted keys, so the text is stable)."""
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{k!r}: {py_literal(obj[k])}" for k in sorted(obj)) + "}"
    if isinstance(obj, (list, tuple)):
        return "[" + ", ".join(py_literal(v) for v in obj) + "]"
    return repr(obj)


def check_cell(name: str, key: str, expected: dict, cell_id: str) -> nbformat.NotebookNode:
    if expected:
        lines = [
            "# Check your answer: run this cell after yours. It compares your result with the worked solution's",
            "# (kind, shape, value to 3 significant digits) without showing it, and gives a hint when they differ.",
            "from exercise_check import check",
            "",
            f"check(globals(), {salt_for(name, key)!r}, {{",
            *[f"    {var!r}: {py_literal(spec)}," for var, spec in sorted(expected.items())],
            "})",
        ]
    else:
        lines = [
            "# Nothing in this exercise can be checked automatically (it prints, plots or explains):",
            "# compare your output with the worked answer in the solutions notebook.",
            "from exercise_check import check",
            "",
            f"check(globals(), {salt_for(name, key)!r}, {{}})",
        ]
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata = {"tags": [CHECK_TAG], "jupyter": {"source_hidden": True},
                     "exercise_check": {"solution_cell": cell_id, "expected": expected}}
    cell["id"] = f"check-{cell_id}"
    return cell


def committed_checks(path: Path, digest: str) -> dict[str, dict] | None:
    """The checks of an already generated exercise notebook, when it was made from the same solution."""
    if not path.exists():
        return None
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return None
    if nb.metadata.get("exercise_checks", {}).get("solution_digest") != digest:
        return None
    checks = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("exercise_check")
        if meta:
            checks[meta["solution_cell"]] = meta["expected"]
    return checks


def make_exercise(name: str, nb, checks: dict[str, dict] | None = None) -> nbformat.NotebookNode:
    """The exercise notebook for the solution notebook ``nb`` (named ``name``).

    ``checks`` (``{solution cell id: {variable: description}}``, from
    :func:`compute_checks`) adds a check cell after each stub; an exercise whose
    cells have nothing to compare gets one check cell that says so.
    """
    out = nbformat.v4.new_notebook()
    out.metadata = {k: copy.deepcopy(v) for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    if checks is not None:
        out.metadata["exercise_checks"] = {"solution_digest": solution_digest(nb)}
    ids = exercise_ids(nb)
    last_of_exercise = {}
    for cid, key in ids.items():
        last_of_exercise[key.split(".")[0]] = cid
    checked_exercises = {ids[cid].split(".")[0] for cid, exp in (checks or {}).items() if exp}
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
        if checks is not None and cell.cell_type == "code" and is_solution(cell):
            cid, key = cell.get("id"), ids.get(cell.get("id"), "0.0")
            expected = checks.get(cid, {})
            exercise = key.split(".")[0]
            if expected or (exercise not in checked_exercises and last_of_exercise.get(exercise) == cid):
                cells.append(check_cell(name, key, expected, cid))
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


def generate(solutions: Path, out: Path, *, execute: bool = True, refresh: bool = False,
             reuse_from: Path | None = None) -> tuple[list[Path], list[str]]:
    """Write one exercise notebook per solution notebook; return (written, problems).

    The checks of an exercise notebook in ``reuse_from`` (default ``out``) made
    from the same solution are reused; others are computed by executing the
    solution, unless ``execute`` is false (then the notebook is reported stale
    and written without checks).
    """
    out.mkdir(parents=True, exist_ok=True)
    reuse_from = out if reuse_from is None else reuse_from
    written, problems = [], []
    for path in solution_notebooks(solutions):
        nb = nbformat.read(path, as_version=4)
        found = problems_of(path.name, nb)
        problems += found
        digest = solution_digest(nb)
        checks = None if refresh else committed_checks(reuse_from / path.name, digest)
        if checks is None and execute and not found:
            try:
                checks = compute_checks(path.name, nb, path.parent)
            except Exception as exc:  # report and go on: one failing solution must not hide the others
                first = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else ""
                problems.append(f"{path.name}: the solution notebook failed to execute ({type(exc).__name__}: {first}); "
                                f"fix it, then run 'make exercises'.")
        elif checks is None and not execute:
            problems.append(f"exercises/{path.name} is out of date with solutions/{path.name}: run 'make exercises'.")
        target = out / path.name
        text = dumps(make_exercise(path.name, nb, checks))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    return written, problems


def check(solutions: Path, committed: Path) -> list[str]:
    """Differences between the committed exercises and a fresh generation (nothing is executed)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir = Path(tmp)
        written, problems = generate(solutions, fresh_dir, execute=False, reuse_from=committed)
        stale = {p.split(" ")[0] for p in problems if "out of date" in p}
        expected = {p.name for p in written}
        for p in written:
            have = committed / p.name
            if not have.exists():
                problems = [q for q in problems if not q.startswith(f"exercises/{p.name} is out of date")]
                problems.append(f"exercises/{p.name} is missing: run 'make exercises'.")
            elif f"exercises/{p.name}" in stale:
                continue
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
    ap.add_argument("--refresh", action="store_true", help="re-execute every solution to recompute the checks")
    args = ap.parse_args(argv)
    if args.check:
        problems = check(args.solutions, args.out)
    else:
        written, problems = generate(args.solutions, args.out, refresh=args.refresh)
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
