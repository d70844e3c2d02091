"""The offline HTML site and the documents around the lessons.

The site: every lesson has a page, every internal link resolves, nothing loads
from the network. It is built once (from the stored outputs, nothing
re-executed) into a temporary folder; 'make docs' builds the same thing into
_build/html. Lessons, their order and file names come from the lesson registry
(imbalance_lab.lessons), and so do the README's lesson table and the
instructor guide's generated blocks, which are checked here too.
"""
from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import nbformat
import pytest

from imbalance_lab.lessons import all_lessons

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_docs", ROOT / "tools" / "build_docs.py")
bd = importlib.util.module_from_spec(_spec)
sys.modules["build_docs"] = bd
_spec.loader.exec_module(bd)

LESSONS = [ROOT / "notebooks" / item.filename for item in all_lessons()]
HREF = re.compile(r"""\b(href|src)=["']([^"']*)["']""", re.I)
ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""", re.I)
GLOSSARY_TERMS = (
    "prevalence imbalance-ratio minority-class sensitivity specificity ppv npv precision recall accuracy "
    "balanced-accuracy f1-score g-mean roc-auc pr-auc average-precision confusion-matrix threshold "
    "class-weight resampling undersampling oversampling smote data-leakage pipeline stratification "
    "cross-validation calibration brier-score prior-correction cost-sensitive-learning net-benefit "
    "decision-curve prevalence-shift confidence-interval bootstrap"
).split()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    bd.build(out, quiet=True)
    return out


def _pages(site):
    return sorted(site.rglob("*.html"))


def _ids(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        text = page.read_text(encoding="utf-8")
        cache[page] = {html.unescape(i) for i in ID.findall(text)} | {unquote(html.unescape(i)) for i in ID.findall(text)}
    return cache[page]


def test_every_lesson_has_a_page_and_index_lists_them_in_order(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    positions = []
    assert all(p.exists() for p in LESSONS), "a lesson of the registry has no notebook"
    for lesson in LESSONS:
        assert (site / f"{lesson.stem}.html").is_file(), f"no page for {lesson.name}"
        assert f'href="{lesson.stem}.html"' in index, f"index does not link {lesson.name}"
        positions.append(index.index(f'href="{lesson.stem}.html"'))
    assert positions == sorted(positions), "index lists the lessons out of order"


def test_reference_pages_exist(site):
    assert (site / "glossary.html").is_file()
    for md in ("cheat_sheet.md",):
        if (ROOT / "notebooks" / md).exists():
            assert (site / md.replace(".md", ".html")).is_file()
    for md in (ROOT / "docs").glob("*.md"):
        assert (site / "docs" / f"{md.stem}.html").is_file()
    for sub in ("solutions", "exercises"):
        for item in all_lessons()[1:]:
            assert (site / sub / f"{item.stem}.html").is_file(), f"no {sub} page for {item.filename}"


def test_glossary_page_has_every_term(site):
    ids = _ids(site / "glossary.html", {})
    assert [t for t in GLOSSARY_TERMS if t not in ids] == []


def test_every_internal_link_resolves(site):
    cache: dict = {}
    broken = []
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for attr, raw in HREF.findall(text):
            url = html.unescape(raw)
            if not url or bd.EXTERNAL.match(url):
                continue
            path, _, frag = url.partition("#")
            target = page if not path else (page.parent / unquote(path)).resolve()
            where = page.relative_to(site)
            if not target.is_file():
                broken.append(f"{where}: {url} (no such file)")
                continue
            if not target.is_relative_to(site.resolve()) and target != page:
                broken.append(f"{where}: {url} (outside the site)")
            if frag and target.suffix == ".html":
                ids = _ids(target, cache)
                if frag not in ids and unquote(frag) not in ids:
                    broken.append(f"{where}: {url} (no anchor #{frag})")
    assert broken == [], "\n".join(broken)


def test_lesson_links_to_glossary_use_known_terms(site):
    """A lesson that links glossary.md#x gets a link to glossary.html#x, and x is a term of the glossary."""
    terms = _ids(site / "glossary.html", {})
    for lesson in LESSONS:
        text = (site / f"{lesson.stem}.html").read_text(encoding="utf-8")
        for frag in re.findall(r'href="glossary\.html#([^"]+)"', text):
            assert frag in terms, f"{lesson.name} links to an unknown term #{frag}"
        stale = re.findall(r'href="(?!https?:)([^"]*\.ipynb(?:#[^"]*)?)"', text)
        assert stale == [], f"{lesson.name}: links still point to notebooks: {stale}"


