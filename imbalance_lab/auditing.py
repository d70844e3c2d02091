"""An imbalance audit of a data set: the course's decision guide, applied to your table.

:func:`audit` reads a DataFrame (or a file) and its target column and returns
an :class:`AuditReport`: class counts and shares, the imbalance ratio and its
band, what the minority count allows (test and cross-validation fold counts,
events per variable, the width of a sensitivity interval), missing values and
how they differ by class, zeros that probably mean "not measured", integer
columns that are probably category codes, columns that leak the outcome or
group rows by patient, and recommendations in the course's order, each
pointing to the lesson that teaches it. :func:`read_table` reads the files a
hospital exports (any common delimiter, decimal commas, compressed files,
UTF-16, Excel, standard input). The command ``imbalance-lab audit FILE
--target COLUMN`` prints the same report.

The audit only reads: it never changes the DataFrame it is given, rows whose
target is missing are counted and reported, not dropped, and the report holds
counts, rates and column names, never a patient's row.
"""
from __future__ import annotations

import codecs
import csv
import html
import importlib.util
import io
import json
import math
import re
import sys
import warnings
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from .datasets import CLINICAL_BOUNDS
from .lessons import NOTEBOOK_DIR, lesson
from .metrics import BANDS, imbalance_band

__all__ = [
    "AuditReport",
    "Recommendation",
    "TableReadError",
    "audit",
    "read_table",
    "SMOTE_MIN_ROWS",
    "INTERPOLATION_MIN_ROWS",
    "SMALL_SAMPLE_ROWS",
]

#: SMOTE with its default ``k_neighbors=5`` needs each minority class to have at least 6 rows.
SMOTE_MIN_ROWS = 6
#: Below about 10 minority rows, interpolating between them is not meaningful (lesson on when not to resample).
INTERPOLATION_MIN_ROWS = 10
#: Below about 100 minority rows, the audit spells out what the sample allows for validation.
SMALL_SAMPLE_ROWS = 100
#: Share of rows in a held-out test split, and folds of cross-validation, used for the expected counts.
TEST_FRACTION, CV_FOLDS = 0.2, 5
#: The sensitivity used to illustrate the width of an interval at the expected test count.
EXAMPLE_SENSITIVITY = 0.8
#: A column missing in at least this share of rows is "mostly missing".
MOSTLY_MISSING = 0.5
#: Integer columns with at most this many distinct values (beyond 0/1) are possible category codes.
MAX_CODES = 10

#: Text cells that stand for a missing value in exported clinical tables.
_PLACEHOLDERS = frozenset({"", "?", "-", "na", "n/a", "nan", "null", "none", "missing", "#n/a"})
_ID_NAME = re.compile(
    r"(^|[_\s.-])(id|uuid|guid|mrn)$|^(id|uuid|mrn)([_\s.-]|$)"
    r"|^(patient|record|subject|sample|case|person|encounter|visit|admission)[_\s.-]?(no|nr|num|number|key|code)$"
    r"|^(patient|subject|pseudonym|pseudo[_\s.-]?id)$",
    re.IGNORECASE,
)
_DATE_TEXT = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?$"
)
# Measurements for which 0 is not a possible value: matched inside the column name
# (letters and digits only), and short names matched as whole words.
_PHYSIOLOGICAL = (
    "bloodpressure", "systolic", "diastolic", "trestbps", "bmi", "glucose", "insulin", "skinthickness",
    "triceps", "cholesterol", "heartrate", "pulse", "thalach", "hba1c", "creatinine", "weight", "height",
    "temperature", "spo2", "haemoglobin", "hemoglobin",
)
_PHYSIOLOGICAL_WORDS = frozenset({"bp", "sbp", "dbp", "map", "hr", "chol", "skin", "glu", "temp"})
# Words that make a matching name a treatment or a count, where 0 is a real value ("insulin_dose_iu").
_NOT_A_MEASUREMENT = frozenset({"dose", "dosage", "iu", "units", "count", "n", "number", "days", "therapy",
                                "treatment", "given", "change", "delta", "diff"})
# Text that looks like a record or patient number: letters and digits, no spaces, a run of at least four
# digits ('P0153', 'K-22914'); diagnosis codes such as 'I21.4' or '410.71' have shorter runs and stay features.
_CODE_TEXT = re.compile(r"^(?=.*\d{4})[A-Za-z0-9][A-Za-z0-9_/.-]*$")


# ================================================================== reading files
class TableReadError(ValueError):
    """A file or buffer that cannot be read as a table; the message says what to do."""


_SEP_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|", "\\t": "\t"}
_SNIFF_BYTES = 1 << 16
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"), (b"PK\x03\x04", "zip"))


def _check_sep(sep):
    if sep is None:
        return None
    if not isinstance(sep, str) or not sep:
        raise TableReadError(f"sep must be one character such as ';' or '\\t' (a tab); got {sep!r}.")
    text = _SEP_NAMES.get(sep.lower(), sep)
    if len(text) != 1:
        raise TableReadError(
            f"sep must be one character such as ',', ';', '|' or '\\t' (a tab); got {sep!r}."
        )
    return text


def _check_decimal(decimal):
    if decimal is None or decimal in (".", ","):
        return decimal
    raise TableReadError(f"decimal must be '.' or ','; got {decimal!r}.")


def _source_bytes(source):
    """(name for messages, Path or BytesIO) of a path, '-' (standard input) or an open file."""
    if isinstance(source, str) and source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        return "standard input", io.BytesIO(data)
    if isinstance(source, (str, PathLike)):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"no file at {source}")
        if path.is_dir():
            raise TableReadError(f"{source} is a folder, not a data file")
        if not path.is_file():  # a pipe such as /dev/stdin: read it once, whole
            with path.open("rb") as fh:
                return path.name, io.BytesIO(fh.read())
        return path.name, path
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return str(getattr(source, "name", "the buffer")), io.BytesIO(data)
    raise TypeError(
        f"read_table needs a path, '-' for standard input, or an open file; got {type(source).__name__}."
    )


def _open(src, mode="rb"):
    return src.open(mode) if isinstance(src, Path) else _Unclosed(src)


class _Unclosed:
    """A context manager that rewinds an in-memory buffer instead of closing it."""

    def __init__(self, buffer):
        self.buffer = buffer

    def __enter__(self):
        self.buffer.seek(0)
        return self.buffer

    def __exit__(self, *exc):
        self.buffer.seek(0)


def _kind(name: str, src) -> tuple[str, str | None]:
    """('csv'|'excel', compression) from the first bytes (the file name decides nothing)."""
    import zipfile

    with _open(src) as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableReadError(
            f"{name} is an old Excel .xls workbook (or another binary file): save it as .xlsx or CSV first"
        )
    compression = next((kind for prefix, kind in _MAGIC if magic.startswith(prefix)), None)
    if compression != "zip":
        return "csv", compression
    try:
        with _open(src) as fh, zipfile.ZipFile(fh) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except zipfile.BadZipFile:
        raise TableReadError(
            f"{name} is neither a text CSV file nor a readable archive or Excel workbook (damaged zip content)"
        ) from None
    if "[Content_Types].xml" in members and any(m.startswith("xl/") for m in members):
        return "excel", None
    if len(members) != 1:
        raise TableReadError(
            f"{name} is a zip archive holding {len(members)} files ({', '.join(members[:5])}): "
            "unzip it and read one CSV file"
        )
    return "csv", "zip"


def _head(src, compression) -> tuple[bytes, bool]:
    """The first 64 KiB of the (decompressed) text, and whether the text is longer."""
    import bz2
    import gzip
    import lzma
    import zipfile

    with _open(src) as raw:
        if compression == "zip":
            with zipfile.ZipFile(raw) as archive, archive.open(archive.namelist()[-1]) as fh:
                head = fh.read(_SNIFF_BYTES + 1)
        elif compression is None:
            head = raw.read(_SNIFF_BYTES + 1)
        else:
            opener = {"gzip": lambda f: gzip.GzipFile(fileobj=f), "bz2": bz2.BZ2File, "xz": lzma.LZMAFile}[compression]
            with opener(raw) as fh:
                head = fh.read(_SNIFF_BYTES + 1)
    return head[:_SNIFF_BYTES], len(head) > _SNIFF_BYTES


