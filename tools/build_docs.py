"""Build the course as a static HTML site that reads offline ('make docs').

Usage: python tools/build_docs.py [--out _build/html]

Pages, from the stored outputs (nothing is re-executed):

* every lesson of the lesson registry (``imbalance_lab.lessons``), in its
  order: ``notebooks/NN_slug.ipynb`` -> ``NN_slug.html``, figures embedded;
* its solutions and exercises, ``notebooks/solutions/NN_slug.ipynb`` and
  ``notebooks/exercises/NN_slug.ipynb`` -> ``solutions/NN_slug.html`` and
  ``exercises/NN_slug.html``;
* ``notebooks/*.md`` (glossary, cheat sheet) -> ``glossary.html`` ...;
* ``docs/*.md`` (instructor guide, benchmarks, contributing) -> ``docs/*.html``,
  ``README.md`` and the data cards ``data/*.md`` likewise;
* ``index.html``: the lessons in order, then the reference pages.

Links between pages are rewritten (``03_metrics.ipynb`` -> ``03_metrics.html``,
``glossary.md#smote`` -> ``glossary.html#smote``); a link to another file of the
repository (a CSV, a module) gets a copy of that file in the site. The pages
load nothing from the network: the nbconvert 'lab' template is used without
require.js, MathJax, Mermaid or the widget manager (which all come from a CDN);
CSS and images are inlined; simple TeX is turned into HTML and anything else
stays readable as TeX source; an interactive explorer is shown as a snapshot
of its stored state (controls, readout and figure) with a note to open the
notebook in JupyterLab to move it.
"""
from __future__ import annotations

import argparse
import base64
import html
import os
import posixpath
import re
import shutil
import sys
import time
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import jinja2
import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from imbalance_lab.lessons import all_lessons  # noqa: E402  (lesson numbers, order and file names)

LESSON = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
LINK_ATTR = re.compile(r"""(?P<attr>\b(?:href|src))=(?P<q>["'])(?P<url>[^"']*)(?P=q)""", re.I)

