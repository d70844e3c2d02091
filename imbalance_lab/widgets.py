"""Interactive explorers for the lessons, built on ipywidgets.

Every explorer is an :class:`Explorer`: a box of named controls, a text
readout and a figure. Its ``render`` function gets the controls' values and
returns the readout's HTML and updates the figure; it must not refit a
model -- anything expensive is computed once, before the explorer is built,
so that each move of a control only looks numbers up and redraws.

The same interface serves learners, tests and benchmarks::

    explorer = prevalence_explorer()          # in a lesson: display(explorer)
    explorer.controls["prevalence"].value = 0.01   # what a slider move does
    explorer.readout.value                     # the text the learner sees

How the figure keeps up with a hand on a slider: the figure is drawn once
(``setup``), then each move only changes artists in place (line data, marker
positions, text) with the layout engine switched off; artists that move on
every update are drawn over a saved background (blitting); finished frames are
kept as PNG bytes, so a setting seen before costs nothing to draw; and the
frame goes to the page as the binary value of an ``ipywidgets.Image``. Sliders
update while dragged (``continuous_update=True``): the page sends at most one
change at a time and merges the moves made meanwhile, and every update draws
before it returns, so stale values are dropped and the picture ends on the
last value. Once a learner has moved a control in the page and let go, a
background thread draws the frames of that control's other stops (nearest
first) while the kernel is idle: the next move of the same control usually
finds its frame ready (see :class:`Explorer`).

In the browser, controls carry the CSS class ``il-control-<name>``, the readout
``il-readout`` and the figure's box ``il-figure`` (an ``<img>`` inside), so
browser tests can find them. Displayed outside a live kernel (a stored
notebook, nbconvert), an explorer also carries a PNG of its current state.
"""
from __future__ import annotations

import base64
import io
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as w

__all__ = ["Explorer", "PREVALENCES", "prevalence_explorer", "SAMPLERS", "sampler_explorer", "threshold_explorer"]

# -- readout tables, styled by the widget itself (JupyterLab gives widget HTML no table style) --------

_TABLE = ("border-collapse:collapse;margin:4px 0 6px 0;font-size:13px;line-height:1.35;"
          "font-variant-numeric:tabular-nums")
_TH = "padding:3px 10px;border-bottom:1.5px solid #555;text-align:{align};font-weight:600;vertical-align:bottom"
_TD = "padding:3px 10px;border-bottom:1px solid #ddd;text-align:{align};white-space:nowrap"


def _th(text, align: str = "right", cls: str | None = None) -> str:
    c = f" class='{cls}'" if cls else ""
    return f"<th{c} style='{_TH.format(align=align)}'>{text}</th>"


def _td(text, align: str = "right", cls: str | None = None, bold: bool = False) -> str:
    c = f" class='{cls}'" if cls else ""
    style = _TD.format(align=align) + (";font-weight:600" if bold else "")
    return f"<td{c} style='{style}'>{text}</td>"


def _table(head: str, rows: Iterable[str], cls: str | None = None) -> str:
    """A readout table: ``head`` is the header row's cells, ``rows`` each row's cells."""
    c = f" class='{cls}'" if cls else ""
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return f"<table{c} style='{_TABLE}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_LEGEND = "margin:2px 0 4px 0;font-size:12px;color:#555;max-width:60em"


def _terms(*pairs: tuple[str, str]) -> str:
    """A line under a readout table that says what its terms mean, so it reads on its own."""
    return (f"<p class='il-terms' style='{_LEGEND}'>"
            + "; ".join(f"<i>{term}</i>: {meaning}" for term, meaning in pairs) + ".</p>")


