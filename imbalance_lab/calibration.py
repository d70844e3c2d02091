"""Predicted risks that mean what they say: prior correction, calibration tables, net benefit.

Resampling and class weights train a model on a world where the disease is far
more common than it is; its predicted probabilities then over-state the risk.

* :func:`prior_correction` -- move binary probabilities from the training
  prevalence back to the true prevalence (the odds correction of King & Zeng,
  2001); :func:`prior_correction_multiclass` -- the same for several classes
  (Saerens, Latinne & Decaestecker, 2002).
* :func:`calibration_table` -- mean predicted risk against observed rate per
  bin, with the number of patients in each bin (the numbers behind
  :func:`sklearn.calibration.calibration_curve`).
* :func:`calibration_intercept_slope` -- calibration-in-the-large (intercept,
  0 ideal) and calibration slope (1 ideal), the first two levels of Van
  Calster's calibration hierarchy.
* :func:`calibration_summary` -- one row per model: ROC-AUC, Brier score, mean
  predicted risk, observed prevalence and their ratio.
* :func:`net_benefit` and :func:`decision_curve` -- net benefit of acting on a
  model at threshold probabilities (Vickers & Elkin, 2006), next to treat-all
  and treat-none.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.special import expit, logit
from sklearn.metrics import brier_score_loss, roc_auc_score

from ._validation import binary_target, check_digits, check_positive_int, check_probability, check_same_length

__all__ = [
    "prior_correction",
    "prior_correction_multiclass",
    "calibration_table",
    "calibration_intercept_slope",
    "calibration_summary",
    "net_benefit",
    "decision_curve",
]


def _probabilities(values, name: str, *, ndim: int) -> np.ndarray:
    """Return ``values`` as a float array of probabilities in [0, 1] with ``ndim`` dimensions."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers between 0 and 1 (predicted probabilities): {exc}") from None
    if ndim == 1:
        if arr.ndim == 2 and arr.shape[1] == 2:
            raise ValueError(
                f"{name} has two columns: pass the positive-class column only, e.g. model.predict_proba(X)[:, 1], "
                "or use prior_correction_multiclass for the whole matrix."
            )
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one probability per row (1-D); got shape {arr.shape}.")
    elif arr.ndim != 2:
        raise ValueError(
            f"{name} must be a matrix with one row per patient and one column per class, such as "
            f"model.predict_proba(X); got shape {arr.shape}."
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty.")
    if not np.all(np.isfinite(arr)):
        bad = int(np.sum(~np.isfinite(arr)))
        raise ValueError(f"{name} has {bad} NaN or infinite value(s); predicted probabilities must be finite.")
    if arr.min() < 0 or arr.max() > 1:
        raise ValueError(
            f"{name} must lie in [0, 1]; got values from {arr.min():.4g} to {arr.max():.4g}. Pass probabilities "
            "(predict_proba), not scores from decision_function."
        )
    return arr


def _odds(prevalence: float) -> float:
    return prevalence / (1.0 - prevalence)


def prior_correction(y_prob, train_prevalence, true_prevalence) -> np.ndarray:
    """Correct binary predicted probabilities for a training prevalence that was not the true one.

    A model trained where the positive class had prevalence ``train_prevalence``
    (after under- or over-sampling, or with ``class_weight="balanced"``, which
    acts like a prevalence of 0.5) over-states the risk in a population where
    the prevalence is ``true_prevalence``. The correction multiplies the
    predicted odds by the ratio of the prior odds::

        odds(p) = odds(p_s) * [pi / (1 - pi)] / [pi_s / (1 - pi_s)]

    For logistic regression this equals shifting the intercept by the log of
    that ratio, and since sampling on the outcome moves only the intercept of a
    logistic model, it is the right repair there (King & Zeng, 2001); after
    SMOTE or for flexible models it is an approximation: check it, or
    recalibrate on held-out data.

    Parameters
    ----------
    y_prob : array-like of shape (n_samples,)
        Predicted probabilities of the positive class, e.g.
        ``model.predict_proba(X)[:, 1]``.
    train_prevalence : float
        Prevalence of the positive class the model was trained at, strictly
        between 0 and 1 (0.5 after balancing to 1:1).
    true_prevalence : float
        Prevalence in the population the risks are for, strictly between 0 and 1.

    Returns
    -------
    numpy.ndarray of shape (n_samples,)
        Corrected probabilities.

    See Also
    --------
    prior_correction_multiclass : the same correction for several classes.

    Examples
    --------
    >>> prior_correction([0.5, 0.9], train_prevalence=0.5, true_prevalence=0.05).round(3)
    array([0.05 , 0.321])
    """
    p = _probabilities(y_prob, "y_prob", ndim=1)
    pi_s = check_probability(train_prevalence, "train_prevalence", closed=False)
    pi = check_probability(true_prevalence, "true_prevalence", closed=False)
    ratio = _odds(pi) / _odds(pi_s)
    # p r / (p r + 1 - p) is odds(p_s) * r turned back into a probability; it is
    # finite for p = 0 and p = 1 as well.
    return p * ratio / (p * ratio + (1.0 - p))


def _priors(values, name: str, n_classes: int) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers, one prevalence per class: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a list of prevalences, one per class; got shape {arr.shape}.")
    if arr.size != n_classes:
        raise ValueError(
            f"{name} has {arr.size} value(s) but the probabilities have {n_classes} columns; give one prevalence "
            "per class, in the order of model.classes_."
        )
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0) or np.any(arr >= 1):
        raise ValueError(
            f"{name} must be prevalences strictly between 0 and 1 (a class with prevalence 0 cannot be "
            f"corrected for); got {arr.tolist()}."
        )
    if not np.isclose(arr.sum(), 1.0, atol=1e-6):
        raise ValueError(
            f"{name} must sum to 1 (they are the shares of the classes); they sum to {arr.sum():.6g}. "
            "For counts use counts / counts.sum()."
        )
    return arr


