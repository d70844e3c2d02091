"""The lesson registry: every lesson's stable slug, its number and its file.

Lessons are referred to by slug (``"accuracy_trap"``, ``"calibration"``)
everywhere outside the notebooks themselves: the audit's and the report's
recommendations, the instructor guide, glossary links, exercise generation and
the tests. A lesson's number is its position in :data:`LESSONS`, and its file
name is ``NN_slug.ipynb``, so renumbering the course is a change to this one
table.

Examples
--------
>>> from imbalance_lab.lessons import lesson
>>> lesson("accuracy_trap").filename
'01_accuracy_trap.ipynb'
>>> lesson("accuracy_trap").number
'01'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LESSONS", "Lesson", "lesson", "lesson_link", "all_lessons"]

#: (slug, title), in teaching order; the position gives the lesson's number.
LESSONS: tuple[tuple[str, str], ...] = (
    ("start_here", "Start here"),
    ("accuracy_trap", "The accuracy trap"),
    ("detecting_imbalance", "Detecting imbalance"),
    ("metrics", "Metrics that see the minority"),
    ("roc_and_pr", "ROC and precision-recall curves"),
    ("resampling", "Resampling: changing what the model trains on"),
    ("resampling_in_pipelines", "Resampling without leakage: pipelines and honest scores"),
    ("class_weights", "Class weights: making a missed patient cost more"),
    ("thresholds_and_costs", "Thresholds and costs"),
    ("tuning_thresholds", "Tuning the threshold from costs"),
    ("plausible_patients", "The medical case: target ratios and plausible patients"),
    ("intervals_and_subtypes", "The medical case: honest intervals and subtypes"),
    ("complete_pipeline", "The complete pipeline"),
    ("when_not_to_resample", "When not to resample"),
    ("calibration", "Calibration: the hidden cost of rebalancing"),
    ("beyond", "Beyond: ensembles, prevalence shift and reporting"),
    ("key_takeaways", "Key takeaways"),
)

#: The folder the lessons live in, relative to the project root.
NOTEBOOK_DIR = "notebooks"


@dataclass(frozen=True)
class Lesson:
    """One lesson: its slug, two-digit number, title and notebook file name."""

    slug: str
    number: str
    title: str

    @property
    def filename(self) -> str:
        """The notebook's file name, such as ``'03_metrics.ipynb'``."""
        return f"{self.number}_{self.slug}.ipynb"

    @property
    def stem(self) -> str:
        """The file name without extension, such as ``'03_metrics'``."""
        return f"{self.number}_{self.slug}"

    @property
    def label(self) -> str:
        """How prose names the lesson: ``'lesson 03 (Metrics that see the minority)'``."""
        return f"lesson {self.number} ({self.title})"


def all_lessons() -> list[Lesson]:
    """Every lesson, in teaching order."""
    return [Lesson(slug, f"{i:02d}", title) for i, (slug, title) in enumerate(LESSONS)]


def lesson(ref: str) -> Lesson:
    """Look a lesson up by slug (``"calibration"``) or by file stem (``"10_calibration"``).

    Raises
    ------
    KeyError
        With the known slugs, when no lesson has that name.
    """
    for item in all_lessons():
        if ref in (item.slug, item.stem, item.filename):
            return item
    known = ", ".join(slug for slug, _ in LESSONS)
    raise KeyError(f"No lesson is called {ref!r}. Known lessons: {known}.")


def lesson_link(ref: str, *, from_dir: str | os.PathLike | None = None, root: str | os.PathLike | None = None) -> str:
    """A relative link to a lesson notebook.

    Parameters
    ----------
    ref : str
        A slug or file stem, as for :func:`lesson`.
    from_dir : path-like, optional
        The folder the link is written from. ``None`` means the notebooks
        folder itself, so the link is the bare file name.
    root : path-like, optional
        The project root that ``notebooks/`` sits in; defaults to the folder
        above this package.

    Examples
    --------
    >>> lesson_link("metrics")
    '03_metrics.ipynb'
    """
    item = lesson(ref)
    if from_dir is None:
        return item.filename
    root = Path(root) if root is not None else Path(__file__).resolve().parent.parent
    target = (root / NOTEBOOK_DIR / item.filename).resolve()
    return Path(os.path.relpath(target, Path(from_dir).resolve())).as_posix()
