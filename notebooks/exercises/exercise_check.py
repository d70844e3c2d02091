"""Check an exercise answer without seeing the worked solution.

Each exercise notebook has, after every cell you fill in, a check cell such as::

    from exercise_check import check
    check(globals(), "03_metrics/1", {"tn": {...}, "by_hand": {...}})

The dictionary describes the solution's results by their kind, shape and a
*salted hash* of their values rounded to 3 significant digits -- never the
values themselves. ``check`` compares your variables of the same names with
that description and prints, for each one, whether it is right and, when it is
not, a hint: the wrong kind of object, the wrong shape, a fraction given as a
percentage, the complement (1 - x) of the expected value, a whole number
expected, the expected range. It never prints the expected value. Timings (``fit_time``,
``score_time`` of ``cross_validate``) are never compared.

``tools/make_exercises.py`` writes the descriptions by running the solution
notebook and calling :func:`describe` on its results; ``tests/test_exercises.py``
runs every check against the solution's own values (it must pass) and against
a changed value (it must fail).
"""
from __future__ import annotations

import hashlib
import math
import numbers

__all__ = ["describe", "results", "check"]

SIGNIFICANT = 3            # digits compared
MAX_ITEMS = 5000           # larger arrays are compared by shape only
# Entries that differ from run to run (cross_validate's timings): never compared.
VOLATILE_KEYS = ("fit_time", "score_time")
FORMAT = 3                 # bump when the description format changes (invalidates generated checks)


# --- turning values into comparable text -------------------------------------------------------


def _is_number(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, (bool, complex))


def _num(x) -> str:
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{SIGNIFICANT}g}"


def _digest(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}\x00{text}".encode("utf-8")).hexdigest()[:16]


def _values_text(values) -> str:
    out = []
    for v in values:
        if isinstance(v, (bool,)) or type(v).__name__ == "bool_":
            out.append(str(int(bool(v))))
        elif _is_number(v) or hasattr(v, "dtype") and getattr(v, "shape", None) == ():
            try:
                out.append(_num(v))
            except (TypeError, ValueError):
                out.append(str(v))
        else:
            out.append(str(v).strip())
    return "|".join(out)


def _kind(value) -> str:
    mod = type(value).__module__.split(".")[0]
    name = type(value).__name__
    if isinstance(value, bool) or name == "bool_":
        return "bool"
    if _is_number(value) or (mod == "numpy" and getattr(value, "shape", None) == ()):
        return "number"
    if isinstance(value, str):
        return "text"
    if mod == "pandas" and name == "DataFrame":
        return "table"
    if mod == "numpy" and name == "ndarray" and value.dtype.kind == "O" and not all(
            _is_number(v) or isinstance(v, (str, bool)) for v in value.ravel()):
        return "object"  # an array of figures' axes, of estimators...: compared by type only
    if (mod == "pandas" and name == "Series") or (mod == "numpy" and name == "ndarray"):
        return "array"
    if isinstance(value, (list, tuple)) and all(_is_number(v) or isinstance(v, (bool, str)) for v in value):
        return "array"
    if isinstance(value, dict):
        return "dict"
    return "object"


def _shape(value) -> list[int]:
    shape = getattr(value, "shape", None)
    return list(shape) if shape is not None else [len(value)]


def _flat(value) -> list:
    if hasattr(value, "to_numpy"):
        value = value.to_numpy()
    if hasattr(value, "ravel"):
        return list(value.ravel().tolist())
    return list(value)


KIND_WORDS = {"number": "a number", "bool": "True or False", "text": "a string", "table": "a pandas DataFrame",
              "array": "an array, list or Series of values", "dict": "a dictionary", "object": "an object"}


