"""Offline, deterministic data sets for the course.

Four families, none of which downloads anything:

* :func:`make_clinical_cohort` -- a synthetic screening cohort whose disease
  depends on plausible clinical features; :func:`load_clinical_data` reads the
  committed ``data/clinical_data.csv`` (1,000 patients, 950 healthy / 50 sick)
  that this generator wrote. Larger ``n_patients`` with a small ``prevalence``
  gives the rare-disease settings (1:100, 1:200, ...).
* :func:`make_subtype_cohort` -- a Parkinson's-style cohort with three motor
  subtypes (about 8:3:1) and numeric plus nominal features;
  :func:`load_subtype_data` reads ``data/subtype_data.csv``.
* :func:`load_breast_cancer_imbalanced` -- real patients: scikit-learn's bundled
  Wisconsin diagnostic data, made imbalanced with
  :func:`imblearn.datasets.make_imbalance`. It is nearly separable (a plain
  logistic regression reaches a ROC-AUC near 0.99), so it flatters every method.
* More real patients, extracted once from data files that scikit-survival ships
  and committed as CSV files with data cards: :func:`load_actg320` (an HIV
  trial, 8 % with AIDS or death, coded nominal features) and
  :func:`load_flchain` (a population cohort, 28 % died during follow-up,
  missing creatinine, nominal features). :data:`REAL_DATASETS` lists the real
  data sets with their target and nominal columns.

The CSV files are written by ``tools/write_data.py`` (``make data``), never by
the package itself.

:data:`CLINICAL_BOUNDS` is the single source of truth for each clinical
feature's unit, physiological range and precision.

The patients made by the generators are synthetic: they are not real people;
the other loaders return real, de-identified patients.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from ._validation import check_positive_int, check_probability, check_seed

__all__ = [
    "Bound",
    "CLINICAL_BOUNDS",
    "SUBTYPE_BOUNDS",
    "SUBTYPE_NOMINAL",
    "DATA_DIR",
    "make_clinical_cohort",
    "load_clinical_data",
    "make_subtype_cohort",
    "load_subtype_data",
    "load_breast_cancer_imbalanced",
    "read_csv_checked",
    "ACTG320_NOMINAL",
    "FLCHAIN_NOMINAL",
    "REAL_DATASETS",
    "load_actg320",
    "load_flchain",
]

#: Folder holding the committed CSV files and their data cards: inside the
#: installed package (a built wheel carries them as imbalance_lab/data), else
#: the repository's top-level data/ (a source checkout, an editable install).
_PACKAGED_DATA = Path(__file__).resolve().parent / "data"
DATA_DIR = _PACKAGED_DATA if (_PACKAGED_DATA / "clinical_data.csv").is_file() else _PACKAGED_DATA.parent.parent / "data"


@dataclass(frozen=True)
class Bound:
    """Unit, physiological range and precision of one clinical feature.

    Parameters
    ----------
    unit : str
        Unit the values are recorded in.
    low, high : float
        Smallest and largest physiologically possible value.
    decimals : int
        Number of decimals the value is recorded with; 0 means a whole number.
    description : str
        What the column holds, in plain words.
    """

    unit: str
    low: float
    high: float
    decimals: int
    description: str

    def __post_init__(self):
        for name in ("low", "high"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
                raise TypeError(f"Bound.{name} must be a number; got {value!r}.")
            if not np.isfinite(value):
                raise ValueError(f"Bound.{name} must be finite; got {value}.")
        if not self.low < self.high:
            raise ValueError(f"Bound needs low < high; got low={self.low}, high={self.high}.")
        check_positive_int(self.decimals, "Bound.decimals", minimum=0)

    @property
    def integer(self) -> bool:
        """True when the feature is recorded as a whole number."""
        return self.decimals == 0


CLINICAL_BOUNDS = MappingProxyType(
    {
        "age": Bound("years", 18, 95, 0, "age at screening, whole years"),
        "male": Bound("0/1", 0, 1, 0, "sex recorded at birth: 1 male, 0 female"),
        "bmi": Bound("kg/m²", 15.0, 60.0, 1, "body-mass index"),
        "systolic_bp": Bound("mmHg", 80, 220, 0, "systolic blood pressure, seated"),
        "heart_rate": Bound("beats/min", 40, 150, 0, "resting heart rate"),
        "glucose": Bound("mg/dL", 50, 400, 0, "fasting plasma glucose"),
        "hba1c": Bound("%", 4.0, 15.0, 1, "glycated haemoglobin (HbA1c), NGSP %"),
        "cholesterol": Bound("mg/dL", 100, 400, 0, "total cholesterol"),
        "creatinine": Bound("mg/dL", 0.3, 10.0, 2, "serum creatinine"),
        "smoker": Bound("0/1", 0, 1, 0, "current smoker: 1 yes, 0 no"),
    }
)
"""Physiological bounds of the clinical cohort's features (read-only mapping)."""