def _png(figure) -> bytes:
    """The figure's last drawn pixels as PNG bytes (no second draw, fast compression)."""
    from PIL import Image

    width, height = figure.canvas.get_width_height(physical=True)
    rgba = Image.frombuffer("RGBA", (width, height), figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    rgba.convert("RGB").save(out, format="png", compress_level=1)
    return out.getvalue()


#: How many backgrounds an explorer keeps (a few MB each): returning to one is a copy, not a draw.
_BACKGROUNDS = 8

#: Seconds without a move before the frames around an explorer's setting are drawn in the background.
PREFETCH_IDLE_S = 0.2

#: Frames that take less than this to draw (seconds) are not drawn ahead: a background thread busy with
#: them when the next move comes would delay it by more than it saves.
DRAW_AHEAD_MIN_S = 0.03


def _stops(control) -> list:
    """Every value a control can take, in order (a slider's stops, a menu's options)."""
    if hasattr(control, "_options_values"):  # Dropdown, SelectionSlider
        return list(control._options_values)
    if isinstance(control, w.FloatLogSlider):
        n = round((control.max - control.min) / control.step)
        return [control.base ** (control.min + i * control.step) for i in range(n + 1)]
    if isinstance(control, (w.IntSlider, w.FloatSlider)):
        n = round((control.max - control.min) / control.step)
        return [control.min + i * control.step for i in range(n + 1)]
    return []


def _stop_key(value: float) -> float:
    """A slider value to 6 significant digits: the page's value and the stop computed here agree."""
    return float(f"{value:.6g}")


def _nearest_first(stops: list, value) -> list:
    """The stops other than ``value``, nearest (in position) first, alternating sides."""
    if not stops:
        return []
    try:
        here = stops.index(value)
    except ValueError:  # a float slider's value: the closest stop
        here = min(range(len(stops)), key=lambda i: abs(stops[i] - value))
    order = sorted(range(len(stops)), key=lambda i: (abs(i - here), i < here))
    return [stops[i] for i in order if i != here]


class _Prefetcher:
    """One daemon thread per kernel that draws, while the kernel is idle, the frames a learner is
    likely to ask for next: those of every other stop of the control moved last, nearest first, with
    the other controls where they are.

    It starts only after a move made in the page (not a value set by code, so executing a notebook
    never starts it), waits until the explorer has been still for :data:`PREFETCH_IDLE_S` seconds,
    pauses while a cell runs, and starts over whenever a control moves. It shares the explorer's
    lock with the updates, so a move waits at most for the frame being drawn.
    """

    def __init__(self):
        self._cond = threading.Condition()
        self._job = None  # (explorer, name of the control moved) or None
        self._generation = 0
        self._touched = 0.0
        self._cells_running = 0
        self._thread = None
        self._hooked = False

    def touch(self, explorer, name: str) -> None:
        with self._cond:
            self._job, self._touched = (explorer, name), time.monotonic()
            self._generation += 1
            if not self._hooked:
                self._hook_cells()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="imbalance-lab-prefetch", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _hook_cells(self) -> None:
        self._hooked = True
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - ipywidgets brings IPython
            return
        shell = get_ipython()
        if shell is not None:
            shell.events.register("pre_run_cell", self._cell_starts)
            shell.events.register("post_run_cell", self._cell_ends)

    def _cell_starts(self, _info=None) -> None:
        with self._cond:
            self._cells_running += 1

    def _cell_ends(self, _result=None) -> None:
        with self._cond:
            self._cells_running = max(self._cells_running - 1, 0)
            self._cond.notify_all()

    def _wait_for_work(self):
        """(explorer, control name, generation) once the explorer has been still long enough."""
        with self._cond:
            while True:
                still = time.monotonic() - self._touched
                if self._job is not None and not self._cells_running and still >= PREFETCH_IDLE_S:
                    return (*self._job, self._generation)
                self._cond.wait(timeout=None if self._job is None else max(PREFETCH_IDLE_S - still, 0.02))

    def _current(self, generation: int) -> bool:
        with self._cond:
            return self._generation == generation and not self._cells_running

    def _run(self) -> None:
        while True:
            explorer, name, generation = self._wait_for_work()
            for values in explorer._neighbours(name):
                if not self._current(generation):
                    break
                try:
                    explorer._draw_ahead(values)
                except Exception:  # a setting the explorer cannot draw: it says so when the learner gets there
                    continue
            else:
                with self._cond:
                    if self._generation == generation:
                        self._job = None


_PREFETCHER = _Prefetcher()


class Explorer(w.VBox):
    """A set of named controls, a readout and a figure that follows them as they move.

    Two ways to draw. Without ``setup``, ``render`` draws the whole figure on
    every change (the figure is cleared first): simple, and fine for a figure
    that is cheap to draw. With ``setup``, the figure is drawn once and
    ``render`` only changes its artists in place; the layout is computed on the
    first draw and then frozen, frames are cached by ``frame_key`` and the
    artists ``setup`` returns are blitted over a background that is redrawn
    only when ``background_key`` changes (the last few backgrounds are kept). That is what keeps an explorer
    answering within a frame's time while a slider is dragged.

    Parameters
    ----------
    controls : mapping of str -> ipywidgets.ValueWidget
        The controls, in display order; their names are the keyword arguments
        passed to ``render``.
    render : callable
        ``render(fig, **values) -> str``: update ``fig`` (or, without
        ``setup``, draw it from scratch) and return the readout as HTML.
        Called once at construction and after every change.
    title : str, optional
        A heading shown above the controls.
    figsize : tuple, default=(8, 3.5)
        Size of the figure in inches; ``None`` for an explorer without a figure.
    setup : callable, optional
        ``setup(fig) -> movers`` or ``-> (movers, layers)``: draw what every
        state shares, once. ``movers`` (a list of artists, or None) move on
        every update (a marker, a vertical line) and are blitted over the
        background. ``layers`` (artists, an Axes included) are what the
        ``background_key`` changes: when it changes only they are drawn again,
        over a base drawn once without them, instead of the whole figure.
    frame_key : callable, optional
        ``frame_key(**values) -> hashable``: the settings the picture depends
        on; frames are cached under it (at most ``cache_size``).
    background_key : callable, optional
        ``background_key(**values) -> hashable``: the settings that change
        anything besides the blitted artists. Default: every frame is drawn whole.
    prerender : iterable of dict, optional
        Control values whose frames are drawn while the explorer is built (for
        sliders with few stops), so that the first visit of each is instant.
    cache_size : int, default=256
        How many frames to keep.
    backgrounds : int, default=8
        How many backgrounds (one per ``background_key``) to keep, a few MB each.
    draw_ahead : bool, default=True
        With ``frame_key``: after a move made in the page, draw the frames of
        the moved control's other stops in a background thread while the
        kernel is idle, when that control's frames take at least
        :data:`DRAW_AHEAD_MIN_S` to draw (see :class:`_Prefetcher`); ``render`` must then change
        only the figure, never a widget.
    """

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        render: Callable[..., str],
        *,
        title: str | None = None,
        figsize: tuple[float, float] | None = (8, 3.5),
        setup: Callable | None = None,
        frame_key: Callable[..., object] | None = None,
        background_key: Callable[..., object] | None = None,
        prerender: Iterable[Mapping] = (),
        cache_size: int = 256,
        backgrounds: int = _BACKGROUNDS,
        draw_ahead: bool = True,
    ):
        if not controls:
            raise ValueError("an Explorer needs at least one control.")
        if not callable(render):
            raise TypeError("render must be a function render(fig, **values) -> str.")
        for name, fn in (("setup", setup), ("frame_key", frame_key), ("background_key", background_key)):
            if fn is not None and not callable(fn):
                raise TypeError(f"{name} must be a function or None; got {fn!r}.")
        self.controls = dict(controls)
        self._render = render
        self._setup = setup
        self._frame_key, self._background_key = frame_key, background_key
        self._frames: OrderedDict = OrderedDict()
        self._cache_size = max(int(cache_size), 1)
        self._n_backgrounds = max(int(backgrounds), 1)
        self._lock = threading.RLock()  # the figure is drawn by one thread at a time
        self._draw_ahead_on = bool(draw_ahead) and setup is not None and frame_key is not None
        self._draw_s: dict = {}  # control name -> seconds its last new frame took
        self._movers: list = []
        self._layers: list = []
        self._base = None
        self._background, self._drawn_background = None, object()
        self._backgrounds: OrderedDict = OrderedDict()  # background_key -> pixels, the last few
        self.readout = w.HTML()
        self.readout.add_class("il-readout")
        self.image = w.Image(format="png")
        self.output = w.Box([self.image])  # the figure's box (class il-figure), <img> inside
        self.output.add_class("il-figure")
        self._fig, self._figure_values = None, None
        if figsize is not None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            # Not through pyplot: the explorer owns its figure, and no backend shows a stray copy of it.
            self._fig = Figure(figsize=figsize, layout="constrained")
            FigureCanvasAgg(self._fig)
            if setup is not None:
                drawn = setup(self._fig)
                movers, self._layers = drawn if isinstance(drawn, tuple) else (drawn, [])
                # a list setup keeps may change as render replaces artists
                self._movers = movers if isinstance(movers, list) else list(movers or ())
        for name, control in self.controls.items():
            control.add_class(f"il-control-{name}")
            control.observe(lambda change, name=name: self._on_change(change, name), names="value")
        children = [w.HTML(f"<h4>{title}</h4>")] if title else []
        children += [w.HBox(list(self.controls.values())), self.readout]
        if self._fig is not None:
            children.append(self.output)
        super().__init__(children)
        self.add_class("il-explorer")
        if self._fig is not None and setup is not None:
            start = self.values()
            for values in prerender:
                self._frame({**start, **values})
        self.refresh()

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        """Recompute the readout and the figure for the current values, and show both."""
        values = self.values()
        if self._fig is None:
            self.readout.value = self._render(None, **values)
            return
        with self._lock:
            html, png = self._frame(values)
        self.image.value = png
        self.readout.value = html

    @property
    def figure(self):
        """The matplotlib Figure, showing the current values (``None`` for an explorer without one)."""
        if self._fig is not None and self._setup is not None and self._figure_values != self.values():
            with self._lock:  # a cached frame was shown: bring the artists along
                self._render(self._fig, **self.values())
                self._figure_values = self.values()
        return self._fig

    def _frame(self, values: dict) -> tuple[str, bytes]:
        """(readout, PNG) for these values; new pixels are drawn only for a frame not cached yet."""
        from matplotlib.layout_engine import PlaceHolderLayoutEngine

        fig = self._fig
        if self._setup is None:  # draw from scratch
            fig.clear()
            html = self._render(fig, **values)
            fig.canvas.draw()
            return html, _png(fig)
        key = self._frame_key(**values) if self._frame_key is not None else None
        if key is not None and key in self._frames:
            self._frames.move_to_end(key)
            return self._render(None, **values), self._frames[key]
        html = self._render(fig, **values)
        self._figure_values = dict(values)
        background = self._background_key(**values) if self._background_key is not None else object()
        if self._movers and self._background is not None and background == self._drawn_background:
            fig.canvas.restore_region(self._background)
        elif self._movers and background in self._backgrounds:  # a background drawn before (another sampler)
            self._backgrounds.move_to_end(background)
            self._background = self._backgrounds[background]
            self._drawn_background = background
            fig.canvas.restore_region(self._background)
        else:
            if not isinstance(fig.get_layout_engine(), (type(None), PlaceHolderLayoutEngine)):
                # laid out on the first draw, with everything shown, then frozen
                fig.canvas.draw()
                fig.set_layout_engine("none")
            shown = [a.get_visible() for a in self._movers]
            for a in self._movers:
                a.set_visible(False)
            if self._layers:  # what the background key changes is drawn over a base drawn once
                if self._base is None:
                    layers_shown = [a.get_visible() for a in self._layers]
                    for a in self._layers:
                        a.set_visible(False)
                    fig.canvas.draw()
                    self._base = fig.canvas.copy_from_bbox(fig.bbox)
                    for a, visible in zip(self._layers, layers_shown):
                        a.set_visible(visible)
                else:
                    fig.canvas.restore_region(self._base)
                for a in self._layers:
                    if a.get_visible():
                        fig.draw_artist(a)
            else:
                fig.canvas.draw()
            self._background = fig.canvas.copy_from_bbox(fig.bbox) if self._movers else None
            self._drawn_background = background
            if self._movers and self._background_key is not None:
                self._backgrounds[background] = self._background
                while len(self._backgrounds) > self._n_backgrounds:
                    self._backgrounds.popitem(last=False)
            for a, visible in zip(self._movers, shown):
                a.set_visible(visible)
        for a in self._movers:
            if a.get_visible():
                fig.draw_artist(a)
        png = _png(fig)
        if key is not None:
            self._frames[key] = png
            while len(self._frames) > self._cache_size:
                self._frames.popitem(last=False)
        return html, png

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a PNG of the current figure for places without a kernel."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if self._fig is not None and bundle is not None and self.image.value:
            bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

    def _on_change(self, _change, name: str) -> None:
        drawn = len(self._frames)
        start = time.perf_counter()
        self.refresh()
        if len(self._frames) != drawn:  # a new frame: how long this control's frames take
            self._draw_s[name] = time.perf_counter() - start
        # a move made in the page (ipywidgets holds the incoming value in _property_lock while it notifies),
        # of a control whose frames take long enough to be worth drawing ahead
        if (self._draw_ahead_on and getattr(self.controls[name], "_property_lock", None)
                and self._draw_s.get(name, DRAW_AHEAD_MIN_S) >= DRAW_AHEAD_MIN_S):
            _PREFETCHER.touch(self, name)

    def _neighbours(self, name: str) -> list[dict]:
        """The current setting with control ``name`` at each of its other stops, nearest first.

        Only the control just moved: a learner who moves a slider tends to move it again, and a
        thread still drawing the other controls' stops when the next move comes would delay it.
        """
        values, control = self.values(), self.controls[name]
        if control.disabled:
            return []
        return [{**values, name: stop} for stop in _nearest_first(_stops(control), values[name])]

    def _draw_ahead(self, values: dict) -> bool:
        """Draw and cache the frame of ``values`` unless it is cached; True when it was drawn."""
        if self._frame_key(**values) in self._frames:
            return False
        with self._lock:
            if self._frame_key(**values) in self._frames:
                return False
            self._frame(values)
        return True