def prior_correction_multiclass(proba, train_priors, true_priors) -> np.ndarray:
    """Correct a matrix of class probabilities for changed class priors.

    Each class probability is multiplied by the ratio of its true prior to its
    training prior, and every row is renormalised to sum to 1::

        p_k  proportional to  p_s,k * pi_k / pi_s,k

    (Saerens, Latinne & Decaestecker, Neural Computation 14(1), 2002). With two
    classes it is exactly :func:`prior_correction`.

    Parameters
    ----------
    proba : array-like of shape (n_samples, n_classes)
        Predicted probabilities, e.g. ``model.predict_proba(X)``; each row sums to 1.
    train_priors : array-like of shape (n_classes,)
        Class shares the model was trained at, in the order of ``model.classes_``.
    true_priors : array-like of shape (n_classes,)
        Class shares in the population the predictions are for.

    Returns
    -------
    numpy.ndarray of shape (n_samples, n_classes)
        Corrected probabilities; each row sums to 1.

    Examples
    --------
    >>> prior_correction_multiclass([[1/3, 1/3, 1/3]], [1/3, 1/3, 1/3], [0.6, 0.3, 0.1]).round(2)
    array([[0.6, 0.3, 0.1]])
    """
    p = _probabilities(proba, "proba", ndim=2)
    if p.shape[1] < 2:
        raise ValueError(f"proba needs at least two columns (one per class); got {p.shape[1]}.")
    row_sums = p.sum(axis=1)
    off = ~np.isclose(row_sums, 1.0, atol=1e-6)
    if off.any():
        first = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"every row of proba must sum to 1; {int(off.sum())} row(s) do not (row {first} sums to "
            f"{row_sums[first]:.6g}). Pass the full output of predict_proba."
        )
    pi_s = _priors(train_priors, "train_priors", p.shape[1])
    pi = _priors(true_priors, "true_priors", p.shape[1])
    weighted = p * (pi / pi_s)
    return weighted / weighted.sum(axis=1, keepdims=True)