# Weights of the standardised features in the latent disease score: glycaemia,
# age, blood pressure and adiposity dominate, as in cardiometabolic screening.
_RISK_WEIGHTS = {
    "age": 0.55,
    "male": 0.15,
    "bmi": 0.30,
    "systolic_bp": 0.35,
    "heart_rate": 0.10,
    "glucose": 0.30,
    "hba1c": 0.65,
    "cholesterol": 0.20,
    "creatinine": 0.20,
    "smoker": 0.25,
}
_NOISE_SCALE = 1.0


def _round_clip(values: np.ndarray, bound: Bound) -> np.ndarray:
    return np.round(np.clip(values, bound.low, bound.high), bound.decimals)


def _check_features(features) -> list[str]:
    if features is None:
        return list(CLINICAL_BOUNDS)
    if isinstance(features, str):
        raise TypeError("features must be a list of column names, e.g. ['age', 'hba1c'], not a single string.")
    features = list(features)
    unknown = [f for f in features if f not in CLINICAL_BOUNDS]
    if unknown:
        raise ValueError(
            f"unknown feature name(s) {unknown}; choose from {list(CLINICAL_BOUNDS)}."
        )
    if not features:
        raise ValueError(f"features is empty; choose at least one of {list(CLINICAL_BOUNDS)}.")
    return features