def test_pages_load_nothing_from_the_network(site):
    remote = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    offenders = [str(p.relative_to(site)) for p in _pages(site) if remote.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# --- pieces of the builder, on small inputs --------------------------------------------


def test_site_paths():
    assert bd.site_path(PurePosixPath("notebooks/03_metrics.ipynb")) == PurePosixPath("03_metrics.html")
    assert bd.site_path(PurePosixPath("notebooks/solutions/03_metrics.ipynb")) == PurePosixPath("solutions/03_metrics.html")
    assert bd.site_path(PurePosixPath("notebooks/glossary.md")) == PurePosixPath("glossary.html")
    assert bd.site_path(PurePosixPath("docs/instructor_guide.md")) == PurePosixPath("docs/instructor_guide.html")


def test_links_are_rewritten_between_pages(tmp_path):
    pages = {PurePosixPath(p): bd.site_path(PurePosixPath(p)) for p in
             ("notebooks/03_metrics.ipynb", "notebooks/glossary.md", "notebooks/solutions/03_metrics.ipynb",
              "docs/instructor_guide.md")}
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("a\n1\n")
    copies: set = set()
    src = PurePosixPath("notebooks/solutions/03_metrics.ipynb")
    page = ('<a href="../03_metrics.ipynb#Key-points">l</a> <a href="../glossary.md#smote">g</a> '
            '<a href="../../data/x.csv">d</a> <a href="https://example.org/a.ipynb">e</a> <a href="#top">t</a> '
            '<a href="../missing.ipynb">m</a>')
    out = bd.rewrite_links(page, src, pages, tmp_path, copies)
    assert 'href="../03_metrics.html#Key-points"' in out
    assert 'href="../glossary.html#smote"' in out
    assert 'href="../data/x.csv"' in out and copies == {(PurePosixPath("data/x.csv"), PurePosixPath("data/x.csv"))}
    assert 'href="https://example.org/a.ipynb"' in out and 'href="#top"' in out
    assert 'href="../missing.ipynb"' in out  # left for the link check to report
    guide = bd.rewrite_links('<a href="../notebooks/03_metrics.ipynb">x</a>', PurePosixPath("docs/instructor_guide.md"),
                             pages, tmp_path, set())
    assert 'href="../03_metrics.html"' in guide


@pytest.mark.parametrize("tex, expected", [
    (r"p^* = \frac{c_{FP}}{c_{FP}+c_{FN}}", "p<sup>*</sup> = (c<sub>FP</sub>)/(c<sub>FP</sub>+c<sub>FN</sub>)"),
    (r"\sqrt{a \cdot b}", "√(a · b)"),
    (r"\pi_s", "π<sub>s</sub>"),
    (r"\begin{cases} 1 \end{cases}", None),
])
def test_simple_tex_becomes_html(tex, expected):
    assert bd.tex_to_html(tex) == expected


def test_money_is_not_maths():
    store: dict = {}
    assert bd.render_math("costs $5 and $10 a test", store) == "costs $5 and $10 a test" and store == {}
    out = bd.render_math("odds $\\pi/(1-\\pi)$ and `$x_1$` in code", store)
    assert "`$x_1$`" in out and len(store) == 1


def test_widget_output_becomes_a_snapshot():
    nb = nbformat.v4.new_notebook()
    state = {
        "box": {"model_name": "VBoxModel",
                "state": {"children": ["IPY_MODEL_d", "IPY_MODEL_s", "IPY_MODEL_r", "IPY_MODEL_o"]}},
        "d": {"model_name": "DropdownModel",
              "state": {"description": "sampler", "_options_labels": ["SMOTE", "RandomOverSampler"], "index": 1}},
        "s": {"model_name": "FloatSliderModel", "state": {"description": "prevalence", "value": 0.05}},
        "r": {"model_name": "HTMLModel", "state": {"value": "<b>accuracy 0.95</b>"}},
        "o": {"model_name": "OutputModel", "state": {"outputs": [
            {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}]}},
    }
    nb.metadata["widgets"] = {bd.WIDGET_STATE: {"state": state}}
    cell = nbformat.v4.new_code_cell("explorer")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        bd.WIDGET_VIEW: {"model_id": "box", "version_major": 2, "version_minor": 0}, "text/plain": "Explorer(...)"})]
    nb.cells = [cell]
    assert bd.snapshot_widgets(nb) == 1
    snap = cell.outputs[0]["data"]["text/html"]
    assert "prevalence</b> 0.05" in snap and "<b>accuracy 0.95</b>" in snap
    assert "sampler</b> RandomOverSampler" in snap
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in snap and "JupyterLab" in snap
    assert "widgets" not in nb.metadata


# --- the instructor guide's generated blocks and hand-written parts -----------------------

_tl_spec = importlib.util.spec_from_file_location("time_lessons", ROOT / "tools" / "time_lessons.py")
tl = importlib.util.module_from_spec(_tl_spec)
sys.modules["time_lessons"] = tl
_tl_spec.loader.exec_module(tl)
GUIDE = ROOT / "docs" / "instructor_guide.md"
GUIDE_PARTS = ("**Key message.**", "**Cut when running late.**", "**Questions learners ask.**",
               "**Where learners stumble.**")


def _block(text, name):
    m = re.search(rf"<!-- {re.escape(name)}:start -->\n(.*?)<!-- {re.escape(name)}:end -->", text, re.S)
    return m.group(1).rstrip("\n") if m else None


