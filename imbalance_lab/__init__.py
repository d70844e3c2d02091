"""imbalance-lab: helpers for a course on class imbalance in (medical) machine learning.

The package holds the plumbing around the lessons -- data generators and
loaders, tidy metric tables, samplers, threshold and calibration tools, plots,
widgets and an audit of a data set -- one module per concern::

    datasets     offline cohorts and loaders, CLINICAL_BOUNDS
    metrics      imbalance_ratio, evaluate, confidence intervals
    resampling   samplers usable inside imblearn.pipeline
    thresholds   threshold sweeps and cost-optimal thresholds
    calibration  prior correction, calibration tables, intercept and slope
    plots        figures that take ax=/axes= and return what they drew
    widgets      ipywidgets explorers used in the lessons
    auditing     imbalance audit of a DataFrame or CSV (the function ``audit``)
    lessons      the lesson registry: slugs, file names and links

Importing the package is cheap and changes no global state. The public names
are listed in ``__init__.pyi`` (read by editors and type checkers) and loaded
on first use with ``lazy_loader`` (scientific Python's SPEC 1): a submodule,
with its heavy dependencies, is imported only when one of its names is used,
so ``imbalance_lab.evaluate`` and ``from imbalance_lab import evaluate`` both
work, while ``dir(imbalance_lab)`` or a missing name imports nothing.

Conventions shared by every function:

* the positive class is ``pos_label=``; functions that compute metrics,
  thresholds or calibration infer it only for 0/1 or False/True labels and
  otherwise stop with an error listing the labels;
* plotting functions take ``ax=`` (one panel) or ``axes=`` (several) as
  keyword-only arguments and return the Axes they drew on, or scikit-learn's
  Display objects where those are what is drawn.
"""
import lazy_loader as _lazy

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
