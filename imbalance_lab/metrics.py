"""Measuring imbalance and tidy metric tables built on scikit-learn and imbalanced-learn.

* :func:`imbalance_ratio` and :func:`imbalance_band` -- how unequal the classes
  are, and what the course's rule of thumb says to do about it.
* :func:`metrics_from_predictions` -- one row of the metrics that see the
  minority class, from labels and scores.
* :func:`evaluate` -- the same row for one or several fitted models on the
  same data, as one DataFrame (rows = models).
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._validation import as_label_array, binary_target, check_same_length, check_scores

__all__ = [
    "BANDS",
    "imbalance_ratio",
    "imbalance_band",
    "metrics_from_predictions",
    "evaluate",
]

#: The course's rule of thumb, from the article: (upper ratio, band, advice).
BANDS = (
    (4.0, "mild", "usually fine: report balanced metrics; class weights if anything"),
    (10.0, "attention", "above 4:1 deserves attention: use metrics that see the minority, consider class weights"),
    (np.inf, "act", "above 10:1: act -- class weights, resampling inside a pipeline, or threshold moving"),
)


def imbalance_ratio(y) -> float:
    """Size of the largest class divided by the size of the smallest.

    Works on any labels: integers, strings, booleans, a list or a pandas Series.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels, one per row.

    Returns
    -------
    float
        ``max(count) / min(count)``; 1.0 for perfectly balanced classes.

    Examples
    --------
    >>> imbalance_ratio([0] * 950 + [1] * 50)
    19.0
    >>> imbalance_ratio(["healthy", "healthy", "healthy", "sick"])
    3.0
    """
    arr = as_label_array(y, "y")
    counts = pd.Series(arr, dtype=object).value_counts()
    if len(counts) < 2:
        raise ValueError(
            f"y holds a single class ({counts.index[0]!r}); an imbalance ratio needs at least two classes. "
            "Check that the target column is the right one and that no filter removed a class."
        )
    return float(counts.max() / counts.min())


def imbalance_band(ratio_or_y) -> str:
    """The article's band for an imbalance ratio: ``"mild"``, ``"attention"`` or ``"act"``.

    Below 4:1 is usually fine (``"mild"``), above 4:1 deserves attention
    (``"attention"``), above 10:1 calls for action (``"act"``).

    Parameters
    ----------
    ratio_or_y : float or array-like
        An imbalance ratio (>= 1), or labels from which to compute it.

    Examples
    --------
    >>> imbalance_band(19.0)
    'act'
    >>> imbalance_band([0, 0, 0, 1])
    'mild'
    """
    if np.ndim(ratio_or_y) == 0 and not isinstance(ratio_or_y, str):
        if isinstance(ratio_or_y, bool):
            raise TypeError("pass an imbalance ratio (a number >= 1) or the labels, not a bool.")
        try:
            ratio = float(ratio_or_y)
        except (TypeError, ValueError):
            raise TypeError(f"pass an imbalance ratio (a number >= 1) or labels; got {ratio_or_y!r}.") from None
        if not np.isfinite(ratio) or ratio < 1:
            raise ValueError(
                f"an imbalance ratio is largest class / smallest class, so at least 1; got {ratio}."
            )
    else:
        ratio = imbalance_ratio(ratio_or_y)
    for upper, band, _ in BANDS:
        if ratio <= upper:
            return band
    return BANDS[-1][1]  # pragma: no cover - np.inf catches everything


def metrics_from_predictions(y_true, y_pred, y_score=None, *, pos_label=None) -> pd.Series:
    """The metrics that see the minority class, for one set of predictions.

    Every value comes from scikit-learn's or imbalanced-learn's metric
    functions: accuracy, balanced accuracy, sensitivity (recall of the
    positive class), specificity, precision (PPV), F1 of the positive class,
    F1 macro and weighted, geometric mean, and -- when scores are given --
    ROC-AUC and PR-AUC (average precision), next to the prevalence, which is
    PR-AUC's no-skill baseline.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels (two classes).
    y_score : array-like of shape (n_samples,), optional
        Scores or probabilities of the positive class.
    pos_label : label, optional
        The positive (minority) class. Needed unless the labels are 0/1.

    Returns
    -------
    pandas.Series
    """
    from imblearn.metrics import geometric_mean_score
    from sklearn import metrics as skm

    y_true_01, pos_label = binary_target(y_true, pos_label, "y_true")
    pred = as_label_array(y_pred, "y_pred")
    check_same_length(("y_true", y_true_01), ("y_pred", pred))
    true_labels = set(pd.unique(pd.Series(as_label_array(y_true, "y_true"), dtype=object)))
    stray = [v for v in pd.unique(pd.Series(pred, dtype=object)) if v not in true_labels and v != pos_label]
    if stray and len(true_labels) == 2:
        raise ValueError(
            f"y_pred holds label(s) {stray} that y_true does not have ({sorted(map(repr, true_labels))})."
        )
    y_pred_01 = np.array([1 if v == pos_label else 0 for v in pred], dtype=int)
    row = {
        "accuracy": skm.accuracy_score(y_true_01, y_pred_01),
        "balanced_accuracy": skm.balanced_accuracy_score(y_true_01, y_pred_01),
        "sensitivity": skm.recall_score(y_true_01, y_pred_01, pos_label=1, zero_division=0),
        "specificity": skm.recall_score(y_true_01, y_pred_01, pos_label=0, zero_division=0),
        "precision": skm.precision_score(y_true_01, y_pred_01, pos_label=1, zero_division=0),
        "f1": skm.f1_score(y_true_01, y_pred_01, pos_label=1, zero_division=0),
        "f1_macro": skm.f1_score(y_true_01, y_pred_01, average="macro", zero_division=0),
        "f1_weighted": skm.f1_score(y_true_01, y_pred_01, average="weighted", zero_division=0),
        "g_mean": geometric_mean_score(y_true_01, y_pred_01),
    }
    if y_score is not None:
        score = check_scores(y_score, "y_score")
        check_same_length(("y_true", y_true_01), ("y_score", score))
        row["roc_auc"] = skm.roc_auc_score(y_true_01, score)
        row["pr_auc"] = skm.average_precision_score(y_true_01, score)
    row["prevalence"] = float(y_true_01.mean())
    return pd.Series(row, dtype=float)


def _positive_scores(model, X, pos_label):
    classes = list(getattr(model, "classes_", []))
    if hasattr(model, "predict_proba"):
        proba = model.predict_proba(X)
        if pos_label in classes:
            return proba[:, classes.index(pos_label)]
        return proba[:, -1]
    if hasattr(model, "decision_function"):
        score = np.asarray(model.decision_function(X))
        if classes and classes.index(pos_label) == 0:
            score = -score
        return score
    return None


def evaluate(models, X, y, *, pos_label=None, digits: int | None = 3) -> pd.DataFrame:
    """Compare fitted models on the same data: one row of metrics per model.

    Parameters
    ----------
    models : fitted estimator or mapping of name -> fitted estimator
        Anything with ``predict`` (and ideally ``predict_proba`` or
        ``decision_function`` for ROC-AUC and PR-AUC), e.g. a scikit-learn or
        ``imblearn.pipeline.Pipeline``.
    X : array-like or DataFrame
        Features of the evaluation rows (a held-out test set, never resampled).
    y : array-like
        True labels of those rows.
    pos_label : label, optional
        The positive (minority) class; needed unless the labels are 0/1.
    digits : int or None, default=3
        Round the table for display; None keeps full precision.

    Returns
    -------
    pandas.DataFrame
        Rows = models, columns = the metrics of :func:`metrics_from_predictions`.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> X, y = [[0]] * 95 + [[1]] * 5, [0] * 95 + [1] * 5
    >>> dummy = DummyClassifier(strategy="most_frequent").fit(X, y)
    >>> evaluate({"dummy": dummy}, X, y).loc["dummy", ["accuracy", "sensitivity"]].tolist()
    [0.95, 0.0]
    """
    if isinstance(models, Mapping):
        named = dict(models)
    elif hasattr(models, "predict"):
        named = {type(models).__name__: models}
    else:
        raise TypeError(
            "models must be a fitted estimator or a dict of name -> fitted estimator; "
            f"got {type(models).__name__}."
        )
    if not named:
        raise ValueError("models is empty: pass at least one fitted model.")
    y_arr = as_label_array(y, "y")
    if len(X) != len(y_arr):
        raise ValueError(f"X has {len(X)} rows but y has {len(y_arr)}; they must describe the same rows.")
    _, pos_label = binary_target(y_arr, pos_label, "y")
    rows = {}
    for name, model in named.items():
        if not hasattr(model, "predict"):
            raise TypeError(f"models[{name!r}] has no predict method; pass fitted estimators.")
        y_pred = model.predict(X)
        y_score = _positive_scores(model, X, pos_label)
        rows[name] = metrics_from_predictions(y_arr, y_pred, y_score, pos_label=pos_label)
    table = pd.DataFrame(rows).T
    table.index.name = "model"
    return table.round(digits) if digits is not None else table
