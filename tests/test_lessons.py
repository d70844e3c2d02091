"""The lessons as a course: all present, linted, linked, with their exercises.

nbval (run by the same 'make test') executes every notebook and compares its
outputs; these tests check what execution cannot: structure and links.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from imbalance_lab.lessons import all_lessons, lesson

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# Every lesson, in order, from the lesson registry (imbalance_lab.lessons).
LESSONS = [item.stem for item in all_lessons()]
LAST = len(LESSONS) - 1
LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"")


def _markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _anchors(path: Path) -> set[str]:
    text = _markdown(path)
    ids = set(re.findall(r"<a id=\"([^\"]+)\"", text))
    for heading in re.findall(r"^#+\s+(.+)$", text, re.M):  # JupyterLab's heading anchors
        ids.add(heading.strip().replace(" ", "-"))
    return ids


def test_every_lesson_is_present():
    present = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert present == LESSONS


def test_lesson_lint_passes_strictly():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "lesson_lint.py"), str(NOTEBOOKS), "--strict"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("stem", LESSONS[1:])
def test_every_lesson_after_start_here_has_solutions(stem):
    assert (NOTEBOOKS / "solutions" / f"{stem}.ipynb").exists()


def _documents():
    docs = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted(NOTEBOOKS.glob("*.md"))
    docs += sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))
    return docs


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_links_resolve(doc):
    broken = []
    for m in LINK.finditer(_markdown(doc)):
        target = m.group(1) or m.group(2)
        if re.match(r"^[a-z]+:", target) or target.startswith("mailto:"):
            continue
        file_part, _, anchor = target.partition("#")
        dest = (doc.parent / file_part).resolve() if file_part else doc
        if not dest.exists():
            broken.append(target)
        elif anchor and dest.suffix in (".md", ".ipynb") and anchor not in _anchors(dest):
            broken.append(target)
    assert not broken, f"{doc.name}: broken links {broken}"


@pytest.mark.parametrize("stem", LESSONS[:LAST])
def test_each_lesson_links_to_the_next(stem):
    nxt = LESSONS[LESSONS.index(stem) + 1]
    assert f"{nxt}.ipynb" in _markdown(NOTEBOOKS / f"{stem}.ipynb")


@pytest.mark.parametrize("stem", LESSONS)
def test_each_lesson_title_matches_the_registry(stem):
    item = lesson(stem)
    first = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"][0]
    title = "".join(first["source"]).splitlines()[0]
    assert title == f"# {item.number} · {item.title}", f"{stem}: title {title!r} does not match the registry"


# Any mention of a lesson file, anywhere a learner or instructor reads or the
# package points, must name a lesson that exists in the registry.
LESSON_FILE = re.compile(r"(?<![\w/.-])(\d\d_[a-z][a-z0-9_]*)\.(?:ipynb|html)")
SLUG_CALL = re.compile(r"""\blesson(?:_link)?\(\s*["']([a-z0-9_]+)["']""")
KNOWN = set(LESSONS) | {"00_course_guard"}


def _reference_sources():
    for pattern in ("README.md", "docs/*.md", "notebooks/*.md", "notebooks/*.ipynb", "notebooks/solutions/*.ipynb",
                    "notebooks/exercises/*.ipynb", "imbalance_lab/**/*.py", "imbalance_lab/**/*.ipynb", "tools/*.py"):
        yield from ROOT.glob(pattern)


def test_no_reference_to_a_lesson_that_does_not_exist():
    bad = []
    for path in _reference_sources():
        text = path.read_text(encoding="utf-8")
        bad += [f"{path.relative_to(ROOT)}: {m}" for m in LESSON_FILE.findall(text) if m not in KNOWN]
        slugs = {item.slug for item in all_lessons()}
        bad += [f"{path.relative_to(ROOT)}: lesson({m!r})" for m in SLUG_CALL.findall(text) if m not in slugs]
    assert not bad, "references to lessons that the registry does not have:\n" + "\n".join(sorted(set(bad)))


def test_the_reference_check_can_fail(tmp_path):
    text = "See [lesson 07](07_medical_case.ipynb) and lesson('no_such_lesson')."
    assert LESSON_FILE.findall(text) == ["07_medical_case"] and "07_medical_case" not in KNOWN
    assert SLUG_CALL.findall(text) == ["no_such_lesson"]
