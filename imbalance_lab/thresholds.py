"""Decision thresholds and misclassification costs.

A fitted model gives each patient a score (a predicted probability, or a
``decision_function`` value); a *threshold* turns the score into a decision.
This module holds the plumbing the threshold lessons need:

* :func:`threshold_sweep` -- the confusion matrix, sensitivity, specificity,
  PPV, NPV and expected cost at *every* distinct threshold, from
  :func:`sklearn.metrics.confusion_matrix_at_thresholds` (one sort, as fast
  as :func:`sklearn.metrics.roc_curve`), as one tidy table.
* :func:`confusion_at` -- the same quantities at one threshold.
* :func:`cost_optimal_threshold` -- Elkan's (2001) cost-optimal probability
  threshold ``cost_fp / (cost_fp + cost_fn)``.

Convention, everywhere in the course: a patient is predicted positive when
``score >= threshold``, exactly as ``sklearn.metrics.confusion_matrix(y_true,
y_score >= threshold)`` counts it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix_at_thresholds

from ._validation import binary_target, check_costs, check_number, check_same_length, check_scores

__all__ = [
    "threshold_sweep",
    "confusion_at",
    "cost_optimal_threshold",
    "SWEEP_COLUMNS",
]

#: Columns of the table returned by :func:`threshold_sweep`, in order.
SWEEP_COLUMNS = (
    "threshold",
    "tp",
    "fp",
    "tn",
    "fn",
    "sensitivity",
    "specificity",
    "ppv",
    "npv",
    "expected_cost",
)


def _validated(y_true, y_score, pos_label) -> tuple[np.ndarray, np.ndarray]:
    y01, _ = binary_target(y_true, pos_label, "y_true")
    score = check_scores(y_score, "y_score")
    check_same_length(("y_true", y01), ("y_score", score))
    return y01, score


def _table(threshold, tp, fp, n_pos: int, n_neg: int, cost_fp: float, cost_fn: float) -> dict:
    """All the columns of a sweep from the threshold(s) and the positive counts."""
    tp = np.asarray(tp, dtype=np.int64)
    fp = np.asarray(fp, dtype=np.int64)
    fn = n_pos - tp
    tn = n_neg - fp
    pred_pos = tp + fp
    pred_neg = tn + fn
    # undefined ratios (nothing predicted positive / negative) are NaN, not 0
    ppv = np.divide(tp, pred_pos, out=np.full(tp.shape, np.nan), where=pred_pos > 0)
    npv = np.divide(tn, pred_neg, out=np.full(tn.shape, np.nan), where=pred_neg > 0)
    return {
        "threshold": np.asarray(threshold, dtype=float),
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
        "sensitivity": tp / n_pos,
        "specificity": tn / n_neg,
        "ppv": ppv,
        "npv": npv,
        "expected_cost": (cost_fp * fp + cost_fn * fn) / (n_pos + n_neg),
    }


def threshold_sweep(y_true, y_score, *, pos_label=None, cost_fp=1.0, cost_fn=1.0) -> pd.DataFrame:
    """Confusion matrix and the metrics built on it at every distinct threshold.

    There is one row per distinct value of ``y_score``, in increasing order:
    thresholding at that value (``y_score >= threshold`` is a positive
    prediction) gives exactly the counts of
    ``sklearn.metrics.confusion_matrix(y_true, y_score >= threshold)``. Any
    other threshold gives the counts of the next row up (the smallest listed
    threshold at or above it), or no positive prediction at all above the last
    row. The scores are sorted once and the counts accumulated with
    :func:`numpy.cumsum`, so a million scores take no longer than
    :func:`sklearn.metrics.roc_curve`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels of two classes, both present.
    y_score : array-like of shape (n_samples,)
        Score of the positive class: ``predict_proba(X)[:, 1]`` or any finite
        ``decision_function`` value (scores need not lie in [0, 1]).
    pos_label : label, optional
        The positive (sick, minority) class. Needed unless the labels are 0/1
        or booleans.
    cost_fp, cost_fn : float, default=1.0
        Cost of one false positive (a false alarm) and of one false negative
        (a missed sick patient), in any common unit; not negative, not both 0.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SWEEP_COLUMNS`: ``threshold``, the counts ``tp``,
        ``fp``, ``tn``, ``fn``, then ``sensitivity`` (tp / positives),
        ``specificity`` (tn / negatives), ``ppv`` (tp / predicted positives),
        ``npv`` (tn / predicted negatives) and ``expected_cost``, the average
        cost **per patient**, ``(cost_fp * fp + cost_fn * fn) / n_samples``
        (with the default costs, the error rate). ``ppv`` is always defined
        here (every listed threshold flags at least one patient); ``npv`` is
        NaN in the first row, where every patient is predicted positive and
        there is no predicted negative to divide by. ``sweep.attrs`` keeps
        ``cost_fp`` and ``cost_fn``.

    Examples
    --------
    >>> sweep = threshold_sweep([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], cost_fn=10)
    >>> sweep[["threshold", "tp", "fp", "sensitivity", "expected_cost"]]
       threshold  tp  fp  sensitivity  expected_cost
    0       0.10   2   2          1.0           0.50
    1       0.35   2   1          1.0           0.25
    2       0.40   1   1          0.5           2.75
    3       0.80   1   0          0.5           2.50
    """
    cost_fp, cost_fn = check_costs(cost_fp, cost_fn)
    y01, score = _validated(y_true, y_score, pos_label)
    _tn, fp, _fn, tp, thresholds = confusion_matrix_at_thresholds(y01, score, pos_label=1)
    # scikit-learn lists the thresholds in decreasing order; the table reads upwards
    thresholds, tp, fp = thresholds[::-1], tp[::-1].astype(np.int64), fp[::-1].astype(np.int64)
    n_pos = int(y01.sum())
    cols = _table(thresholds, tp, fp, n_pos, score.size - n_pos, cost_fp, cost_fn)
    sweep = pd.DataFrame(cols, columns=list(SWEEP_COLUMNS), copy=False)
    sweep.attrs.update(cost_fp=cost_fp, cost_fn=cost_fn)
    return sweep


def confusion_at(y_true, y_score, threshold, *, pos_label=None, cost_fp=1.0, cost_fn=1.0) -> pd.Series:
    """The counts and metrics of :func:`threshold_sweep` at one threshold.

    Parameters
    ----------
    y_true, y_score, pos_label, cost_fp, cost_fn
        As in :func:`threshold_sweep`.
    threshold : float
        Patients with ``y_score >= threshold`` are predicted positive. Any
        finite number is accepted for unbounded scores; when every score lies
        in [0, 1] (probabilities) the threshold must lie in [0, 1] too.

    Returns
    -------
    pandas.Series
        Indexed by :data:`SWEEP_COLUMNS`. ``ppv`` is NaN when no patient is
        predicted positive, ``npv`` when none is predicted negative.

    Examples
    --------
    >>> row = confusion_at([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.3)
    >>> row[["tp", "fp", "tn", "fn"]].astype(int).tolist()
    [2, 1, 1, 0]
    """
    cost_fp, cost_fn = check_costs(cost_fp, cost_fn)
    y01, score = _validated(y_true, y_score, pos_label)
    threshold = check_number(threshold, "threshold")
    if score.min() >= 0 and score.max() <= 1 and not 0 <= threshold <= 1:
        raise ValueError(
            f"threshold={threshold} lies outside [0, 1], but the scores are probabilities (all in [0, 1]); "
            "choose a threshold between 0 and 1."
        )
    flagged = score >= threshold
    tp = int(np.sum(flagged & (y01 == 1)))
    fp = int(np.sum(flagged)) - tp
    n_pos = int(y01.sum())
    cols = _table(threshold, tp, fp, n_pos, y01.size - n_pos, cost_fp, cost_fn)
    return pd.Series({k: float(v) for k, v in cols.items()}, dtype=float)


def cost_optimal_threshold(cost_fp, cost_fn) -> float:
    """Elkan's cost-optimal probability threshold, ``cost_fp / (cost_fp + cost_fn)``.

    With calibrated probabilities and no cost for correct decisions, flagging a
    patient whose risk is ``p`` is worth it when the expected cost of a miss,
    ``p * cost_fn``, exceeds that of a false alarm, ``(1 - p) * cost_fp``: that
    is, when ``p >= cost_fp / (cost_fp + cost_fn)`` (Elkan, 2001, "The
    Foundations of Cost-Sensitive Learning", IJCAI). Only the ratio of the two
    costs matters.

    Parameters
    ----------
    cost_fp : float
        Cost of one false positive (a healthy patient flagged), >= 0.
    cost_fn : float
        Cost of one false negative (a sick patient missed), >= 0.
        Not both zero.

    Returns
    -------
    float
        The threshold, in [0, 1].

    Examples
    --------
    >>> round(cost_optimal_threshold(1, 10), 3)   # a miss costs 10 false alarms
    0.091
    >>> cost_optimal_threshold(1, 1)               # equal costs: the usual 0.5
    0.5
    """
    cost_fp, cost_fn = check_costs(cost_fp, cost_fn)
    return cost_fp / (cost_fp + cost_fn)


def _sweep_row(sweep: pd.DataFrame, threshold: float, *, cost_fp: float = 1.0, cost_fn: float = 1.0) -> pd.Series:
    """Read the counts at any ``threshold`` off a sweep, without touching the scores again.

    ``y_score >= threshold`` flags the same patients as the smallest listed
    threshold at or above ``threshold``; above the highest score nobody is
    flagged. The expected cost is recomputed for the costs given here, so a
    caller can change the costs without a new sweep.
    """
    thresholds = sweep["threshold"].to_numpy()
    n_pos = int(sweep["tp"].iloc[0] + sweep["fn"].iloc[0])
    n_neg = int(sweep["fp"].iloc[0] + sweep["tn"].iloc[0])
    i = int(np.searchsorted(thresholds, threshold, side="left"))
    tp, fp = (0, 0) if i == thresholds.size else (int(sweep["tp"].iloc[i]), int(sweep["fp"].iloc[i]))
    cols = _table(threshold, tp, fp, n_pos, n_neg, cost_fp, cost_fn)
    return pd.Series({k: float(v) for k, v in cols.items()}, dtype=float)
