"""Every lesson that shows a widget works in a real JupyterLab.

Lessons are found automatically (a widget output or an ``*_explorer(`` call), so a new
explorer needs no new test code. For each one the page runs every cell from the Run
menu, each widget must render, and every control of every explorer is moved the way a
learner would (drag, arrow keys, picking an option) while the readout must match what a
separate kernel computes for the values the page shows. Screenshots go to artifacts/browser/.
"""
from __future__ import annotations

from dataclasses import asdict

import pytest

from lab_harness import ROOT, check_notebook, notebooks_with_widgets

LESSON_DIR = ROOT / "notebooks"
LESSONS = notebooks_with_widgets(LESSON_DIR)


def test_the_course_has_interactive_lessons():
    assert LESSONS, f"no notebook under {LESSON_DIR} displays a widget or builds an explorer"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.relative_to(LESSON_DIR).as_posix() for p in LESSONS])
def test_lesson_widgets_work_in_jupyterlab(lesson, page, lab, served, browser_summary):
    root, _ = served
    rel = lesson.relative_to(LESSON_DIR)
    report = check_notebook(page, lab, root / rel, root, screenshot=rel.with_suffix("").as_posix().replace("/", "-"))
    browser_summary[rel.as_posix()] = {"seconds": round(report.seconds, 1),
                                       "moves": [asdict(m) for moves in report.explorers for m in moves]}
    assert report.widget_views >= 1
    assert all(report.explorers), "an explorer had no control the harness could move"
