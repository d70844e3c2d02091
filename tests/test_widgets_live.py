"""How the explorers draw: in place, from cached frames, blitted; readouts and figures that look finished.

The speed itself is measured by ``make bench`` (tools/bench.py, tools/bench_browser.py);
these tests pin down the mechanisms it relies on and that they draw the right picture.
"""
import base64
import io
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from sklearn.datasets import make_classification
from sklearn.metrics import confusion_matrix

from imbalance_lab.widgets import _png, prevalence_explorer, sampler_explorer, threshold_explorer

SEED = 42


@pytest.fixture(scope="module")
def scores():
    rng = np.random.default_rng(3)
    y = (rng.random(400) < 0.15).astype(int)
    return y, np.clip(np.round(rng.random(400) * 0.7 + 0.3 * y, 3), 0, 1)


@pytest.fixture(scope="module")
def prevalence():
    return prevalence_explorer([0.5, 0.2, 0.05, 0.01, 0.005], random_state=SEED)


@pytest.fixture(scope="module")
def data():
    return make_classification(n_samples=200, n_features=2, n_informative=2, n_redundant=0, n_clusters_per_class=1,
                               weights=[0.9, 0.1], random_state=SEED)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def refuse_drawing(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError("the figure was drawn again")

    monkeypatch.setattr(FigureCanvasAgg, "draw", refuse)


def test_every_slider_updates_while_dragged(prevalence, data, scores):
    explorers = [prevalence, sampler_explorer(*data), threshold_explorer(*scores)]
    sliders = [c for e in explorers for c in e.controls.values() if hasattr(c, "continuous_update")]
    assert len(sliders) == 5 and all(c.continuous_update for c in sliders)


def test_the_figure_is_drawn_once_then_changed_in_place(scores):
    explorer = threshold_explorer(*scores, threshold=0.3)
    fig = explorer.figure
    axes, lines = list(fig.axes), [list(ax.lines) for ax in fig.axes]
    positions = [ax.get_position().bounds for ax in axes]
    for t, c in [(0.6, 10.0), (0.2, 100.0), (0.45, 0.5)]:
        explorer.controls["threshold"].value = t
        explorer.controls["cost_ratio"].value = c
    assert explorer.figure is fig and list(fig.axes) == axes  # no fig.clear(), no new Axes
    assert [list(ax.lines) for ax in fig.axes] == lines  # the same artists, with new data
    assert [ax.get_position().bounds for ax in axes] == positions  # the layout is frozen after the first draw
    assert type(fig.get_layout_engine()).__name__ in ("NoneType", "PlaceHolderLayoutEngine")


def test_a_slider_with_few_stops_draws_nothing_when_moved(prevalence, monkeypatch):
    slider = prevalence.controls["prevalence"]
    refuse_drawing(monkeypatch)  # every stop was drawn while the explorer was built
    frames = set()
    for _, p in slider.options:
        slider.value = p
        assert f"prevalence {p * 100:.3g}%" in prevalence.readout.value
        frames.add(prevalence.image.value)
    assert len(frames) == len(slider.options)


def test_a_setting_seen_before_is_not_drawn_again(data, monkeypatch):
    explorer = sampler_explorer(*data)
    first = explorer.image.value
    explorer.controls["sampler"].value = "RandomOverSampler"
    assert explorer.image.value != first
    refuse_drawing(monkeypatch)
    explorer.controls["sampler"].value = "SMOTE"
    assert explorer.image.value == first
    assert "SMOTE(sampling_strategy=1.00, k_neighbors=5)" in explorer.readout.value


@pytest.mark.parametrize("moves", [[("threshold", 0.62)], [("cost_ratio", 40.0)],
                                   [("threshold", 0.1), ("cost_ratio", 0.2), ("threshold", 0.55)]])
def test_a_blitted_frame_is_the_picture_a_full_draw_gives(scores, moves):
    explorer = threshold_explorer(*scores, threshold=0.3, cost_ratio=10)
    for name, value in moves:
        explorer.controls[name].value = value
    shown = pixels(explorer.image.value)
    fig = explorer.figure
    fig.canvas.draw()  # everything, from scratch
    full = pixels(_png(fig))
    assert shown.shape == full.shape
    differ = (np.abs(shown.astype(int) - full.astype(int)).max(axis=2) > 2).sum()
    # a line drawn over the base crosses the axes' spines in the other order: a few pixels, no more
    assert differ <= 20, f"{differ} pixels differ from a full draw"
    values = explorer.values()
    fresh = threshold_explorer(*scores, threshold=values["threshold"], cost_ratio=values["cost_ratio"])
    assert fresh.readout.value == explorer.readout.value


def test_each_control_changes_readout_and_picture(prevalence, data, scores):
    cases = [(prevalence, "prevalence", 0.01), (threshold_explorer(*scores), "threshold", 0.7),
             (threshold_explorer(*scores), "cost_ratio", 100.0), (sampler_explorer(*data), "sampler", "SMOTEENN"),
             (sampler_explorer(*data), "k_neighbors", 2), (sampler_explorer(*data), "sampling_strategy", 0.5)]
    for explorer, name, value in cases:
        before = explorer.readout.value, explorer.image.value
        explorer.controls[name].value = value
        assert explorer.readout.value != before[0], name
        assert explorer.image.value != before[1], name


def test_the_confusion_matrix_reads_as_in_the_lessons(scores):
    y, score = scores
    explorer = threshold_explorer(y, score, threshold=0.4)
    html = explorer.readout.value
    table = re.search(r"<table class='il-confusion'.*?</table>", html, re.S).group(0)
    rows = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r)]
            for r in re.findall(r"<tr>(.*?)</tr>", table)]
    (tn, fp), (fn, tp) = confusion_matrix(y, score >= 0.4, labels=[0, 1])
    assert rows[0][1:] == ["not flagged (healthy)", "flagged (sick)"]  # columns: the decision
    assert rows[1] == [f"healthy ({(y == 0).sum()})", str(tn), str(fp)]  # rows: the truth, healthy first
    assert rows[2] == [f"sick ({(y == 1).sum()})", str(fn), str(tp)]


