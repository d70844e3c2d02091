"""Tests of the confidence intervals of imbalance_lab.metrics: Wilson, stratified bootstrap, tidy tables."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest
from sklearn import metrics as skm
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbalance_lab import metrics as m
from imbalance_lab.datasets import load_clinical_data

Y_TRUE = np.r_[np.ones(10, int), np.zeros(190, int)]
Y_PRED = np.r_[[1] * 8, [0] * 2, [1] * 19, [0] * 171]
Y_SCORE = np.r_[np.linspace(0.3, 0.9, 10), np.linspace(0.0, 0.6, 190)]


# --------------------------------------------------------------------------
# Wilson
# --------------------------------------------------------------------------


def test_wilson_eight_of_ten():
    low, high = m.proportion_ci(8, 10)
    assert round(low, 2) == 0.49 and round(high, 2) == 0.94
    assert (low, high) == pytest.approx((0.4901624715366418, 0.9433178485456248))


def test_wilson_edges_and_levels():
    assert m.proportion_ci(0, 10)[0] == pytest.approx(0.0, abs=1e-12)
    assert m.proportion_ci(10, 10)[1] == pytest.approx(1.0)
    narrow, wide = m.proportion_ci(8, 10, confidence_level=0.8), m.proportion_ci(8, 10, confidence_level=0.99)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]
    exact = m.proportion_ci(8, 10, method="exact")
    ref = binomtest(8, 10).proportion_ci(method="exact")
    assert exact == pytest.approx((ref.low, ref.high))


def test_more_patients_narrower_interval():
    w10 = np.diff(m.proportion_ci(8, 10))[0]
    w1000 = np.diff(m.proportion_ci(800, 1000))[0]
    assert w1000 < w10 / 5


@pytest.mark.parametrize(
    "args, kwargs, exc, match",
    [
        ((11, 10), {}, ValueError, "between 0 and n=10"),
        ((-1, 10), {}, ValueError, "between 0 and n=10"),
        ((0, 0), {}, ValueError, "n must be at least 1"),
        ((0.8, 1), {}, TypeError, "whole number"),
        ((8, 10), {"confidence_level": 95}, ValueError, "strictly between 0 and 1"),
        ((8, 10), {"method": "wald"}, ValueError, "'wilson'"),
    ],
)
def test_proportion_ci_bad_inputs(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        m.proportion_ci(*args, **kwargs)


# --------------------------------------------------------------------------
# bootstrap
# --------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    pos=st.lists(st.integers(0, 6), min_size=1, max_size=8),
    neg=st.lists(st.integers(0, 6), min_size=1, max_size=15),
)
def test_vectorised_statistics_equal_scikit_learn(pos, neg):
    """With ties and all: the fast statistics give scikit-learn's numbers."""
    pos, neg = np.asarray(pos, float), np.asarray(neg, float)
    y = np.r_[np.ones(len(pos), int), np.zeros(len(neg), int)]
    s = np.r_[pos, neg]
    assert m._stat_roc_auc(pos, neg) == pytest.approx(skm.roc_auc_score(y, s))
    assert m._stat_pr_auc(pos, neg) == pytest.approx(skm.average_precision_score(y, s))
    p, q = (pos > 2).astype(float), (neg > 2).astype(float)
    pred = np.r_[p, q].astype(int)
    assert m._stat_balanced_accuracy(p, q) == pytest.approx(skm.balanced_accuracy_score(y, pred))
    assert m._stat_f1_macro(p, q) == pytest.approx(skm.f1_score(y, pred, average="macro", zero_division=0))
    assert m._stat_precision(p, q) == pytest.approx(skm.precision_score(y, pred, zero_division=0))


def test_bootstrap_is_deterministic_with_random_state():
    a = m.bootstrap_ci(Y_TRUE, Y_SCORE, "roc_auc", random_state=7)
    b = m.bootstrap_ci(Y_TRUE, Y_SCORE, "roc_auc", random_state=7)
    c = m.bootstrap_ci(Y_TRUE, Y_SCORE, "roc_auc", random_state=8)
    assert a == b and a != c


