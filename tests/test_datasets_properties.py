"""Property tests of the loaders and generators in imbalance_lab.datasets.

Loaders never drop a row silently: a cell they cannot read is an error that
names its file line, blank lines or not. Generators are deterministic, keep
every value inside its documented bounds and precision, and give exact class
counts.
"""
from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imbalance_lab.datasets import (
    CLINICAL_BOUNDS,
    DATA_DIR,
    SUBTYPE_BOUNDS,
    SUBTYPE_NOMINAL,
    load_clinical_data,
    load_subtype_data,
    make_clinical_cohort,
    make_subtype_cohort,
    read_csv_checked,
)

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DTYPES = {"patient": "str", "age": "int", "glucose": "float", "diagnosis": "int"}
BAD_CELLS = {
    "int": ["abc", "1.5", "", "  ", "nan", "inf", "NA", "?", "1e400"],
    "float": ["abc", "", "  ", "nan", "inf", "-inf", "NA", "?", "1.2.3"],
    "str": ["", "   "],
}


@st.composite
def csv_rows(draw):
    """Valid rows for DTYPES, as text cells."""
    n = draw(st.integers(min_value=1, max_value=40))
    rows = []
    for i in range(n):
        rows.append([
            f"P{i:03d}",
            str(draw(st.integers(min_value=0, max_value=120))),
            repr(draw(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False))),
            str(draw(st.integers(min_value=0, max_value=1))),
        ])
    return rows


def write_csv(folder: Path, rows: list[list[str]], blank_after: set[int] = frozenset()) -> Path:
    """Write a header and rows; a blank line follows each row index in ``blank_after``."""
    lines = [",".join(DTYPES)]
    for i, row in enumerate(rows):
        lines.append(",".join(row))
        if i in blank_after:
            lines.append("")
    path = folder / "cohort.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@SETTINGS
@given(rows=csv_rows(), data=st.data())
def test_a_bad_cell_is_an_error_naming_its_line(rows, data):
    row = data.draw(st.integers(min_value=0, max_value=len(rows) - 1), label="row")
    col = data.draw(st.integers(min_value=0, max_value=len(DTYPES) - 1), label="column")
    column, kind = list(DTYPES.items())[col]
    rows[row][col] = data.draw(st.sampled_from(BAD_CELLS[kind]), label="bad cell")
    blank_after = data.draw(st.sets(st.integers(min_value=0, max_value=len(rows) - 1), max_size=3), label="blanks")
    # File line of the bad row: header on line 1, each earlier blank line shifts it by one.
    line = 2 + row + sum(1 for b in blank_after if b < row)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(Path(tmp), rows, blank_after)
        with pytest.raises(ValueError, match=rf"cohort\.csv, line {line}: column '{column}'"):
            read_csv_checked(path, DTYPES, target="diagnosis")


@SETTINGS
@given(rows=csv_rows(), data=st.data())
def test_valid_rows_all_come_back(rows, data):
    blank_after = data.draw(st.sets(st.integers(min_value=0, max_value=len(rows) - 1), max_size=3), label="blanks")
    with tempfile.TemporaryDirectory() as tmp:
        frame = read_csv_checked(write_csv(Path(tmp), rows, blank_after), DTYPES, target="diagnosis")
    assert len(frame) == len(rows)  # blank lines are not rows; no data row is lost
    assert frame["patient"].tolist() == [r[0] for r in rows]
    assert frame["age"].tolist() == [int(r[1]) for r in rows]
    assert frame["glucose"].tolist() == [float(r[2]) for r in rows]
    assert frame["age"].dtype == np.int64 and frame["glucose"].dtype == np.float64


