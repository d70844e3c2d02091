"""Tests of imbalance_lab.calibration: prior correction, calibration tables, net benefit."""
from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.under_sampling import RandomUnderSampler
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from imbalance_lab.calibration import (
    calibration_intercept_slope,
    calibration_summary,
    calibration_table,
    decision_curve,
    net_benefit,
    prior_correction,
    prior_correction_multiclass,
)
from imbalance_lab.datasets import make_clinical_cohort

probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
prevalences = st.floats(min_value=1e-3, max_value=1 - 1e-3, allow_nan=False)


def odds(p):
    return p / (1 - p)


# --------------------------------------------------------------------------
# prior_correction
# --------------------------------------------------------------------------


def test_prior_correction_matches_closed_form():
    p = np.array([0.05, 0.2, 0.5, 0.8, 0.95])
    pi_s, pi = 0.5, 0.05
    corrected = prior_correction(p, pi_s, pi)
    expected_odds = odds(p) * odds(pi) / odds(pi_s)
    np.testing.assert_allclose(odds(corrected), expected_odds, rtol=1e-12)
    # a model trained 50:50 that says 0.5 means "as likely as the base rate"
    assert prior_correction([0.5], 0.5, 0.05)[0] == pytest.approx(0.05)


def test_prior_correction_is_exact_for_logistic_regression_intercept_shift():
    """King & Zeng (2001): correcting an LR's probabilities = shifting its intercept."""
    df = make_clinical_cohort(2000, prevalence=0.05, random_state=0)
    X, y = df.drop(columns="diagnosis").to_numpy(float), df["diagnosis"].to_numpy()
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    X_bal, y_bal = RandomUnderSampler(random_state=0).fit_resample(X, y)
    assert y_bal.mean() == 0.5
    model = LogisticRegression(max_iter=1000).fit(X_bal, y_bal)
    pi_s, pi = y_bal.mean(), y.mean()

    shifted = copy.deepcopy(model)
    shifted.intercept_ = model.intercept_ + np.log(odds(pi) / odds(pi_s))
    corrected = prior_correction(model.predict_proba(X)[:, 1], pi_s, pi)
    np.testing.assert_allclose(corrected, shifted.predict_proba(X)[:, 1], rtol=1e-10, atol=1e-14)
    # the under-sampled model over-states risk; the corrected one is close to the truth on average
    raw_mean = model.predict_proba(X)[:, 1].mean()
    assert raw_mean > 4 * pi
    assert abs(corrected.mean() - pi) < abs(raw_mean - pi) / 5


def test_prior_correction_handles_certain_probabilities():
    np.testing.assert_array_equal(prior_correction([0.0, 1.0], 0.5, 0.01), [0.0, 1.0])


def test_prior_correction_returns_same_length_and_accepts_series():
    p = pd.Series([0.1, 0.4, 0.9], index=[10, 20, 30])
    out = prior_correction(p, 0.25, 0.05)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    assert np.all(out < p.to_numpy())  # moving to a lower prevalence lowers every risk


@settings(max_examples=200, deadline=None)
@given(st.lists(probabilities, min_size=1, max_size=30), prevalences, prevalences)
def test_prior_correction_round_trip_and_order(p, pi_s, pi):
    p = np.array(p)
    forth = prior_correction(p, pi_s, pi)
    assert np.all((forth >= 0) & (forth <= 1))
    back = prior_correction(forth, pi, pi_s)
    np.testing.assert_allclose(back, p, atol=1e-9)
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(forth[order]) >= -1e-12)  # ranking (hence ROC-AUC) unchanged


def test_prior_correction_keeps_roc_auc():
    rng = np.random.default_rng(0)
    y = (rng.random(500) < 0.1).astype(int)
    p = np.clip(0.3 * y + rng.random(500) * 0.7, 0, 1)
    assert roc_auc_score(y, prior_correction(p, 0.5, 0.1)) == pytest.approx(roc_auc_score(y, p))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"train_prevalence": 0.0, "true_prevalence": 0.05}, "strictly between 0 and 1"),
        ({"train_prevalence": 1.0, "true_prevalence": 0.05}, "strictly between 0 and 1"),
        ({"train_prevalence": 0.5, "true_prevalence": 1.5}, "strictly between 0 and 1"),
        ({"train_prevalence": 0.5, "true_prevalence": float("nan")}, "finite"),
    ],
)
def test_prior_correction_rejects_bad_prevalences(kwargs, message):
    with pytest.raises(ValueError, match=message):
        prior_correction([0.2, 0.4], **kwargs)


