"""Tests of imbalance_lab.widgets: the Explorer base class and prevalence_explorer."""
import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w
import numpy as np
import pytest
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbalance_lab.datasets import make_clinical_cohort
from imbalance_lab.metrics import metrics_from_predictions
from imbalance_lab.widgets import PREVALENCES, Explorer, prevalence_explorer

SEED = 42
SLIDER = [0.5, 0.05, 0.01]


@pytest.fixture(scope="module")
def explorer():
    return prevalence_explorer(SLIDER, random_state=SEED)


def _expected(prevalence, n_sick=40, min_patients=1000):
    """The metrics computed independently of the explorer, as the lesson would."""
    n = max(min_patients, int(np.ceil(n_sick / prevalence)))
    cohort = make_clinical_cohort(n, prevalence=prevalence, random_state=SEED)
    X, y = cohort.drop(columns="diagnosis").to_numpy(float), cohort["diagnosis"].to_numpy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, stratify=y, random_state=SEED)
    models = {
        "dummy": DummyClassifier(strategy="most_frequent"),
        "logistic regression": make_pipeline(StandardScaler(), LogisticRegression()),
        "weighted logistic regression": make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced")),
    }
    rows = {name: metrics_from_predictions(y_te, m.fit(X_tr, y_tr).predict(X_te)) for name, m in models.items()}
    return rows, y_te


def _readout_rows(html):
    """{'accuracy': [dummy, plain, weighted], ...} parsed from the readout table."""
    body = html.split("<tbody>", 1)[1]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        label, *cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[label] = [float(v) for v in cells]
    return rows


# -- Explorer ---------------------------------------------------------------------


def test_explorer_calls_render_with_control_values_and_updates_readout():
    calls = []

    def render(fig, level):
        calls.append(level)
        fig.add_subplot().plot([0, level])
        return f"<b>{level}</b>"

    slider = w.IntSlider(value=1, min=0, max=5)
    ex = Explorer({"level": slider}, render, title="demo")
    assert calls == [1] and ex.readout.value == "<b>1</b>"
    ex.controls["level"].value = 4
    assert calls == [1, 4] and ex.readout.value == "<b>4</b>"
    assert len(ex.figure.axes) == 1  # cleared before each redraw
    assert "il-control-level" in slider._dom_classes and "il-readout" in ex.readout._dom_classes


def test_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="at least one control"):
        Explorer({}, lambda fig: "")
    with pytest.raises(TypeError, match="render must be a function"):
        Explorer({"a": w.IntSlider()}, "not callable")


# -- prevalence_explorer ----------------------------------------------------------------


def test_slider_runs_from_balanced_to_rare(explorer):
    slider = explorer.controls["prevalence"]
    assert isinstance(slider, w.SelectionSlider)
    assert [v for _, v in slider.options] == sorted(SLIDER, reverse=True)
    assert [label for label, _ in slider.options] == ["50%", "5%", "1%"]
    assert list(prevalence_explorer.__defaults__[0]) == list(PREVALENCES)
    assert max(PREVALENCES) == 0.5 and min(PREVALENCES) == 0.001


@pytest.mark.parametrize("prevalence", SLIDER)
def test_readout_equals_the_metric_functions(explorer, prevalence):
    explorer.controls["prevalence"].value = prevalence
    expected, y_test = _expected(prevalence)
    shown = _readout_rows(explorer.readout.value)
    order = ["dummy", "logistic regression", "weighted logistic regression"]
    for key, label in [("accuracy", "accuracy"), ("balanced_accuracy", "balanced accuracy"),
                       ("sensitivity", "sensitivity")]:
        assert shown[label] == [float(f"{expected[m][key]:.3f}") for m in order], label
    assert f"{int(y_test.sum()):,} sick of {len(y_test):,} test patients" in explorer.readout.value


@pytest.mark.parametrize("prevalence", SLIDER)
def test_dummy_accuracy_is_the_majority_share(explorer, prevalence):
    row = explorer.results.loc[(prevalence, "dummy")]
    assert np.isclose(row["accuracy"], 1 - row["prevalence"])
    assert row["balanced_accuracy"] == 0.5 and row["sensitivity"] == 0.0


def test_accuracy_climbs_while_dummy_usefulness_does_not(explorer):
    dummy = explorer.results.xs("dummy", level="model").sort_index(ascending=False)
    assert dummy["accuracy"].is_monotonic_increasing
    assert (dummy["balanced_accuracy"] == 0.5).all()


def test_rare_prevalence_still_has_sick_patients_in_the_test_half():
    ex = prevalence_explorer([0.5, 0.001], models={"lr": make_pipeline(StandardScaler(), LogisticRegression())})
    ex.controls["prevalence"].value = 0.001
    n_sick = int(re.search(r"(\d+) sick of", ex.readout.value).group(1))
    assert n_sick >= 20


def test_moving_the_slider_refits_nothing(explorer, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model was refitted in the slider callback")

    monkeypatch.setattr(LogisticRegression, "fit", refuse)
    monkeypatch.setattr(DummyClassifier, "fit", refuse)
    monkeypatch.setattr("imbalance_lab.datasets.make_clinical_cohort", refuse)
    for p in SLIDER:
        explorer.controls["prevalence"].value = p
        assert f"prevalence {p:.0%}" in explorer.readout.value


def test_figure_marks_the_current_prevalence(explorer):
    explorer.controls["prevalence"].value = 0.05
    for ax in explorer.figure.axes:
        marker_lines = [ln for ln in ax.get_lines() if list(ln.get_xdata()) == [5.0, 5.0]]
        assert marker_lines, "no vertical line at the current prevalence"
        assert ax.get_title() and "Prevalence" in ax.get_xlabel()


def test_custom_models_appear_in_readout():
    ex = prevalence_explorer([0.3, 0.1], models={"plain": make_pipeline(StandardScaler(), LogisticRegression())}, n_sick=10)
    assert "plain" in ex.readout.value
    assert set(ex.results.index.get_level_values("model")) == {"dummy", "plain"}


@pytest.mark.parametrize(
    "args, kwargs, exc, match",
    [
        (([0.5, 0.0],), {}, ValueError, "strictly between 0 and 1"),
        (([0.5, 1.0],), {}, ValueError, "strictly between 0 and 1"),
        (([0.5],), {}, ValueError, "at least two prevalences"),
        (([0.5, 0.5],), {}, ValueError, "repeated"),
        (("0.5",), {}, TypeError, "list of shares"),
        (([0.5, "1%"],), {}, TypeError, "number between 0 and 1"),
        (([0.5, 0.1],), {"models": LogisticRegression()}, TypeError, "dict of one to three"),
        (([0.5, 0.1],), {"models": {"dummy": LogisticRegression()}}, TypeError, "other than 'dummy'"),
        (([0.5, 0.1],), {"models": {"x": "not a model"}}, TypeError, "scikit-learn classifier"),
        (([0.5, 0.1],), {"n_sick": 2}, ValueError, "at least 4"),
    ],
)
def test_prevalence_explorer_rejects_bad_input(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        prevalence_explorer(*args, **kwargs)
