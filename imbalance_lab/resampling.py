"""Samplers usable inside :class:`imblearn.pipeline.Pipeline`.

* :class:`ClinicalBoundsSampler` -- wraps an imbalanced-learn over-sampler
  (SMOTE, BorderlineSMOTE, SVMSMOTE, ADASYN, SMOTENC,
  ``RandomOverSampler(shrinkage=...)``, ...) and repairs the **synthetic rows
  only**: every bounded column is rounded to the precision it is recorded
  with and kept inside its physiological range. Original rows come back
  exactly as they went in, in the same order.
* :func:`out_of_bounds_mask` and :func:`count_out_of_bounds` -- which values of
  a frame are impossible under a set of bounds (a fractional age, a sex of
  0.37, a negative creatinine), to count them before and after a repair.

Bounds are a mapping ``column -> bound``. A bound is a
:class:`imbalance_lab.datasets.Bound` (as in ``CLINICAL_BOUNDS``), a tuple
``(low, high)`` or ``(low, high, decimals)``, or a dict with the keys
``low``, ``high`` and optionally ``decimals``. ``low`` or ``high`` may be
``None`` (no limit on that side); ``decimals=None`` means no rounding, ``0``
means whole numbers (a 0/1 column with ``decimals=0`` ends up 0 or 1). Keys
are column names or positions for a DataFrame (as ``SMOTENC``'s
``categorical_features``), and column positions for a numpy array.
"""
from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
import pandas as pd
from imblearn.base import BaseSampler
from imblearn.over_sampling import SMOTE
from imblearn.utils import check_sampling_strategy, check_target_type
from sklearn.base import clone
from sklearn.utils import get_tags
from sklearn.utils._param_validation import HasMethods
from sklearn.utils.validation import validate_data

from ._validation import _plain, single_class_message
from .datasets import CLINICAL_BOUNDS

__all__ = [
    "ClinicalBoundsSampler",
    "out_of_bounds_mask",
    "count_out_of_bounds",
]


# --------------------------------------------------------------------------
# bounds
# --------------------------------------------------------------------------


def _as_limit(value, what: str, column) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(float(value)):
        raise ValueError(f"bound of column {column!r}: {what} must be a finite number or None; got {value!r}.")
    return float(value)


def _parse_bound(column, bound) -> tuple[float | None, float | None, int | None]:
    """Return (low, high, decimals) from any accepted bound spelling."""
    if hasattr(bound, "low") and hasattr(bound, "high"):
        low, high, decimals = bound.low, bound.high, getattr(bound, "decimals", None)
    elif isinstance(bound, Mapping):
        unknown = set(bound) - {"low", "high", "decimals"}
        if unknown:
            raise ValueError(
                f"bound of column {column!r} has unknown key(s) {sorted(map(str, unknown))}; "
                "use 'low', 'high' and 'decimals'."
            )
        low, high, decimals = bound.get("low"), bound.get("high"), bound.get("decimals")
    elif isinstance(bound, (tuple, list)) and len(bound) in (2, 3):
        low, high = bound[0], bound[1]
        decimals = bound[2] if len(bound) == 3 else None
    else:
        raise TypeError(
            f"bound of column {column!r} must be a Bound, a (low, high) or (low, high, decimals) tuple, "
            f"or a dict with 'low', 'high', 'decimals'; got {bound!r}."
        )
    low = _as_limit(low, "the minimum (low)", column)
    high = _as_limit(high, "the maximum (high)", column)
    if decimals is not None:
        if isinstance(decimals, bool) or not isinstance(decimals, Integral) or decimals < 0:
            raise ValueError(
                f"bound of column {column!r}: decimals must be a whole number >= 0 (0 = whole numbers) "
                f"or None; got {decimals!r}."
            )
        decimals = int(decimals)
    if low is not None and high is not None and low > high:
        raise ValueError(
            f"bound of column {column!r}: the minimum {low:g} is above the maximum {high:g}; swap them."
        )
    if decimals is not None and low is not None and high is not None:
        if _grid_low(low, decimals) > _grid_high(high, decimals):
            raise ValueError(
                f"bound of column {column!r}: no value with {decimals} decimal(s) lies in [{low:g}, {high:g}]."
            )
    return low, high, decimals


