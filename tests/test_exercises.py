"""The exercise notebooks are generated from the solutions and stay in step with them.

Two groups of tests: the committed ``notebooks/exercises`` against a fresh
generation from ``notebooks/solutions`` (missing, stale or orphaned files fail,
as does a stub that still holds solution code), and the generator itself on
small notebooks built here.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
EXERCISES = NOTEBOOKS / "exercises"

_spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
mx = importlib.util.module_from_spec(_spec)
sys.modules["make_exercises"] = mx
_spec.loader.exec_module(mx)

SOLUTION_FILES = mx.solution_notebooks(SOLUTIONS) if SOLUTIONS.exists() else []
LESSONS_01_11 = sorted(
    p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if 1 <= int(p.name[:2]) <= 11
)


# --- the committed exercises ------------------------------------------------------------


def test_committed_exercises_match_a_fresh_generation():
    problems = mx.check(SOLUTIONS, EXERCISES)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson", LESSONS_01_11, ids=lambda p: p.stem)
def test_every_lesson_01_to_11_has_a_solution_notebook(lesson):
    assert (SOLUTIONS / lesson.name).exists(), f"lesson {lesson.name} has no solutions/{lesson.name}"


@pytest.mark.parametrize("solution", SOLUTION_FILES, ids=lambda p: p.stem)
def test_solution_notebook_is_well_formed(solution):
    nb = nbformat.read(solution, as_version=4)
    assert mx.problems_of(solution.name, nb) == []
    assert (NOTEBOOKS / solution.name).exists(), f"solutions/{solution.name} has no lesson {solution.name}"


@pytest.mark.parametrize("solution", SOLUTION_FILES, ids=lambda p: p.stem)
def test_stub_holds_no_solution_code(solution):
    exercise = EXERCISES / solution.name
    if not exercise.exists():
        pytest.fail(f"exercises/{solution.name} is missing: run 'make exercises'")
    sol = nbformat.read(solution, as_version=4)
    ex = nbformat.read(exercise, as_version=4)
    answers = [
        ln.strip()
        for c in sol.cells
        if c.cell_type == "code" and mx.is_solution(c)
        for ln in mx.split_prompt(mx.source_of(c))[1]
        if len(ln.strip()) > 12
    ]
    stubs = [c for c in ex.cells if c.cell_type == "code" and mx.STUB_TAG in mx.tags_of(c)]
    assert len(stubs) == sum(c.cell_type == "code" and mx.is_solution(c) for c in sol.cells)
    for cell in stubs:
        src = mx.source_of(cell)
        assert all(mx.is_stub_code(ln) for ln in src.splitlines()), src
        assert src.rstrip().endswith(mx.PLACEHOLDER)
    # No line of an answer may survive anywhere in the learner's copy
    # (untagged cells are shared set-up, but should not repeat a solution line).
    learner_code = {ln.strip() for c in ex.cells if c.cell_type == "code" for ln in mx.source_of(c).splitlines()}
    leaked = [a for a in answers if a in learner_code and not a.startswith("#")]
    shared = {ln.strip() for c in sol.cells if c.cell_type == "code" and not mx.is_solution(c)
              for ln in mx.source_of(c).splitlines()}
    assert [a for a in leaked if a not in shared] == []
    for cell in ex.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


# --- the generator ----------------------------------------------------------------------


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "widgets": {"state": "volatile"},
    }
    nb.cells = cells
    return nb


def _solution_cell(src, **kw):
    cell = nbformat.v4.new_code_cell(src, metadata={"tags": ["solution"]}, **kw)
    return cell


def _sample(n_exercises=2):
    cells = [nbformat.v4.new_markdown_cell("# 03 · Metrics: exercises"),
             nbformat.v4.new_code_cell("import numpy as np", execution_count=1)]
    for i in range(1, n_exercises + 1):
        cells.append(nbformat.v4.new_markdown_cell(f"## Exercise {i}: task {i}\n\nDo it."))
        cell = _solution_cell(f"# Prompt line {i}.\n# Hint {i}.\nanswer_{i} = np.sqrt({i})\nprint(answer_{i})",
                              execution_count=i + 1)
        cell.outputs = [nbformat.v4.new_output("stream", text=f"{i}\n")]
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
        cells.append(cell)
    cells.append(nbformat.v4.new_markdown_cell("The answer is 42 because ...", metadata={"tags": ["solution"]}))
    return _notebook(cells)


@pytest.fixture
def folders(tmp_path):
    sol, ex = tmp_path / "solutions", tmp_path / "exercises"
    sol.mkdir()
    nbformat.write(_sample(), sol / "03_metrics.ipynb")
    return sol, ex


def test_stub_keeps_prompt_and_drops_answer():
    ex = mx.make_exercise("03_metrics.ipynb", _sample())
    stubs = [c for c in ex.cells if "exercise" in c.metadata.get("tags", [])]
    assert [c.source for c in stubs] == ["# Prompt line 1.\n# Hint 1.\n...", "# Prompt line 2.\n# Hint 2.\n..."]
    assert all(c.outputs == [] and c.execution_count is None and "execution" not in c.metadata for c in stubs)
    assert not any("42" in c.source for c in ex.cells), "a markdown answer tagged solution must be dropped"
    assert ex.cells[2].source == "import numpy as np" and ex.cells[2].execution_count is None
    assert set(ex.metadata) == {"kernelspec", "language_info"}


def test_header_names_the_source_and_links_the_lesson():
    header = mx.make_exercise("03_metrics.ipynb", _sample()).cells[0]
    assert header.cell_type == "markdown"
    assert "solutions/03_metrics.ipynb" in header.source and "make exercises" in header.source
    assert "edit the solution, not this file" in header.source
    assert "(../03_metrics.ipynb)" in header.source


def test_discussion_after_a_solution_is_dropped_unless_tagged_prompt():
    nb = _sample()
    discussion = nbformat.v4.new_markdown_cell("The answer is about 0.95, the majority share.")
    follow_up = nbformat.v4.new_markdown_cell("Now try 1 % prevalence.", metadata={"tags": ["prompt"]})
    nb.cells[4:4] = [discussion, follow_up]  # after the solution of exercise 1
    ex = mx.make_exercise("03_metrics.ipynb", nb)
    texts = [c.source for c in ex.cells if c.cell_type == "markdown"]
    assert "The answer is about 0.95, the majority share." not in texts
    assert "Now try 1 % prevalence." in texts
    assert "## Exercise 2: task 2\n\nDo it." in texts, "the next exercise's statement is kept"


def test_cell_without_prompt_gets_a_placeholder():
    nb = _sample()
    nb.cells[3].source = "x = 1"
    ex = mx.make_exercise("03_metrics.ipynb", nb)
    assert ex.cells[4].source == "# Your code here\n..."


def test_prompt_ends_at_the_first_blank_line():
    prompt, answer = mx.split_prompt("# Predict the accuracy.\n\n# Answer: 0.95, the majority share\nprint(0.95)")
    assert prompt == ["# Predict the accuracy."]
    assert answer == ["# Answer: 0.95, the majority share", "print(0.95)"]


def test_generation_is_deterministic(folders, tmp_path):
    sol, ex = folders
    mx.generate(sol, ex)
    first = (ex / "03_metrics.ipynb").read_bytes()
    again = tmp_path / "again"
    mx.generate(sol, again)
    assert (again / "03_metrics.ipynb").read_bytes() == first
    assert not re.search(rb"20\d\d-\d\d-\d\dT", first), "no timestamps in a generated notebook"
    nbformat.validate(nbformat.read(ex / "03_metrics.ipynb", as_version=4))


def test_check_reports_missing_stale_and_orphaned(folders):
    sol, ex = folders
    assert any("missing" in p for p in mx.check(sol, ex))
    mx.generate(sol, ex)
    assert mx.check(sol, ex) == []
    nb = _sample()
    nb.cells[3].source = "# A new prompt.\nprint(1)"
    nbformat.write(nb, sol / "03_metrics.ipynb")
    assert any("out of date" in p for p in mx.check(sol, ex))
    mx.generate(sol, ex)
    (sol / "03_metrics.ipynb").rename(sol.parent / "elsewhere.ipynb")
    assert any("has no solutions/03_metrics.ipynb" in p for p in mx.check(sol, ex))


def test_main_removes_a_generated_orphan_only(folders, capsys):
    sol, ex = folders
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 0
    (ex / "04_resampling.ipynb").write_text((ex / "03_metrics.ipynb").read_text())
    nbformat.write(_notebook([nbformat.v4.new_markdown_cell("hand written")]), ex / "05_class_weights.ipynb")
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 1
    assert not (ex / "04_resampling.ipynb").exists()
    assert (ex / "05_class_weights.ipynb").exists()
    assert "05_class_weights.ipynb has no solution notebook" in capsys.readouterr().err


def test_problems_no_solution_cell():
    nb = _notebook([nbformat.v4.new_markdown_cell("## Exercise 1: a"), nbformat.v4.new_markdown_cell("## Exercise 2: b"),
                    nbformat.v4.new_code_cell("x = 1")])
    assert any("no code cell is tagged 'solution'" in p for p in mx.problems_of("03_metrics.ipynb", nb))


def test_problems_too_few_exercises_for_lessons_01_to_11():
    one = _sample(n_exercises=1)
    assert any("1 exercise(s)" in p for p in mx.problems_of("05_class_weights.ipynb", one))
    assert mx.problems_of("12_key_takeaways.ipynb", one) == []
    assert mx.problems_of("05_class_weights.ipynb", _sample(2)) == []


def test_problems_prompt_only_solution_cell():
    nb = _sample()
    nb.cells[3].source = "# Predict the accuracy.\n# Answer: 0.95"
    assert any("no code after its leading comments" in p for p in mx.problems_of("03_metrics.ipynb", nb))


def test_main_fails_on_a_bad_solution(folders, capsys):
    sol, ex = folders
    nbformat.write(_sample(n_exercises=1), sol / "04_resampling.ipynb")
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 1
    assert "04_resampling.ipynb: 1 exercise(s)" in capsys.readouterr().err
