"""Tests of the real data sets extracted from scikit-survival: CSV = extraction, cards, loaders.

The committed CSV must equal what ``tools/write_data.py`` extracts from the
source file named in its data card. Its SHA-256 is checked against the card
always; the byte-for-byte re-extraction runs when the source package (at the
recorded version) is installed, and is skipped with the reason otherwise: the
course does not depend on that package.
"""
import importlib.util
import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from imbalance_lab import datasets as ds

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
_spec = importlib.util.spec_from_file_location("write_data", ROOT / "tools" / "write_data.py")
write_data = sys.modules.get("write_data") or importlib.util.module_from_spec(_spec)
if "write_data" not in sys.modules:  # dataclasses need the module registered while it runs
    sys.modules["write_data"] = write_data
    _spec.loader.exec_module(write_data)

REAL = ("actg320", "flchain")
EXPECTED = {  # from the data cards' prose: rows, class counts, missing cells
    "actg320": dict(loader=ds.load_actg320, target="aids_or_death", counts={0: 1055, 1: 96}, missing={}),
    "flchain": dict(loader=ds.load_flchain, target="death", counts={0: 5705, 1: 2169}, missing={"creatinine": 1350}),
}


def _card(name):
    return (DATA / f"{name}.md").read_text(encoding="utf-8")


def _extraction_record(card: str) -> dict:
    rows = dict(re.findall(r"^\| (source package|file inside the package|source SHA-256|CSV SHA-256) \| (.+?) \|$", card, re.M))
    return {key: value.strip("`") for key, value in rows.items()}


@pytest.mark.parametrize("name", REAL)
def test_card_records_the_extraction_and_the_csv_matches_it(name):
    record = _extraction_record(_card(name))
    extraction = write_data.EXTRACTIONS[name]
    assert record["source package"] == f"{extraction.package} {extraction.version}"
    assert record["file inside the package"] == extraction.member
    assert re.fullmatch(r"[0-9a-f]{64}", record["source SHA-256"])
    assert write_data.sha256(DATA / extraction.csv_name) == record["CSV SHA-256"], (
        f"data/{extraction.csv_name} is not the file its card describes: re-extract it with tools/write_data.py "
        "and update the card, or restore the file"
    )


#: Where 'make test-extraction' unpacks the source package (CI runs it); unset: the installed packages.
SOURCE_SITE = os.environ.get("IMBALANCE_LAB_SOURCE_SITE")


@pytest.mark.parametrize("name", REAL)
def test_csv_equals_a_fresh_extraction_when_the_source_is_installed(name):
    source, reason = write_data.find_source(name, site=SOURCE_SITE)
    if source is None and SOURCE_SITE:
        pytest.fail(f"cannot re-extract {name} from {SOURCE_SITE}: {reason}")
    if source is None:
        pytest.skip(f"cannot re-extract {name}: {reason}; the SHA-256 check against the card still ran "
                    "('make test-extraction' downloads the source and re-extracts)")
    record = _extraction_record(_card(name))
    assert write_data.sha256(source) == record["source SHA-256"], "the source file differs from the one recorded"
    fresh = write_data.extract_csv_text(name, source).encode("utf-8")
    assert fresh == (DATA / f"{name}.csv").read_bytes()


def test_find_source_explains_a_missing_package(tmp_path):
    source, reason = write_data.find_source("actg320", site=tmp_path)
    assert source is None
    assert reason == "scikit-survival is not installed"


