"""Your cohort through the course: the course's method applied to your data, as an executed notebook.

:func:`report` (and the command ``imbalance-lab report FILE --target COLUMN
--cost-fn C``) checks the data with the same errors as :func:`~imbalance_lab.audit`,
then executes the report template -- ``templates/report.ipynb``, a notebook in
this package that reads like a lesson -- on the data, and writes into one folder:

* ``report.ipynb``: the executed notebook, every step's code visible;
* ``report.html``: the same, converted offline (figures inline, no script or
  style sheet fetched from the network, code hidden);
* ``report.json``: the key numbers, for scripts and tests.

The template's sections, each linking the lesson that teaches it: 1 the audit;
2 a repeated stratified cross-validated comparison of four strategies (no
correction with a threshold from the costs, ``class_weight="balanced"``, the
sampler the audit recommends inside an imblearn pipeline, HistGradientBoosting
without balancing); 3 the calibration of each; 4 the threshold chosen by
cross-validation from the costs, with sensitivity, specificity, PPV and NPV and
their Wilson intervals; 5 the decision curve around it; 6 a paired comparison
of the two best strategies on the same patients; 7 a TRIPOD+AI item 13
paragraph; 8 versions, seeds and the command that regenerates the report.

The report holds counts, rates, curves and column names, never a patient's
row; every value that comes from the file (column names, labels) is escaped in
the HTML. Parameters reach the notebook as one cell of ``NAME = <literal>``
lines, written from validated plain values (``repr`` of str, int, float,
bool, None, and lists and dicts of them), never as other code.

The helpers below (:func:`clean_features`, :func:`html_table`,
:func:`lesson_reference`, :func:`audit_html`) are what the template calls for
its plumbing; the modelling itself is written out in the template with
scikit-learn's and imbalanced-learn's own classes.
"""
from __future__ import annotations

import html
import importlib.util
import json
import math
import os
import re
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ._validation import check_positive_int, check_seed
from .lessons import NOTEBOOK_DIR, lesson

__all__ = [
    "report",
    "ReportResult",
    "ReportError",
    "TEMPLATE",
    "HTML_TEMPLATE",
    "REPORT_FILES",
    "clean_features",
    "html_table",
    "lesson_reference",
    "audit_html",
]

_HERE = Path(__file__).resolve().parent
#: The report notebook template (a parameterised notebook inside the package).
TEMPLATE = _HERE / "templates" / "report.ipynb"
#: The folder holding the nbconvert template ``report_html`` (offline: no CDN scripts, no MathJax).
HTML_TEMPLATE = _HERE / "templates"
#: The files :func:`report` writes into its output folder.
REPORT_FILES = ("report.ipynb", "report.html", "report.json")

#: Rows with more than this many features are refused: the report is for tabular cohorts, not omics.
MAX_FEATURES = 500


class ReportError(RuntimeError):
    """The report notebook failed while running; the message names the section and the error."""


@dataclass(frozen=True)
class ReportResult:
    """What :func:`report` wrote.

    Attributes
    ----------
    folder : Path
        The output folder.
    notebook, html, json : Path
        The executed notebook, its HTML conversion and the key numbers.
    summary : dict
        The contents of ``report.json``.
    seconds : float
        Wall time of the run.
    """

    folder: Path
    notebook: Path
    html: Path
    json: Path
    summary: dict
    seconds: float

    def __repr__(self) -> str:
        return f"ReportResult(folder={str(self.folder)!r}, seconds={self.seconds:.0f})"


