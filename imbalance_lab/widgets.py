"""Interactive explorers for the lessons, built on ipywidgets.

Every explorer is an :class:`Explorer`: a box of named controls, a text
readout and a figure. Its ``render`` function gets the controls' values and
returns the readout's HTML and draws on the figure; it must not refit a
model -- anything expensive is computed once, before the explorer is built,
so that each move of a control only re-thresholds and redraws.

The same interface serves learners, tests and benchmarks::

    explorer = prevalence_explorer()          # in a lesson: display(explorer)
    explorer.controls["prevalence"].value = 0.01   # what a slider move does
    explorer.readout.value                     # the text the learner sees

In the browser, controls carry the CSS class ``il-control-<name>`` and the
readout ``il-readout``, so browser tests can find them.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import display

__all__ = ["Explorer"]


class Explorer(w.VBox):
    """A set of named controls, a readout and a figure that redraws when a control moves.

    Parameters
    ----------
    controls : mapping of str -> ipywidgets.ValueWidget
        The controls, in display order; their names are the keyword arguments
        passed to ``render``.
    render : callable
        ``render(fig, **values) -> str``: clear and draw on ``fig`` and return
        the readout as HTML. Called once at construction and after every change.
    title : str, optional
        A heading shown above the controls.
    figsize : tuple, default=(8, 3.5)
        Size of the figure in inches; ``None`` for an explorer without a figure.
    """

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        render: Callable[..., str],
        *,
        title: str | None = None,
        figsize: tuple[float, float] | None = (8, 3.5),
    ):
        if not controls:
            raise ValueError("an Explorer needs at least one control.")
        if not callable(render):
            raise TypeError("render must be a function render(fig, **values) -> str.")
        self.controls = dict(controls)
        self._render = render
        self.readout = w.HTML()
        self.readout.add_class("il-readout")
        self.output = w.Output()
        self.output.add_class("il-figure")
        self.figure = None
        if figsize is not None:
            with plt.ioff():
                self.figure = plt.figure(figsize=figsize, layout="constrained")
        for name, control in self.controls.items():
            control.add_class(f"il-control-{name}")
            control.observe(self._on_change, names="value")
        children = [w.HTML(f"<h4>{title}</h4>")] if title else []
        children += [w.HBox(list(self.controls.values())), self.readout, self.output]
        super().__init__(children)
        self.add_class("il-explorer")
        self.refresh()

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self) -> None:
        """Recompute the readout and redraw the figure for the current values."""
        if self.figure is not None:
            self.figure.clear()
        self.readout.value = self._render(self.figure, **self.values())
        if self.figure is not None:
            with self.output:
                self.output.clear_output(wait=True)
                display(self.figure)

    def _on_change(self, _change) -> None:
        self.refresh()
