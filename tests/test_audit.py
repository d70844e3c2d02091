"""Tests of imbalance_lab.audit on the course's data and on messy, clinical-style tables.

Messy files read from disk, and the new checks (small samples, codes, zeros, missingness by class,
leaks) are in test_audit_messy.py.
"""
from __future__ import annotations

import inspect
import json
import re
import urllib.parse
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import imbalance_lab
from imbalance_lab.auditing import (
    INTERPOLATION_MIN_ROWS,
    SMALL_SAMPLE_ROWS,
    SMOTE_MIN_ROWS,
    AuditReport,
    Recommendation,
    audit,
)
from imbalance_lab.datasets import (
    SUBTYPE_BOUNDS,
    SUBTYPE_NOMINAL,
    load_breast_cancer_imbalanced,
    load_clinical_data,
    load_subtype_data,
)

from imbalance_lab.lessons import LESSONS as REGISTRY
from imbalance_lab.lessons import lesson

LESSONS = {slug for slug, _ in REGISTRY}
ROOT = Path(__file__).resolve().parent.parent


def thyroid_frame(n_neg=100, n_pos=12, n_unlabelled=8, seed=0) -> pd.DataFrame:
    """A messy thyroid-clinic export: string labels, '?' cells, yes/no and M/F, IDs, a constant column."""
    rng = np.random.default_rng(seed)
    n = n_neg + n_pos + n_unlabelled
    df = pd.DataFrame(
        {
            "patient_id": [f"P{i:04d}" for i in range(n)],
            "age": rng.integers(20, 80, n).astype(float),
            "sex": rng.choice(["M", "F"], n),
            "on_thyroxine": rng.choice(["yes", "no"], n),
            "TSH": rng.gamma(2, 2, n).round(2).astype(str),
            "T4U": rng.normal(1.0, 0.2, n).round(2),
            "referral_source": "SVHC",
            "class": ["negative"] * n_neg + ["hypothyroid"] * n_pos + [None] * n_unlabelled,
        }
    )
    df.loc[[3, 40], "age"] = np.nan
    df.loc[[5, 7, 9], "TSH"] = "?"
    return df


# --------------------------------------------------------------- course data
def test_clinical_data_counts_ratio_band():
    report = audit(load_clinical_data(), target="diagnosis")
    assert report.class_counts == {0: 950, 1: 50}
    assert report.class_shares == {0: 0.95, 1: 0.05}
    assert report.imbalance_ratio == 19.0
    assert report.imbalance_band == "act"
    assert report.pos_label == 1 and not report.pos_label_given and not report.pos_label_is_majority
    assert report.n_minority == 50 and report.minority_verdict == "small"
    assert report.n_missing_target == 0 and report.missing == {}
    assert report.sampler == "SMOTE" and report.nominal_features == []
    assert report.id_like == [] and report.constant == []
    assert len(report.numeric_features) == 10


def test_clinical_recommendations_follow_the_course_order():
    report = audit(load_clinical_data(), target="diagnosis")
    lessons = [r.lesson for r in report.recommendations]
    topics = [r.topic for r in report.recommendations]
    assert set(lessons) <= LESSONS
    assert topics[0] == "metrics" and lessons[0] == "metrics"
    # a risk model: no correction, a threshold from costs and a calibration check first; then weights; then resampling
    assert topics[1:7] == ["validation", "no correction", "threshold", "calibration", "class weights", "resampling"]
    assert lessons[2:7] == ["when_not_to_resample", "thresholds_and_costs", "calibration", "class_weights", "resampling_in_pipelines"]
    metrics = report.recommendations[0].text
    assert "95.0%" in metrics and "5.0%" in metrics  # dummy accuracy and PR-AUC's no-skill level
    for r in report.recommendations:
        assert isinstance(r, Recommendation) and r.filename == lesson(r.lesson).filename
        assert r.link().startswith("file://") and r.link().endswith("/notebooks/" + r.filename)