def _encoding(name: str, head: bytes, encoding) -> str:
    if encoding is not None:
        if not isinstance(encoding, str):
            raise TypeError(f"encoding must be a name such as 'utf-8' or 'latin-1'; got {encoding!r}.")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TableReadError(
                f"unknown encoding {encoding!r}; try --encoding utf-8 or --encoding latin-1"
            ) from None
        return encoding
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 8 and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
            return "utf-16-be"
        raise TableReadError(
            f"{name} is not a text CSV file (binary content); save it as CSV (or .xlsx) and read that"
        )
    return "utf-8"


def _where_undecodable(head: bytes, enc: str) -> str:
    """Where the first byte that ``enc`` cannot decode sits, as ' (line L, byte B of the file)'; '' when it lies
    beyond the sniffed head."""
    try:
        head.decode(enc)
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":  # not a character cut at the end of the head
            line = head[: exc.start].count(b"\n") + 1
            return f" (line {line}, byte {exc.start + 1} of the file)"
    return ""


def _sniff(text: str, truncated: bool, sep, decimal) -> tuple[str, str]:
    """The delimiter (comma, semicolon, tab or pipe) and the decimal mark of a CSV text."""
    lines = text.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    lines = [ln for ln in lines if ln.strip()][:100]
    if sep is None:
        best = None
        for candidate in (",", ";", "\t", "|"):
            counts = [len(row) for row in csv.reader(lines, delimiter=candidate)]
            if not counts or counts[0] < 2:
                continue
            body = counts[1:] or counts[:1]
            score = (sum(c == counts[0] for c in body) / len(body), counts[0])
            if best is None or score > best[0]:
                best = (score, candidate)
        sep = best[1] if best is not None and best[0][0] >= 0.5 else ","
    if decimal is None:
        decimal = "."
        if sep != ",":
            cells = [c.strip() for row in csv.reader(lines[1:], delimiter=sep) for c in row]
            commas = sum(bool(re.fullmatch(r"[-+]?\d*,\d+", c)) for c in cells)
            dots = sum(bool(re.fullmatch(r"[-+]?\d*\.\d+", c)) for c in cells)
            decimal = "," if commas > dots else "."
    return sep, decimal


def read_table(source, *, sep=None, decimal=None, encoding=None, sheet=0) -> pd.DataFrame:
    """Read a CSV (or Excel) file as exported by a hospital system.

    The delimiter (comma, semicolon, tab or pipe) and decimal commas are
    detected from the first 64 KiB; ``.gz``, ``.bz2``, ``.xz`` and
    single-file ``.zip`` files are decompressed (recognised by their content);
    byte-order marks and UTF-16 text are recognised; an ``.xlsx`` workbook is
    read with openpyxl. The rest is :func:`pandas.read_csv` with its defaults,
    so reading costs about what pandas costs.

    Parameters
    ----------
    source : str, path-like or file-like
        A path, ``"-"`` for standard input (read whole, nothing lost to the
        detection), or an open binary or text file.
    sep : str, optional
        The field separator; detected when omitted. ``"\\t"`` typed as two
        characters, ``"tab"``, ``"semicolon"``, ``"comma"`` and ``"pipe"`` are
        understood.
    decimal : {".", ","}, optional
        The decimal mark; detected when omitted (a comma only when the fields
        are not comma-separated).
    encoding : str, optional
        The text encoding; default UTF-8, or what a byte-order mark says.
    sheet : str or int, default 0
        The sheet of an Excel workbook.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    FileNotFoundError
        When there is no file at the path.
    TableReadError
        (a ``ValueError``) When the content is not a readable table: the
        message names the problem and the option that fixes it.

    Examples
    --------
    >>> import io
    >>> read_table(io.StringIO("age;bmi;y\\n61;27,5;0\\n70;31,2;1\\n"))
       age   bmi  y
    0   61  27.5  0
    1   70  31.2  1
    """
    sep, decimal = _check_sep(sep), _check_decimal(decimal)
    name, src = _source_bytes(source)
    kind, compression = _kind(name, src)
    if kind == "excel":
        return _read_excel(name, src, sheet)
    head, truncated = _head(src, compression)
    if not head.strip():
        raise TableReadError(f"{name} is empty: no header line and no rows")
    enc = _encoding(name, head, encoding)
    text = head.decode(enc, errors="ignore")
    sep, decimal = _sniff(text, truncated, sep, decimal)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            with _open(src) as fh:
                frame = pd.read_csv(
                    fh, sep=sep, decimal=decimal, encoding=enc, encoding_errors="strict",
                    compression=compression, low_memory=False,
                )
    except UnicodeDecodeError:
        raise TableReadError(
            f"{name} is not {enc} text{_where_undecodable(head, enc)}; pass its encoding, e.g. --encoding latin-1 "
            "(encoding='latin-1' in Python)"
        ) from None
    except pd.errors.EmptyDataError:
        raise TableReadError(f"{name} is empty: no header line and no rows") from None
    except pd.errors.ParserError as exc:
        detail = " ".join(str(exc).split())
        raise TableReadError(f"{name} is not a well-formed CSV file: {detail}") from None
    if frame.shape[1] == 1:
        only = str(frame.columns[0])
        for other in (";", "\t", "|", ","):
            if other != sep and other in only:
                shown = "'\\t'" if other == "\t" else repr(other)
                raise TableReadError(
                    f"{name} has a single column {only!r}: its fields look separated by {shown}; "
                    f"pass --sep {shown} (sep={shown} in Python)"
                )
    if frame.empty:
        raise TableReadError(f"{name} has a header line but no rows")
    return frame


def _read_excel(name: str, src, sheet) -> pd.DataFrame:
    if importlib.util.find_spec("openpyxl") is None:
        raise TableReadError(
            f"{name} is an Excel workbook; reading it needs openpyxl (pip install openpyxl), "
            "or save the sheet as CSV"
        )
    try:
        with _open(src) as fh:
            frame = pd.read_excel(fh, sheet_name=sheet, engine="openpyxl")
    except (ValueError, KeyError) as exc:
        raise TableReadError(f"{name}: cannot read sheet {sheet!r} ({exc})") from None
    if frame.empty:
        raise TableReadError(f"{name} (sheet {sheet!r}) has a header line but no rows")
    return frame


# ================================================================== the report
def _about(x: float) -> str:
    """A count rounded to one decimal, without a trailing '.0'."""
    return f"{x:.1f}".removesuffix(".0")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _notebook_path(slug: str) -> Path:
    return Path(__file__).resolve().parent.parent / NOTEBOOK_DIR / lesson(slug).filename


@dataclass(frozen=True)
class Recommendation:
    """One step of the audit's advice and the lesson that teaches it.

    Parameters
    ----------
    topic : str
        Short name of the step, e.g. ``"metrics"``.
    text : str
        What to do, in one or two sentences.
    lesson : str
        The lesson's slug in :mod:`imbalance_lab.lessons`, e.g. ``"metrics"``.
    """

    topic: str
    text: str
    lesson: str

    def __post_init__(self):
        if not all(isinstance(v, str) and v.strip() for v in (self.topic, self.text)):
            raise ValueError("a Recommendation needs a topic and text: non-empty strings.")
        try:
            slug = lesson(self.lesson).slug if isinstance(self.lesson, str) else None
        except KeyError:
            slug = None
        if slug != self.lesson:
            raise ValueError(
                f"lesson must be a lesson slug from imbalance_lab.lessons, such as 'metrics'; got {self.lesson!r}."
            )

    @property
    def filename(self) -> str:
        """The lesson notebook's file name, from the lesson registry."""
        return lesson(self.lesson).filename

    def link(self, from_dir=None) -> str:
        """A link to the lesson notebook that works from ``from_dir``.

        Relative to ``from_dir`` when given (the folder the report is written
        to); otherwise the notebook's absolute ``file://`` URI, which works
        wherever the report is read on this machine.
        """
        path = _notebook_path(self.lesson)
        if from_dir is None:
            return path.as_uri()
        import os

        return Path(os.path.relpath(path, Path(from_dir).resolve())).as_posix()


