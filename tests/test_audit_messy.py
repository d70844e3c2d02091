"""The audit on messy clinical files as hospitals export them, read from disk.

Each test writes its own file -- zeros in physiological columns, integer codes,
class-dependent missingness, a mostly missing column, semicolons with decimal
commas, compressed and UTF-16 files, standard input, a majority "positive", a
continuous target -- and checks what the report says about it.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from imbalance_lab import auditing
from imbalance_lab.auditing import TableReadError, audit, read_table
from imbalance_lab.cli import main

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, stdin=None) -> subprocess.CompletedProcess:
    """Run the command in this process (as the console script would), with bytes in and out.

    ``stdin`` is an open binary file or bytes. Each real subprocess costs seconds of imports,
    so only the standard-input tests start one.
    """
    data = stdin.read() if hasattr(stdin, "read") else (stdin or b"")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        sys.stdin = saved
    return subprocess.CompletedProcess(args, code, out.getvalue().encode("utf-8"), err.getvalue().encode("utf-8"))


def real_cli(*args, data: bytes) -> subprocess.CompletedProcess:
    """The command in a subprocess, reading ``data`` from a real pipe on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "imbalance_lab.cli", *map(str, args)],
        capture_output=True, cwd=ROOT, timeout=300, input=data,
    )


# --------------------------------------------------------------- realistic files
def diabetes_frame(seed=0) -> pd.DataFrame:
    """A Pima-style diabetes table: zeros stand for 'not measured' in five columns."""
    rng = np.random.default_rng(seed)
    n = 768
    df = pd.DataFrame(
        {
            "Pregnancies": rng.poisson(3.5, n),  # zeros here are real
            "Glucose": rng.normal(121, 30, n).clip(44, 199).round(),
            "BloodPressure": rng.normal(72, 12, n).clip(24, 122).round(),
            "SkinThickness": rng.normal(29, 10, n).clip(7, 99).round(),
            "Insulin": rng.gamma(2.5, 60, n).clip(14, 846).round(),
            "BMI": rng.normal(32, 7, n).clip(18.2, 67.1).round(1),
            "DiabetesPedigreeFunction": rng.gamma(2, 0.24, n).round(3),
            "Age": rng.integers(21, 81, n),
            "lab_value": rng.normal(100, 8, n).round(1),  # no telling name: its zeros are far below the rest
            "Outcome": np.r_[np.zeros(500, int), np.ones(268, int)],
        }
    )
    for column, count in {"Glucose": 5, "BloodPressure": 35, "SkinThickness": 227, "Insulin": 374, "BMI": 11,
                          "lab_value": 20}.items():
        df.loc[rng.choice(n, count, replace=False), column] = 0
    return df


def heart_frame(seed=1) -> pd.DataFrame:
    """A Cleveland-style heart table: 177 patients, 13 positives, integer-coded categories."""
    rng = np.random.default_rng(seed)
    n = 177
    return pd.DataFrame(
        {
            "age": rng.integers(29, 78, n),
            "sex": rng.integers(0, 2, n),
            "cp": rng.integers(1, 5, n),                 # chest-pain type 1-4
            "trestbps": rng.integers(94, 200, n),
            "chol": rng.integers(126, 564, n),
            "fbs": rng.integers(0, 2, n),
            "restecg": rng.integers(0, 3, n),            # ECG result 0-2
            "thalach": rng.integers(71, 202, n),
            "exang": rng.integers(0, 2, n),
            "oldpeak": rng.gamma(1, 1, n).round(1),
            "slope": rng.integers(1, 4, n),              # 1-3
            "ca": rng.integers(0, 4, n),
            "thal": rng.choice([3, 6, 7], n),            # a code, not a quantity
            "num": np.r_[np.zeros(164, int), np.ones(13, int)],
        }
    )


def thyroid_frame(seed=2) -> pd.DataFrame:
    """A thyroid-clinic table: T3 missing far more often in negatives, TBG almost never measured."""
    rng = np.random.default_rng(seed)
    n_neg, n_pos = 500, 100
    n = n_neg + n_pos
    df = pd.DataFrame(
        {
            "TSH": rng.gamma(2, 2, n).round(2),
            "T3": rng.normal(2, 0.5, n).round(2),
            "TBG": rng.normal(25, 5, n).round(1),
            "age": rng.integers(18, 90, n),
            "class": ["negative"] * n_neg + ["hypothyroid"] * n_pos,
        }
    )
    df.loc[rng.choice(n_neg, 80, replace=False), "T3"] = np.nan          # 16 % of negatives
    df.loc[n_neg + rng.choice(n_pos, 1, replace=False), "T3"] = np.nan   # 1 % of positives
    df.loc[rng.choice(n, 552, replace=False), "TBG"] = np.nan            # 92 % missing
    return df


