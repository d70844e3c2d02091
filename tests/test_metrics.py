"""Tests of imbalance_lab.metrics: imbalance ratio, bands, metric rows and evaluate."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.metrics import geometric_mean_score
from sklearn import metrics as skm
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from imbalance_lab import metrics as m
from imbalance_lab.datasets import load_clinical_data


@pytest.mark.parametrize(
    "y, ratio",
    [
        ([0] * 950 + [1] * 50, 19.0),
        (["healthy"] * 3 + ["sick"], 3.0),
        (pd.Series([True, False, False, False, False]), 4.0),
        (np.array(["a", "b", "b", "c", "c", "c", "c"]), 4.0),
    ],
)
def test_imbalance_ratio_on_any_labels(y, ratio):
    assert m.imbalance_ratio(y) == ratio


@pytest.mark.parametrize("ratio, band", [(1.0, "mild"), (4.0, "mild"), (4.01, "attention"), (10.0, "attention"), (10.5, "act"), (999, "act")])
def test_bands_follow_the_article(ratio, band):
    assert m.imbalance_band(ratio) == band


def test_band_from_labels():
    assert m.imbalance_band([0] * 95 + [1] * 5) == "act"


@pytest.mark.parametrize(
    "y, exc, match",
    [
        ([], ValueError, "empty"),
        ([1, 1, 1], ValueError, "single class"),
        ([0, 1, np.nan], ValueError, "missing label"),
        (pd.Series(["a", None, "b"]), ValueError, "missing label"),
        (None, TypeError, "is None"),
    ],
)
def test_imbalance_ratio_rejects_bad_labels(y, exc, match):
    with pytest.raises(exc, match=match):
        m.imbalance_ratio(y)


@pytest.mark.parametrize("bad, exc", [(0.5, ValueError), (float("nan"), ValueError), (True, TypeError), ("x", TypeError)])
def test_band_rejects_impossible_ratios(bad, exc):
    with pytest.raises(exc):
        m.imbalance_band(bad)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.floats(0, 1)), min_size=4, max_size=80).filter(
        lambda rows: len({r[0] for r in rows}) == 2
    )
)
def test_metric_row_agrees_with_sklearn(rows):
    y_true, y_pred, score = map(np.array, zip(*rows))
    row = m.metrics_from_predictions(y_true, y_pred, score)
    assert row["accuracy"] == pytest.approx(skm.accuracy_score(y_true, y_pred))
    assert row["balanced_accuracy"] == pytest.approx(skm.balanced_accuracy_score(y_true, y_pred))
    assert row["sensitivity"] == pytest.approx(skm.recall_score(y_true, y_pred, zero_division=0))
    tn, fp, fn, tp = skm.confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    assert row["specificity"] == pytest.approx(tn / (tn + fp))
    assert row["f1_macro"] == pytest.approx(skm.f1_score(y_true, y_pred, average="macro", zero_division=0))
    assert row["g_mean"] == pytest.approx(geometric_mean_score(y_true, y_pred))
    assert row["roc_auc"] == pytest.approx(skm.roc_auc_score(y_true, score))
    assert row["pr_auc"] == pytest.approx(skm.average_precision_score(y_true, score))
    assert row["prevalence"] == pytest.approx(y_true.mean())


def test_string_labels_need_and_use_pos_label():
    y_true = ["sick", "healthy", "healthy", "sick", "healthy"]
    y_pred = ["sick", "healthy", "sick", "healthy", "healthy"]
    with pytest.raises(ValueError, match="pos_label"):
        m.metrics_from_predictions(y_true, y_pred)
    row = m.metrics_from_predictions(y_true, y_pred, pos_label="sick")
    assert row["sensitivity"] == 0.5
    assert row["specificity"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="not one of the labels"):
        m.metrics_from_predictions(y_true, y_pred, pos_label="ill")


@pytest.mark.parametrize(
    "args, exc, match",
    [
        (([0, 1, 1], [0, 1]), ValueError, "different lengths"),
        (([0, 1, 1], [0, 1, 1], [0.1, np.nan, 0.3]), ValueError, "NaN or infinite"),
        (([0, 1, 1], [0, 1, 1], [[0.9, 0.1]] * 3), ValueError, "positive-class column"),
        (([0, 0, 0], [0, 0, 0]), ValueError, "single class"),
        (([0, 1, 2], [0, 1, 2]), ValueError, "3 classes"),
        (([0, 1, 1], [0, 1, 7]), ValueError, r"y_pred holds label\(s\) \[7\]"),
    ],
)
def test_metric_row_rejects_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        m.metrics_from_predictions(*args)


def test_evaluate_compares_models_in_one_table():
    df = load_clinical_data()
    X, y = df.drop(columns="diagnosis"), df["diagnosis"]
    models = {
        "dummy": DummyClassifier(strategy="most_frequent").fit(X, y),
        "logistic": LogisticRegression(max_iter=5000).fit(X, y),
    }
    table = m.evaluate(models, X, y)
    assert list(table.index) == ["dummy", "logistic"]
    assert table.loc["dummy", "accuracy"] == 0.95
    assert table.loc["dummy", "sensitivity"] == 0.0
    assert table.loc["dummy", "balanced_accuracy"] == 0.5
    assert table.loc["logistic", "roc_auc"] > 0.75
    assert table.loc["dummy", "pr_auc"] == pytest.approx(0.05)  # no skill = prevalence
    full = m.evaluate(models["logistic"], X, y, digits=None)
    proba = models["logistic"].predict_proba(X)[:, 1]
    assert full.iloc[0]["roc_auc"] == skm.roc_auc_score(y, proba)


def test_evaluate_with_string_labels():
    df = load_clinical_data()
    X, y = df.drop(columns="diagnosis"), df["diagnosis"].map({0: "healthy", 1: "sick"})
    model = LogisticRegression(max_iter=5000).fit(X, y)
    with pytest.raises(ValueError, match="pos_label"):
        m.evaluate(model, X, y)
    table = m.evaluate(model, X, y, pos_label="sick", digits=None)
    proba = model.predict_proba(X)[:, list(model.classes_).index("sick")]
    assert table.iloc[0]["roc_auc"] == skm.roc_auc_score(y == "sick", proba)


def test_evaluate_rejects_bad_input():
    X, y = [[0], [1], [2]], [0, 1, 1]
    model = DummyClassifier().fit(X, y)
    with pytest.raises(TypeError, match="fitted estimator"):
        m.evaluate("model", X, y)
    with pytest.raises(ValueError, match="empty"):
        m.evaluate({}, X, y)
    with pytest.raises(ValueError, match="X has 2 rows but y has 3"):
        m.evaluate(model, X[:2], y)