def _grid_low(low: float, decimals: int) -> float:
    """Smallest value with ``decimals`` decimals that is >= low."""
    scale = 10.0**decimals
    return float(np.ceil(np.round(low * scale, 9)) / scale)


def _grid_high(high: float, decimals: int) -> float:
    """Largest value with ``decimals`` decimals that is <= high."""
    scale = 10.0**decimals
    return float(np.floor(np.round(high * scale, 9)) / scale)


def _resolve_bounds(X, bounds) -> dict:
    """Map each bound onto a column of X: {position: (name, low, high, decimals)}."""
    if not isinstance(bounds, Mapping):
        raise TypeError(
            "bounds must be a mapping column -> bound, e.g. imbalance_lab.datasets.CLINICAL_BOUNDS or "
            f"{{'age': (18, 95, 0)}}; got {type(bounds).__name__}."
        )
    if len(bounds) == 0:
        raise ValueError("bounds is empty: name at least one column to keep inside its range.")
    resolved = {}
    if isinstance(X, pd.DataFrame):
        columns = list(X.columns)
        positions = {}
        for key in bounds:
            if key in columns:
                positions[key] = columns.index(key)
            elif isinstance(key, Integral) and not isinstance(key, bool) and -len(columns) <= key < len(columns):
                positions[key] = int(key) % len(columns)  # a position, as SMOTENC's categorical_features
        missing = [c for c in bounds if c not in positions]
        if missing:
            raise ValueError(
                f"bounds name column(s) {missing} that X does not have. X's columns are {columns}. "
                "Pass only the bounds of the columns you resample, e.g. "
                "{c: CLINICAL_BOUNDS[c] for c in X.columns if c in CLINICAL_BOUNDS}."
            )
        for key, bound in bounds.items():
            position = positions[key]
            name = columns[position]
            dtype = X.iloc[:, position].dtype
            if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
                raise TypeError(
                    f"column {name!r} has dtype {dtype}; bounds apply to numeric columns only. "
                    "Leave nominal columns out of bounds (SMOTENC/SMOTEN copy their categories)."
                )
            resolved[position] = (name, *_parse_bound(name, bound))
    else:
        n_features = X.shape[1]
        for key, bound in bounds.items():
            if isinstance(key, bool) or not isinstance(key, Integral):
                raise ValueError(
                    f"X is a numpy array, so bounds must be keyed by column position (0 to {n_features - 1}); "
                    f"got the key {key!r}. Pass a DataFrame to use column names."
                )
            if not -n_features <= key < n_features:
                raise ValueError(
                    f"bounds name column position {key}, but X has {n_features} columns "
                    f"(positions 0 to {n_features - 1})."
                )
            position = int(key) % n_features
            if X.dtype.kind not in "iufb":
                try:
                    np.asarray(X[:, position], dtype=float)
                except (TypeError, ValueError):
                    raise TypeError(
                        f"column {position} of X holds text; bounds apply to numeric columns only. Leave nominal "
                        "columns out of bounds (SMOTENC/SMOTEN copy their categories)."
                    ) from None
            resolved[position] = (position, *_parse_bound(key, bound))
    return resolved


def _check_X(X, name: str = "X"):
    if isinstance(X, pd.DataFrame):
        return X
    if isinstance(X, pd.Series):
        raise ValueError(f"{name} is a Series (one column); pass a DataFrame, e.g. df[['age']].")
    if hasattr(X, "toarray"):
        raise TypeError(f"{name} is a sparse matrix; clinical bounds need a dense DataFrame or numpy array.")
    arr = np.asarray(X)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be two-dimensional (rows x columns); got shape {arr.shape}.")
    return arr


# --------------------------------------------------------------------------
# counting impossible values
# --------------------------------------------------------------------------