@dataclass(frozen=True)
class AuditReport:
    """What :func:`audit` found; ``str(report)`` is the readable report.

    In Jupyter the report displays as formatted tables. Every fact is an
    attribute; :meth:`to_dict` returns them as plain Python values,
    :meth:`to_json`, :meth:`to_text`, :meth:`to_markdown` and :meth:`to_html`
    render them. The report holds counts, rates and column names: never a
    row of the data.

    Attributes
    ----------
    target : str
        Name of the target column.
    n_rows, n_missing_target : int
        Rows in the frame, and rows whose target is missing (counted here and
        left out of the class counts, never dropped from your data).
    class_counts, class_shares : dict
        Label -> rows and share of the labelled rows, largest class first.
    pos_label : label or None
        The positive ("sick") class: the one given, 1 for 0/1 labels, True
        for booleans, otherwise the smaller of two classes; None for several
        classes unless one was given.
    pos_label_given : bool
        True when ``pos_label`` was passed rather than inferred.
    pos_label_is_majority : bool
        True when the positive class is the largest class.
    imbalance_ratio, imbalance_band, band_advice
        Largest / smallest class, its band (``"mild"``, ``"attention"``,
        ``"act"``) and the course's advice for it.
    minority_class, n_minority, minority_verdict
        The smallest class, its rows, and ``"too few"`` (below
        :data:`SMOTE_MIN_ROWS`), ``"few"`` (below :data:`INTERPOLATION_MIN_ROWS`),
        ``"small"`` (below :data:`SMALL_SAMPLE_ROWS`) or ``"enough"``.
    sample : dict
        What the minority count allows: expected minority rows in a 20 % test
        split and in 5-fold training and validation folds, events per
        variable, and a Wilson 95 % interval for a sensitivity measured on the
        expected test count.
    missing, placeholders, infinite : dict
        Feature column -> missing cells (placeholders such as ``"?"``
        included), the placeholders found, infinite values.
    missing_by_class : dict
        Column -> {label: share of that class's rows missing}, for every
        column with missing values (zeros that mean missing included).
    informative_missing, mostly_missing : list of str
        Columns whose missingness differs clearly between classes, and
        columns missing in at least half of the rows.
    zeros_as_missing : dict
        Column -> number of zeros that probably mean "not measured".
    coded : dict
        Integer column -> its few distinct values: probably category codes.
    nominal_declared : list of str
        Columns declared nominal with ``nominal=``.
    numeric_features, nominal_features : list of str
        Feature columns read as numbers and as categories.
    numeric_as_text, decimal_comma : list of str
        Numeric features stored as text, and those written with decimal commas.
    text_in_numbers : dict
        Numeric-as-text column -> how many of its entries are not numbers: ``entries``,
        ``distinct`` and ``limits`` (written like a detection limit, ``"<0.1"``). The
        entries themselves are never kept: free text can name a patient.
    label_variants : list of list
        Target labels that differ only in case or surrounding spaces.
    id_like, constant, dates : list of str
        Columns to drop (or, for dates, to question) before modelling.
    repeated_ids : dict
        ID column -> {"ids", "ids_repeated", "max_rows"}: several rows per patient.
    target_like : dict
        Column -> why it looks like a consequence of the outcome.
    sampler : str
        ``"SMOTE"``, ``"SMOTENC"`` or ``"SMOTEN"``, from the feature kinds.
    recommendations : list of Recommendation
        The advice, in the course's order.
    """

    target: str
    n_rows: int
    n_missing_target: int
    class_counts: dict
    class_shares: dict
    pos_label: object
    pos_label_given: bool
    pos_label_is_majority: bool
    imbalance_ratio: float
    imbalance_band: str
    band_advice: str
    minority_class: object
    n_minority: int
    minority_verdict: str
    sample: dict
    missing: dict
    placeholders: dict
    infinite: dict
    missing_by_class: dict
    informative_missing: list
    mostly_missing: list
    zeros_as_missing: dict
    coded: dict
    nominal_declared: list
    numeric_features: list
    nominal_features: list
    numeric_as_text: list
    decimal_comma: list
    text_in_numbers: dict
    label_variants: list
    id_like: list
    constant: list
    dates: list
    repeated_ids: dict
    target_like: dict
    sampler: str
    recommendations: list = field(default_factory=list)

    @property
    def n_classes(self) -> int:
        """Number of classes in the target."""
        return len(self.class_counts)

    @property
    def n_labelled(self) -> int:
        """Rows with a target value."""
        return self.n_rows - self.n_missing_target

    # ------------------------------------------------------------------ facts
    def to_dict(self, *, labels_as_text: bool = False) -> dict:
        """The facts as plain Python values.

        Labels stay as they are in the data, unless ``labels_as_text``: then
        every label (class-count keys, ``pos_label``, ``minority_class``...)
        is its text, as JSON needs, and ``label_type`` says what they were.
        """
        lab = (lambda v: v if v is None else str(v)) if labels_as_text else (lambda v: v)
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["class_counts"] = {lab(k): v for k, v in self.class_counts.items()}
        out["class_shares"] = {lab(k): v for k, v in self.class_shares.items()}
        out["pos_label"] = lab(self.pos_label)
        out["minority_class"] = lab(self.minority_class)
        out["missing_by_class"] = {
            c: {lab(k): v for k, v in rates.items()} for c, rates in self.missing_by_class.items()
        }
        out["label_variants"] = [[lab(v) for v in group] for group in self.label_variants]
        out["recommendations"] = [
            {"topic": r.topic, "text": r.text, "lesson": r.lesson, "file": r.filename}
            for r in self.recommendations
        ]
        out["n_classes"] = self.n_classes
        out["n_labelled"] = self.n_labelled
        out["label_type"] = type(next(iter(self.class_counts))).__name__
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The facts as JSON; every label is written as its text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(labels_as_text=True), indent=indent, ensure_ascii=False)

    # ------------------------------------------------------------------ wording
    def _class_rows(self) -> list[tuple[str, str, str, str]]:
        rows = []
        for label, count in self.class_counts.items():
            role = "positive" if self.pos_label is not None and label == self.pos_label else ""
            rows.append((str(label), f"{count:,}", f"{self.class_shares[label]:.1%}", role))
        return rows

    def _intro_lines(self) -> list[str]:
        lines = []
        if self.pos_label is None:
            lines.append(
                f"No positive class: {self.n_classes} classes; the smallest, {self.minority_class!r}, is the one "
                "the advice protects. Name a positive class with pos_label= (--pos-label) to get binary advice."
            )
        elif self.pos_label_given:
            lines.append(f"Positive class {self.pos_label!r}, as given.")
        else:
            how = "the 1 of 0/1 labels" if self.pos_label == 1 and not isinstance(self.pos_label, bool) else (
                "True of boolean labels" if self.pos_label is True else "the smaller class"
            )
            lines.append(
                f"Positive class {self.pos_label!r}, inferred ({how}); choose it with pos_label= "
                "(--pos-label on the command line)."
            )
        if self.pos_label_is_majority:
            lines.append(
                f"Warning: the positive class {self.pos_label!r} is the majority "
                f"({self.class_shares[self.pos_label]:.1%} of labelled rows). Sensitivity, PR-AUC and the advice "
                "below refer to the positive class: check that it is the class you want to find."
            )
        if self.n_missing_target:
            lines.append(
                f"{_plural(self.n_missing_target, 'row')} {'has' if self.n_missing_target == 1 else 'have'} no "
                "target value: counted here, left out of the class shares; label or remove them deliberately."
            )
        for group in self.label_variants:
            lines.append(
                f"Labels {', '.join(map(repr, group))} differ only in case or spaces: probably one class; "
                "unify them (e.g. .str.strip().str.lower()) and audit again."
            )
        return lines

    def _headline(self) -> str:
        return f"Imbalance ratio {self.imbalance_ratio:.1f}:1, band '{self.imbalance_band}': {self.band_advice}."

    def _sample_lines(self) -> list[str]:
        s, n = self.sample, self.n_minority
        first = f"Smallest class {self.minority_class!r}: {_plural(n, 'row')} ({self.minority_verdict})."
        if n < SMOTE_MIN_ROWS:
            first += (
                f" SMOTE with k_neighbors=5 needs at least {SMOTE_MIN_ROWS}: do not interpolate; use class "
                "weights or RandomOverSampler, and collect more cases."
            )
        elif n < INTERPOLATION_MIN_ROWS:
            first += (
                f" SMOTE runs (k_neighbors=5 needs {SMOTE_MIN_ROWS}), but under ~{INTERPOLATION_MIN_ROWS} rows "
                "interpolation is not meaningful: prefer class weights."
            )
        folds = (
            f"a {TEST_FRACTION:.0%} test split holds about {_about(s['expected_test'])} of them; {CV_FOLDS}-fold "
            f"cross-validation trains on about {_about(s['expected_train_fold'])} and validates on about "
            f"{_about(s['expected_validation_fold'])} per fold"
        )
        epv = (
            f"{s['events_per_variable']:.1f} events per variable with {_plural(s['n_features'], 'feature')}"
            + (" (a regression model wants 10 or more)" if s["events_per_variable"] < 10 else "")
            if s["n_features"] else "no features to count events per variable against"
        )
        ci = s["sensitivity_interval"]
        width = (
            f"a sensitivity measured on {_plural(ci['trials'], 'test positive')}, e.g. {ci['successes']} of {ci['trials']}, "
            f"has a Wilson 95 % interval of {ci['low']:.2f}-{ci['high']:.2f} (width {ci['width']:.2f})"
        )
        if n >= SMALL_SAMPLE_ROWS:
            return [first + f" Enough for most purposes: {folds}."]
        return [
            first,
            f"What {_plural(n, 'minority row')} {'allows' if n == 1 else 'allow'}: {folds}; {epv}; {width}.",
            "A single train/test split is too noisy at this size: validate with repeated stratified "
            "cross-validation or bootstrap validation, and report intervals.",
        ]

    def _data_lines(self) -> list[str]:
        lines = []
        if self.missing:
            listed = ", ".join(
                f"{c} {n:,}" + (f" (as {', '.join(map(repr, self.placeholders[c]))})" if c in self.placeholders else "")
                for c, n in self.missing.items()
            )
            lines.append(
                f"Missing values: {listed}. SMOTE cannot take missing values: impute inside the pipeline "
                "(SimpleImputer before the sampler); never drop those rows."
            )
        else:
            lines.append(
                "Missing values: none recorded in the features"
                + (" (but see the zeros below)." if self.zeros_as_missing else ".")
            )
        if self.zeros_as_missing:
            listed = ", ".join(f"{c} {_plural(n, 'zero')}" for c, n in self.zeros_as_missing.items())
            lines.append(
                f"Zeros that probably mean 'not measured': {listed}. A value of 0 is not physiological there: "
                "treat them as missing (replace 0 with NaN, then impute inside the pipeline)."
            )
        if self.missing_by_class:
            parts = []
            for c, rates in self.missing_by_class.items():
                shown = ", ".join(f"{rate:.1%} of {label!r}" for label, rate in rates.items())
                parts.append(f"{c} ({shown})" + (" <- differs by class" if c in self.informative_missing else ""))
            lines.append(f"Missing by class: {'; '.join(parts)}.")
        if self.informative_missing:
            lines.append(
                f"Informative missingness in {', '.join(self.informative_missing)}: whether a value was measured "
                "depends on the class, so the gap itself carries information. Keep every row; add a "
                "missing-indicator and impute inside the pipeline (SimpleImputer(add_indicator=True))."
            )
        if self.mostly_missing:
            lines.append(
                f"Mostly missing (at least {MOSTLY_MISSING:.0%} of rows): {', '.join(self.mostly_missing)}; drop "
                f"or question {'this column' if len(self.mostly_missing) == 1 else 'these columns'} (who gets "
                f"measured, and why?) rather than impute {'it' if len(self.mostly_missing) == 1 else 'them'}."
            )
        if self.infinite:
            listed = ", ".join(f"{c} {n:,}" for c, n in self.infinite.items())
            lines.append(f"Infinite values: {listed}; no model or sampler accepts them: fix them at the source.")
        if self.coded:
            listed = "; ".join(f"{c} ({', '.join(map(str, v))})" for c, v in self.coded.items())
            lines.append(
                f"Possible category codes (integers with few values): {listed}. SMOTE would invent codes between "
                "them (a 4.6 between 3 and 6): declare them with nominal= (--nominal), then use SMOTENC with "
                "those columns, or one-hot encode them."
            )
        lines.append(f"Numeric features ({len(self.numeric_features)}): {', '.join(self.numeric_features) or 'none'}.")
        lines.append(f"Nominal features ({len(self.nominal_features)}): {', '.join(self.nominal_features) or 'none'}.")
        for columns, advice in (
            (self.decimal_comma, "Numbers written with decimal commas: {}; read the file with decimal=',' (--decimal ',')."),
            (self.numeric_as_text, "Numbers stored as text: {}; convert them with pd.to_numeric after replacing the placeholders."),
        ):
            if columns:
                lines.append(advice.format(", ".join(columns)))
        for column, found in self.text_in_numbers.items():
            limits = (f", {found['limits']:,} of them written like detection limits ('<' or '>' and a number)"
                      if found["limits"] else "")
            lines.append(
                f"Column {column} holds text among its numbers: {_plural(found['entries'], 'entry', 'entries')} "
                f"({found['distinct']:,} distinct){limits}. Decide what each means (a detection limit? an error?) "
                "before converting; pd.to_numeric would make them missing."
            )
        if self.id_like:
            lines.append(f"ID-like columns (drop them, they identify rows, not patients' state): {', '.join(self.id_like)}.")
        for c, info in self.repeated_ids.items():
            lines.append(
                f"Repeated identifiers in {c}: {_plural(info['ids_repeated'], 'ID')} of {info['ids']:,} "
                f"{'has' if info['ids_repeated'] == 1 else 'have'} several rows (up to {info['max_rows']}): "
                "rows of one patient must stay in one fold: StratifiedGroupKFold."
            )
        if self.dates:
            lines.append(
                f"Date columns: {', '.join(self.dates)}; a date recorded after the outcome (discharge, death) leaks "
                "it: keep only what is known at prediction time, e.g. as intervals, and consider a split by time."
            )
        for c, why in self.target_like.items():
            lines.append(f"Column {c} may be a consequence of the outcome ({why}): check it, and drop it if so.")
        if self.constant:
            lines.append(f"Constant columns (drop them, they carry no information): {', '.join(self.constant)}.")
        return lines

    # ------------------------------------------------------------------ renderings
    def to_text(self) -> str:
        """The report as plain text (what ``imbalance-lab audit`` prints)."""
        lines = [
            f"Imbalance audit of target {self.target!r}: {_plural(self.n_rows, 'row')}, "
            f"{_plural(self.n_classes, 'class', 'classes')}"
        ]
        lines += [f"  {ln}" for ln in self._intro_lines()]
        rows = self._class_rows()
        width = max(len(r[0]) for r in rows)
        lines += ["", "Classes"]
        lines += [f"  {a:<{width}}  {b:>9}  {c:>6}  {d}".rstrip() for a, b, c, d in rows]
        lines += ["", self._headline()]
        lines += self._sample_lines()
        lines += ["", "Data"] + [f"  {ln}" for ln in self._data_lines()]
        lines += ["", "Recommendations"]
        lines += [
            f"  {i}. [{r.topic}] {r.text} (see {r.filename})" for i, r in enumerate(self.recommendations, 1)
        ]
        return "\n".join(lines)

    __str__ = to_text

    def to_markdown(self, link_dir=None) -> str:
        """The report as Markdown.

        Links to lessons are relative to ``link_dir`` (the folder the
        Markdown is saved in) when given, else absolute ``file://`` URIs.
        """
        md = [
            f"**Imbalance audit** of target `{self.target}`: {_plural(self.n_rows, 'row')}, "
            f"{_plural(self.n_classes, 'class', 'classes')}",
            "",
        ]
        md += [_md(ln) + "  " for ln in self._intro_lines()]
        md.append("\n| class | rows | share | |\n|---|---:|---:|---|")
        md += [f"| {_md(a)} | {b} | {c} | {d} |" for a, b, c, d in self._class_rows()]
        md.append("")
        md += [_md(ln) + "\n" for ln in [self._headline(), *self._sample_lines()]]
        md += [f"- {_md(ln)}" for ln in self._data_lines()]
        md.append("\n**Recommendations**\n")
        md += [
            f"{i}. **{_md(r.topic)}**: {_md(r.text)} → [{lesson(r.lesson).stem}]({r.link(link_dir)})"
            for i, r in enumerate(self.recommendations, 1)
        ]
        return "\n".join(md)

    def to_html(self, link_dir=None) -> str:
        """The report as an HTML fragment, every text escaped; links as in :meth:`to_markdown`."""
        e = html.escape
        parts = [
            '<div class="il-audit">',
            f"<p><strong>Imbalance audit</strong> of target <code>{e(self.target)}</code>: "
            f"{_plural(self.n_rows, 'row')}, {_plural(self.n_classes, 'class', 'classes')}</p>",
        ]
        parts += [f"<p>{e(ln)}</p>" for ln in self._intro_lines()]
        parts.append("<table><thead><tr><th>class</th><th>rows</th><th>share</th><th></th></tr></thead><tbody>")
        parts += [f"<tr><td>{e(a)}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in self._class_rows()]
        parts.append("</tbody></table>")
        parts.append("<p>" + "<br>".join(e(ln) for ln in [self._headline(), *self._sample_lines()]) + "</p>")
        parts.append("<ul>" + "".join(f"<li>{e(ln)}</li>" for ln in self._data_lines()) + "</ul>")
        parts.append("<p><strong>Recommendations</strong></p><ol>")
        parts += [
            f'<li><strong>{e(r.topic)}</strong>: {e(r.text)} → '
            f'<a href="{e(r.link(link_dir))}">{e(lesson(r.lesson).stem)}</a></li>'
            for r in self.recommendations
        ]
        parts.append("</ol></div>")
        return "\n".join(parts)

    def _repr_markdown_(self) -> str:
        return self.to_markdown(link_dir=Path.cwd())  # a notebook's links resolve from its folder

    def _repr_html_(self) -> str:
        return self.to_html(link_dir=Path.cwd())

    def __repr__(self) -> str:
        return (
            f"AuditReport(target={self.target!r}, n_rows={self.n_rows}, classes={self.class_counts!r}, "
            f"imbalance_ratio={self.imbalance_ratio:.2f}, imbalance_band={self.imbalance_band!r})"
        )


def _md(text: str) -> str:
    """Escape the characters that would turn plain text into Markdown markup."""
    return re.sub(r"([\\`*_|<>\[\]])", r"\\\1", text)


# ================================================================== column facts
def _is_placeholder(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in _PLACEHOLDERS


def _describe_column(values: pd.Series) -> dict:
    """Missing mask, placeholders, kind (numeric/nominal/date), parsed numbers and flags of one feature."""
    isna = values.isna().to_numpy()
    info = {"placeholders": [], "kind": "nominal", "as_text": False, "decimal_comma": False, "numbers": None}
    present = values[~isna]
    if pd.api.types.is_bool_dtype(values.dtype):
        non_missing = present
    elif pd.api.types.is_datetime64_any_dtype(values.dtype):
        info["kind"] = "date"
        non_missing = present
    elif pd.api.types.is_numeric_dtype(values.dtype):
        info["kind"] = "numeric"
        non_missing = present
        info["numbers"] = values.to_numpy(dtype=float, na_value=np.nan)
    else:
        is_ph = present.map(_is_placeholder).astype(bool).to_numpy()
        info["placeholders"] = sorted({v.strip() for v in present[is_ph]})
        isna = isna.copy()
        isna[np.flatnonzero(~isna)[is_ph]] = True
        non_missing = present[~is_ph]
        text = non_missing.astype(str).str.strip()
        as_num = pd.to_numeric(text, errors="coerce")
        if len(text) and as_num.notna().mean() < 0.9:
            with_dot = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            if with_dot.notna().mean() >= 0.9 and text.str.contains(",", regex=False).any():
                as_num, info["decimal_comma"] = with_dot, True
        parsed = as_num.notna()
        sample = text.iloc[:1000]
        if len(text) and sample.str.fullmatch(_DATE_TEXT).mean() >= 0.9:
            info["kind"] = "date"
        elif len(text) and parsed.mean() >= 0.9:  # numbers, perhaps with a few '<0.1'-style entries
            info["kind"] = "numeric"
            info["as_text"] = True
            entries = text[~parsed.to_numpy()]
            if len(entries):  # counted, never shown: free text can name a patient
                info["text_values"] = {
                    "entries": int(len(entries)), "distinct": int(entries.nunique()),
                    "limits": int(entries.str.match(r"^[<>≤≥]=?\s*\d").sum()),
                }
            numbers = np.full(len(values), np.nan)
            numbers[np.flatnonzero(~isna)] = as_num.to_numpy(dtype=float, na_value=np.nan)
            info["numbers"] = numbers
    info["missing_mask"] = isna
    info["missing"] = int(isna.sum())
    info["n_unique"] = int(non_missing.nunique())
    info["n_present"] = int(len(non_missing))
    info["values"] = non_missing
    return info


def _looks_like_id(name, info: dict) -> bool:
    if _ID_NAME.search(str(name).strip()):
        return True
    n = info["n_present"]
    if info["kind"] == "nominal" and n >= 20 and info["n_unique"] > 20 and info["n_unique"] >= 0.2 * n:
        sample = info["values"].astype(str).str.strip().iloc[:1000]
        if sample.str.fullmatch(_CODE_TEXT).mean() >= 0.9:
            return True  # many distinct code-like texts ('P0153', 'K-2291'): record or patient numbers
    if n < 20 or info["n_unique"] != n:
        return False
    if info["kind"] == "nominal":
        return True  # every row a different text: names, codes, record numbers
    numbers = info["numbers"]
    numbers = numbers[~np.isnan(numbers)] if numbers is not None else np.array([])
    if numbers.size != n or not np.all(np.isfinite(numbers)) or not np.all(np.mod(numbers, 1) == 0):
        return False
    return bool(numbers.max() - numbers.min() + 1 == n)  # consecutive whole numbers, one per row: a counter


def _words(name: str) -> tuple[str, set]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(name)).lower()
    return re.sub(r"[^a-z0-9]", "", spaced), set(re.split(r"[^a-z0-9]+", spaced)) - {""}


def _physiological(name: str) -> bool:
    compact, words = _words(name)
    if words & _NOT_A_MEASUREMENT:
        return False
    by_bounds = {k.replace("_", "") for k, b in CLINICAL_BOUNDS.items() if b.low > 0 and k != "age"}
    return any(key in compact for key in (*_PHYSIOLOGICAL, *by_bounds)) or bool(words & _PHYSIOLOGICAL_WORDS)


def _zeros_as_missing(name: str, numbers: np.ndarray) -> int:
    """How many zeros of a numeric column probably mean 'not measured' (0 when none do)."""
    finite = numbers[np.isfinite(numbers)]
    zeros = int((finite == 0).sum())
    if zeros == 0:
        return 0
    nonzero = finite[finite != 0]
    if nonzero.size < 5 or np.any(nonzero < 0) or np.unique(nonzero).size < 5:
        return 0
    if _physiological(name):
        return zeros
    if zeros > 0.5 * finite.size:
        return 0
    median = float(np.median(nonzero))
    spread = 1.4826 * float(np.median(np.abs(nonzero - median)))
    return zeros if spread > 0 and median / spread > 4 else 0  # 0 lies far below everything else


def _codes(numbers: np.ndarray) -> list | None:
    """The distinct values of an integer column that looks like category codes, else None."""
    finite = numbers[np.isfinite(numbers)]
    if finite.size < 10 or not np.all(np.mod(finite, 1) == 0):
        return None
    values = np.unique(finite)
    if not 3 <= values.size <= MAX_CODES or finite.size < 3 * values.size:
        return None
    contiguous = values[-1] - values[0] + 1 == values.size
    if contiguous and values.size > 5:
        return None  # 0, 1, ..., 9: more likely a count or a score than codes
    return [int(v) for v in values]


def _auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from scipy.stats import rankdata

    ranks = rankdata(scores)
    n1 = int(positive.sum())
    n0 = positive.size - n1
    return float((ranks[positive].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def _separates(info: dict, y: pd.Series, labelled: np.ndarray, binary_pos) -> str | None:
    """Why a column predicts the target almost perfectly on its own, or None."""
    mask = labelled & ~info["missing_mask"]
    if mask.sum() < 20 or mask.sum() < 0.5 * labelled.sum():
        return None
    target = y[mask]
    if target.nunique() < 2:
        return None
    numbers = info["numbers"]
    if numbers is not None and binary_pos is not None and info["n_unique"] > 20:
        x = numbers[mask]
        keep = np.isfinite(x)
        positive = (target == binary_pos).to_numpy()[keep]
        if keep.sum() < 20 or positive.all() or not positive.any():
            return None
        auc = _auc(x[keep], positive)
        auc = max(auc, 1 - auc)
        return f"on its own it separates the classes with ROC-AUC {auc:.3f}" if auc >= 0.99 else None
    if info["n_unique"] > 20:
        return None
    column = info["values"].reindex(y.index) if numbers is None else pd.Series(numbers, index=y.index)
    table = pd.crosstab(column[mask].astype(str), target)
    hits = table.max(axis=1).groupby(table.idxmax(axis=1)).sum().reindex(table.columns).fillna(0)
    balanced = float((hits / table.sum(axis=0)).mean())
    if balanced >= 0.99:
        return f"its values alone give the class with balanced accuracy {balanced:.3f}"
    return None


def _find_label(classes: list, pos_label):
    """The class equal to ``pos_label``, by value or by its text (so the CLI's '1' finds 1)."""
    for c in classes:
        if c == pos_label and isinstance(c, bool) == isinstance(pos_label, bool):
            return c
    for c in classes:
        if str(c) == str(pos_label):
            return c
    return None


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _round(x: float) -> int:
    return int(math.floor(x + 0.5))


def _sample_facts(n_minority: int, n_features: int) -> dict:
    from scipy.stats import binomtest

    expected_test = n_minority * TEST_FRACTION
    trials = max(1, _round(expected_test))
    successes = min(trials, _round(EXAMPLE_SENSITIVITY * trials))
    ci = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    return {
        "test_fraction": TEST_FRACTION,
        "cv_folds": CV_FOLDS,
        "expected_test": expected_test,
        "expected_train_fold": n_minority * (CV_FOLDS - 1) / CV_FOLDS,
        "expected_validation_fold": n_minority / CV_FOLDS,
        "n_features": n_features,
        "events_per_variable": n_minority / n_features if n_features else None,
        "sensitivity_interval": {
            "successes": successes, "trials": trials, "low": float(ci.low), "high": float(ci.high),
            "width": float(ci.high - ci.low),
        },
    }


def _refuse_continuous(target: str, numbers: np.ndarray, *, as_text: bool = False) -> None:
    """Stop with a clear error when a target's numbers look like a measurement, not class labels."""
    finite = numbers[np.isfinite(numbers)]
    distinct = np.unique(finite)
    whole = bool(np.all(np.mod(finite, 1) == 0))
    if whole and distinct.size <= 10:
        return
    what = "non-whole numbers" if not whole else (
        f"{distinct.size} distinct numbers ({distinct.min():g} to {distinct.max():g})"
    )
    read = " (read as text because of entries that are not numbers)" if as_text else ""
    raise ValueError(
        f"target column {target!r} holds {what}{read}: it looks like a continuous measurement, not class labels. "
        "The audit is for class labels: choose the label column, or define the classes first (e.g. with pd.cut)."
    )


def _check_nominal(nominal, df: pd.DataFrame, target: str) -> list[str]:
    if nominal is None:
        return []
    if isinstance(nominal, str):
        nominal = [c.strip() for c in nominal.split(",") if c.strip()]
    try:
        names = [str(c) for c in nominal]
    except TypeError:
        raise TypeError(f"nominal must be a list of column names, e.g. nominal=['cp', 'thal']; got {nominal!r}.") from None
    columns = [str(c) for c in df.columns]
    unknown = [c for c in names if c not in columns]
    if unknown:
        raise KeyError(f"nominal names no column {unknown}; the columns are {columns}.")
    if target in names:
        raise ValueError(f"the target {target!r} cannot also be a nominal feature; leave it out of nominal.")
    return names


# ================================================================== audit
def audit(data, target: str, *, pos_label=None, nominal=None, sep=None, decimal=None, encoding=None) -> AuditReport:
    """Audit a data set for class imbalance and say what to do about it.

    Parameters
    ----------
    data : pandas.DataFrame, str or path-like
        The data, one row per patient, with the target column; a path is
        read with :func:`read_table` (``sep``, ``decimal`` and ``encoding``
        are passed on). A frame is not modified; rows with a missing target
        (empty, NaN, or a placeholder such as ``"?"``) are counted, not dropped.
    target : str
        Name of the target (class label) column.
    pos_label : label, optional
        The positive ("sick") class, e.g. ``"hypothyroid"``, matched by value
        or by its text (``"1"`` finds the label ``1``). When omitted the audit
        infers it -- 1 for 0/1 labels, True for booleans, otherwise the
        smaller of two classes -- and says so in its first lines.
    nominal : list of str or str, optional
        Columns to treat as categories although they hold numbers (codes
        such as a chest-pain type 1-4); a comma-separated string also works.

    Returns
    -------
    AuditReport
        ``print(report)`` for the text; in Jupyter it displays as tables;
        ``report.imbalance_ratio``, ``report.to_dict()`` ... for the facts.

    Raises
    ------
    TypeError
        When ``data`` is not a DataFrame or a path.
    KeyError
        When ``target`` or a ``nominal`` name is not a column (the message lists the columns).
    ValueError
        When the frame is empty, the target has fewer than two classes or
        looks continuous, or ``pos_label`` is not one of its labels.

    Examples
    --------
    >>> from imbalance_lab.datasets import load_clinical_data
    >>> report = audit(load_clinical_data(), target="diagnosis")
    >>> report.class_counts, report.imbalance_ratio, report.imbalance_band
    ({0: 950, 1: 50}, 19.0, 'act')
    """
    if isinstance(data, (str, PathLike)):
        data = read_table(data, sep=sep, decimal=decimal, encoding=encoding)
    df = data
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"audit needs a pandas DataFrame (or a path to a CSV file); got {type(df).__name__}. "
            "Read a file with imbalance_lab.read_table(path) or pd.read_csv(path) first."
        )
    if not isinstance(target, str) or not target:
        raise TypeError(f"target must be the name of the label column, e.g. target='diagnosis'; got {target!r}.")
    if target not in df.columns:
        raise KeyError(f"no target column {target!r}; the columns are {[str(c) for c in df.columns]}.")
    if isinstance(df[target], pd.DataFrame):
        raise ValueError(f"there are several columns named {target!r}; give each column a distinct name.")
    if len(df) == 0:
        raise ValueError("the DataFrame has no rows: there is nothing to audit.")
    declared = _check_nominal(nominal, df, target)

    y = df[target]
    y_missing = (y.isna() | y.map(_is_placeholder).astype(bool)).to_numpy()
    n_missing_target = int(y_missing.sum())
    labelled = y[~y_missing]
    if labelled.empty:
        raise ValueError(f"target column {target!r} is missing in all {len(df)} rows; there are no labels to audit.")
    numeric_target = pd.api.types.is_numeric_dtype(labelled.dtype) and not pd.api.types.is_bool_dtype(labelled.dtype)
    if numeric_target:
        as_float = labelled.to_numpy(dtype=float)
        if not np.all(np.isfinite(as_float)):
            raise ValueError(f"target column {target!r} holds infinite values; class labels must be finite.")
        _refuse_continuous(target, as_float)
    elif not pd.api.types.is_bool_dtype(labelled.dtype):
        # numbers read as text (a '?' or 'n/a' elsewhere in the column): judge them as numbers too
        as_num = pd.to_numeric(labelled.astype(str).str.strip(), errors="coerce")
        if as_num.notna().mean() >= 0.9:
            _refuse_continuous(target, as_num.dropna().to_numpy(dtype=float), as_text=True)
        if pd.api.types.is_float_dtype(labelled.dtype):
            labelled = labelled.astype(np.int64)
    counts = labelled.value_counts(sort=False)
    counts = counts.iloc[np.lexsort((np.arange(len(counts)), -counts.to_numpy()))]  # largest first, stable
    if len(counts) < 2:
        raise ValueError(
            f"target column {target!r} has a single class ({_plain(counts.index[0])!r} in all "
            f"{int(counts.iloc[0])} labelled rows); an imbalance audit needs at least two classes."
        )
    if len(counts) > 20 and len(counts) > 0.5 * len(labelled):
        raise ValueError(
            f"target column {target!r} has {len(counts)} distinct values in {len(labelled)} labelled rows: it looks "
            "like an identifier or a measurement, not class labels. The audit is for class labels: choose the "
            "label column."
        )
    classes = [_plain(c) for c in counts.index]
    class_counts = {c: int(n) for c, n in zip(classes, counts.to_numpy())}
    total = sum(class_counts.values())
    class_shares = {c: n / total for c, n in class_counts.items()}

    if pos_label is not None:
        found = _find_label(classes, pos_label)
        if found is None:
            raise ValueError(f"pos_label={pos_label!r} is not a label of {target!r}; its labels are {classes}.")
        pos_label, pos_given = found, True
    else:
        pos_given = False
        if len(classes) > 2:
            pos_label = None  # several classes: no single positive unless one is named
        elif set(classes) <= {0, 1} and not any(isinstance(c, bool) for c in classes):
            pos_label = 1
        elif set(classes) == {True, False}:
            pos_label = True
        else:
            pos_label = classes[-1]
    pos_is_majority = pos_label is not None and pos_label == classes[0] and class_counts[classes[0]] > class_counts[classes[1]]

    variants: dict = {}
    for c in classes:
        if isinstance(c, str):
            variants.setdefault(c.strip().lower(), []).append(c)
    label_variants = [group for group in variants.values() if len(group) > 1]

    ratio = float(counts.iloc[0] / counts.iloc[-1])
    band = imbalance_band(ratio)
    advice = next(text for _, name, text in BANDS if name == band)
    minority_class, n_minority = classes[-1], int(counts.iloc[-1])
    verdict = (
        "too few" if n_minority < SMOTE_MIN_ROWS else "few" if n_minority < INTERPOLATION_MIN_ROWS
        else "small" if n_minority < SMALL_SAMPLE_ROWS else "enough"
    )

    # ------------------------------------------------------------ columns
    y_lab = y.where(~y_missing)
    if numeric_target and pd.api.types.is_float_dtype(y.dtype):
        y_lab = y_lab.astype("Int64")
    y_lab = y_lab.map(lambda v: _find_label(classes, v) if pd.notna(v) else None)
    binary_pos = pos_label if len(classes) == 2 else None
    target_compact = _words(target)[0]

    missing, placeholders, infinite, text_in_numbers, zeros, coded = {}, {}, {}, {}, {}, {}
    numeric, nominal_cols, as_text, decimal_comma, id_like, constant, dates = [], [], [], [], [], [], []
    repeated_ids, target_like, masks = {}, {}, {}
    for name in df.columns:
        if name == target:
            continue
        label = str(name)
        info = _describe_column(df[name])
        if info["missing"]:
            missing[label] = info["missing"]
        if info["placeholders"]:
            placeholders[label] = info["placeholders"]
        numbers = info["numbers"]
        if numbers is not None and not info["as_text"]:
            n_inf = int(np.isinf(numbers).sum())
            if n_inf:
                infinite[label] = n_inf
        mask = info["missing_mask"]
        if info["n_unique"] <= 1:
            constant.append(label)
            continue
        if info["kind"] == "date":
            dates.append(label)
            continue
        if _looks_like_id(name, info):
            id_like.append(label)
            if info["n_unique"] < info["n_present"]:
                per_id = info["values"].value_counts()
                repeated_ids[label] = {
                    "ids": int(per_id.size), "ids_repeated": int((per_id > 1).sum()), "max_rows": int(per_id.max()),
                }
            continue
        compact = _words(label)[0]
        if len(target_compact) >= 3 and len(compact) >= 3 and (target_compact in compact or compact in target_compact):
            target_like[label] = f"named like the target {target!r}"
        else:
            why = _separates(info, y_lab, ~y_missing, binary_pos)
            if why:
                target_like[label] = why
        if label in declared:
            nominal_cols.append(label)
        elif info["kind"] == "numeric":
            numeric.append(label)
            if info["as_text"]:
                as_text.append(label)
            if info["decimal_comma"]:
                decimal_comma.append(label)
            if info.get("text_values"):
                text_in_numbers[label] = info["text_values"]
            n_zero = _zeros_as_missing(label, numbers)
            if n_zero:
                zeros[label] = n_zero
                mask = mask | (numbers == 0)
            codes = _codes(numbers)
            if codes is not None and set(codes) - {0, 1}:
                coded[label] = codes
        else:
            nominal_cols.append(label)
        if mask.any():
            masks[label] = mask

    missing_by_class, informative, mostly = {}, [], []
    labelled_mask = ~y_missing
    for label, mask in masks.items():
        rates, table = {}, []
        for c in classes:
            in_class = (y_lab == c).to_numpy() & labelled_mask
            n_miss = int((mask & in_class).sum())
            rates[c] = n_miss / int(in_class.sum())
            table.append([n_miss, int(in_class.sum()) - n_miss])
        missing_by_class[label] = rates
        if mask.mean() >= MOSTLY_MISSING:
            mostly.append(label)
        if max(rates.values()) - min(rates.values()) >= 0.05 and _differs(np.array(table)):
            informative.append(label)

    categorical = nominal_cols + [c for c in coded if c not in nominal_cols]
    plain_numeric = [c for c in numeric if c not in coded]
    sampler = "SMOTEN" if categorical and not plain_numeric else "SMOTENC" if categorical else "SMOTE"
    n_features = len(numeric) + len(nominal_cols)

    report = dict(  # grouped by what they describe: the classes, the minority, missing values, columns
        target=target, n_rows=len(df), n_missing_target=n_missing_target,
        class_counts=class_counts, class_shares=class_shares,
        pos_label=pos_label, pos_label_given=pos_given, pos_label_is_majority=bool(pos_is_majority),
        imbalance_ratio=ratio, imbalance_band=band, band_advice=advice,
        minority_class=minority_class, n_minority=n_minority, minority_verdict=verdict,
        sample=_sample_facts(n_minority, n_features),
        missing=missing, placeholders=placeholders, infinite=infinite, missing_by_class=missing_by_class,
        informative_missing=informative, mostly_missing=mostly, zeros_as_missing=zeros,
        coded=coded, nominal_declared=declared, numeric_features=numeric, nominal_features=nominal_cols,
        numeric_as_text=as_text, decimal_comma=decimal_comma, text_in_numbers=text_in_numbers,
        label_variants=label_variants, id_like=id_like, constant=constant, dates=dates,
        repeated_ids=repeated_ids, target_like=target_like, sampler=sampler,
    )
    report["recommendations"] = _recommend(report, categorical)
    return AuditReport(**report)


def _differs(table: np.ndarray) -> bool:
    """Whether missing/present counts differ between classes beyond chance (p < 0.05)."""
    from scipy.stats import chi2_contingency, fisher_exact

    if table[:, 0].sum() == 0 or table[:, 1].sum() == 0:
        return False
    if table.shape[0] == 2:
        return bool(fisher_exact(table).pvalue < 0.05)
    return bool(chi2_contingency(table).pvalue < 0.05)


# ================================================================== advice
def _sampler_call(r: dict, categorical: list) -> str:
    if r["sampler"] == "SMOTE":
        return "SMOTE(random_state=42)"
    if r["sampler"] == "SMOTEN":
        return "SMOTEN(random_state=42)"
    shown = ", ".join(repr(c) for c in categorical[:4]) + (", ..." if len(categorical) > 4 else "")
    return f"SMOTENC(categorical_features=[{shown}], random_state=42)"


#: What to do before modelling, by finding: (key of the audit's record, step with {} for its columns).
_PREPARE_STEPS = (
    ("target_like", "check {}, which may be recorded because of the outcome, and drop {them} if so"),
    ("dates", "keep from {} only what is known at prediction time"),
    ("mostly_missing", "drop or question the mostly missing {}"),
    ("zeros_as_missing", "replace the zeros in {} with NaN"),
    ("numeric_as_text", "convert {} to numbers"),
    ("coded", "treat the codes in {} as categories (OneHotEncoder, or SMOTENC)"),
)


def _prepare_steps(r: dict) -> list[str]:
    drop = r["id_like"] + r["constant"]
    steps = [f"drop {', '.join(drop)}"] if drop else []
    steps += [step.format(", ".join(r[key]), them="it" if len(r[key]) == 1 else "them")
              for key, step in _PREPARE_STEPS if r[key]]
    if r["missing_by_class"]:
        indicator = "SimpleImputer(add_indicator=True)" if r["informative_missing"] else "SimpleImputer"
        steps.append(f"impute missing values with {indicator} inside the pipeline; never drop those rows")
    return steps


def _recommend(r: dict, categorical: list) -> list[Recommendation]:
    recs = []
    binary = len(r["class_counts"]) == 2
    majority_share = max(r["class_shares"].values())
    steps = _prepare_steps(r)
    if steps:
        recs.append(Recommendation("data", "Before modelling: " + "; ".join(steps) + ".", "complete_pipeline"))
    if binary:
        prevalence = r["class_shares"][r["pos_label"]]
        recs.append(Recommendation(
            "metrics",
            f"Report balanced accuracy, sensitivity and specificity, ROC-AUC and PR-AUC beside accuracy: always "
            f"predicting the majority class already scores {majority_share:.1%} accuracy, and PR-AUC's no-skill "
            f"level is the prevalence, {prevalence:.1%}.",
            "metrics",
        ))
    else:
        recs.append(Recommendation(
            "metrics",
            f"Report balanced accuracy, F1-macro and per-class recall (imblearn's classification_report_imbalanced) "
            f"beside accuracy: always predicting the largest class already scores {majority_share:.1%}.",
            "metrics",
        ))
    group = next(iter(r["repeated_ids"]), None)
    grouped = f" Several rows share a {group}: use StratifiedGroupKFold(groups={group}) so a patient never sits in both sides." if group else ""
    if r["n_minority"] < SMALL_SAMPLE_ROWS:
        recs.append(Recommendation(
            "validation",
            f"With {_plural(r['n_minority'], 'minority row')}, one test split measures sensitivity on about "
            f"{_about(r['sample']['expected_test'])} of them: validate with RepeatedStratifiedKFold(n_splits=5, "
            "n_repeats=20) or bootstrap validation, every step inside the pipeline, and report intervals." + grouped,
            "intervals_and_subtypes",
        ))
    else:
        recs.append(Recommendation(
            "validation",
            "Evaluate with StratifiedKFold on the training split, every preprocessing and resampling step inside "
            "the pipeline; keep the test split untouched." + grouped,
            "complete_pipeline",
        ))
    if binary:
        recs.append(Recommendation(
            "no correction",
            "For a risk model, start without any correction: fit on the natural class distribution, which keeps "
            "predicted risks honest; imbalance alone is no reason to resample.",
            "when_not_to_resample",
        ))
        recs.append(Recommendation(
            "threshold",
            f"Choose the decision threshold from the costs of a missed positive ({r['pos_label']!r}) and a false "
            "alarm (FixedThresholdClassifier, TunedThresholdClassifierCV), not 0.5, and report the "
            "sensitivity/specificity trade-off.",
            "thresholds_and_costs",
        ))
        recs.append(Recommendation(
            "calibration",
            "Check the calibration curve and Brier score before reporting risks; after any weighting or "
            "resampling, correct them (prior correction, CalibratedClassifierCV).",
            "calibration",
        ))
    else:
        recs.append(Recommendation(
            "no correction",
            "Start without any correction, on the natural class distribution; weight or resample only if the "
            "smallest class's recall stays too low.",
            "when_not_to_resample",
        ))
    if r["imbalance_band"] == "mild":
        recs.append(Recommendation(
            "class weights",
            "The imbalance is mild: if anything, try class_weight=\"balanced\"; resampling is unnecessary here.",
            "class_weights",
        ))
    else:
        recs.append(Recommendation(
            "class weights",
            "If you need the default 0.5 cut-off to work (for example a tool that cannot move the threshold), "
            "try class_weight=\"balanced\"; it does not improve the ranking, and it is the baseline every "
            "resampler must beat.",
            "class_weights",
        ))
        n = r["n_minority"]
        if n < SMOTE_MIN_ROWS:
            recs.append(Recommendation(
                "resampling",
                f"Only {_plural(n, 'row')} in the smallest class: SMOTE cannot run (k_neighbors=5 needs "
                f"{SMOTE_MIN_ROWS}); use class weights, or RandomOverSampler inside a pipeline.",
                "when_not_to_resample",
            ))
        elif n < INTERPOLATION_MIN_ROWS:
            recs.append(Recommendation(
                "resampling",
                f"Only {_plural(n, 'row')} in the smallest class: too few to interpolate meaningfully; prefer class "
                "weights, or RandomOverSampler inside a pipeline.",
                "when_not_to_resample",
            ))
        else:
            kind = {
                "SMOTE": "all features are numeric",
                "SMOTENC": "numeric and categorical features are mixed",
                "SMOTEN": "all features are categorical",
            }[r["sampler"]]
            target_ratio = "sampling_strategy=1/3 (3:1, not 1:1)" if binary else "a dict of target counts as sampling_strategy"
            recs.append(Recommendation(
                "resampling",
                f"Last, if weights are not enough, resample the training folds only, inside "
                f"imblearn.pipeline.make_pipeline: {kind}, so {_sampler_call(r, categorical)} with {target_ratio}; "
                "then recalibrate.",
                "resampling_in_pipelines",
            ))
            if r["sampler"] != "SMOTEN":
                named = (
                    f"; SMOTENC does not find categorical columns by itself: name "
                    f"{'it' if len(categorical) == 1 else 'them'} ({', '.join(categorical)}) in categorical_features"
                    if categorical else ""
                )
                recs.append(Recommendation(
                    "plausible patients",
                    "SMOTE interpolates: round whole-number features and clip synthetic rows to physiological "
                    f"bounds{named}.",
                    "plausible_patients",
                ))
    return recs
