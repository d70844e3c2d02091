"""An imbalance audit of a data set: the course's decision guide, applied to your table.

:func:`audit` reads a DataFrame and its target column and returns an
:class:`AuditReport`: class counts and shares, the imbalance ratio and its
band, how many minority rows there are and what that allows, missing values,
which features are numeric and which nominal (so SMOTE, SMOTENC or SMOTEN),
ID-like and constant columns, and recommendations in the course's order, each
pointing to the lesson that teaches it. The command ``imbalance-lab audit
FILE.csv --target COLUMN`` prints the same report.

The audit only reads: it never changes the DataFrame it is given, and rows
whose target is missing are counted and reported, not dropped.
"""
from __future__ import annotations

import html
import re
import sys
import types
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .metrics import BANDS, imbalance_band

__all__ = ["AuditReport", "Recommendation", "audit", "SMOTE_MIN_ROWS", "INTERPOLATION_MIN_ROWS"]

#: SMOTE with its default ``k_neighbors=5`` needs each minority class to have at least 6 rows.
SMOTE_MIN_ROWS = 6
#: Below about 10 minority rows, interpolating between them is not meaningful (lesson 09).
INTERPOLATION_MIN_ROWS = 10

#: Text cells that stand for a missing value in exported clinical tables.
_PLACEHOLDERS = frozenset({"", "?", "-", "na", "n/a", "nan", "null", "none", "missing", "#n/a"})
_ID_NAME = re.compile(
    r"(^|[_\s.-])(id|uuid|guid|mrn)$|^(id|uuid|mrn)([_\s.-]|$)|^(patient|record|subject|sample|case)[_\s.-]?(no|nr|num|number|key)$",
    re.IGNORECASE,
)