def test_subtype_data_three_classes_mixed_features():
    report = audit(load_subtype_data(), target="subtype")
    assert report.class_counts == {"mild_motor": 400, "intermediate": 150, "diffuse_malignant": 50}
    assert list(report.class_counts) == ["mild_motor", "intermediate", "diffuse_malignant"]  # largest first
    assert report.imbalance_ratio == 8.0 and report.imbalance_band == "attention"
    assert report.pos_label is None and report.n_classes == 3
    assert report.minority_class == "diffuse_malignant"
    assert report.sampler == "SMOTENC"
    assert set(report.nominal_features) == set(SUBTYPE_NOMINAL)
    assert set(report.numeric_features) == set(SUBTYPE_BOUNDS)
    resampling = next(r for r in report.recommendations if r.topic == "resampling")
    assert "SMOTENC(categorical_features=[" in resampling.text and "'sex'" in resampling.text
    assert "dict" in resampling.text  # several classes: target counts, not a float ratio
    assert not any(r.lesson == "thresholds_and_costs" for r in report.recommendations)
    assert report.coded == {"hoehn_yahr": [1, 2, 3, 4]}  # a stage coded 1-4: flagged as possible codes


def test_breast_cancer_real_patients():
    frame = load_breast_cancer_imbalanced()
    report = audit(frame, target="diagnosis", pos_label=1)
    assert report.class_counts == {0: 357, 1: 36}
    assert report.imbalance_ratio == pytest.approx(357 / 36)
    assert report.imbalance_band == "attention"
    assert report.pos_label_given and report.pos_label == 1
    assert report.sampler == "SMOTE" and len(report.numeric_features) == 30


# --------------------------------------------------------------- messy data
def test_messy_thyroid_export():
    df = thyroid_frame()
    report = audit(df, target="class", pos_label="hypothyroid")
    assert report.n_rows == 120
    assert report.n_missing_target == 8 and report.n_labelled == 112
    assert report.class_counts == {"negative": 100, "hypothyroid": 12}
    assert report.class_shares["hypothyroid"] == pytest.approx(12 / 112)
    assert report.imbalance_ratio == pytest.approx(100 / 12)
    assert report.pos_label == "hypothyroid"
    assert report.missing == {"age": 2, "TSH": 3}
    assert report.placeholders == {"TSH": ["?"]}
    assert report.numeric_as_text == ["TSH"]
    assert report.numeric_features == ["age", "TSH", "T4U"]
    assert report.nominal_features == ["sex", "on_thyroxine"]
    assert report.id_like == ["patient_id"] and report.constant == ["referral_source"]
    assert report.sampler == "SMOTENC"
    text = str(report)
    assert "8 rows have no target value" in text
    assert "impute" in text and "patient_id" in text and "referral_source" in text


def test_audit_never_modifies_the_callers_frame():
    df = thyroid_frame()
    before = df.copy(deep=True)
    dtypes = df.dtypes.copy()
    audit(df, target="class", pos_label="hypothyroid")
    audit(df, target="class")
    pd.testing.assert_frame_equal(df, before)
    pd.testing.assert_series_equal(df.dtypes, dtypes)


def test_rows_with_missing_target_are_counted_not_dropped():
    df = pd.DataFrame({"x": range(30), "y": [0] * 20 + [1] * 5 + [np.nan] * 5})
    report = audit(df, target="y")
    assert report.n_rows == 30 and report.n_missing_target == 5
    assert sum(report.class_counts.values()) == 25
    assert report.class_counts == {0: 20, 1: 5}  # float labels with NaN read back as whole numbers


def test_three_classes_with_string_labels_and_nominal_only_features():
    df = pd.DataFrame(
        {
            "smoker": ["yes", "no"] * 30,
            "sex": ["M", "F", "F"] * 20,
            "stage": ["I"] * 40 + ["II"] * 14 + ["III"] * 6,
        }
    )
    report = audit(df, target="stage")
    assert report.n_classes == 3 and report.imbalance_ratio == pytest.approx(40 / 6)
    assert report.sampler == "SMOTEN"
    assert report.minority_verdict == "few"  # 6 rows: SMOTE runs, interpolation is not meaningful