@pytest.mark.parametrize("item", all_lessons(), ids=lambda item: item.stem)
def test_instructor_guide_block_matches_the_lesson(item):
    """The guide's block for a lesson is what 'make timings' generates from it now (run it when this fails)."""
    got = _block(GUIDE.read_text(encoding="utf-8"), f"lesson:{item.slug}")
    assert got is not None, f"docs/instructor_guide.md has no block <!-- lesson:{item.slug}:start -->"
    assert got == tl.lesson_block(tl.lesson_time(item)), "stale: run 'make timings'"
    assert got.startswith(f"### {item.number} · {item.title}\n")


def test_instructor_guide_lists_the_registry_lessons_in_order():
    text = GUIDE.read_text(encoding="utf-8")
    starts = [m.group(1) for m in re.finditer(r"<!-- lesson:([a-z0-9_]+):start -->", text)]
    assert starts == [item.slug for item in all_lessons()]
    table = _block(text, "lessons")
    assert table == tl.lessons_block(tl.all_times()), "stale: run 'make timings'"
    rows = re.findall(r"^\| (\d\d) \| \[[^\]]+\]\(\.\./notebooks/([^)]+)\)", table, re.M)
    assert rows == [(item.number, item.filename) for item in all_lessons()]
    for name in ("model", "before-after"):
        assert _block(text, name) is not None, f"no <!-- {name} --> block"
    assert _block(text, "model") == tl.model_block() and _block(text, "before-after") == tl.before_after_block(
        tl.all_times()), "stale: run 'make timings'"


@pytest.mark.parametrize("item", all_lessons(), ids=lambda item: item.stem)
def test_instructor_guide_has_the_four_parts_for_each_lesson(item):
    """Key message, what to cut, questions with answers, where learners stumble: after the lesson's block."""
    text = GUIDE.read_text(encoding="utf-8")
    after = text.split(f"<!-- lesson:{item.slug}:end -->", 1)[1]
    section = re.split(r"<!-- lesson:[a-z0-9_]+:start -->", after, maxsplit=1)[0]
    positions = [section.find(part) for part in GUIDE_PARTS]
    assert -1 not in positions, f"{item.stem}: missing {[p for p, i in zip(GUIDE_PARTS, positions) if i < 0]}"
    assert positions == sorted(positions)
    key = section.split(GUIDE_PARTS[0], 1)[1].split(GUIDE_PARTS[1], 1)[0].strip()
    assert key.count(". ") == 0 and key.endswith("."), f"{item.stem}: the key message is one sentence"
    questions = section.split(GUIDE_PARTS[2], 1)[1].split(GUIDE_PARTS[3], 1)[0]
    bullets = [b for b in re.split(r"^- ", questions, flags=re.M)[1:]]
    asked = [m.groups() for b in bullets if (m := re.match(r"\*(.+?\?)\* (.+)", b.strip(), re.S))]
    assert len(asked) >= 2 and all(len(answer) > 20 for _, answer in asked), \
        f"{item.stem}: at least two questions, each '- *Question?* answer'"


def test_instructor_guide_prose_names_no_lesson_number():
    """Outside the generated blocks, lessons are named by title, so a renumbering changes only generated text."""
    text = re.sub(r"<!-- ([a-z:_-]+):start -->.*?<!-- \1:end -->", "", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    assert re.findall(r"\blessons? \d\d\b|\d\d_[a-z_]+\.ipynb", text) == []


def test_time_line_and_objectives_are_parsed():
    md = ("# 03 · Metrics\n\n**Questions**\n- why?\n\n**Learning objectives**\n\n- Use [F1](glossary.md#f1-score).\n"
          "- Read a PR curve,\n  against the prevalence.\n\n**Time**: teaching 30 min · exercises 20 min\n")
    assert tl.minutes_of(md) == (30, 20)
    assert tl.objectives_of(md) == ["Use [F1](glossary.md#f1-score).", "Read a PR curve, against the prevalence."]
    assert tl.relink("[F1](glossary.md#f1-score) [x](https://a.org) [y](#z)") == \
        "[F1](../notebooks/glossary.md#f1-score) [x](https://a.org) [y](#z)"
    assert tl.minutes_of("no time line") == (None, None)


# --- the README's lesson table ------------------------------------------------------------


def test_readme_lesson_table_lists_exactly_the_registry_lessons():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The lessons", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d\d) \| \[([^\]]+)\]\(notebooks/([^)]+)\) \| (.+) \|$", section, re.M)
    assert [(n, f) for n, _, f, _ in rows] == [(item.number, item.filename) for item in all_lessons()]
    for (_, title, _, computed), item in zip(rows, all_lessons()):
        assert title.lower() == item.title.lower(), f"{item.stem}: README says {title!r}"
        assert len(computed.split()) >= 4, f"{item.stem}: say what the lesson computes"