# ================================================================== helpers used by the template
def lesson_reference(slug: str, from_dir=None) -> str:
    """HTML naming the lesson that teaches a section, linked when the lessons can be found.

    The lesson is named through the registry (:mod:`imbalance_lab.lessons`).
    When the course's ``notebooks/`` folder sits next to this package (a clone
    of the course), the name links to the notebook, relative to ``from_dir``
    (the report's folder; default: the current folder), so the link works
    where the report is opened. A pip-installed package has no lessons beside
    it: then the lesson and its file are named, without a link.

    Examples
    --------
    >>> "Calibration" in lesson_reference("calibration")
    True
    """
    item = lesson(slug)
    label = html.escape(f"{item.label}")
    path = _HERE.parent / NOTEBOOK_DIR / item.filename
    if path.is_file():
        base = Path(from_dir) if from_dir is not None else Path.cwd()
        href = Path(os.path.relpath(path, base.resolve())).as_posix()
        return f'<a href="{html.escape(href)}">{label}</a>'
    return f"{label}, <code>{html.escape(item.filename)}</code> in the course"


def html_table(frame: pd.DataFrame, *, index: bool = False, digits: int = 3) -> str:
    """A DataFrame as an HTML table, every header and cell escaped (a column named ``<img ...>`` shows as text).

    Examples
    --------
    >>> html_table(pd.DataFrame({"<b>x</b>": [1.23456]}))[:40]
    '<table border="1" class="dataframe il-re'
    >>> "&lt;b&gt;x&lt;/b&gt;" in html_table(pd.DataFrame({"<b>x</b>": [1]}))
    True
    """
    return frame.to_html(
        index=index, escape=True, float_format=lambda v: f"{v:.{digits}f}", na_rep="—",
        classes="il-report", border=1,
    )


def audit_html(audit_report, from_dir=None) -> str:
    """The audit as HTML (escaped by :meth:`AuditReport.to_html`), with lesson links that work from ``from_dir``.

    Links to lessons that cannot be found (a pip-installed package has no
    ``notebooks/`` folder beside it) are replaced by the lesson's file name.
    """
    base = Path(from_dir) if from_dir is not None else Path.cwd()
    text = audit_report.to_html(link_dir=base)

    def _unlink(match):
        target = html.unescape(match.group(1))
        if (base / target).is_file():
            return match.group(0)
        return f"{match.group(2)} <code>({html.escape(Path(target).name)} in the course)</code>"

    return re.sub(r'<a href="([^"]*)">([^<]*)</a>', _unlink, text)


def clean_features(df: pd.DataFrame, audit_report) -> tuple[pd.DataFrame, np.ndarray, dict]:
    """Features and 0/1 outcome, prepared as the audit advises, with a record of every change.

    * rows whose target is missing are left out (the audit counted them);
    * ID-like, constant, date and outcome-like columns are dropped;
    * zeros that mean "not measured" become missing; numbers stored as text
      and placeholders such as ``"?"`` become numbers and missing values;
    * declared nominal columns, text columns and integer category codes
      become text categories (for one-hot encoding), missing ones left missing.

    Returns
    -------
    X : pandas.DataFrame
        Numeric columns as floats, then nominal columns as text (object).
    y : numpy.ndarray of int
        1 for the positive class, 0 otherwise.
    info : dict
        ``numeric``, ``nominal``, ``dropped`` (column -> reason), ``rows_without_target``,
        ``zeros_to_missing``, ``text_to_number``.
    """
    from .auditing import _find_label, _is_placeholder

    r = audit_report
    y_raw = df[r.target]
    missing_y = (y_raw.isna() | y_raw.map(_is_placeholder).astype(bool)).to_numpy()
    classes = list(r.class_counts)
    labels = y_raw[~missing_y].map(lambda v: _find_label(classes, v))
    y = (labels == r.pos_label).to_numpy(dtype=np.int64)

    dropped = {}
    for reason, columns in (
        ("identifier", r.id_like), ("constant", r.constant), ("date", r.dates),
        ("may be a consequence of the outcome", list(r.target_like)),
    ):
        for c in columns:
            dropped.setdefault(c, reason)
    by_name = {str(c): c for c in df.columns if c != r.target}
    nominal = [c for c in r.nominal_features if c not in dropped]
    nominal += [c for c in r.coded if c not in dropped and c not in nominal]
    numeric = [c for c in r.numeric_features if c not in dropped and c not in nominal]

    rows = df.loc[~missing_y]
    columns = {}
    text_to_number = []
    for c in numeric:
        values = rows[by_name[c]]
        if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
            text = values.astype("string").str.strip()
            if c in r.decimal_comma:
                text = text.str.replace(",", ".", regex=False)
            values = pd.to_numeric(text.mask(text.map(_is_placeholder, na_action="ignore").fillna(False)),
                                   errors="coerce")
            text_to_number.append(c)
        values = values.astype(float)
        values = values.mask(~np.isfinite(values))
        if c in r.zeros_as_missing:
            values = values.mask(values == 0)
        columns[c] = values.to_numpy()
    for c in nominal:
        values = rows[by_name[c]]
        present = values.notna() & ~values.map(_is_placeholder, na_action="ignore").fillna(False).astype(bool)
        as_text = values.map(lambda v: str(int(v)) if isinstance(v, float) and float(v).is_integer() else str(v),
                             na_action="ignore")
        columns[c] = as_text.where(present, np.nan).astype(object).to_numpy()
    X = pd.DataFrame(columns, index=pd.RangeIndex(int((~missing_y).sum())))
    for c in nominal:
        X[c] = X[c].astype(object)
    info = {
        "numeric": numeric,
        "nominal": nominal,
        "dropped": dropped,
        "rows_without_target": int(missing_y.sum()),
        "zeros_to_missing": [c for c in r.zeros_as_missing if c in numeric],
        "text_to_number": text_to_number,
    }
    return X, y, info


