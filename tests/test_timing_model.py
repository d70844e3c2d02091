"""The timing model: what it counts in a notebook, how it turns counts into minutes, and its calibration."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


tm = _load("timing_model")

LESSON_MD = """# 03 · Metrics

Accuracy averages over patients, so it mostly measures the majority class here.

**Questions**
- Which metrics still tell a useless model from a useful one?
- What do the averages average over?

**Learning objectives**
- Compute [sensitivity](glossary.md#sensitivity) and
  specificity.

**Time**: teaching 30 min · exercises 20 min

## 1. Three models

We reuse three models on the clinical cohort.
"""


def _lesson():
    nb = nbformat.v4.new_notebook()
    hidden = nbformat.v4.new_code_cell("display(Markdown(f'...'))", metadata={"jupyter": {"source_hidden": True}})
    hidden.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "The dummy scores 0.95 here."})]
    nb.cells = [
        nbformat.v4.new_markdown_cell(LESSON_MD),
        nbformat.v4.new_code_cell("import numpy as np\n\n# a comment line is not typed\nx = np.arange(3)\nx"),
        hidden,
        nbformat.v4.new_markdown_cell("**Challenge.** What will it print?\n\n<details><summary>Answer</summary>\n\n"
                                      "Four long words of answer.\n\n</details>"),
        nbformat.v4.new_markdown_cell("## Exercises\n\n1. Many words that are exercise statements, not prose."),
        nbformat.v4.new_code_cell("not = 'counted'"),
        nbformat.v4.new_markdown_cell("## Key points\n\n- Not counted either."),
    ]
    return nb


def _solution(n):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"## Exercise {i}: task\n\nDo it.") for i in range(1, n + 1)]
    return nb


def test_size_counts_what_a_room_spends_time_on():
    size = tm.size_of(_lesson(), _solution(3))
    # prose: the title, the why-it-matters line, the section and its line, the hidden cell's text and the
    # challenge question; not the Questions / objectives / Time lists, the folded answer or anything after Exercises
    expected_words = len(("03 · Metrics Accuracy averages over patients, so it mostly measures the majority class "
                          "here. 1. Three models We reuse three models on the clinical cohort. The dummy scores 0.95 "
                          "here. Challenge. What will it print?").replace("·", "").split())
    assert size.words == expected_words
    assert size.code_lines == 3, "blank and comment-only lines are not typed; hidden and post-exercise cells not counted"
    assert size.challenges == 1
    assert size.exercises == 3
    assert tm.size_of(_lesson()).exercises == 0


def test_minutes_follow_the_constants():
    size = tm.Size(words=800, code_lines=100, challenges=2, exercises=3)
    m = tm.minutes(size)
    assert m.prose == pytest.approx(800 / tm.WORDS_PER_MIN)
    assert m.code == pytest.approx(100 * tm.SECONDS_PER_LINE / 60)
    assert m.challenges == 2 * tm.CHALLENGE_MIN == 2 * (tm.CHALLENGE_WORK_MIN + tm.CHALLENGE_DISCUSS_MIN)
    assert m.exercises == 3 * tm.EXERCISE_MIN == 3 * (tm.EXERCISE_WORK_MIN + tm.EXERCISE_DISCUSS_MIN)
    assert m.teaching == pytest.approx(m.prose + m.code + m.challenges)
    assert m.total == pytest.approx(m.teaching + m.exercises)
    # a longer lesson takes longer, part by part
    assert tm.minutes(tm.Size(900, 100, 2, 3)).total > m.total
    assert tm.minutes(tm.Size(800, 110, 2, 3)).total > m.total


def test_kernel_run_time_is_not_part_of_the_model():
    """Two notebooks of the same size, one slow to execute, model the same time."""
    fast, slow = _lesson(), _lesson()
    slow.cells[1].source = "import numpy as np\n\nimport time\ntime.sleep(60)"
    fast.cells[1].source = "import numpy as np\n\nimport math\nmath.sqrt(60)"
    assert tm.minutes(tm.size_of(fast)).total == tm.minutes(tm.size_of(slow)).total


def test_round5_rounds_up():
    assert [tm.round5(x) for x in (0, 0.1, 5, 5.0000000001, 41.2, 45)] == [0, 5, 5, 5, 45, 45]


def test_constants_are_the_calibration_fit_rounded():
    fit = tm.calibrate()
    assert abs(fit.words_per_min - tm.WORDS_PER_MIN) / tm.WORDS_PER_MIN < 0.05
    assert abs(fit.seconds_per_line - tm.SECONDS_PER_LINE) / tm.SECONDS_PER_LINE < 0.05


def test_calibration_data_is_what_the_guide_says():
    cal = tm.load_calibration()
    assert len(cal["carpentries"]) == 20
    assert {ep["source"].split("@")[0] for ep in cal["carpentries"]} == {
        "swcarpentry/python-novice-inflammation", "datacarpentry/python-ecology-lesson"}
    assert {r["lesson"]: r["estimate"] for r in cal["reviewers"]} == {
        "03_metrics": 75, "04_resampling": 90, "06_thresholds_and_costs": 80, "11_beyond": 65, "12_key_takeaways": 40}
    # the old lessons' counts are the same numbers as the reviewers' rows
    old = {o["lesson"]: o for o in cal["old_lessons"]}
    for r in cal["reviewers"]:
        assert (old[r["lesson"]]["words"], old[r["lesson"]]["code_lines"]) == (r["words"], r["code_lines"])


def test_fit_is_close_to_the_evidence():
    """Within 20 minutes of every reviewer estimate, and unbiased on the Carpentries episodes within 5 minutes."""
    fit = tm.calibrate()
    assert all(abs(got - est) <= 20 for _, est, got in fit.reviewers), fit.reviewers
    cal = tm.load_calibration()
    bias = sum(tm.minutes(tm.Size(ep["words"], ep["code_lines"], ep["challenges"], 0),
                          words_per_min=fit.words_per_min, seconds_per_line=fit.seconds_per_line).total
               - ep["teaching"] - ep["exercises"] for ep in cal["carpentries"]) / len(cal["carpentries"])
    assert abs(bias) < 5


def test_calibration_responds_to_its_data():
    """Slower published times give a slower speaking rate (the fit is not a constant)."""
    cal = tm.load_calibration()
    slower = {**cal, "carpentries": [{**ep, "teaching": ep["teaching"] * 2} for ep in cal["carpentries"]],
              "reviewers": [{**r, "estimate": r["estimate"] * 2} for r in cal["reviewers"]]}
    assert tm.calibrate(slower).words_per_min < tm.calibrate(cal).words_per_min


def test_every_lesson_of_the_registry_is_modelled():
    from imbalance_lab.lessons import all_lessons

    tl = _load("time_lessons")
    times = tl.all_times()
    assert list(times) == [item.slug for item in all_lessons()]
    for slug, t in times.items():
        assert t.minutes.teaching > 0
        assert t.size.exercises >= (0 if slug == all_lessons()[0].slug else 2)


def test_each_lesson_states_its_modelled_time():
    """The lesson's own **Time** line says what the model says (``make timings`` writes it)."""
    tl = _load("time_lessons")
    wrong = {slug: (t.stated, tl.stated_time(t)) for slug, t in tl.all_times().items()
             if t.stated != tl.stated_time(t)}
    assert not wrong, f"run 'make timings': these lessons state another time than the model (stated, model): {wrong}"


def test_the_time_line_rewrite_changes_only_that_line(tmp_path, monkeypatch):
    tl = _load("time_lessons")
    t = tl.all_times()["metrics"]
    src = tl.NOTEBOOKS / t.item.filename
    copy = tmp_path / t.item.filename
    text = src.read_text(encoding="utf-8")
    stale = tl.TIME_LINE.sub(lambda m: m.group(1) + "teaching 5 min · exercises 5 min", text, count=1)
    assert stale != text
    copy.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(tl, "NOTEBOOKS", tmp_path)
    assert tl.update_time_lines({"metrics": t}) == [t.item.filename]
    assert copy.read_text(encoding="utf-8") == text
    assert tl.update_time_lines({"metrics": t}) == []


def test_only_the_navigation_line_is_left_out_of_the_prose():
    nav = "**Previous**: [02 · x](02_x.ipynb) · **Next**: [04 · y](04_y.ipynb)"
    assert tm.prose_words(nav) == 0
    assert tm.prose_words("Previous: [a](a.ipynb) · Next: [b](b.ipynb)") == 0
    assert tm.prose_words("next to a chance line that has dropped") == 8  # a sentence wrapped onto 'next'
    assert tm.prose_words("Next, the course's own helper package.") == 6