# The 'lab' template, minus everything it would fetch from a CDN.
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
nav.il-nav { font: 14px/1.6 var(--jp-ui-font-family, sans-serif); padding: 8px 16px;
  border-bottom: 1px solid #ddd; margin-bottom: 8px; }
nav.il-nav a { margin-right: 1.2em; }
.il-widget-snapshot { border: 1px solid #ccc; border-radius: 4px; padding: 8px 12px; }
.il-widget-note { color: #555; font-style: italic; font-size: 90%; }
.il-control { display: inline-block; margin-right: 1.5em; font-family: var(--jp-ui-font-family, sans-serif); }
.il-tex { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", serif; white-space: nowrap; }
.il-tex-block { display: block; text-align: center; margin: 0.6em 0; }
.alert { padding: 10px 14px; border-radius: 4px; margin: 8px 0; border: 1px solid transparent; }
.alert-info { background: #e7f3fe; border-color: #b6dcfb; }
.alert-warning { background: #fff8e1; border-color: #ffe08a; }
.alert-danger { background: #fdecea; border-color: #f5b7b1; }
.alert-success { background: #e8f5e9; border-color: #b2dfb4; }
</style>
{%- endblock html_head_css -%}
"""

INDEX_CSS = """
body { font: 16px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  max-width: 52em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; } td, th { padding: 6px 8px; border-bottom: 1px solid #eee;
  text-align: left; vertical-align: top; } .muted { color: #666; font-size: 90%; }
"""


# --- where each source file goes --------------------------------------------------------


def site_path(rel: PurePosixPath) -> PurePosixPath:
    """Path inside the site of the repository file ``rel`` (pages get .html)."""
    parts = rel.parts
    if parts and parts[0] == "notebooks":
        rel = PurePosixPath(*parts[1:])
    if rel.suffix in (".ipynb", ".md"):
        rel = rel.with_suffix(".html")
    return rel


def collect_pages(root: Path) -> list[PurePosixPath]:
    """Repository-relative paths of every source that becomes a page."""
    nb = root / "notebooks"
    names = [item.filename for item in all_lessons()]  # the registry's lessons, in teaching order
    pages: list[Path] = []
    pages += [nb / name for name in names if (nb / name).exists()]
    pages += sorted(nb.glob("*.md"))
    for sub in ("solutions", "exercises"):
        pages += [nb / sub / name for name in names if (nb / sub / name).exists()]
    pages += sorted((root / "docs").glob("*.md"))
    pages += sorted((root / "data").glob("*.md"))
    if (root / "README.md").exists():
        pages.append(root / "README.md")
    return [PurePosixPath(p.relative_to(root).as_posix()) for p in pages]


# --- notebook clean-up before export ----------------------------------------------------

_TEX_SYMBOLS = {
    r"\cdot": "·", r"\times": "×", r"\approx": "≈", r"\leq": "≤", r"\le": "≤", r"\geq": "≥", r"\ge": "≥",
    r"\neq": "≠", r"\pm": "±", r"\sum": "∑", r"\infty": "∞", r"\to": "→", r"\rightarrow": "→",
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\epsilon": "ε", r"\theta": "θ",
    r"\lambda": "λ", r"\mu": "μ", r"\pi": "π", r"\sigma": "σ", r"\tau": "τ", r"\phi": "φ", r"\hat": "",
    r"\quad": " ", r"\,": " ", r"\;": " ", r"\!": "", r"\left": "", r"\right": "", r"\mid": "|", r"\%": "%",
    r"\ldots": "…", r"\dots": "…", r"\in": "∈", r"\lvert": "|", r"\rvert": "|",
}
_BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"


def tex_to_html(tex: str) -> str | None:
    """HTML for simple TeX (fractions, sub/superscripts, Greek, operators); None when too complex."""
    s = html.escape(tex.strip(), quote=False)
    for _ in range(3):
        s = re.sub(r"\\[dt]?frac" + _BRACED + _BRACED, r"(\1)/(\2)", s)
        s = re.sub(r"\\sqrt" + _BRACED, r"√(\1)", s)
        s = re.sub(r"\\(?:text|mathrm|mathit|mathbf|operatorname|textrm|textit)" + _BRACED, r"\1", s)
    for name in sorted(_TEX_SYMBOLS, key=len, reverse=True):
        s = re.sub(re.escape(name) + r"(?![A-Za-z])", _TEX_SYMBOLS[name], s)
    for _ in range(2):
        s = re.sub(r"_" + _BRACED, r"<sub>\1</sub>", s)
        s = re.sub(r"\^" + _BRACED, r"<sup>\1</sup>", s)
    s = re.sub(r"_([A-Za-z0-9])", r"<sub>\1</sub>", s)
    s = re.sub(r"\^([A-Za-z0-9*])", r"<sup>\1</sup>", s)
    s = re.sub(r"\(([A-Za-z0-9.<>/]+)\)/\(([A-Za-z0-9.<>/]+)\)", r"\1/\2", s)  # (a)/(b) -> a/b for atoms
    if "\\" in s or "{" in s or "}" in s:
        return None
    return s


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")


def render_math(markdown: str, store: dict) -> str:
    """Replace $...$ and $$...$$ by placeholders for HTML (simple TeX) or code (the rest).

    The markdown renderer of nbconvert mangles inline HTML, so the HTML is kept
    in ``store`` under an alphanumeric placeholder and put back after export.
    """

    def keep(fragment: str) -> str:
        key = f"ilmath{len(store):05d}x"
        store[key] = fragment
        return key

    def block(m):
        out = tex_to_html(m.group(1))
        body = out if out is not None else f"<code>{html.escape(m.group(1).strip())}</code>"
        return "\n\n" + keep(f'<span class="il-tex il-tex-block">{body}</span>') + "\n\n"

    def inline(m):
        if not re.search(r"[\\^_={}]|^[A-Za-z]$", m.group(1)):
            return m.group(0)  # looks like money or prose, not maths
        out = tex_to_html(m.group(1))
        body = out if out is not None else f"<code>{html.escape(m.group(1))}</code>"
        return keep(f'<span class="il-tex">{body}</span>')

    # leave code spans and fenced code untouched
    pieces = re.split(r"(```.*?```|`[^`\n]*`)", markdown, flags=re.S)
    for i in range(0, len(pieces), 2):
        pieces[i] = _INLINE_MATH.sub(inline, _DISPLAY_MATH.sub(block, pieces[i]))
    return "".join(pieces)


def _widget_html(model_id: str, state: dict, depth: int = 0) -> str:
    model = state.get(model_id)
    if model is None or depth > 20:
        return ""
    name = model.get("model_name", "")
    st = model.get("state", {})
    if name.endswith("BoxModel") or "children" in st:
        kids = [c.removeprefix("IPY_MODEL_") for c in st.get("children", [])]
        inner = "".join(_widget_html(k, state, depth + 1) for k in kids)
        return f'<div class="il-box">{inner}</div>'
    if name == "OutputModel":
        return "".join(_output_html(o) for o in st.get("outputs", []))
    if name in ("HTMLModel", "HTMLMathModel"):
        return f"<div>{st.get('value', '')}</div>"
    if name == "LabelModel":
        return f"<div>{html.escape(str(st.get('value', '')))}</div>"
    if name == "ImageModel":  # an explorer's figure: its frame is the binary buffer at path ["value"]
        buf = next((b for b in model.get("buffers", []) if b.get("path") == ["value"]), None)
        if buf is None or buf.get("encoding", "base64") != "base64":
            return ""
        fmt = html.escape(str(st.get("format", "png")))
        return f'<img alt="figure" src="data:image/{fmt};base64,{buf["data"].strip()}"/>'
    label = html.escape(str(st.get("description", "") or ""))
    if "_options_labels" in st and "index" in st:  # Dropdown, SelectionSlider...: the chosen label
        labels, index = st["_options_labels"], st["index"]
        value = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""
        return f'<span class="il-control"><b>{label}</b> {html.escape(str(value))}</span>'
    if "value" in st:
        return f'<span class="il-control"><b>{label}</b> {html.escape(str(st["value"]))}</span>'
    return ""


def _output_html(out: dict) -> str:
    data = out.get("data", {})
    if "image/png" in data:
        png = data["image/png"]
        png = "".join(png) if isinstance(png, list) else png
        return f'<img alt="figure" src="data:image/png;base64,{png.strip()}"/>'
    if "text/html" in data:
        v = data["text/html"]
        return "".join(v) if isinstance(v, list) else v
    text = out.get("text") or data.get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else text
    return f"<pre>{html.escape(text)}</pre>" if text else ""


def snapshot_widgets(nb) -> int:
    """Replace widget views by a static snapshot of their stored state; return how many."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    n = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            inner = _widget_html(data[WIDGET_VIEW].get("model_id", ""), state)
            note = ('<p class="il-widget-note">Interactive explorer: this is its starting state. '
                    "Open the notebook in JupyterLab to move the controls.</p>")
            out["data"] = {"text/html": f'<div class="il-widget-snapshot">{note}{inner}</div>'}
            n += 1
    nb.metadata.pop("widgets", None)
    return n


def prepare(nb) -> dict:
    """Snapshot widgets and take the maths out of the markdown; return the placeholders."""
    store: dict = {}
    snapshot_widgets(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = render_math(cell.source, store)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                md = data["text/markdown"]
                data["text/markdown"] = render_math("".join(md) if isinstance(md, list) else md, store)
    return store


def restore_math(page: str, store: dict) -> str:
    if not store:
        return page
    return re.sub(r"ilmath\d{5}x", lambda m: store.get(m.group(0), m.group(0)), page)


# --- links ------------------------------------------------------------------------------


def rewrite_links(page_html: str, src: PurePosixPath, pages: dict, root: Path, copies: set) -> str:
    """Point links to sources at their pages; copy other linked repository files into the site."""
    here = site_path(src)

    def fix(m):
        url = html.unescape(m.group("url"))
        if not url or url.startswith("#") or EXTERNAL.match(url):
            return m.group(0)
        path, _, frag = url.partition("#")
        path = unquote(path.split("?")[0])
        target = PurePosixPath(posixpath.normpath(posixpath.join(str(src.parent), path)))
        if str(target).startswith(".."):
            return m.group(0)
        if target in pages:
            dest = site_path(target)
        elif (root / target).is_file():
            dest = target if target.parts[0] != "notebooks" else PurePosixPath(*target.parts[1:])
            copies.add((target, dest))
        elif (root / target).is_dir():
            dest = PurePosixPath("index.html")
            frag = frag or ("solutions" if target.name in ("solutions", "exercises") else "")
        else:
            return m.group(0)  # broken: left as written so the link check reports it
        new = posixpath.relpath(str(dest), str(here.parent) or ".")
        new = new + (f"#{frag}" if frag else "")
        return f'{m.group("attr")}={m.group("q")}{html.escape(new, quote=True)}{m.group("q")}'

    return LINK_ATTR.sub(fix, page_html)


def nav_html(src: PurePosixPath, pages: dict) -> str:
    here = site_path(src)
    items = [("Index", "index.html"), ("Glossary", "glossary.html"), ("Cheat sheet", "cheat_sheet.html"),
             ("Instructor guide", "docs/instructor_guide.html")]
    links = []
    for label, dest in items:
        if dest != "index.html" and not any(str(site_path(p)) == dest for p in pages):
            continue
        links.append(f'<a href="{posixpath.relpath(dest, str(here.parent) or ".")}">{label}</a>')
    return f'<nav class="il-nav">{"".join(links)}</nav>'


# --- pages ------------------------------------------------------------------------------


class OfflineHTMLExporter(HTMLExporter):
    """nbconvert's HTML exporter, minus two costly passes that add nothing for our own notebooks.

    Highlighted code is not re-sanitised with bleach (it is pygments' output of
    the course's own code), and the final BeautifulSoup pass, which only adds
    ``alt`` text and ``tabindex`` attributes, is done with two regular
    expressions. Together they took about two thirds of the build time.
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        page = re.sub(r"<img(?![^>]*\balt=)", '<img alt="figure"', page)
        page = re.sub(r'<div class="([^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*)"(?![^>]*tabindex)',
                      r'<div class="\1" tabindex="0"', page)
        return page, resources


def make_exporter() -> HTMLExporter:
    loader = jinja2.DictLoader({"il_offline.html.j2": OFFLINE_TEMPLATE})
    exporter = OfflineHTMLExporter(template_name="lab", extra_loaders=[loader], embed_images=True)
    exporter.template_file = "il_offline.html.j2"
    exporter.register_filter("clean_html", lambda text: text)
    return exporter


def notebook_of(src: PurePosixPath, root: Path):
    path = root / src
    if src.suffix == ".ipynb":
        return nbformat.read(path, as_version=4)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(path.read_text(encoding="utf-8"))]
    return nb


def title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return re.sub(r"[*`]", "", m.group(1)).strip()
    return fallback


def time_of(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"\*\*Time\*\*\s*:?\s*(.+)", cell.source)
            if m:
                return re.sub(r"[*`]", "", m.group(1)).strip()
    return ""


def index_html(entries: list[dict], root: Path) -> str:
    lessons = [e for e in entries if e["kind"] == "lesson"]
    rows = []
    for e in lessons:
        extra = []
        for kind in ("exercises", "solutions"):
            if any(x["kind"] == kind and x["src"].name == e["src"].name for x in entries):
                extra.append(f'<a href="{kind}/{e["out"].name}">{kind}</a>')
        rows.append(
            f'<tr><td><a href="{e["out"]}">{html.escape(e["title"])}</a></td>'
            f'<td class="muted">{html.escape(e["time"])}</td><td>{" · ".join(extra)}</td></tr>'
        )
    first = ["notebooks/glossary.md", "notebooks/cheat_sheet.md", "docs/instructor_guide.md", "docs/benchmarks.md"]
    ref = sorted((e for e in entries if e["kind"] == "reference"),
                 key=lambda e: (first.index(str(e["src"])) if str(e["src"]) in first else len(first),
                                str(e["src"]).startswith("data/"), str(e["src"])))
    refs = "".join(f'<li><a href="{e["out"]}">{html.escape(e["title"])}</a></li>' for e in ref)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>imbalance-lab: the course</title><style>{INDEX_CSS}</style></head>
<body>
<h1>imbalance-lab</h1>
<p>A hands-on course on detecting, measuring and handling class imbalance in (medical) machine learning.
This site is a read-only copy of the lessons with their stored outputs; to run the code and move the
explorers, open the notebooks in JupyterLab (<code>make lab</code>).</p>
<h2 id="lessons">Lessons</h2>
<table><thead><tr><th>lesson</th><th>time</th><th id="solutions">exercises</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2 id="reference">Reference</h2>
<ul>{refs}</ul>
</body></html>
"""


def build(out: Path, root: Path = ROOT, quiet: bool = False) -> list[Path]:
    """Build the site into ``out``; return the pages written."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    sources = collect_pages(root)
    pages = {s: site_path(s) for s in sources}
    exporter = make_exporter()
    copies: set = set()
    entries, written = [], []
    for src in sources:
        nb = notebook_of(src, root)
        title = title_of(nb, src.stem.replace("_", " "))
        maths = prepare(nb)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        body = restore_math(body, maths)
        body = body.replace("<main>", "<main>\n" + nav_html(src, pages), 1)
        body = rewrite_links(body, src, pages, root, copies)
        dest = out / pages[src]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(body, encoding="utf-8")
        written.append(dest)
        parts = src.parts
        kind = ("lesson" if parts[0] == "notebooks" and len(parts) == 2 and src.suffix == ".ipynb"
                else parts[1] if parts[0] == "notebooks" and len(parts) == 3 else "reference")
        entries.append({"src": src, "out": pages[src], "title": title, "time": time_of(nb), "kind": kind})
    for target, dest in sorted(copies):
        (out / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / target, out / dest)
    (out / "index.html").write_text(index_html(entries, root), encoding="utf-8")
    written.append(out / "index.html")
    if not quiet:
        print(f"{len(written)} pages and {len(copies)} linked files in {out} "
              f"({time.perf_counter() - start:.1f} s)")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "html")
    args = ap.parse_args(argv)
    build(args.out)
    print(f"open {(args.out / 'index.html').resolve().as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