def make_clinical_cohort(
    n_patients: int = 1000,
    prevalence: float = 0.05,
    random_state: int = 42,
    features=None,
) -> pd.DataFrame:
    """Make a synthetic screening cohort with a binary ``diagnosis``.

    Features are drawn with realistic dependencies (blood pressure rises with
    age and BMI, HbA1c follows fasting glucose, ...) and kept inside
    :data:`CLINICAL_BOUNDS` at their recorded precision. The disease follows a
    latent risk score (a weighted sum of the standardised features plus
    logistic noise); the ``round(n_patients * prevalence)`` patients with the
    highest latent score are sick (``diagnosis == 1``), so the class counts are
    exact. A plain logistic regression reaches a ROC-AUC of roughly 0.8-0.9:
    informative, far from perfect.

    Parameters
    ----------
    n_patients : int, default=1000
        Number of rows.
    prevalence : float, default=0.05
        Share of sick patients, strictly between 0 and 1.
    random_state : int, default=42
        Seed; the same arguments always give the same frame.
    features : list of str, optional
        Subset of :data:`CLINICAL_BOUNDS` to return (all by default). The
        disease always depends on all of them.

    Returns
    -------
    pandas.DataFrame
        One row per patient: the feature columns, then ``diagnosis`` (0/1).

    Examples
    --------
    >>> df = make_clinical_cohort(1000, prevalence=0.05)
    >>> df["diagnosis"].value_counts().to_dict()
    {0: 950, 1: 50}
    >>> rare = make_clinical_cohort(20_000, prevalence=0.005)  # 1:199
    """
    n_patients = check_positive_int(n_patients, "n_patients", minimum=2)
    prevalence = check_probability(prevalence, "prevalence", closed=False)
    random_state = check_seed(random_state)
    columns = _check_features(features)
    n_sick = int(round(n_patients * prevalence))
    if n_sick < 1:
        raise ValueError(
            f"n_patients={n_patients} at prevalence={prevalence} gives round({n_patients * prevalence:.3g}) = 0 sick "
            f"patients; use at least {int(np.ceil(0.5 / prevalence))} patients for this prevalence."
        )
    if n_sick >= n_patients:
        raise ValueError(
            f"n_patients={n_patients} at prevalence={prevalence} leaves no healthy patient; lower the prevalence."
        )

    rng = np.random.default_rng(random_state)
    n = n_patients
    b = CLINICAL_BOUNDS
    age = rng.normal(52, 15, n)
    male = (rng.random(n) < 0.48).astype(float)
    smoker = (rng.random(n) < 0.18 + 0.06 * male).astype(float)
    bmi = rng.normal(27.0 + 0.03 * (age - 50), 4.5, n)
    systolic = rng.normal(120 + 0.45 * (age - 50) + 0.9 * (bmi - 27) + 4 * male, 14, n)
    heart_rate = rng.normal(71 + 4 * smoker + 0.3 * (bmi - 27), 10, n)
    glucose = 93 + 1.6 * (bmi - 27) + 0.25 * (age - 50) + rng.gamma(2.0, 6.0, n) - 12
    hba1c = 2.9 + 0.029 * glucose + rng.normal(0, 0.35, n)
    cholesterol = rng.normal(195 + 0.5 * (age - 50) + 1.2 * (bmi - 27), 36, n)
    creatinine = np.exp(rng.normal(np.log(0.85 + 0.17 * male) + 0.004 * (age - 50), 0.18, n))

    raw = {
        "age": age,
        "male": male,
        "bmi": bmi,
        "systolic_bp": systolic,
        "heart_rate": heart_rate,
        "glucose": glucose,
        "hba1c": hba1c,
        "cholesterol": cholesterol,
        "creatinine": creatinine,
        "smoker": smoker,
    }
    clean = {name: _round_clip(values, b[name]) for name, values in raw.items()}
    latent = np.zeros(n)
    for name, weight in _RISK_WEIGHTS.items():
        x = clean[name]
        sd = x.std()
        latent += weight * (x - x.mean()) / (sd if sd > 0 else 1.0)
    latent += rng.logistic(0.0, _NOISE_SCALE, n)
    sick = np.zeros(n, dtype=np.int64)
    sick[np.argsort(-latent, kind="stable")[:n_sick]] = 1

    frame = pd.DataFrame(
        {name: (clean[name].astype(np.int64) if b[name].integer else clean[name]) for name in columns}
    )
    frame["diagnosis"] = sick
    return frame