@pytest.mark.parametrize(
    "y_prob, message",
    [
        ([0.2, 1.2], r"\[0, 1\]"),
        ([-0.1, 0.5], r"\[0, 1\]"),
        ([0.2, np.nan], "NaN"),
        ([[0.8, 0.2], [0.4, 0.6]], r"\[:, 1\]"),
        ([], "empty"),
    ],
)
def test_prior_correction_rejects_bad_probabilities(y_prob, message):
    with pytest.raises(ValueError, match=message):
        prior_correction(y_prob, 0.5, 0.05)


def test_prior_correction_rejects_text():
    with pytest.raises(TypeError, match="between 0 and 1"):
        prior_correction(["high", "low"], 0.5, 0.05)
    with pytest.raises(TypeError):
        prior_correction([0.2], "0.5", 0.05)


# --------------------------------------------------------------------------
# prior_correction_multiclass
# --------------------------------------------------------------------------


def test_multiclass_matches_formula():
    proba = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])
    pi_s = np.array([1 / 3, 1 / 3, 1 / 3])
    pi = np.array([0.7, 0.2, 0.1])
    out = prior_correction_multiclass(proba, pi_s, pi)
    expected = proba * pi / pi_s
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(out, expected)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(probabilities, min_size=1, max_size=20), prevalences, prevalences)
def test_multiclass_with_two_classes_equals_binary(p1, pi_s, pi):
    p1 = np.array(p1)
    proba = np.column_stack([1 - p1, p1])
    out = prior_correction_multiclass(proba, [1 - pi_s, pi_s], [1 - pi, pi])
    np.testing.assert_allclose(out[:, 1], prior_correction(p1, pi_s, pi), atol=1e-9)


def test_multiclass_identity_when_priors_equal():
    proba = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])
    np.testing.assert_allclose(prior_correction_multiclass(proba, [0.5, 0.3, 0.2], [0.5, 0.3, 0.2]), proba)


@pytest.mark.parametrize(
    "proba, train, true, message",
    [
        ([[0.5, 0.5]], [0.5, 0.3, 0.2], [0.5, 0.5], "one prevalence per class"),
        ([[0.5, 0.5]], [0.5, 0.5], [0.2, 0.2], "sum to 1"),
        ([[0.5, 0.5]], [1.0, 0.0], [0.5, 0.5], "strictly between 0 and 1"),
        ([[0.5, 0.5]], [[0.5, 0.5]], [0.5, 0.5], "one per class"),
        ([[0.5, 0.6]], [0.5, 0.5], [0.5, 0.5], "sum to 1"),
        ([[0.5, np.nan]], [0.5, 0.5], [0.5, 0.5], "NaN"),
        ([[1.5, -0.5]], [0.5, 0.5], [0.5, 0.5], r"\[0, 1\]"),
        ([0.5, 0.5], [0.5, 0.5], [0.5, 0.5], "one column per class"),
        ([[1.0], [1.0]], [1.0], [1.0], "at least two columns"),
    ],
)
def test_multiclass_rejects_bad_inputs(proba, train, true, message):
    with pytest.raises(ValueError, match=message):
        prior_correction_multiclass(proba, train, true)


# --------------------------------------------------------------------------
# calibration_table and calibration_summary
# --------------------------------------------------------------------------


@pytest.fixture
def scored():
    rng = np.random.default_rng(1)
    p = rng.beta(1, 6, 2000)
    y = (rng.random(2000) < p).astype(int)
    return y, p


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_calibration_table_agrees_with_sklearn(scored, strategy):
    y, p = scored
    table = calibration_table(y, p, n_bins=8, strategy=strategy)
    observed, mean_predicted = calibration_curve(y, p, n_bins=8, strategy=strategy)
    np.testing.assert_allclose(table["observed"], observed)
    np.testing.assert_allclose(table["mean_predicted"], mean_predicted)
    assert table["n"].sum() == len(y)
    assert table["n_positive"].sum() == y.sum()
    np.testing.assert_allclose(table["n_positive"] / table["n"], table["observed"])
    assert np.all((table["mean_predicted"] >= table["bin_low"]) & (table["mean_predicted"] <= table["bin_high"]))


def test_calibration_table_drops_empty_bins_and_takes_pos_label():
    y = ["healthy", "healthy", "sick", "sick"]
    table = calibration_table(y, [0.05, 0.15, 0.85, 0.95], n_bins=10, pos_label="sick")
    assert table["n"].tolist() == [1, 1, 1, 1]
    assert table["observed"].tolist() == [0.0, 0.0, 1.0, 1.0]