# --------------------------------------------------------------- zeros as missing
def test_zeros_that_mean_not_measured(tmp_path):
    df = diabetes_frame()
    path = tmp_path / "diabetes.csv"
    df.to_csv(path, index=False)
    report = audit(path, target="Outcome")
    expected = {c: int((df[c] == 0).sum()) for c in ("Glucose", "BloodPressure", "SkinThickness", "Insulin", "BMI", "lab_value")}
    assert report.zeros_as_missing == expected
    assert "Pregnancies" not in report.zeros_as_missing  # a count: 0 is a real value
    assert report.missing == {}
    text = str(report)
    assert "Missing values: none recorded in the features (but see the zeros below)." in text
    assert f"Insulin {expected['Insulin']} zeros" in text and "treat them as missing" in text
    data = report.recommendations[0]
    assert data.topic == "data" and "replace the zeros in Glucose, BloodPressure" in data.text
    # zeros count as missing when comparing classes
    assert set(report.missing_by_class) == set(expected)


def test_patient_codes_are_found_by_name_or_by_their_look():
    rng = np.random.default_rng(6)
    n = 400
    codes = rng.choice([f"P{i:04d}" for i in range(154)], n)
    icd = [f"{letter}{i:02d}.{j}" for letter in "EIJ" for i in range(10, 40) for j in range(3)]  # 270 codes
    df = pd.DataFrame({"patient_code": codes, "pseudo": rng.choice([f"K-{i:05d}x" for i in range(150)], n),
                       "diagnosis_icd": rng.choice(icd, n), "ward": rng.choice(["A", "B", "C"], n),
                       "crp": rng.gamma(2, 10, n).round(1), "y": [0] * 340 + [1] * 60})
    report = audit(df, target="y")
    assert report.id_like == ["patient_code", "pseudo"]
    assert set(report.repeated_ids) == {"patient_code", "pseudo"}
    assert report.nominal_features == ["diagnosis_icd", "ward"]  # diagnosis codes are features, not identifiers
    assert "StratifiedGroupKFold(groups=patient_code)" in str(report)
    assert "P0001" not in str(report) and "P0001" not in report.to_json()


def test_zeros_of_a_dose_are_real_zeros():
    rng = np.random.default_rng(7)
    n = 300
    dose = np.where(rng.random(n) < 0.58, 0.0, rng.normal(30, 8, n).round())
    df = pd.DataFrame({"insulin_dose_iu": dose, "insulin": np.r_[np.zeros(20), rng.normal(80, 20, n - 20).round()],
                       "y": [0] * 250 + [1] * 50})
    report = audit(df, target="y")
    assert report.zeros_as_missing == {"insulin": 20}


# --------------------------------------------------------------- small samples and codes
def test_small_sample_context_instead_of_enough():
    report = audit(heart_frame(), target="num")
    assert report.n_minority == 13 and report.minority_verdict == "small"
    s = report.sample
    assert s["expected_test"] == pytest.approx(13 * 0.2)
    assert s["expected_train_fold"] == pytest.approx(13 * 0.8)
    assert s["expected_validation_fold"] == pytest.approx(13 / 5)
    assert s["n_features"] == 13 and s["events_per_variable"] == pytest.approx(1.0)
    ci = s["sensitivity_interval"]
    assert (ci["successes"], ci["trials"]) == (2, 3)
    low, high = proportion_confint(2, 3, alpha=0.05, method="wilson")  # an independent implementation
    assert (ci["low"], ci["high"]) == (pytest.approx(low), pytest.approx(high))
    text = str(report)
    assert "Smallest class 1: 13 rows (small)." in text and "(enough)" not in text
    assert "a 20% test split holds about 2.6 of them" in text
    assert "trains on about 10.4 and validates on about 2.6 per fold" in text
    assert "1 events per variable with 13 features" not in text  # formatted as a number with one decimal
    assert "1.0 events per variable with 13 features (a regression model wants 10 or more)" in text
    assert f"e.g. 2 of 3, has a Wilson 95 % interval of {low:.2f}-{high:.2f}" in text
    validation = next(r for r in report.recommendations if r.topic == "validation")
    assert "RepeatedStratifiedKFold" in validation.text and "bootstrap" in validation.text


