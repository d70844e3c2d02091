"""Measuring imbalance and tidy metric tables built on scikit-learn and imbalanced-learn.

* :func:`imbalance_ratio` and :func:`imbalance_band` -- how unequal the classes
  are, and what the course's rule of thumb says to do about it.
* :func:`metrics_from_predictions` -- one row of the metrics that see the
  minority class, from labels and scores.
* :func:`evaluate` -- the same row for one or several fitted models on the
  same data, as one DataFrame (rows = models).
* :func:`proportion_ci` (Wilson), :func:`bootstrap_ci` (stratified bootstrap)
  and :func:`metrics_with_ci` / :func:`evaluate_with_ci` -- the reported
  metrics with their 95 % confidence intervals, built on scipy.stats.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from scipy.stats import binomtest, bootstrap, rankdata
from sklearn import metrics as skm

from ._validation import (
    as_label_array,
    binary_target,
    check_confidence_level,
    check_digits,
    check_positive_int,
    check_same_length,
    check_scores,
    check_seed,
    single_class_message,
    to_binary,
)

__all__ = [
    "BANDS",
    "imbalance_ratio",
    "imbalance_band",
    "metrics_from_predictions",
    "evaluate",
    "proportion_ci",
    "bootstrap_ci",
    "metrics_with_ci",
    "evaluate_with_ci",
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
        raise ValueError(single_class_message("y", counts.index[0], "an imbalance ratio needs at least two classes"))
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
    if isinstance(ratio_or_y, (str, bytes)):
        raise TypeError(f"pass an imbalance ratio (a number >= 1) or a sequence of labels; got the string {ratio_or_y!r}.")
    if np.ndim(ratio_or_y) == 0:
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
    from imblearn.metrics import geometric_mean_score  # imbalanced-learn loads only when a metric needs it

    y_true_01, pos_label = binary_target(y_true, pos_label, "y_true")
    pred = as_label_array(y_pred, "y_pred")
    check_same_length(("y_true", y_true_01), ("y_pred", pred))
    true_labels = set(pd.unique(pd.Series(as_label_array(y_true, "y_true"), dtype=object)))
    stray = [v for v in pd.unique(pd.Series(pred, dtype=object)) if v not in true_labels and v != pos_label]
    if stray and len(true_labels) == 2:
        raise ValueError(
            f"y_pred holds label(s) {stray} that y_true does not have ({sorted(map(repr, true_labels))})."
        )
    y_pred_01 = to_binary(pred, pos_label)
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
    digits = check_digits(digits)
    return table.round(digits) if digits is not None else table


# --------------------------------------------------------------------------
# Confidence intervals
# --------------------------------------------------------------------------

#: Metrics :func:`bootstrap_ci` computes in vectorised form, from scores.
SCORE_METRICS = ("roc_auc", "pr_auc")


def proportion_ci(successes, n, *, confidence_level: float = 0.95, method: str = "wilson") -> tuple[float, float]:
    """Confidence interval of a proportion such as a sensitivity of 8 sick found out of 10.

    A thin, checked wrapper of :meth:`scipy.stats.binomtest(...).proportion_ci
    <scipy.stats._result_classes.BinomTestResult.proportion_ci>`. The Wilson
    score interval (the default) keeps good coverage with few cases and never
    leaves [0, 1], unlike the textbook p ± 1.96·SE.

    Parameters
    ----------
    successes : int
        Number of "successes" (sick patients flagged, correct predictions, ...).
    n : int
        Number of trials (sick patients, test rows, ...); at least 1.
    confidence_level : float, default=0.95
    method : {"wilson", "wilsoncc", "exact"}, default="wilson"
        ``"exact"`` is Clopper-Pearson; ``"wilsoncc"`` adds a continuity correction.

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> low, high = proportion_ci(8, 10)
    >>> round(low, 2), round(high, 2)
    (0.49, 0.94)
    """
    for name, value in (("successes", successes), ("n", n)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be a whole number (a count of patients); got {value!r}.")
    if n < 1:
        raise ValueError(f"n must be at least 1 (the number of trials); got {n}.")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie between 0 and n={n}; got {successes}.")
    if method not in ("wilson", "wilsoncc", "exact"):
        raise ValueError(f"method must be 'wilson', 'wilsoncc' or 'exact'; got {method!r}.")
    level = check_confidence_level(confidence_level)
    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=level, method=method)
    return float(ci.low), float(ci.high)


def _counts(pos, neg):
    """Confusion counts from the 0/1 predictions of the positive and negative rows (vectorised)."""
    n1, n0 = pos.shape[-1], neg.shape[-1]
    tp = pos.sum(axis=-1)
    fp = neg.sum(axis=-1)
    return tp, n1 - tp, fp, n0 - fp


def _ratio(num, den):
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.zeros(num.shape)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _stat_accuracy(pos, neg, axis=-1):
    tp, fn, fp, tn = _counts(pos, neg)
    return (tp + tn) / (tp + fn + fp + tn)


def _stat_sensitivity(pos, neg, axis=-1):
    tp, fn, _, _ = _counts(pos, neg)
    return tp / (tp + fn)


def _stat_specificity(pos, neg, axis=-1):
    _, _, fp, tn = _counts(pos, neg)
    return tn / (tn + fp)


def _stat_precision(pos, neg, axis=-1):
    tp, _, fp, _ = _counts(pos, neg)
    return _ratio(tp, tp + fp)


def _stat_balanced_accuracy(pos, neg, axis=-1):
    return (_stat_sensitivity(pos, neg) + _stat_specificity(pos, neg)) / 2


def _stat_f1_macro(pos, neg, axis=-1):
    tp, fn, fp, tn = _counts(pos, neg)
    return (_ratio(2 * tp, 2 * tp + fp + fn) + _ratio(2 * tn, 2 * tn + fn + fp)) / 2


def _stat_roc_auc(pos, neg, axis=-1):
    # Mann-Whitney: AUC = (rank sum of the positives - n1 (n1 + 1) / 2) / (n1 n0), ties at half.
    n1, n0 = pos.shape[-1], neg.shape[-1]
    ranks = rankdata(np.concatenate([pos, neg], axis=-1), method="average", axis=-1)
    return (ranks[..., :n1].sum(axis=-1) - n1 * (n1 + 1) / 2) / (n1 * n0)


def _stat_pr_auc(pos, neg, axis=-1):
    # Average precision as scikit-learn defines it: the mean, over the positives,
    # of the precision at a threshold equal to that positive's score.
    n1 = pos.shape[-1]
    n = n1 + neg.shape[-1]
    at_least_all = n - rankdata(np.concatenate([pos, neg], axis=-1), method="min", axis=-1)[..., :n1] + 1
    at_least_pos = n1 - rankdata(pos, method="min", axis=-1) + 1
    return (at_least_pos / at_least_all).mean(axis=-1)


_STATISTICS = {
    "accuracy": _stat_accuracy,
    "balanced_accuracy": _stat_balanced_accuracy,
    "sensitivity": _stat_sensitivity,
    "specificity": _stat_specificity,
    "precision": _stat_precision,
    "f1_macro": _stat_f1_macro,
    "roc_auc": _stat_roc_auc,
    "pr_auc": _stat_pr_auc,
}


def bootstrap_ci(
    y_true,
    y_pred_or_score,
    metric="roc_auc",
    *,
    pos_label=None,
    confidence_level: float = 0.95,
    n_resamples: int = 2000,
    method: str = "percentile",
    random_state=None,
) -> tuple[float, float]:
    """Stratified bootstrap confidence interval of a metric, with :func:`scipy.stats.bootstrap`.

    The sick and the healthy rows are resampled separately (a stratified
    bootstrap): every resample keeps the test set's number of sick and healthy
    patients, so no resample lacks a class and the interval describes the
    uncertainty of *this* test set's composition. Each row keeps its own
    prediction or score (a paired resample).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_pred_or_score : array-like of shape (n_samples,)
        Scores of the positive class for ``"roc_auc"`` and ``"pr_auc"``;
        predicted labels for the label metrics (``"accuracy"``,
        ``"balanced_accuracy"``, ``"sensitivity"``, ``"specificity"``,
        ``"precision"``, ``"f1_macro"``).
    metric : str or callable, default="roc_auc"
        One of the names above (computed vectorised, fast), or any
        ``metric(y_true_01, y_pred_or_score)`` such as
        ``sklearn.metrics.matthews_corrcoef`` (computed once per resample, slower).
    pos_label : label, optional
        The positive (minority) class; needed unless the labels are 0/1.
    confidence_level : float, default=0.95
    n_resamples : int, default=2000
    method : {"percentile", "basic", "BCa"}, default="percentile"
        Passed to :func:`scipy.stats.bootstrap`.
    random_state : int, numpy Generator or None
        Seed; the same seed gives the same interval.

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> y_true = [0] * 8 + [1] * 4
    >>> y_score = [0.1, 0.2, 0.3, 0.3, 0.4, 0.5, 0.6, 0.7, 0.35, 0.55, 0.8, 0.9]
    >>> low, high = bootstrap_ci(y_true, y_score, "roc_auc", random_state=0)
    >>> bool(low < 0.80 < high)
    True
    """
    y01, pos_label = binary_target(y_true, pos_label, "y_true")
    level = check_confidence_level(confidence_level)
    n_resamples = check_positive_int(n_resamples, "n_resamples", minimum=100)
    if not isinstance(method, str) or method.lower() not in ("percentile", "basic", "bca"):
        raise ValueError(f"method must be 'percentile', 'basic' or 'BCa' (any case, as in scipy); got {method!r}.")
    method = method.lower()
    if not isinstance(random_state, np.random.Generator):
        check_seed(random_state, allow_none=True)
    if callable(metric):
        statistic, vectorized, name = None, False, getattr(metric, "__name__", "metric")
    elif metric in ("average_precision",):
        statistic, vectorized, name = _STATISTICS["pr_auc"], True, "pr_auc"
    elif metric in _STATISTICS:
        statistic, vectorized, name = _STATISTICS[metric], True, metric
    else:
        raise ValueError(
            f"metric must be one of {sorted(_STATISTICS)} or a callable metric(y_true, y_pred); got {metric!r}."
        )
    if name in SCORE_METRICS or callable(metric):
        values = check_scores(y_pred_or_score, "y_pred_or_score") if not callable(metric) else np.asarray(
            y_pred_or_score
        )
    else:
        pred = as_label_array(y_pred_or_score, "y_pred_or_score")
        values = to_binary(pred, pos_label).astype(float)
    check_same_length(("y_true", y01), ("y_pred_or_score", values))
    pos, neg = values[y01 == 1], values[y01 == 0]
    if min(len(pos), len(neg)) < 2:
        raise ValueError(
            f"a stratified bootstrap needs at least 2 rows of each class; y_true has {len(pos)} positive and "
            f"{len(neg)} negative. Report the counts instead, or evaluate on more patients."
        )
    if statistic is None:
        labels = np.r_[np.ones(len(pos), dtype=int), np.zeros(len(neg), dtype=int)]

        def statistic(p, q):
            return metric(labels, np.concatenate([p, q]))

    n1, n0 = len(pos), len(neg)
    batch = max(1, min(n_resamples, 4_000_000 // (n1 + n0))) if vectorized else None
    rng = random_state if isinstance(random_state, np.random.Generator) else np.random.default_rng(random_state)
    result = bootstrap((pos, neg), statistic, n_resamples=n_resamples, batch=batch, vectorized=vectorized,
                       paired=False, confidence_level=level, method=method, rng=rng)
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def metrics_with_ci(
    y_true,
    y_pred,
    y_score=None,
    *,
    pos_label=None,
    confidence_level: float = 0.95,
    n_resamples: int = 2000,
    random_state=None,
    digits: int | None = 3,
) -> pd.DataFrame:
    """The metrics a paper reports, each with its confidence interval, as one tidy table.

    Proportions of patients get a Wilson interval (:func:`proportion_ci`):
    accuracy (correct / all rows), sensitivity (sick found / sick), specificity
    (healthy cleared / healthy) and precision (sick / flagged). Balanced
    accuracy and F1-macro mix two classes' proportions, and ROC-AUC and PR-AUC
    rank scores: no simple formula fits them, so they get a stratified
    bootstrap percentile interval (:func:`bootstrap_ci`, the same resamples
    for every metric).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels (two classes).
    y_score : array-like of shape (n_samples,), optional
        Scores of the positive class; adds ROC-AUC and PR-AUC.
    pos_label : label, optional
        The positive (minority) class; needed unless the labels are 0/1.
    confidence_level : float, default=0.95
    n_resamples : int, default=2000
        Bootstrap resamples.
    random_state : int or None
        Seed of the bootstrap.
    digits : int or None, default=3
        Round the numbers for display; None keeps full precision.

    Returns
    -------
    pandas.DataFrame
        One row per metric; columns ``estimate``, ``ci_low``, ``ci_high``,
        ``width`` (high - low), ``n`` (the rows the metric counts over) and
        ``method`` (``"Wilson"`` or ``"bootstrap"``). Precision is NaN with
        no interval when nothing was flagged positive. ``table.attrs``
        keeps ``confidence_level``.

    Examples
    --------
    >>> y_true = [1] * 10 + [0] * 190
    >>> y_pred = [1] * 8 + [0] * 2 + [1] * 19 + [0] * 171
    >>> table = metrics_with_ci(y_true, y_pred, random_state=0)
    >>> table.loc["sensitivity", ["estimate", "ci_low", "ci_high"]].tolist()
    [0.8, 0.49, 0.943]
    """
    y01, pos_label = binary_target(y_true, pos_label, "y_true")
    pred = as_label_array(y_pred, "y_pred")
    check_same_length(("y_true", y01), ("y_pred", pred))
    p01 = to_binary(pred, pos_label)
    level = check_confidence_level(confidence_level)
    digits = check_digits(digits)
    if not isinstance(random_state, np.random.Generator):
        check_seed(random_state, allow_none=True)
    score = None
    if y_score is not None:
        score = check_scores(y_score, "y_score")
        check_same_length(("y_true", y01), ("y_score", score))
    if isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool):
        seed = int(random_state)
    else:  # None or a Generator: draw one seed so that every metric sees the same resamples
        seed = int(np.random.default_rng(random_state).integers(2**32))
    kw = dict(pos_label=1, confidence_level=level, n_resamples=n_resamples)

    def boot(metric, values):
        # a fresh generator from the same seed: every metric sees the same resamples
        return bootstrap_ci(y01, values, metric, random_state=seed, **kw)

    tp = int(((p01 == 1) & (y01 == 1)).sum())
    tn = int(((p01 == 0) & (y01 == 0)).sum())
    n_pos, n_neg, n_flagged = int(y01.sum()), int((1 - y01).sum()), int(p01.sum())
    rows = {}
    for name, k, n in (
        ("accuracy", tp + tn, len(y01)),
        ("sensitivity", tp, n_pos),
        ("specificity", tn, n_neg),
    ):
        rows[name] = (k / n, *proportion_ci(k, n, confidence_level=level), n, "Wilson")
    if n_flagged:
        rows["precision"] = (tp / n_flagged, *proportion_ci(tp, n_flagged, confidence_level=level), n_flagged, "Wilson")
    else:
        rows["precision"] = (np.nan, np.nan, np.nan, 0, "Wilson")
    rows["balanced_accuracy"] = (skm.balanced_accuracy_score(y01, p01), *boot("balanced_accuracy", p01),
                                 len(y01), "bootstrap")
    rows["f1_macro"] = (skm.f1_score(y01, p01, average="macro", zero_division=0), *boot("f1_macro", p01),
                        len(y01), "bootstrap")
    if score is not None:
        rows["roc_auc"] = (skm.roc_auc_score(y01, score), *boot("roc_auc", score), len(y01), "bootstrap")
        rows["pr_auc"] = (skm.average_precision_score(y01, score), *boot("pr_auc", score), len(y01), "bootstrap")
    order = ["accuracy", "balanced_accuracy", "sensitivity", "specificity", "precision", "f1_macro",
             "roc_auc", "pr_auc"]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["estimate", "ci_low", "ci_high", "n", "method"])
    table = table.loc[[m for m in order if m in rows]]
    table.insert(3, "width", table["ci_high"] - table["ci_low"])
    table["n"] = table["n"].astype("int64")
    table.index.name = "metric"
    table.attrs["confidence_level"] = level
    if digits is not None:
        table[["estimate", "ci_low", "ci_high", "width"]] = table[["estimate", "ci_low", "ci_high", "width"]].round(digits)
    return table


def evaluate_with_ci(model, X, y, *, pos_label=None, confidence_level: float = 0.95, n_resamples: int = 2000,
                     random_state=None, digits: int | None = 3) -> pd.DataFrame:
    """:func:`metrics_with_ci` for a fitted model on held-out data.

    Parameters
    ----------
    model : fitted estimator
        Anything with ``predict`` (and ``predict_proba`` or
        ``decision_function`` for ROC-AUC and PR-AUC), such as an
        ``imblearn.pipeline.Pipeline``.
    X, y : the held-out rows (never resampled) and their labels.
    pos_label, confidence_level, n_resamples, random_state, digits
        As in :func:`metrics_with_ci`.

    Returns
    -------
    pandas.DataFrame
        One row per metric with its estimate and confidence interval.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from imbalance_lab.datasets import load_clinical_data
    >>> df = load_clinical_data()
    >>> X, y = df.drop(columns="diagnosis"), df["diagnosis"]
    >>> model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    >>> list(evaluate_with_ci(model, X, y, random_state=0).index)[:3]
    ['accuracy', 'balanced_accuracy', 'sensitivity']
    """
    if not hasattr(model, "predict"):
        raise TypeError(f"model must be a fitted estimator with predict; got {type(model).__name__}.")
    y_arr = as_label_array(y, "y")
    if len(X) != len(y_arr):
        raise ValueError(f"X has {len(X)} rows but y has {len(y_arr)}; they must describe the same rows.")
    _, pos_label = binary_target(y_arr, pos_label, "y")
    y_pred = model.predict(X)
    y_score = _positive_scores(model, X, pos_label)
    return metrics_with_ci(y_arr, y_pred, y_score, pos_label=pos_label, confidence_level=confidence_level,
                           n_resamples=n_resamples, random_state=random_state, digits=digits)
