"""Every code block of notebooks/cheat_sheet.md runs, so the sheet cannot go stale.

The sheet marks each fenced block with its role in the info string:

* ``python setup`` -- run first, in every namespace (the small data set);
* ``python current`` -- must run with FutureWarning/DeprecationWarning as errors;
* ``python old raises=Error`` -- must raise ``Error`` (a builtin exception name);
* ``python old warns=Warning`` -- must emit ``Warning``;
* ``python old misleads`` -- must run; its asserts show what it really does.

A python block without one of these roles fails the structure tests.
"""
from __future__ import annotations

import builtins
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

SHEET = Path(__file__).resolve().parent.parent / "notebooks" / "cheat_sheet.md"
FENCE = re.compile(r"^```(\S*)[ \t]*(.*?)\s*$")
ROLE = re.compile(r"^(setup|current|old(?: (?:raises|warns)=[A-Za-z]+| misleads))$")


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the opening fence
    section: str  # the ### heading above the block
    lang: str
    info: str
    code: str

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.section.lower()).strip("-")[:40]
        return f"L{self.line}-{slug}"


def parse(text: str) -> list[Block]:
    blocks, section, lines = [], "(top)", text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("### "):
            section = line[4:].strip()
        m = FENCE.match(line)
        if m:
            start, lang, info = i + 1, m.group(1), m.group(2)
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise AssertionError(f"cheat_sheet.md line {start}: code block is never closed")
            blocks.append(Block(start, section, lang, info, "\n".join(body) + "\n"))
        i += 1
    return blocks


BLOCKS = parse(SHEET.read_text(encoding="utf-8"))
PYTHON = [b for b in BLOCKS if b.lang == "python"]
SETUP = [b for b in PYTHON if b.info == "setup"]
CURRENT = [b for b in PYTHON if b.info == "current"]
OLD = [b for b in PYTHON if b.info.startswith("old")]


def namespace() -> dict:
    """A fresh namespace holding what the setup blocks define."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    ns: dict = {"__name__": "cheat_sheet"}
    for block in SETUP:
        exec(compile(block.code, f"cheat_sheet.md:{block.line}", "exec"), ns)
    return ns


def run(block: Block, ns: dict) -> None:
    exec(compile(block.code, f"cheat_sheet.md:{block.line}", "exec"), ns)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# --- structure ------------------------------------------------------------------------


def test_every_code_block_is_python_with_a_role():
    assert BLOCKS, "no code blocks found in cheat_sheet.md"
    for block in BLOCKS:
        assert block.lang == "python", f"line {block.line}: code block is not marked python"
        assert ROLE.match(block.info), (
            f"line {block.line}: info string {block.info!r} is not one of 'setup', 'current', "
            "'old raises=Error', 'old warns=Warning', 'old misleads'"
        )


def test_one_setup_block_and_many_entries():
    assert len(SETUP) == 1
    assert len(CURRENT) >= 20 and len(OLD) >= 20


def test_every_old_idiom_has_a_current_form_in_its_section():
    current_sections = {b.section for b in CURRENT}
    for block in OLD:
        assert block.section in current_sections, f"line {block.line}: '{block.section}' has no current form"
    # and the old form comes first, so a reader meets the fix after the problem
    for section in {b.section for b in OLD}:
        first_old = min(b.line for b in OLD if b.section == section)
        first_current = min(b.line for b in CURRENT if b.section == section)
        assert first_old < first_current, f"'{section}': the current form precedes the old one"


def test_curriculum_idioms_are_covered():
    text = SHEET.read_text(encoding="utf-8")
    for needle in [
        "imblearn.pipeline", "fit_sample", "ratio=", "n_jobs", "base_estimator=", "sampling_strategy=1 / 3",
        'categorical_features="auto"', "k_neighbors", 'sampling_strategy="all", replacement=True, bootstrap=False',
        "RUSBoostClassifier(algorithm", "FixedThresholdClassifier", "TunedThresholdClassifierCV",
        "needs_proba=True", 'response_method="predict_proba"', 'cv="prefit"', "FrozenEstimator",
        "curve_kwargs=", "plot_chance_level=True", 'penalty="l2"', "l1_ratio", "classes=np.unique(y_train), y=",
        "seaborn-v0_8-whitegrid",
    ]:
        assert needle in text, f"cheat sheet lacks {needle!r}"


# --- execution ------------------------------------------------------------------------


@pytest.mark.parametrize("block", CURRENT, ids=lambda b: b.id)
def test_current_form_runs_without_deprecations(block):
    ns = namespace()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        warnings.simplefilter("error", DeprecationWarning)
        run(block, ns)


@pytest.mark.parametrize("block", OLD, ids=lambda b: b.id)
def test_old_idiom_fails_as_documented(block):
    ns = namespace()
    kind, _, name = block.info.removeprefix("old ").partition("=")
    if kind == "misleads":
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            warnings.simplefilter("error", DeprecationWarning)
            run(block, ns)
        return
    expected = getattr(builtins, name, None)
    assert isinstance(expected, type) and issubclass(expected, BaseException), f"{name} is not a builtin exception"
    if kind == "raises":
        with pytest.raises(expected):
            run(block, ns)
    else:
        with pytest.warns(expected):
            run(block, ns)


def test_parser_rejects_an_unclosed_block():
    with pytest.raises(AssertionError, match="never closed"):
        parse("### x\n```python current\nprint(1)\n")


def test_parser_keeps_roles_and_sections():
    blocks = parse("### A\n```python old raises=TypeError\nf(1)\n```\n\n```python current\ng()\n```\n")
    assert [(b.section, b.info, b.code) for b in blocks] == [
        ("A", "old raises=TypeError", "f(1)\n"),
        ("A", "current", "g()\n"),
    ]
