"""The exercise notebooks are generated from the solutions, stay in step with them, and check themselves.

Groups of tests: the committed ``notebooks/exercises`` against a fresh
generation from ``notebooks/solutions`` (missing, stale or orphaned files fail,
as does a stub that still holds solution code, or an exercise without a check
cell); every check cell run against the solution's own answer (it must pass)
and against a changed answer (it must fail), by executing the solution
notebooks (slow, marked ``notebook``); the checker on values built here; and
the generator itself on small notebooks built here.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from imbalance_lab.lessons import all_lessons

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
EXERCISES = NOTEBOOKS / "exercises"

_spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
mx = importlib.util.module_from_spec(_spec)
sys.modules["make_exercises"] = mx
_spec.loader.exec_module(mx)

ec = mx.exercise_check
# Every lesson of the registry after start_here has exercises.
WITH_EXERCISES = all_lessons()[1:]
SOLUTION_FILES = [SOLUTIONS / item.filename for item in WITH_EXERCISES]


# --- the committed exercises ------------------------------------------------------------


def test_committed_exercises_match_a_fresh_generation():
    problems = mx.check(SOLUTIONS, EXERCISES)
    assert not problems, "\n".join(problems)


def test_lessons_with_exercises_come_from_the_registry():
    assert mx.LESSONS_WITH_EXERCISES == {item.number for item in all_lessons()[1:]}
    assert "00" not in mx.LESSONS_WITH_EXERCISES and len(mx.LESSONS_WITH_EXERCISES) == len(all_lessons()) - 1


@pytest.mark.parametrize("item", WITH_EXERCISES, ids=lambda item: item.stem)
def test_every_lesson_after_start_here_has_a_solution_notebook(item):
    assert (NOTEBOOKS / item.filename).exists(), f"the registry's {item.filename} is not in notebooks/"
    assert (SOLUTIONS / item.filename).exists(), f"lesson {item.filename} has no solutions/{item.filename}"


def test_every_solution_notebook_is_a_registry_lesson():
    names = {item.filename for item in WITH_EXERCISES}
    assert [p.name for p in mx.solution_notebooks(SOLUTIONS) if p.name not in names] == []


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


@pytest.mark.parametrize("solution", SOLUTION_FILES, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_a_check_cell(solution):
    ex = nbformat.read(EXERCISES / solution.name, as_version=4)
    assert ex.metadata.get("exercise_checks", {}).get("solution_digest"), "generated without checks: run 'make exercises'"
    exercises, checked, previous = set(), set(), None
    current = None
    for cell in ex.cells:
        m = re.match(r"^\s*##\s+Exercise\s+(\d+)\s*:", mx.source_of(cell)) if cell.cell_type == "markdown" else None
        if m:
            current = m.group(1)
            exercises.add(current)
        if mx.CHECK_TAG in mx.tags_of(cell):
            assert previous is not None and mx.STUB_TAG in mx.tags_of(previous), "a check cell follows a stub"
            assert cell.metadata["jupyter"]["source_hidden"] is True
            assert "from exercise_check import check" in mx.source_of(cell)
            checked.add(current)
        previous = cell
    assert exercises and exercises == checked, f"exercises without a check cell: {sorted(exercises - checked)}"


def test_most_exercises_compare_a_result():
    """An exercise whose check compares nothing is the exception, not the rule."""
    total = empty = 0
    for solution in SOLUTION_FILES:
        for cell in nbformat.read(EXERCISES / solution.name, as_version=4).cells:
            if mx.CHECK_TAG in mx.tags_of(cell):
                total += 1
                empty += not cell.metadata["exercise_check"]["expected"]
    assert total and empty <= total // 4, f"{empty} of {total} check cells compare nothing"


# Kernel-side code for the next test: every check against the solution's own values, then against changed values.
VERIFY = """\
def __verify():
    import contextlib, importlib.util, io, json, numbers, sys
    import numpy as np
    import pandas as pd
    spec = importlib.util.spec_from_file_location("exercise_check", {checker!r})
    ec = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ec)
    # the check cell itself, as the learner runs it (its import found in the exercises folder)
    sys.path.insert(0, {exercises!r})
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec({source!r}, dict(globals()))
    sys.path.remove({exercises!r})

    def changed(v, loose):
        if loose or ec._kind(v) == "object":
            return object()
        if isinstance(v, (bool, np.bool_)):
            return not v
        if isinstance(v, numbers.Number):
            return v + 1 if float(v).is_integer() else v * 1.5 + 0.37
        if isinstance(v, str):
            return v + " (changed)"
        if isinstance(v, dict):  # change a value the check compares by value (nested dicts only by type)
            w = dict(v)
            by_value = [k for k in w if ec._kind(w[k]) in ("number", "bool", "text", "array", "table")
                        and k not in ec.VOLATILE_KEYS]
            k = by_value[0] if by_value else next(iter(w))
            w[k] = changed(w[k], False) if by_value else object()
            return w
        if isinstance(v, pd.DataFrame):
            w = v.copy()
            num = [c for c in w.columns if pd.api.types.is_numeric_dtype(w[c])]
            if num:
                w[num[0]] = w[num[0]].astype(float) * 1.5 + 0.37
                return w
            return w.iloc[:-1]
        arr = np.asarray(v)
        if arr.dtype == bool:
            return ~arr
        if np.issubdtype(arr.dtype, np.number):
            return arr * 1.5 + 0.37
        return arr[:-1]

    expected = {expected!r}
    right = ec.results(globals(), {key!r}, expected)
    wrong = []
    for name, spec in expected.items():
        loose = not any(k in spec for k in ("hash", "columns", "values"))
        ns = dict(globals())
        ns[name] = changed(globals()[name], loose)
        wrong += [r for r in ec.results(ns, {key!r}, {{name: spec}})]
    print({mark!r} + json.dumps({{"key": {key!r}, "right": right, "wrong": wrong, "printed": printed.getvalue()}}))
