"""Frames drawn ahead in the background: only after a move made in the page, never while a cell
runs, identical to the frames drawn on demand, and never touching a widget."""
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from sklearn.datasets import make_classification

from imbalance_lab import widgets
from imbalance_lab.widgets import sampler_explorer, threshold_explorer

SEED = 42
WAIT_S = 120  # an upper bound for a slow, busy machine; the test passes as soon as the work is done


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(n_samples=200, n_features=2, n_informative=2, n_redundant=0,
                               n_clusters_per_class=1, weights=[0.9, 0.1], random_state=SEED)
    return X, y


@pytest.fixture(scope="module")
def scores():
    rng = np.random.default_rng(SEED)
    y = (rng.random(400) < 0.15).astype(int)
    return y, np.clip(0.25 * y + rng.beta(2, 5, 400), 0, 1)


@pytest.fixture
def any_frame(monkeypatch):
    """Draw ahead whatever a frame costs: these tests are about what is drawn, not about the time budget,
    which test_frames_quicker_than_the_budget_are_not_drawn_ahead covers (a quiet machine draws a sampler
    frame in under the budget, a busy one above it)."""
    monkeypatch.setattr(widgets, "DRAW_AHEAD_MIN_S", 0.0)


def move_in_page(control, value):
    """What ipywidgets does with a value the page sends (the kernel's side of a move); a menu sends its index."""
    state = {"index": control._options_values.index(value)} if hasattr(control, "_options_values") else {"value": value}
    control._handle_msg({"content": {"data": {"method": "update", "state": state, "buffer_paths": []}},
                         "buffers": []})
    assert control.value == value


def settle():
    """Wait until the background thread has nothing left to draw."""
    deadline = time.monotonic() + WAIT_S
    while widgets._PREFETCHER._job is not None:
        assert time.monotonic() < deadline, "the frames were not drawn ahead in time"
        time.sleep(0.05)


def on_demand(make, values):
    """The PNG a fresh explorer shows for ``values`` set by code (which draws nothing ahead)."""
    fresh = make()
    for name, value in values.items():
        fresh.controls[name].value = value
    return fresh.image.value


def test_a_value_set_by_code_draws_nothing_ahead(data, any_frame):
    explorer = sampler_explorer(*data, random_state=SEED)
    explorer.controls["k_neighbors"].value = 3
    time.sleep(3 * widgets.PREFETCH_IDLE_S)
    assert widgets._PREFETCHER._job is None or widgets._PREFETCHER._job[0] is not explorer
    assert len(explorer._frames) == 2  # the start and k_neighbors=3


def test_a_move_in_the_page_draws_every_stop_of_that_control(data, any_frame):
    explorer = sampler_explorer(*data, random_state=SEED)
    move_in_page(explorer.controls["k_neighbors"], 7)
    assert explorer.controls["k_neighbors"].value == 7
    settle()
    assert set(explorer._frames) == {("SMOTE", k, 1.0) for k in range(1, 16)}  # that control's stops only
    # the next move of that control finds its frame: shown without a new draw
    move_in_page(explorer.controls["k_neighbors"], 12)
    assert len(explorer._frames) == 15
    move_in_page(explorer.controls["sampler"], "BorderlineSMOTE")
    settle()
    assert {(name, 12 if name in widgets._USES_K else None, 1.0) for name in widgets.SAMPLERS} <= set(explorer._frames)
    # drawing the random samplers ahead left the widgets alone: k_neighbors stays usable for BorderlineSMOTE
    assert not explorer.controls["k_neighbors"].disabled
    move_in_page(explorer.controls["sampler"], "RandomOverSampler")
    assert explorer.controls["k_neighbors"].disabled


def test_frames_drawn_ahead_are_the_frames_drawn_on_demand(data, any_frame):
    sampler = sampler_explorer(*data, random_state=SEED)
    move_in_page(sampler.controls["sampling_strategy"], 0.5)
    settle()
    for values in ({"sampling_strategy": 0.85}, {"sampling_strategy": 0.2}):
        key = sampler._frame_key(**{**sampler.values(), **values})
        assert sampler._frames[key] == on_demand(
            lambda: sampler_explorer(*data, random_state=SEED), values), values