def describe(value, salt: str, _depth: int = 0) -> dict:
    """The description of a solution's value that :func:`check` compares against (no value in clear)."""
    kind = _kind(value)
    d: dict = {"kind": kind}
    if kind == "number":
        x = float(value)
        d["hash"] = _digest(salt, _num(x))
        d["whole"] = bool(not math.isnan(x) and float(x).is_integer())
        d["unit"] = bool(0 <= x <= 1)
        d["sign"] = 0 if x == 0 or math.isnan(x) else (1 if x > 0 else -1)
    elif kind == "bool":
        d["hash"] = _digest(salt, str(bool(value)))
    elif kind == "text":
        d["hash"] = _digest(salt, value.strip())
    elif kind == "array":
        d["shape"] = _shape(value)
        if math.prod(d["shape"]) <= MAX_ITEMS:
            d["hash"] = _digest(salt, _values_text(_flat(value)))
    elif kind == "table":
        d["shape"] = list(value.shape)
        if value.size <= MAX_ITEMS:  # the columns' values, whatever the columns are called
            d["columns"] = sorted(_digest(salt, _values_text(_flat(value.iloc[:, i]))) for i in range(value.shape[1]))
    elif kind == "dict":
        d["size"] = len(value)
        d["values"] = sorted(_item_digest(v, salt) for k, v in value.items() if k not in VOLATILE_KEYS)
    elif kind == "object":
        d["type"] = type(value).__name__
    return d


def _unmatched(expected_digests, labelled_digests) -> list[str]:
    """Labels whose digest matches none of the expected ones (each expected digest matches once)."""
    expected, wrong = list(expected_digests), []
    for label, digest in labelled_digests:
        if digest in expected:
            expected.remove(digest)
        else:
            wrong.append(str(label))
    return wrong


def _item_digest(value, salt: str) -> str:
    """One dict value as a digest (numbers, text and arrays by value, anything else by its type)."""
    kind = _kind(value)
    if kind in ("number", "bool", "text"):
        return _digest(salt, _values_text([value]))
    if kind in ("array", "table"):
        return _digest(salt, _values_text(_flat(value)))
    return _digest(salt, "type:" + type(value).__name__)


# --- comparing -------------------------------------------------------------------------------------


def _number_matches(x: float, spec: dict, salt: str) -> bool:
    # Accept a value a hair's breadth from a rounding boundary (0.1375 computed two ways).
    return any(_digest(salt, _num(x * f)) == spec["hash"] for f in (1.0, 1 + 1e-9, 1 - 1e-9))