#: Prevalences of :func:`prevalence_explorer`'s slider, from balanced to 1 in 1,000.
PREVALENCES = (0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.001)


def _prevalence_label(p: float) -> str:
    """0.5 -> '50%', 0.005 -> '0.5%', 0.0005 -> '0.05%' (distinct labels for distinct shares)."""
    return f"{p * 100:.3g}%"


def prevalence_explorer(
    prevalences=PREVALENCES,
    *,
    models=None,
    n_sick: int = 40,
    min_patients: int = 1000,
    random_state: int = 42,
) -> Explorer:
    """Slide the prevalence down and watch accuracy climb while usefulness does not.

    For every prevalence on the slider a cohort is made with
    :func:`imbalance_lab.datasets.make_clinical_cohort`, split in half
    (stratified), and the models are fitted on the training half: a
    ``DummyClassifier(strategy="most_frequent")`` that always answers
    "healthy", and real models -- by default a standardised logistic
    regression, plain and with ``class_weight="balanced"``, both at the usual
    0.5 threshold. Their test-half metrics come from
    :func:`imbalance_lab.metrics.metrics_from_predictions`. All of this happens
    once, when the explorer is built; moving the slider only looks the numbers
    up and redraws.

    Parameters
    ----------
    prevalences : sequence of float, default=PREVALENCES
        Shares of sick patients on the slider, each strictly between 0 and 1,
        shown from the largest to the smallest.
    models : dict of str -> scikit-learn classifier, optional
        Unfitted estimators to compare with the dummy (cloned for each
        prevalence), at most three. Default: ``{"logistic regression":
        make_pipeline(StandardScaler(), LogisticRegression()), "weighted
        logistic regression": ... LogisticRegression(class_weight="balanced")}``.
    n_sick : int, default=40
        Each cohort is large enough to hold at least this many sick patients
        (half of them in the test half), and ``min_patients`` rows at least.
    min_patients : int, default=1000
    random_state : int, default=42

    Returns
    -------
    Explorer
        Control ``"prevalence"`` (a selection slider); ``explorer.results``
        holds the precomputed metrics, indexed by (prevalence, model), where
        the dummy is called ``"dummy"``.

    Examples
    --------
    >>> explorer = prevalence_explorer([0.5, 0.05, 0.01])
    >>> explorer.controls["prevalence"].value = 0.01
    >>> "accuracy" in explorer.readout.value
    True
    """
    import numpy as np
    import pandas as pd
    from sklearn.base import clone
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from matplotlib.ticker import NullLocator
    from sklearn.preprocessing import StandardScaler

    from ._validation import check_positive_int, check_probability
    from .datasets import make_clinical_cohort
    from .metrics import metrics_from_predictions

    if isinstance(prevalences, (str, bytes)) or not hasattr(prevalences, "__iter__"):
        raise TypeError(f"prevalences must be a list of shares such as [0.5, 0.05, 0.01]; got {prevalences!r}.")
    values = [check_probability(p, "each prevalence", closed=False) for p in prevalences]
    if len(values) < 2:
        raise ValueError(f"give at least two prevalences for the slider; got {len(values)}.")
    if len(set(values)) != len(values):
        raise ValueError(f"prevalences has repeated values ({values}); give each share once.")
    values = sorted(values, reverse=True)
    n_sick = check_positive_int(n_sick, "n_sick", minimum=4)
    min_patients = check_positive_int(min_patients, "min_patients", minimum=20)
    if models is None:
        models = {
            "logistic regression": make_pipeline(StandardScaler(), LogisticRegression()),
            "weighted logistic regression": make_pipeline(
                StandardScaler(), LogisticRegression(class_weight="balanced")
            ),
        }
    if not hasattr(models, "items") or not 1 <= len(models) <= 3:
        raise TypeError("models must be a dict of one to three name -> unfitted classifier, "
                        "e.g. {'logistic regression': LogisticRegression()}.")
    for name, est in models.items():
        if name == "dummy" or not (hasattr(est, "fit") and hasattr(est, "predict")):
            raise TypeError(f"models[{name!r}] must be a scikit-learn classifier, under a name other than 'dummy'.")
    names = {"dummy": "always healthy (dummy)", **{name: name for name in models}}

    rows, counts = {}, {}
    for p in values:
        n = max(min_patients, int(np.ceil(n_sick / p)))
        cohort = make_clinical_cohort(n, prevalence=p, random_state=random_state)
        # plain arrays: the models are internal, and arrays skip pandas checks on every call
        X, y = cohort.drop(columns="diagnosis").to_numpy(float), cohort["diagnosis"].to_numpy()
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=0.5, stratify=y, random_state=random_state
        )
        fitted = {"dummy": DummyClassifier(strategy="most_frequent").fit(X_train, y_train)}
        fitted.update({name: clone(est).fit(X_train, y_train) for name, est in models.items()})
        for name, est in fitted.items():
            rows[(p, name)] = metrics_from_predictions(y_test, est.predict(X_test))
        counts[p] = (len(y_test), int(y_test.sum()))
    results = pd.DataFrame(rows).T
    results.index.names = ["prevalence", "model"]
    shown = [("accuracy", "accuracy"), ("balanced_accuracy", "balanced accuracy"), ("sensitivity", "sensitivity")]

    styles = dict(zip(names, zip(("--", "-", "-.", ":"), ("grey", "C0", "C1", "C2"))))
    marks = {}  # per Axes: the vertical line at the current prevalence, the rings on the curves

    def setup(fig):
        axes = fig.subplots(1, 2)
        for ax, (key, label) in zip(axes, [shown[0], shown[2]]):
            for m, (style, color) in styles.items():
                series = results.xs(m, level="model")[key]
                ax.plot(series.index * 100, series.to_numpy(), style, color=color, marker="o", ms=3,
                        label=names[m])
            line = ax.axvline(values[0] * 100, color="grey", lw=0.8)
            (rings,) = ax.plot([], [], "o", ms=9, mfc="none", mec="black")
            marks[key] = (line, rings)
            ax.set_xscale("log")
            ax.set_xlim(min(values) * 100 / 1.6, max(values) * 100 * 1.6)
            ax.set_xticks([p * 100 for p in values], [_prevalence_label(p) for p in values], fontsize=8)
            ax.xaxis.set_minor_locator(NullLocator())
            ax.invert_xaxis()
            ax.set_ylim(-0.03, 1.03)
            ax.set_xlabel("Prevalence (% sick, log scale)")
            ax.set_ylabel(f"{label.capitalize()} (0-1)")
            ax.set_title(f"{label.capitalize()} on the test half")
        # one legend for both panels, under them: never on the curves
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=len(names),
                   fontsize="small", frameon=False)
        return [a for pair in marks.values() for a in pair]

    prevalence_terms = _terms(
        ("accuracy", "share of all test patients classified correctly"),
        ("sensitivity", "share of the sick patients the model flags"),
        ("balanced accuracy", "mean of sensitivity and specificity (the share of healthy patients not flagged)"),
    )

    def render(fig, prevalence):
        n_test, n_pos = counts[prevalence]
        head = _th("", "left") + "".join(_th(v) for v in names.values())
        rows = [
            _td(label, "left") + "".join(_td(f"{results.loc[(prevalence, m), key]:.3f}") for m in names)
            for key, label in shown
        ]
        html = (
            f"<b>prevalence {_prevalence_label(prevalence)}</b>: {n_pos:,} sick of {n_test:,} test patients; "
            f"majority share {1 - n_pos / n_test:.3f}" + _table(head, rows, "il-prevalence") + prevalence_terms
        )
        if fig is not None:
            for key, (line, rings) in marks.items():
                line.set_xdata([prevalence * 100, prevalence * 100])
                rings.set_data([prevalence * 100] * len(names), [results.loc[(prevalence, m), key] for m in names])
        return html

    slider = w.SelectionSlider(
        options=[(_prevalence_label(p), p) for p in values],
        value=values[0],
        description="prevalence",
        continuous_update=True,
        layout=w.Layout(width="420px"),
    )
    explorer = Explorer(
        {"prevalence": slider}, render, title="Accuracy versus usefulness as the disease gets rarer",
        figsize=(9, 3.8), setup=setup, frame_key=lambda prevalence: prevalence, background_key=lambda prevalence: 0,
        prerender=[{"prevalence": p} for p in values],
    )
    explorer.results = results
    return explorer