__verify()
del __verify
"""


@pytest.mark.notebook
@pytest.mark.parametrize("solution", SOLUTION_FILES, ids=lambda p: p.stem)
def test_checks_pass_on_the_solution_and_fail_on_a_wrong_answer(solution):
    """Execute the solution with each check after its cell: the solution's answer passes, a changed one fails."""
    ex = nbformat.read(EXERCISES / solution.name, as_version=4)
    cells = {c.metadata["exercise_check"]["solution_cell"]: c
             for c in ex.cells if mx.CHECK_TAG in mx.tags_of(c) and c.metadata["exercise_check"]["expected"]}
    if not cells:
        pytest.skip(f"{solution.name}: no check compares a value")
    sol = nbformat.read(solution, as_version=4)
    ids = mx.exercise_ids(sol)
    extra = {}
    for cid, cell in cells.items():
        expected = cell.metadata["exercise_check"]["expected"]
        # the description in the cell's source is the one in its metadata
        call = re.search(r"^check\(globals\(\), ('[^']*'), (\{.*\})\)\s*$", mx.source_of(cell), re.S | re.M)
        assert ast.literal_eval(call.group(2)) == expected
        assert ast.literal_eval(call.group(1)) == mx.salt_for(solution.name, ids[cid])
        extra[cid] = VERIFY.format(checker=str(mx.CHECKER), expected=expected, mark=mx.PROBE_MARK,
                                   key=mx.salt_for(solution.name, ids[cid]), exercises=str(EXERCISES),
                                   source=mx.source_of(cell))
    found = mx.execute_with(sol, extra, SOLUTIONS)
    assert len(found) == len(cells), "every check ran"
    for run in found:
        failed = [msg for _, ok, msg in run["right"] if not ok]
        assert not failed, f"{run['key']}: the solution's own answer fails its check: {failed}"
        assert run["printed"].rstrip().endswith("All right.") and "✗" not in run["printed"], run["printed"]
        passed = [msg for _, ok, msg in run["wrong"] if ok]
        assert not passed, f"{run['key']}: a changed answer passes its check: {passed}"
        assert len(run["wrong"]) == len(run["right"]) > 0


# --- the checker, on values built here --------------------------------------------------


KEY = "metrics/1.1"
VALUES = {
    "rate": 0.1375, "count": 19, "prevalence": 0.05, "sampler": "SMOTENC", "flag": True,
    "labels": np.array([1, 0, 1]), "series": pd.Series([0.25, 0.5], index=["a", "b"]),
    "table": pd.DataFrame({"sensitivity": [0.733, 0.0, 1.0], "flagged": [71, 0, 300]}),
    "by_metric": {"sensitivity": 0.7333333, "specificity": 0.789},
    "model": pd.Index([1]),
}