@pytest.mark.parametrize(
    "n_pos, verdict, lesson",
    [
        (SMOTE_MIN_ROWS - 1, "too few", "when_not_to_resample"),
        (SMOTE_MIN_ROWS, "few", "when_not_to_resample"),
        (INTERPOLATION_MIN_ROWS - 1, "few", "when_not_to_resample"),
        (INTERPOLATION_MIN_ROWS, "small", "resampling_in_pipelines"),
        (SMALL_SAMPLE_ROWS, "enough", "resampling_in_pipelines"),
    ],
)
def test_minority_size_decides_what_resampling_is_possible(n_pos, verdict, lesson):
    y = [0] * (20 * n_pos) + [1] * n_pos
    df = pd.DataFrame({"x": np.linspace(0, 1, len(y)), "y": y})
    report = audit(df, target="y")
    assert report.n_minority == n_pos and report.minority_verdict == verdict
    resampling = next(r for r in report.recommendations if r.topic == "resampling")
    assert resampling.lesson == lesson
    if verdict == "too few":
        assert "cannot run" in resampling.text and str(SMOTE_MIN_ROWS) in resampling.text


def test_mild_imbalance_recommends_weights_not_resampling():
    df = pd.DataFrame({"x": np.arange(100.0) % 7, "y": [0] * 70 + [1] * 30})
    report = audit(df, target="y")
    assert report.imbalance_band == "mild"
    topics = [r.topic for r in report.recommendations]
    assert "resampling" not in topics
    assert topics.index("no correction") < topics.index("class weights")
    weights = next(r for r in report.recommendations if r.topic == "class weights")
    assert "resampling is unnecessary" in weights.text


def test_id_like_and_constant_detection():
    n = 50
    df = pd.DataFrame(
        {
            "record": np.arange(1000, 1000 + n),      # a counter, by its values
            "MRN": np.arange(n) * 7 + 3,              # an ID, by its name
            "name": [f"patient {i}" for i in range(n)],  # a distinct text in every row
            "glucose": np.arange(n) * 3 + 80,         # distinct whole numbers, but not consecutive: a measurement
            "ward": ["A"] * n,
            "empty": [np.nan] * n,
            "y": [0] * 40 + [1] * 10,
        }
    )
    report = audit(df, target="y")
    assert report.id_like == ["record", "MRN", "name"]
    assert report.constant == ["ward", "empty"]
    assert report.numeric_features == ["glucose"]
    assert report.missing == {"empty": n}


def test_numbers_with_a_few_text_entries_are_flagged():
    tsh = [f"{v:.2f}" for v in np.linspace(0.5, 9, 38)] + ["<0.1", "<0.1"]
    df = pd.DataFrame({"TSH": tsh, "y": [0] * 30 + [1] * 10})
    report = audit(df, target="y")
    assert report.numeric_features == ["TSH"] and report.numeric_as_text == ["TSH"]
    assert report.text_in_numbers == {"TSH": {"entries": 2, "distinct": 1, "limits": 2}}
    assert ("holds text among its numbers: 2 entries (1 distinct), 2 of them written like detection limits"
            in str(report))


def test_free_text_among_numbers_is_counted_never_shown():
    k = [f"{v:.1f}" for v in np.linspace(3.1, 5.5, 36)] + ["haemolysed - Mr Jones", "<2.0", "see note", "1 entry"]
    df = pd.DataFrame({"potassium": k, "y": [0] * 30 + [1] * 10})
    report = audit(df, target="y")
    assert report.text_in_numbers == {"potassium": {"entries": 4, "distinct": 4, "limits": 1}}
    for shown in (str(report), report.to_json(), report.to_markdown(), report.to_html()):
        assert "Jones" not in shown and "haemolysed" not in shown and "see note" not in shown
    assert "potassium holds text among its numbers: 4 entries (4 distinct), 1 of them" in str(report)


def test_target_that_is_an_identifier_is_refused():
    df = pd.DataFrame({"x": range(100), "patient": [f"P{i}" for i in range(100)]})
    with pytest.raises(ValueError, match="100 distinct values in 100 labelled rows"):
        audit(df, target="patient")


def test_placeholder_in_target_counts_as_missing():
    df = pd.DataFrame({"x": range(30), "y": ["neg"] * 20 + ["pos"] * 6 + ["?"] * 4})
    report = audit(df, target="y", pos_label="pos")
    assert report.n_missing_target == 4 and report.class_counts == {"neg": 20, "pos": 6}


