"""Figures for the lessons, built on matplotlib and scikit-learn's Display objects.

Every function takes the keyword-only argument ``ax=`` (one panel) or
``axes=`` (several panels), draws there (on a new figure when omitted), and
returns what it drew, by one rule: the Axes it drew on -- one Axes for one
panel, a list of Axes for several -- except where each panel *is* one
scikit-learn Display (the confusion matrices), which are returned instead
(``display.ax_`` is the Axes). A lesson can then add titles or combine
panels. Nothing here changes matplotlib's global settings.

* :func:`plot_class_distribution` -- bar chart of class counts with counts and
  percentages written on the bars.
* :func:`plot_confusion_matrices` -- several confusion matrices side by side.
* :func:`plot_roc_pr` -- ROC and precision-recall curves side by side, with
  the chance level of each drawn.
* :func:`plot_resampled` -- what a sampler did to a 2-D data set: real,
  copied, synthetic (with the segment each was made on) and removed rows;
  :func:`resampling_origin` tells which returned rows are which.
* :func:`plot_threshold_tradeoff` -- sensitivity, specificity, PPV and the
  expected cost against the decision threshold, from a threshold sweep.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from sklearn.metrics import ConfusionMatrixDisplay, PrecisionRecallDisplay, RocCurveDisplay

from ._validation import as_label_array, binary_target, check_confidence_level, check_number, check_same_length
from ._validation import check_scores, to_binary

__all__ = [
    "plot_class_distribution",
    "plot_confusion_matrices",
    "plot_roc_pr",
    "plot_resampled",
    "resampling_origin",
    "plot_threshold_tradeoff",
    "plot_metric_intervals",
]

_MAJORITY_COLOR = "steelblue"
_MINORITY_COLOR = "tomato"
_MIDDLE_COLOR = "#8da0cb"


def _named_items(objects, what: str) -> list[tuple[str, object]]:
    """Return ``[(name, object), ...]`` from a mapping, a list of pairs or a single estimator."""
    if isinstance(objects, dict) or hasattr(objects, "items"):
        items = [(str(k), v) for k, v in objects.items()]
    elif hasattr(objects, "predict"):
        items = [(type(objects).__name__, objects)]
    elif isinstance(objects, (list, tuple)) and objects and all(
        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in objects
    ):
        items = list(objects)
    else:
        raise TypeError(
            f"pass {what} as a dict of name -> fitted model or name -> array, e.g. "
            f"{{'dummy': dummy, 'logistic': model}}; got {type(objects).__name__}."
        )
    if not items:
        raise ValueError(f"{what} is empty: pass at least one named model or array.")
    return items


def _check_axes(axes, n: int, name: str = "axes"):
    """Return ``n`` Axes: the given ones (checked) or a new row of subplots."""
    if axes is None:
        with plt.ioff():
            _, created = plt.subplots(1, n, figsize=(3.4 * n + 0.6, 3.4), layout="constrained", squeeze=False)
        return list(created[0])
    flat = list(np.ravel(np.asarray(axes, dtype=object)))
    if not all(isinstance(a, plt.Axes) for a in flat):
        kinds = sorted({type(a).__name__ for a in flat if not isinstance(a, plt.Axes)})
        raise TypeError(
            f"{name} must be {n} matplotlib Axes (one per panel, e.g. fig, {name} = plt.subplots(1, {n})) "
            f"or None for a new figure; got {', '.join(kinds)}."
        )
    if len(flat) != n:
        raise ValueError(f"{name} must be {n} matplotlib Axes (one per panel); got {len(flat)} object(s).")
    return flat


def _check_labels(labels):
    """Return ``labels`` after checking it is None or a mapping of class -> display name."""
    if labels is not None and not hasattr(labels, "get"):
        raise TypeError(f"labels must be a dict of class -> display name, e.g. {{0: 'healthy', 1: 'sick'}}; "
                        f"got {type(labels).__name__}.")
    return labels


def _is(labels: np.ndarray, label) -> np.ndarray:
    """Boolean mask of the rows whose label is ``label`` (one vectorised comparison)."""
    return to_binary(labels, label).astype(bool)


def _check_ax(ax, name: str = "ax"):
    """Return ``ax`` after checking it is one matplotlib Axes or None (a new figure)."""
    if ax is not None and not isinstance(ax, plt.Axes):
        raise TypeError(
            f"{name} must be a matplotlib Axes (e.g. fig, {name} = plt.subplots()) or None for a new figure; "
            f"got {type(ax).__name__}."
        )
    return ax


def plot_class_distribution(
    y,
    *,
    ax=None,
    labels=None,
    normalize: bool = False,
    title: str = "Class distribution",
    ylabel: str | None = None,
):
    """Bar chart of how many rows each class has, each bar labelled with count and percent.

    The classes are drawn from the largest to the smallest; the largest bar is
    blue and the smallest red, so the minority class stands out.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (a list, array or pandas Series), one per row.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    labels : mapping, optional
        Display names for the classes, e.g. ``{0: "healthy", 1: "sick"}``.
    normalize : bool, default=False
        Draw shares (percent of rows) instead of counts on the y axis.
    title : str, default="Class distribution"
    ylabel : str, optional
        Defaults to ``"Rows (count)"`` or ``"Rows (%)"``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_class_distribution([0] * 950 + [1] * 50, labels={0: "healthy", 1: "sick"})
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['healthy', 'sick']
    """
    arr = as_label_array(y, "y")
    counts = pd.Series(arr, dtype=object).value_counts()
    if _check_labels(labels) is not None:
        unknown = [k for k in labels if k not in set(counts.index)]
        if unknown:
            raise ValueError(f"labels names class(es) {unknown} that y does not contain ({list(counts.index)}).")
    names = [str(labels.get(c, c)) if labels is not None else str(c) for c in counts.index]
    shares = counts / counts.sum()
    heights = shares.to_numpy() * 100 if normalize else counts.to_numpy()
    colors = [_MIDDLE_COLOR] * len(counts)
    colors[0], colors[-1] = _MAJORITY_COLOR, _MINORITY_COLOR
    if _check_ax(ax) is None:
        with plt.ioff():
            _, ax = plt.subplots(figsize=(1.4 * len(counts) + 2.6, 3.4), layout="constrained")
    bars = ax.bar(names, heights, color=colors)
    ax.bar_label(bars, labels=[f"{n:,}\n({s:.1%})" for n, s in zip(counts, shares)], padding=2)
    ax.set_ylim(0, heights.max() * 1.25)
    ax.set_title(title)
    ax.set_xlabel("Class")
    ax.set_ylabel(ylabel or ("Rows (%)" if normalize else "Rows (count)"))
    return ax


def plot_confusion_matrices(
    models_or_predictions,
    X=None,
    y=None,
    *,
    labels=None,
    display_labels=None,
    normalize=None,
    axes=None,
    cmap: str = "Blues",
    values_format: str | None = None,
):
    """Several confusion matrices side by side, one panel per model.

    Each panel is a :class:`sklearn.metrics.ConfusionMatrixDisplay`, so the
    matrix is exactly scikit-learn's ``confusion_matrix``: true class on the
    rows, predicted class on the columns.

    Parameters
    ----------
    models_or_predictions : dict
        ``name -> fitted estimator`` (needs ``X`` and ``y``) or
        ``name -> predicted labels`` (needs ``y`` only); both may be mixed.
    X : array-like, optional
        Features to predict from, for the estimators.
    y : array-like
        True labels of the same rows.
    labels : list, optional
        Class order of the rows and columns (default: sorted labels).
    display_labels : list of str, optional
        Names shown for the classes, e.g. ``["healthy", "sick"]``.
    normalize : {"true", "pred", "all"}, optional
        As in :func:`sklearn.metrics.confusion_matrix`.
    axes : sequence of Axes, optional
        One per model; a new row of panels when omitted.
    cmap : str, default="Blues"
    values_format : str, optional
        Format of the numbers in the cells (default ``"d"``, or ``".2f"`` when normalized).

    Returns
    -------
    dict of str -> sklearn.metrics.ConfusionMatrixDisplay
        One display per model, in the order given; ``display.ax_`` is its Axes.

    Examples
    --------
    >>> y = [0] * 95 + [1] * 5
    >>> shown = plot_confusion_matrices({"always healthy": [0] * 100}, y=y)
    >>> shown["always healthy"].confusion_matrix.tolist()
    [[95, 0], [5, 0]]
    """
    items = _named_items(models_or_predictions, "models_or_predictions")
    if y is None:
        raise ValueError("y (the true labels) is required: pass y=y_test.")
    y_arr = as_label_array(y, "y")
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(f"normalize must be None, 'true', 'pred' or 'all'; got {normalize!r}.")
    fmt = values_format or (".2f" if normalize else "d")
    panels = _check_axes(axes, len(items))
    shown = {}
    for ax, (name, obj) in zip(panels, items):
        if hasattr(obj, "predict"):
            if X is None:
                raise ValueError(f"{name!r} is a model: pass the features X as well as y to predict with it.")
            check_same_length(("X", X), ("y", y_arr))
            y_pred = obj.predict(X)
        else:
            y_pred = as_label_array(obj, f"predictions of {name!r}")
            check_same_length(("y", y_arr), (f"predictions of {name!r}", y_pred))
        disp = ConfusionMatrixDisplay.from_predictions(
            y_arr, y_pred, labels=labels, display_labels=display_labels, normalize=normalize,
            cmap=cmap, values_format=fmt, colorbar=False, ax=ax,
        )
        ax.set_title(name)
        shown[name] = disp
    return shown


def plot_roc_pr(
    models_or_scores,
    X=None,
    y=None,
    *,
    pos_label=None,
    axes=None,
    plot_chance_level: bool = True,
    colors=None,
):
    """ROC and precision-recall curves side by side, with the chance level of each.

    The left panel holds :class:`sklearn.metrics.RocCurveDisplay` curves (chance
    = the diagonal, AUC 0.5), the right panel
    :class:`sklearn.metrics.PrecisionRecallDisplay` curves (chance = a flat line
    at the prevalence, which is also the no-skill average precision).

    Parameters
    ----------
    models_or_scores : dict
        ``name -> fitted estimator`` (needs ``X`` and ``y``) or
        ``name -> scores of the positive class`` (needs ``y`` only).
    X : array-like, optional
        Features, for the estimators.
    y : array-like
        True labels.
    pos_label : label, optional
        The positive (minority) class; needed unless the labels are 0/1.
    axes : sequence of two Axes, optional
        ROC panel, PR panel; a new figure when omitted.
    plot_chance_level : bool, default=True
        Draw the chance level once in each panel.
    colors : list of colors, optional
        One per model (default: matplotlib's colour cycle).

    Returns
    -------
    list of two matplotlib.axes.Axes
        The ROC panel and the PR panel.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0] * 90 + [1] * 10)
    >>> ax_roc, ax_pr = plot_roc_pr({"score": np.linspace(0, 1, 100)}, y=y)
    >>> ax_pr.get_title()
    'Precision-recall curve'
    """
    items = _named_items(models_or_scores, "models_or_scores")
    if y is None:
        raise ValueError("y (the true labels) is required: pass y=y_test.")
    y_arr = as_label_array(y, "y")
    _, pos_label = binary_target(y_arr, pos_label, "y")
    if colors is None:
        cycle = plt.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
        colors = [cycle[i % len(cycle)] for i in range(len(items))]
    elif len(colors) < len(items):
        raise ValueError(f"colors has {len(colors)} entries for {len(items)} models; give one colour per model.")
    ax_roc, ax_pr = _check_axes(axes, 2)
    for i, (name, obj) in enumerate(items):
        last = plot_chance_level and i == len(items) - 1
        common = {"pos_label": pos_label, "name": name, "curve_kwargs": {"color": colors[i]}}
        if hasattr(obj, "predict"):
            if X is None:
                raise ValueError(f"{name!r} is a model: pass the features X as well as y to score with it.")
            check_same_length(("X", X), ("y", y_arr))
            RocCurveDisplay.from_estimator(obj, X, y_arr, ax=ax_roc, plot_chance_level=last, **common)
            PrecisionRecallDisplay.from_estimator(obj, X, y_arr, ax=ax_pr, plot_chance_level=last, **common)
        else:
            score = check_scores(obj, f"scores of {name!r}")
            check_same_length(("y", y_arr), (f"scores of {name!r}", score))
            RocCurveDisplay.from_predictions(y_arr, score, ax=ax_roc, plot_chance_level=last, **common)
            PrecisionRecallDisplay.from_predictions(y_arr, score, ax=ax_pr, plot_chance_level=last, **common)
    ax_roc.set_title("ROC curve")
    ax_pr.set_title("Precision-recall curve")
    for ax in (ax_roc, ax_pr):
        ax.legend(loc="lower right" if ax is ax_roc else "upper right", fontsize="small")
    return [ax_roc, ax_pr]


# --------------------------------------------------------------------------
# Resampling pictures
# --------------------------------------------------------------------------

_CLASS_COLORS = (_MAJORITY_COLOR, _MINORITY_COLOR, "seagreen", "darkorchid", "goldenrod", "grey")
# Largest number of (synthetic point x candidate pair) checks when looking for
# the segment each synthetic point lies on; beyond it the picture links each
# synthetic point to its two nearest real points instead (and says so).
_MAX_PAIR_CHECKS = 20_000_000


def _xy_2d(X, name: str) -> np.ndarray:
    """Return ``X`` as a finite float array with exactly two columns."""
    if X is None:
        raise TypeError(f"{name} is None: pass the two feature columns to draw (an array or DataFrame).")
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must hold numbers only (two numeric feature columns): {exc}") from None
    if arr.ndim != 2 or arr.shape[1] != 2:
        shape = arr.shape if arr.ndim != 2 else f"{arr.shape[1]} columns"
        raise ValueError(
            f"{name} must have exactly 2 feature columns to draw a 2-D picture; got {shape}. "
            "Select two columns, e.g. X[['hba1c', 'systolic_bp']]."
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} has no rows: there is nothing to draw.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} has {int(np.sum(~np.isfinite(arr)))} NaN or infinite value(s); impute or drop them first.")
    return arr


def resampling_origin(X, y, X_res, y_res) -> dict:
    """Tell, for every row a sampler returned, whether it is real, a copy or synthetic.

    imbalanced-learn's over-samplers (``RandomOverSampler``, ``SMOTE``,
    ``BorderlineSMOTE``, ...) return the original rows first, unchanged, and
    append the new ones. When that holds, the appended rows are the new ones:
    those equal to an original row of the same class are *copies*, the others
    *synthetic*. For any other sampler (under-samplers, SMOTEENN, SMOTETomek)
    each returned row is matched to the original rows with the same values and
    class, counting repeats: rows with no match are synthetic, surplus matches
    are copies, and original rows left unmatched were *removed*.

    Parameters
    ----------
    X, y : array-like
        The data given to ``fit_resample`` (features and labels).
    X_res, y_res : array-like
        What ``fit_resample`` returned.

    Returns
    -------
    dict
        ``"origin"``: array of ``"real"``, ``"copy"`` or ``"synthetic"``, one
        per returned row; ``"removed"``: boolean array, one per original row,
        True for the rows the sampler dropped; ``"appended"``: True when the
        originals came back first and unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    >>> y = np.array([0, 1, 1])
    >>> X_res = np.vstack([X, [[1.5, 1.5]]])
    >>> resampling_origin(X, y, X_res, [0, 1, 1, 1])["origin"].tolist()
    ['real', 'real', 'real', 'synthetic']
    """
    X_arr = np.asarray(X, dtype=float)
    X_res_arr = np.asarray(X_res, dtype=float)
    if X_arr.ndim != 2 or X_res_arr.ndim != 2 or X_arr.shape[1] != X_res_arr.shape[1]:
        raise ValueError(
            f"X and X_res must be tables with the same columns; got shapes {X_arr.shape} and {X_res_arr.shape}."
        )
    y_arr = as_label_array(y, "y")
    y_res_arr = as_label_array(y_res, "y_res")
    check_same_length(("X", X_arr), ("y", y_arr))
    check_same_length(("X_res", X_res_arr), ("y_res", y_res_arr))
    unknown = set(pd.unique(pd.Series(y_res_arr, dtype=object))) - set(pd.unique(pd.Series(y_arr, dtype=object)))
    if unknown:
        raise ValueError(f"y_res has label(s) {sorted(map(repr, unknown))} that y does not have; "
                         "pass the X, y that were given to fit_resample.")
    n = len(X_arr)
    keys = [tuple(row) + (lab,) for row, lab in zip(X_arr.tolist(), y_arr.tolist())]
    res_keys = [tuple(row) + (lab,) for row, lab in zip(X_res_arr.tolist(), y_res_arr.tolist())]
    appended = len(res_keys) >= n and res_keys[:n] == keys
    origin = np.empty(len(res_keys), dtype=object)
    removed = np.zeros(n, dtype=bool)
    if appended:
        origin[:n] = "real"
        known = set(keys)
        origin[n:] = ["copy" if k in known else "synthetic" for k in res_keys[n:]]
    else:
        available: dict[tuple, list[int]] = {}
        for i, k in enumerate(keys):
            available.setdefault(k, []).append(i)
        for j, k in enumerate(res_keys):
            rows = available.get(k)
            if rows is None:
                origin[j] = "synthetic"
            elif rows:
                rows.pop(0)
                origin[j] = "real"
            else:
                origin[j] = "copy"
        for rows in available.values():
            removed[rows] = True
    return {"origin": origin.astype(str), "removed": removed, "appended": appended}


def _segment_pairs(S: np.ndarray, A: np.ndarray, B: np.ndarray, tol: float) -> np.ndarray:
    """For each point of S, the (i, j) with S on the segment A[i]-B[j], or (-1, -1).

    Only called when len(S) * len(A) * len(B) is below _MAX_PAIR_CHECKS.
    """
    found = np.full((len(S), 2), -1, dtype=int)
    if len(S) == 0 or len(A) == 0 or len(B) == 0:
        return found
    d = B[None, :, :] - A[:, None, :]                     # (a, b, 2)
    len2 = np.einsum("abk,abk->ab", d, d)
    safe = np.where(len2 > 0, len2, 1.0)
    chunk = max(1, 2_000_000 // (len(A) * len(B)))
    for start in range(0, len(S), chunk):
        s = S[start:start + chunk]                         # (s, 2)
        rel = s[:, None, :] - A[None, :, :]                # (s, a, 2)
        t = np.clip(np.einsum("sak,abk->sab", rel, d) / safe, 0.0, 1.0)
        gap = rel[:, :, None, :] - t[..., None] * d[None]  # (s, a, b, 2)
        dist2 = np.einsum("sabk,sabk->sab", gap, gap).reshape(len(s), -1)
        best = dist2.argmin(axis=1)
        ok = dist2[np.arange(len(s)), best] <= tol**2
        ia, ib = np.unravel_index(best, (len(A), len(B)))
        found[start:start + len(s)][ok] = np.column_stack([ia, ib])[ok]
    return found


def plot_resampled(
    X,
    y,
    X_res,
    y_res,
    *,
    ax=None,
    segments: bool = True,
    feature_names=None,
    labels=None,
    title: str | None = None,
    legend: bool = True,
):
    """Draw what a sampler did to a 2-D data set: real, copied, synthetic and removed rows.

    Real rows kept by the sampler are dots, synthetic rows triangles, rows the
    sampler duplicated get a ring (wider for more copies), rows it removed a
    faint cross. With ``segments=True`` each synthetic point is joined to the
    segment it was made on: SMOTE places a new point at a random spot on the
    segment between a real minority row and one of its nearest minority
    neighbours, and the picture finds that pair of real rows (the segment the
    point lies on). When no such pair exists, or the search would be too
    slow, the point is linked to its two nearest real rows of its class
    instead, and the legend says so.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The features given to ``fit_resample`` (exactly two columns).
    y : array-like of shape (n_samples,)
        Their labels.
    X_res, y_res : array-like
        What ``fit_resample`` returned.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    segments : bool, default=True
        Draw the segments behind the synthetic points.
    feature_names : pair of str, optional
        Axis labels (with units); default the DataFrame's column names or
        ``"feature 1"``, ``"feature 2"``.
    labels : mapping, optional
        Display names of the classes, e.g. ``{0: "healthy", 1: "sick"}``.
    title : str, optional
        Default: what the sampler added and removed.
    legend : bool, default=True

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(n_samples=100, n_features=2, n_redundant=0,
    ...                            weights=[0.9], random_state=0)
    >>> X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    >>> ax = plot_resampled(X, y, X_res, y_res)
    >>> ax.get_xlabel()
    'feature 1'
    """
    X_arr = _xy_2d(X, "X")
    X_res_arr = _xy_2d(X_res, "X_res")
    y_arr = as_label_array(y, "y")
    y_res_arr = as_label_array(y_res, "y_res")
    check_same_length(("X", X_arr), ("y", y_arr))
    check_same_length(("X_res", X_res_arr), ("y_res", y_res_arr))
    _check_ax(ax)
    if feature_names is None:
        feature_names = list(X.columns) if isinstance(X, pd.DataFrame) else ["feature 1", "feature 2"]
    if isinstance(feature_names, str) or len(feature_names) != 2:
        raise ValueError(f"feature_names must be two names (x axis, y axis); got {feature_names!r}.")
    _check_labels(labels)
    info = resampling_origin(X_arr, y_arr, X_res_arr, y_res_arr)
    origin, removed = info["origin"], info["removed"]

    counts = pd.Series(y_arr, dtype=object).value_counts()
    classes = list(counts.index)  # largest first: majority blue, smallest red
    colors = {c: _CLASS_COLORS[min(i, len(_CLASS_COLORS) - 1)] for i, c in enumerate(classes)}
    if len(classes) == 2:
        colors[classes[-1]] = _MINORITY_COLOR
    name_of = {c: str(labels.get(c, c)) if labels is not None else str(c) for c in classes}
    if ax is None:
        with plt.ioff():
            _, ax = plt.subplots(figsize=(6, 4.6), layout="constrained")

    span = np.ptp(np.vstack([X_arr, X_res_arr]), axis=0).max()
    tol = 1e-9 * max(span, np.abs(X_arr).max(), 1.0)
    seg_pairs, seg_near = [], []
    synthetic = origin == "synthetic"
    if segments and synthetic.any():
        for c in classes:
            mask = synthetic & _is(y_res_arr, c)
            if not mask.any():
                continue
            S = X_res_arr[mask]
            same = X_arr[_is(y_arr, c)]
            pairs = np.full((len(S), 2), -1)
            if len(S) * len(same) ** 2 <= _MAX_PAIR_CHECKS:
                pairs = _segment_pairs(S, same, same, tol)
                lost = pairs[:, 0] < 0
                if lost.any() and lost.sum() * len(same) * len(X_arr) <= _MAX_PAIR_CHECKS:
                    # BorderlineSMOTE-2 also steps towards neighbours of another class
                    other = _segment_pairs(S[lost], same, X_arr, tol)
                    hit = other[:, 0] >= 0
                    idx = np.flatnonzero(lost)[hit]
                    seg_pairs += [(same[i], X_arr[j]) for i, j in other[hit]]
                    pairs[idx] = -2  # drawn already
            seg_pairs += [(same[i], same[j]) for i, j in pairs if i >= 0]
            for s, (i, _) in zip(S, pairs):
                if i == -1 and len(same):
                    near = np.argsort(((same - s) ** 2).sum(axis=1))[:2]
                    seg_near += [(s, same[k]) for k in near]
    if seg_pairs:
        ax.add_collection(LineCollection(seg_pairs, colors="0.35", linewidths=0.6, alpha=0.45, zorder=1,
                                         label=f"segment to the real pair it was made from ({len(seg_pairs)})"))
    if seg_near:
        ax.add_collection(LineCollection(seg_near, colors="0.35", linewidths=0.6, alpha=0.45, linestyles=":",
                                         zorder=1, label="link to its 2 nearest real rows (pair not identified)"))

    for c in classes:
        col = colors[c]
        is_c = _is(y_arr, c)
        is_c_res = _is(y_res_arr, c)
        kept = is_c & ~removed
        ax.scatter(*X_arr[kept].T, s=18, color=col, alpha=0.85, edgecolors="white", linewidths=0.4, zorder=5,
                   label=f"{name_of[c]}: real ({int(kept.sum())})")
        gone = is_c & removed
        if gone.any():
            ax.scatter(*X_arr[gone].T, s=16, marker="x", color=col, alpha=0.35, linewidths=0.9, zorder=2,
                       label=f"{name_of[c]}: removed ({int(gone.sum())})")
        copies = is_c_res & (origin == "copy")
        if copies.any():
            pts, times = np.unique(X_res_arr[copies], axis=0, return_counts=True)
            ax.scatter(*pts.T, s=30 + 25 * np.minimum(times, 8), facecolors="none", edgecolors=col,
                       linewidths=0.9, zorder=3, label=f"{name_of[c]}: copies of real rows ({int(copies.sum())})")
        syn = is_c_res & synthetic
        if syn.any():
            ax.scatter(*X_res_arr[syn].T, s=20, marker="^", color=col, edgecolors="black", linewidths=0.3,
                       alpha=0.7, zorder=4, label=f"{name_of[c]}: synthetic ({int(syn.sum())})")
    ax.autoscale_view()
    ax.set_xlabel(str(feature_names[0]))
    ax.set_ylabel(str(feature_names[1]))
    if title is None:
        title = (f"After resampling: {int(synthetic.sum())} synthetic, {int((origin == 'copy').sum())} copies, "
                 f"{int(removed.sum())} removed")
    ax.set_title(title)
    if legend:
        ax.legend(loc="best", fontsize="x-small", framealpha=0.85)
    return ax


# --------------------------------------------------------------------------
# Thresholds and costs
# --------------------------------------------------------------------------


def _extended_steps(sweep: pd.DataFrame, column: str, none_value: float, lo: float, hi: float):
    """x, y of a right-continuous step curve over [lo, hi] (drawn with ``where="pre"``).

    At threshold t the value is that of the smallest listed threshold >= t;
    above the highest score nobody is flagged (``none_value``).
    """
    thr = sweep["threshold"].to_numpy(float)
    val = sweep[column].to_numpy(float)
    x = np.r_[min(lo, thr[0]), thr, max(hi, thr[-1])]
    y = np.r_[val[0], val, none_value]
    return x, y


def plot_threshold_tradeoff(sweep, *, threshold=None, cost_optimal=None, axes=None):
    """Sensitivity, specificity and PPV (left) and expected cost (right) against the threshold.

    Draws the table of :func:`imbalance_lab.thresholds.threshold_sweep` as step
    curves (a patient is flagged when ``score >= threshold``), from 0 to 1 for
    probabilities or over the range of the scores otherwise.

    Parameters
    ----------
    sweep : pandas.DataFrame
        The output of :func:`~imbalance_lab.thresholds.threshold_sweep`; its
        ``expected_cost`` column is drawn in the right panel.
    threshold : float, optional
        The threshold in use, marked by a solid vertical line. When the sweep
        is over probabilities it must lie in [0, 1].
    cost_optimal : float, optional
        The cost-optimal threshold (e.g. Elkan's ``cost_fp / (cost_fp + cost_fn)``),
        marked by a dashed vertical line; in [0, 1] for probabilities too.
    axes : sequence of two Axes, optional
        Metrics panel, cost panel; a new figure when omitted.

    Returns
    -------
    list of two matplotlib.axes.Axes

    Examples
    --------
    >>> from imbalance_lab.thresholds import threshold_sweep
    >>> sweep = threshold_sweep([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], cost_fn=10)
    >>> ax_rates, ax_cost = plot_threshold_tradeoff(sweep, threshold=0.5, cost_optimal=1 / 11)
    >>> ax_cost.get_ylabel()
    'Expected cost per patient (cost units)'
    """
    needed = ("threshold", "tp", "fp", "tn", "fn", "sensitivity", "specificity", "ppv", "expected_cost")
    if not isinstance(sweep, pd.DataFrame) or any(c not in sweep.columns for c in needed):
        raise TypeError("sweep must be the DataFrame returned by imbalance_lab.thresholds.threshold_sweep(y_true, y_score).")
    if sweep.empty:
        raise ValueError("sweep is empty: it must hold at least one threshold.")
    thr = sweep["threshold"].to_numpy(float)
    probabilities = thr.min() >= 0 and thr.max() <= 1
    hint = (", but the sweep is over probabilities (every threshold in [0, 1]), so the line would fall off the "
            "figure. Pass a threshold between 0 and 1")
    threshold, cost_optimal = (check_number(value, name, allow_none=True, unit_interval=probabilities, hint=hint)
                               for name, value in (("threshold", threshold), ("cost_optimal", cost_optimal)))
    ax_rates, ax_cost = _check_axes(axes, 2)
    if probabilities:
        lo, hi = 0.0, 1.0
    else:
        pad = 0.05 * (thr.max() - thr.min() or 1.0)
        lo, hi = thr.min() - pad, thr.max() + pad
    n = int(sweep[["tp", "fp", "tn", "fn"]].iloc[0].sum())
    n_pos = int(sweep["tp"].iloc[0] + sweep["fn"].iloc[0])
    # flagging nobody (above the highest score) misses every sick patient; its cost needs cost_fn,
    # which threshold_sweep keeps in sweep.attrs -- without it the cost curve stops at the last score
    cost_fn = sweep.attrs.get("cost_fn")
    cost_none = cost_fn * n_pos / n if cost_fn is not None else np.nan
    styles = (("sensitivity", 0.0, "tomato", "-"), ("specificity", 1.0, "steelblue", "-"), ("ppv", np.nan, "grey", "--"))
    for column, none_value, color, ls in styles:
        x, y = _extended_steps(sweep, column, none_value, lo, hi)
        label = "PPV (precision)" if column == "ppv" else column
        ax_rates.step(x, y, where="pre", color=color, ls=ls, label=label)
    x, y = _extended_steps(sweep, "expected_cost", cost_none, lo, hi)
    ax_cost.step(x, y, where="pre", color="black", label="expected cost")
    for ax in (ax_rates, ax_cost):
        if threshold is not None:
            ax.axvline(threshold, color="black", lw=1.2, label=f"threshold in use ({threshold:.2f})")
        if cost_optimal is not None:
            ax.axvline(cost_optimal, color="darkorange", lw=1.5, ls="--", label=f"cost-optimal ({cost_optimal:.3f})")
        ax.set_xlim(lo, hi)
        ax.set_xlabel("Threshold (predicted probability)" if probabilities else "Threshold (model score)")
    ax_rates.set_ylim(-0.03, 1.03)
    ax_rates.set_ylabel("Rate (0-1)")
    ax_rates.set_title("Sensitivity and specificity trade-off")
    ax_rates.legend(loc="best", fontsize="small")
    ax_cost.set_ylim(bottom=0)
    ax_cost.set_ylabel("Expected cost per patient (cost units)")
    ax_cost.set_title("Expected cost of the decisions")
    ax_cost.legend(loc="upper left", fontsize="small")
    return [ax_rates, ax_cost]


def plot_metric_intervals(tables, *, ax=None, title=None, confidence_level=None):
    """Forest plot of metrics with their confidence intervals, one line per metric.

    Parameters
    ----------
    tables : DataFrame or mapping of name -> DataFrame
        Output of :func:`imbalance_lab.metrics.metrics_with_ci` or
        :func:`~imbalance_lab.metrics.evaluate_with_ci` (columns ``estimate``,
        ``ci_low``, ``ci_high``); several named tables are drawn side by side
        for comparison. When the (first) table has the column ``n``, each
        label shows the number of patients the metric counts over.
    ax : matplotlib Axes, optional
    title : str, optional
        Default: "Test-set metrics with 95 % confidence intervals", with the
        tables' confidence level.
    confidence_level : float, optional
        The level of the intervals. By default the one
        :func:`~imbalance_lab.metrics.metrics_with_ci` stored in
        ``table.attrs["confidence_level"]``; the title and axis label state
        it (a table without that attribute is labelled without a level).

    Returns
    -------
    matplotlib.axes.Axes
        The forest plot: one row per metric, one marker per table.

    Examples
    --------
    >>> from imbalance_lab.metrics import metrics_with_ci
    >>> table = metrics_with_ci([1] * 10 + [0] * 190, [1] * 8 + [0] * 192, random_state=0)
    >>> plot_metric_intervals(table).get_title()
    'Test-set metrics with 95 % confidence intervals'
    >>> table90 = metrics_with_ci([1] * 10 + [0] * 190, [1] * 8 + [0] * 192, confidence_level=0.9, random_state=0)
    >>> plot_metric_intervals(table90).get_xlabel()
    'Metric value (0-1), point estimate and 90 % CI'
    """
    if isinstance(tables, pd.DataFrame):
        named = [("", tables)]
    elif hasattr(tables, "items"):
        named = [(str(k), v) for k, v in tables.items()]
    else:
        raise TypeError(
            f"tables must be the DataFrame of metrics_with_ci or a dict name -> DataFrame; got {type(tables).__name__}."
        )
    if not named:
        raise ValueError("tables is empty: pass at least one table of metrics with intervals.")
    for name, table in named:
        missing = [c for c in ("estimate", "ci_low", "ci_high") if c not in getattr(table, "columns", [])]
        if missing:
            raise ValueError(
                f"table {name or ''!s} lacks column(s) {missing}; pass the output of metrics_with_ci / evaluate_with_ci."
            )
    if confidence_level is None:
        stored = {t.attrs.get("confidence_level") for _, t in named}
        if len(stored) > 1:
            raise ValueError(
                f"the tables hold intervals at different confidence levels ({sorted(stored, key=str)}); "
                "compare intervals of one level, e.g. metrics_with_ci(..., confidence_level=0.95) for each."
            )
        confidence_level = stored.pop()
    # a table built by hand carries no level: say "confidence intervals" rather than guess one
    level = "" if confidence_level is None else f"{100 * check_confidence_level(confidence_level):g} % "
    if title is None:
        title = f"Test-set metrics with {level}confidence intervals"
    if _check_ax(ax) is None:
        with plt.ioff():
            _, ax = plt.subplots(figsize=(7, 0.45 * len(named[0][1]) + 1.4), layout="constrained")
    metrics = list(dict.fromkeys(m for _, t in named for m in t.index))
    positions = np.arange(len(metrics))[::-1].astype(float)
    step = 0.6 / max(len(named), 1)
    colors = [_MINORITY_COLOR, _MAJORITY_COLOR, "grey", "darkorange", "seagreen"]
    for i, (name, table) in enumerate(named):
        offset = (i - (len(named) - 1) / 2) * step
        rows = table.reindex(metrics)
        y = positions - offset
        est = rows["estimate"].to_numpy(dtype=float)
        low = rows["ci_low"].to_numpy(dtype=float)
        high = rows["ci_high"].to_numpy(dtype=float)
        ok = np.isfinite(est) & np.isfinite(low) & np.isfinite(high)
        ax.errorbar(est[ok], y[ok], xerr=[est[ok] - low[ok], high[ok] - est[ok]], fmt="o", capsize=3,
                    color=colors[i % len(colors)], label=name or None)
    names = {"roc_auc": "ROC-AUC", "pr_auc": "PR-AUC", "f1_macro": "F1-macro", "balanced_accuracy": "balanced accuracy"}
    first = named[0][1]
    labels = []
    for m in metrics:
        label = names.get(m, m.replace("_", " "))
        if "n" in first.columns and m in first.index:
            label += f" (n={int(first.loc[m, 'n'])})"
        labels.append(label)
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 1.02)
    ax.set_xlabel(f"Metric value (0-1), point estimate and {level}CI")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    if len(named) > 1:
        ax.legend(loc="lower left", fontsize="small")
    return ax
