"""Tests of imbalance_lab.widgets.sampler_explorer: counts, caching, messages, bad input."""
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import SMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification

from imbalance_lab.widgets import SAMPLERS, Explorer, sampler_explorer

SEED = 42


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=200, n_features=2, n_informative=2, n_redundant=0, n_clusters_per_class=1,
        weights=[0.9, 0.1], random_state=SEED,
    )
    return X, y


@pytest.fixture(scope="module")
def explorer(data):
    return sampler_explorer(*data, random_state=SEED)


def table_rows(html, cls):
    """The body rows of the readout table with class ``cls``, as lists of cell texts."""
    table = re.search(rf"<table class='{cls}'.*?</table>", html, re.S)
    assert table, f"no {cls} table in the readout"
    body = table.group(0).split("<tbody>", 1)[1]
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def readout_counts(html):
    """{class: (before, after)} from the readout's table (empty when nothing was resampled)."""
    return {row[0]: (int(row[1]), int(row[2])) for row in table_rows(html, "il-counts") if len(row) == 4}


def expected(name, k, strategy):
    if name == "RandomUnderSampler":
        return RandomUnderSampler(sampling_strategy=strategy, random_state=SEED)
    if name == "RandomOverSampler":
        return RandomOverSampler(sampling_strategy=strategy, random_state=SEED)
    if name == "SMOTE":
        return SMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=SEED)
    if name == "BorderlineSMOTE":
        return BorderlineSMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=SEED)
    cls = SMOTEENN if name == "SMOTEENN" else SMOTETomek
    return cls(smote=SMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=SEED), random_state=SEED)


def test_it_is_an_explorer_with_the_three_controls(explorer):
    assert isinstance(explorer, Explorer)
    assert set(explorer.controls) == {"sampler", "k_neighbors", "sampling_strategy"}
    assert tuple(explorer.controls["sampler"].options) == SAMPLERS


@pytest.mark.parametrize("name", SAMPLERS)
@pytest.mark.parametrize("k, strategy", [(5, 1.0), (3, 0.5)])
def test_readout_counts_equal_fit_resample(explorer, data, name, k, strategy):
    X, y = data
    explorer.controls["sampler"].value = name
    explorer.controls["k_neighbors"].value = k
    explorer.controls["sampling_strategy"].value = strategy
    _, y_res = expected(name, k, strategy).fit_resample(X, y)
    shown = readout_counts(explorer.readout.value)
    for c in (0, 1):
        assert shown[str(c)] == ((y == c).sum(), (y_res == c).sum())
    assert f"{len(y_res)} rows after resampling" in explorer.readout.value


@pytest.mark.parametrize("name", SAMPLERS)
def test_sampling_strategy_changes_the_counts_of_every_sampler(explorer, name):
    explorer.controls["sampler"].value = name
    explorer.controls["k_neighbors"].value = 5
    counts = {}
    for strategy in (0.5, 1.0):
        explorer.controls["sampling_strategy"].value = strategy
        counts[strategy] = readout_counts(explorer.readout.value)
    before_healthy, after_healthy = counts[0.5]["0"]
    _, after_sick = counts[0.5]["1"]
    assert counts[0.5] != counts[1.0]
    # before any cleaning step, minority / majority = 0.5; cleaning only removes rows
    assert after_sick <= 0.5 * before_healthy + 1


def test_k_neighbors_is_disabled_for_the_random_samplers(explorer):
    for name in SAMPLERS:
        explorer.controls["sampler"].value = name
        assert explorer.controls["k_neighbors"].disabled == name.startswith("Random")


def test_k_is_ignored_by_the_random_samplers(explorer):
    explorer.controls["sampler"].value = "RandomOverSampler"
    explorer.controls["k_neighbors"].value = 2
    first = explorer.readout.value
    explorer.controls["k_neighbors"].value = 9
    assert explorer.readout.value == first
    assert "k_neighbors=" not in first
    assert explorer.resampled("RandomOverSampler", 2, 1.0) is explorer.resampled("RandomOverSampler", 9, 1.0)


def test_results_are_cached_per_setting(explorer):
    explorer.controls["sampler"].value = "SMOTE"
    explorer.controls["k_neighbors"].value = 4
    explorer.controls["sampling_strategy"].value = 0.6
    first = explorer.resampled("SMOTE", 4, 0.6)
    assert explorer.resampled("SMOTE", 4, 0.6) is first


def test_too_many_neighbours_gives_a_plain_message_not_an_error():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(65, 2))
    y = np.r_[np.zeros(60, int), np.ones(5, int)]
    explorer = sampler_explorer(X, y, k_neighbors=5)
    html = explorer.readout.value
    assert "needs at least 6 minority rows" in html and "this data has 5" in html
    assert "Lower k_neighbors to 4" in html
    assert readout_counts(html) == {}  # no 'after' column when nothing was resampled
    explorer.controls["k_neighbors"].value = 4
    assert readout_counts(explorer.readout.value)["1"] == (5, 60)
    explorer.controls["sampler"].value = "SMOTEENN"
    explorer.controls["k_neighbors"].value = 7
    assert "needs at least 8 minority rows" in explorer.readout.value


def test_a_ratio_below_the_current_one_is_explained(data):
    X, y = data
    explorer = sampler_explorer(X, y, sampling_strategy=0.1)
    ratio = (y == 1).sum() / (y == 0).sum()
    assert ratio > 0.1
    assert f"Move sampling_strategy above {ratio:.2f}" in explorer.readout.value


def test_labels_and_figure(data):
    X, y = data
    explorer = sampler_explorer(X, y, labels={0: "healthy", 1: "sick"}, feature_names=["a (z)", "b (z)"])
    assert [row[0] for row in table_rows(explorer.readout.value, "il-counts")] == ["healthy", "sick"]
    (ax,) = explorer.figure.axes
    assert ax.get_xlabel() == "a (z)"
    assert "synthetic" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


@pytest.mark.parametrize(
    "X, y, kwargs, error, match",
    [
        (np.zeros((10, 3)), [0] * 8 + [1] * 2, {}, ValueError, "exactly 2 feature columns"),
        (np.zeros((10, 2)), [0] * 9, {}, ValueError, "different lengths"),
        (np.zeros((9, 2)), [0] * 3 + [1] * 3 + [2] * 3, {}, ValueError, "two classes"),
        (np.zeros((10, 2)), [0] * 9 + [1], {}, ValueError, "at least 2 minority rows"),
        (np.zeros((10, 2)), [0] * 8 + [1] * 2, {"sampler": "ADASYN"}, ValueError, "one of"),
        (np.zeros((10, 2)), [0] * 8 + [1] * 2, {"k_neighbors": 0}, ValueError, "at least 1"),
        (np.zeros((10, 2)), [0] * 8 + [1] * 2, {"k_neighbors": 2.5}, TypeError, "whole number"),
        (np.zeros((10, 2)), [0] * 8 + [1] * 2, {"sampling_strategy": 1.5}, ValueError, r"\[0, 1\]"),
        (np.zeros((10, 2)), [0] * 8 + [1] * 2, {"sampling_strategy": 0.05}, ValueError, "between"),
    ],
)
def test_bad_input_is_refused(X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        sampler_explorer(X, y, **kwargs)