def test_labels_differing_only_in_case_or_spaces_are_flagged():
    df = pd.DataFrame({"x": range(40), "y": ["negative"] * 30 + ["Negative "] * 2 + ["hypothyroid"] * 8})
    report = audit(df, target="y", pos_label="hypothyroid")
    assert report.label_variants == [["negative", "Negative "]]
    assert "differ only in case or spaces" in str(report)
    assert "differ only in case or spaces" in report._repr_html_() and "differ only" in report._repr_markdown_()


def test_categorical_target():
    df = pd.DataFrame({"x": range(40), "y": pd.Categorical(["neg"] * 32 + ["pos"] * 8)})
    report = audit(df, target="y")
    assert report.class_counts == {"neg": 32, "pos": 8} and report.imbalance_ratio == 4.0


def test_infinite_feature_values_are_reported():
    df = pd.DataFrame({"x": [1.0, np.inf, 2.0, 3.0] * 5, "y": [0, 0, 0, 1] * 5})
    assert audit(df, target="y").infinite == {"x": 5}
    assert "Infinite values: x 5" in str(audit(df, target="y"))


def test_positive_matched_by_value_or_text():
    df = pd.DataFrame({"x": range(40), "y": [0] * 30 + [1] * 10})
    assert audit(df, "y", pos_label="1").pos_label == 1  # as the command line passes it
    report = audit(df, "y", pos_label=0)
    assert report.pos_label == 0 and report.pos_label_given
    with pytest.raises(ValueError, match=r"pos_label=2 is not a label of 'y'; its labels are \[0, 1\]"):
        audit(df, "y", pos_label=2)


def test_bool_labels():
    df = pd.DataFrame({"x": range(40), "sick": [False] * 32 + [True] * 8})
    report = audit(df, "sick")
    assert report.pos_label is True and report.class_counts == {False: 32, True: 8}


# --------------------------------------------------------------- display
def test_displays_are_consistent_and_escaped(tmp_path, monkeypatch):
    df = thyroid_frame()
    df["class"] = df["class"].replace({"hypothyroid": "<hypo & thyroid>"})
    report = audit(df, target="class")
    html_text = report.to_html()
    assert "&lt;hypo &amp; thyroid&gt;" in html_text and "<hypo" not in html_text
    metrics_file = lesson("metrics").filename
    md = report.to_markdown()
    text = str(report)
    assert text == report.to_text()
    assert "| negative | 100 |" in md
    for r in report.recommendations:
        assert r.filename in text
        assert f"]({r.link()})" in md and f'<a href="{r.link()}">' in html_text
    # in Jupyter the links are relative to the notebook's folder (the kernel's working directory)
    monkeypatch.chdir(ROOT / "notebooks")
    assert f'<a href="{metrics_file}">' in report._repr_html_()
    assert f"]({metrics_file})" in report._repr_markdown_()
    assert f"](../notebooks/{metrics_file})" in report.to_markdown(link_dir=ROOT / "docs")
    assert repr(report).startswith("AuditReport(target='class'")


def test_markdown_links_resolve_from_where_the_report_is_written(tmp_path):
    report = audit(load_clinical_data(), target="diagnosis")
    for folder in (tmp_path, tmp_path / "a" / "b", ROOT / "notebooks", ROOT):
        folder.mkdir(parents=True, exist_ok=True)
        md = report.to_markdown(link_dir=folder)
        targets = re.findall(r"\]\(([^)]+\.ipynb)\)", md)
        assert len(targets) == len(report.recommendations)
        for target, rec in zip(targets, report.recommendations):
            assert not target.startswith("/")
            assert (folder / target).resolve() == (ROOT / "notebooks" / rec.filename).resolve()
    uris = re.findall(r"\]\((file://[^)]+)\)", report.to_markdown())
    assert len(uris) == len(report.recommendations)
    for uri, rec in zip(uris, report.recommendations):
        assert Path(urllib.parse.unquote(urllib.parse.urlparse(uri).path)) == (ROOT / "notebooks" / rec.filename).resolve()


