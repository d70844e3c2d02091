"""Tests of imbalance_lab.resampling: the clinical-bounds sampler and the impossible-value counts."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import ADASYN, SMOTE, SMOTENC, SVMSMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import StandardScaler

from imbalance_lab.datasets import CLINICAL_BOUNDS, SUBTYPE_BOUNDS, SUBTYPE_NOMINAL, load_clinical_data, load_subtype_data
from imbalance_lab.resampling import ClinicalBoundsSampler, count_out_of_bounds, out_of_bounds_mask


@pytest.fixture(scope="module")
def clinical():
    df = load_clinical_data()
    return df.drop(columns="diagnosis"), df["diagnosis"]


def _at_precision(values, decimals):
    return np.all(np.abs(np.round(values, decimals) - values) <= 1e-9 * np.maximum(1, np.abs(values)))


def _assert_repaired(X_res, n, bounds):
    synthetic = X_res.iloc[n:]
    for column, bound in bounds.items():
        values = synthetic[column].to_numpy(dtype=float)
        assert values.min() >= bound.low and values.max() <= bound.high, column
        assert _at_precision(values, bound.decimals), column


# --------------------------------------------------------------------------
# the real cohort, each kind of over-sampler
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sampler",
    [
        SMOTE(random_state=0),
        BorderlineSMOTE(random_state=0),
        SVMSMOTE(random_state=0),
        ADASYN(random_state=0),
        RandomOverSampler(random_state=0),
        RandomOverSampler(shrinkage=1.5, random_state=0),
    ],
    ids=lambda s: type(s).__name__ + ("_shrinkage" if getattr(s, "shrinkage", None) else ""),
)
def test_originals_untouched_and_synthetic_rows_possible(clinical, sampler):
    X, y = clinical
    X_before = X.copy()
    cb = ClinicalBoundsSampler(sampler)
    X_res, y_res = cb.fit_resample(X, y)
    n = len(X)
    assert X_res.iloc[:n].equals(X)  # values, dtypes, order
    assert X.equals(X_before)  # the input itself is not modified
    assert (y_res.iloc[:n].to_numpy() == y.to_numpy()).all()
    assert (X_res.dtypes == X.dtypes).all()
    assert cb.n_original_ == n and cb.n_synthetic_ == len(X_res) - n > 0
    _assert_repaired(X_res, n, CLINICAL_BOUNDS)
    assert set(X_res["male"].iloc[n:]) <= {0, 1} and set(X_res["smoker"].iloc[n:]) <= {0, 1}
    assert count_out_of_bounds(X_res)["impossible"].sum() == 0


def test_noisy_sampler_makes_out_of_range_values_that_get_repaired(clinical):
    X, y = clinical
    raw, _ = RandomOverSampler(shrinkage=1.5, random_state=0).fit_resample(X.astype(float), y)
    counts = count_out_of_bounds(raw.iloc[len(X):])
    assert counts["below_low"].sum() + counts["above_high"].sum() > 0
    cb = ClinicalBoundsSampler(RandomOverSampler(shrinkage=1.5, random_state=0))
    cb.fit_resample(X, y)
    assert (cb.repairs_["raised_to_low"] + cb.repairs_["lowered_to_high"]).sum() > 0
    assert cb.n_repaired_ <= cb.n_synthetic_


def test_repairs_count_what_changed(clinical):
    X, y = clinical
    cb = ClinicalBoundsSampler(SMOTE(random_state=0))
    X_res, _ = cb.fit_resample(X, y)
    raw, _ = SMOTE(random_state=0).fit_resample(X.astype(float), y)
    synthetic_raw = raw.iloc[len(X):].reset_index(drop=True)
    synthetic = X_res.iloc[len(X):].reset_index(drop=True)
    changed = (synthetic_raw != synthetic.astype(float)).sum()
    assert (cb.repairs_["repaired"] == changed[cb.repairs_.index]).all()
    assert cb.n_repaired_ == int((synthetic_raw != synthetic.astype(float)).any(axis=1).sum())
    # SMOTE interpolates between real patients: it never leaves the observed range
    assert cb.repairs_[["raised_to_low", "lowered_to_high"]].to_numpy().sum() == 0
    assert cb.repairs_.loc["age", "rounded"] > 0


def test_rounds_to_nearest_where_imblearn_alone_truncates(clinical):
    X, y = clinical
    truncated, _ = SMOTE(random_state=0).fit_resample(X, y)  # int64 columns cast back by truncation
    raw, _ = SMOTE(random_state=0).fit_resample(X.astype(float), y)
    repaired, _ = ClinicalBoundsSampler(SMOTE(random_state=0)).fit_resample(X, y)
    n = len(X)
    assert (repaired["age"].iloc[n:].to_numpy() == np.round(raw["age"].iloc[n:].to_numpy())).all()
    assert (truncated["age"].iloc[n:].to_numpy() == np.trunc(raw["age"].iloc[n:].to_numpy())).all()


def test_inside_imblearn_pipeline(clinical):
    X, y = clinical
    pipe = make_pipeline(ClinicalBoundsSampler(SMOTE(random_state=0)), StandardScaler(), LogisticRegression())
    pipe.fit(X, y)
    step = pipe.steps[0][1]
    assert step.n_synthetic_ == 900 and step.sampler_ is not pipe.steps[0][1].sampler
    scores = cross_val_score(pipe, X, y, cv=3, scoring="roc_auc")
    assert scores.shape == (3,) and np.all(scores > 0.6)


def test_standardize_equals_scaling_by_hand(clinical):
    """standardize=True: SMOTE's neighbours on z-scores, the output back in clinical units."""
    X, y = clinical
    cb = ClinicalBoundsSampler(SMOTE(random_state=0), standardize=True)
    X_res, _ = cb.fit_resample(X, y)
    assert X_res.iloc[: len(X)].equals(X) and (X_res.dtypes == X.dtypes).all()
    scaler = StandardScaler().fit(X)
    Z_res, _ = SMOTE(random_state=0).fit_resample(scaler.transform(X), y)
    by_hand = scaler.inverse_transform(Z_res[len(X):])
    assert np.allclose(X_res.iloc[len(X):].to_numpy(dtype=float), by_hand, atol=0.5)  # up to the rounding
    assert np.array_equal(X_res["age"].iloc[len(X):].to_numpy(), np.round(by_hand[:, 0]).astype(int))
    unscaled, _ = ClinicalBoundsSampler(SMOTE(random_state=0)).fit_resample(X, y)
    assert not unscaled.iloc[len(X):].equals(X_res.iloc[len(X):])  # other neighbours chosen
    _assert_repaired(X_res, len(X), CLINICAL_BOUNDS)