#: The samplers offered by :func:`sampler_explorer`, in menu order.
SAMPLERS = ("RandomUnderSampler", "RandomOverSampler", "SMOTE", "BorderlineSMOTE", "SMOTEENN", "SMOTETomek")
_USES_K = {"SMOTE", "BorderlineSMOTE", "SMOTEENN", "SMOTETomek"}


def _make_sampler(name: str, k_neighbors: int, sampling_strategy: float, random_state):
    """The imbalanced-learn sampler ``name`` with the explorer's settings."""
    from imblearn.combine import SMOTEENN, SMOTETomek
    from imblearn.over_sampling import SMOTE, BorderlineSMOTE, RandomOverSampler
    from imblearn.under_sampling import RandomUnderSampler

    if name == "RandomUnderSampler":
        return RandomUnderSampler(sampling_strategy=sampling_strategy, random_state=random_state)
    if name == "RandomOverSampler":
        return RandomOverSampler(sampling_strategy=sampling_strategy, random_state=random_state)
    if name == "SMOTE":
        return SMOTE(sampling_strategy=sampling_strategy, k_neighbors=k_neighbors, random_state=random_state)
    if name == "BorderlineSMOTE":
        return BorderlineSMOTE(sampling_strategy=sampling_strategy, k_neighbors=k_neighbors, random_state=random_state)
    # a SMOTE given as smote= brings its own sampling_strategy (the combined sampler's is then ignored)
    smote = SMOTE(sampling_strategy=sampling_strategy, k_neighbors=k_neighbors, random_state=random_state)
    combined = SMOTEENN if name == "SMOTEENN" else SMOTETomek
    return combined(smote=smote, random_state=random_state)