def _check_rows_to_count(X, resolved) -> None:
    """Refuse an empty X and missing values in the bounded columns: neither is inside nor outside a range."""
    if X.shape[0] == 0:
        raise ValueError(
            "X is empty (0 rows): there are no values to check against the bounds. "
            "Check the split or filter that produced it."
        )
    missing = {name: int(np.isnan(_column(X, position)).sum()) for position, (name, *_b) in resolved.items()}
    missing = {name: k for name, k in missing.items() if k}
    if missing:
        raise ValueError(
            f"X has missing values (NaN) in bounded column(s) {missing} (column: count); a missing value is "
            "neither inside nor outside its range, so it cannot be counted as possible or impossible. "
            "Count them with X.isna().sum() and impute or drop them (e.g. X.dropna()) before checking the bounds."
        )


def _column(X, position) -> np.ndarray:
    if isinstance(X, pd.DataFrame):
        return X.iloc[:, position].to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(X[:, position], dtype=float)


def _off_precision(values: np.ndarray, decimals: int | None) -> np.ndarray:
    if decimals is None:
        return np.zeros(values.shape, dtype=bool)
    rounded = np.round(values, decimals)
    tolerance = 1e-9 * np.maximum(1.0, np.abs(values))
    with np.errstate(invalid="ignore"):
        return np.abs(rounded - values) > tolerance


def _problems(X, bounds):
    """(X checked, {column: ((low, high, decimals), below, above, off_precision)}) with one bool array each."""
    X = _check_X(X)
    resolved = _resolve_bounds(X, bounds)
    _check_rows_to_count(X, resolved)
    problems = {}
    for position, (name, low, high, decimals) in resolved.items():
        values = _column(X, position)
        below = values < low if low is not None else np.zeros(values.shape, bool)
        above = values > high if high is not None else np.zeros(values.shape, bool)
        problems[name] = ((low, high, decimals), below, above, _off_precision(values, decimals))
    return X, problems


def out_of_bounds_mask(X, bounds=CLINICAL_BOUNDS) -> pd.DataFrame:
    """Which values of ``X`` are impossible under ``bounds``.

    A value is impossible when it lies below the column's minimum, above its
    maximum, or carries more decimals than the column is recorded with (a
    fractional age, a sex of 0.37).

    An empty ``X`` and missing values (NaN) in a bounded column are refused
    with a ``ValueError``: a missing value is neither possible nor impossible,
    so count it with ``X.isna().sum()`` and impute or drop it first.

    Parameters
    ----------
    X : DataFrame or 2-D array
        The rows to check (for example the output of ``SMOTE().fit_resample``).
    bounds : mapping, default=CLINICAL_BOUNDS
        Column -> bound; see the module docstring for the accepted forms.

    Returns
    -------
    pandas.DataFrame of bool
        One column per bounded column of ``X``, one row per row of ``X``
        (same index for a DataFrame); ``True`` marks an impossible value.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"age": [40, 51.5, 17], "male": [1, 0.37, 0]})
    >>> out_of_bounds_mask(X, {"age": (18, 95, 0), "male": (0, 1, 0)}).sum().to_dict()
    {'age': 2, 'male': 1}
    """
    X, problems = _problems(X, bounds)
    index = X.index if isinstance(X, pd.DataFrame) else None
    return pd.DataFrame({name: below | above | off for name, (_b, below, above, off) in problems.items()}, index=index)


