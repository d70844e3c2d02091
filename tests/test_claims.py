"""The course's headline claims, checked on every data set against the claims table.

The table (:data:`imbalance_lab.claims.CLAIMS`) fixes, for every measure and
data set, the result expected; this module runs every check once (repeated
stratified cross-validation, out-of-fold predictions), asserts each expectation,
and checks that the committed ``data/claims_results.csv`` -- which the lessons
read -- equals the fresh results.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from imbalance_lab import claims as cl
from imbalance_lab.datasets import DATA_DIR
from imbalance_lab.lessons import lesson

REPEATS = 2  # as tools/write_claims.py writes the committed file

REQUIRED = {  # the claims issue 14 asks for, by key
    "dummy_accuracy",
    "resampling_before_split",
    "rebalancing",
    "threshold_instead",
    "prior_correction",
    "pr_auc_no_skill",
    "prevalence_dependence",
    "brier",
}


@pytest.fixture(scope="module")
def fresh() -> pd.DataFrame:
    return cl.run_claims(repeats=REPEATS)


# ------------------------------------------------------------------ the table


def test_the_table_holds_every_required_claim_once():
    keys = [c.key for c in cl.CLAIMS]
    assert len(keys) == len(set(keys))
    assert REQUIRED <= set(keys), f"missing claims {REQUIRED - set(keys)}"


@pytest.mark.parametrize("row", cl.CLAIMS, ids=lambda c: c.key)
def test_each_row_names_a_lesson_a_check_and_an_expectation_per_data_set(row):
    assert lesson(row.lesson).slug == row.lesson, "lesson slugs come from imbalance_lab.lessons"
    assert row.statement.strip() and row.note.strip()
    assert callable(getattr(cl, row.check))
    assert row.expected, "a claim needs at least one measure"
    asserted = 0
    for measure, by_dataset in row.expected.items():
        assert set(by_dataset) == set(cl.DATASETS), (measure, sorted(by_dataset))
        for expect in by_dataset.values():
            assert isinstance(expect, cl.Expect)
            asserted += expect.asserted
    assert asserted >= len(cl.DATASETS), f"{row.key} asserts nothing on some data set"


def test_the_table_is_frozen_data():
    row = cl.claim("rebalancing")
    with pytest.raises(TypeError):
        row.expected["risk_ratio_smote"]["clinical"] = cl.Expect.at_least(0)
    with pytest.raises(AttributeError):
        row.statement = "anything"


def test_expect_bounds_and_text():
    assert cl.Expect.about(1, 0.25).holds(1.25) and not cl.Expect.about(1, 0.25).holds(1.2501)
    assert cl.Expect.at_least(3).holds(3) and not cl.Expect.at_least(3).holds(2.99)
    assert cl.Expect.at_most(1).holds(-5) and not cl.Expect.at_most(1).holds(1.01)
    assert not cl.Expect.recorded().asserted and cl.Expect.recorded().holds(1e9)
    assert str(cl.Expect.about(0, 0.02)) == "0 ± 0.02" and str(cl.Expect.at_least(1.3)) == "≥ 1.3"
    with pytest.raises(ValueError, match="low <= high"):
        cl.Expect(2, 1)


# ------------------------------------------------------------------ the checks


def _rows(frame, key):
    return frame[frame["claim"] == key]


@pytest.mark.parametrize("key", [c.key for c in cl.CLAIMS])
def test_claim_holds_on_every_data_set(fresh, key):
    rows = _rows(fresh, key)
    assert set(rows["dataset"]) == set(cl.DATASETS)
    row = cl.claim(key)
    assert set(rows["measure"]) == set(row.expected)
    failed = []
    for r in rows.itertuples():
        expect = row.expected[r.measure][r.dataset]
        assert r.holds == expect.holds(r.value) and r.expected == str(expect)
        if expect.asserted and not expect.holds(r.value):
            failed.append(f"{r.dataset}: {r.measure} = {r.value:.4g}, expected {expect}")
    assert not failed, f"'{row.statement}' does not hold as the table expects:\n" + "\n".join(failed)


def test_spread_comes_from_repeated_cross_validation(fresh):
    assert (fresh["repeats"] == REPEATS).all()
    assert (fresh["low"] <= fresh["value"] + 1e-12).all() and (fresh["value"] <= fresh["high"] + 1e-12).all()
    # the repeats reshuffle the folds, so model-based measures vary between them
    risk = fresh[(fresh["claim"] == "rebalancing") & fresh["measure"].str.startswith("auc_change")]
    assert (risk["high"] > risk["low"]).any()


def test_prevalences_are_those_of_the_data(fresh):
    prevalence = fresh.groupby("dataset")["prevalence"].agg(["min", "max"])
    expected = {"clinical": 50 / 1000, "breast_cancer": 36 / 393, "actg320": 96 / 1151, "flchain": 2169 / 7874}
    for name, value in expected.items():
        assert prevalence.loc[name, "min"] == pytest.approx(value) == prevalence.loc[name, "max"]


def test_dummy_check_is_not_a_tautology():
    """The dummy's accuracy is measured from its out-of-fold labels: a model with skill moves it."""
    run = cl._Run("clinical", 1)
    p = run.proba("plain")[0]
    from sklearn.metrics import accuracy_score

    assert accuracy_score(run.y, (p >= 0.5).astype(int)) - 0.95 != pytest.approx(0, abs=1e-9)
    assert cl.check_dummy_accuracy(run)["accuracy_minus_majority_share"][0] == pytest.approx(0, abs=1e-12)