def sampler_explorer(
    X,
    y,
    *,
    sampler: str = "SMOTE",
    k_neighbors: int = 5,
    sampling_strategy: float = 1.0,
    feature_names=None,
    labels=None,
    random_state: int = 42,
) -> Explorer:
    """Pick a sampler, its ``k_neighbors`` and ``sampling_strategy``, and see what it does to a 2-D data set.

    The figure shows what the sampler returned, drawn by
    :func:`imbalance_lab.plots.plot_resampled`: real rows as dots, synthetic
    points with the segments they were made on, copies ringed, removed rows
    crossed. The readout lists the class counts before and after, counted
    from the arrays ``fit_resample`` returned.

    Resampling a few hundred 2-D points takes milliseconds, so the sampler is
    fitted when a control moves -- once per setting: results are cached by
    (sampler, k_neighbors, sampling_strategy), so returning to a setting is
    instant. ``k_neighbors`` is greyed out for the random samplers, which do
    not use it. A setting the sampler cannot run with (more neighbours than
    minority rows, a ratio below the current one) is explained in the readout
    instead of raising.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Two numeric features (standardise them first when their units differ).
    y : array-like of shape (n_samples,)
        Two classes.
    sampler : str, default="SMOTE"
        The sampler shown first, one of :data:`SAMPLERS`.
    k_neighbors : int, default=5
        Starting value of the slider (1 to 15).
    sampling_strategy : float, default=1.0
        Minority rows per majority row after resampling (0.1 to 1.0, step 0.05).
    feature_names : pair of str, optional
        Axis labels with units.
    labels : mapping, optional
        Display names of the classes, e.g. ``{0: "healthy", 1: "sick"}``.
    random_state : int, default=42
        Seed of every sampler.

    Returns
    -------
    Explorer
        Controls ``"sampler"``, ``"k_neighbors"`` and ``"sampling_strategy"``;
        ``explorer.resampled(sampler, k_neighbors, sampling_strategy)`` returns
        the cached ``(X_res, y_res)`` (or raises ``ValueError`` with the
        readout's message).

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(n_samples=200, n_features=2, n_redundant=0,
    ...                            weights=[0.9], random_state=0)
    >>> explorer = sampler_explorer(X, y)
    >>> explorer.controls["sampler"].value = "RandomUnderSampler"
    >>> explorer.controls["k_neighbors"].disabled
    True
    """
    import numpy as np
    import pandas as pd

    from ._validation import as_label_array, check_positive_int, check_probability, check_same_length
    from .plots import _xy_2d, plot_resampled, resampling_origin

    X_arr = _xy_2d(X, "X")
    y_arr = as_label_array(y, "y")
    check_same_length(("X", X_arr), ("y", y_arr))
    counts = pd.Series(y_arr, dtype=object).value_counts()
    if len(counts) != 2:
        raise ValueError(f"sampler_explorer works with two classes; y has {len(counts)} "
                         f"({', '.join(map(repr, counts.index[:6]))}).")
    if counts.min() < 2:
        raise ValueError(f"the minority class ({counts.index[-1]!r}) has {counts.min()} row; "
                         "resampling needs at least 2 minority rows.")
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {list(SAMPLERS)}; got {sampler!r}.")
    k_neighbors = check_positive_int(k_neighbors, "k_neighbors")
    if k_neighbors > 15:
        raise ValueError(f"k_neighbors starts between 1 and 15 on the slider; got {k_neighbors}.")
    sampling_strategy = check_probability(sampling_strategy, "sampling_strategy")
    if sampling_strategy < 0.1:
        raise ValueError(f"sampling_strategy (minority rows per majority row after resampling) starts between "
                         f"0.1 and 1.0 on the slider; got {sampling_strategy}.")
    if feature_names is None:
        feature_names = list(X.columns) if isinstance(X, pd.DataFrame) else ["feature 1", "feature 2"]
    classes = list(counts.index)  # majority first
    minority, majority = classes[1], classes[0]
    n_min, n_maj = int(counts[minority]), int(counts[majority])
    ratio_now = n_min / n_maj
    name_of = {c: str(labels.get(c, c)) if labels is not None else str(c) for c in classes}
    cache: dict[tuple, tuple] = {}

    def resampled(name, k, strategy):
        key = (name, k if name in _USES_K else None, round(float(strategy), 4))
        if key not in cache:
            cache[key] = _fit(name, k, float(strategy))
        result = cache[key]
        if isinstance(result, str):
            raise ValueError(result)
        return result

    def _fit(name, k, strategy):
        if strategy < ratio_now - 1e-12:
            verb = "remove" if name == "RandomUnderSampler" else "add"
            return (f"sampling_strategy={strategy:.2f} asks for fewer minority rows per majority row than the data "
                    f"already has ({n_min}/{n_maj} = {ratio_now:.2f}); {name} can only {verb} rows to raise that "
                    f"ratio. Move sampling_strategy above {ratio_now:.2f}.")
        if name in _USES_K and k + 1 > n_min:
            return (f"{name} with k_neighbors={k} needs at least {k + 1} minority rows (each row plus its {k} "
                    f"nearest minority neighbours); this data has {n_min}. Lower k_neighbors to {n_min - 1} "
                    "or fewer, or use RandomOverSampler.")
        try:
            X_res, y_res = _make_sampler(name, k, strategy, random_state).fit_resample(X_arr, y_arr)
        except ValueError as exc:
            return f"{name} could not resample with these settings: {exc}"
        return np.asarray(X_res, dtype=float), np.asarray(y_res)

    def count_table(y_res=None):
        after = pd.Series(y_res, dtype=object).value_counts() if y_res is not None else None
        head = _th("class", "left") + _th("before") + (_th("after") + _th("change") if after is not None else "")
        rows = []
        for c in classes:
            row = _td(name_of[c], "left") + _td(int(counts[c]))
            if after is not None:
                n_after = int(after.get(c, 0))
                row += _td(n_after) + _td(f"{n_after - int(counts[c]):+d}")
            rows.append(row)
        return _table(head, rows, "il-counts")

    k_slider = w.IntSlider(value=k_neighbors, min=1, max=15, step=1, description="k_neighbors",
                           continuous_update=True)
    drawn: list = []  # what changes from frame to frame (points, segments, title): blitted
    legend_key: list = [None]  # the legend's labels: the background is redrawn when they change
    title_key: list = [None]  # the figure's heading, likewise

    def setup(fig):
        fig.set_layout_engine("none")  # room on the right for the legend, whatever its labels
        ax = fig.subplots()
        ax.set_position([0.08, 0.12, 0.52, 0.79])
        # fixed limits (every returned row lies within the data's range, give or take SMOTE's segments)
        lo, hi = X_arr.min(axis=0), X_arr.max(axis=0)
        pad = 0.06 * np.where(hi > lo, hi - lo, 1.0)
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
        ax.set_xlabel(str(feature_names[0]))
        ax.set_ylabel(str(feature_names[1]))
        ax.text(0.5, 1.0, "", transform=ax.transAxes, ha="center", va="bottom", fontsize="large",
                transform_rotates_text=False).set_y(1.02)
        return drawn

    def draw(fig, X_res, y_res, title):
        (ax,) = fig.axes
        heading = ax.texts[0]
        for artist in drawn:
            if artist is not heading:
                artist.remove()
        plot_resampled(X_arr, y_arr, X_res, y_res, ax=ax, feature_names=feature_names, labels=labels,
                       title="", legend=False)
        heading.set_text(title)  # a text of its own, part of the background: it changes with the sampler only
        title_key[0] = title
        # the legend beside the axes, never on the points; it changes only when the kinds of point shown do
        # (part of the background then, not blitted on every frame: drawing a legend costs as much as the points)
        handles, names = ax.get_legend_handles_labels()
        # without plot_resampled's counts ("real (270)"): the readout counts, and the legend then changes only
        # with the sampler, not on every move of a slider
        names = [re.sub(r" \(\d+\)$", "", name) for name in names]
        if ax.get_legend() is None or tuple(names) != legend_key[0]:
            legend = ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small",
                               frameon=False)
            for handle, name in zip(legend.legend_handles, names):
                if "copies" in name and hasattr(handle, "set_sizes"):
                    handle.set_sizes([55])  # the ring of a row copied once, whatever the data (the sizes vary)
            legend_key[0] = tuple(names)
        drawn[:] = list(ax.collections)

    def render(fig, sampler, k_neighbors, sampling_strategy):
        setting = (f"{sampler}(sampling_strategy={sampling_strategy:.2f}"
                   + (f", k_neighbors={k_neighbors}" if sampler in _USES_K else "") + ")")
        try:
            X_res, y_res = resampled(sampler, k_neighbors, sampling_strategy)
        except ValueError as exc:
            if fig is not None:
                draw(fig, X_arr, y_arr, "Data as given (no resampling with these settings)")
            return (f"<b>{setting}</b>{count_table()}"
                    f"<p class='il-message' style='color:#b00'>{exc}</p>")
        origin = resampling_origin(X_arr, y_arr, X_res, y_res)
        n_syn = int((origin["origin"] == "synthetic").sum())
        n_copy = int((origin["origin"] == "copy").sum())
        n_gone = int(origin["removed"].sum())
        note = ""
        if sampler == "BorderlineSMOTE" and n_syn == 0:
            note = ("<p class='il-message'>BorderlineSMOTE found no minority row near the class boundary "
                    "(most of its neighbours in the other class), so it made no synthetic rows.</p>")
        if fig is not None:
            draw(fig, X_res, y_res, f"What {sampler} returned")
        return (f"<b>{setting}</b>{count_table(y_res)}"
                f"<p>{len(y_res)} rows after resampling: {n_syn} synthetic, {n_copy} copies of real rows, "
                f"{n_gone} real rows removed.</p>{note}")

    def frame_key(sampler, k_neighbors, sampling_strategy):
        return sampler, k_neighbors if sampler in _USES_K else None, round(float(sampling_strategy), 4)

    menu = w.Dropdown(options=list(SAMPLERS), value=sampler, description="sampler")
    # greyed out for the random samplers; here, not in render: render also draws frames ahead, off the page
    k_slider.disabled = sampler not in _USES_K
    menu.observe(lambda change: setattr(k_slider, "disabled", change["new"] not in _USES_K), names="value")
    controls = {
        "sampler": menu,
        "k_neighbors": k_slider,
        "sampling_strategy": w.FloatSlider(value=sampling_strategy, min=0.1, max=1.0, step=0.05,
                                           description="strategy", readout_format=".2f",
                                           continuous_update=True),
    }
    explorer = Explorer(controls, render, title="What does each sampler do to the data?", figsize=(10, 4.4),
                        setup=setup, frame_key=frame_key,
                        background_key=lambda **values: (legend_key[0], title_key[0]))
    explorer.resampled = resampled
    return explorer


