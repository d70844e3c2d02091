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

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = [
    "00_start_here",
    "01_accuracy_trap",
    "02_detecting_imbalance",
    "03_metrics",
    "04_resampling",
    "05_class_weights",
    "06_thresholds_and_costs",
    "07_medical_case",
    "08_complete_pipeline",
    "09_when_not_to_resample",
    "10_calibration",
    "11_beyond",
    "12_key_takeaways",
]
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


@pytest.mark.parametrize("lesson", LESSONS[1:12])
def test_lessons_01_to_11_have_solutions(lesson):
    assert (NOTEBOOKS / "solutions" / f"{lesson}.ipynb").exists()


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


@pytest.mark.parametrize("lesson", LESSONS[:12])
def test_each_lesson_links_to_the_next(lesson):
    nxt = LESSONS[LESSONS.index(lesson) + 1]
    assert f"{nxt}.ipynb" in _markdown(NOTEBOOKS / f"{lesson}.ipynb")