def test_frames_quicker_than_the_budget_are_not_drawn_ahead(scores, data):
    # the threshold explorer's frames are blits over a background kept per cost-axis scale
    y, s = scores
    threshold = threshold_explorer(y, s, threshold=0.3, cost_ratio=10)
    for name, value in (("threshold", 0.42), ("threshold", 0.43), ("cost_ratio", 10 ** 1.5), ("cost_ratio", 10 ** 1.55)):
        move_in_page(threshold.controls[name], value)
        settle()
    drawn = len(threshold._frames)
    if all(t < widgets.DRAW_AHEAD_MIN_S for t in threshold._draw_s.values()):
        assert drawn == 5  # the start and the four moves
    else:  # a machine too busy to draw them within the budget: they were drawn ahead, every stop
        assert drawn > 5
    # the same rule for the sampler explorer, whichever side of the budget this machine's frames fall
    explorer = sampler_explorer(*data, random_state=SEED)
    move_in_page(explorer.controls["k_neighbors"], 7)
    settle()
    slow = any(t >= widgets.DRAW_AHEAD_MIN_S for t in explorer._draw_s.values())
    assert len(explorer._frames) == (15 if slow else 2)


def test_nothing_is_drawn_ahead_while_a_cell_runs(data, any_frame):
    explorer = sampler_explorer(*data, random_state=SEED)
    widgets._PREFETCHER._cell_starts()
    try:
        move_in_page(explorer.controls["k_neighbors"], 4)
        time.sleep(5 * widgets.PREFETCH_IDLE_S)
        assert len(explorer._frames) == 2
    finally:
        widgets._PREFETCHER._cell_ends()
    settle()
    assert {("SMOTE", k, 1.0) for k in range(1, 16)} <= set(explorer._frames)


def test_stops_are_the_values_the_page_can_send():
    import ipywidgets as w

    assert widgets._stops(w.IntSlider(value=5, min=1, max=15)) == list(range(1, 16))
    assert widgets._stops(w.FloatSlider(value=1.0, min=0.1, max=1.0, step=0.05))[-1] == pytest.approx(1.0)
    assert widgets._stops(w.Dropdown(options=["a", "b"])) == ["a", "b"]
    assert widgets._stops(w.SelectionSlider(options=[("50%", 0.5), ("1%", 0.01)])) == [0.5, 0.01]
    assert widgets._nearest_first([1, 2, 3, 4, 5], 3) == [4, 2, 5, 1]


def test_threshold_frames_drawn_ahead_are_the_frames_drawn_on_demand(scores, monkeypatch):
    # on a busy machine the threshold explorer's frames can take longer than the budget: then they are drawn
    # ahead, over backgrounds kept per cost-axis scale, and must be the same pictures
    monkeypatch.setattr(widgets, "DRAW_AHEAD_MIN_S", 0.0)
    y, s = scores
    make = lambda: threshold_explorer(y, s, threshold=0.3, cost_ratio=10)  # noqa: E731
    explorer = make()
    move_in_page(explorer.controls["cost_ratio"], 10 ** 1.5)
    settle()
    move_in_page(explorer.controls["threshold"], 0.42)
    settle()
    cost_stops = widgets._stops(explorer.controls["cost_ratio"])
    assert len(cost_stops) == 81 and len(explorer._frames) >= 81 + 100
    for values in ({"cost_ratio": cost_stops[3], "threshold": 0.3}, {"cost_ratio": cost_stops[-1], "threshold": 0.3},
                   {"threshold": 0.61, "cost_ratio": 10 ** 1.5}, {"threshold": 0.05, "cost_ratio": 10 ** 1.5}):
        assert explorer._frames[explorer._frame_key(**values)] == on_demand(make, values), values