def threshold_explorer(
    y_true,
    y_score,
    *,
    pos_label=None,
    threshold: float = 0.5,
    cost_ratio: float = 10.0,
    labels=("healthy", "sick"),
) -> Explorer:
    """Move the decision threshold and the cost of a miss; see the confusion matrix and the cost.

    :func:`imbalance_lab.thresholds.threshold_sweep` runs once, when the
    explorer is built, on scores the model has already produced (for example
    ``model.predict_proba(X_test)[:, 1]``); each move of a control only looks
    counts up in that table. A patient is flagged when ``score >= threshold``.

    The readout shows the confusion matrix, sensitivity, specificity, PPV, NPV
    and the expected cost per patient, counted in false alarms (a false alarm
    costs 1, a missed sick patient ``cost_ratio``); Elkan's (2001)
    cost-optimal threshold ``1 / (1 + cost_ratio)`` (which assumes calibrated
    probabilities); and the threshold with the lowest expected cost on these
    very scores. The figure draws :func:`imbalance_lab.plots.plot_threshold_tradeoff`
    with the threshold in use and Elkan's threshold marked.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (two classes).
    y_score : array-like of shape (n_samples,)
        Scores of the positive class: probabilities, or any finite
        ``decision_function`` values (the slider then spans their range).
    pos_label : label, optional
        The positive (sick) class; needed unless the labels are 0/1.
    threshold : float, default=0.5
        Starting threshold.
    cost_ratio : float, default=10.0
        Starting cost of a missed sick patient in false alarms (0.1 to 1000 on
        a log slider).
    labels : pair of str, default=("healthy", "sick")
        Names of the negative and the positive class in the readout.

    Returns
    -------
    Explorer
        Controls ``"threshold"`` (a slider) and ``"cost_ratio"`` (a log
        slider); ``explorer.sweep`` is the table computed at construction.

    Examples
    --------
    >>> explorer = threshold_explorer([0, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.2])
    >>> explorer.controls["threshold"].value = 0.3
    >>> "sensitivity" in explorer.readout.value
    True
    """
    import numpy as np

    from ._validation import check_cost as _check_cost
    from .thresholds import _sweep_row, cost_optimal_threshold, threshold_sweep

    sweep = threshold_sweep(y_true, y_score, pos_label=pos_label)
    cost_ratio = _check_cost(cost_ratio, "cost_ratio")
    if not 0.1 <= cost_ratio <= 1000:
        raise ValueError(f"cost_ratio (cost of a miss in false alarms) must lie between 0.1 and 1000; got {cost_ratio}.")
    if isinstance(labels, str) or len(labels) != 2:
        raise ValueError(f"labels must be two names, negative class first, e.g. ('healthy', 'sick'); got {labels!r}.")
    negative, positive = map(str, labels)
    thr = sweep["threshold"].to_numpy()
    if thr.min() >= 0 and thr.max() <= 1:
        lo, hi, step, fmt = 0.0, 1.0, 0.01, ".2f"
    else:
        lo, hi = float(np.floor(thr.min())), float(np.ceil(thr.max()))
        step, fmt = (hi - lo) / 200, ".3g"
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not lo <= threshold <= hi:
        raise ValueError(f"threshold must be a number between {lo:g} and {hi:g} for these scores; got {threshold!r}.")
    first = sweep.iloc[0]
    n_pos, n_neg = int(first["tp"] + first["fn"]), int(first["fp"] + first["tn"])
    n = n_pos + n_neg
    fp_all, fn_all = sweep["fp"].to_numpy(), sweep["fn"].to_numpy()

    def fmt_rate(value, num, den):
        """(value, counts) cells of the metrics table."""
        return ("undefined", "nobody in the group") if np.isnan(value) else (f"{value:.3f}", f"{num}/{den}")

    probabilities = thr.min() >= 0 and thr.max() <= 1
    x_lo, x_hi = (0.0, 1.0) if probabilities else (lo, hi)
    steps_x = np.r_[min(x_lo, thr[0]), thr, max(x_hi, thr[-1])]  # right-continuous steps, as the plots draw them

    def steps_y(values, none_value):
        return np.r_[values[0], values, none_value]

    art = {}
    threshold_terms = _terms(
        ("rows", f"the truth, {negative} then {positive}; columns: the decision"),
        ("sensitivity", f"share of {positive} patients flagged"),
        ("specificity", f"share of {negative} patients not flagged"),
        ("PPV", f"share of flagged patients who are {positive}"),
        ("NPV", f"share of patients not flagged who are {negative}"),
    )

    def setup(fig):
        ax_rates, ax_cost = fig.subplots(1, 2)
        for column, none_value, color, ls, label in (
            ("sensitivity", 0.0, "tomato", "-", "sensitivity"),
            ("specificity", 1.0, "steelblue", "-", "specificity"),
            ("ppv", np.nan, "grey", "--", "PPV (precision)"),
        ):
            ax_rates.step(steps_x, steps_y(sweep[column].to_numpy(float), none_value), where="pre", color=color,
                          ls=ls, label=label)
        (art["cost"],) = ax_cost.step(steps_x, steps_y(fp_all + fn_all, 0.0), where="pre", color="black",
                                      label="expected cost")
        (art["best"],) = ax_cost.plot([], [], "o", color="darkorange", ms=7, label="lowest cost on these scores")
        for name, ax in (("rates", ax_rates), ("cost", ax_cost)):
            art[f"elkan_{name}"] = ax.axvline(0.5, color="darkorange", lw=1.5, ls="--",
                                              label="cost-optimal threshold (Elkan)")
            art[f"threshold_{name}"] = ax.axvline(threshold, color="black", lw=1.2, label="threshold in use")
            ax.set_xlim(x_lo, x_hi)
            ax.set_xlabel("Threshold (predicted probability)" if probabilities else "Threshold (model score)")
        (art["here"],) = ax_cost.plot([], [], "o", color="black", ms=5)
        ax_rates.set_ylim(-0.03, 1.03)
        ax_rates.set_ylabel("Rate (0-1)")
        ax_rates.set_title("Sensitivity and specificity trade-off")
        ax_cost.set_ylabel("Expected cost per patient (false alarms)")
        ax_cost.set_title("Expected cost of the decisions")
        # one legend under both panels: never on the curves
        handles = [*ax_rates.get_lines()[:3], art["cost"], art["best"], art["threshold_rates"], art["elkan_rates"]]
        fig.legend(handles, [h.get_label() for h in handles], loc="outside lower center", ncols=4,
                   fontsize="small", frameon=False)
        # what moves with either control is blitted: the threshold lines and dot, the cost curve, its best
        # point and Elkan's lines. The cost axis changes only when the curve outgrows it (its top is a
        # 1-2-5 step, see cost_top), and is then drawn again over a base drawn once
        # (in the order they were made, as a full draw has them; the frames of both panels last)
        return ([art["elkan_rates"], art["threshold_rates"], art["cost"], art["best"], art["elkan_cost"],
                 art["threshold_cost"], art["here"], *ax_rates.spines.values(), *ax_cost.spines.values()],
                [ax_cost.yaxis])

    def render(fig, threshold, cost_ratio):
        row = _sweep_row(sweep, threshold, cost_fp=1.0, cost_fn=cost_ratio)
        tp, fp, tn, fn = (int(row[k]) for k in ("tp", "fp", "tn", "fn"))
        elkan = cost_optimal_threshold(1.0, cost_ratio)
        costs = np.r_[(fp_all + cost_ratio * fn_all) / n, cost_ratio * n_pos / n]  # last: flag nobody
        best = int(np.argmin(costs))
        best_text = (f"flag nobody (cost {costs[best]:.3f})" if best == len(sweep)
                     else f"threshold {thr[best]:.3f} (cost {costs[best]:.3f} per patient)")
        # rows: the truth, healthy then sick; columns: the decision -- as confusion_matrix(y, y_pred) in the lessons
        matrix = _table(
            _th("truth \\ decision", "left") + _th(f"not flagged ({negative})") + _th(f"flagged ({positive})"),
            [_td(f"<b>{negative}</b> ({n_neg})", "left") + _td(tn, cls="il-tn") + _td(fp, cls="il-fp"),
             _td(f"<b>{positive}</b> ({n_pos})", "left") + _td(fn, cls="il-fn") + _td(tp, cls="il-tp")],
            "il-confusion",
        )
        metrics = _table(
            _th("measure", "left") + _th("value") + _th("counts"),
            [_td(label, "left") + _td(fmt_rate(row[key], num, den)[0], cls=f"il-{key}")
             + _td(fmt_rate(row[key], num, den)[1])
             for label, key, num, den in (
                 ("sensitivity", "sensitivity", tp, n_pos),
                 ("specificity", "specificity", tn, n_neg),
                 ("PPV", "ppv", tp, tp + fp),
                 ("NPV", "npv", tn, tn + fn))]
            + [_td("expected cost per patient", "left") + _td(f"{row['expected_cost']:.3f}", cls="il-cost")
               + _td("false alarms")],
            "il-metrics",
        )
        html = (
            f"<b>threshold {threshold:{fmt}}</b>: flag a patient when the score is at least this; "
            f"a missed {positive} patient costs <b>{cost_ratio:.3g}</b> false alarms."
            f"<div style='display:flex;gap:2em;align-items:flex-start'>{matrix}{metrics}</div>{threshold_terms}"
            f"<p>Cost-optimal threshold for this cost (Elkan): <b class='il-elkan'>{elkan:.3f}</b> = 1 / (1 + "
            f"{cost_ratio:.3g}), for calibrated probabilities. Lowest cost on these scores: "
            f"<span class='il-best'>{best_text}</span>.</p>"
        )
        if fig is not None:
            art["cost"].set_ydata(steps_y(costs[:-1], costs[-1]))
            art["here"].set_data([threshold], [row["expected_cost"]])
            for name in ("rates", "cost"):
                art[f"threshold_{name}"].set_xdata([threshold, threshold])
                art[f"elkan_{name}"].set_xdata([elkan, elkan])
                art[f"elkan_{name}"].set_visible(x_lo <= elkan <= x_hi)
            if best < len(sweep):
                art["best"].set_data([thr[best]], [costs[best]])
            else:
                art["best"].set_data([], [])
            fig.axes[1].set_ylim(0, cost_top(cost_ratio))
        return html

    def cost_top(cost_ratio):
        """The cost axis's top: the 1-2-5 step above the costs' maximum with 5 % headroom.

        The axis keeps its scale over a range of costs, so a move of the cost slider redraws the
        curve and not the axis, and the reader's eye has a fixed scale to compare against.
        """
        top = 1.05 * max(float(np.nanmax(fp_all + cost_ratio * fn_all)) / n, cost_ratio * n_pos / n, 1e-9)
        decade = 10.0 ** np.floor(np.log10(top))
        return next(m * decade for m in (1, 2, 5, 10) if m * decade >= top)

    controls = {
        "threshold": w.FloatSlider(value=float(threshold), min=lo, max=hi, step=step, description="threshold",
                                   readout_format=fmt, continuous_update=True),
        "cost_ratio": w.FloatLogSlider(value=cost_ratio, base=10, min=-1, max=3, step=0.05,
                                       description="miss cost", readout_format=".3g", continuous_update=True),
    }
    explorer = Explorer(controls, render, title="Threshold, costs and the confusion matrix", figsize=(10, 4.0),
                        setup=setup, frame_key=lambda threshold, cost_ratio: (_stop_key(threshold), _stop_key(cost_ratio)),
                        background_key=lambda threshold, cost_ratio: cost_top(cost_ratio), backgrounds=12)
    explorer.sweep = sweep
    return explorer