def test_calibration_table_rejects_bad_inputs(scored):
    y, p = scored
    with pytest.raises(ValueError, match="uniform' or 'quantile"):
        calibration_table(y, p, strategy="equal")
    with pytest.raises(ValueError, match="different lengths"):
        calibration_table(y, p[:10])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        calibration_table(y, p * 2)
    with pytest.raises(ValueError, match="at least 1"):
        calibration_table(y, p, n_bins=0)


def test_calibration_summary_values(scored):
    y, p = scored
    inflated = prior_correction(p, 0.1, 0.5)
    table = calibration_summary(y, {"calibrated": p, "inflated": inflated}, digits=None)
    assert list(table.index) == ["calibrated", "inflated"]
    assert table.loc["calibrated", "brier"] == pytest.approx(brier_score_loss(y, p))
    assert table.loc["inflated", "roc_auc"] == pytest.approx(table.loc["calibrated", "roc_auc"])
    assert table.loc["inflated", "brier"] > table.loc["calibrated", "brier"]
    assert table.loc["inflated", "mean_predicted"] == pytest.approx(inflated.mean())
    assert table.loc["calibrated", "observed"] == pytest.approx(y.mean())
    assert table.loc["inflated", "predicted_to_observed"] == pytest.approx(inflated.mean() / y.mean())
    single = calibration_summary(y, p)
    assert list(single.index) == ["model"]


def test_calibration_summary_rejects_bad_inputs(scored):
    y, p = scored
    with pytest.raises(ValueError, match="empty mapping"):
        calibration_summary(y, {})
    with pytest.raises(ValueError, match="'bad'.*NaN"):
        calibration_summary(y, {"bad": np.where(p > 0.5, np.nan, p)})
    with pytest.raises(ValueError, match="single class"):
        calibration_summary(np.zeros(len(p), dtype=int), p)


# --------------------------------------------------------------------------
# net_benefit and decision_curve
# --------------------------------------------------------------------------


def net_benefit_by_hand(y, p, t):
    n = len(y)
    tp = sum(1 for yi, pi in zip(y, p) if pi >= t and yi == 1)
    fp = sum(1 for yi, pi in zip(y, p) if pi >= t and yi == 0)
    return tp / n - fp / n * t / (1 - t)


def test_net_benefit_matches_formula(scored):
    y, p = scored
    thresholds = np.linspace(0, 0.9, 19)
    nb = net_benefit(y, p, thresholds)
    expected = [net_benefit_by_hand(y, p, t) for t in thresholds]
    np.testing.assert_allclose(nb, expected)
    # at p_t = 0 everybody is treated and no false positive costs anything
    assert nb[0] == pytest.approx(y.mean())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1), probabilities), min_size=2, max_size=40),
    st.floats(min_value=0.0, max_value=0.99),
)
def test_net_benefit_property(rows, t):
    y = np.array([r[0] for r in rows])
    p = np.array([r[1] for r in rows])
    if len(set(y)) < 2:
        y[0], y[1] = 0, 1
    assert net_benefit(y, p, [t])[0] == pytest.approx(net_benefit_by_hand(y, p, t))
    assert net_benefit(y, p, t)[0] <= y.mean() + 1e-12  # never beats a perfect oracle


def test_decision_curve_columns_and_treat_all(scored):
    y, p = scored
    thresholds = [0.05, 0.1, 0.2, 0.3]
    curve = decision_curve(y, {"model": p}, thresholds)
    assert list(curve.columns) == ["model", "treat_all", "treat_none"]
    assert curve.index.name == "threshold"
    np.testing.assert_allclose(curve["model"], net_benefit(y, p, thresholds))
    np.testing.assert_allclose(curve["treat_all"], net_benefit(y, np.ones_like(p), thresholds))
    assert (curve["treat_none"] == 0).all()


def test_net_benefit_rejects_bad_thresholds_and_labels(scored):
    y, p = scored
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        net_benefit(y, p, [0.2, 1.0])
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        net_benefit(y, p, [-0.1])
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        decision_curve(y, p, [np.nan])
    with pytest.raises(ValueError, match="pos_label"):
        net_benefit(np.where(y == 1, "sick", "healthy"), p, [0.1])
    sick = net_benefit(np.where(y == 1, "sick", "healthy"), p, [0.1], pos_label="sick")
    np.testing.assert_allclose(sick, net_benefit(y, p, [0.1]))