def test_standardize_must_be_a_bool(clinical):
    X, y = clinical
    with pytest.raises(TypeError, match="'standardize' parameter of ClinicalBoundsSampler must be an instance of 'bool'"):
        ClinicalBoundsSampler(SMOTE(), standardize="yes").fit_resample(X, y)


def test_clone_of_the_default_bounds():
    cb = ClinicalBoundsSampler(SMOTE(k_neighbors=3), standardize=True)
    copy = clone(cb)
    assert copy.bounds is None and copy.sampler.k_neighbors == 3 and copy.sampler is not cb.sampler
    assert copy.standardize is True
    assert "__sklearn_clone__" not in vars(ClinicalBoundsSampler)  # no workaround: plain parameters clone


def test_sampling_strategy_one_third(clinical):
    X, y = clinical
    cb = ClinicalBoundsSampler(SMOTE(sampling_strategy=1 / 3, random_state=0))
    _, y_res = cb.fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 950, 1: 316}
    assert cb.sampling_strategy_ == {1: 266}


def test_smotenc_on_subtypes_keeps_categories():
    df = load_subtype_data()
    X, y = df.drop(columns="subtype"), df["subtype"]
    cb = ClinicalBoundsSampler(
        SMOTENC(categorical_features=list(SUBTYPE_NOMINAL), random_state=0), bounds=SUBTYPE_BOUNDS, standardize=True
    )
    X_res, y_res = cb.fit_resample(X, y)
    assert X_res.iloc[: len(X)].equals(X)
    assert y_res.value_counts().to_dict() == {"mild_motor": 400, "intermediate": 400, "diffuse_malignant": 400}
    _assert_repaired(X_res, len(X), SUBTYPE_BOUNDS)
    for column in SUBTYPE_NOMINAL:
        assert set(X_res[column]) == set(X[column])


def test_numpy_array_with_positional_bounds(clinical):
    X, y = clinical
    arr = X.to_numpy(dtype=float)
    bounds = {i: CLINICAL_BOUNDS[c] for i, c in enumerate(X.columns)}
    X_res, y_res = ClinicalBoundsSampler(SMOTE(random_state=0), bounds=bounds).fit_resample(arr, y.to_numpy())
    assert isinstance(X_res, np.ndarray) and X_res.shape == (1900, 10)
    assert np.array_equal(X_res[:1000], arr)
    assert set(np.unique(X_res[1000:, 1])) <= {0.0, 1.0}
    assert count_out_of_bounds(X_res, bounds)["impossible"].sum() == 0


