"""Tests of imbalance_lab.datasets: generators, committed files, data cards, loaders."""
import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbalance_lab import datasets as ds

DATA = Path(__file__).resolve().parent.parent / "data"
_spec = importlib.util.spec_from_file_location("write_data", DATA.parent / "tools" / "write_data.py")
write_data = sys.modules.get("write_data") or importlib.util.module_from_spec(_spec)
if "write_data" not in sys.modules:  # dataclasses need the module registered while it runs
    sys.modules["write_data"] = write_data
    _spec.loader.exec_module(write_data)
SYNTHETIC_CSV = ("clinical_data.csv", "subtype_data.csv")


def test_clinical_csv_is_the_article_example():
    df = ds.load_clinical_data()
    assert df.shape == (1000, len(ds.CLINICAL_BOUNDS) + 1)
    assert df["diagnosis"].value_counts().to_dict() == {0: 950, 1: 50}


@pytest.mark.parametrize("name", SYNTHETIC_CSV)
def test_committed_csv_equals_its_generator(tmp_path, name):
    written = write_data.write_data_files(tmp_path)
    assert sorted(p.name for p in written) == sorted(SYNTHETIC_CSV)
    assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
        f"data/{name} differs from its generator: run 'make data' deliberately, or restore the file"
    )


def test_generator_is_deterministic_and_seed_sensitive():
    a = ds.make_clinical_cohort(500, 0.1, random_state=7)
    b = ds.make_clinical_cohort(500, 0.1, random_state=7)
    c = ds.make_clinical_cohort(500, 0.1, random_state=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


@pytest.mark.parametrize("n, prevalence", [(1000, 0.05), (20_000, 0.01), (20_000, 0.005), (300, 0.5)])
def test_exact_sick_count_and_bounds(n, prevalence):
    df = ds.make_clinical_cohort(n, prevalence)
    assert int(df["diagnosis"].sum()) == round(n * prevalence)
    for name, bound in ds.CLINICAL_BOUNDS.items():
        col = df[name]
        assert col.between(bound.low, bound.high).all(), name
        assert np.allclose(col, col.round(bound.decimals)), name
        if bound.integer:
            assert col.dtype == np.int64, name


def test_disease_is_learnable_but_not_trivial():
    df = ds.make_clinical_cohort(2000, 0.1)
    X, y = df.drop(columns="diagnosis"), df["diagnosis"]
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    auc = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), X, y, cv=cv, scoring="roc_auc").mean()
    assert 0.75 < auc < 0.93


def test_feature_subset_and_order():
    df = ds.make_clinical_cohort(200, 0.1, features=["hba1c", "age"])
    assert list(df.columns) == ["hba1c", "age", "diagnosis"]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"prevalence": 0.0}, r"strictly between 0 and 1"),
        ({"prevalence": 1.5}, r"strictly between 0 and 1"),
        ({"n_patients": 10, "prevalence": 0.01}, r"0 sick patients; use at least 50"),
        ({"features": ["age", "weight"]}, r"unknown feature name\(s\) \['weight'\]"),
        ({"n_patients": 1}, r"at least 2"),
    ],
)
def test_generator_rejects_impossible_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ds.make_clinical_cohort(**kwargs)


def test_subtype_cohort_counts_and_types():
    df = ds.load_subtype_data()
    assert df["subtype"].value_counts().to_dict() == {"mild_motor": 400, "intermediate": 150, "diffuse_malignant": 50}
    for col in ds.SUBTYPE_NOMINAL:
        assert pd.api.types.is_string_dtype(df[col]), col
    for name, bound in ds.SUBTYPE_BOUNDS.items():
        assert df[name].between(bound.low, bound.high).all(), name
    severity = df.groupby("subtype")["updrs_iii"].mean()
    assert severity["mild_motor"] < severity["intermediate"] < severity["diffuse_malignant"]


def test_breast_cancer_is_real_and_imbalanced():
    df = ds.load_breast_cancer_imbalanced()
    assert df["diagnosis"].value_counts().to_dict() == {0: 357, 1: 36}
    assert df.shape[1] == 31
    with pytest.raises(ValueError, match="at most 212"):
        ds.load_breast_cancer_imbalanced(n_malignant=300)


def test_loader_names_missing_file_and_columns(tmp_path):
    with pytest.raises(FileNotFoundError, match="no data file"):
        ds.load_clinical_data(tmp_path / "nope.csv")
    path = tmp_path / "no_target.csv"
    ds.load_clinical_data().drop(columns="diagnosis").to_csv(path, index=False)
    with pytest.raises(KeyError, match=r"no target column 'diagnosis'; its columns are \['age'"):
        ds.load_clinical_data(path)


def test_loader_reports_the_line_of_a_bad_value(tmp_path):
    lines = (DATA / "clinical_data.csv").read_text().splitlines()
    lines[10] = lines[10].replace(lines[10].split(",")[0], "fifty", 1)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=r"bad.csv, line 11: column 'age' holds 'fifty'"):
        ds.load_clinical_data(path)


def _card_rows(card: str):
    pattern = re.compile(r"^\| `(\w+)` \|.*\| ([\d.]+) – ([\d.]+) \| (\d) \| ([\d.]+) – ([\d.]+) \|$", re.M)
    return {m.group(1): m.groups()[1:] for m in pattern.finditer(card)}


@pytest.mark.parametrize(
    "card, loader, bounds",
    [
        ("clinical_data.md", ds.load_clinical_data, ds.CLINICAL_BOUNDS),
        ("subtype_data.md", ds.load_subtype_data, ds.SUBTYPE_BOUNDS),
    ],
)
def test_data_card_tables_match_the_data(card, loader, bounds):
    rows = _card_rows((DATA / card).read_text(encoding="utf-8"))
    df = loader()
    assert set(bounds) <= set(rows), f"{card} does not document {set(bounds) - set(rows)}"
    for name, bound in bounds.items():
        low, high, decimals, seen_min, seen_max = map(float, rows[name])
        assert (low, high, decimals) == (bound.low, bound.high, bound.decimals), name
        assert (seen_min, seen_max) == (df[name].min(), df[name].max()), name


def test_every_data_file_has_a_card():
    csvs = sorted(DATA.glob("*.csv"))
    assert {p.name for p in csvs} >= set(SYNTHETIC_CSV) | {"actg320.csv", "flchain.csv"}
    for csv in csvs:
        card = csv.with_suffix(".md")
        assert card.exists(), f"{csv.name} has no data card"
        text = card.read_text(encoding="utf-8")
        if csv.name in SYNTHETIC_CSV:
            musts = ("How it was made", "Licence", "not real people")
        elif csv.name == "claims_results.csv":  # results of imbalance_lab.claims, no patient record
            musts = ("How it was made", "Licence", "tools/write_claims.py", "no patient record")
        else:  # real patients: where they come from, under which licence, how extracted
            musts = ("Real ", "How it was extracted", "Licence", "SPDX: `", "Class counts", "Known quirks", "Citation")
        for must in musts + (("Class counts",) if "clinical" in csv.name else ()):
            assert must in text, f"{card.name} lacks '{must}'"


def test_synthetic_writer_refuses_a_file_as_folder():
    with pytest.raises(NotADirectoryError, match="is a file"):
        write_data.write_data_files(DATA / "clinical_data.csv")