def count_out_of_bounds(X, bounds=CLINICAL_BOUNDS) -> pd.DataFrame:
    """Count impossible values per column: below the minimum, above the maximum, wrong precision.

    Parameters
    ----------
    X : DataFrame or 2-D array
        The rows to check; at least one, with no missing value in a bounded
        column (as in :func:`out_of_bounds_mask`).
    bounds : mapping, default=CLINICAL_BOUNDS
        Column -> bound; see the module docstring for the accepted forms.

    Returns
    -------
    pandas.DataFrame
        One row per bounded column with the columns ``low``, ``high``,
        ``decimals`` (the bound), ``below_low``, ``above_high``,
        ``not_rounded`` (more decimals than recorded: for a whole-number
        column, a non-integer value) and ``impossible`` (values with at
        least one of the three problems).

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"age": [40, 51.5, 17], "creatinine": [0.9, -0.2, 1.13]})
    >>> table = count_out_of_bounds(X, {"age": (18, 95, 0), "creatinine": (0.3, 10, 2)})
    >>> table[["below_low", "not_rounded", "impossible"]].to_dict("index")
    {'age': {'below_low': 1, 'not_rounded': 1, 'impossible': 2}, 'creatinine': {'below_low': 1, 'not_rounded': 0, 'impossible': 1}}
    """
    _, problems = _problems(X, bounds)
    rows = {}
    for name, ((low, high, decimals), below, above, off) in problems.items():
        rows[name] = {
            "low": low,
            "high": high,
            "decimals": decimals,
            "below_low": int(below.sum()),
            "above_high": int(above.sum()),
            "not_rounded": int(off.sum()),
            "impossible": int((below | above | off).sum()),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "column"
    return table.astype({"below_low": "int64", "above_high": "int64", "not_rounded": "int64", "impossible": "int64"})


# --------------------------------------------------------------------------
# the sampler
# --------------------------------------------------------------------------

_NEIGHBOUR_PARAMS = ("k_neighbors", "n_neighbors")


def _needed_rows(sampler) -> tuple[str, int, int] | None:
    """(parameter name, its value, rows needed per resampled class), if the sampler uses neighbours."""
    for param in _NEIGHBOUR_PARAMS:
        value = getattr(sampler, param, None)
        if value is None or isinstance(value, bool):
            continue
        if isinstance(value, Integral):
            return param, int(value), int(value) + 1
        n = getattr(value, "n_neighbors", None)
        if isinstance(n, Integral):
            return param, int(n), int(n)
    return None


def _too_few_message(sampler, param, k, needed, label, count) -> str:
    name = type(sampler).__name__
    lower = f"{param}={max(count - 1, 1)}" if count >= 2 else None
    alternatives = "Use RandomOverSampler" + (f" or lower {param} (e.g. {lower})" if lower else "")
    return (
        f"{name} needs at least {needed} minority rows with {param}={k}; this training split has {count} "
        f"(class {label!r}). {alternatives}, or gather more cases of that class."
    )


def _numeric_block(X, positions) -> np.ndarray:
    if isinstance(X, pd.DataFrame):
        return X.iloc[:, positions].to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(X[:, positions], dtype=float)


def _put_block(X, positions, block):
    """A copy of X with the given columns replaced by ``block`` (float)."""
    if isinstance(X, pd.DataFrame):
        X = X.copy()
        for j, position in enumerate(positions):
            X[X.columns[position]] = block[:, j]
        return X
    X = np.array(X, dtype=float if X.dtype.kind in "iub" else X.dtype, copy=True)
    X[:, positions] = block
    return X


def _frames_equal(a, b) -> bool:
    if isinstance(b, pd.DataFrame):
        if not isinstance(a, pd.DataFrame) or a.shape != b.shape:
            return False
        return a.reset_index(drop=True).equals(b.reset_index(drop=True))
    a = np.asarray(a)
    if a.shape != b.shape:
        return False
    try:
        return bool(np.array_equal(a, b, equal_nan=True))
    except TypeError:  # object arrays cannot compare NaN
        return bool(np.array_equal(a, b))


class ClinicalBoundsSampler(BaseSampler):
    """Over-sample with another sampler, then make the synthetic patients possible.

    SMOTE and its relatives interpolate between real patients; some add
    noise or extrapolate. The new rows can carry impossible values: an age of
    57.3 years, a sex of 0.37, a creatinine below zero. This sampler runs the
    wrapped over-sampler, checks that it returned every original row first,
    unchanged and in order (as imbalanced-learn's over-samplers do), and then
    repairs the synthetic rows only: each bounded column is rounded to its
    recorded precision and kept inside ``[low, high]``.

    It is an imbalanced-learn sampler like any other: ``fit_resample``
    validates the parameters and the data as imbalanced-learn does, and
    returns the type it was given (a DataFrame with its columns and dtypes,
    a list, an array; a one-hot target comes back one-hot). Integer columns
    of a DataFrame stay integers, rounded to the nearest whole number (where
    imbalanced-learn on its own casts back by truncation). Use it inside
    :class:`imblearn.pipeline.Pipeline` so that only the training folds are
    resampled.

    Parameters
    ----------
    sampler : imblearn over-sampler, default=None
        The over-sampler to run, e.g. ``SMOTE(random_state=42)``. ``None``
        means ``SMOTE()``. It is cloned; the fitted copy is ``sampler_``.
        Samplers that remove or change rows (under-samplers, cleaning
        methods, ``SMOTEENN``, ``SMOTETomek``) are refused: after them no one
        can say which rows are synthetic. Chain a cleaning step after this
        sampler in the pipeline instead. Text (nominal) columns need a
        sampler that handles them (``SMOTENC``, ``SMOTEN``,
        ``RandomOverSampler``) or one-hot encoding before this step.
    bounds : mapping, default=None
        Column -> bound (a :class:`~imbalance_lab.datasets.Bound`, a
        ``(low, high[, decimals])`` tuple or a dict); ``low`` or ``high`` may
        be ``None`` for a one-sided bound. Keys are column names or positions
        for a DataFrame, positions for a numpy array. Every key must be a
        column of ``X``; columns without a bound are left as the wrapped
        sampler returns them. ``None`` means
        :data:`~imbalance_lab.datasets.CLINICAL_BOUNDS`, resolved when the
        sampler is fitted (so the sampler, and a pipeline holding it, can be
        cloned, deep-copied and pickled).
    standardize : bool, default=False
        If True, the wrapped sampler works on standardised numeric columns
        (z-scores of the rows it is given, that is the training fold), and the
        synthetic rows are mapped back to the recorded units before the
        repair. SMOTE-like samplers then choose neighbours with every feature
        weighing alike, as after a ``StandardScaler``, while the bounds stay in
        clinical units. Interpolation itself is unaffected (it is linear).

    Attributes
    ----------
    sampler_ : sampler
        The fitted copy of ``sampler``.
    bounds_ : dict
        The bounds applied, ``{position: (column, low, high, decimals)}``.
    sampling_strategy_ : dict
        Rows added per class, from the wrapped sampler.
    n_original_ : int
        Rows passed in (returned first, unchanged).
    n_synthetic_ : int
        Rows the wrapped sampler created.
    n_repaired_ : int
        Synthetic rows in which at least one value was changed.
    repairs_ : pandas.DataFrame
        Per bounded column: ``rounded`` (values changed by rounding alone),
        ``raised_to_low``, ``lowered_to_high`` and ``repaired`` (their sum),
        counted over the synthetic rows.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Set when ``X`` is a DataFrame.

    Raises
    ------
    ValueError
        Before the wrapped sampler runs, when ``X`` is empty, has a missing
        (NaN) or infinite value, or ``y`` holds a single class: impute inside
        the pipeline (e.g. ``SimpleImputer`` before the sampler) and split
        with ``stratify=y``. Also when a text column reaches a sampler that
        interpolates numbers.
    TypeError
        For sparse ``X``: bounds and rounding need dense columns.

    Notes
    -----
    Synthetic rows are found by position: the wrapped sampler must return
    the ``n`` input rows first, equal and in order, and the new rows after
    them. This is checked on every call (an error says so otherwise), which
    is why samplers that remove rows are refused rather than matched row by
    row: an original row could be removed and a synthetic twin kept. The
    output has a fresh ``RangeIndex``, as imbalanced-learn's samplers return.

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from imbalance_lab.datasets import load_clinical_data
    >>> df = load_clinical_data()
    >>> X, y = df.drop(columns="diagnosis"), df["diagnosis"]
    >>> sampler = ClinicalBoundsSampler(SMOTE(random_state=42))
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> X_res.iloc[: len(X)].equals(X)
    True
    >>> sorted(X_res.loc[len(X):, "male"].unique().tolist())
    [0, 1]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints: dict = {
        "sampler": [HasMethods(["fit_resample"]), None],
        "bounds": [Mapping, None],
        "standardize": ["boolean"],
    }

    def __init__(self, sampler=None, bounds=None, *, standardize=False):
        self.sampler = sampler
        self.bounds = bounds
        self.standardize = standardize

    @property
    def sampling_strategy(self):
        """The wrapped sampler's ``sampling_strategy`` (what imbalanced-learn checks before resampling)."""
        return getattr(self.sampler, "sampling_strategy", "auto")

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # bounds and rounding work on dense columns only
        # text columns go through when the wrapped sampler takes them (SMOTENC, SMOTEN, RandomOverSampler)
        wrapped = get_tags(SMOTE() if self.sampler is None else self.sampler).input_tags
        tags.input_tags.string = wrapped.string
        tags.input_tags.categorical = wrapped.categorical
        return tags

    def _check_X_y(self, X, y, accept_sparse=None):
        # As SMOTENC: a DataFrame goes through untouched (text and integer columns kept for the
        # wrapped sampler); imbalanced-learn's fit_resample then restores the input's type.
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        if hasattr(X, "toarray") or hasattr(X, "sparse"):
            raise TypeError(
                "X is a sparse matrix; clinical bounds and rounding need dense columns. Pass a DataFrame or "
                "a dense array (X.toarray()), or resample without ClinicalBoundsSampler."
            )
        wrapped = SMOTE() if self.sampler is None else self.sampler
        if isinstance(X, pd.DataFrame):
            validate_data(self, X=X, y=y, reset=True, skip_check_array=True)
            if len(X) != len(y):
                raise ValueError(f"X has {len(X)} rows but y has {len(y)}; they must describe the same rows.")
            y = np.asarray(y)
        else:
            takes_text = get_tags(wrapped).input_tags.string
            try:
                X, y = validate_data(self, X=X, y=y, reset=True, dtype=None if takes_text else "numeric",
                                     ensure_all_finite=False)
            except ValueError as exc:
                if "could not convert string to float" not in str(exc):
                    raise
                raise _text_column_error(np.asarray(X, dtype=object), wrapped) from None
        self._check_input(X, y, type(wrapped).__name__)
        return X, y, binarize_y

    def _wrapped(self):
        sampler = SMOTE() if self.sampler is None else self.sampler
        module = type(sampler).__module__
        kind = getattr(sampler, "_sampling_type", None)
        if module.startswith("imblearn.combine"):
            what = f"{type(sampler).__name__} cleans the data after over-sampling and may remove original rows"
        elif kind != "over-sampling":
            what = f"{type(sampler).__name__} is not an over-sampler (its sampling type is {kind!r}): it removes rows"
        else:
            return clone(sampler)
        raise ValueError(
            f"{what}, so its synthetic rows cannot be told apart from the originals. Wrap a pure "
            "over-sampler (SMOTE, BorderlineSMOTE, SVMSMOTE, ADASYN, SMOTENC, RandomOverSampler) and put "
            "any cleaning step after it in the pipeline, e.g. make_pipeline(ClinicalBoundsSampler(SMOTE()), "
            "EditedNearestNeighbours(), model)."
        )

    def _check_neighbours(self, sampler, y) -> None:
        need = _needed_rows(sampler)
        if need is None:
            return
        param, k, needed = need
        try:
            strategy = check_sampling_strategy(sampler.sampling_strategy, y, "over-sampling")
        except (ValueError, TypeError):
            return  # let the sampler explain its own sampling_strategy problem
        labels, counts = np.unique(y, return_counts=True)
        sizes = dict(zip(labels.tolist(), counts.tolist()))
        for label, n_new in strategy.items():
            label = label.item() if isinstance(label, np.generic) else label
            if n_new > 0 and sizes.get(label, 0) < needed:
                raise ValueError(_too_few_message(sampler, param, k, needed, label, sizes.get(label, 0)))

    def _check_input(self, X, y_arr, name: str) -> None:
        """Refuse, before the wrapped sampler sees them, data it cannot over-sample."""
        if X.shape[0] == 0:
            raise ValueError("X is empty (0 rows): there is nothing to over-sample. Check the split or filter "
                             "that produced it.")
        if X.shape[1] == 0:
            raise ValueError("X has no columns: pass the feature columns to over-sample.")
        if pd.Series(y_arr).nunique() < 2:
            raise ValueError(single_class_message(
                "y", _plain(y_arr[0]), "over-sampling needs the minority class and another one, not one class"))
        names = list(X.columns) if isinstance(X, pd.DataFrame) else list(range(X.shape[1]))
        missing = np.asarray(X.isna() if isinstance(X, pd.DataFrame) else pd.isna(X))
        if missing.any():
            where = {c: int(k) for c, k in zip(names, missing.sum(axis=0)) if k}
            raise ValueError(
                f"X has missing values (NaN) in column(s) {where} (column: count); {name} cannot take missing "
                "values: impute inside the pipeline (e.g. SimpleImputer before the sampler)."
            )
        numeric = self._numeric_positions(X)
        if numeric:
            infinite = np.isinf(_numeric_block(X, numeric)).sum(axis=0)
            if infinite.any():
                where = {names[p]: int(k) for p, k in zip(numeric, infinite) if k}
                raise ValueError(
                    f"X has infinite values in column(s) {where} (column: count); {name} cannot interpolate "
                    "between infinite values. Find where they come from (a division by zero, a log of 0) and "
                    "replace them with NaN, then impute inside the pipeline."
                )

    def _fit_resample(self, X, y, **params):
        if not isinstance(X, pd.DataFrame):
            X = np.asarray(X)
        y_arr = np.asarray(y).ravel()
        n = X.shape[0]
        bounds = dict(CLINICAL_BOUNDS) if self.bounds is None else self.bounds
        resolved = _resolve_bounds(X, bounds)
        sampler = self._wrapped()
        self._check_neighbours(sampler, y_arr)

        # Integer DataFrame columns, and bounded integer array columns, go in as floats so that the
        # wrapped sampler's raw synthetic values come back (imblearn casts a DataFrame's columns back
        # to their dtypes, which truncates); they are rounded to the nearest whole number below.
        X_in = X
        if isinstance(X, pd.DataFrame):
            integer = [p for p in self._numeric_positions(X) if X.iloc[:, p].dtype.kind in "iu"]
            if integer:
                X_in = X.astype({X.columns[p]: "float64" for p in integer})
        else:
            integer = []
            if X.dtype.kind in "iub":
                X_in = X.astype(np.float64)
        scaled = self._numeric_positions(X) if self.standardize else []
        if scaled:
            # z-scores of the rows given (the training fold): the wrapped
            # sampler's neighbour search then weighs every feature alike.
            block = _numeric_block(X_in, scaled)
            center = np.nanmean(block, axis=0)
            scale = np.nanstd(block, axis=0)
            scale[~(scale > 0)] = 1.0
            X_in = _put_block(X_in, scaled, (block - center) / scale)

        try:
            X_res, y_res = sampler.fit_resample(X_in, y_arr, **params)
        except ValueError as exc:
            if "could not convert string to float" in str(exc):
                raise _text_column_error(X, sampler) from None
            if "n_neighbors" in str(exc) and "n_samples" in str(exc):
                need = _needed_rows(sampler)
                labels, counts = np.unique(y_arr, return_counts=True)
                if need is not None:
                    raise ValueError(
                        _too_few_message(sampler, *need, labels[np.argmin(counts)], int(counts.min()))
                    ) from None
            raise

        y_res = np.asarray(y_res).ravel()
        head = X_res.iloc[:n] if isinstance(X_res, pd.DataFrame) else np.asarray(X_res)[:n]
        if not (X_res.shape[0] >= n and len(y_res) == X_res.shape[0] and _frames_equal(head, X_in)
                and np.array_equal(y_res[:n], y_arr)):
            raise ValueError(
                f"{type(sampler).__name__} did not return the {n} original rows first and unchanged, so its "
                "synthetic rows cannot be identified. ClinicalBoundsSampler works with over-samplers that "
                "only add rows (SMOTE, BorderlineSMOTE, SVMSMOTE, ADASYN, SMOTENC, RandomOverSampler)."
            )

        synthetic = X_res.iloc[n:].copy() if isinstance(X_res, pd.DataFrame) else np.array(X_res[n:], copy=True)
        if scaled:  # back to the recorded units before any repair
            synthetic = _put_block(synthetic, scaled, _numeric_block(synthetic, scaled) * scale + center)
        synthetic, table, changed_rows = _repair(synthetic, resolved, whole=set(integer))

        if isinstance(X, pd.DataFrame):
            X_out = pd.concat([X, synthetic.astype(X.dtypes.to_dict())], axis=0, ignore_index=True)
        else:
            dtype = X.dtype
            if dtype.kind in "iub":
                whole = {p for p, (_n, _l, _h, d) in resolved.items() if d == 0}
                if whole != set(range(X.shape[1])):
                    dtype = np.dtype("float64")  # some column may hold fractions
            X_out = np.concatenate([X.astype(dtype), np.asarray(synthetic).astype(dtype)], axis=0)

        self.sampler_ = sampler
        self.bounds_ = resolved
        self.sampling_strategy_ = dict(getattr(sampler, "sampling_strategy_", {}))
        self.n_original_ = int(n)
        self.n_synthetic_ = int(X_res.shape[0] - n)
        self.n_repaired_ = int(changed_rows.sum())
        self.repairs_ = table
        return X_out, y_res

    @staticmethod
    def _numeric_positions(X) -> list[int]:
        if isinstance(X, pd.DataFrame):
            return [
                i for i, dtype in enumerate(X.dtypes)
                if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
            ]
        return list(range(X.shape[1])) if X.dtype.kind in "iuf" else []


def _text_column_error(X, sampler) -> ValueError:
    """The error for text columns given to a sampler that interpolates numbers."""
    if isinstance(X, pd.DataFrame):
        text = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c].dtype)]
    else:
        text = []
        for position in range(X.shape[1]):
            try:
                np.asarray(X[:, position], dtype=float)
            except (TypeError, ValueError):
                text.append(position)
    return ValueError(
        f"column(s) {text} of X hold text, and {type(sampler).__name__} interpolates numbers only. "
        "Wrap SMOTENC(categorical_features=[...]) for a mix of numeric and nominal columns (SMOTEN when "
        "every column is nominal), or one-hot encode the text columns before this step "
        "(OneHotEncoder in a ColumnTransformer)."
    )