# --------------------------------------------------------------------------
# property tests
# --------------------------------------------------------------------------

BOUNDS = {"age": (18, 95, 0), "flag": (0, 1, 0), "lab": (0.3, 10.0, 2)}


@st.composite
def cohorts(draw):
    n_major = draw(st.integers(16, 40))
    n_minor = draw(st.integers(6, 11))
    n = n_major + n_minor
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "age": rng.integers(18, 96, n),
            "flag": rng.integers(0, 2, n),
            "lab": np.round(rng.uniform(0.3, 10.0, n), 2),
            "free": rng.normal(0, 1, n),  # no bound: left as the sampler returns it
        }
    )
    y = pd.Series(np.r_[np.zeros(n_major, int), np.ones(n_minor, int)][rng.permutation(n)], name="y")
    return X, y, seed


@st.composite
def samplers(draw):
    seed = draw(st.integers(0, 1000))
    kind = draw(st.sampled_from(["smote", "borderline", "ros_noise", "ratio"]))
    if kind == "smote":
        return SMOTE(k_neighbors=draw(st.integers(1, 5)), random_state=seed)
    if kind == "borderline":
        return BorderlineSMOTE(k_neighbors=3, random_state=seed)
    if kind == "ros_noise":
        return RandomOverSampler(shrinkage=draw(st.floats(0.5, 5.0)), random_state=seed)
    return SMOTE(sampling_strategy=draw(st.floats(0.95, 1.0)), random_state=seed)  # at least the current ratio


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=cohorts(), sampler=samplers(), standardize=st.booleans())
def test_property_originals_kept_synthetic_possible(data, sampler, standardize):
    X, y, _ = data
    X_res, y_res = ClinicalBoundsSampler(sampler, bounds=BOUNDS, standardize=standardize).fit_resample(X, y)
    n = len(X)
    assert X_res.iloc[:n].equals(X)
    assert np.array_equal(y_res.iloc[:n].to_numpy(), y.to_numpy())
    synthetic = X_res.iloc[n:]
    assert len(synthetic) == len(X_res) - n
    assert synthetic["age"].between(18, 95).all() and synthetic["age"].dtype == np.int64
    assert set(synthetic["flag"]) <= {0, 1}
    lab = synthetic["lab"].to_numpy()
    assert lab.min(initial=0.3) >= 0.3 and lab.max(initial=10.0) <= 10.0 and _at_precision(lab, 2)
    assert not out_of_bounds_mask(X_res, BOUNDS).to_numpy().any()


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.floats(-50, 150, allow_nan=False), min_size=1, max_size=30),
    low=st.integers(-10, 40),
    width=st.integers(0, 60),
    decimals=st.integers(0, 2),
)
def test_property_counts_agree_with_mask(values, low, width, decimals):
    X = pd.DataFrame({"v": values})
    bounds = {"v": (low, low + width, decimals)}
    counts = count_out_of_bounds(X, bounds).loc["v"]
    mask = out_of_bounds_mask(X, bounds)["v"]
    arr = np.asarray(values)
    assert counts["below_low"] == int((arr < low).sum())
    assert counts["above_high"] == int((arr > low + width).sum())
    assert counts["impossible"] == int(mask.sum())


# --------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------


def test_unknown_column_lists_the_columns(clinical):
    X, y = clinical
    with pytest.raises(ValueError, match=r"\['glucos'\].*X's columns are \['age', 'male'"):
        ClinicalBoundsSampler(SMOTE(), bounds={"glucos": (50, 400, 0)}).fit_resample(X, y)


def test_minimum_above_maximum(clinical):
    X, y = clinical
    with pytest.raises(ValueError, match="minimum 95 is above the maximum 18"):
        ClinicalBoundsSampler(SMOTE(), bounds={"age": (95, 18, 0)}).fit_resample(X, y)
    with pytest.raises(ValueError, match="minimum 2 is above the maximum 1"):
        count_out_of_bounds(X, {"age": {"low": 2, "high": 1}})


@pytest.mark.parametrize(
    "bounds, exc, match",
    [
        ({"age": (18, 95, -1)}, ValueError, "decimals must be a whole number"),
        ({"age": (18, 95, 1.5)}, ValueError, "decimals must be a whole number"),
        ({"age": (18, float("nan"), 0)}, ValueError, "finite number"),
        ({"age": "18-95"}, TypeError, r"\(low, high\)"),
        ({"age": {"min": 18}}, ValueError, "unknown key"),
        ({"age": (18.2, 18.8, 0)}, ValueError, "no value with 0 decimal"),
        ({}, ValueError, "bounds is empty"),
        ([("age", (18, 95))], TypeError, r"'bounds' parameter .* must be an instance of 'collections.abc.Mapping'"),
    ],
)
def test_bad_bounds(clinical, bounds, exc, match):
    X, y = clinical
    with pytest.raises(exc, match=match):
        ClinicalBoundsSampler(SMOTE(), bounds=bounds).fit_resample(X, y)