def _expected(values=VALUES):
    return {name: ec.describe(v, f"{KEY}/{name}") for name, v in values.items()}


def test_description_does_not_hold_the_values():
    text = json.dumps(_expected())
    for needle in ("0.1375", "0.138", "SMOTENC", "0.733", "sensitivity", "0.789", "19,"):
        assert needle not in text


def test_checker_passes_the_right_answers_computed_another_way():
    mine = dict(VALUES)
    mine.update(rate=11 / 80 + 1e-13, count=np.int64(19), prevalence=np.float64(0.05), labels=[1, 0, 1],
                table=VALUES["table"][["flagged", "sensitivity"]].rename(columns=str.upper),  # order and names free
                by_metric={"sens": 0.73333, "spec": 0.7890001})
    assert [msg for _, ok, msg in ec.results(mine, KEY, _expected()) if not ok] == []


@pytest.mark.parametrize("name, wrong, hint", [
    ("rate", 13.75, "percentage"),
    ("prevalence", 0.95, "complement"),
    ("count", 19.5, "whole number"),
    ("rate", 2.5, "between 0 and 1"),
    ("prevalence", 0.06, "not the expected one"),
    ("sampler", "SMOTE", "not the expected string"),
    ("flag", False, "not the expected value"),
    ("labels", np.array([1, 1, 1]), "not the expected values"),
    ("labels", np.array([1, 0]), "shape (2,)"),
    ("series", pd.Series([0.5, 0.25]), "not the expected values"),
    ("table", VALUES["table"].T, "transposed"),
    ("table", VALUES["table"].assign(flagged=[70, 0, 300]), "'flagged'"),
    ("by_metric", {"sensitivity": 0.7, "specificity": 0.789}, "'sensitivity'"),
    ("by_metric", {"sensitivity": 0.733}, "1 entries"),
    ("model", [1], "expects a `Index`"),
    ("rate", pd.DataFrame({"a": [1]}), "expects a number"),
])
def test_checker_fails_a_wrong_answer_with_a_hint(name, wrong, hint):
    (got_name, ok, msg), = ec.results({name: wrong}, KEY, {name: _expected()[name]})
    assert not ok and hint in msg, msg
    assert got_name == name


def test_checker_says_what_to_name_a_missing_answer(capsys):
    ec.check({}, KEY, {"rate": _expected()["rate"]})
    out = capsys.readouterr().out
    assert "`rate` is not defined yet" in out and "0 of 1 right" in out
    ec.check(dict(VALUES), KEY, _expected())
    assert capsys.readouterr().out.rstrip().endswith("All right.")


def test_checker_never_prints_the_expected_value(capsys):
    ec.check({"rate": 0.2, "sampler": "X"}, KEY, {"rate": _expected()["rate"], "sampler": _expected()["sampler"]})
    out = capsys.readouterr().out
    assert "0.1375" not in out and "0.138" not in out and "SMOTENC" not in out


def test_salt_ties_a_description_to_its_exercise():
    other = ec.describe(0.1375, "metrics/2.1/rate")
    assert other["hash"] != _expected()["rate"]["hash"]
    assert not ec.results({"rate": 0.1375}, "metrics/2.1", {"rate": _expected()["rate"]})[0][1]


def test_timings_in_a_result_are_not_compared():
    """cross_validate's fit_time and score_time differ on every run; the scores must still match."""
    cv = {"fit_time": np.array([0.11, 0.12]), "score_time": np.array([0.01, 0.02]), "test_score": np.array([0.8, 0.7])}
    expected = {"scores": ec.describe(cv, f"{KEY}/scores")}
    rerun = {**cv, "fit_time": np.array([0.5, 0.4]), "score_time": np.array([0.03, 0.05])}
    assert ec.results({"scores": rerun}, KEY, expected)[0][1]
    assert not ec.results({"scores": {**rerun, "test_score": np.array([0.8, 0.6])}}, KEY, expected)[0][1]


def test_a_loose_description_compares_kind_and_shape_only():
    loose = {n: mx.loosen(d) for n, d in _expected().items()}
    mine = {"rate": 0.5, "labels": np.array([0, 0, 0]), "table": VALUES["table"] * 2, "by_metric": {"x": 1, "y": 2}}
    assert all(ok for _, ok, _ in ec.results(mine, KEY, {n: loose[n] for n in mine}))
    assert not ec.results({"labels": np.array([0, 0])}, KEY, {"labels": loose["labels"]})[0][1]


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


