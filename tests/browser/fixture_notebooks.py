"""Small notebooks that prove the browser harness itself.

They are written into the served folder at test time (not stored as .ipynb,
so nbval does not collect them). ``working`` has two explorers with, between
them, one control of every kind the harness drives; ``frozen`` and ``lagging`` are
deliberately broken the way a widget breaks in practice:

* frozen: the readout ignores the control (an output that no longer updates);
* lagging: the readout shows the value of the move before (stale output).
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

WORKING = '''\
import ipywidgets as w
from imbalance_lab.widgets import Explorer


def render_cohort(fig, n, prevalence, model):
    sick = n * prevalence
    ax = fig.subplots()
    ax.bar(["sick", "healthy"], [sick, n - sick])
    ax.set_title(f"{model}: {n} patients")
    ax.set_ylabel("patients (count)")
    weight = {"logistic": 1, "forest": 2, "boosting": 3}[model]
    return f"<b>n</b> = {n}, <b>prevalence</b> = {prevalence:.3f}, model = {model}<br>score = {sick * weight:.4f}"


cohort_explorer = Explorer(
    {
        "n": w.IntSlider(value=200, min=100, max=1000, step=10, description="patients"),
        "prevalence": w.FloatSlider(value=0.05, min=0.01, max=0.5, step=0.01, description="prevalence"),
        "model": w.Dropdown(options=["logistic", "forest", "boosting"], value="logistic", description="model"),
    },
    render_cohort,
    title="Cohort",
)
cohort_explorer
'''

WORKING_2 = '''\
def render_costs(fig, cost, show, label):
    return f"cost = {cost:.2f}, show = {show}, label = {label}, total = {cost * (2 if show else 1):.2f}"


costs_explorer = Explorer(
    {
        "cost": w.BoundedFloatText(value=1.0, min=0.0, max=100.0, step=0.5, description="cost"),
        "show": w.Checkbox(value=True, description="show"),
        "label": w.ToggleButtons(options=["cohort", "clinic", "ward"], description="label"),
    },
    render_costs,
    figsize=None,
)
costs_explorer
'''

FROZEN = '''\
import ipywidgets as w
from imbalance_lab.widgets import Explorer


def render(fig, threshold):
    # broken on purpose: the readout ignores the control
    return "<b>sensitivity</b> = 0.80"


frozen_explorer = Explorer({"threshold": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01)}, render, figsize=None)
frozen_explorer
'''

LAGGING = '''\
import ipywidgets as w
from imbalance_lab.widgets import Explorer

seen = []


def render(fig, threshold):
    # broken on purpose: shows the value of the previous move
    seen.append(threshold)
    return f"threshold = {seen[-2] if len(seen) > 1 else threshold:.2f}"


lagging_explorer = Explorer({"threshold": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01)}, render, figsize=None)
lagging_explorer
'''

SOURCES = {"working": [WORKING, WORKING_2], "frozen": [FROZEN], "lagging": [LAGGING]}


def write_fixture_notebooks(folder: Path) -> dict[str, Path]:
    """Write the fixture notebooks into ``folder``; return their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, sources in SOURCES.items():
        nb = new_notebook(
            cells=[new_markdown_cell(f"# Harness check: {name}"), *map(new_code_cell, sources), new_code_cell("1 + 1")],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        )
        paths[name] = folder / f"{name}.ipynb"
        nbformat.write(nb, paths[name])
    return paths
