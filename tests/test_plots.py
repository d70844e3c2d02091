"""Tests of imbalance_lab.plots: class distribution, confusion matrices, ROC and PR curves."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, confusion_matrix, roc_auc_score

from imbalance_lab.plots import plot_class_distribution, plot_confusion_matrices, plot_roc_pr

SEED = 42


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(SEED)
    y = np.array([0] * 180 + [1] * 20)
    X = rng.normal(size=(200, 3)) + y[:, None] * 1.2
    models = {
        "dummy": DummyClassifier(strategy="most_frequent").fit(X, y),
        "logistic": LogisticRegression().fit(X, y),
    }
    return X, y, models


# -- plot_class_distribution -------------------------------------------------


def test_class_distribution_bars_are_the_counts_largest_first():
    y = pd.Series(["sick"] * 5 + ["healthy"] * 95)
    ax = plot_class_distribution(y)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["healthy", "sick"]
    assert [p.get_height() for p in ax.patches] == [95, 5]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["95\n(95.0%)", "5\n(5.0%)"]
    assert ax.get_title() and ax.get_ylabel() == "Rows (count)"


def test_class_distribution_normalized_multiclass_and_labels():
    y = ["a"] * 8 + ["b"] * 3 + ["c"]
    ax = plot_class_distribution(y, normalize=True, labels={"c": "rare"})
    heights = [p.get_height() for p in ax.patches]
    assert np.isclose(sum(heights), 100)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "rare"]
    assert ax.get_ylabel() == "Rows (%)"


def test_class_distribution_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert plot_class_distribution([0, 0, 0, 1], ax=ax) is ax
    assert len(fig.axes) == 1


def test_class_distribution_does_not_touch_rcparams():
    before = dict(plt.rcParams)
    plot_class_distribution([0, 0, 1])
    assert dict(plt.rcParams) == before


@pytest.mark.parametrize(
    "y, kwargs, exc, match",
    [
        ([], {}, ValueError, "empty"),
        ([0, 1, None], {}, ValueError, "missing"),
        ([[0, 1], [1, 0]], {}, ValueError, "one-dimensional"),
        ([0, 1], {"labels": ["healthy", "sick"]}, TypeError, "dict of class"),
        ([0, 1], {"labels": {2: "other"}}, ValueError, "does not contain"),
    ],
)
def test_class_distribution_rejects_bad_input(y, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        plot_class_distribution(y, **kwargs)


# -- plot_confusion_matrices ---------------------------------------------------


def test_confusion_matrices_equal_sklearn_for_models_and_predictions(data):
    X, y, models = data
    given = {**models, "always sick": np.ones_like(y)}
    shown = plot_confusion_matrices(given, X, y, display_labels=["healthy", "sick"])
    assert list(shown) == ["dummy", "logistic", "always sick"]
    for name, disp in shown.items():
        pred = given[name].predict(X) if hasattr(given[name], "predict") else given[name]
        np.testing.assert_array_equal(disp.confusion_matrix, confusion_matrix(y, pred))
        assert disp.ax_.get_title() == name
    assert len({id(d.ax_) for d in shown.values()}) == 3


def test_confusion_matrices_use_given_axes_and_normalize(data):
    X, y, models = data
    fig, axes = plt.subplots(1, 2)
    shown = plot_confusion_matrices(models, X, y, axes=axes, normalize="true")
    assert [d.ax_ for d in shown.values()] == list(axes)
    for disp in shown.values():
        np.testing.assert_allclose(disp.confusion_matrix.sum(axis=1), 1.0)


def test_confusion_matrices_accept_a_single_estimator(data):
    X, y, models = data
    shown = plot_confusion_matrices(models["logistic"], X, y)
    assert list(shown) == ["LogisticRegression"]


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda X, y, m: plot_confusion_matrices(m, None, y), ValueError, "pass the features X"),
        (lambda X, y, m: plot_confusion_matrices(m, X, None), ValueError, "y \\(the true labels\\) is required"),
        (lambda X, y, m: plot_confusion_matrices({"p": y[:-1]}, y=y), ValueError, "different lengths"),
        (lambda X, y, m: plot_confusion_matrices(m, X[:-1], y), ValueError, "different lengths"),
        (lambda X, y, m: plot_confusion_matrices(m, X, y, normalize="rows"), ValueError, "normalize must be"),
        (lambda X, y, m: plot_confusion_matrices(m, X, y, axes=plt.subplots(1, 3)[1]), ValueError, "2 matplotlib Axes"),
        (lambda X, y, m: plot_confusion_matrices({}, X, y), ValueError, "empty"),
        (lambda X, y, m: plot_confusion_matrices("dummy", X, y), TypeError, "dict of name"),
    ],
)
def test_confusion_matrices_reject_bad_input(data, call, exc, match):
    X, y, models = data
    with pytest.raises(exc, match=match):
        call(X, y, models)


# -- plot_roc_pr -----------------------------------------------------------------


def _legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_roc_pr_curves_report_sklearn_areas_and_chance_levels(data):
    X, y, models = data
    ax_roc, ax_pr = plot_roc_pr(models, X, y)
    proba = models["logistic"].predict_proba(X)[:, 1]
    roc_text, pr_text = _legend_texts(ax_roc), _legend_texts(ax_pr)
    assert f"logistic (AUC = {roc_auc_score(y, proba):.2f})" in roc_text
    assert f"logistic (AP = {average_precision_score(y, proba):.2f})" in pr_text
    # chance levels drawn once each: the diagonal, and a flat line at the prevalence
    assert sum(t.startswith("Chance level") for t in roc_text) == 1
    assert sum(t.startswith("Chance level") for t in pr_text) == 1
    flat = [ln for ln in ax_pr.get_lines() if ln.get_label().startswith("Chance level")][0]
    np.testing.assert_allclose(flat.get_ydata(), y.mean())
    assert ax_roc.get_title() == "ROC curve" and ax_pr.get_title() == "Precision-recall curve"


def test_roc_pr_from_scores_with_string_labels_and_given_axes():
    rng = np.random.default_rng(SEED)
    y = np.array(["healthy"] * 90 + ["sick"] * 10)
    score = rng.random(100) + (y == "sick")
    fig, axes = plt.subplots(1, 2)
    out = plot_roc_pr({"score": score}, y=y, pos_label="sick", axes=axes, colors=["red"])
    assert out == list(axes)
    expected = roc_auc_score(y == "sick", score)
    assert f"score (AUC = {expected:.2f})" in _legend_texts(axes[0])
    assert matplotlib.colors.same_color(axes[0].get_lines()[0].get_color(), "red")


def test_roc_pr_without_chance_level(data):
    X, y, models = data
    ax_roc, ax_pr = plot_roc_pr(models, X, y, plot_chance_level=False)
    assert not any(t.startswith("Chance level") for t in _legend_texts(ax_roc) + _legend_texts(ax_pr))


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda X, y, m: plot_roc_pr(m, None, y), ValueError, "pass the features X"),
        (lambda X, y, m: plot_roc_pr(m, X, None), ValueError, "required"),
        (lambda X, y, m: plot_roc_pr({"s": np.c_[1 - y, y]}, y=y), ValueError, "positive-class column"),
        (lambda X, y, m: plot_roc_pr({"s": y[:-1] * 1.0}, y=y), ValueError, "different lengths"),
        (lambda X, y, m: plot_roc_pr({"s": np.r_[np.nan, y[1:]]}, y=y), ValueError, "NaN"),
        (lambda X, y, m: plot_roc_pr({"s": np.arange(6.0)}, y=[0, 1, 2, 0, 1, 2]), ValueError, "two classes"),
        (lambda X, y, m: plot_roc_pr({"s": np.arange(4.0)}, y=["a", "b", "a", "b"]), ValueError, "pos_label"),
        (lambda X, y, m: plot_roc_pr(m, X, y, axes=plt.subplots()[1]), ValueError, "2 matplotlib Axes"),
        (lambda X, y, m: plot_roc_pr(m, X, y, colors=["red"]), ValueError, "one colour per model"),
    ],
)
def test_roc_pr_rejects_bad_input(data, call, exc, match):
    X, y, models = data
    with pytest.raises(exc, match=match):
        call(X, y, models)


def test_ax_and_axes_are_keyword_only_everywhere():
    import inspect

    from imbalance_lab import plots

    drawing = [getattr(plots, name) for name in plots.__all__ if name.startswith("plot_")]
    assert len(drawing) == 6
    for func in drawing:
        params = inspect.signature(func).parameters
        where = [p for p in ("ax", "axes") if p in params]
        assert len(where) == 1, func.__name__
        assert params[where[0]].kind is inspect.Parameter.KEYWORD_ONLY, func.__name__
        assert params[where[0]].default is None
    with pytest.raises(TypeError):
        plot_class_distribution([0, 0, 1], plt.subplots()[1])
    plt.close("all")
