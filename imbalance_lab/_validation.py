"""Input checks shared by the public functions of :mod:`imbalance_lab`.

Every public function validates what it is given at the boundary and raises a
``ValueError`` or ``TypeError`` that says what was wrong and what to do, so a
learner never meets a bare traceback from deep inside a library.
"""
from __future__ import annotations

from collections.abc import Sequence
from numbers import Real

import numpy as np
import pandas as pd

__all__: list[str] = []


def check_probability(value, name: str, *, closed: bool = True) -> float:
    """Return ``value`` as a float after checking it is a probability.

    ``closed=True`` accepts [0, 1]; ``closed=False`` demands (0, 1).
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number between 0 and 1; got {value!r} ({type(value).__name__}).")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number between 0 and 1; got {value}.")
    if closed and not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1]; got {value}.")
    if not closed and not 0.0 < value < 1.0:
        raise ValueError(
            f"{name} must lie strictly between 0 and 1 (a share of patients, such as 0.05 for 5 %); got {value}."
        )
    return value


def check_positive_int(value, name: str, *, minimum: int = 1, hint: str = "") -> int:
    """Return ``value`` as an int after checking it is a whole number >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number{hint}; got {value!r} ({type(value).__name__}).")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}{hint}; got {value}.")
    return int(value)


def check_seed(value, name: str = "random_state", *, allow_none: bool = False):
    """Return ``value`` after checking it is a usable seed: a whole number >= 0 (or None when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole-number seed such as 42; got {value!r} ({type(value).__name__}).")
    if value < 0 or value > 2**32 - 1:
        raise ValueError(f"{name} must be a seed between 0 and 2**32 - 1, such as 42; got {value}.")
    return int(value)


def as_label_array(y, name: str = "y") -> np.ndarray:
    """Return labels as a 1-D numpy array, refusing empty input and missing labels."""
    if y is None:
        raise TypeError(f"{name} is None: pass the class labels (a list, array or pandas Series).")
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"{name} is a DataFrame with {y.shape[1]} columns; pass the one target column, e.g. df['diagnosis']."
            )
        y = y.iloc[:, 0]
    arr = np.asarray(y, dtype=object if isinstance(y, pd.Series) and y.dtype == object else None)
    if arr.ndim != 1:
        arr = np.ravel(arr) if arr.ndim == 2 and 1 in arr.shape else arr
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional (one label per row); got shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty: there are no labels to work with.")
    missing = pd.isna(pd.Series(arr, dtype=object))
    if missing.any():
        raise ValueError(
            f"{name} has {int(missing.sum())} missing label(s) (NaN/None), first at position "
            f"{int(np.flatnonzero(missing.to_numpy())[0])}; drop or label those rows before measuring imbalance."
        )
    return arr


def check_same_length(*pairs: tuple[str, Sequence]) -> None:
    """Raise when the named sequences do not have the same number of rows."""
    lengths = {name: len(values) for name, values in pairs}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{n} has {k}" for n, k in lengths.items())
        raise ValueError(f"inputs have different lengths ({listed}); they must describe the same rows.")


def check_scores(y_score, name: str = "y_score") -> np.ndarray:
    """Return scores as a finite 1-D float array."""
    try:
        arr = np.asarray(y_score, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers (predicted probabilities or scores): {exc}") from None
    if arr.ndim == 2 and arr.shape[1] == 2:
        raise ValueError(
            f"{name} has two columns: pass the positive-class column only, e.g. model.predict_proba(X)[:, 1]."
        )
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one score per row (1-D); got shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty.")
    if not np.all(np.isfinite(arr)):
        bad = int(np.sum(~np.isfinite(arr)))
        raise ValueError(f"{name} has {bad} NaN or infinite value(s); a model's scores must all be finite numbers.")
    return arr


def single_class_message(name: str, label, what: str = "metrics for imbalance need both classes present") -> str:
    """The one message for a target that holds a single class."""
    return (
        f"{name} has a single class ({label!r}); {what}. "
        "Check the split (use stratify=y) or the filter that produced these rows."
    )


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _classes(arr: np.ndarray) -> list:
    """The distinct labels of a 1-D array, in order of appearance, as plain Python values."""
    return [_plain(c) for c in pd.unique(pd.Series(arr, dtype=object, copy=False))]


def infer_pos_label(classes, name: str = "y"):
    """The positive label implied by 0/1 or False/True labels; otherwise a ValueError listing the labels."""
    as_set = set(classes)
    if as_set <= {False, True} and any(isinstance(c, bool) for c in classes):
        return True
    if as_set <= {0, 1}:
        return 1
    raise ValueError(
        f"{name} has labels {sorted(map(repr, classes))}, not 0/1 or False/True: say which one is the positive "
        "(minority, 'sick') class with pos_label=..., e.g. pos_label='sick'."
    )


def to_binary(values, pos_label) -> np.ndarray:
    """``values == pos_label`` as a 0/1 int array (one vectorised comparison)."""
    arr = np.asarray(values)
    if arr.dtype == object or arr.dtype.kind in "US" or isinstance(pos_label, str):
        hit = np.asarray(pd.Series(arr, dtype=object, copy=False) == pos_label)
    else:
        hit = arr == pos_label
    return np.asarray(hit, dtype=np.int64)


def binary_target(y, pos_label=None, name: str = "y") -> tuple[np.ndarray, object]:
    """Return (y as 0/1 int array, the positive label) for a two-class target.

    Integer or boolean labels {0, 1} take 1 (True) as positive when
    ``pos_label`` is None; any other labels (for example strings) need an
    explicit ``pos_label``, and the error lists them.
    """
    arr = as_label_array(y, name)
    classes = _classes(arr)
    if len(classes) > 2:
        raise ValueError(
            f"{name} has {len(classes)} classes ({', '.join(map(repr, classes[:6]))}); this function is for "
            "two classes. For several classes use sklearn.metrics.classification_report or "
            "imblearn.metrics.classification_report_imbalanced."
        )
    if len(classes) < 2 and pos_label is None:
        raise ValueError(single_class_message(name, classes[0]))
    if pos_label is None:
        pos_label = infer_pos_label(classes, name)
    if not any(c == pos_label for c in classes):
        raise ValueError(
            f"pos_label={pos_label!r} is not one of the labels in {name} ({', '.join(map(repr, classes))})."
        )
    if len(classes) < 2:
        raise ValueError(single_class_message(name, classes[0]))
    return to_binary(arr, pos_label), pos_label


def check_digits(digits, name: str = "digits") -> int | None:
    """Return ``digits`` (decimal places to round to) as an int >= 0, or None for full precision."""
    if digits is None:
        return None
    return check_positive_int(digits, name, minimum=0,
                              hint=" (decimal places to round to), or None for full precision")


def check_confidence_level(confidence_level) -> float:
    """Return a confidence level strictly between 0 and 1, such as 0.95."""
    if isinstance(confidence_level, bool) or not isinstance(confidence_level, Real):
        raise TypeError(f"confidence_level must be a number such as 0.95; got {confidence_level!r}.")
    level = float(confidence_level)
    if not 0.0 < level < 1.0:
        raise ValueError(
            f"confidence_level must lie strictly between 0 and 1 (0.95 for a 95 % interval); got {confidence_level}."
        )
    return level


def check_cost(value, name: str) -> float:
    """Return the cost of one error as a finite float >= 0."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number (the cost of one such error); got {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}.")
    if value < 0:
        raise ValueError(
            f"{name} must not be negative (it is what one error costs); got {value}. "
            "Express a benefit of correct decisions as a cost of the opposite error instead."
        )
    return value


def check_costs(cost_fp, cost_fn) -> tuple[float, float]:
    """Return (cost_fp, cost_fn) after checking each, and that they are not both 0."""
    cost_fp = check_cost(cost_fp, "cost_fp")
    cost_fn = check_cost(cost_fn, "cost_fn")
    if cost_fp == 0 and cost_fn == 0:
        raise ValueError(
            "cost_fp and cost_fn are both 0: with no cost for any error every threshold is optimal. "
            "Give at least one of them a positive cost, e.g. cost_fp=1, cost_fn=10."
        )
    return cost_fp, cost_fn


def check_number(value, name: str, *, allow_none: bool = False, unit_interval: bool = False,
                 hint: str = "") -> float | None:
    """Return ``value`` as a finite float (or None when allowed); in [0, 1] when ``unit_interval``."""
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(
            f"{name} must be a number such as 0.3{', or None' if allow_none else ''}; "
            f"got {value!r} ({type(value).__name__}). Convert text first, e.g. float('0.3')."
        )
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number{' or None' if allow_none else ''}; got {value!r}.")
    if unit_interval and not 0.0 <= value <= 1.0:
        raise ValueError(f"{name}={value!r} lies outside [0, 1]{hint}.")
    return value