def test_prior_correction_check_uses_the_inverse_of_the_rebalancing(fresh):
    """Independent re-derivation on one data set: shift the log-odds by logit(prevalence)."""
    run = cl._Run("actg320", 1)
    q = run.proba("balanced")[0]
    pi = run.prevalence
    logit = np.log(q / (1 - q)) + np.log(pi / (1 - pi))
    manual = (1 / (1 + np.exp(-logit))).mean() / pi
    assert cl.check_prior_correction(run)["corrected_risk_ratio_balanced"][0] == pytest.approx(manual, rel=1e-9)


# ------------------------------------------------------------------ the committed results


def test_committed_results_equal_a_fresh_run(fresh):
    committed = cl.claims_results()
    assert list(committed.columns) == list(fresh.columns)
    key = ["claim", "dataset", "measure"]
    assert committed[key].equals(fresh[key]), (
        "data/claims_results.csv lists other rows than the checks give: run tools/write_claims.py"
    )
    for column in ("value", "low", "high", "prevalence"):
        np.testing.assert_allclose(committed[column], fresh[column], rtol=1e-6, atol=1e-9, err_msg=column)
    for column in ("lesson", "expected", "asserted", "holds", "repeats"):
        assert committed[column].tolist() == fresh[column].tolist(), column


def test_claims_results_filters_and_types():
    frame = cl.claims_results("rebalancing", dataset=["actg320", "flchain"])
    assert set(frame["claim"]) == {"rebalancing"} and set(frame["dataset"]) == {"actg320", "flchain"}
    assert frame["holds"].dtype == bool and frame["value"].dtype == np.float64
    with pytest.raises(ValueError, match=r"unknown claim\(s\) \['nope'\]; choose from \['dummy_accuracy'"):
        cl.claims_results("nope")
    with pytest.raises(ValueError, match=r"unknown data set\(s\) \['pima'\]"):
        cl.claims_results(dataset="pima")
    with pytest.raises(KeyError, match=r"no claim 'nope'; the claims are"):
        cl.claim("nope")


def test_claims_results_rejects_a_damaged_file(tmp_path):
    text = (DATA_DIR / cl.RESULTS_FILE).read_text().splitlines()
    text[3] = text[3].replace(",True,", ",maybe,", 1)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(ValueError, match=r"must hold True or False; got 'maybe'"):
        cl.claims_results(path=path)


def test_range_table_for_a_lesson():
    table = cl.claims_range_table("rebalancing", decimals=1)
    assert list(table.columns) == list(cl.DATASETS)
    assert "risk_ratio_smote" in table.index and "auc_change_rus" in table.index
    results = cl.claims_results("rebalancing", dataset="actg320").set_index("measure")
    r = results.loc["risk_ratio_smote"]
    assert table.loc["risk_ratio_smote", "actg320"] == f"{r.value:.1f} [{r.low:.1f}, {r.high:.1f}]"
    with pytest.raises(ValueError, match="decimals"):
        cl.claims_range_table("rebalancing", decimals=-1)


def test_run_claims_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"unknown data set\(s\) \['pima'\]"):
        cl.run_claims(datasets=["pima"])
    with pytest.raises(ValueError, match="repeats"):
        cl.run_claims(repeats=0)