def calibration_table(y_true, y_prob, *, n_bins: int = 10, strategy: str = "uniform", pos_label=None) -> pd.DataFrame:
    """Mean predicted risk against observed rate per bin, with the number of patients in each bin.

    The patients are binned once, exactly as
    :func:`sklearn.calibration.calibration_curve` bins them, so the
    ``mean_predicted`` and ``observed`` columns are its two arrays (empty bins
    are left out, as there); the table adds each bin's edges and counts, so a
    learner sees how few patients stand behind the high-risk bins.

    A bin holds the patients with ``bin_low < y_prob <= bin_high``: bins are
    closed on the right, ``(bin_low, bin_high]``, as ``calibration_curve``
    assigns them; only the first also holds ``y_prob == bin_low`` (a risk of
    exactly 0, or the smallest risk with ``strategy="quantile"``).

    Parameters
    ----------
    y_true, y_prob : array-like of shape (n_samples,)
        True labels (two classes) and predicted probabilities of the
        positive class, one per patient.
    n_bins : int, default=10
        Number of bins.
    strategy : {"uniform", "quantile"}, default="uniform"
        Equal-width bins on [0, 1], or bins holding equal numbers of patients.
    pos_label : label, optional
        The positive class; needed unless the labels are 0/1 or False/True.

    Returns
    -------
    pandas.DataFrame
        One row per non-empty bin: ``bin_low``, ``bin_high``, ``n``,
        ``n_positive``, ``mean_predicted``, ``observed``.

    Examples
    --------
    >>> table = calibration_table([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    >>> table[["n", "mean_predicted", "observed"]].to_dict("list")
    {'n': [2, 2], 'mean_predicted': [0.15000000000000002, 0.8], 'observed': [0.0, 1.0]}
    """
    y01, _ = binary_target(y_true, pos_label, "y_true")
    p = _probabilities(y_prob, "y_prob", ndim=1)
    check_same_length(("y_true", y01), ("y_prob", p))
    n_bins = check_positive_int(n_bins, "n_bins")
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    elif strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 100, n_bins + 1))
    else:
        raise ValueError(f"strategy must be 'uniform' or 'quantile'; got {strategy!r}.")
    # calibration_curve's assignment: the number of inner edges strictly below p, so (low, high]
    bin_ids = np.searchsorted(edges[1:-1], p)
    counts = np.bincount(bin_ids, minlength=n_bins)
    keep = counts > 0
    n = counts[keep]
    positives = np.bincount(bin_ids, weights=y01, minlength=n_bins)[keep]
    return pd.DataFrame(
        {
            "bin_low": edges[:-1][keep],
            "bin_high": edges[1:][keep],
            "n": n.astype(int),
            "n_positive": positives.astype(int),
            "mean_predicted": np.bincount(bin_ids, weights=p, minlength=n_bins)[keep] / n,
            "observed": positives / n,
        }
    )


class CalibrationInterceptSlope(NamedTuple):
    """Result of :func:`calibration_intercept_slope`: ``intercept`` (0 ideal) and ``slope`` (1 ideal)."""

    intercept: float
    slope: float


#: Probabilities are clipped to [_CLIP, 1 - _CLIP] before the logit: a risk of
#: exactly 0 or 1 would otherwise be an infinite log-odds.
_CLIP = 1e-8


def _logistic_fit(y01: np.ndarray, X: np.ndarray, offset: np.ndarray, what: str) -> np.ndarray:
    """Maximum-likelihood coefficients of ``logit P(y=1) = offset + X @ beta`` by Newton's method (IRLS)."""
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        mu = expit(offset + X @ beta)
        weights = mu * (1.0 - mu)
        gradient = X.T @ (y01 - mu)
        hessian = X.T @ (X * weights[:, None])
        try:
            step = np.linalg.solve(hessian, gradient)
        except np.linalg.LinAlgError:
            break
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10 * (1.0 + np.max(np.abs(beta))):
            return beta
    raise ValueError(
        f"the {what} could not be estimated: the logistic fit does not converge, which happens when the "
        "predicted risks separate the sick from the healthy perfectly (or nearly, with very few patients). "
        "Evaluate on more patients, or report the calibration table instead."
    )


