"""Tests of imbalance_lab.plots.plot_resampled and resampling_origin."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import SMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from matplotlib.collections import LineCollection
from sklearn.datasets import make_classification

from imbalance_lab.plots import plot_resampled, resampling_origin


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=200, n_features=2, n_informative=2, n_redundant=0, n_clusters_per_class=1,
        weights=[0.9, 0.1], random_state=42,
    )
    return X, y


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _segments(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


@pytest.mark.parametrize("sampler", [RandomOverSampler(random_state=0), SMOTE(random_state=0),
                                     BorderlineSMOTE(random_state=0)])
def test_over_samplers_return_the_originals_first_unchanged(data, sampler):
    X, y = data
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.array_equal(X_res[: len(X)], X) and np.array_equal(y_res[: len(y)], y)
    info = resampling_origin(X, y, X_res, y_res)
    assert info["appended"]
    assert (info["origin"][: len(X)] == "real").all()
    assert not info["removed"].any()


def test_smote_rows_are_synthetic_and_random_over_sampler_rows_are_copies(data):
    X, y = data
    X_s, y_s = SMOTE(random_state=0).fit_resample(X, y)
    X_r, y_r = RandomOverSampler(random_state=0).fit_resample(X, y)
    n_new = len(y_s) - len(y)
    assert (resampling_origin(X, y, X_s, y_s)["origin"] == "synthetic").sum() == n_new
    assert (resampling_origin(X, y, X_r, y_r)["origin"] == "copy").sum() == len(y_r) - len(y)


@pytest.mark.parametrize("sampler", [RandomUnderSampler(random_state=0), SMOTEENN(random_state=0),
                                     SMOTETomek(random_state=0)])
def test_origin_accounts_for_every_row_of_samplers_that_remove(data, sampler):
    X, y = data
    X_res, y_res = sampler.fit_resample(X, y)
    info = resampling_origin(X, y, X_res, y_res)
    assert not info["appended"]
    n_real = int((info["origin"] == "real").sum())
    # every original row is either returned (once) or counted as removed
    assert n_real + int(info["removed"].sum()) == len(X)
    if isinstance(sampler, RandomUnderSampler):
        assert (info["origin"] == "real").all()
        assert info["removed"].sum() == len(y) - len(y_res)


@settings(max_examples=25, deadline=None)
@given(n_min=st.integers(6, 25), seed=st.integers(0, 10_000))
def test_every_smote_point_lies_on_a_segment_between_two_real_minority_rows(n_min, seed):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(2, 1, (n_min, 2))])
    y = np.r_[np.zeros(60, int), np.ones(n_min, int)]
    X_res, y_res = SMOTE(random_state=seed).fit_resample(X, y)
    ax = plot_resampled(X, y, X_res, y_res)
    (found,) = _segments(ax)
    pairs = np.asarray(found.get_segments())
    plt.close(ax.figure)
    synthetic = X_res[len(X):]
    assert len(pairs) == len(synthetic)
    minority = {tuple(p) for p in X[y == 1]}
    assert all(tuple(a) in minority and tuple(b) in minority for a, b in pairs)
    # each synthetic point is on one of the drawn segments
    for s in synthetic:
        a, b = pairs[:, 0], pairs[:, 1]
        d = b - a
        t = np.clip(((s - a) * d).sum(1) / np.maximum((d * d).sum(1), 1e-300), 0, 1)
        assert np.min(np.linalg.norm(a + t[:, None] * d - s, axis=1)) < 1e-9


def test_legend_counts_and_returned_axes(data):
    X, y = data
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    fig, ax = plt.subplots()
    out = plot_resampled(pd.DataFrame(X, columns=["hba1c (z)", "systolic_bp (z)"]), y, X_res, y_res, ax=ax,
                         labels={0: "healthy", 1: "sick"})
    assert out is ax
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    n_new = len(y_res) - len(y)
    assert f"sick: synthetic ({n_new})" in texts
    assert f"healthy: real ({(y == 0).sum()})" in texts
    assert any(t.startswith("segment to the real pair") for t in texts)
    assert ax.get_xlabel() == "hba1c (z)" and ax.get_ylabel() == "systolic_bp (z)"


def test_points_off_every_segment_fall_back_to_nearest_links_and_say_so(data):
    X, y = data
    extra = np.array([[10.0, 10.0], [11.0, -9.0]])  # not made by interpolation
    X_res, y_res = np.vstack([X, extra]), np.r_[y, [1, 1]]
    ax = plot_resampled(X, y, X_res, y_res)
    (links,) = _segments(ax)
    assert len(links.get_segments()) == 4  # two links per point
    assert "pair not identified" in links.get_label()


def test_random_under_sampler_marks_removed_rows(data):
    X, y = data
    X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    ax = plot_resampled(X, y, X_res, y_res, segments=False)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"0: removed ({len(y) - len(y_res)})" in texts
    assert not _segments(ax)


def test_duplicate_input_rows_are_not_called_removed():
    X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([0, 0, 0, 1, 1])
    info = resampling_origin(X, y, X[[1, 0, 3, 4]], y[[1, 0, 3, 4]])
    assert info["origin"].tolist() == ["real"] * 4
    assert info["removed"].tolist() == [False, False, True, False, False]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"X": np.zeros((5, 3))}, ValueError, "exactly 2 feature columns"),
        ({"X_res": np.zeros((7, 1))}, ValueError, "exactly 2 feature columns"),
        ({"y": [0, 1]}, ValueError, "different lengths"),
        ({"y_res": [0] * 3}, ValueError, "different lengths"),
        ({"X": [["a", "b"]] * 5}, TypeError, "numbers only"),
        ({"X": np.array([[np.nan, 0.0]] * 5)}, ValueError, "NaN"),
        ({"ax": "left"}, TypeError, "matplotlib Axes"),
        ({"feature_names": "age"}, ValueError, "two names"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, error, match):
    args = {"X": np.arange(10.0).reshape(5, 2), "y": [0, 0, 0, 1, 1],
            "X_res": np.arange(14.0).reshape(7, 2), "y_res": [0, 0, 0, 1, 1, 1, 1]}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        plot_resampled(**args)


def test_origin_refuses_labels_the_input_did_not_have():
    X = np.arange(8.0).reshape(4, 2)
    with pytest.raises(ValueError, match="y does not have"):
        resampling_origin(X, [0, 0, 1, 1], X, [0, 0, 1, 2])