def read_csv_checked(
    path, dtypes: dict, *, target: str | None = None, allow_missing=(), levels: dict | None = None
) -> pd.DataFrame:
    """Read a CSV, checking that every expected column exists and every value parses.

    Unlike a bare :func:`pandas.read_csv`, a value that cannot be read as its
    column's type is an error that names the file line, never a silent NaN or
    a dropped row.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    dtypes : dict
        Column name -> ``"int"``, ``"float"`` or ``"str"``.
    target : str, optional
        Name of the target column, checked first for a clearer message.
    allow_missing : collection of str, default=()
        ``"float"`` columns in which an empty cell is a missing value (read as
        NaN). Anywhere else an empty cell is an error.
    levels : dict, optional
        Column -> the values it may hold (as written in the file, e.g.
        ``{"sex": ("F", "M")}``); any other value is an error naming its line.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no data file at {path}. The course's data lives in {DATA_DIR}; run from a clone of the "
            "project, or regenerate the file with the call named in its data card."
        )
    if not isinstance(dtypes, dict) or not dtypes:
        raise TypeError("dtypes must be a non-empty dict of column name -> 'int', 'float' or 'str'.")
    unknown = {c: k for c, k in dtypes.items() if k not in ("int", "float", "str")}
    if unknown:
        raise ValueError(f"dtypes may only hold 'int', 'float' or 'str'; got {unknown}.")
    if isinstance(allow_missing, str):
        allow_missing = (allow_missing,)
    allow_missing = set(allow_missing)
    wrong = sorted(c for c in allow_missing if dtypes.get(c) != "float")
    if wrong:
        raise ValueError(f"allow_missing may only name 'float' columns of dtypes; got {wrong}.")
    levels = {} if levels is None else dict(levels)
    wrong = sorted(c for c in levels if c not in dtypes)
    if wrong:
        raise ValueError(f"levels names column(s) {wrong} that are not in dtypes.")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    line_of = _data_line_numbers(path, len(raw))
    if target is not None and target not in raw.columns:
        raise KeyError(f"{path.name} has no target column {target!r}; its columns are {list(raw.columns)}.")
    missing = [c for c in dtypes if c not in raw.columns]
    if missing:
        raise KeyError(f"{path.name} lacks column(s) {missing}; its columns are {list(raw.columns)}.")
    out = {}
    for column, allowed in levels.items():
        text = raw[column].str.strip()
        outside = ~text.isin([str(v) for v in allowed])
        if outside.any():
            row = int(np.flatnonzero(outside.to_numpy())[0])
            raise ValueError(
                f"{path.name}, line {line_of(row)}: column {column!r} holds {raw[column].iloc[row]!r}, "
                f"which is not one of its levels {[str(v) for v in allowed]}."
            )
    for column, kind in dtypes.items():
        text = raw[column].str.strip()
        if kind == "str":
            empty = text == ""
            if empty.any():
                line = line_of(int(np.flatnonzero(empty.to_numpy())[0]))
                raise ValueError(f"{path.name}, line {line}: column {column!r} is empty.")
            out[column] = text.astype("str")
            continue
        values = pd.to_numeric(text, errors="coerce")
        bad = ~np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))  # unparsable, NaN or infinite
        if column in allow_missing:
            bad &= (text != "").to_numpy()  # an empty cell is a missing value here, nothing else is
        if kind == "int":
            whole = np.where(bad, 0.0, values.to_numpy(dtype=float, na_value=0.0))
            bad |= ~np.isclose(whole % 1, 0)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"{path.name}, line {line_of(row)}: column {column!r} holds {raw[column].iloc[row]!r}, "
                f"which is not a valid {kind}. Fix or remove that line; no row is dropped silently."
            )
        out[column] = values.astype(np.int64 if kind == "int" else np.float64)
    return pd.DataFrame(out)


def _data_line_numbers(path: Path, n_rows: int):
    """Map a row position of the frame to its line number in the file (1 = header).

    pandas skips blank lines, so the row's position + 2 is wrong after one;
    count the non-blank lines instead. When quoted fields span lines the
    count does not match the rows, and the plain position + 2 is used.
    """
    with path.open(encoding="utf-8", errors="replace") as fh:
        lines = [i for i, text in enumerate(fh, start=1) if text.strip()]
    data_lines = lines[1:]
    if len(data_lines) == n_rows:
        return lambda row: data_lines[row]
    return lambda row: row + 2


def _clinical_dtypes() -> dict:
    dtypes = {name: ("int" if bound.integer else "float") for name, bound in CLINICAL_BOUNDS.items()}
    dtypes["diagnosis"] = "int"
    return dtypes


def load_clinical_data(path=None) -> pd.DataFrame:
    """Read ``data/clinical_data.csv``: 1,000 synthetic patients, 950 healthy and 50 sick.

    The file was written by ``make_clinical_cohort(1000, prevalence=0.05,
    random_state=42)``; see ``data/clinical_data.md`` for its data card.

    Parameters
    ----------
    path : str or Path, optional
        Another CSV with the same columns (default: the course's file).

    Returns
    -------
    pandas.DataFrame
        Integer columns as ``int64``, measured values as ``float64``, target
        ``diagnosis`` (0 healthy, 1 sick).
    """
    path = DATA_DIR / "clinical_data.csv" if path is None else path
    return read_csv_checked(path, _clinical_dtypes(), target="diagnosis")


# --------------------------------------------------------------------------
# Parkinson's-style subtype cohort
# --------------------------------------------------------------------------

SUBTYPE_BOUNDS = MappingProxyType(
    {
        "age_at_onset": Bound("years", 30, 90, 0, "age when motor symptoms began"),
        "disease_duration": Bound("years", 0.5, 30.0, 1, "years since diagnosis"),
        "updrs_iii": Bound("points", 0, 132, 0, "MDS-UPDRS part III motor score (0-132)"),
        "moca": Bound("points", 0, 30, 0, "Montreal Cognitive Assessment (0-30)"),
        "hoehn_yahr": Bound("stage", 1, 5, 0, "Hoehn and Yahr stage (1-5)"),
        "ledd": Bound("mg/day", 0, 3000, 0, "levodopa-equivalent daily dose"),
    }
)
"""Bounds of the subtype cohort's numeric features (read-only mapping)."""

SUBTYPE_NOMINAL = ("sex", "dominant_side", "tremor_dominant", "family_history")
"""Nominal (string) columns of the subtype cohort."""

_SUBTYPES = ("mild_motor", "intermediate", "diffuse_malignant")


def make_subtype_cohort(
    n_patients: int = 600,
    proportions=(8, 3, 1),
    random_state: int = 42,
) -> pd.DataFrame:
    """Make a synthetic Parkinson's-style cohort with three motor subtypes.

    Subtypes follow the clinical clustering into mild motor-predominant,
    intermediate and diffuse malignant disease, at counts proportional to
    ``proportions`` (default 8:3:1, so 400 / 150 / 50 of 600). Numeric features
    (:data:`SUBTYPE_BOUNDS`) shift with severity; nominal features
    (:data:`SUBTYPE_NOMINAL`) are strings, as pandas 3 reads them.

    Parameters
    ----------
    n_patients : int, default=600
    proportions : sequence of 3 positive numbers, default=(8, 3, 1)
        Relative sizes of mild_motor, intermediate and diffuse_malignant.
    random_state : int, default=42

    Returns
    -------
    pandas.DataFrame
        Numeric and nominal feature columns, then ``subtype`` (str).

    Examples
    --------
    >>> make_subtype_cohort()["subtype"].value_counts().to_dict()
    {'mild_motor': 400, 'intermediate': 150, 'diffuse_malignant': 50}
    """
    n_patients = check_positive_int(n_patients, "n_patients", minimum=3)
    random_state = check_seed(random_state)
    if isinstance(proportions, str):
        raise TypeError(f"proportions must be three positive numbers, e.g. (8, 3, 1); got the string {proportions!r}.")
    try:
        props = np.asarray(list(proportions), dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"proportions must be three positive numbers, e.g. (8, 3, 1); got {proportions!r}.") from None
    if props.shape != (3,) or not np.all(np.isfinite(props)) or np.any(props <= 0):
        raise ValueError(f"proportions must be three positive numbers, e.g. (8, 3, 1); got {tuple(proportions)}.")
    counts = np.floor(n_patients * props / props.sum()).astype(int)
    counts[0] += n_patients - counts.sum()
    if np.any(counts < 1):
        raise ValueError(
            f"n_patients={n_patients} with proportions {tuple(proportions)} leaves a subtype with no patient; "
            "use more patients."
        )
    rng = np.random.default_rng(random_state)
    severity = np.repeat(np.arange(3), counts)  # 0 mild, 1 intermediate, 2 diffuse malignant
    n = n_patients
    s = severity.astype(float)
    b = SUBTYPE_BOUNDS
    numeric = {
        "age_at_onset": rng.normal(58 + 5 * s, 9, n),
        "disease_duration": rng.gamma(2.2, 2.2 + 0.6 * s, n) + 0.5,
        "updrs_iii": rng.normal(20 + 11 * s, 8, n),
        "moca": rng.normal(27 - 2.6 * s, 2.2, n),
        "hoehn_yahr": rng.normal(1.6 + 0.7 * s, 0.6, n),
        "ledd": rng.normal(350 + 220 * s, 180, n),
    }
    frame = pd.DataFrame(
        {
            name: (_round_clip(v, b[name]).astype(np.int64) if b[name].integer else _round_clip(v, b[name]))
            for name, v in numeric.items()
        }
    )
    frame["sex"] = np.where(rng.random(n) < 0.60 + 0.05 * s, "M", "F")
    frame["dominant_side"] = np.where(rng.random(n) < 0.55, "right", "left")
    frame["tremor_dominant"] = np.where(rng.random(n) < 0.70 - 0.25 * s, "yes", "no")
    frame["family_history"] = np.where(rng.random(n) < 0.12 + 0.04 * s, "yes", "no")
    frame["subtype"] = np.asarray(_SUBTYPES)[severity]
    order = rng.permutation(n)
    frame = frame.iloc[order].reset_index(drop=True)
    for col in (*SUBTYPE_NOMINAL, "subtype"):
        frame[col] = frame[col].astype("str")
    return frame


def load_subtype_data(path=None) -> pd.DataFrame:
    """Read ``data/subtype_data.csv``: 600 synthetic patients in three subtypes (400 / 150 / 50).

    Written by ``make_subtype_cohort(600, proportions=(8, 3, 1), random_state=42)``;
    see ``data/subtype_data.md``.
    """
    path = DATA_DIR / "subtype_data.csv" if path is None else path
    dtypes = {name: ("int" if bound.integer else "float") for name, bound in SUBTYPE_BOUNDS.items()}
    dtypes.update({name: "str" for name in SUBTYPE_NOMINAL})
    dtypes["subtype"] = "str"
    return read_csv_checked(path, dtypes, target="subtype")


# --------------------------------------------------------------------------
# Real patients: Wisconsin diagnostic breast cancer
# --------------------------------------------------------------------------


def load_breast_cancer_imbalanced(n_malignant: int = 36, random_state: int = 42) -> pd.DataFrame:
    """Wisconsin diagnostic breast-cancer data (real patients) with few malignant cases.

    scikit-learn ships the data (569 patients: 357 benign, 212 malignant). This
    keeps every benign patient and a random ``n_malignant`` of the malignant
    ones using :func:`imblearn.datasets.make_imbalance`, so the default gives
    357 : 36, an imbalance ratio of about 10:1.

    Parameters
    ----------
    n_malignant : int, default=36
        Malignant patients to keep, between 1 and 212.
    random_state : int, default=42

    Returns
    -------
    pandas.DataFrame
        The 30 numeric features and ``diagnosis``: 1 malignant (positive), 0 benign.
    """
    from imblearn.datasets import make_imbalance
    from sklearn.datasets import load_breast_cancer

    n_malignant = check_positive_int(n_malignant, "n_malignant", minimum=1)
    random_state = check_seed(random_state, allow_none=True)
    if n_malignant > 212:
        raise ValueError(f"n_malignant must be at most 212 (all malignant patients in the data); got {n_malignant}.")
    bunch = load_breast_cancer(as_frame=True)
    X = bunch.data
    # scikit-learn codes malignant as 0; the course's positive class is 1.
    y = (bunch.target == 0).astype(np.int64).rename("diagnosis")
    X_res, y_res = make_imbalance(X, y, sampling_strategy={1: n_malignant}, random_state=random_state)
    frame = X_res.reset_index(drop=True)
    frame["diagnosis"] = np.asarray(y_res, dtype=np.int64)
    return frame


# --------------------------------------------------------------------------
# More real patients, extracted from scikit-survival's bundled data
# --------------------------------------------------------------------------

_ACTG320_DTYPES = {
    "age": "int",
    "sex": "int",
    "raceth": "int",
    "ivdrug": "int",
    "hemophil": "int",
    "karnof": "int",
    "cd4": "float",
    "priorzdv": "float",
    "tx": "int",
    "txgrp": "int",
    "strat2": "int",
    "aids_or_death": "int",
}
_ACTG320_LEVELS = {
    "sex": (1, 2),
    "raceth": (1, 2, 3, 4, 5, 6),
    "ivdrug": (1, 2, 3),
    "hemophil": (0, 1),
    "karnof": (70, 80, 90, 100),
    "tx": (0, 1),
    "txgrp": (1, 2, 3, 4),
    "strat2": (0, 1),
    "aids_or_death": (0, 1),
}

ACTG320_NOMINAL = ("raceth", "ivdrug", "txgrp")
"""Coded nominal columns of :func:`load_actg320` with more than two levels (one-hot encode them)."""


def load_actg320(path=None) -> pd.DataFrame:
    """Read ``data/actg320.csv``: 1,151 real patients of the ACTG 320 HIV trial, 96 (8.3 %) with AIDS or death.

    AIDS Clinical Trials Group study 320 (Hammer et al., NEJM 1997) randomised
    HIV-infected adults with CD4 counts of at most 200 cells/mm³ to two or three
    drugs. The outcome ``aids_or_death`` is 1 when an AIDS-defining event or
    death was recorded during the trial's follow-up (at most 364 days), else 0.
    Extracted from the copy scikit-survival ships (``load_aids``); see
    ``data/actg320.md`` for the codes, the licence (GPL-3.0-or-later, the
    file's own) and its quirks.

    Parameters
    ----------
    path : str or Path, optional
        A copy of ``actg320.csv`` kept elsewhere (default: the one the course ships).

    Returns
    -------
    pandas.DataFrame
        Eleven features, all numbers: coded ones (``sex``, ``raceth``,
        ``ivdrug``, ``hemophil``, ``karnof``, ``tx``, ``txgrp``, ``strat2``) as
        ``int64`` with their levels checked, ``cd4`` and ``priorzdv`` as
        ``float64``; target ``aids_or_death`` (0/1). :data:`ACTG320_NOMINAL`
        names the coded columns with more than two unordered levels.

    Examples
    --------
    >>> df = load_actg320()
    >>> df["aids_or_death"].value_counts().to_dict()
    {0: 1055, 1: 96}
    """
    path = DATA_DIR / "actg320.csv" if path is None else path
    return read_csv_checked(path, _ACTG320_DTYPES, target="aids_or_death", levels=_ACTG320_LEVELS)


_FLCHAIN_DTYPES = {
    "age": "int",
    "sex": "str",
    "sample_yr": "int",
    "kappa": "float",
    "lambda": "float",
    "flc_grp": "int",
    "creatinine": "float",
    "mgus": "str",
    "death": "int",
}
_FLCHAIN_LEVELS = {
    "sex": ("F", "M"),
    "sample_yr": tuple(range(1995, 2004)),
    "flc_grp": tuple(range(1, 11)),
    "mgus": ("no", "yes"),
    "death": (0, 1),
}

FLCHAIN_NOMINAL = ("sex", "mgus")
"""Nominal (string) columns of :func:`load_flchain` (one-hot encode them)."""


def load_flchain(path=None) -> pd.DataFrame:
    """Read ``data/flchain.csv``: 7,874 real residents of Olmsted County, 2,169 (27.5 %) died during follow-up.

    The serum free light chain study (Dispenzieri et al., Mayo Clinic
    Proceedings 2012) measured the kappa and lambda free light chains of
    residents aged 50 or more and followed them for death. The outcome
    ``death`` is 1 when the person died during follow-up (up to about 14
    years; the follow-up time and the cause of death are not included, as both
    give the outcome away). ``creatinine`` is missing for 1,350 people (NaN).
    Extracted from the copy scikit-survival ships (``load_flchain``); see
    ``data/flchain.md`` for units, the licence (GPL-3.0-or-later, the file's
    own) and its quirks.

    Parameters
    ----------
    path : str or Path, optional
        Read this file instead of the shipped ``flchain.csv``, e.g. a copy kept elsewhere.

    Returns
    -------
    pandas.DataFrame
        ``sex`` and ``mgus`` as strings (levels checked), ``sample_yr`` and
        ``flc_grp`` as ``int64``, measurements as ``float64`` with NaN where
        creatinine was not measured; target ``death`` (0/1).

    Examples
    --------
    >>> df = load_flchain()
    >>> df["death"].value_counts().to_dict(), int(df["creatinine"].isna().sum())
    ({0: 5705, 1: 2169}, 1350)
    """
    path = DATA_DIR / "flchain.csv" if path is None else path
    return read_csv_checked(
        path, _FLCHAIN_DTYPES, target="death", allow_missing=("creatinine",), levels=_FLCHAIN_LEVELS
    )


REAL_DATASETS = MappingProxyType(
    {
        "breast_cancer": ("load_breast_cancer_imbalanced", "diagnosis", ()),
        "actg320": ("load_actg320", "aids_or_death", ACTG320_NOMINAL),
        "flchain": ("load_flchain", "death", FLCHAIN_NOMINAL),
    }
)
"""The real data sets: name -> (loader name in this module, target column, nominal columns)."""