def test_large_minority_still_gets_its_fold_counts():
    df = pd.DataFrame({"x": np.arange(600.0), "y": [0] * 450 + [1] * 150})
    report = audit(df, target="y")
    assert report.minority_verdict == "enough"
    assert "150 rows (enough). Enough for most purposes: a 20% test split holds about 30 of them" in str(report)


def test_integer_codes_are_flagged_and_can_be_declared(tmp_path):
    path = tmp_path / "heart.csv"
    heart_frame().to_csv(path, index=False)
    report = audit(path, target="num")
    assert report.coded == {"cp": [1, 2, 3, 4], "restecg": [0, 1, 2], "slope": [1, 2, 3], "ca": [0, 1, 2, 3],
                            "thal": [3, 6, 7]}
    assert "sex" not in report.coded and "fbs" not in report.coded  # 0/1 flags are not codes
    assert report.sampler == "SMOTENC"
    text = str(report)
    assert "thal (3, 6, 7)" in text and "SMOTE would invent codes between them" in text
    assert "SMOTENC" in text and "one-hot" in text

    declared = audit(path, target="num", nominal=["cp", "thal", "restecg", "slope"])
    assert declared.nominal_declared == ["cp", "thal", "restecg", "slope"]
    assert set(declared.nominal_features) == {"cp", "restecg", "slope", "thal"}
    assert declared.coded == {"ca": [0, 1, 2, 3]}
    assert audit(path, target="num", nominal="cp, thal").nominal_features == ["cp", "thal"]

    result = cli("audit", path, "--target", "num", "--nominal", "cp,thal,restecg,slope", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["coded"] == {"ca": [0, 1, 2, 3]}


# --------------------------------------------------------------- missingness by class
def test_missingness_that_depends_on_the_class():
    df = thyroid_frame()
    report = audit(df, target="class", pos_label="hypothyroid")
    assert report.missing_by_class["T3"] == {"negative": pytest.approx(0.16), "hypothyroid": pytest.approx(0.01)}
    assert report.informative_missing == ["T3"]
    assert report.mostly_missing == ["TBG"] and "TBG" not in report.informative_missing
    text = str(report)
    assert "T3 (16.0% of 'negative', 1.0% of 'hypothyroid') <- differs by class" in text
    assert "Informative missingness in T3" in text and "missing-indicator" in text and "Keep every row" in text
    assert "Mostly missing (at least 50% of rows): TBG; drop or question" in text
    data = report.recommendations[0].text
    assert "drop or question the mostly missing TBG" in data
    assert "SimpleImputer(add_indicator=True) inside the pipeline; never drop those rows" in data


def test_missingness_balanced_between_classes_is_not_flagged():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"x": rng.normal(size=400), "y": [0] * 300 + [1] * 100})
    df.loc[::10, "x"] = np.nan  # every tenth row, in both classes alike
    report = audit(df, target="y")
    assert report.missing_by_class["x"] == {0: pytest.approx(0.1), 1: pytest.approx(0.1)}
    assert report.informative_missing == [] and report.mostly_missing == []


# --------------------------------------------------------------- targets
def test_positive_label_that_is_the_majority_is_questioned():
    df = pd.DataFrame({"x": range(100), "sick": ["yes"] * 70 + ["no"] * 30})
    report = audit(df, target="sick", pos_label="yes")
    assert report.pos_label_is_majority
    lines = str(report).splitlines()
    assert lines[1] == "  Positive class 'yes', as given."
    assert lines[2].startswith("  Warning: the positive class 'yes' is the majority (70.0% of labelled rows).")
    assert not audit(df, target="sick").pos_label_is_majority  # inferred: the smaller class, 'no'


def test_inferred_positive_is_announced_first():
    df = pd.DataFrame({"x": range(40), "status": ["healthy"] * 32 + ["sick"] * 8})
    lines = str(audit(df, target="status")).splitlines()
    assert lines[1] == (
        "  Positive class 'sick', inferred (the smaller class); choose it with pos_label= "
        "(--pos-label on the command line)."
    )


def test_continuous_target_is_refused(tmp_path):
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"chol": rng.integers(150, 300, 303), "age": np.r_[np.arange(29, 81), rng.integers(29, 81, 251)]})
    with pytest.raises(ValueError, match=r"holds 52 distinct numbers \(29 to 80\).*The audit is for class labels"):
        audit(df, target="age")
    path = tmp_path / "heart.csv"
    df.to_csv(path, index=False)
    result = cli("audit", path, "--target", "age")
    assert result.returncode == 1 and b"The audit is for class labels" in result.stderr