def _repair(synthetic, resolved: dict, *, whole: set):
    """Round and clip the bounded columns of the synthetic rows; integer columns to whole numbers.

    Returns (repaired rows, the ``repairs_`` table, mask of the rows that changed).
    """
    repairs = {}
    changed_rows = np.zeros(synthetic.shape[0], dtype=bool)
    for position in sorted(set(resolved) | whole):
        name, low, high, decimals = resolved.get(position, (None, None, None, None))
        if position in whole and (decimals is None or decimals > 0):
            decimals = 0  # an integer column holds whole numbers whatever the bound says
        values = _column(synthetic, position)
        new = values if decimals is None else np.round(values, decimals)
        rounded = new != values
        lo = _grid_low(low, decimals) if (low is not None and decimals is not None) else low
        hi = _grid_high(high, decimals) if (high is not None and decimals is not None) else high
        raised = new < lo if lo is not None else np.zeros(new.shape, bool)
        lowered = new > hi if hi is not None else np.zeros(new.shape, bool)
        if lo is not None:
            new = np.where(raised, lo, new)
        if hi is not None:
            new = np.where(lowered, hi, new)
        if name is not None:
            repairs[name] = {
                "rounded": int((rounded & ~(raised | lowered)).sum()),
                "raised_to_low": int(raised.sum()),
                "lowered_to_high": int(lowered.sum()),
            }
            changed_rows |= new != values
        if isinstance(synthetic, pd.DataFrame):
            synthetic[synthetic.columns[position]] = new
        else:
            synthetic[:, position] = new
    table = pd.DataFrame.from_dict(repairs, orient="index", dtype="int64")
    table["repaired"] = table.sum(axis=1)
    table.index.name = "column"
    return synthetic, table, changed_rows