def test_short_row_is_an_error(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("patient,age,glucose,diagnosis\nP1,50,90.5,0\nP2,61\nP3,70,101.0,1\n")
    with pytest.raises(ValueError, match=r"short\.csv, line 3: column 'glucose'"):
        read_csv_checked(path, DTYPES)


def test_long_row_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("patient,age,glucose,diagnosis\nP1,50,90.5,0\nP2,61,88.0,0,extra\n")
    with pytest.raises(ValueError, match="line 3"):
        read_csv_checked(path, DTYPES)


def test_missing_column_and_target_are_named(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("patient,age\nP1,50\n")
    with pytest.raises(KeyError, match="no target column 'diagnosis'"):
        read_csv_checked(path, DTYPES, target="diagnosis")
    with pytest.raises(KeyError, match=r"lacks column\(s\) \['glucose', 'diagnosis'\]"):
        read_csv_checked(path, DTYPES)


# ------------------------------------------------------------- committed files
@pytest.mark.parametrize(
    "loader, generator, name",
    [
        (load_clinical_data, lambda: make_clinical_cohort(1000, prevalence=0.05, random_state=42), "clinical_data.csv"),
        (load_subtype_data, lambda: make_subtype_cohort(600, proportions=(8, 3, 1), random_state=42), "subtype_data.csv"),
    ],
)
def test_committed_file_round_trip(tmp_path, loader, generator, name):
    committed = loader()
    expected = generator()
    pd.testing.assert_frame_equal(committed, expected)  # the file is what its generator writes
    copy = tmp_path / name
    committed.to_csv(copy, index=False, lineterminator="\n")
    assert copy.read_bytes() == (DATA_DIR / name).read_bytes()  # writing it again gives the same bytes
    pd.testing.assert_frame_equal(loader(copy), committed)  # and reading it back loses nothing


# ------------------------------------------------------------- generators
@st.composite
def cohort_args(draw):
    n = draw(st.integers(min_value=2, max_value=3000))
    prevalence = draw(st.floats(min_value=0.0005, max_value=0.9995, allow_nan=False))
    n_sick = int(round(n * prevalence))
    assume(1 <= n_sick < n)
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    return n, prevalence, seed, n_sick


@SETTINGS
@given(args=cohort_args())
def test_clinical_cohort_is_deterministic_bounded_and_exact(args):
    n, prevalence, seed, n_sick = args
    frame = make_clinical_cohort(n, prevalence=prevalence, random_state=seed)
    pd.testing.assert_frame_equal(frame, make_clinical_cohort(n, prevalence=prevalence, random_state=seed))
    assert len(frame) == n
    assert list(frame.columns) == [*CLINICAL_BOUNDS, "diagnosis"]
    assert frame["diagnosis"].sum() == n_sick and set(frame["diagnosis"]) <= {0, 1}
    for name, bound in CLINICAL_BOUNDS.items():
        values = frame[name].to_numpy(dtype=float)
        assert np.all(np.isfinite(values)), name
        assert values.min() >= bound.low and values.max() <= bound.high, name
        assert np.allclose(values, np.round(values, bound.decimals)), name
        assert frame[name].dtype == (np.int64 if bound.integer else np.float64), name


@SETTINGS
@given(
    n=st.integers(min_value=3, max_value=2000),
    proportions=st.tuples(*[st.floats(min_value=0.05, max_value=20, allow_nan=False)] * 3),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_subtype_cohort_is_deterministic_bounded_and_exact(n, proportions, seed):
    props = np.asarray(proportions)
    counts = np.floor(n * props / props.sum()).astype(int)
    counts[0] += n - counts.sum()
    assume(np.all(counts >= 1))
    frame = make_subtype_cohort(n, proportions=proportions, random_state=seed)
    pd.testing.assert_frame_equal(frame, make_subtype_cohort(n, proportions=proportions, random_state=seed))
    assert len(frame) == n
    got = frame["subtype"].value_counts()
    assert [int(got.get(s, 0)) for s in ("mild_motor", "intermediate", "diffuse_malignant")] == counts.tolist()
    for name, bound in SUBTYPE_BOUNDS.items():
        values = frame[name].to_numpy(dtype=float)
        assert values.min() >= bound.low and values.max() <= bound.high, name
        assert np.allclose(values, np.round(values, bound.decimals)), name
    for name in SUBTYPE_NOMINAL:
        assert frame[name].notna().all() and frame[name].nunique() <= 2, name


@SETTINGS
@given(
    n=st.integers(min_value=2, max_value=500),
    prevalence=st.floats(min_value=0.01, max_value=0.99),
    seeds=st.tuples(st.integers(0, 1000), st.integers(0, 1000)).filter(lambda s: s[0] != s[1]),
)
def test_different_seeds_give_different_cohorts(n, prevalence, seeds):
    assume(1 <= round(n * prevalence) < n)
    a = make_clinical_cohort(n, prevalence=prevalence, random_state=seeds[0])
    b = make_clinical_cohort(n, prevalence=prevalence, random_state=seeds[1])
    assert not a.drop(columns="diagnosis").equals(b.drop(columns="diagnosis"))


def test_prevalence_too_small_for_the_cohort_names_the_fix():
    with pytest.raises(ValueError, match=re.escape(f"use at least {math.ceil(0.5 / 0.001)} patients")):
        make_clinical_cohort(100, prevalence=0.001)
