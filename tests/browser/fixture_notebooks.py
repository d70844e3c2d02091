"""Small notebooks that prove the browser harness itself, written at test time.

``working`` has two explorers with, between them, one control of every type the lessons
use; ``frozen`` and ``lagging`` break the way a widget breaks in practice: the readout
ignores the control, or shows the value of the move before.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HEAD = "import ipywidgets as w\nfrom imbalance_lab.widgets import Explorer\n\n"
WORKING = HEAD + '''
def render_cohort(fig, n, prevalence, model):
    sick, weight = n * prevalence, {"logistic": 1, "forest": 2, "boosting": 3}[model]
    ax = fig.subplots()
    ax.bar(["sick", "healthy"], [sick, n - sick])
    ax.set_title(f"{model}: {n} patients")
    return f"<b>n</b> = {n}, <b>prevalence</b> = {prevalence:.3f}, model = {model}<br>score = {sick * weight:.4f}"


Explorer({"n": w.IntSlider(value=200, min=100, max=1000, step=10, description="patients"),
          "prevalence": w.FloatSlider(value=0.05, min=0.01, max=0.5, step=0.01, description="prevalence"),
          "model": w.Dropdown(options=["logistic", "forest", "boosting"], description="model")},
         render_cohort, title="Cohort")
'''
WORKING_2 = '''
def render_costs(fig, share, cost):
    return f"share = {share}, cost = {cost:.4g}, total = {share * cost:.4g}"


Explorer({"share": w.SelectionSlider(options=[("1%", 0.01), ("5%", 0.05), ("20%", 0.2), ("50%", 0.5)]),
          "cost": w.FloatLogSlider(value=1.0, base=10, min=-1, max=3, step=0.05, description="cost")},
         render_costs, figsize=None)
'''
FROZEN = HEAD + '''
def render(fig, threshold):
    return "<b>sensitivity</b> = 0.80"  # broken on purpose: the readout ignores the control


Explorer({"threshold": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01)}, render, figsize=None)
'''
LAGGING = HEAD + '''
seen = []


def render(fig, threshold):  # broken on purpose: shows the value of the previous move
    seen.append(threshold)
    return f"threshold = {seen[-2] if len(seen) > 1 else threshold:.2f}"


Explorer({"threshold": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01)}, render, figsize=None)
'''
SOURCES = {"working": [WORKING, WORKING_2], "frozen": [FROZEN], "lagging": [LAGGING]}


def write_fixture_notebooks(folder: Path) -> dict[str, Path]:
    """Write the fixture notebooks into ``folder``; their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, sources in SOURCES.items():
        nb = new_notebook(cells=[new_markdown_cell(f"# Harness check: {name}"), *map(new_code_cell, sources)],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                   "language": "python"}})
        nbformat.write(nb, paths.setdefault(name, folder / f"{name}.ipynb"))
    return paths