def _compare(name: str, value, spec: dict, salt: str, depth: int = 0) -> tuple[bool, str]:
    """(right?, message) for one value against one description."""
    kind = _kind(value)
    want = spec["kind"]
    if kind == "bool" and want == "number":  # True counts as 1
        kind, value = "number", int(value)
    if kind == "number" and want == "array" and spec.get("shape") in ([1], [1, 1]):
        kind, value = "array", [value]
    if kind != want:
        expects = f"a `{spec['type']}`" if want == "object" else KIND_WORDS[want]
        return False, f"`{name}` is {KIND_WORDS[kind]} (`{type(value).__name__}`); the exercise expects {expects}."
    if "hash" not in spec and want in ("number", "bool", "text"):
        return True, f"`{name}` is {KIND_WORDS[want]}, as expected (your own choice: its value is not compared)."
    if want == "number":
        x = float(value)
        if _number_matches(x, spec, salt):
            return True, f"`{name}` is right."
        hints = []
        if spec["unit"] and 1 < x <= 100 and _number_matches(x / 100, spec, salt):
            hints.append("it looks like a percentage: give it as a fraction between 0 and 1")
        elif _number_matches(1 - x, spec, salt):
            hints.append("it is the complement (1 − x) of the expected value: check which class is positive, "
                         "or whether you computed the opposite rate")
        elif spec["unit"] and not 0 <= x <= 1:
            hints.append("the expected value lies between 0 and 1")
        elif spec["whole"] and not float(x).is_integer():
            hints.append("the expected value is a whole number (a count)")
        elif spec["sign"] and math.copysign(1, x) != spec["sign"]:
            hints.append(f"the expected value is {'positive' if spec['sign'] > 0 else 'negative'}")
        hint = ("; ".join(hints) + ".") if hints else \
            "check the data it is computed on (training or test set, which model) and the formula."
        return False, f"`{name}` is a number, but not the expected one (compared to {SIGNIFICANT} significant digits): {hint}"
    if want in ("bool", "text"):
        ok = _digest(salt, str(bool(value)) if want == "bool" else value.strip()) == spec["hash"]
        what = "value (True or False)" if want == "bool" else "string"
        return (True, f"`{name}` is right.") if ok else (False, f"`{name}` is not the expected {what}.")
    if want == "array":
        shape = _shape(value)
        if shape != spec["shape"]:
            return False, (f"`{name}` has shape {tuple(shape)}; the expected one has shape {tuple(spec['shape'])}: "
                           f"check which rows (patients) and which columns it covers.")
        if "hash" not in spec:
            return True, f"`{name}` has the expected shape (its values are not compared)."
        if _digest(salt, _values_text(_flat(value))) == spec["hash"]:
            return True, f"`{name}` is right."
        return False, f"`{name}` has the right shape but not the expected values (to {SIGNIFICANT} significant digits)."
    if want == "table":
        shape = list(value.shape)
        if shape != spec["shape"]:
            turned = " (transposed? try .T)" if shape == spec["shape"][::-1] else ""
            return False, (f"`{name}` has shape {tuple(shape)} (rows, columns); "
                           f"the expected table has shape {tuple(spec['shape'])}{turned}.")
        if "columns" not in spec:
            return True, f"`{name}` has the expected shape (its values are not compared)."
        wrong = _unmatched(spec["columns"], ((c, _digest(salt, _values_text(_flat(value.iloc[:, i]))))
                                             for i, c in enumerate(value.columns)))
        if wrong:
            return False, (f"`{name}`: column(s) {', '.join(map(repr, wrong))} do not hold the values of any expected "
                           f"column (rows in the expected order, values to {SIGNIFICANT} significant digits).")
        return True, f"`{name}` is right."
    if want == "dict":
        if len(value) != spec["size"]:
            return False, f"`{name}` has {len(value)} entries; the expected one has {spec['size']}."
        if "values" not in spec:
            return True, f"`{name}` has the expected number of entries."
        wrong = _unmatched(spec["values"], ((k, _item_digest(v, salt)) for k, v in value.items()
                                            if k not in VOLATILE_KEYS))
        if wrong:
            return False, (f"`{name}`: the value(s) under {', '.join(map(repr, wrong))} are not among the expected "
                           f"ones (to {SIGNIFICANT} significant digits).")
        return True, f"`{name}` is right."
    # any other object: its type is what can be compared
    if type(value).__name__ == spec["type"]:
        return True, f"`{name}` is a `{spec['type']}`, as expected (only its type is compared)."
    return False, f"`{name}` is a `{type(value).__name__}`; the exercise expects a `{spec['type']}`."


def results(namespace: dict, exercise: str, expected: dict) -> list[tuple[str, bool, str]]:
    """(name, right?, message) for every expected name; ``namespace`` is usually ``globals()``."""
    out = []
    for name, spec in expected.items():
        if name not in namespace:
            out.append((name, False, f"`{name}` is not defined yet: store your answer in a variable called `{name}`."))
            continue
        try:
            ok, msg = _compare(name, namespace[name], spec, f"{exercise}/{name}")
        except Exception as exc:  # a learner's object we cannot read: say so, do not crash the notebook
            ok, msg = False, f"`{name}` could not be compared ({type(exc).__name__}: {exc})."
        out.append((name, ok, msg))
    return out


def check(namespace: dict, exercise: str, expected: dict) -> None:
    """Print, for each expected variable, whether yours is right and a hint when it is not."""
    found = results(namespace, exercise, expected)
    for _, ok, msg in found:
        print(("✓ " if ok else "✗ ") + msg)
    right = sum(ok for _, ok, _ in found)
    if right == len(found):
        print("All right." if found else "Nothing to check here.")
    else:
        print(f"{right} of {len(found)} right. Change your cell above and run it and this check again; "
              f"the worked answer is in the solutions notebook.")