def calibration_intercept_slope(y_true, y_prob, *, pos_label=None) -> CalibrationInterceptSlope:
    """Calibration-in-the-large (intercept) and calibration slope of predicted risks.

    The first two levels of the calibration hierarchy (Van Calster et al.,
    J Clin Epidemiol 2016; "Calibration: the Achilles heel of predictive
    analytics", BMC Medicine 2019), with ``lp = logit(y_prob)``:

    * **intercept** (calibration-in-the-large): ``a`` in the logistic model
      ``logit P(y=1) = a + lp``, the log-odds of the prediction entering as an
      offset. 0 is ideal; below 0 the model over-states the risk on average
      (as after resampling or ``class_weight="balanced"``), above 0 it
      under-states it.
    * **slope**: ``b`` in the logistic regression ``logit P(y=1) = c + b * lp``.
      1 is ideal; below 1 the risks are too extreme (too close to 0 and 1: an
      over-fitted model), above 1 too modest.

    Both are maximum-likelihood fits of a logistic model (Newton's method,
    converged to floating-point precision).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_prob : array-like of shape (n_samples,)
        Predicted probabilities of the positive class, e.g.
        ``model.predict_proba(X)[:, 1]``, in [0, 1]. Risks of exactly 0 or 1
        are clipped to ``1e-8`` and ``1 - 1e-8`` before the logit.
    pos_label : label, optional
        The positive class; needed unless the labels are 0/1 or False/True.

    Returns
    -------
    CalibrationInterceptSlope
        A named tuple ``(intercept, slope)`` of floats.

    Raises
    ------
    ValueError
        When the risks separate the two classes perfectly, so that no finite
        slope fits (typical of a handful of patients).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> risk = rng.uniform(0.02, 0.6, 5000)
    >>> y = rng.random(5000) < risk                    # risks that are right
    >>> fit = calibration_intercept_slope(y, risk)
    >>> abs(fit.intercept) < 0.1, abs(fit.slope - 1) < 0.1
    (True, True)
    >>> fit = calibration_intercept_slope(y, np.minimum(2 * risk, 1))   # risks doubled
    >>> bool(fit.intercept < -0.5)
    True
    """
    y01, _ = binary_target(y_true, pos_label, "y_true")
    p = _probabilities(y_prob, "y_prob", ndim=1)
    check_same_length(("y_true", y01), ("y_prob", p))
    lp = logit(np.clip(p, _CLIP, 1.0 - _CLIP))
    ones = np.ones((lp.size, 1))
    (intercept,) = _logistic_fit(y01, ones, lp, "calibration intercept")
    _, slope = _logistic_fit(y01, np.column_stack([ones, lp]), np.zeros(lp.size), "calibration slope")
    return CalibrationInterceptSlope(float(intercept), float(slope))


def calibration_summary(y_true, y_prob, *, pos_label=None, digits: int | None = 3) -> pd.DataFrame:
    """Discrimination next to calibration: one row per model.

    Columns: ``roc_auc`` (:func:`sklearn.metrics.roc_auc_score`), ``brier``
    (:func:`sklearn.metrics.brier_score_loss`, lower is better),
    ``mean_predicted`` (average predicted risk), ``observed`` (prevalence in
    these rows) and ``predicted_to_observed`` (their ratio: 1 for a model
    whose risks are right on average, 4 for one that quadruples them).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_prob : array-like of shape (n_samples,) or mapping of name -> array-like
        Predicted probabilities of the positive class, of one model or of several.
    pos_label : label, optional
        The positive class; needed unless the labels are 0/1.
    digits : int or None, default=3
        Round the table for display; None keeps full precision.

    Returns
    -------
    pandas.DataFrame
        Rows = models (named ``"model"`` when a single array is given).

    Examples
    --------
    >>> calibration_summary([0, 0, 0, 1], {"a": [0.1, 0.2, 0.3, 0.6]}).loc["a", ["mean_predicted", "observed"]].tolist()
    [0.3, 0.25]
    """
    digits = check_digits(digits)
    y01, _ = binary_target(y_true, pos_label, "y_true")
    named = dict(y_prob) if isinstance(y_prob, Mapping) else {"model": y_prob}
    if not named:
        raise ValueError("y_prob is an empty mapping: pass at least one model's probabilities.")
    rows = {}
    for name, values in named.items():
        p = _probabilities(values, f"y_prob[{name!r}]" if isinstance(y_prob, Mapping) else "y_prob", ndim=1)
        check_same_length(("y_true", y01), (f"probabilities of {name!r}", p))
        rows[name] = {
            "roc_auc": roc_auc_score(y01, p),
            "brier": brier_score_loss(y01, p),
            "mean_predicted": p.mean(),
            "observed": y01.mean(),
            "predicted_to_observed": p.mean() / y01.mean(),
        }
    table = pd.DataFrame(rows).T
    table.index.name = "model"
    return table.round(digits) if digits is not None else table