def test_to_dict_holds_the_facts():
    facts = audit(load_clinical_data(), target="diagnosis").to_dict()
    assert facts["imbalance_ratio"] == 19.0 and facts["imbalance_band"] == "act"
    assert facts["n_classes"] == 2 and facts["class_counts"] == {0: 950, 1: 50}
    assert facts["pos_label"] == 1 and facts["label_type"] == "int"
    assert facts["recommendations"][0]["lesson"] == "metrics"
    assert facts["recommendations"][0]["file"] == lesson("metrics").filename
    assert isinstance(audit(load_clinical_data(), "diagnosis"), AuditReport)


def test_json_labels_are_all_text():
    facts = json.loads(audit(load_clinical_data(), target="diagnosis").to_json())
    assert facts["class_counts"] == {"0": 950, "1": 50}
    assert facts["pos_label"] == "1" and facts["minority_class"] == "1"  # the same type as the keys
    assert facts["pos_label"] in facts["class_counts"] and facts["label_type"] == "int"
    assert facts["sample"]["sensitivity_interval"]["trials"] == 10


def test_package_level_function():
    assert inspect.isfunction(imbalance_lab.audit)
    assert imbalance_lab.audit is audit and imbalance_lab.audit.__module__ == "imbalance_lab.auditing"
    assert "pos_label" in inspect.signature(imbalance_lab.audit).parameters
    report = imbalance_lab.audit(load_clinical_data(), target="diagnosis")
    assert report.imbalance_ratio == 19.0


# --------------------------------------------------------------- bad input
def test_bad_inputs():
    df = pd.DataFrame({"x": [1, 2, 3], "y": [0, 0, 1]})
    with pytest.raises(TypeError, match="pandas DataFrame"):
        audit(df.to_numpy(), target="y")
    with pytest.raises(KeyError, match=r"no target column 'z'; the columns are \['x', 'y'\]"):
        audit(df, target="z")
    with pytest.raises(ValueError, match="no rows"):
        audit(df.iloc[:0], target="y")
    with pytest.raises(ValueError, match="single class"):
        audit(df.assign(y=1), target="y")
    with pytest.raises(ValueError, match="missing in all 3 rows"):
        audit(df.assign(y=np.nan), target="y")
    with pytest.raises(ValueError, match="continuous measurement"):
        audit(df.assign(y=[0.5, 1.2, 3.3]), target="y")
    with pytest.raises(TypeError, match="name of the label column"):
        audit(df, target=None)


# --------------------------------------------------------------- properties


@st.composite
def labelled_frames(draw):
    n = draw(st.integers(min_value=2, max_value=60))
    pool = draw(st.sampled_from([["negative", "hypothyroid"], [0, 1], ["a", "b", "c"], [1.0, 2.0]]))
    labels = draw(st.lists(st.sampled_from([*pool, None]), min_size=n, max_size=n))
    present = [v for v in labels if v is not None]
    if len(set(present)) < 2:
        labels[:2] = pool[:2]
    frame = pd.DataFrame(
        {
            "num": draw(st.lists(st.one_of(st.floats(-1e3, 1e3), st.just(float("nan"))), min_size=n, max_size=n)),
            "flag": draw(st.lists(st.sampled_from(["yes", "no", "?", None]), min_size=n, max_size=n)),
            "label": labels,
        }
    )
    return frame


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=labelled_frames())
def test_every_row_is_accounted_for_and_the_frame_is_untouched(frame):
    before = frame.copy(deep=True)
    report = audit(frame, target="label")
    pd.testing.assert_frame_equal(frame, before)
    assert sum(report.class_counts.values()) + report.n_missing_target == report.n_rows == len(frame)
    assert report.n_missing_target == int(frame["label"].isna().sum())
    assert report.imbalance_ratio == max(report.class_counts.values()) / min(report.class_counts.values())
    assert sum(report.class_shares.values()) == pytest.approx(1.0)
    assert report.missing.get("num", 0) == int(frame["num"].isna().sum())
    assert report.missing.get("flag", 0) == int(frame["flag"].isna().sum() + (frame["flag"] == "?").sum())