def test_continuous_target_read_as_text_is_refused(tmp_path):
    """One '?' makes pandas read the ages as text: they are still a measurement, not labels."""
    rng = np.random.default_rng(5)
    ages = [str(a) for a in np.r_[np.arange(29, 81), rng.integers(29, 81, 250)]] + ["?"]
    path = tmp_path / "heart_q.csv"
    pd.DataFrame({"chol": rng.integers(150, 300, 303), "age": ages}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"holds 52 distinct numbers \(29 to 80\) \(read as text.*class labels"):
        audit(path, target="age")
    result = cli("audit", path, "--target", "age")
    assert result.returncode == 1 and b"The audit is for class labels" in result.stderr
    labels = pd.DataFrame({"x": range(40), "y": ["0"] * 30 + ["1"] * 9 + ["?"]})
    assert audit(labels, target="y").class_counts == {"0": 30, "1": 9}  # codes as text stay labels


# --------------------------------------------------------------- reading files
def test_semicolons_with_decimal_commas(tmp_path):
    df = diabetes_frame().iloc[::4].reset_index(drop=True)
    df["BMI"] = df["BMI"] + 0.25
    path = tmp_path / "export_eu.csv"
    df.to_csv(path, sep=";", decimal=",", index=False)
    assert ";" in path.read_text().splitlines()[1] and "," in path.read_text().splitlines()[1]
    frame = read_table(path)
    pd.testing.assert_frame_equal(frame, df, check_dtype=False)
    report = audit(path, target="Outcome")
    assert report.nominal_features == [] and report.sampler == "SMOTE"
    assert len(report.numeric_features) == 9 and report.numeric_as_text == []
    result = cli("audit", path, "--target", "Outcome")
    assert result.returncode == 0, result.stderr
    assert b"Nominal features (0): none." in result.stdout


def test_decimal_commas_read_as_text_are_named(tmp_path):
    path = tmp_path / "forced.csv"
    pd.DataFrame({"bmi": ["27,5", "31,2", "22,9", "40,1"] * 10, "y": [0, 0, 0, 1] * 10}).to_csv(path, sep=";", index=False)
    report = audit(path, target="y", decimal=".")
    assert report.decimal_comma == ["bmi"] and report.numeric_features == ["bmi"]
    assert "decimal=',' (--decimal ',')" in str(report)


