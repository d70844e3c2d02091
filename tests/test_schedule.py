"""The schedules add up: each day's slots are its lessons' modelled times plus its breaks, and fit its hours.

The schedules are data (tools/schedules.toml); the instructor guide shows them as generated tables. These
tests recompute every slot from the notebooks and the timing model and check the tables in the guide.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

from imbalance_lab.lessons import all_lessons, lesson

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "instructor_guide.md"
_spec = importlib.util.spec_from_file_location("time_lessons", ROOT / "tools" / "time_lessons.py")
tl = importlib.util.module_from_spec(_spec)
sys.modules["time_lessons"] = tl
_spec.loader.exec_module(tl)
tm = tl.tm

SCHEDULES = tl.load_schedules()
TIMES = tl.all_times()
ROW = re.compile(r"^\| (\d\d:\d\d) \| (\d\d:\d\d) \| (.*) \| (\d+) \|$")


def _clock(s):
    return tl._clock(s)


def test_the_three_formats_are_defined():
    assert {s["id"] for s in SCHEDULES} == {"two_day", "one_day", "half_day"}
    assert [len(s["day"]) for s in SCHEDULES if s["id"] == "two_day"] == [2]


@pytest.mark.parametrize("schedule", SCHEDULES, ids=lambda s: s["id"])
def test_slots_add_up_to_modelled_lesson_times_plus_breaks(schedule):
    rows = tl.plan(schedule, TIMES)
    for d, day in enumerate(schedule["day"], start=1):
        day_rows = [r for r in rows if r.day == d]
        lessons = [r for r in day_rows if r.kind == "lesson"]
        breaks = [r for r in day_rows if r.kind == "break"]
        # each lesson slot is its modelled teaching plus its exercises in class, rounded up to 5 minutes
        for r in lessons:
            t = TIMES[r.slug]
            want = tm.round5(t.minutes.teaching + len(r.exercises) * tm.EXERCISE_MIN)
            assert r.minutes == want, f"{r.slug}: slot {r.minutes} min, model {want} min"
            assert want >= t.minutes.teaching + len(r.exercises) * tm.EXERCISE_MIN
        # contiguous from the day's start, and the sum is the day's length
        assert day_rows[0].start == _clock(day["start"])
        assert all(a.end == b.start for a, b in zip(day_rows, day_rows[1:]))
        assert day_rows[-1].end - _clock(day["start"]) == sum(r.minutes for r in lessons) + sum(
            int(b["minutes"]) for b in day["slots"] if "break" in b)
        assert len(breaks) == sum("break" in s for s in day["slots"])
        assert day_rows[-1].end <= _clock(day["end"]), (
            f"{schedule['id']} day {d} ends at {tl._hhmm(day_rows[-1].end)}, after {day['end']}: the lessons grew; "
            f"edit tools/schedules.toml")


@pytest.mark.parametrize("schedule", [s for s in SCHEDULES if s.get("hands_on")], ids=lambda s: s["id"])
def test_every_session_has_hands_on_work(schedule):
    for session in tl.sessions(tl.plan(schedule, TIMES)):
        assert any(r.exercises for r in session), f"{schedule['id']}: a session of {[r.slug for r in session]} " \
                                                  f"has no exercise in class"


def test_two_day_course_teaches_every_lesson_once_in_order():
    two_day = next(s for s in SCHEDULES if s["id"] == "two_day")
    taught = [r.slug for r in tl.plan(two_day, TIMES) if r.kind == "lesson"]
    assert taught == [item.slug for item in all_lessons()]


@pytest.mark.parametrize("schedule", SCHEDULES, ids=lambda s: s["id"])
def test_every_lesson_is_taught_or_self_study(schedule):
    taught = {r.slug for r in tl.plan(schedule, TIMES) if r.kind == "lesson"}
    self_study = {lesson(s).slug for s in schedule.get("self_study", [])}
    assert not taught & self_study
    assert taught | self_study == {item.slug for item in all_lessons()}


def _exercise_text(slug: str, number: int) -> str:
    """The statement and solution code of one exercise of a lesson."""
    nb = nbformat.read(ROOT / "notebooks" / "solutions" / lesson(slug).filename, as_version=4)
    text, inside = [], False
    for cell in nb.cells:
        m = re.match(r"^\s*##\s+Exercise\s+(\d+)\s*:", cell.source) if cell.cell_type == "markdown" else None
        if m:
            inside = int(m.group(1)) == number
        if inside:
            text.append(cell.source)
    return "\n".join(text)


def test_one_day_core_includes_ppv_and_the_decision_curve_in_class():
    one_day = next(s for s in SCHEDULES if s["id"] == "one_day")
    rows = {r.slug: r for r in tl.plan(one_day, TIMES) if r.kind == "lesson"}
    for req in one_day["required"]:
        assert req["lesson"] in rows and set(req["exercises"]) <= set(rows[req["lesson"]].exercises)
    beyond = rows["beyond"]
    done = "\n".join(_exercise_text("beyond", n) for n in beyond.exercises)
    assert re.search(r"\bPPV\b", done), "the exercises in class compute the PPV at another prevalence"
    assert re.search(r"decision.curve|net benefit", done, re.I), "... and a decision curve"


def _guide_tables():
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"<!-- schedules:start -->\n(.*?)<!-- schedules:end -->", text, re.S).group(1)
    tables, current = {}, None
    for line in block.splitlines():
        if line.startswith("### "):
            current = next(s["id"] for s in SCHEDULES if s["title"] == line[4:].strip())
            tables[current] = []
        m = ROW.match(line)
        if m and current:
            tables[current].append((m.group(1), m.group(2), m.group(3), int(m.group(4))))
    return text, tables


def test_guide_shows_the_schedules_as_generated_now():
    text, tables = _guide_tables()
    assert set(tables) == {s["id"] for s in SCHEDULES}
    m = re.search(r"<!-- schedules:start -->\n(.*?)<!-- schedules:end -->", text, re.S)
    assert m.group(1).rstrip("\n") == tl.schedule_block(TIMES), "stale: run 'make timings'"


@pytest.mark.parametrize("schedule", SCHEDULES, ids=lambda s: s["id"])
def test_guide_tables_add_up(schedule):
    """The printed table's own arithmetic: end - start = minutes, rows contiguous within a day."""
    rows = _guide_tables()[1][schedule["id"]]
    assert rows
    for start, end, _, minutes in rows:
        assert _clock(end) - _clock(start) == minutes
    days = [[]]
    for row in rows:
        if days[-1] and _clock(row[0]) != _clock(days[-1][-1][1]):
            days.append([])
        days[-1].append(row)
    assert len(days) == len(schedule["day"])
    for day, spec in zip(days, schedule["day"]):
        assert day[0][0] == spec["start"] and _clock(day[-1][1]) <= _clock(spec["end"])


def test_a_schedule_that_does_not_fit_is_reported():
    too_long = {"id": "x", "day": [{"start": "09:00", "end": "10:00",
                                    "slots": [{"lesson": "accuracy_trap", "exercises": [1, 2]}]}]}
    rows = tl.plan(too_long, TIMES)
    assert rows[0].minutes > 60
    assert tl.schedule_problems(too_long, rows) == [f"x day 1 ends at {tl._hhmm(rows[0].end)}, after 10:00"]
    with pytest.raises(ValueError, match="has no exercise"):
        tl.plan({"id": "y", "day": [{"start": "09:00", "end": "17:00",
                                     "slots": [{"lesson": "accuracy_trap", "exercises": [9]}]}]}, TIMES)
    with pytest.raises(KeyError, match="No lesson is called"):
        tl.plan({"id": "z", "day": [{"start": "09:00", "end": "17:00", "slots": [{"lesson": "medical_case"}]}]},
                TIMES)