def _write_arff(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header.strip() + "\n@data\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_actg320_builder_keeps_baseline_features_and_the_aids_or_death_event(tmp_path):
    header = "\n".join(
        ["@relation AIDS"]
        + [f"@attribute {c} numeric" if c in ("time", "time_d", "cd4", "priorzdv", "age") else f"@attribute {c} {{{levels}}}"
           for c, levels in [("time", ""), ("censor", "0,1"), ("time_d", ""), ("censor_d", "0,1"), ("tx", "0,1"),
                             ("txgrp", "1,2,3,4"), ("strat2", "0,1"), ("sex", "1,2"), ("raceth", "1,2,3,4,5"),
                             ("ivdrug", "1,2,3"), ("hemophil", "0,1"), ("karnof", "70,80,90,100"), ("cd4", ""),
                             ("priorzdv", ""), ("age", "")]]
    )
    path = _write_arff(tmp_path / "a.arff", header, ["189,1,189,0,0,1,1,1,1,1,0,100,169,39,34", "5,0,5,1,1,2,0,2,3,3,1,70,23.5,9,20"])
    frame = write_data.EXTRACTIONS["actg320"].build(path)
    assert list(frame.columns) == list(ds.load_actg320().columns)
    assert frame["aids_or_death"].tolist() == [1, 0]  # 'censor' (AIDS or death), not 'censor_d' (death only)
    assert frame["cd4"].tolist() == [169.0, 23.5] and frame["sex"].tolist() == [1, 2]
    assert write_data.extract_csv_text("actg320", path).splitlines()[1] == "34,1,1,1,0,100,169.0,39.0,0,1,1,1"


def test_flchain_builder_drops_the_outcome_proxies_and_keeps_missing_creatinine(tmp_path):
    header = """
@relation flchain
@attribute age numeric
@attribute sex {F,M}
@attribute sample.yr {1995,1996}
@attribute kappa numeric
@attribute lambda numeric
@attribute flc.grp {1,2,3,4,5,6,7,8,9,10}
@attribute creatinine numeric
@attribute mgus {no,yes}
@attribute futime numeric
@attribute death {alive,dead}
@attribute chapter {Circulatory,Neoplasms}
"""
    path = _write_arff(tmp_path / "f.arff", header, ["97,F,1995,5.7,4.86,10,?,no,85,dead,Circulatory", "60,M,1996,1,1.5,3,0.9,yes,4000,alive,?"])
    frame = write_data.EXTRACTIONS["flchain"].build(path)
    assert list(frame.columns) == list(ds.load_flchain().columns)
    assert "futime" not in frame and "chapter" not in frame
    assert frame["death"].tolist() == [1, 0]
    assert np.isnan(frame["creatinine"].iloc[0]) and frame["creatinine"].iloc[1] == 0.9
    csv = tmp_path / "out"
    written = write_data.write_real_data("flchain", path, csv)
    assert written.read_text().splitlines()[1] == "97,F,1995,5.7,4.86,10,,no,1"  # missing = empty cell
    pd.testing.assert_frame_equal(ds.load_flchain(written), frame.astype({"sex": "str", "mgus": "str"}), check_dtype=False)


@pytest.mark.parametrize("name", REAL)
def test_loader_counts_types_and_missing_values(name):
    exp = EXPECTED[name]
    df = exp["loader"]()
    assert df[exp["target"]].value_counts().to_dict() == exp["counts"]
    assert df[exp["target"]].dtype == np.int64
    assert {c: int(n) for c, n in df.isna().sum().items() if n} == exp["missing"]
    loader_name, target, nominal = ds.REAL_DATASETS[name]
    assert getattr(ds, loader_name) is exp["loader"] and target == exp["target"]
    assert set(nominal) <= set(df.columns)
    for column in nominal:
        assert df[column].nunique() >= 2, column


def _card_columns(card: str) -> dict:
    pattern = re.compile(r"^\| `(\w+)` \| [^|]+ \| [^|]+ \| (int|float|str) \| ([^|]+) \| (\d+) \|$", re.M)
    return {m.group(1): (m.group(2), m.group(3).strip(), int(m.group(4))) for m in pattern.finditer(card)}


@pytest.mark.parametrize("name", REAL)
def test_data_card_column_table_matches_the_data(name):
    df = EXPECTED[name]["loader"]()
    rows = _card_columns(_card(name))
    assert list(rows) == list(df.columns), f"{name}.md must document every column, in order"
    kinds = {"int": np.int64, "float": np.float64}
    for column, (kind, values, missing) in rows.items():
        col = df[column]
        if kind == "str":
            assert pd.api.types.is_string_dtype(col), column
        else:
            assert col.dtype == kinds[kind], column
        assert int(col.isna().sum()) == missing, column
        if values.startswith("{"):
            levels = {v.strip() for v in values.strip("{}").split(",")}
            assert levels == {str(v) for v in col.dropna().unique()}, column
        else:
            low, high = (float(v) for v in values.split(" – "))
            assert (low, high) == (col.min(), col.max()), column


@pytest.mark.parametrize("name", ["breast_cancer", *REAL])
def test_card_states_the_licence_as_an_spdx_id(name):
    spdx = re.findall(r"SPDX: `([A-Za-z0-9.+-]+)`", _card(name))
    assert spdx and spdx[0] in {"CC-BY-4.0", "CC0-1.0", "GPL-3.0-or-later"}
    if spdx[0].startswith("GPL"):
        assert (DATA / "GPL-3.0.md").read_text(encoding="utf-8").lstrip().startswith("GNU GENERAL PUBLIC LICENSE")


def _cv_auc(df, target, nominal):
    X, y = df.drop(columns=target), df[target]
    numeric = [c for c in X if c not in nominal]
    prep = make_column_transformer(
        (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        (OneHotEncoder(handle_unknown="ignore"), list(nominal)),
    )
    model = make_pipeline(prep, LogisticRegression(max_iter=1000))
    return cross_val_score(model, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="roc_auc").mean()


@pytest.mark.parametrize(
    "name, stated",
    [("breast_cancer", r"ROC-AUC of\s+about (0\.\d+)"), ("actg320", r"ROC-AUC of\s+about (0\.\d+)"), ("flchain", r"ROC-AUC of\s+about (0\.\d+)")],
)
def test_card_states_the_measured_difficulty(name, stated):
    """The cards tell how separable each set is (breast cancer: nearly, so it flatters every method)."""
    value = float(re.search(stated, _card(name)).group(1))
    loader_name, target, nominal = ds.REAL_DATASETS[name]
    auc = _cv_auc(getattr(ds, loader_name)(), target, nominal)
    assert abs(auc - value) < 0.02, (name, auc)
    if name == "breast_cancer":
        assert "flatters every method" in _card(name) and auc > 0.97


def test_loader_rejects_an_unknown_level_and_names_its_line(tmp_path):
    lines = (DATA / "flchain.csv").read_text().splitlines()
    lines[5] = lines[5].replace(",F,", ",female,", 1).replace(",M,", ",male,", 1)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=r"bad.csv, line 6: column 'sex' holds '(fe)?male', which is not one of its levels \['F', 'M'\]"):
        ds.load_flchain(path)


def test_missing_is_allowed_only_where_declared(tmp_path):
    frame = ds.load_flchain()
    bad = frame.copy()
    bad["kappa"] = bad["kappa"].astype(object)
    bad.loc[3, "kappa"] = ""
    path = tmp_path / "gap.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"gap.csv, line 5: column 'kappa' holds ''"):
        ds.load_flchain(path)
    text = (DATA / "flchain.csv").read_text().replace(",,no,", ",NaN,no,", 1)
    (tmp_path / "nan.csv").write_text(text)
    with pytest.raises(ValueError, match=r"column 'creatinine' holds 'NaN', which is not a valid float"):
        ds.load_flchain(tmp_path / "nan.csv")


def test_actg320_loader_checks_codes_and_target(tmp_path):
    df = ds.load_actg320()
    bad = df.copy()
    bad.loc[0, "raceth"] = 9
    bad.to_csv(tmp_path / "code.csv", index=False)
    with pytest.raises(ValueError, match=r"code.csv, line 2: column 'raceth' holds '9'"):
        ds.load_actg320(tmp_path / "code.csv")
    df.drop(columns="aids_or_death").to_csv(tmp_path / "no_target.csv", index=False)
    with pytest.raises(KeyError, match=r"no target column 'aids_or_death'"):
        ds.load_actg320(tmp_path / "no_target.csv")


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(allow_missing=("age",)), ValueError, r"allow_missing may only name 'float' columns"),
        (dict(levels={"weight": (1, 2)}), ValueError, r"levels names column\(s\) \['weight'\]"),
    ],
)
def test_read_csv_checked_rejects_inconsistent_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        ds.read_csv_checked(DATA / "clinical_data.csv", {"age": "int"}, **kwargs)