@pytest.fixture
def no_kernel(monkeypatch):
    """Checks computed without a kernel: a fixed description for each solution cell (the real run is tested below)."""
    calls = []

    def fake(name, nb, cwd):
        calls.append(name)
        ids = mx.exercise_ids(nb)
        return {cid: {"answer": ec.describe(1.0, mx.salt_for(name, key) + "/answer")} for cid, key in ids.items()}
    monkeypatch.setattr(mx, "compute_checks", fake)
    return calls


def test_generation_is_deterministic(folders, tmp_path, no_kernel):
    sol, ex = folders
    mx.generate(sol, ex)
    first = (ex / "03_metrics.ipynb").read_bytes()
    again = tmp_path / "again"
    mx.generate(sol, again)
    assert (again / "03_metrics.ipynb").read_bytes() == first
    assert not re.search(rb"20\d\d-\d\d-\d\dT", first), "no timestamps in a generated notebook"
    nbformat.validate(nbformat.read(ex / "03_metrics.ipynb", as_version=4))


def test_check_reports_missing_stale_and_orphaned(folders, no_kernel):
    sol, ex = folders
    assert any("missing" in p for p in mx.check(sol, ex))
    mx.generate(sol, ex)
    assert mx.check(sol, ex) == []
    assert no_kernel == ["03_metrics.ipynb"], "--check executes nothing"
    nb = _sample()
    nb.cells[3].source = "# A new prompt.\nprint(1)"
    nbformat.write(nb, sol / "03_metrics.ipynb")
    assert any("out of date" in p for p in mx.check(sol, ex))
    mx.generate(sol, ex)
    (sol / "03_metrics.ipynb").rename(sol.parent / "elsewhere.ipynb")
    assert any("has no solutions/03_metrics.ipynb" in p for p in mx.check(sol, ex))


def test_main_removes_a_generated_orphan_only(folders, capsys, no_kernel):
    sol, ex = folders
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 0
    (ex / "04_roc_and_pr.ipynb").write_text((ex / "03_metrics.ipynb").read_text())
    nbformat.write(_notebook([nbformat.v4.new_markdown_cell("hand written")]), ex / "07_class_weights.ipynb")
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 1
    assert not (ex / "04_roc_and_pr.ipynb").exists()
    assert (ex / "07_class_weights.ipynb").exists()
    assert "07_class_weights.ipynb has no solution notebook" in capsys.readouterr().err


def test_problems_no_solution_cell():
    nb = _notebook([nbformat.v4.new_markdown_cell("## Exercise 1: a"), nbformat.v4.new_markdown_cell("## Exercise 2: b"),
                    nbformat.v4.new_code_cell("x = 1")])
    assert any("no code cell is tagged 'solution'" in p for p in mx.problems_of("03_metrics.ipynb", nb))


def test_problems_too_few_exercises_for_every_lesson_after_start_here():
    one = _sample(n_exercises=1)
    last = all_lessons()[-1].filename
    assert any("1 exercise(s)" in p for p in mx.problems_of("07_class_weights.ipynb", one))
    assert any("1 exercise(s)" in p for p in mx.problems_of(last, one)), "the last lesson needs exercises too"
    assert mx.problems_of("00_start_here.ipynb", one) == []
    assert mx.problems_of("07_class_weights.ipynb", _sample(2)) == []


def test_problems_a_solution_that_is_not_a_registry_lesson():
    problems = mx.problems_of("07_medical_case.ipynb", _sample(2))
    assert any("no lesson of that name in imbalance_lab.lessons" in p for p in problems)
    assert any("07_class_weights.ipynb" in p for p in problems), "the message lists the registry's names"


def test_problems_prompt_only_solution_cell():
    nb = _sample()
    nb.cells[3].source = "# Predict the accuracy.\n# Answer: 0.95"
    assert any("no code after its leading comments" in p for p in mx.problems_of("03_metrics.ipynb", nb))


def test_main_fails_on_a_bad_solution(folders, capsys, no_kernel):
    sol, ex = folders
    nbformat.write(_sample(n_exercises=1), sol / "04_roc_and_pr.ipynb")
    assert mx.main(["--solutions", str(sol), "--out", str(ex)]) == 1
    assert "04_roc_and_pr.ipynb: 1 exercise(s)" in capsys.readouterr().err