def test_pipe_delimited_and_decimal_given_on_the_command_line(tmp_path):
    df = pd.DataFrame({"bmi": np.linspace(18.5, 40.5, 40), "y": [0] * 30 + [1] * 10})
    pipe = tmp_path / "export.txt"
    df.to_csv(pipe, sep="|", index=False)
    pd.testing.assert_frame_equal(read_table(pipe), df)
    eu = tmp_path / "export_eu.csv"
    df.to_csv(eu, sep=";", decimal=",", index=False)
    result = cli("audit", eu, "--target", "y", "--decimal", ",", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["numeric_features"] == ["bmi"]
    forced = cli("audit", eu, "--target", "y", "--decimal", ".", "--format", "json")
    assert json.loads(forced.stdout)["decimal_comma"] == ["bmi"]  # read as text, and said so


def test_readme_documents_the_formats_and_reading_options():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for option in ("--format text\\|markdown\\|html\\|json", "--decimal", "--sep", "--encoding", "--nominal",
                   "--pos-label", "--sheet"):
        assert option in readme, option


@pytest.mark.parametrize("sep_arg", ["\\t", "tab"])
def test_tab_separated_with_sep_typed_as_shown(tmp_path, sep_arg):
    path = tmp_path / "export.tsv"
    pd.DataFrame({"x": range(20), "y": [0] * 15 + [1] * 5}).to_csv(path, sep="\t", index=False)
    result = cli("audit", path, "--target", "y", "--sep", sep_arg)  # '\t' typed in a shell is backslash-t
    assert result.returncode == 0, result.stderr
    assert b"Imbalance ratio 3.0:1" in result.stdout
    assert read_table(path).shape == (20, 2)  # detected without --sep too


@pytest.mark.parametrize("suffix, opener", [
    (".csv.gz", lambda p: gzip.open(p, "wt", encoding="utf-8")),
    (".csv.bz2", lambda p: __import__("bz2").open(p, "wt", encoding="utf-8")),
    (".csv.xz", lambda p: __import__("lzma").open(p, "wt", encoding="utf-8")),
])
def test_compressed_files(tmp_path, suffix, opener):
    df = thyroid_frame()
    path = tmp_path / f"thyroid{suffix}"
    with opener(path) as fh:
        df.to_csv(fh, sep=";", index=False)
    pd.testing.assert_frame_equal(read_table(path), df)
    renamed = path.rename(tmp_path / "no_suffix.dat")  # recognised by content, not by name
    pd.testing.assert_frame_equal(read_table(renamed), df)


def test_zip_files(tmp_path):
    df = thyroid_frame()
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("thyroid.csv", df.to_csv(index=False))
    pd.testing.assert_frame_equal(read_table(path), df)
    result = cli("audit", path, "--target", "class", "--pos-label", "hypothyroid")
    assert result.returncode == 0 and b"Informative missingness in T3" in result.stdout
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", "x,y\n1,0\n")
        archive.writestr("b.csv", "x,y\n1,0\n")
    with pytest.raises(TableReadError, match=r"zip archive holding 2 files \(a.csv, b.csv\)"):
        read_table(two)


def test_gzip_from_the_command_line_equals_the_plain_file(tmp_path):
    df = diabetes_frame()
    plain, packed = tmp_path / "d.csv", tmp_path / "d.csv.gz"
    df.to_csv(plain, index=False)
    df.to_csv(packed, index=False, compression="gzip")
    a, b = cli("audit", plain, "--target", "Outcome"), cli("audit", packed, "--target", "Outcome")
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


@pytest.mark.parametrize("spelling", ["-", "/dev/stdin"])
def test_standard_input_loses_nothing(tmp_path, spelling):
    df = diabetes_frame()
    big = pd.concat([df] * 3, ignore_index=True)  # well over the 64 KiB used to detect the format
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    assert path.stat().st_size > 2**16
    result = real_cli("audit", spelling, "--target", "Outcome", "--format", "json", data=path.read_bytes())
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["n_rows"] == len(big) == 3 * 768
    assert facts["class_counts"] == {"0": 1500, "1": 804}
    assert facts["zeros_as_missing"]["Insulin"] == int((big["Insulin"] == 0).sum())


def test_standard_input_gzip():
    payload = gzip.compress(b"x;y\n1,5;0\n2,5;0\n3,5;1\n")
    result = cli("audit", "-", "--target", "y", "--format", "json", stdin=payload)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["numeric_features"] == ["x"]


@pytest.mark.parametrize("encoding, bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False), ("utf-8-sig", True)])
def test_utf16_and_byte_order_marks(tmp_path, encoding, bom):
    df = pd.DataFrame({"Größe": [170.5, 182.0, 165.2] * 10, "Zöliakie": ["ja", "nein", "nein"] * 10})
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(df.to_csv(index=False, sep=";").encode(encoding))
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb") or not bom
    pd.testing.assert_frame_equal(read_table(path), df)
    result = cli("audit", path, "--target", "Zöliakie")
    assert result.returncode == 0, result.stderr
    assert "Imbalance ratio 2.0:1" in result.stdout.decode("utf-8")


def test_excel_workbook(tmp_path, monkeypatch):
    df = heart_frame()
    path = tmp_path / "heart.xlsx"
    df.to_excel(path, index=False, sheet_name="patients")
    pd.testing.assert_frame_equal(read_table(path), df)
    assert audit(path, target="num").n_minority == 13
    result = cli("audit", path, "--target", "num", "--sheet", "patients")
    assert result.returncode == 0 and b"13 rows (small)" in result.stdout
    real = auditing.importlib.util.find_spec
    monkeypatch.setattr(auditing.importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a))
    with pytest.raises(TableReadError, match=r"heart.xlsx is an Excel workbook; reading it needs openpyxl"):
        read_table(path)


def test_buffers_text_and_binary():
    text = "age;bmi;y\n61;27,5;0\n70;31,2;1\n"
    for buffer in (io.StringIO(text), io.BytesIO(text.encode())):
        frame = read_table(buffer)
        assert frame["bmi"].tolist() == [27.5, 31.2]


# --------------------------------------------------------------- leaks and groups
def test_leaks_dates_and_repeated_patients(tmp_path):
    rng = np.random.default_rng(5)
    n = 300
    patients = np.repeat([f"MRN{i:05d}" for i in range(100)], 3)
    outcome = np.r_[np.zeros(240, int), np.ones(60, int)]
    df = pd.DataFrame(
        {
            "patient_id": patients,
            "admission_date": pd.date_range("2020-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
            "glucose": rng.normal(110, 20, n).round(),
            "outcome_code": rng.integers(0, 9, n),
            "discharge_status": np.where(outcome == 1, "deceased", "home"),
            "sepsis_score": outcome * 10 + rng.normal(0, 1, n),
            "outcome": outcome,
        }
    )
    path = tmp_path / "admissions.csv"
    df.to_csv(path, index=False)
    report = audit(path, target="outcome")
    assert report.id_like == ["patient_id"]
    assert report.repeated_ids == {"patient_id": {"ids": 100, "ids_repeated": 100, "max_rows": 3}}
    assert report.dates == ["admission_date"]
    assert set(report.target_like) == {"outcome_code", "discharge_status", "sepsis_score"}
    assert "named like the target" in report.target_like["outcome_code"]
    assert "ROC-AUC 1.000" in report.target_like["sepsis_score"]
    assert "glucose" not in report.target_like
    validation = next(r for r in report.recommendations if r.topic == "validation")
    assert "StratifiedGroupKFold(groups=patient_id)" in validation.text
    # the report names columns; it never shows a patient's identifier, date or values
    for rendering in (str(report), report.to_json(), report.to_markdown(), report.to_html()):
        assert "MRN0" not in rendering and "2020-01" not in rendering and "deceased" not in rendering
    assert "Repeated identifiers in patient_id: 100 IDs of 100 have several rows (up to 3)" in str(report)


# --------------------------------------------------------------- wording
def test_plurals():
    df = pd.DataFrame({"glucose": [0.0] + list(np.linspace(80, 140, 29)) + [90.0], "y": [0] * 24 + [1] * 6 + [None]})
    text = str(audit(df, target="y"))
    assert "31 rows, 2 classes" in text
    assert "  1 row has no target value" in text
    assert "glucose 1 zero." in text
    assert "row(s)" not in text and " 1 rows" not in text


def test_plurals_with_one_of_a_kind():
    df = pd.DataFrame({"bmi": np.r_[0.0, np.linspace(18, 40, 39)], "ldh": [np.nan] * 30 + list(range(10)),
                       "y": [0] * 37 + [1] * 3})
    text = str(audit(df, target="y"))
    assert "a sensitivity measured on 1 test positive," in text
    assert "What 3 minority rows allow:" in text
    assert "about 0.6 of them" in text and "about 0 of them" not in text
    assert "drop or question this column (who gets measured, and why?) rather than impute it." in text
    one = pd.DataFrame({"x": range(12), "y": [0] * 11 + [1]})
    assert "What 1 minority row allows:" in str(audit(one, target="y"))


# --------------------------------------------------------------- bad input at the boundary
def test_bad_reading_options(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("x,y\n1,0\n2,1\n")
    with pytest.raises(TableReadError, match=r"sep must be one character .*got ';;'"):
        read_table(path, sep=";;")
    with pytest.raises(TableReadError, match=r"decimal must be '.' or ','; got ';'"):
        read_table(path, decimal=";")
    with pytest.raises(TableReadError, match=r"unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")
    with pytest.raises(FileNotFoundError, match="no file at"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(TypeError, match="a path, '-' for standard input, or an open file; got ndarray"):
        read_table(np.zeros(3))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(TableReadError, match=r"old Excel .xls workbook"):
        read_table(old)
    explicit = tmp_path / "semi.csv"
    explicit.write_text("a;b;y\n1;2;0\n3;4;1\n")
    with pytest.raises(TableReadError, match=r"fields look separated by ';'; pass --sep ';'"):
        read_table(explicit, sep=",")


def test_bad_nominal():
    df = pd.DataFrame({"cp": [1, 2, 3, 4] * 5, "y": [0] * 15 + [1] * 5})
    with pytest.raises(KeyError, match=r"nominal names no column \['thal'\]; the columns are \['cp', 'y'\]"):
        audit(df, target="y", nominal=["thal"])
    with pytest.raises(ValueError, match="the target 'y' cannot also be a nominal feature"):
        audit(df, target="y", nominal=["cp", "y"])
    with pytest.raises(TypeError, match="nominal must be a list of column names"):
        audit(df, target="y", nominal=3)