def test_readout_tables_are_styled_by_the_widget(prevalence, data, scores):
    for explorer in (prevalence, sampler_explorer(*data), threshold_explorer(*scores)):
        html = explorer.readout.value
        assert "<thead>" in html and "border-collapse:collapse" in html
        assert all("border-bottom" in th for th in re.findall(r"<th\b[^>]*>", html))  # separated headers
        numbers = 0
        for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1]):
            cells = re.findall(r"<td[^>]*>.*?</td>", row)
            for td in cells[1:]:  # the first cell names the row
                if re.fullmatch(r"<td[^>]*>[-+]?[0-9][0-9.,/]*</td>", td):
                    numbers += 1
                    assert "text-align:right" in td  # numbers right-aligned under their headers
        assert numbers


def test_every_prevalence_stop_is_labelled(prevalence):
    labels = [label for label, _ in prevalence.controls["prevalence"].options]
    for ax in prevalence.figure.axes:
        assert [t.get_text() for t in ax.get_xticklabels()] == labels
        assert not ax.xaxis.get_minorticklocs().size


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_legends_sit_off_the_data(prevalence, data, scores):
    for explorer in (prevalence, sampler_explorer(*data), threshold_explorer(*scores)):
        fig = explorer.figure
        renderer = fig.canvas.get_renderer()
        legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        assert legends
        for legend in legends:
            box = legend.get_window_extent(renderer)
            assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1 - 1, box.y1 - 1)
            assert not any(_overlap(box, ax.get_window_extent(renderer)) for ax in fig.axes)


def test_a_stored_notebook_gets_a_picture_of_the_starting_state(scores):
    explorer = threshold_explorer(*scores)
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == explorer.image.value
    assert pixels(explorer.image.value).shape[:2] == (400, 1000)  # 10 x 4 inches at 100 dpi


def test_the_figure_follows_the_values_even_when_a_cached_frame_was_shown(prevalence):
    prevalence.controls["prevalence"].value = 0.05
    for ax in prevalence.figure.axes:
        assert any(list(line.get_xdata()) == [5.0, 5.0] for line in ax.get_lines())


def test_a_sampler_slider_move_draws_only_the_points(data, monkeypatch):
    """k_neighbors and sampling_strategy change points, not the legend: no whole figure is drawn for them."""
    explorer = sampler_explorer(*data, sampling_strategy=0.5)
    explorer.controls["sampler"].value = "RandomOverSampler"  # its background is kept
    explorer.controls["sampler"].value = "SMOTE"
    refuse_drawing(monkeypatch)
    seen = {explorer.image.value}
    for name, value in [("sampling_strategy", 0.8), ("k_neighbors", 3), ("sampling_strategy", 0.65)]:
        explorer.controls[name].value = value
        assert explorer.image.value not in seen
        seen.add(explorer.image.value)
    explorer.controls["sampler"].value = "RandomOverSampler"  # another sampler, a background drawn before
    monkeypatch.undo()
    fresh = sampler_explorer(*data, sampler="RandomOverSampler", k_neighbors=3, sampling_strategy=0.65)
    assert fresh.image.value == explorer.image.value  # the same bytes as drawing these settings from scratch
    assert fresh.readout.value == explorer.readout.value


def test_a_cost_move_draws_the_cost_curve_and_axis_not_the_panels(scores, monkeypatch):
    from matplotlib.axes import Axes

    explorer = threshold_explorer(*scores, threshold=0.3, cost_ratio=10)
    refuse_drawing(monkeypatch)

    def refuse(self, *args, **kwargs):
        raise AssertionError("a whole panel was drawn again")

    monkeypatch.setattr(Axes, "draw", refuse)
    before = explorer.image.value
    explorer.controls["cost_ratio"].value = 40.0
    assert explorer.image.value != before
    monkeypatch.undo()
    other = threshold_explorer(*scores, threshold=0.3, cost_ratio=10)  # the same layout, another way to 40
    for cost in (200.0, 0.5, 40.0):
        other.controls["cost_ratio"].value = cost
    assert other.image.value == explorer.image.value


def test_readouts_say_what_their_terms_mean(prevalence, scores):
    readouts = {"prevalence": prevalence.readout.value, "threshold": threshold_explorer(*scores).readout.value}
    for term in ("accuracy", "balanced accuracy", "sensitivity"):
        assert f"<i>{term}</i>:" in readouts["prevalence"]
    for term in ("rows", "sensitivity", "specificity", "PPV", "NPV"):
        assert f"<i>{term}</i>:" in readouts["threshold"]
