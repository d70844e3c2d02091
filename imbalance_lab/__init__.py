"""imbalance-lab: helpers for a course on class imbalance in (medical) machine learning.

The package holds the plumbing around the lessons -- data generators and
loaders, tidy metric tables, samplers, threshold and calibration tools, plots,
widgets and an audit of a data set -- one module per concern::

    datasets     offline cohorts and loaders, CLINICAL_BOUNDS
    metrics      imbalance_ratio, evaluate, confidence intervals
    resampling   samplers usable inside imblearn.pipeline
    thresholds   threshold sweeps and cost-optimal thresholds
    calibration  prior correction and calibration tables
    plots        figures that accept ax= and return what they drew
    widgets      ipywidgets explorers used in the lessons
    audit        imbalance audit of a DataFrame or CSV
    cli          the ``imbalance-lab`` command

Importing the package is cheap and changes no global state: submodules (and
their heavy dependencies) load on first use of a name, so
``imbalance_lab.evaluate`` and ``from imbalance_lab import evaluate`` both work.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_MODULES = (
    "datasets",
    "metrics",
    "resampling",
    "thresholds",
    "calibration",
    "plots",
    "widgets",
    "audit",
    "cli",
)


def _submodules():
    """Yield (name, module) for each submodule, importing it on first use."""
    for module in _MODULES:
        yield module, importlib.import_module(f"{__name__}.{module}")


def _owner(name: str) -> str | None:
    """The first submodule, in the order above, whose ``__all__`` lists ``name``."""
    return next((module for module, mod in _submodules() if name in getattr(mod, "__all__", ())), None)


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name.startswith("__"):
        raise AttributeError(name)
    owner = _owner(name)
    if owner is None:
        raise AttributeError(f"module 'imbalance_lab' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{owner}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    public = {name for _, mod in _submodules() for name in getattr(mod, "__all__", ())}
    return sorted(set(globals()) | set(_MODULES) | public)