def test_assigned_names_are_results_not_givens():
    src = ("# Prompt.\n\np = 0.02\nthresholds = [0.1, 0.3]\nRANDOM = 1\n_, y_res = sampler.fit_resample(X, y)\n"
           "acc, sens = 0.9, f(x)\nrows = {}\nrows['a'] = 1\ntable = pd.DataFrame(rows)\nacc = g(p)\nn += 1\n")
    assert mx.assigned_names(src) == ["y_res", "sens", "table", "acc", "n"]
    assert mx.assigned_names("# Run it.\n\n!ls data") == []


def test_choice_exercises_are_found_from_their_statement():
    nb = _sample(3)
    nb.cells[2].source = "## Exercise 1: Predict\n\nChoose a prevalence between 1 % and 10 %."
    assert mx.choice_exercises(nb) == {"1"}
    assert mx.exercise_ids(nb) == {nb.cells[3].id: "1.1", nb.cells[5].id: "2.1", nb.cells[7].id: "3.1"}


def test_select_prefers_small_results_and_falls_back_to_a_type():
    found = {
        "X_train": {"size": 4000, "kind": "table", "type": "DataFrame", "spec": {"kind": "table"}},
        "a": {"size": 1, "kind": "number", "type": "float", "spec": {"kind": "number", "n": "a"}},
        "b": {"size": 2, "kind": "array", "type": "ndarray", "spec": {"kind": "array", "n": "b"}},
        "c": {"size": 1, "kind": "text", "type": "str", "spec": {"kind": "text", "n": "c"}},
        "d": {"size": 3, "kind": "dict", "type": "dict", "spec": {"kind": "dict", "n": "d"}},
    }
    assert list(mx.select(found)) == ["b", "c", "d"]
    model = {"model": {"size": 1, "kind": "object", "type": "Pipeline", "spec": {"kind": "object", "type": "Pipeline"}},
             "f": {"size": 1, "kind": "object", "type": "function", "spec": {"kind": "object", "type": "function"}}}
    assert list(mx.select(model)) == ["model"]
    assert mx.select({}) == {}


def test_check_cells_follow_their_stubs_and_reuse_needs_the_same_solution(tmp_path):
    nb = _sample(2)
    ids = mx.exercise_ids(nb)
    first, second = list(ids)
    checks = {first: {"answer_1": ec.describe(1.0, "metrics/1.1/answer_1")}, second: {}}
    ex = mx.make_exercise("03_metrics.ipynb", nb, checks)
    kinds = [("check" if mx.CHECK_TAG in mx.tags_of(c) else "stub" if mx.STUB_TAG in mx.tags_of(c) else c.cell_type)
             for c in ex.cells]
    assert kinds == ["markdown", "markdown", "code", "markdown", "stub", "check", "markdown", "stub", "check"]
    check_1, check_2 = [c for c in ex.cells if mx.CHECK_TAG in mx.tags_of(c)]
    assert "check(globals(), 'metrics/1.1'" in check_1.source and "'answer_1'" in check_1.source
    assert "Nothing in this exercise can be checked automatically" in check_2.source
    assert "np.sqrt" not in check_1.source + check_2.source
    path = tmp_path / "03_metrics.ipynb"
    path.write_text(mx.dumps(ex))
    assert mx.committed_checks(path, mx.solution_digest(nb)) == checks
    nb.cells[3].source = "# Prompt line 1.\nanswer_1 = np.sqrt(4)"
    assert mx.committed_checks(path, mx.solution_digest(nb)) is None, "a changed solution invalidates its checks"


@pytest.mark.notebook
def test_checks_are_computed_by_running_the_solution(tmp_path):
    nb = _sample(2)
    nb.cells[2].source = "## Exercise 1: task 1\n\nChoose a number between 1 and 10."
    checks = mx.compute_checks("03_metrics.ipynb", nb, tmp_path)
    first, second = list(mx.exercise_ids(nb))
    assert set(checks[first]) == {"answer_1"} and "hash" not in checks[first]["answer_1"], "a choice is loose"
    assert checks[second]["answer_2"] == ec.describe(np.sqrt(2), "metrics/2.1/answer_2")
