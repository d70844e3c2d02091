"""ClinicalBoundsSampler as an imbalanced-learn sampler: the library's own checks, round trips, conventions."""
import copy
import io
import pickle

import joblib
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from imblearn.over_sampling import SMOTE, SMOTENC, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.utils.estimator_checks import parametrize_with_checks
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks as sklearn_checks

from imbalance_lab.datasets import CLINICAL_BOUNDS, SUBTYPE_NOMINAL, load_clinical_data, load_subtype_data
from imbalance_lab.resampling import ClinicalBoundsSampler

# The checks draw numpy arrays of any width, so the bounds are keyed by position; one of them is one-sided.
WITH_SMOTE = ClinicalBoundsSampler(SMOTE(random_state=0), bounds={0: (None, 1e6)})
WITH_ROS = ClinicalBoundsSampler(RandomOverSampler(random_state=0), bounds={0: (-1e6, None, 3)})
SPARSE = (
    "ClinicalBoundsSampler refuses sparse input and says so (its 'sparse' tag is False); imbalanced-learn "
    "runs this check on every sampler that accepts DataFrames, whatever that tag says"
)


def _as_list(mark):
    """imbalanced-learn's decorator hands pytest a generator, which pytest 9 deprecates: list it."""
    names, values = mark.args
    return pytest.mark.parametrize(names, list(values), **mark.kwargs)


@_as_list(parametrize_with_checks(
    [WITH_SMOTE, WITH_ROS],
    expected_failed_checks=lambda est: {
        "check_samplers_pandas_sparse": SPARSE,
        **(
            {
                "check_samplers_string": (
                    "with RandomOverSampler the sampler takes text columns (its 'string' tag follows the wrapped "
                    "sampler), but this check's X has one column, of text, and a bound on a text column is "
                    "refused with a TypeError: bounds are for numeric columns"
                )
            }
            if isinstance(est.sampler, RandomOverSampler)
            else {}
        ),
    },
))
def test_imbalanced_learn_estimator_checks(estimator, check):
    check(estimator)


@sklearn_checks([WITH_SMOTE])
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def clinical():
    df = load_clinical_data()
    return df.drop(columns="diagnosis"), df["diagnosis"]


def test_fitted_pipeline_with_default_bounds_survives_pickle_joblib_deepcopy_and_clone(clinical):
    X, y = clinical
    pipe = make_pipeline(ClinicalBoundsSampler(SMOTE(random_state=0)), StandardScaler(), LogisticRegression())
    pipe.fit(X, y)
    sampler = pipe.steps[0][1]
    assert sampler.bounds is None and type(sampler.bounds_) is dict
    assert {name for name, *_ in sampler.bounds_.values()} == set(CLINICAL_BOUNDS)
    expected = pipe.predict_proba(X)
    buffer = io.BytesIO()
    joblib.dump(pipe, buffer)
    buffer.seek(0)
    copies = [pickle.loads(pickle.dumps(pipe)), joblib.load(buffer), copy.deepcopy(pipe)]
    for other in copies:
        np.testing.assert_array_equal(other.predict_proba(X), expected)
        assert other.steps[0][1].repairs_.equals(sampler.repairs_)
    refit = clone(pipe).fit(X, y)
    np.testing.assert_array_equal(refit.predict_proba(X), expected)


def test_one_sided_bounds(clinical):
    X, y = clinical
    noisy = RandomOverSampler(shrinkage=3.0, random_state=0)
    raw, _ = clone(noisy).fit_resample(X.astype(float), y)
    raw = raw.iloc[len(X):]
    X_res, _ = ClinicalBoundsSampler(noisy, bounds={"creatinine": (0.3, None, 2), "age": (None, 60)}).fit_resample(X, y)
    synthetic = X_res.iloc[len(X):]
    np.testing.assert_allclose(synthetic["creatinine"], np.maximum(np.round(raw["creatinine"], 2), 0.3))
    np.testing.assert_array_equal(synthetic["age"], np.minimum(np.round(raw["age"]), 60))  # an integer column
    assert (raw["creatinine"] < 0.3).any() and (raw["age"] > 60).any()  # both limits were needed
    cb = ClinicalBoundsSampler(noisy, bounds={"creatinine": (0.3, None, 2), "age": (None, 60)}).fit(X, y)
    assert cb.n_features_in_ == X.shape[1]