# ================================================================== the run
def _missing_packages() -> list[str]:
    return [name for name in ("nbclient", "nbconvert", "nbformat", "ipykernel") if importlib.util.find_spec(name) is None]


def _check_positive_number(value, name: str) -> float:
    from numbers import Real

    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number (the cost of one such error, e.g. {name}=10); got {value!r}.")
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(
            f"{name} must be a positive finite number (what one such error costs, in any unit); got {value!r}."
        )
    return value


def _literal(value):
    """Check that a parameter is a plain literal whose repr is valid Python, and return it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"parameter value {value!r} is not finite")
        return value
    if isinstance(value, (list, tuple)):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _literal(v) for k, v in value.items()}
    raise TypeError(f"parameter value {value!r} ({type(value).__name__}) is not a plain literal")


def _as_literal_label(value):
    """The positive label as given, as a plain literal (the kernel's audit matches it by value or by text)."""
    if isinstance(value, np.generic):
        value = value.item()
    return value if value is None or isinstance(value, (bool, int, float, str)) else str(value)


def _parameter_cell(params: dict):
    import nbformat

    lines = ["# Parameters of this run, written by imbalance_lab.report"]
    for name, value in params.items():
        if not name.isidentifier() or not name.isupper():
            raise ValueError(f"bad parameter name {name!r}")
        value = _literal(value)
        text = repr(value)
        if _literal(eval(text, {"__builtins__": {}}, {})) != value:  # noqa: S307 - checks our own repr of a literal
            raise ValueError(f"parameter {name} does not round-trip: {text}")
        lines.append(f"{name} = {text}")
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    return cell


def _heading(cell) -> str | None:
    if cell.cell_type != "markdown":
        return None
    for line in cell.source.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return None


class _Progress:
    """A one-line text progress bar on stderr (a new line per step when stderr is not a terminal)."""

    def __init__(self, total: int, stream=None):
        self.total, self.stream = total, stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.perf_counter()

    def __call__(self, done: int, what: str) -> None:
        width = 24
        filled = int(width * done / self.total)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {time.perf_counter() - self.start:5.0f} s  {what}"
        if self.tty:
            self.stream.write("\r" + line[:100].ljust(100))
            if done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _execute(nb, folder: Path, timeout: int, progress) -> None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
    )
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    section = "starting the kernel"
    done = 0
    if progress:
        progress(0, section)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            section = _heading(cell) or section
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as exc:
                name = getattr(exc, "ename", "") or "error"
                value = getattr(exc, "evalue", "") or str(exc).strip().splitlines()[-1]
                raise ReportError(f"the report stopped in section {section!r}: {name}: {value}") from None
            done += 1
            if progress:
                progress(done, section)
    assert done == len(code_cells)