def _thresholds(values) -> np.ndarray:
    try:
        t = np.atleast_1d(np.asarray(values, dtype=float))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"thresholds must be numbers in [0, 1): {exc}") from None
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"thresholds must be a non-empty list of numbers; got shape {t.shape}.")
    if not np.all(np.isfinite(t)):
        raise ValueError(f"thresholds must be finite numbers in [0, 1); got {t.tolist()}.")
    if t.min() < 0 or t.max() >= 1:
        raise ValueError(
            "thresholds must lie in [0, 1): at a threshold probability of 1 no harm is acceptable and the "
            f"net benefit is undefined; got values from {t.min():.4g} to {t.max():.4g}."
        )
    return t


def net_benefit(y_true, y_prob, thresholds, *, pos_label=None) -> np.ndarray:
    """Net benefit of treating the patients whose predicted risk is at least each threshold.

    ``NB(p_t) = TP/n - FP/n * p_t / (1 - p_t)`` (Vickers & Elkin, 2006): the
    true positives gained, minus the false positives weighted by the odds at
    the threshold, which states how many false positives one true positive is
    worth (at ``p_t = 0.2`` one case found is worth four unnecessary work-ups).
    A patient is treated when ``y_prob >= p_t``, as
    :class:`sklearn.model_selection.FixedThresholdClassifier` decides.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_prob : array-like of shape (n_samples,)
        Predicted probabilities of the positive class.
    thresholds : float or array-like
        Threshold probabilities ``p_t`` in [0, 1).
    pos_label : label, optional
        The positive class; needed unless the labels are 0/1.

    Returns
    -------
    numpy.ndarray of shape (n_thresholds,)

    Examples
    --------
    >>> net_benefit([0, 0, 0, 1], [0.1, 0.3, 0.6, 0.7], [0.25, 0.5])
    array([0.08333333, 0.        ])
    """
    y01, _ = binary_target(y_true, pos_label, "y_true")
    p = _probabilities(y_prob, "y_prob", ndim=1)
    check_same_length(("y_true", y01), ("y_prob", p))
    t = _thresholds(thresholds)
    treated = p[:, None] >= t[None, :]  # (n_samples, n_thresholds)
    n = y01.size
    tp = (treated & (y01[:, None] == 1)).sum(axis=0)
    fp = (treated & (y01[:, None] == 0)).sum(axis=0)
    return tp / n - fp / n * t / (1.0 - t)


def decision_curve(y_true, y_prob, thresholds, *, pos_label=None) -> pd.DataFrame:
    """Net benefit of one or several models over thresholds, next to treat-all and treat-none.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_prob : array-like of shape (n_samples,) or mapping of name -> array-like
        Predicted probabilities of the positive class.
    thresholds : array-like
        Threshold probabilities ``p_t`` in [0, 1).
    pos_label : label, optional
        The positive class; needed unless the labels are 0/1.

    Returns
    -------
    pandas.DataFrame
        Index ``threshold``; one column per model, then ``treat_all``
        (``prevalence - (1 - prevalence) * p_t / (1 - p_t)``) and
        ``treat_none`` (always 0).

    Examples
    --------
    >>> decision_curve([0, 0, 0, 1], {"m": [0.1, 0.3, 0.6, 0.7]}, [0.25]).round(3).to_dict("records")
    [{'m': 0.083, 'treat_all': 0.0, 'treat_none': 0.0}]
    """
    y01, _ = binary_target(y_true, pos_label, "y_true")
    t = _thresholds(thresholds)
    named = dict(y_prob) if isinstance(y_prob, Mapping) else {"model": y_prob}
    if not named:
        raise ValueError("y_prob is an empty mapping: pass at least one model's probabilities.")
    columns = {name: net_benefit(y01, values, t) for name, values in named.items()}
    prevalence = y01.mean()
    columns["treat_all"] = prevalence - (1.0 - prevalence) * t / (1.0 - t)
    columns["treat_none"] = np.zeros_like(t)
    return pd.DataFrame(columns, index=pd.Index(t, name="threshold"))