def test_positions_name_dataframe_columns_as_in_smotenc(clinical):
    X, y = clinical
    by_name, _ = ClinicalBoundsSampler(SMOTE(random_state=0), bounds={"age": (18, 95, 0)}).fit_resample(X, y)
    by_position, _ = ClinicalBoundsSampler(SMOTE(random_state=0), bounds={0: (18, 95, 0)}).fit_resample(X, y)
    pd.testing.assert_frame_equal(by_name, by_position)
    with pytest.raises(ValueError, match=r"\[10\]"):
        ClinicalBoundsSampler(SMOTE(), bounds={10: (0, 1)}).fit_resample(X, y)


def test_input_type_round_trips_as_in_imbalanced_learn(clinical):
    X, y = clinical
    bounds = {i: CLINICAL_BOUNDS[c] for i, c in enumerate(X.columns)}
    cb = ClinicalBoundsSampler(SMOTE(random_state=0), bounds=bounds)
    X_list, y_list = cb.fit_resample(X.to_numpy(dtype=float).tolist(), y.tolist())
    assert isinstance(X_list, list) and isinstance(y_list, list) and len(X_list) == len(y_list) == 1900
    one_hot = pd.get_dummies(y).to_numpy(dtype=int)
    _, y_res = cb.fit_resample(X.to_numpy(dtype=float), one_hot)
    _, y_smote = SMOTE(random_state=0).fit_resample(X.to_numpy(dtype=float), one_hot)
    np.testing.assert_array_equal(y_res, y_smote)  # binarised back exactly as imbalanced-learn does
    X_df, y_s = ClinicalBoundsSampler(SMOTE(random_state=0)).fit_resample(X, y.rename("outcome"))
    assert list(X_df.columns) == list(X.columns) and (X_df.dtypes == X.dtypes).all() and y_s.name == "outcome"


def test_text_column_points_to_smotenc_or_one_hot():
    df = load_subtype_data()
    X, y = df.drop(columns="subtype"), df["subtype"]
    text = list(SUBTYPE_NOMINAL)
    numeric = {c: (None, None) for c in X.columns if c not in text}
    for data in (X, X.to_numpy()):
        bounds = numeric if data is X else {X.columns.get_loc(c): b for c, b in numeric.items()}
        with pytest.raises(ValueError, match="hold text.*SMOTENC.*SMOTEN.*one-hot"):
            ClinicalBoundsSampler(SMOTE(random_state=0), bounds=bounds).fit_resample(data, y)
    X_res, _ = ClinicalBoundsSampler(SMOTENC(categorical_features=text, random_state=0),
                                     bounds=numeric).fit_resample(X, y)
    assert set(X_res[text[0]]) == set(X[text[0]])


def test_sparse_input_is_refused_and_not_advertised(clinical):
    X, y = clinical
    cb = ClinicalBoundsSampler(SMOTE(random_state=0), bounds={0: (18, 95, 0)})
    assert cb.__sklearn_tags__().input_tags.sparse is False
    with pytest.raises(TypeError, match="sparse matrix.*dense"):
        cb.fit_resample(sp.csr_matrix(X.to_numpy(dtype=float)), y)


def test_fit_checks_the_data_as_fit_resample_does(clinical):
    X, y = clinical
    with pytest.raises(ValueError, match=r"missing values \(NaN\).*SimpleImputer"):
        ClinicalBoundsSampler().fit(X.assign(age=np.nan), y)