def _to_html(nb) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_template_basedirs=[str(HTML_TEMPLATE)], template_name="report_html",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "Imbalance report"}})
    return body


def _command_line(source: str, target: str, pos_label, cost_fn, cost_fp, out, options: dict) -> str:
    parts = ["imbalance-lab", "report", source, "--target", target]
    if pos_label is not None:
        parts += ["--pos-label", str(pos_label)]
    parts += ["--cost-fn", f"{cost_fn:g}", "--cost-fp", f"{cost_fp:g}", "--out", str(out)]
    for flag, value in options.items():
        if value is not None:
            parts += [flag, str(value)]
    return " ".join(shlex.quote(p) for p in parts)


def report(
    data,
    *,
    target: str,
    pos_label=None,
    cost_fn,
    cost_fp=1.0,
    out="imbalance_report",
    nominal=None,
    n_splits: int = 5,
    n_repeats: int = 5,
    random_state: int = 42,
    max_cv_rows: int = 20_000,
    n_bootstrap: int = 1000,
    n_jobs: int = 1,
    sep=None,
    decimal=None,
    encoding=None,
    sheet=0,
    timeout: int = 3600,
    progress=None,
    command: str | None = None,
) -> ReportResult:
    """Apply the course's method to a cohort and write an executed notebook and an HTML report.

    Parameters
    ----------
    data : pandas.DataFrame, str or path-like
        The cohort, one row per patient, with the target column; a path is
        read with :func:`~imbalance_lab.read_table` (``sep``, ``decimal``,
        ``encoding``, ``sheet`` passed on). A frame is not modified.
    target : str
        Name of the class label column.
    pos_label : label, optional
        The positive ("sick") class; inferred as the audit infers it (1 of
        0/1 labels, else the smaller of two classes). Required when the target
        has more than two classes: the report then compares that class
        against the rest.
    cost_fn, cost_fp : float
        What a missed positive and a false alarm cost, in any common unit
        (only their ratio matters): ``cost_fn=10, cost_fp=1`` says a missed
        case is ten times worse than an unnecessary work-up.
    out : str or path-like, default "imbalance_report"
        Folder to write ``report.ipynb``, ``report.html`` and ``report.json``
        into (created; earlier report files in it are replaced).
    nominal : list of str or str, optional
        Integer columns that are category codes (as for the audit).
    n_splits, n_repeats : int, default 5 and 5
        Repeated stratified cross-validation of the comparison.
    random_state : int, default 42
        The one seed every split, sampler, model and bootstrap derives from.
    max_cv_rows : int, default 20000
        Above this many rows the comparison (sections 2, 3 and 6) is
        cross-validated on a stratified sample of this size, and the chosen
        threshold and its metrics (sections 4 and 5) on all rows; the report
        says so.
    n_bootstrap : int, default 1000
        Resamples of the paired bootstrap in section 6.
    n_jobs : int, default 1
        Processes for the cross-validation fits (-1: all cores).
    timeout : int, default 3600
        Seconds any one cell may run.
    progress : callable or bool, optional
        ``True`` prints a text progress bar on stderr; a callable is called
        as ``progress(done, section)`` after each cell.
    command : str, optional
        The command line to record in the report (the command line tool
        passes it); default: the equivalent ``imbalance-lab report`` command.

    Returns
    -------
    ReportResult
        Paths of the files written and the key numbers (``summary``).

    Raises
    ------
    FileNotFoundError, TableReadError, KeyError, ValueError, TypeError
        The audit's errors for a bad file, target, label or option, raised
        before anything is written.
    ReportError
        When the notebook fails while running (the partial notebook is kept
        as ``report.ipynb`` to show where).
    ImportError
        When nbclient, nbconvert or ipykernel is missing.

    Examples
    --------
    >>> from imbalance_lab.datasets import load_clinical_data
    >>> result = report(load_clinical_data(), target="diagnosis", cost_fn=10, out="clinical_report")  # doctest: +SKIP
    >>> result.summary["threshold"]["chosen"]  # doctest: +SKIP
    0.08...
    """
    from .auditing import audit, read_table

    started = time.perf_counter()
    # ------------------------------------------------------------ options
    cost_fn = _check_positive_number(cost_fn, "cost_fn")
    cost_fp = _check_positive_number(cost_fp, "cost_fp")
    n_splits = check_positive_int(n_splits, "n_splits", minimum=2)
    n_repeats = check_positive_int(n_repeats, "n_repeats", minimum=1)
    random_state = check_seed(random_state)
    max_cv_rows = check_positive_int(max_cv_rows, "max_cv_rows", minimum=200)
    n_bootstrap = check_positive_int(n_bootstrap, "n_bootstrap", minimum=0)
    timeout = check_positive_int(timeout, "timeout", minimum=10)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0:
        raise TypeError(f"n_jobs must be a whole number of processes (1, 2, ... or -1 for all cores); got {n_jobs!r}.")
    if not isinstance(out, (str, PathLike)) or not str(out):
        raise TypeError(f"out must be a folder path, e.g. out='my_report'; got {out!r}.")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"out={str(out)!r} is a file; give a folder for the report's files.")
    missing = _missing_packages()
    if missing:
        raise ImportError(
            f"the report needs {', '.join(missing)} to run and convert its notebook: "
            f"pip install 'imbalance-lab[report]' (or: pip install {' '.join(missing)})"
        )

    # ------------------------------------------------------------ data and audit (the audit's errors)
    read_options = {}
    if isinstance(data, (str, PathLike)) and str(data) != "-":
        path = Path(data)
        frame = read_table(path, sep=sep, decimal=decimal, encoding=encoding, sheet=sheet)
        source = str(path)
        data_path, data_format = str(path.resolve()), "table"
        read_options = {k: v for k, v in (("sep", sep), ("decimal", decimal), ("encoding", encoding)) if v is not None}
        if sheet not in (0, None):
            read_options["sheet"] = sheet
    elif isinstance(data, (str, PathLike)):
        frame = read_table("-", sep=sep, decimal=decimal, encoding=encoding)
        source, data_path, data_format = "-", None, "pickle"
    elif isinstance(data, pd.DataFrame):
        frame, source, data_path, data_format = data, None, None, "pickle"
    else:
        raise TypeError(
            f"report needs a pandas DataFrame or a path to a data file; got {type(data).__name__}. "
            "Read a file with imbalance_lab.read_table(path) first, or pass its path."
        )
    if not isinstance(target, str) or not target:
        raise TypeError(f"target must be the name of the label column, e.g. target='diagnosis'; got {target!r}.")
    audit_report = audit(frame, target=target, pos_label=pos_label, nominal=nominal)
    if audit_report.pos_label is None:
        raise ValueError(
            f"target column {target!r} has {audit_report.n_classes} classes "
            f"({', '.join(map(repr, audit_report.class_counts))}); the report compares strategies for one positive "
            "class against the rest: name it with pos_label= (--pos-label)."
        )
    X, y, info = clean_features(frame, audit_report)
    n_pos, n_neg = int(y.sum()), int((1 - y).sum())
    need = 2 * n_splits
    if min(n_pos, n_neg) < need:
        small, count = (audit_report.pos_label, n_pos) if n_pos < n_neg else ("the other classes", n_neg)
        raise ValueError(
            f"the report needs at least {need} rows of each class for {n_splits}-fold cross-validation with a "
            f"threshold tuned inside each fold; {small!r} has {count}. With so few cases no strategy can be "
            "compared reliably: collect more, or lower n_splits (--splits) to at least 2."
        )
    if X.shape[1] == 0:
        raise ValueError(
            f"no feature column is left to model {target!r} with (dropped: "
            f"{', '.join(f'{c} ({why})' for c, why in info['dropped'].items()) or 'none'})."
        )
    if X.shape[1] > MAX_FEATURES:
        raise ValueError(
            f"{X.shape[1]} feature columns: the report is for tabular cohorts of up to {MAX_FEATURES} columns; "
            "select the candidate predictors first."
        )
    if nominal is not None and isinstance(nominal, str):
        nominal = [c.strip() for c in nominal.split(",") if c.strip()]
    nominal = [str(c) for c in (nominal or [])]

    # ------------------------------------------------------------ the notebook
    import nbformat

    options = {"--sep": sep, "--decimal": decimal, "--encoding": encoding,
               "--sheet": sheet if sheet not in (0, None) else None}
    if nominal:
        options["--nominal"] = ",".join(nominal)
    if n_splits != 5:
        options["--splits"] = n_splits
    if n_repeats != 5:
        options["--repeats"] = n_repeats
    if random_state != 42:
        options["--seed"] = random_state
    if max_cv_rows != 20_000:
        options["--max-cv-rows"] = max_cv_rows
    if command is None:
        command = (
            _command_line(source, target, pos_label, cost_fn, cost_fp, out, options) if source is not None
            else f"imbalance_lab.report(df, target={target!r}, pos_label={pos_label!r}, cost_fn={cost_fn:g}, "
                 f"cost_fp={cost_fp:g}, out={str(out)!r}, n_splits={n_splits}, n_repeats={n_repeats}, "
                 f"random_state={random_state}) on a DataFrame"
        )
    nb = nbformat.read(TEMPLATE, as_version=4)
    where = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if where is None:
        raise ReportError(f"the template {TEMPLATE} has no cell tagged 'parameters'")
    with tempfile.TemporaryDirectory(prefix="imbalance-report-") as tmp:
        if data_format == "pickle":
            data_path = str(Path(tmp) / "data.pkl")
            frame.to_pickle(data_path)
        params = {
            "DATA_PATH": data_path,
            "DATA_FORMAT": data_format,
            "READ_OPTIONS": read_options,
            "SOURCE_NAME": Path(source).name if source not in (None, "-") else (
                "standard input" if source == "-" else "a DataFrame passed to imbalance_lab.report"),
            "TARGET": target,
            "POS_LABEL": _as_literal_label(pos_label),
            "NOMINAL": nominal,
            "COST_FN": cost_fn,
            "COST_FP": cost_fp,
            "N_SPLITS": n_splits,
            "N_REPEATS": n_repeats,
            "RANDOM_STATE": random_state,
            "MAX_CV_ROWS": max_cv_rows,
            "N_BOOTSTRAP": n_bootstrap,
            "N_JOBS": int(n_jobs),
            "COMMAND": command,
        }
        nb.cells.insert(where + 1, _parameter_cell(params))
        folder.mkdir(parents=True, exist_ok=True)
        for name in REPORT_FILES:
            (folder / name).unlink(missing_ok=True)
        if progress is True:
            progress = _Progress(sum(c.cell_type == "code" for c in nb.cells))
        try:
            _execute(nb, folder, timeout, progress or None)
        finally:
            if data_format == "pickle":
                # the temporary copy of the data is gone after the run: point the notebook at its origin
                nb.cells[where + 1].source = nb.cells[where + 1].source.replace(
                    f"DATA_PATH = {data_path!r}", "DATA_PATH = None  # the data came from Python; set a path to re-run"
                )
            nbformat.write(nb, folder / "report.ipynb")
    (folder / "report.html").write_text(_to_html(nb), encoding="utf-8")
    summary = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return ReportResult(
        folder=folder, notebook=folder / "report.ipynb", html=folder / "report.html",
        json=folder / "report.json", summary=summary, seconds=time.perf_counter() - started,
    )