def test_bootstrap_interval_contains_the_estimate_and_stays_in_range():
    auc = skm.roc_auc_score(Y_TRUE, Y_SCORE)
    low, high = m.bootstrap_ci(Y_TRUE, Y_SCORE, "roc_auc", random_state=0)
    assert 0 <= low < auc < high <= 1
    low, high = m.bootstrap_ci(Y_TRUE, Y_PRED, "balanced_accuracy", random_state=0)
    assert low < skm.balanced_accuracy_score(Y_TRUE, Y_PRED) < high


def test_bootstrap_accepts_string_labels_and_a_callable():
    y = np.where(Y_TRUE == 1, "sick", "healthy")
    pred = np.where(Y_PRED == 1, "sick", "healthy")
    named = m.bootstrap_ci(y, pred, "f1_macro", pos_label="sick", random_state=1)
    assert named == m.bootstrap_ci(Y_TRUE, Y_PRED, "f1_macro", random_state=1)
    low, high = m.bootstrap_ci(Y_TRUE, Y_PRED, skm.matthews_corrcoef, n_resamples=200, random_state=1)
    assert low < skm.matthews_corrcoef(Y_TRUE, Y_PRED) < high


def test_stratified_resamples_never_lose_the_sick():
    """Two sick patients only: a plain bootstrap would often draw none; the stratified one cannot."""
    y = np.r_[1, 1, np.zeros(50, int)]
    score = np.r_[0.9, 0.2, np.linspace(0, 1, 50)]
    low, high = m.bootstrap_ci(y, score, "roc_auc", random_state=0)
    assert np.isfinite(low) and np.isfinite(high)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"metric": "auc"}, ValueError, "metric must be one of"),
        ({"n_resamples": 10}, ValueError, "at least 100"),
        ({"confidence_level": 1.0}, ValueError, "strictly between 0 and 1"),
    ],
)
def test_bootstrap_bad_inputs(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        m.bootstrap_ci(Y_TRUE, Y_SCORE, **kwargs)


def test_bootstrap_needs_two_of_each_class():
    with pytest.raises(ValueError, match="at least 2 rows of each class; y_true has 1 positive"):
        m.bootstrap_ci([1, 0, 0, 0], [0.9, 0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="single class"):
        m.bootstrap_ci([0, 0, 0], [0.9, 0.1, 0.2])
    with pytest.raises(ValueError, match="positive-class column only"):
        m.bootstrap_ci(Y_TRUE, np.c_[1 - Y_SCORE, Y_SCORE])


# --------------------------------------------------------------------------
# the tidy tables
# --------------------------------------------------------------------------


def test_metrics_with_ci_table():
    table = m.metrics_with_ci(Y_TRUE, Y_PRED, Y_SCORE, random_state=0)
    assert list(table.index) == [
        "accuracy", "balanced_accuracy", "sensitivity", "specificity", "precision", "f1_macro", "roc_auc", "pr_auc"
    ]
    assert list(table.columns) == ["estimate", "ci_low", "ci_high", "width", "n", "method"]
    assert table.loc["sensitivity", ["estimate", "ci_low", "ci_high", "n"]].tolist() == [0.8, 0.49, 0.943, 10]
    assert table.loc["accuracy", "n"] == 200 and table.loc["precision", "n"] == 27
    assert table.loc["roc_auc", "estimate"] == round(skm.roc_auc_score(Y_TRUE, Y_SCORE), 3)
    assert set(table["method"]) == {"Wilson", "bootstrap"}
    assert (table["ci_low"] <= table["estimate"]).all() and (table["estimate"] <= table["ci_high"]).all()
    assert table.loc["sensitivity", "width"] > 4 * table.loc["specificity", "width"]
    again = m.metrics_with_ci(Y_TRUE, Y_PRED, Y_SCORE, random_state=0)
    assert table.equals(again)


def test_metrics_with_ci_without_scores_and_nothing_flagged():
    table = m.metrics_with_ci(Y_TRUE, np.zeros(200, int), random_state=0)
    assert "roc_auc" not in table.index
    assert np.isnan(table.loc["precision", "estimate"]) and table.loc["precision", "n"] == 0
    assert table.loc["sensitivity", "estimate"] == 0.0


def test_metrics_with_ci_bad_inputs():
    with pytest.raises(ValueError, match="different lengths"):
        m.metrics_with_ci(Y_TRUE, Y_PRED[:-1])
    with pytest.raises(ValueError, match="pos_label"):
        m.metrics_with_ci(["a", "b", "b"], ["a", "b", "b"])


def test_evaluate_with_ci_on_the_clinical_split():
    df = load_clinical_data()
    X, y = df.drop(columns="diagnosis"), df["diagnosis"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
    model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced")).fit(X_train, y_train)
    table = m.evaluate_with_ci(model, X_test, y_test, random_state=0)
    assert table.loc["sensitivity", "n"] == 10 and table.loc["specificity", "n"] == 190
    proba = model.predict_proba(X_test)[:, 1]
    assert table.loc["roc_auc", "estimate"] == round(skm.roc_auc_score(y_test, proba), 3)
    with pytest.raises(TypeError, match="fitted estimator"):
        m.evaluate_with_ci("model", X_test, y_test)
    with pytest.raises(ValueError, match="X has 200 rows but y has 199"):
        m.evaluate_with_ci(model, X_test, y_test.iloc[:-1])


# --------------------------------------------------------------------------
# the forest plot
# --------------------------------------------------------------------------


def test_plot_metric_intervals_draws_one_bar_per_metric():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from imbalance_lab.plots import plot_metric_intervals

    table = m.metrics_with_ci(Y_TRUE, Y_PRED, Y_SCORE, random_state=0)
    fig, ax = plt.subplots()
    assert plot_metric_intervals({"a": table, "b": table}, ax=ax) is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "accuracy (n=200)" and "sensitivity (n=10)" in labels and "ROC-AUC (n=200)" in labels
    assert len(ax.containers) == 2  # one errorbar set per table
    xs = ax.containers[0].lines[0].get_xdata()
    assert np.allclose(sorted(xs), sorted(table["estimate"].dropna()))
    with pytest.raises(ValueError, match="lacks column"):
        plot_metric_intervals(table.drop(columns="ci_low"), ax=ax)
    with pytest.raises(TypeError, match="metrics_with_ci"):
        plot_metric_intervals([1, 2], ax=ax)
    plt.close(fig)


@pytest.mark.parametrize("level, text", [(0.9, "90 %"), (0.99, "99 %"), (0.95, "95 %")])
def test_plot_metric_intervals_states_the_tables_confidence_level(level, text):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from imbalance_lab.plots import plot_metric_intervals

    table = m.metrics_with_ci(Y_TRUE, Y_PRED, confidence_level=level, n_resamples=200, random_state=0)
    assert table.attrs["confidence_level"] == level
    ax = plot_metric_intervals(table)
    assert ax.get_title() == f"Test-set metrics with {text} confidence intervals"
    assert ax.get_xlabel().endswith(f"{text} CI")
    other = m.metrics_with_ci(Y_TRUE, Y_PRED, confidence_level=0.8 if level != 0.8 else 0.7, n_resamples=200,
                              random_state=0)
    with pytest.raises(ValueError, match="different confidence levels"):
        plot_metric_intervals({"a": table, "b": other})
    bare = table.copy()
    bare.attrs = {}
    assert "%" not in plot_metric_intervals(bare).get_title()
    assert plot_metric_intervals(bare, confidence_level=level).get_title() == ax.get_title()
    plt.close("all")


@pytest.mark.parametrize("method", ["BCa", "bca", "BCA", "Percentile", "basic"])
def test_bootstrap_method_accepts_any_case_as_scipy_does(method):
    from scipy.stats import bootstrap

    low, high = m.bootstrap_ci(Y_TRUE, Y_SCORE, "roc_auc", method=method, n_resamples=300, random_state=0)
    y = np.asarray(Y_TRUE)
    s = np.asarray(Y_SCORE)
    ref = bootstrap((s[y == 1], s[y == 0]), lambda p, q, axis=-1: m._stat_roc_auc(p, q), vectorized=True,
                    paired=False, n_resamples=300, method=method, rng=np.random.default_rng(0), batch=300)
    assert (low, high) == pytest.approx((ref.confidence_interval.low, ref.confidence_interval.high))
    assert low < skm.roc_auc_score(Y_TRUE, Y_SCORE) < high
    with pytest.raises(ValueError, match="'BCa'"):
        m.bootstrap_ci(Y_TRUE, Y_SCORE, method="student")
