"""Tests of imbalance_lab.thresholds: the threshold sweep, one-threshold counts and Elkan's threshold."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.metrics import confusion_matrix, precision_score, recall_score, roc_curve

from imbalance_lab import thresholds as th


# labels with both classes, and scores drawn from a small grid so that ties are common
@st.composite
def labelled_scores(draw, min_size=2, max_size=60):
    n = draw(st.integers(min_size, max_size))
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    assume(0 < sum(y) < n)
    grid = draw(st.sampled_from([4, 10, 1000]))
    scores = draw(st.lists(st.integers(0, grid), min_size=n, max_size=n))
    return np.array(y), np.array(scores, dtype=float) / grid


@settings(max_examples=60, deadline=None)
@given(labelled_scores(max_size=40), st.randoms(use_true_random=False))
def test_sweep_equals_sklearn_confusion_matrix_at_every_threshold(data, rnd):
    y, score = data
    sweep = th.threshold_sweep(y, score)
    assert list(sweep.columns) == list(th.SWEEP_COLUMNS)
    assert sweep["threshold"].tolist() == sorted(set(score.tolist()))
    for row in sweep.itertuples():
        tn, fp, fn, tp = confusion_matrix(y, score >= row.threshold, labels=[0, 1]).ravel()
        assert (row.tn, row.fp, row.fn, row.tp) == (tn, fp, fn, tp)
    row = sweep.iloc[rnd.randrange(len(sweep))]  # the ratios, against sklearn's own metrics
    flagged = score >= row["threshold"]
    assert row["sensitivity"] == pytest.approx(recall_score(y, flagged))
    assert row["specificity"] == pytest.approx(recall_score(y, flagged, pos_label=0))
    assert row["ppv"] == pytest.approx(precision_score(y, flagged))


@settings(max_examples=60, deadline=None)
@given(labelled_scores())
def test_sweep_agrees_with_the_lessons_confusion_matrix_at_thresholds(data):
    """Lesson 08 draws the curve with scikit-learn's call; the helper's table must say the same."""
    from sklearn.metrics import confusion_matrix_at_thresholds

    y, score = data
    tns, fps, fns, tps, thresholds = confusion_matrix_at_thresholds(y, score)
    sweep = th.threshold_sweep(y, score).set_index("threshold")
    lesson = pd.DataFrame({"tn": tns, "fp": fps, "fn": fns, "tp": tps}, index=thresholds)
    assert sorted(lesson.index) == sweep.index.tolist()
    pd.testing.assert_frame_equal(sweep.loc[lesson.index, ["tn", "fp", "fn", "tp"]].astype("int64"),
                                  lesson.astype("int64"), check_names=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        ppv = tps / (tps + fps)
    np.testing.assert_allclose(sweep.loc[lesson.index, "sensitivity"], tps / (tps + fns))
    np.testing.assert_allclose(sweep.loc[lesson.index, "specificity"], tns / (tns + fps))
    np.testing.assert_allclose(sweep.loc[lesson.index, "ppv"], ppv, equal_nan=True)


@settings(max_examples=80, deadline=None)
@given(labelled_scores(), st.floats(-0.5, 1.5, allow_nan=False))
def test_any_threshold_reads_from_the_next_row_up(data, t):
    y, score = data
    sweep = th.threshold_sweep(y, score)
    tn, fp, fn, tp = confusion_matrix(y, score >= t, labels=[0, 1]).ravel()
    above = sweep[sweep["threshold"] >= t]
    if above.empty:  # above the highest score nobody is flagged
        assert tp + fp == 0
    else:
        row = above.iloc[0]
        assert (row.tn, row.fp, row.fn, row.tp) == (tn, fp, fn, tp)


@settings(max_examples=100, deadline=None)
@given(labelled_scores(), st.floats(0.01, 100), st.floats(0.01, 100))
def test_sweep_metrics_are_monotone_and_cost_is_per_patient(data, c_fp, c_fn):
    y, score = data
    sweep = th.threshold_sweep(y, score, cost_fp=c_fp, cost_fn=c_fn)
    assert (np.diff(sweep["sensitivity"]) <= 0).all()  # a higher threshold never finds more sick patients
    assert (np.diff(sweep["specificity"]) >= 0).all()
    assert (sweep[["tp", "fp", "tn", "fn"]].sum(axis=1) == len(y)).all()
    expected = (c_fp * sweep["fp"] + c_fn * sweep["fn"]) / len(y)
    np.testing.assert_allclose(sweep["expected_cost"], expected)
    assert sweep["ppv"].notna().all()
    assert np.isnan(sweep["npv"].iloc[0])  # lowest threshold: nobody predicted negative


def test_sweep_matches_roc_curve_on_a_large_sample():
    rng = np.random.default_rng(0)
    y = (rng.random(100_000) < 0.05).astype(int)
    score = np.round(rng.random(y.size) * 0.7 + 0.3 * y, 4)
    sweep = th.threshold_sweep(y, score)
    fpr, tpr, thr = roc_curve(y, score, drop_intermediate=False)
    # roc_curve lists thresholds from high to low, after an extra "flag nobody" point
    np.testing.assert_array_equal(sweep["threshold"].to_numpy()[::-1], thr[1:])
    np.testing.assert_allclose(sweep["sensitivity"].to_numpy()[::-1], tpr[1:])
    np.testing.assert_allclose(1 - sweep["specificity"].to_numpy()[::-1], fpr[1:])


def test_sweep_small_example_by_hand():
    sweep = th.threshold_sweep([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], cost_fp=1, cost_fn=10)
    assert sweep["threshold"].tolist() == [0.1, 0.35, 0.4, 0.8]
    assert sweep["tp"].tolist() == [2, 2, 1, 1]
    assert sweep["fp"].tolist() == [2, 1, 1, 0]
    assert sweep["expected_cost"].tolist() == [0.5, 0.25, 2.75, 2.5]


def test_string_labels_with_pos_label_and_unbounded_scores():
    y = pd.Series(["healthy", "sick", "healthy", "sick", "healthy"], dtype="str")
    score = np.array([-2.0, 3.5, 0.0, 0.0, 7.0])  # decision_function values
    sweep = th.threshold_sweep(y, score, pos_label="sick")
    assert sweep["threshold"].tolist() == [-2.0, 0.0, 3.5, 7.0]
    assert sweep["tp"].tolist() == [2, 2, 1, 0]
    assert sweep["fp"].tolist() == [3, 2, 1, 1]


def test_boolean_labels_take_true_as_positive():
    sweep = th.threshold_sweep(np.array([True, False, True]), [0.9, 0.2, 0.4])
    assert sweep["tp"].tolist() == [2, 2, 1]


def test_confusion_at_agrees_with_sklearn_and_marks_undefined_ppv():
    y = np.array([0, 0, 1, 1, 0])
    score = np.array([0.1, 0.4, 0.35, 0.8, 0.2])
    row = th.confusion_at(y, score, 0.3)
    tn, fp, fn, tp = confusion_matrix(y, score >= 0.3).ravel()
    assert (row["tn"], row["fp"], row["fn"], row["tp"]) == (tn, fp, fn, tp)
    nobody = th.confusion_at(y, score, 0.9)
    assert nobody["tp"] == nobody["fp"] == 0 and np.isnan(nobody["ppv"])
    assert nobody["npv"] == pytest.approx(3 / 5)
    assert th.confusion_at(y, score * 10 - 5, 7.5)["tp"] == 0  # unbounded scores: any threshold


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_confusion_at_refuses_a_probability_threshold_outside_0_1(threshold):
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        th.confusion_at([0, 1], [0.2, 0.7], threshold)


@pytest.mark.parametrize("threshold, exc, match", [
    (np.nan, ValueError, "threshold must be a finite number"),
    (np.inf, ValueError, "threshold must be a finite number"),
    ("0.5", TypeError, r"threshold must be a number .*float\('0.3'\)"),
    (None, TypeError, "threshold must be a number"),
])
def test_confusion_at_refuses_a_non_number_threshold(threshold, exc, match):
    with pytest.raises(exc, match=match):
        th.confusion_at([0, 1], [0.2, 0.7], threshold)


@pytest.mark.parametrize(
    "y, score, kwargs, match",
    [
        ([0, 1, 0], [0.1, np.nan, 0.3], {}, "NaN or infinite"),
        ([0, 1, 0], [0.1, np.inf, 0.3], {}, "NaN or infinite"),
        ([0, 1, 0], [0.1, 0.2], {}, "different lengths"),
        ([0, 0, 0], [0.1, 0.2, 0.3], {}, "single class"),
        (["no", "yes", "no"], [0.1, 0.2, 0.3], {}, "pos_label"),
        (["no", "yes", "no"], [0.1, 0.2, 0.3], {"pos_label": "sick"}, "not one of the labels"),
        ([0, 1, 2], [0.1, 0.2, 0.3], {}, "3 classes"),
        ([0, 1, np.nan], [0.1, 0.2, 0.3], {}, "missing label"),
        ([0, 1, 0], [[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]], {}, "positive-class column"),
        ([0, 1, 0], [0.1, 0.2, 0.3], {"cost_fp": -1}, "must not be negative"),
        ([0, 1, 0], [0.1, 0.2, 0.3], {"cost_fn": np.inf}, "finite"),
        ([0, 1, 0], [0.1, 0.2, 0.3], {"cost_fp": 0, "cost_fn": 0}, "both 0"),
        ([], [], {}, "empty"),
    ],
)
def test_sweep_bad_inputs_raise_clear_errors(y, score, kwargs, match):
    with pytest.raises(ValueError, match=match):
        th.threshold_sweep(y, score, **kwargs)


def test_sweep_refuses_non_numeric_scores_and_costs():
    with pytest.raises(TypeError, match="must be numbers"):
        th.threshold_sweep([0, 1], ["low", "high"])
    with pytest.raises(TypeError, match="cost_fn must be a number"):
        th.threshold_sweep([0, 1], [0.1, 0.9], cost_fn="10")
    with pytest.raises(ValueError, match="one target column"):
        th.threshold_sweep(pd.DataFrame({"a": [0, 1], "b": [1, 0]}), [0.1, 0.9])


def test_cost_optimal_threshold_is_elkans_formula():
    assert th.cost_optimal_threshold(1, 10) == pytest.approx(1 / 11)
    assert th.cost_optimal_threshold(1, 1) == 0.5
    assert th.cost_optimal_threshold(3, 7) == pytest.approx(0.3)  # the article's 0.3 <=> c_FN/c_FP = 7/3
    assert th.cost_optimal_threshold(0, 5) == 0.0
    assert th.cost_optimal_threshold(5, 0) == 1.0


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_cost_optimal_threshold_only_depends_on_the_ratio(c_fp, c_fn):
    assume(c_fp + c_fn > 0)
    t = th.cost_optimal_threshold(c_fp, c_fn)
    assert 0 <= t <= 1
    assert th.cost_optimal_threshold(2 * c_fp, 2 * c_fn) == pytest.approx(t)


@pytest.mark.parametrize(
    "c_fp, c_fn, exc, match",
    [
        (-1, 10, ValueError, "cost_fp must not be negative"),
        (1, -0.5, ValueError, "cost_fn must not be negative"),
        (0, 0, ValueError, "both 0"),
        (1, np.nan, ValueError, "finite"),
        ("1", 10, TypeError, "must be a number"),
        (True, 10, TypeError, "must be a number"),
    ],
)
def test_cost_optimal_threshold_bad_costs(c_fp, c_fn, exc, match):
    with pytest.raises(exc, match=match):
        th.cost_optimal_threshold(c_fp, c_fn)


def test_expected_cost_is_lowest_near_elkans_threshold_for_calibrated_scores():
    # risks drawn first, outcomes from the risks: the scores are calibrated by construction
    rng = np.random.default_rng(42)
    risk = rng.beta(1, 6, 200_000)
    y = (rng.random(risk.size) < risk).astype(int)
    sweep = th.threshold_sweep(y, np.round(risk, 3), cost_fp=1, cost_fn=10)
    best = sweep.loc[sweep["expected_cost"].idxmin(), "threshold"]
    assert abs(best - th.cost_optimal_threshold(1, 10)) < 0.02


# --- the trade-off figure drawn from a sweep (imbalance_lab.plots.plot_threshold_tradeoff) ---------------


def test_tradeoff_plot_draws_the_sweep_as_steps_and_marks_thresholds():
    import matplotlib

    matplotlib.use("Agg")
    from imbalance_lab.plots import plot_threshold_tradeoff

    sweep = th.threshold_sweep([0, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.2], cost_fn=10)
    ax_rates, ax_cost = plot_threshold_tradeoff(sweep, threshold=0.3, cost_optimal=1 / 11)
    sens = next(line for line in ax_rates.lines if line.get_label() == "sensitivity")
    x, y = sens.get_xdata(), sens.get_ydata()
    assert (x[0], x[-1]) == (0.0, 1.0)  # probabilities: drawn over [0, 1]
    assert y[-1] == 0.0  # above the highest score nobody is flagged
    cost = ax_cost.lines[0]
    assert cost.get_ydata()[-1] == pytest.approx(10 * 2 / 5)  # flag nobody: both sick patients missed
    vertical = sorted(round(line.get_xdata()[0], 3) for line in ax_cost.lines[1:])
    assert vertical == [0.091, 0.3]
    matplotlib.pyplot.close("all")


def test_tradeoff_plot_over_unbounded_scores_and_bad_input():
    import matplotlib

    matplotlib.use("Agg")
    from imbalance_lab.plots import plot_threshold_tradeoff

    sweep = th.threshold_sweep([0, 1, 0, 1], [-2.0, 3.0, 0.5, 1.0])
    ax_rates, _ = plot_threshold_tradeoff(sweep)
    assert "score" in ax_rates.get_xlabel()
    assert ax_rates.get_xlim()[0] < -2.0 and ax_rates.get_xlim()[1] > 3.0
    with pytest.raises(TypeError, match="threshold_sweep"):
        plot_threshold_tradeoff(pd.DataFrame({"threshold": [0.5]}))
    with pytest.raises(ValueError, match="finite"):
        plot_threshold_tradeoff(sweep, threshold=np.nan)
    matplotlib.pyplot.close("all")


def test_sweep_of_a_million_scores_takes_about_as_long_as_roc_curve():
    import time

    rng = np.random.default_rng(1)
    y = (rng.random(1_000_000) < 0.05).astype(int)
    score = np.round(rng.random(y.size) * 0.7 + 0.3 * y, 5)

    def best(f):
        times = []
        for _ in range(2):
            start = time.perf_counter()
            f()
            times.append(time.perf_counter() - start)
        return min(times)

    t_roc = best(lambda: roc_curve(y, score, drop_intermediate=False))
    t_sweep = best(lambda: th.threshold_sweep(y, score))
    assert t_sweep < 3 * t_roc + 0.3, (t_sweep, t_roc)


@pytest.mark.parametrize("labels", [[1, 2, 1, 2], ["a", "b", "a", "b"], [-1, 1, -1, 1]])
def test_sweep_infers_the_positive_label_only_for_0_1_and_lists_the_labels_otherwise(labels):
    with pytest.raises(ValueError, match=r"pos_label=") as info:
        th.threshold_sweep(labels, [0.1, 0.9, 0.2, 0.8])
    assert all(repr(v) in str(info.value) for v in set(labels))
    sweep = th.threshold_sweep(labels, [0.1, 0.9, 0.2, 0.8], pos_label=labels[1])
    assert sweep["tp"].iloc[0] == 2
