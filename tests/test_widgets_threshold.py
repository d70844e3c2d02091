"""Tests of imbalance_lab.widgets.threshold_explorer, driven through its controls as a learner would."""
import re

import matplotlib
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from imbalance_lab import thresholds
from imbalance_lab.widgets import Explorer, threshold_explorer

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def scores():
    rng = np.random.default_rng(7)
    y = (rng.random(300) < 0.1).astype(int)
    score = np.clip(np.round(rng.random(300) * 0.7 + 0.25 * y, 3), 0, 1)
    return y, score


def cell(html: str, name: str) -> str:
    found = re.search(rf"class='il-{name}'[^>]*>([^<]*)<", html)
    assert found, f"no il-{name} cell in the readout"
    return found.group(1)


def counts_cell(html: str, name: str) -> str:
    """The cell right of the il-``name`` cell (the counts behind a rate)."""
    found = re.search(rf"class='il-{name}'[^>]*>[^<]*</td><td[^>]*>([^<]*)<", html)
    assert found, f"no counts beside il-{name}"
    return found.group(1)


def counts(html: str) -> tuple[int, int, int, int]:
    return tuple(int(cell(html, k)) for k in ("tn", "fp", "fn", "tp"))


@pytest.mark.parametrize("t", [0.0, 0.3, 0.42, 0.77, 1.0])
def test_readout_matches_confusion_matrix(scores, t):
    y, score = scores
    explorer = threshold_explorer(y, score)
    explorer.controls["threshold"].value = t
    html = explorer.readout.value
    tn, fp, fn, tp = confusion_matrix(y, score >= t, labels=[0, 1]).ravel()
    assert counts(html) == (tn, fp, fn, tp)
    assert (cell(html, "sensitivity"), counts_cell(html, "sensitivity")) == (f"{tp / (tp + fn):.3f}", f"{tp}/{tp + fn}")
    assert cell(html, "specificity") == f"{tn / (tn + fp):.3f}"
    if tp + fp:
        assert (cell(html, "ppv"), counts_cell(html, "ppv")) == (f"{tp / (tp + fp):.3f}", f"{tp}/{tp + fp}")
    else:
        assert cell(html, "ppv") == "undefined" and counts_cell(html, "ppv") == "nobody in the group"


@pytest.mark.parametrize("ratio", [0.1, 1.0, 100.0])
def test_cost_control_moves_cost_and_elkan_threshold(scores, ratio):
    y, score = scores
    explorer = threshold_explorer(y, score, threshold=0.3)
    explorer.controls["cost_ratio"].value = ratio
    html = explorer.readout.value
    tn, fp, fn, tp = confusion_matrix(y, score >= 0.3).ravel()
    assert cell(html, "cost").startswith(f"{(fp + ratio * fn) / len(y):.3f}")
    assert cell(html, "elkan") == f"{thresholds.cost_optimal_threshold(1, ratio):.3f}"


def test_lowest_cost_is_the_minimum_over_all_thresholds(scores):
    y, score = scores
    explorer = threshold_explorer(y, score, cost_ratio=10)
    candidates = np.r_[np.unique(score), 1.01]
    costs = [(np.sum((score >= t) & (y == 0)) + 10 * np.sum((score < t) & (y == 1))) / len(y) for t in candidates]
    assert f"cost {min(costs):.3f}" in cell(explorer.readout.value, "best")


def test_controls_only_look_up_the_sweep_built_once(scores, monkeypatch):
    y, score = scores
    explorer = threshold_explorer(y, score)
    assert isinstance(explorer, Explorer)
    assert set(explorer.controls) == {"threshold", "cost_ratio"}
    assert explorer.sweep.equals(thresholds.threshold_sweep(y, score))

    def refuse(*args, **kwargs):
        raise AssertionError("the callback recomputed the sweep")

    monkeypatch.setattr(thresholds, "threshold_sweep", refuse)
    explorer.controls["threshold"].value = 0.61
    explorer.controls["cost_ratio"].value = 3.0
    assert "0.61" in explorer.readout.value


def test_figure_marks_threshold_and_cost_optimum(scores):
    y, score = scores
    explorer = threshold_explorer(y, score, threshold=0.4, cost_ratio=4)
    ax_rates, ax_cost = explorer.figure.axes
    vertical = sorted({round(line.get_xdata()[0], 3) for line in ax_rates.lines if len(set(line.get_xdata())) == 1})
    assert vertical == [0.2, 0.4]  # Elkan: 1 / (1 + 4), and the threshold in use
    assert "cost" in ax_cost.get_ylabel().lower()


def test_unbounded_scores_get_a_slider_over_their_range():
    y = np.array([0, 0, 1, 1, 0, 1])
    score = np.array([-3.2, -1.0, 0.4, 2.5, 0.1, -0.2])  # decision_function values
    explorer = threshold_explorer(y, score, threshold=0.0)
    slider = explorer.controls["threshold"]
    assert (slider.min, slider.max) == (-4.0, 3.0)
    slider.value = 0.1
    assert counts(explorer.readout.value) == tuple(confusion_matrix(y, score >= 0.1).ravel())


def test_string_labels_need_pos_label():
    y = ["healthy", "sick", "healthy", "sick"]
    with pytest.raises(ValueError, match="pos_label"):
        threshold_explorer(y, [0.1, 0.9, 0.4, 0.6])
    explorer = threshold_explorer(y, [0.1, 0.9, 0.4, 0.6], pos_label="sick")
    assert counts(explorer.readout.value) == (2, 0, 0, 2)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"threshold": 1.5}, "between 0 and 1"),
        ({"cost_ratio": -2}, "must not be negative"),
        ({"cost_ratio": 5000}, "between 0.1 and 1000"),
        ({"labels": ("only one",)}, "two names"),
    ],
)
def test_bad_settings_raise_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        threshold_explorer([0, 1, 0, 1], [0.2, 0.8, 0.3, 0.6], **kwargs)


def test_bad_scores_raise_before_any_widget_is_built():
    with pytest.raises(ValueError, match="NaN"):
        threshold_explorer([0, 1, 0], [0.2, np.nan, 0.3])
    with pytest.raises(ValueError, match="different lengths"):
        threshold_explorer([0, 1, 0], [0.2, 0.3])