def test_numpy_needs_positions(clinical):
    X, y = clinical
    with pytest.raises(ValueError, match="column position"):
        ClinicalBoundsSampler(SMOTE(), bounds={"age": (18, 95, 0)}).fit_resample(X.to_numpy(), y)
    with pytest.raises(ValueError, match="X has 10 columns"):
        ClinicalBoundsSampler(SMOTE(), bounds={12: (18, 95, 0)}).fit_resample(X.to_numpy(), y)


def test_bounds_on_a_nominal_column():
    df = load_subtype_data()
    X, y = df.drop(columns="subtype"), df["subtype"]
    with pytest.raises(TypeError, match="numeric columns only"):
        ClinicalBoundsSampler(SMOTENC(categorical_features=["sex"]), bounds={"sex": (0, 1, 0)}).fit_resample(X, y)


def test_too_few_minority_rows_in_plain_words(clinical):
    X, y = clinical
    small = pd.concat([X[y == 0].iloc[:60], X[y == 1].iloc[:4]], ignore_index=True)
    y_small = pd.Series([0] * 60 + [1] * 4)
    with pytest.raises(
        ValueError,
        match=r"SMOTE needs at least 6 minority rows with k_neighbors=5; this training split has 4 "
        r"\(class 1\)\. Use RandomOverSampler or lower k_neighbors \(e\.g\. k_neighbors=3\)",
    ):
        ClinicalBoundsSampler(SMOTE()).fit_resample(small, y_small)
    with pytest.raises(ValueError, match="ADASYN needs at least 6 minority rows with n_neighbors=5"):
        ClinicalBoundsSampler(ADASYN()).fit_resample(small, y_small)
    # the alternatives named in the message do work
    _, y_res = ClinicalBoundsSampler(SMOTE(k_neighbors=3)).fit_resample(small, y_small)
    assert y_res.value_counts().to_dict() == {0: 60, 1: 60}
    ClinicalBoundsSampler(RandomOverSampler(random_state=0)).fit_resample(small, y_small)


@pytest.mark.parametrize("sampler", [SMOTEENN(), SMOTETomek(), RandomUnderSampler()], ids=lambda s: type(s).__name__)
def test_refuses_samplers_that_remove_rows(clinical, sampler):
    X, y = clinical
    with pytest.raises(ValueError, match="cannot be told apart from the originals"):
        ClinicalBoundsSampler(sampler).fit_resample(X, y)


def test_refuses_a_sampler_that_alters_originals(clinical):
    from imblearn import FunctionSampler

    class Shuffling(RandomOverSampler):
        def _fit_resample(self, X, y):
            X_res, y_res = super()._fit_resample(X, y)
            return X_res[::-1], y_res[::-1]

    X, y = clinical
    with pytest.raises(ValueError, match="did not return the 1000 original rows first and unchanged"):
        ClinicalBoundsSampler(Shuffling(random_state=0)).fit_resample(X, y)
    with pytest.raises(ValueError, match="not an over-sampler"):
        ClinicalBoundsSampler(FunctionSampler()).fit_resample(X, y)


def test_not_a_sampler(clinical):
    X, y = clinical
    with pytest.raises(TypeError, match="'sampler' parameter .* must be an object implementing 'fit_resample'"):
        ClinicalBoundsSampler(LogisticRegression()).fit_resample(X, y)


def test_length_mismatch(clinical):
    X, y = clinical
    with pytest.raises(ValueError, match="X has 1000 rows but y has 999"):
        ClinicalBoundsSampler(SMOTE()).fit_resample(X, y.iloc[:-1])


def test_count_out_of_bounds_table():
    X = pd.DataFrame({"age": [40, 51.5, 17, 101], "male": [1, 0.37, 0, 1]})
    table = count_out_of_bounds(X, {"age": CLINICAL_BOUNDS["age"], "male": CLINICAL_BOUNDS["male"]})
    assert table.loc["age", ["below_low", "above_high", "not_rounded", "impossible"]].tolist() == [1, 1, 1, 3]
    assert table.loc["male", "impossible"] == 1
    assert count_out_of_bounds(load_clinical_data().drop(columns="diagnosis"))["impossible"].sum() == 0