def test_calibration_table_bins_are_closed_on_the_right_like_calibration_curve():
    # risks exactly on an edge: 0.5 belongs to (0.25, 0.5], 0.0 to the first bin [0, 0.25]
    y = np.array([0, 1, 0, 1, 1, 0])
    p = np.array([0.0, 0.25, 0.5, 0.5, 0.75, 1.0])
    table = calibration_table(y, p, n_bins=4)
    assert table[["bin_low", "bin_high", "n"]].values.tolist() == [[0.0, 0.25, 2], [0.25, 0.5, 2], [0.5, 0.75, 1],
                                                                   [0.75, 1.0, 1]]
    for low, high, n in table[["bin_low", "bin_high", "n"]].itertuples(index=False):
        inside = (p > low) & (p <= high) | ((low == 0) & (p == 0))
        assert inside.sum() == n
    observed, mean_predicted = calibration_curve(y, p, n_bins=4)
    np.testing.assert_array_equal(table["observed"], observed)
    np.testing.assert_allclose(table["mean_predicted"], mean_predicted)


# --------------------------------------------------------------------------
# calibration_intercept_slope, against statsmodels as an independent fit
# --------------------------------------------------------------------------


def _statsmodels_fits(y, p):
    sm = pytest.importorskip("statsmodels.api")
    lp = np.log(p / (1 - p))
    in_the_large = sm.GLM(y, np.ones((len(y), 1)), family=sm.families.Binomial(), offset=lp).fit()
    slope = sm.Logit(y, sm.add_constant(lp)).fit(disp=0)
    return float(in_the_large.params[0]), float(slope.params[1])


@pytest.mark.parametrize("seed, shrink, shift", [(0, 1.0, 0.0), (1, 0.5, -1.0), (2, 2.0, 0.7), (3, 1.3, 2.0)])
def test_calibration_intercept_slope_matches_statsmodels(seed, shrink, shift):
    rng = np.random.default_rng(seed)
    true_lp = rng.normal(-2.0, 1.2, 3000)
    y = (rng.random(true_lp.size) < 1 / (1 + np.exp(-true_lp))).astype(int)
    p = 1 / (1 + np.exp(-(shift + shrink * true_lp)))  # miscalibrated on purpose
    fit = calibration_intercept_slope(y, p)
    intercept, slope = _statsmodels_fits(y, p)
    assert fit.intercept == pytest.approx(intercept, abs=1e-7)
    assert fit.slope == pytest.approx(slope, abs=1e-7)
    assert fit == (fit.intercept, fit.slope)
    # the direction the hierarchy reads: risks shrunk towards 0/1 give a slope above 1, and so on
    if shrink != 1.0:
        assert (fit.slope > 1) == (shrink < 1)


def test_calibration_intercept_slope_ideal_and_inflated_risks():
    rng = np.random.default_rng(5)
    risk = 1 / (1 + np.exp(-rng.normal(-1.5, 1.5, 20_000)))
    y = rng.random(risk.size) < risk
    fit = calibration_intercept_slope(y, risk)
    assert abs(fit.intercept) < 0.05 and abs(fit.slope - 1) < 0.05
    prior_odds = risk.mean() / (1 - risk.mean())
    balanced = 1 / (1 + (1 - risk) / risk * prior_odds)  # every log-odds shifted as if trained at 50 % prevalence
    shifted = calibration_intercept_slope(y, balanced)
    # the intercept measures that shift back: log(prior odds), slope unchanged
    assert shifted.intercept == pytest.approx(np.log(prior_odds), abs=0.05)
    assert shifted.slope == pytest.approx(fit.slope, abs=1e-6)


def test_calibration_intercept_slope_clips_0_and_1_and_takes_pos_label():
    y = ["no", "yes", "no", "yes", "no", "yes", "no", "no"]
    p = [0.0, 1.0, 0.2, 0.6, 0.7, 0.4, 0.1, 0.3]
    fit = calibration_intercept_slope(y, p, pos_label="yes")
    assert np.isfinite(fit.intercept) and np.isfinite(fit.slope)
    with pytest.raises(ValueError, match="pos_label="):
        calibration_intercept_slope(y, p)


@pytest.mark.parametrize(
    "y, p, exc, match",
    [
        ([0, 1, 0, 1], [0.1, 0.9, 0.2], ValueError, "different lengths"),
        ([0, 1, 0, 1], [0.1, 1.2, 0.2, 0.5], ValueError, r"must lie in \[0, 1\]"),
        ([0, 1, 0, 1], [0.1, np.nan, 0.2, 0.5], ValueError, "NaN"),
        ([0, 0, 0, 0], [0.1, 0.2, 0.2, 0.5], ValueError, "single class"),
        ([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], ValueError, "separate the sick from the healthy perfectly"),
        ([0, 1, 0, 1], "abcd", TypeError, "numbers between 0 and 1"),
    ],
)
def test_calibration_intercept_slope_bad_input(y, p, exc, match):
    with pytest.raises(exc, match=match):
        calibration_intercept_slope(y, p)