_LESSONS = {
    "03_metrics": "metrics that see the minority",
    "04_resampling": "resampling",
    "05_class_weights": "class weights",
    "06_thresholds_and_costs": "thresholds and costs",
    "07_medical_case": "the medical case",
    "08_complete_pipeline": "the complete pipeline",
    "09_when_not_to_resample": "when not to resample",
    "10_calibration": "calibration",
}


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
        Lesson file name without extension, e.g. ``"03_metrics"``.
    """

    topic: str
    text: str
    lesson: str

    def __post_init__(self):
        if not all(isinstance(v, str) and v.strip() for v in (self.topic, self.text)):
            raise ValueError("a Recommendation needs a topic and text: non-empty strings.")
        if not isinstance(self.lesson, str) or not re.fullmatch(r"\d\d_[a-z0-9_]+", self.lesson):
            raise ValueError(
                f"lesson must be a lesson file name without extension, such as '03_metrics'; got {self.lesson!r}."
            )

    @property
    def link(self) -> str:
        """Relative link to the lesson notebook, as the lessons link to each other."""
        return f"{self.lesson}.ipynb"


@dataclass(frozen=True)
class AuditReport:
    """What :func:`audit` found; ``str(report)`` is the readable report.

    In Jupyter the report displays as formatted tables. Every fact is an
    attribute, and :meth:`to_dict` returns them as plain Python values.

    Attributes
    ----------
    target : str
        Name of the target column.
    n_rows : int
        Rows in the frame, including rows with a missing target.
    n_missing_target : int
        Rows whose target is missing; they are counted here and left out of
        the class counts, never dropped from your data.
    class_counts : dict
        Label -> number of rows, largest class first.
    class_shares : dict
        Label -> share of the labelled rows.
    positive : label or None
        The positive (minority, "sick") class: the one given, 1 for 0/1
        labels, otherwise the smallest of two classes; None for several
        classes unless one was given.
    positive_given : bool
        True when ``positive`` was passed rather than assumed.
    imbalance_ratio : float
        Largest class / smallest class.
    imbalance_band : str
        ``"mild"`` (below 4:1), ``"attention"`` (above 4:1) or ``"act"`` (above 10:1).
    band_advice : str
        The course's advice for that band.
    minority_class : label
        The smallest class.
    n_minority : int
        Rows of the smallest class.
    minority_verdict : str
        ``"too few"`` (below :data:`SMOTE_MIN_ROWS`), ``"few"`` (below
        :data:`INTERPOLATION_MIN_ROWS`) or ``"enough"``.
    infinite : dict
        Feature column -> number of infinite values (only columns with any).
    missing : dict
        Feature column -> number of missing cells (only columns with any),
        placeholders such as ``"?"`` included.
    placeholders : dict
        Feature column -> text placeholders found for missing values (e.g. ``["?"]``).
    numeric_features, nominal_features : list of str
        Feature columns read as numbers and as categories (ID-like and
        constant columns excluded).
    numeric_as_text : list of str
        Numeric features stored as text (convert with ``pd.to_numeric``).
    label_variants : list of list
        Groups of target labels that differ only in case or surrounding
        spaces (``"negative"``, ``"Negative "``): probably one class.
    text_in_numbers : dict
        Numeric-as-text column -> examples of entries that are not numbers,
        such as ``"<0.1"`` (decide what they mean before converting).
    id_like, constant : list of str
        Columns to drop before modelling.
    sampler : str
        The SMOTE family member that fits the features: ``"SMOTE"``,
        ``"SMOTENC"`` or ``"SMOTEN"``.
    recommendations : list of Recommendation
        The advice, in the course's order.
    """

    target: str
    n_rows: int
    n_missing_target: int
    class_counts: dict
    class_shares: dict
    positive: object
    positive_given: bool
    imbalance_ratio: float
    imbalance_band: str
    band_advice: str
    minority_class: object
    n_minority: int
    minority_verdict: str
    missing: dict
    placeholders: dict
    numeric_features: list
    nominal_features: list
    numeric_as_text: list
    id_like: list
    constant: list
    sampler: str
    recommendations: list = field(default_factory=list)
    infinite: dict = field(default_factory=dict)
    text_in_numbers: dict = field(default_factory=dict)
    label_variants: list = field(default_factory=list)

    @property
    def n_classes(self) -> int:
        """Number of classes in the target."""
        return len(self.class_counts)

    @property
    def n_labelled(self) -> int:
        """Rows with a target value."""
        return self.n_rows - self.n_missing_target

    def to_dict(self) -> dict:
        """The facts as plain Python values (labels as they are in the data)."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["recommendations"] = [
            {"topic": r.topic, "text": r.text, "lesson": r.lesson} for r in self.recommendations
        ]
        out["n_classes"] = self.n_classes
        out["n_labelled"] = self.n_labelled
        return out

    # ------------------------------------------------------------------ display
    def _class_rows(self) -> list[tuple[str, str, str, str]]:
        rows = []
        for label, count in self.class_counts.items():
            role = "positive" if self.positive is not None and label == self.positive else ""
            rows.append((str(label), str(count), f"{self.class_shares[label]:.1%}", role))
        return rows

    def _data_lines(self) -> list[str]:
        lines = []
        if self.missing:
            listed = ", ".join(
                f"{c} {n}" + (f" (as {', '.join(map(repr, self.placeholders[c]))})" if c in self.placeholders else "")
                for c, n in self.missing.items()
            )
            lines.append(
                f"Missing values: {listed}. SMOTE cannot take missing values: impute inside the pipeline "
                "(SimpleImputer before the sampler)."
            )
        else:
            lines.append("Missing values: none in the features.")
        if self.infinite:
            listed = ", ".join(f"{c} {n}" for c, n in self.infinite.items())
            lines.append(f"Infinite values: {listed}; no model or sampler accepts them: fix them at the source.")
        lines.append(
            f"Numeric features ({len(self.numeric_features)}): {', '.join(self.numeric_features) or 'none'}."
        )
        lines.append(
            f"Nominal features ({len(self.nominal_features)}): {', '.join(self.nominal_features) or 'none'}."
        )
        if self.numeric_as_text:
            lines.append(
                f"Numbers stored as text: {', '.join(self.numeric_as_text)}; convert them with pd.to_numeric "
                "after replacing the placeholders."
            )
        for column, examples in self.text_in_numbers.items():
            lines.append(
                f"Column {column} holds text among its numbers ({', '.join(map(repr, examples))}): decide what "
                "each means (a detection limit? an error?) before converting; pd.to_numeric would make them missing."
            )
        if self.id_like:
            lines.append(f"ID-like columns (drop them, they identify rows, not patients' state): {', '.join(self.id_like)}.")
        if self.constant:
            lines.append(f"Constant columns (drop them, they carry no information): {', '.join(self.constant)}.")
        return lines

    def _headline(self) -> str:
        return (
            f"Imbalance ratio {self.imbalance_ratio:.1f}:1, band '{self.imbalance_band}': {self.band_advice}."
        )

    def _minority_line(self) -> str:
        return (
            f"Smallest class {self.minority_class!r}: {self.n_minority} rows ({self.minority_verdict}). "
            + _minority_text(self.n_minority)
        )

    def __str__(self) -> str:
        lines = [f"Imbalance audit of target {self.target!r}: {self.n_rows} rows, {self.n_classes} classes"]
        if self.n_missing_target:
            lines.append(
                f"  {self.n_missing_target} row(s) have no target value: counted here, left out of the class "
                "shares below; label or remove them deliberately."
            )
        width = max(len(r[0]) for r in self._class_rows())
        lines.append("")
        lines.append("Classes")
        for label, count, share, role in self._class_rows():
            lines.append(f"  {label:<{width}}  {count:>7}  {share:>6}  {role}".rstrip())
        for group in self.label_variants:
            lines.append(
                f"  Labels {', '.join(map(repr, group))} differ only in case or spaces: probably one class; "
                "unify them (e.g. .str.strip().str.lower()) and audit again."
            )
        if not self.positive_given and self.positive is not None:
            lines.append(f"  (positive class assumed to be {self.positive!r}; choose it with positive=...)")
        lines.append("")
        lines.append(self._headline())
        lines.append(self._minority_line())
        lines.append("")
        lines.append("Data")
        lines += [f"  {ln}" for ln in self._data_lines()]
        lines.append("")
        lines.append("Recommendations")
        for i, rec in enumerate(self.recommendations, 1):
            lines.append(f"  {i}. [{rec.topic}] {rec.text} (lesson {rec.lesson})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"AuditReport(target={self.target!r}, n_rows={self.n_rows}, classes={self.class_counts!r}, "
            f"imbalance_ratio={self.imbalance_ratio:.2f}, imbalance_band={self.imbalance_band!r})"
        )

    def _repr_markdown_(self) -> str:
        md = [f"**Imbalance audit** of target `{self.target}`: {self.n_rows} rows, {self.n_classes} classes"]
        if self.n_missing_target:
            md.append(
                f"\n{self.n_missing_target} row(s) have no target value: counted here, left out of the class shares."
            )
        md.append("\n| class | rows | share | |\n|---|---:|---:|---|")
        md += [f"| {_md(a)} | {b} | {c} | {d} |" for a, b, c, d in self._class_rows()]
        for group in self.label_variants:
            md.append(f"\nLabels {_md(', '.join(map(repr, group)))} differ only in case or spaces: probably one class.")
        if not self.positive_given and self.positive is not None:
            md.append(f"\nPositive class assumed to be `{self.positive!r}`; choose it with `positive=...`.")
        md.append(f"\n{_md(self._headline())}\n\n{_md(self._minority_line())}\n")
        md += [f"- {_md(ln)}" for ln in self._data_lines()]
        md.append("\n**Recommendations**\n")
        md += [
            f"{i}. **{r.topic}**: {_md(r.text)} → [{r.lesson}]({r.link})"
            for i, r in enumerate(self.recommendations, 1)
        ]
        return "\n".join(md)

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [
            '<div class="il-audit">',
            f"<p><strong>Imbalance audit</strong> of target <code>{e(self.target)}</code>: "
            f"{self.n_rows} rows, {self.n_classes} classes</p>",
        ]
        if self.n_missing_target:
            parts.append(
                f"<p>{self.n_missing_target} row(s) have no target value: counted here, left out of the class shares.</p>"
            )
        parts.append("<table><thead><tr><th>class</th><th>rows</th><th>share</th><th></th></tr></thead><tbody>")
        parts += [
            f"<tr><td>{e(a)}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in self._class_rows()
        ]
        parts.append("</tbody></table>")
        for group in self.label_variants:
            parts.append(f"<p>Labels {e(', '.join(map(repr, group)))} differ only in case or spaces: probably one class.</p>")
        if not self.positive_given and self.positive is not None:
            parts.append(
                f"<p>Positive class assumed to be <code>{e(repr(self.positive))}</code>; "
                "choose it with <code>positive=...</code>.</p>"
            )
        parts.append(f"<p>{e(self._headline())}<br>{e(self._minority_line())}</p>")
        parts.append("<ul>" + "".join(f"<li>{e(ln)}</li>" for ln in self._data_lines()) + "</ul>")
        parts.append("<p><strong>Recommendations</strong></p><ol>")
        parts += [
            f'<li><strong>{e(r.topic)}</strong>: {e(r.text)} → <a href="{e(r.link)}">{e(r.lesson)}</a></li>'
            for r in self.recommendations
        ]
        parts.append("</ol></div>")
        return "\n".join(parts)


def _md(text: str) -> str:
    """Escape the characters that would turn plain text into Markdown markup."""
    return re.sub(r"([\\`*_|<>\[\]])", r"\\\1", text)


def _minority_text(n: int) -> str:
    if n < SMOTE_MIN_ROWS:
        return (
            f"SMOTE with k_neighbors=5 needs at least {SMOTE_MIN_ROWS}; do not interpolate: use class weights "
            "or RandomOverSampler, and collect more cases."
        )
    if n < INTERPOLATION_MIN_ROWS:
        return (
            f"SMOTE runs (k_neighbors=5 needs {SMOTE_MIN_ROWS}), but under ~{INTERPOLATION_MIN_ROWS} rows "
            "interpolation is not meaningful, and a 5-fold training split holds even fewer: prefer class weights."
        )
    per_fold = int(np.floor(n * 4 / 5))
    return f"Enough to interpolate; a 5-fold training split holds about {per_fold} of them."


def _is_placeholder(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in _PLACEHOLDERS


def _describe_column(values: pd.Series) -> dict:
    """Missing count, placeholders, kind (numeric/nominal) and flags of one feature column."""
    isna = values.isna()
    info = {"missing": int(isna.sum()), "placeholders": [], "kind": "nominal", "as_text": False}
    present = values[~isna]
    if pd.api.types.is_bool_dtype(values.dtype):
        info["kind"] = "nominal"
        non_missing = present
    elif pd.api.types.is_numeric_dtype(values.dtype):
        info["kind"] = "numeric"
        non_missing = present
        finite = np.isfinite(present.to_numpy(dtype=float))
        info["infinite"] = int((~finite).sum())
    else:
        is_ph = present.map(_is_placeholder).astype(bool)
        info["placeholders"] = sorted({v.strip() for v in present[is_ph]})
        info["missing"] += int(is_ph.sum())
        non_missing = present[~is_ph]
        as_num = pd.to_numeric(non_missing.astype(str).str.strip(), errors="coerce")
        parsed = as_num.notna()
        if len(non_missing) and parsed.mean() >= 0.9:  # numbers, perhaps with a few '<0.1'-style entries
            info["kind"] = "numeric"
            info["as_text"] = True
            info["text_values"] = sorted({str(v).strip() for v in non_missing[~parsed]})[:3]
    info["n_unique"] = int(non_missing.nunique())
    info["n_present"] = int(len(non_missing))
    info["values"] = non_missing
    return info


def _looks_like_id(name, info: dict) -> bool:
    if _ID_NAME.search(str(name).strip()):
        return True
    n = info["n_present"]
    if n < 20 or info["n_unique"] != n:
        return False
    values = info["values"]
    if info["kind"] == "nominal":
        return True  # every row a different text: names, codes, record numbers
    numbers = pd.to_numeric(values.astype(str), errors="coerce") if info["as_text"] else values
    numbers = numbers.to_numpy(dtype=float)
    if not np.all(np.isfinite(numbers)) or not np.all(np.mod(numbers, 1) == 0):
        return False
    return bool(numbers.max() - numbers.min() + 1 == n)  # consecutive whole numbers, one per row: a counter


def _find_label(classes: list, positive):
    """The class equal to ``positive``, by value or by its text (so the CLI's '1' finds 1)."""
    for c in classes:
        if c == positive and isinstance(c, bool) == isinstance(positive, bool):
            return c
    for c in classes:
        if str(c) == str(positive):
            return c
    return None


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def audit(df, target: str, positive=None) -> AuditReport:
    """Audit a data set for class imbalance and say what to do about it.

    Parameters
    ----------
    df : pandas.DataFrame
        The data, one row per patient, with the target column. It is not
        modified; rows with a missing target (empty, NaN, or a placeholder
        such as ``"?"``) are counted, not dropped.
    target : str
        Name of the target (class label) column.
    positive : label, optional
        The positive (minority, "sick") class, e.g. ``"hypothyroid"``. It is
        matched by value or by its text, so ``"1"`` finds the label ``1``.
        By default 1 for 0/1 labels, otherwise the smaller of two classes
        (none for several classes).

    Returns
    -------
    AuditReport
        ``print(report)`` for the text; in Jupyter it displays as tables;
        ``report.imbalance_ratio``, ``report.to_dict()`` ... for the facts.

    Raises
    ------
    TypeError
        When ``df`` is not a DataFrame.
    KeyError
        When ``target`` is not a column (the message lists the columns).
    ValueError
        When the frame is empty, the target has fewer than two classes or
        looks continuous, or ``positive`` is not one of its labels.

    Examples
    --------
    >>> from imbalance_lab.datasets import load_clinical_data
    >>> report = audit(load_clinical_data(), target="diagnosis")
    >>> report.class_counts, report.imbalance_ratio, report.imbalance_band
    ({0: 950, 1: 50}, 19.0, 'act')
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"audit needs a pandas DataFrame; got {type(df).__name__}. Read a CSV with pd.read_csv(path) first."
        )
    if not isinstance(target, str) or not target:
        raise TypeError(f"target must be the name of the label column, e.g. target='diagnosis'; got {target!r}.")
    if target not in df.columns:
        raise KeyError(f"no target column {target!r}; the columns are {[str(c) for c in df.columns]}.")
    if isinstance(df[target], pd.DataFrame):
        raise ValueError(f"there are several columns named {target!r}; give each column a distinct name.")
    if len(df) == 0:
        raise ValueError("the DataFrame has no rows: there is nothing to audit.")

    y = df[target]
    y_missing = y.isna() | y.map(_is_placeholder).astype(bool)
    n_missing_target = int(y_missing.sum())
    labelled = y[~y_missing]
    if labelled.empty:
        raise ValueError(
            f"target column {target!r} is missing in all {len(df)} rows; there are no labels to audit."
        )
    if pd.api.types.is_float_dtype(labelled.dtype):
        as_float = labelled.to_numpy(dtype=float)
        if not np.all(np.isfinite(as_float)):
            raise ValueError(f"target column {target!r} holds infinite values; class labels must be finite.")
        if not np.all(np.mod(as_float, 1) == 0):
            raise ValueError(
                f"target column {target!r} holds non-whole numbers (e.g. {as_float[np.mod(as_float, 1) != 0][0]}): "
                "it looks like a continuous measurement, not class labels. Choose the label column, or "
                "define the classes first (e.g. with pd.cut)."
            )
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
            "like an identifier or a measurement, not class labels. Choose the label column."
        )
    classes = [_plain(c) for c in counts.index]
    class_counts = {c: int(n) for c, n in zip(classes, counts.to_numpy())}
    total = sum(class_counts.values())
    class_shares = {c: n / total for c, n in class_counts.items()}

    if positive is not None:
        found = _find_label(classes, positive)
        if found is None:
            raise ValueError(
                f"positive={positive!r} is not a label of {target!r}; its labels are {classes}."
            )
        positive, positive_given = found, True
    else:
        positive_given = False
        if len(classes) > 2:
            positive = None  # several classes: no single positive unless one is named
        elif set(classes) <= {0, 1} and not any(isinstance(c, bool) for c in classes):
            positive = 1
        elif set(classes) == {True, False}:
            positive = True
        else:
            positive = classes[-1]

    variants: dict = {}
    for c in classes:
        if isinstance(c, str):
            variants.setdefault(c.strip().lower(), []).append(c)
    label_variants = [group for group in variants.values() if len(group) > 1]

    ratio = float(counts.iloc[0] / counts.iloc[-1])
    band = imbalance_band(ratio)
    advice = next(text for _, name, text in BANDS if name == band)
    minority_class, n_minority = classes[-1], int(counts.iloc[-1])
    verdict = "too few" if n_minority < SMOTE_MIN_ROWS else "few" if n_minority < INTERPOLATION_MIN_ROWS else "enough"

    missing, placeholders, infinite, text_in_numbers = {}, {}, {}, {}
    numeric, nominal, as_text, id_like, constant = [], [], [], [], []
    for name in df.columns:
        if name == target:
            continue
        info = _describe_column(df[name])
        label = str(name)
        if info["missing"]:
            missing[label] = info["missing"]
        if info["placeholders"]:
            placeholders[label] = info["placeholders"]
        if info.get("infinite"):
            infinite[label] = info["infinite"]
        if info["n_unique"] <= 1:
            constant.append(label)
        elif _looks_like_id(name, info):
            id_like.append(label)
        elif info["kind"] == "numeric":
            numeric.append(label)
            if info["as_text"]:
                as_text.append(label)
            if info.get("text_values"):
                text_in_numbers[label] = info["text_values"]
        else:
            nominal.append(label)
    sampler = "SMOTEN" if nominal and not numeric else "SMOTENC" if nominal else "SMOTE"

    report = dict(
        target=target,
        n_rows=len(df),
        n_missing_target=n_missing_target,
        class_counts=class_counts,
        class_shares=class_shares,
        positive=positive,
        positive_given=positive_given,
        imbalance_ratio=ratio,
        imbalance_band=band,
        band_advice=advice,
        minority_class=minority_class,
        n_minority=n_minority,
        minority_verdict=verdict,
        missing=missing,
        placeholders=placeholders,
        numeric_features=numeric,
        nominal_features=nominal,
        numeric_as_text=as_text,
        id_like=id_like,
        constant=constant,
        sampler=sampler,
        infinite=infinite,
        text_in_numbers=text_in_numbers,
        label_variants=label_variants,
    )
    report["recommendations"] = _recommend(report)
    return AuditReport(**report)


def _sampler_call(r: dict) -> str:
    if r["sampler"] == "SMOTE":
        return "SMOTE(random_state=42)"
    if r["sampler"] == "SMOTEN":
        return "SMOTEN(random_state=42)"
    cats = r["nominal_features"]
    shown = ", ".join(repr(c) for c in cats[:4]) + (", ..." if len(cats) > 4 else "")
    return f"SMOTENC(categorical_features=[{shown}], random_state=42)"


def _recommend(r: dict) -> list[Recommendation]:
    recs = []
    binary = len(r["class_counts"]) == 2
    majority_share = max(r["class_shares"].values())
    if binary:
        prevalence = r["class_shares"][r["positive"]]
        recs.append(Recommendation(
            "metrics",
            f"Report balanced accuracy, F1-macro, ROC-AUC and PR-AUC beside accuracy: always predicting the "
            f"majority class already scores {majority_share:.1%} accuracy, and PR-AUC's no-skill level is the "
            f"prevalence, {prevalence:.1%}.",
            "03_metrics",
        ))
    else:
        recs.append(Recommendation(
            "metrics",
            f"Report balanced accuracy, F1-macro and per-class recall (imblearn's "
            f"classification_report_imbalanced) beside accuracy: always predicting the largest class already "
            f"scores {majority_share:.1%}.",
            "03_metrics",
        ))
    band = r["imbalance_band"]
    if band == "mild":
        recs.append(Recommendation(
            "class weights",
            "The imbalance is mild: try class_weight=\"balanced\" first; resampling is usually unnecessary here.",
            "05_class_weights",
        ))
        recs.append(Recommendation(
            "no resampling",
            "Below 4:1, weighting suffices in most cases; keep the natural class distribution.",
            "09_when_not_to_resample",
        ))
    else:
        recs.append(Recommendation(
            "class weights",
            "Start with class_weight=\"balanced\" as the baseline every resampler must beat.",
            "05_class_weights",
        ))
        if r["n_minority"] < SMOTE_MIN_ROWS:
            recs.append(Recommendation(
                "resampling",
                f"Only {r['n_minority']} rows in the smallest class: SMOTE cannot run (k_neighbors=5 needs "
                f"{SMOTE_MIN_ROWS}); use class weights, or RandomOverSampler inside a pipeline.",
                "09_when_not_to_resample",
            ))
        elif r["n_minority"] < INTERPOLATION_MIN_ROWS:
            recs.append(Recommendation(
                "resampling",
                f"Only {r['n_minority']} rows in the smallest class: too few to interpolate meaningfully; prefer "
                "class weights, or RandomOverSampler inside a pipeline.",
                "09_when_not_to_resample",
            ))
        else:
            kind = {
                "SMOTE": "all features are numeric",
                "SMOTENC": "numeric and nominal features are mixed",
                "SMOTEN": "all features are nominal",
            }[r["sampler"]]
            target_ratio = (
                "sampling_strategy=1/3 (3:1, not 1:1)" if binary
                else "a dict of target counts as sampling_strategy"
            )
            recs.append(Recommendation(
                "resampling",
                f"If weights are not enough, resample the training folds only, inside "
                f"imblearn.pipeline.make_pipeline: {kind}, so {_sampler_call(r)} with {target_ratio}.",
                "04_resampling",
            ))
            if r["sampler"] != "SMOTEN":
                named = (
                    "; pandas text columns are not detected as categorical, so name them in categorical_features"
                    if r["nominal_features"] else ""
                )
                recs.append(Recommendation(
                    "plausible patients",
                    "SMOTE interpolates: round whole-number features and clip synthetic rows to physiological "
                    f"bounds{named}.",
                    "07_medical_case",
                ))
    steps = []
    drop = r["id_like"] + r["constant"]
    if drop:
        steps.append(f"drop {', '.join(drop)}")
    if r["numeric_as_text"]:
        steps.append(f"convert {', '.join(r['numeric_as_text'])} to numbers")
    if r["missing"]:
        steps.append("impute missing values with SimpleImputer inside the pipeline, never before the split")
    prepare = ("First " + "; ".join(steps) + ". Then e") if steps else "E"
    recs.append(Recommendation(
        "pipeline",
        f"{prepare}valuate with StratifiedKFold on the training split, every preprocessing and resampling step "
        "inside the pipeline; keep the test split untouched.",
        "08_complete_pipeline",
    ))
    if binary:
        recs.append(Recommendation(
            "threshold",
            f"Choose the decision threshold from the costs of a missed positive ({r['positive']!r}) and a false alarm "
            "(FixedThresholdClassifier, TunedThresholdClassifierCV) and report the sensitivity/specificity "
            "trade-off.",
            "06_thresholds_and_costs",
        ))
    recs.append(Recommendation(
        "calibration",
        "Weights and resampling inflate predicted risks: check the calibration curve and Brier score, and "
        "correct (prior correction, CalibratedClassifierCV) before reporting risks.",
        "10_calibration",
    ))
    return recs


_audit_function = audit


class _CallableModule(types.ModuleType):
    """This module, callable: calling it runs the :func:`audit` function.

    The module and its main function share the name ``audit``, and once the
    module is imported, the package attribute ``imbalance_lab.audit`` is the
    module. So that every spelling is the same object and does the same
    thing -- ``imbalance_lab.audit(df, target=...)``, ``from imbalance_lab
    import audit`` and ``from imbalance_lab.audit import audit`` -- the module
    is callable, and its attribute ``audit`` is the module itself.
    """

    def __call__(self, df, target, positive=None) -> AuditReport:
        return _audit_function(df, target, positive)


sys.modules[__name__].__class__ = _CallableModule
audit = sys.modules[__name__]  # see _CallableModule: imbalance_lab.audit.audit is imbalance_lab.audit
