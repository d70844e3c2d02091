"""Every public function and class of imbalance_lab refuses bad input with a message that says what to do.

One table drives the test: (callable, keyword arguments, exception type,
message pattern). A second test fails when a public name -- anything callable
in a module's ``__all__`` -- has no row in the table, so a new helper cannot be
added without its bad-input cases.
"""
from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyClassifier

import imbalance_lab
from imbalance_lab import auditing as audit_module
from imbalance_lab import calibration, cli, datasets, lessons, metrics, plots, resampling, thresholds, widgets

NAN, INF = float("nan"), float("inf")

# ----------------------------------------------------------------- shared inputs
Y = np.array([0] * 16 + [1] * 4)  # 20 patients, 4 sick
SCORE = np.linspace(0.05, 0.95, 20)
SCORE_NAN = np.r_[SCORE[:-1], NAN]
SCORE_INF = np.r_[SCORE[:-1], INF]
LABELS = np.array(["healthy"] * 16 + ["sick"] * 4)
X1 = np.arange(20.0).reshape(-1, 1)
DUMMY = DummyClassifier(strategy="prior").fit(X1, Y)
FRAME = pd.DataFrame({"x": np.arange(20.0), "diagnosis": Y})
CLINICAL_CSV = datasets.DATA_DIR / "clinical_data.csv"
X2 = np.c_[np.arange(20.0), np.sqrt(np.arange(20.0))]
X2_NAN = np.full((20, 2), NAN)
COHORT = datasets.make_clinical_cohort(60, prevalence=0.1)  # 54 healthy, 6 sick
CX, CY = COHORT.drop(columns="diagnosis"), COHORT["diagnosis"]
PROBA3 = np.full((3, 3), 1 / 3)


def fit_resample_of(cls):
    """``cls(**init).fit_resample(X, y)`` as one call, so a sampler's fit-time checks get table rows."""

    def call(init=None, **fit_kwargs):
        return cls(**(init or {})).fit_resample(**fit_kwargs)

    call.__wrapped__ = cls
    call.__module__, call.__qualname__ = cls.__module__, f"{cls.__name__}.fit_resample"
    return call


BOUNDS_SAMPLER = fit_resample_of(resampling.ClinicalBoundsSampler)

# ----------------------------------------------------------------- the table
# (callable, kwargs, exception type, regex the message must match)
ROWS = [
    # --- datasets --------------------------------------------------------------------------------
    (datasets.Bound, dict(unit="mg/dL", low=400, high=50, decimals=0, description="glucose"), ValueError, "low < high"),
    (datasets.Bound, dict(unit="mg/dL", low=50, high=INF, decimals=0, description="glucose"), ValueError, "finite"),
    (datasets.Bound, dict(unit="mg/dL", low="50", high=400, decimals=0, description="glucose"), TypeError, "number"),
    (datasets.Bound, dict(unit="mg/dL", low=50, high=400, decimals=-1, description="glucose"), ValueError, "at least 0"),
    (datasets.make_clinical_cohort, dict(n_patients=1), ValueError, "n_patients must be at least 2"),
    (datasets.make_clinical_cohort, dict(n_patients=100.0), TypeError, "whole number"),
    (datasets.make_clinical_cohort, dict(prevalence=0.0), ValueError, "strictly between 0 and 1"),
    (datasets.make_clinical_cohort, dict(prevalence=1.5), ValueError, "strictly between 0 and 1"),
    (datasets.make_clinical_cohort, dict(prevalence=NAN), ValueError, "finite"),
    (datasets.make_clinical_cohort, dict(prevalence="5%"), TypeError, "number between 0 and 1"),
    (datasets.make_clinical_cohort, dict(n_patients=10, prevalence=0.01), ValueError, "use at least 50 patients"),
    (datasets.make_clinical_cohort, dict(n_patients=10, prevalence=0.99), ValueError, "no healthy patient"),
    (datasets.make_clinical_cohort, dict(random_state="42"), TypeError, "seed"),
    (datasets.make_clinical_cohort, dict(random_state=-1), ValueError, "seed between 0"),
    (datasets.make_clinical_cohort, dict(features=["age", "weight"]), ValueError, r"unknown feature name\(s\) \['weight'\]"),
    (datasets.make_clinical_cohort, dict(features="age"), TypeError, "not a single string"),
    (datasets.make_clinical_cohort, dict(features=[]), ValueError, "features is empty"),
    (datasets.load_clinical_data, dict(path="no/such/file.csv"), FileNotFoundError, "no data file"),
    (datasets.load_clinical_data, dict(path=datasets.DATA_DIR / "subtype_data.csv"), KeyError, "no target column 'diagnosis'"),
    (datasets.make_subtype_cohort, dict(n_patients=2), ValueError, "at least 3"),
    (datasets.make_subtype_cohort, dict(proportions=(8, 3)), ValueError, "three positive numbers"),
    (datasets.make_subtype_cohort, dict(proportions=(8, 3, 0)), ValueError, "three positive numbers"),
    (datasets.make_subtype_cohort, dict(proportions=(8, 3, NAN)), ValueError, "three positive numbers"),
    (datasets.make_subtype_cohort, dict(proportions="831"), TypeError, "three positive numbers"),
    (datasets.make_subtype_cohort, dict(n_patients=5, proportions=(100, 1, 1)), ValueError, "no patient"),
    (datasets.make_subtype_cohort, dict(random_state=1.5), TypeError, "seed"),
    (datasets.load_subtype_data, dict(path="no/such/file.csv"), FileNotFoundError, "no data file"),
    (datasets.load_subtype_data, dict(path=CLINICAL_CSV), KeyError, "no target column 'subtype'"),
    (datasets.load_breast_cancer_imbalanced, dict(n_malignant=0), ValueError, "at least 1"),
    (datasets.load_breast_cancer_imbalanced, dict(n_malignant=213), ValueError, "at most 212"),
    (datasets.load_breast_cancer_imbalanced, dict(random_state="x"), TypeError, "seed"),
    (datasets.read_csv_checked, dict(path="no/such/file.csv", dtypes={"age": "int"}), FileNotFoundError, "no data file"),
    (datasets.read_csv_checked, dict(path=CLINICAL_CSV, dtypes={"age": "integer"}), ValueError, "'int', 'float' or 'str'"),
    (datasets.read_csv_checked, dict(path=CLINICAL_CSV, dtypes={}), TypeError, "non-empty dict"),
    (datasets.read_csv_checked, dict(path=CLINICAL_CSV, dtypes={"weight": "float"}), KeyError, r"lacks column\(s\) \['weight'\]"),
    (datasets.read_csv_checked, dict(path=CLINICAL_CSV, dtypes={"age": "int"}, target="outcome"), KeyError, "no target column 'outcome'"),
    # --- metrics ---------------------------------------------------------------------------------
    (metrics.imbalance_ratio, dict(y=[]), ValueError, "y is empty"),
    (metrics.imbalance_ratio, dict(y=None), TypeError, "y is None"),
    (metrics.imbalance_ratio, dict(y=[1, 1, 1]), ValueError, "single class"),
    (metrics.imbalance_ratio, dict(y=[0, 1, NAN]), ValueError, "1 missing label"),
    (metrics.imbalance_ratio, dict(y=[[0, 1], [1, 0]]), ValueError, "one-dimensional"),
    (metrics.imbalance_ratio, dict(y=FRAME), ValueError, "2 columns"),
    (metrics.imbalance_band, dict(ratio_or_y=0.5), ValueError, "at least 1"),
    (metrics.imbalance_band, dict(ratio_or_y=NAN), ValueError, "at least 1"),
    (metrics.imbalance_band, dict(ratio_or_y=INF), ValueError, "at least 1"),
    (metrics.imbalance_band, dict(ratio_or_y=True), TypeError, "not a bool"),
    (metrics.imbalance_band, dict(ratio_or_y="19"), TypeError, "string"),
    (metrics.imbalance_band, dict(ratio_or_y=[]), ValueError, "empty"),
    (metrics.metrics_from_predictions, dict(y_true=[], y_pred=[]), ValueError, "y_true is empty"),
    (metrics.metrics_from_predictions, dict(y_true=[0] * 5, y_pred=[0] * 5), ValueError, "single class"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=Y[:-1]), ValueError, "different lengths"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=Y, y_score=SCORE[:-1]), ValueError, "different lengths"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=Y, y_score=SCORE_NAN), ValueError, "NaN or infinite"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=Y, y_score=SCORE_INF), ValueError, "NaN or infinite"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=Y, y_score=np.c_[1 - SCORE, SCORE]), ValueError, r"\[:, 1\]"),
    (metrics.metrics_from_predictions, dict(y_true=LABELS, y_pred=LABELS), ValueError, "pos_label="),
    (metrics.metrics_from_predictions, dict(y_true=LABELS, y_pred=LABELS, pos_label="ill"), ValueError, "not one of the labels"),
    (metrics.metrics_from_predictions, dict(y_true=[0, 1, 2], y_pred=[0, 1, 2]), ValueError, "3 classes"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=np.r_[Y[:-1], 2]), ValueError, "y_true does not have"),
    (metrics.metrics_from_predictions, dict(y_true=Y, y_pred=np.r_[Y[:-1], NAN]), ValueError, "missing label"),
    (metrics.evaluate, dict(models=3, X=X1, y=Y), TypeError, "fitted estimator"),
    (metrics.evaluate, dict(models={}, X=X1, y=Y), ValueError, "models is empty"),
    (metrics.evaluate, dict(models={"m": "model"}, X=X1, y=Y), TypeError, "no predict method"),
    (metrics.evaluate, dict(models=DUMMY, X=X1[:-1], y=Y), ValueError, "19 rows but y has 20"),
    (metrics.evaluate, dict(models=DUMMY, X=X1, y=np.zeros(20)), ValueError, "single class"),
    (metrics.evaluate, dict(models=DUMMY, X=X1, y=LABELS), ValueError, "pos_label="),
    (metrics.evaluate, dict(models=DUMMY, X=X1, y=Y, digits=-1), ValueError, "digits must be at least 0"),
    (metrics.evaluate, dict(models=DUMMY, X=X1, y=Y, digits="3"), TypeError, "digits must be a whole number"),
    (metrics.proportion_ci, dict(successes=0, n=0), ValueError, "n must be at least 1"),
    (metrics.proportion_ci, dict(successes=5, n=3), ValueError, "between 0 and n=3"),
    (metrics.proportion_ci, dict(successes=1.5, n=3), TypeError, "whole number"),
    (metrics.proportion_ci, dict(successes=1, n=3, confidence_level=1.5), ValueError, "strictly between 0 and 1"),
    (metrics.proportion_ci, dict(successes=1, n=3, confidence_level=NAN), ValueError, "confidence_level"),
    (metrics.proportion_ci, dict(successes=1, n=3, method="normal"), ValueError, "method must be"),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE, metric="auc"), ValueError, "metric must be one of"),
    (metrics.bootstrap_ci, dict(y_true=np.zeros(20), y_pred_or_score=SCORE), ValueError, "single class"),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE_NAN), ValueError, "NaN or infinite"),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE[:-1]), ValueError, "different lengths"),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE, n_resamples=10), ValueError, "at least 100"),
    (metrics.bootstrap_ci, dict(y_true=LABELS, y_pred_or_score=SCORE), ValueError, "pos_label="),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE, method="exact"), ValueError, "method must be"),
    (metrics.bootstrap_ci, dict(y_true=Y, y_pred_or_score=SCORE, random_state="x"), TypeError, "seed"),
    (metrics.bootstrap_ci, dict(y_true=[0] * 19 + [1], y_pred_or_score=SCORE), ValueError, "at least 2 rows of each class"),
    (metrics.metrics_with_ci, dict(y_true=Y, y_pred=Y[:-1]), ValueError, "different lengths"),
    (metrics.metrics_with_ci, dict(y_true=Y, y_pred=Y, y_score=SCORE_INF), ValueError, "NaN or infinite"),
    (metrics.metrics_with_ci, dict(y_true=Y, y_pred=Y, confidence_level=95), ValueError, "strictly between 0 and 1"),
    (metrics.metrics_with_ci, dict(y_true=Y, y_pred=Y, digits=-2), ValueError, "digits"),
    (metrics.metrics_with_ci, dict(y_true=Y, y_pred=Y, random_state=-3), ValueError, "seed"),
    (metrics.metrics_with_ci, dict(y_true=LABELS, y_pred=LABELS), ValueError, "pos_label="),
    (metrics.evaluate_with_ci, dict(model=3, X=X1, y=Y), TypeError, "fitted estimator"),
    (metrics.evaluate_with_ci, dict(model=DUMMY, X=X1[:-1], y=Y), ValueError, "19 rows but y has 20"),
    (metrics.evaluate_with_ci, dict(model=DUMMY, X=X1, y=np.ones(20)), ValueError, "single class"),
    # --- resampling ------------------------------------------------------------------------------
    (BOUNDS_SAMPLER, dict(init=dict(sampler="SMOTE"), X=CX, y=CY), TypeError, "must be an object implementing 'fit_resample'"),
    (BOUNDS_SAMPLER, dict(init=dict(standardize="yes"), X=CX, y=CY), TypeError, "'standardize' parameter .* must be an instance of 'bool'"),
    (BOUNDS_SAMPLER, dict(X=CX, y=CY[:-1]), ValueError, "60 rows but y has 59"),
    (BOUNDS_SAMPLER, dict(X=CX, y=np.r_[[0] * 57, [1] * 3]), ValueError, "at least 6 minority rows"),
    (BOUNDS_SAMPLER, dict(X=CX.to_numpy(), y=CY), ValueError, "keyed by column position"),
    (BOUNDS_SAMPLER, dict(X=CX.rename(columns={"age": "years"}), y=CY), ValueError, r"bounds name column\(s\) \['age'\]"),
    (BOUNDS_SAMPLER, dict(X=CX.assign(age=NAN), y=CY), ValueError,
     r"NaN\) in column\(s\) \{'age': 60\}.*SMOTE cannot take missing values: impute inside the pipeline \(e.g. SimpleImputer"),
    (BOUNDS_SAMPLER, dict(X=CX.assign(age=INF), y=CY), ValueError, r"infinite values in column\(s\) \{'age': 60\}"),
    (BOUNDS_SAMPLER, dict(X=CX.iloc[:0], y=CY.iloc[:0]), ValueError, "X is empty"),
    (BOUNDS_SAMPLER, dict(X=CX, y=np.zeros(60, dtype=int)), ValueError, "y has a single class"),
    (BOUNDS_SAMPLER, dict(X=CX, y=CY.astype(float).where(CY.index > 0)), ValueError, "Input y contains NaN"),
    (resampling.out_of_bounds_mask, dict(X=CX.to_numpy()), ValueError, "keyed by column position"),
    (resampling.out_of_bounds_mask, dict(X=pd.DataFrame({"x": [1.0]})), ValueError, "that X does not have"),
    (resampling.out_of_bounds_mask, dict(X=CX, bounds={"age": 3}), TypeError, "must be a Bound"),
    (resampling.count_out_of_bounds, dict(X=[1, 2, 3]), ValueError, "two-dimensional"),
    (resampling.count_out_of_bounds, dict(X=pd.DataFrame({"x": [1.0]})), ValueError, "that X does not have"),
    (resampling.out_of_bounds_mask, dict(X=CX.iloc[:0]), ValueError, "X is empty"),
    (resampling.out_of_bounds_mask, dict(X=CX.assign(age=NAN)), ValueError, r"missing values \(NaN\) in bounded column\(s\) \{'age': 60\}"),
    (resampling.count_out_of_bounds, dict(X=CX.iloc[:0]), ValueError, "X is empty"),
    (resampling.count_out_of_bounds, dict(X=CX.assign(age=NAN)), ValueError, r"missing values \(NaN\).*X.isna\(\).sum\(\)"),
    # --- thresholds ------------------------------------------------------------------------------
    (thresholds.threshold_sweep, dict(y_true=[], y_score=[]), ValueError, "y_true is empty"),
    (thresholds.threshold_sweep, dict(y_true=np.zeros(20), y_score=SCORE), ValueError, "single class"),
    (thresholds.threshold_sweep, dict(y_true=Y, y_score=SCORE_NAN), ValueError, "NaN or infinite"),
    (thresholds.threshold_sweep, dict(y_true=Y, y_score=SCORE[:-1]), ValueError, "different lengths"),
    (thresholds.threshold_sweep, dict(y_true=LABELS, y_score=SCORE), ValueError, "pos_label="),
    (thresholds.threshold_sweep, dict(y_true=Y, y_score=SCORE, cost_fp=-1), ValueError, "must not be negative"),
    (thresholds.threshold_sweep, dict(y_true=Y, y_score=SCORE, cost_fn=NAN), ValueError, "finite"),
    (thresholds.threshold_sweep, dict(y_true=Y, y_score=SCORE, cost_fn="10"), TypeError, "must be a number"),
    (thresholds.confusion_at, dict(y_true=Y, y_score=SCORE, threshold=1.5), ValueError, "outside \\[0, 1\\]"),
    (thresholds.confusion_at, dict(y_true=Y, y_score=SCORE, threshold=NAN), ValueError, "finite"),
    (thresholds.confusion_at, dict(y_true=Y, y_score=SCORE, threshold="0.3"), TypeError, "threshold must be a number"),
    (thresholds.confusion_at, dict(y_true=Y, y_score=SCORE, threshold=None), TypeError, "threshold must be a number"),
    (thresholds.confusion_at, dict(y_true=Y, y_score=SCORE[:-1], threshold=0.3), ValueError, "different lengths"),
    (thresholds.confusion_at, dict(y_true=np.zeros(20), y_score=SCORE, threshold=0.3), ValueError, "single class"),
    (thresholds.cost_optimal_threshold, dict(cost_fp=-1, cost_fn=1), ValueError, "must not be negative"),
    (thresholds.cost_optimal_threshold, dict(cost_fp=0, cost_fn=0), ValueError, "both 0"),
    (thresholds.cost_optimal_threshold, dict(cost_fp=INF, cost_fn=1), ValueError, "finite"),
    (thresholds.cost_optimal_threshold, dict(cost_fp="1", cost_fn=10), TypeError, "must be a number"),
    # --- calibration -----------------------------------------------------------------------------
    (calibration.prior_correction, dict(y_prob=[], train_prevalence=0.5, true_prevalence=0.05), ValueError, "empty"),
    (calibration.prior_correction, dict(y_prob=SCORE * 2, train_prevalence=0.5, true_prevalence=0.05), ValueError, "in \\[0, 1\\]"),
    (calibration.prior_correction, dict(y_prob=SCORE_NAN, train_prevalence=0.5, true_prevalence=0.05), ValueError, "NaN or infinite"),
    (calibration.prior_correction, dict(y_prob=SCORE, train_prevalence=0.0, true_prevalence=0.05), ValueError, "strictly between 0 and 1"),
    (calibration.prior_correction, dict(y_prob=SCORE, train_prevalence=0.5, true_prevalence=1.0), ValueError, "strictly between 0 and 1"),
    (calibration.prior_correction_multiclass, dict(proba=np.ones((3, 3)), train_priors=[0.2, 0.3, 0.5], true_priors=[0.2, 0.3, 0.5]), ValueError, "sum to 1"),
    (calibration.prior_correction_multiclass, dict(proba=PROBA3, train_priors=[0.2, 0.3], true_priors=[0.2, 0.3, 0.5]), ValueError, "one prevalence per class"),
    (calibration.prior_correction_multiclass, dict(proba=PROBA3, train_priors=[0.2, 0.3, 0.6], true_priors=[0.2, 0.3, 0.5]), ValueError, "must sum to 1"),
    (calibration.prior_correction_multiclass, dict(proba=np.full((3, 3), NAN), train_priors=[0.2, 0.3, 0.5], true_priors=[0.2, 0.3, 0.5]), ValueError, "NaN or infinite"),
    (calibration.prior_correction_multiclass, dict(proba=SCORE, train_priors=[0.2, 0.3, 0.5], true_priors=[0.2, 0.3, 0.5]), ValueError, "one column per class"),
    (calibration.calibration_intercept_slope, dict(y_true=Y, y_prob=SCORE * 2), ValueError, "in \\[0, 1\\]"),
    (calibration.calibration_intercept_slope, dict(y_true=Y[:-1], y_prob=SCORE), ValueError, "different lengths"),
    (calibration.calibration_intercept_slope, dict(y_true=np.zeros(20), y_prob=SCORE), ValueError, "single class"),
    (calibration.calibration_intercept_slope, dict(y_true=np.where(Y == 1, "sick", "well"), y_prob=SCORE), ValueError,
     r"not 0/1 or False/True.*pos_label="),
    (calibration.calibration_table, dict(y_true=Y, y_prob=SCORE, n_bins=0), ValueError, "n_bins must be at least 1"),
    (calibration.calibration_table, dict(y_true=Y, y_prob=SCORE, strategy="kmeans"), ValueError, "'uniform' or 'quantile'"),
    (calibration.calibration_table, dict(y_true=Y, y_prob=SCORE * 2), ValueError, "in \\[0, 1\\]"),
    (calibration.calibration_table, dict(y_true=Y, y_prob=SCORE[:-1]), ValueError, "different lengths"),
    (calibration.calibration_table, dict(y_true=np.zeros(20), y_prob=SCORE), ValueError, "single class"),
    (calibration.calibration_table, dict(y_true=LABELS, y_prob=SCORE), ValueError, "pos_label="),
    (calibration.calibration_summary, dict(y_true=Y, y_prob=SCORE_NAN), ValueError, "NaN or infinite"),
    (calibration.calibration_summary, dict(y_true=Y, y_prob=SCORE + 1), ValueError, "in \\[0, 1\\]"),
    (calibration.calibration_summary, dict(y_true=Y, y_prob=SCORE, digits=-1), ValueError, r"digits must be at least 0 \(decimal places"),
    (calibration.calibration_summary, dict(y_true=Y, y_prob=SCORE, digits=1.5), TypeError, r"digits must be a whole number \(decimal places"),
    (calibration.net_benefit, dict(y_true=Y, y_prob=SCORE, thresholds=[0.5, 1.0]), ValueError, "in \\[0, 1\\)"),
    (calibration.net_benefit, dict(y_true=Y, y_prob=SCORE, thresholds=[]), ValueError, "non-empty"),
    (calibration.net_benefit, dict(y_true=Y, y_prob=SCORE * 3, thresholds=[0.2]), ValueError, "in \\[0, 1\\]"),
    (calibration.net_benefit, dict(y_true=Y, y_prob=SCORE[:-1], thresholds=[0.2]), ValueError, "different lengths"),
    (calibration.decision_curve, dict(y_true=Y, y_prob=SCORE, thresholds=[1.2]), ValueError, "in \\[0, 1\\)"),
    (calibration.decision_curve, dict(y_true=np.ones(20), y_prob=SCORE, thresholds=[0.2]), ValueError, "single class"),
    # --- plots -----------------------------------------------------------------------------------
    (plots.plot_class_distribution, dict(y=[]), ValueError, "y is empty"),
    (plots.plot_class_distribution, dict(y=[0, 1, NAN]), ValueError, "missing label"),
    (plots.plot_class_distribution, dict(y=Y, ax=3), TypeError, "ax must be a matplotlib Axes"),
    (plots.plot_confusion_matrices, dict(models_or_predictions={"d": Y}, y=Y, axes=3), TypeError, "axes must be 1 matplotlib Axes"),
    (plots.plot_roc_pr, dict(models_or_scores={"s": SCORE}, y=Y, axes=["left", "right"]), TypeError, "axes must be 2 matplotlib Axes"),
    (plots.plot_resampled, dict(X=X2, y=Y, X_res=X2, y_res=Y, ax=3), TypeError, "ax must be a matplotlib Axes"),
    (plots.plot_threshold_tradeoff, dict(sweep=thresholds.threshold_sweep(Y, SCORE), threshold=2.0), ValueError, r"threshold=2.0 lies outside \[0, 1\]"),
    (plots.plot_threshold_tradeoff, dict(sweep=thresholds.threshold_sweep(Y, SCORE), cost_optimal=-1), ValueError, r"cost_optimal=-1.0 lies outside \[0, 1\]"),
    (plots.plot_threshold_tradeoff, dict(sweep=thresholds.threshold_sweep(Y, SCORE), threshold="0.3"), TypeError, "threshold must be a number"),
    (plots.plot_threshold_tradeoff, dict(sweep=thresholds.threshold_sweep(Y, SCORE), axes=3), TypeError, "axes must be 2 matplotlib Axes"),
    (plots.plot_metric_intervals, dict(tables=pd.DataFrame({"estimate": [0.5], "ci_low": [0.4], "ci_high": [0.6]}), ax="left"),
     TypeError, "ax must be a matplotlib Axes"),
    (plots.plot_confusion_matrices, dict(models_or_predictions=3), TypeError, "as a dict of name"),
    (plots.plot_confusion_matrices, dict(models_or_predictions={}), ValueError, "is empty"),
    (plots.plot_confusion_matrices, dict(models_or_predictions={"d": DUMMY}), ValueError, "y=y_test"),
    (plots.plot_confusion_matrices, dict(models_or_predictions={"d": Y}, y=Y[:-1]), ValueError, "different lengths"),
    (plots.plot_roc_pr, dict(models_or_scores=3), TypeError, "as a dict of name"),
    (plots.plot_roc_pr, dict(models_or_scores={"s": SCORE_NAN}, y=Y), ValueError, "NaN or infinite"),
    (plots.plot_roc_pr, dict(models_or_scores={"s": SCORE[:-1]}, y=Y), ValueError, "different lengths"),
    (plots.plot_roc_pr, dict(models_or_scores={"s": SCORE}, y=np.zeros(20)), ValueError, "single class"),
    (plots.plot_roc_pr, dict(models_or_scores={"s": SCORE}, y=LABELS), ValueError, "pos_label="),
    (plots.plot_resampled, dict(X=X2, y=Y, X_res=X2, y_res=Y[:-1]), ValueError, "different lengths"),
    (plots.plot_resampled, dict(X=X2[:, :1], y=Y, X_res=X2[:, :1], y_res=Y), ValueError, "exactly 2 feature columns"),
    (plots.plot_resampled, dict(X=X2_NAN, y=Y, X_res=X2, y_res=Y), ValueError, "NaN or infinite"),
    (plots.resampling_origin, dict(X=X2, y=Y, X_res=X2, y_res=Y[:-1]), ValueError, "different lengths"),
    (plots.plot_threshold_tradeoff, dict(sweep=3), TypeError, "threshold_sweep"),
    (plots.plot_threshold_tradeoff, dict(sweep=pd.DataFrame({"x": [1]})), TypeError, "threshold_sweep"),
    (plots.plot_metric_intervals, dict(tables=3), TypeError, "metrics_with_ci"),
    (plots.plot_metric_intervals, dict(tables={}), ValueError, "is empty"),
    (plots.plot_metric_intervals, dict(tables=pd.DataFrame({"x": [1]})), ValueError, "lacks column"),
    # --- widgets ---------------------------------------------------------------------------------
    (widgets.Explorer, dict(controls={}, render=lambda fig: ""), ValueError, "at least one control"),
    (widgets.Explorer, dict(controls={"a": None}, render=3), TypeError, "render must be a function"),
    (widgets.prevalence_explorer, dict(prevalences=[0.5, 1.5]), ValueError, "strictly between 0 and 1"),
    (widgets.prevalence_explorer, dict(prevalences=[]), ValueError, "at least two prevalences"),
    (widgets.prevalence_explorer, dict(n_sick=0), ValueError, "n_sick must be at least"),
    (widgets.sampler_explorer, dict(X=X2, y=Y, sampler="ADASYN-ish"), ValueError, "sampler must be one of"),
    (widgets.sampler_explorer, dict(X=X2, y=Y, k_neighbors=0), ValueError, "k_neighbors must be at least 1"),
    (widgets.sampler_explorer, dict(X=X2, y=Y, sampling_strategy=2.0), ValueError, "in \\[0, 1\\]"),
    (widgets.sampler_explorer, dict(X=X2, y=Y[:-1]), ValueError, "different lengths"),
    (widgets.sampler_explorer, dict(X=X2_NAN, y=Y), ValueError, "NaN or infinite"),
    (widgets.threshold_explorer, dict(y_true=Y, y_score=SCORE, threshold=2.0), ValueError, "between 0 and 1"),
    (widgets.threshold_explorer, dict(y_true=Y, y_score=SCORE, cost_ratio=-1), ValueError, "must not be negative"),
    (widgets.threshold_explorer, dict(y_true=Y, y_score=SCORE_NAN), ValueError, "NaN or infinite"),
    (widgets.threshold_explorer, dict(y_true=Y, y_score=SCORE[:-1]), ValueError, "different lengths"),
    (widgets.threshold_explorer, dict(y_true=LABELS, y_score=SCORE), ValueError, "pos_label="),
    (widgets.threshold_explorer, dict(y_true=np.zeros(20), y_score=SCORE), ValueError, "single class"),
    # --- audit -----------------------------------------------------------------------------------
    (audit_module.audit, dict(data=FRAME.to_numpy(), target="diagnosis"), TypeError, "pandas DataFrame"),
    (audit_module.audit, dict(data=FRAME, target="outcome"), KeyError, r"no target column 'outcome'; the columns are \['x', 'diagnosis'\]"),
    (audit_module.audit, dict(data=FRAME, target=None), TypeError, "name of the label column"),
    (audit_module.audit, dict(data=FRAME.iloc[:0], target="diagnosis"), ValueError, "no rows"),
    (audit_module.audit, dict(data=FRAME.assign(diagnosis=1), target="diagnosis"), ValueError, "single class"),
    (audit_module.audit, dict(data=FRAME.assign(diagnosis=NAN), target="diagnosis"), ValueError, "missing in all 20 rows"),
    (audit_module.audit, dict(data=FRAME.assign(diagnosis=SCORE), target="diagnosis"), ValueError, "continuous measurement"),
    (audit_module.audit, dict(data=FRAME.assign(diagnosis=np.r_[Y[:-1], INF]), target="diagnosis"), ValueError, "infinite"),
    (audit_module.audit, dict(data=FRAME, target="diagnosis", pos_label="sick"), ValueError, r"its labels are \[0, 1\]"),
    (audit_module.Recommendation, dict(topic="metrics", text="Report F1.", lesson="3_metrics"), ValueError, "must be a lesson slug"),
    (audit_module.read_table, dict(source="/nonexistent/cohort.csv"), FileNotFoundError, "no file at"),
    (audit_module.read_table, dict(source=42), TypeError, "needs a path"),
    (datasets.load_actg320, dict(path="/nonexistent/actg320.csv"), FileNotFoundError, "no data file at"),
    (datasets.load_flchain, dict(path="/nonexistent/flchain.csv"), FileNotFoundError, "no data file at"),
    (lessons.lesson, dict(ref="nope"), KeyError, "No lesson is called 'nope'. Known lessons: "),
    (lessons.lesson_link, dict(ref="07_medical_case"), KeyError, "No lesson is called"),
    (audit_module.Recommendation, dict(topic="", text="Report F1.", lesson="03_metrics"), ValueError, "topic and text"),
    # --- cli -------------------------------------------------------------------------------------
    (cli.main, dict(argv="audit data.csv --target diagnosis"), TypeError, "list of strings"),
    (cli.main, dict(argv=["audit", str(CLINICAL_CSV)]), SystemExit, "2"),
]

# Bad input that other modules do not refuse yet: each case fails the same way as a row
# above would, and is marked as a known gap. When the module starts refusing it, the
# strict xfail turns into a failure: move the case into ROWS.
KNOWN_GAPS: list = []

# Public callables that are not an input boundary, with the reason.
NOT_A_BOUNDARY = {
    ("auditing", "TableReadError"): "an exception class, raised by read_table, not called with user input",
    ("lessons", "Lesson"): "the registry's record; built from the registry's own table, never from user input",
    ("lessons", "all_lessons"): "takes no arguments",
    ("auditing", "AuditReport"): "the record audit() returns; built from already-validated facts, never from user input",
}


def _row_id(row) -> str:
    func, kwargs, exc, _ = row
    name = getattr(func, "__qualname__", None) or func.__name__.rsplit(".", 1)[-1]  # the audit module is callable
    module = getattr(func, "__module__", None) or func.__name__
    return f"{module.rsplit('.', 1)[-1]}.{name}[{','.join(kwargs)}]->{exc.__name__}"


GAP = pytest.mark.xfail(strict=True, reason="known validation gap, reported to the module's owner")
CASES = [pytest.param(*row, id=_row_id(row)) for row in ROWS]
CASES += [pytest.param(*row, id="gap-" + _row_id(row), marks=GAP) for row in KNOWN_GAPS]


@pytest.mark.parametrize("func, kwargs, exc, message", CASES)
def test_bad_input_is_refused_with_a_message(func, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        func(**kwargs)


# Every module with public names (an import error here fails the collection: no module is skipped).
MODULES = ["datasets", "metrics", "resampling", "thresholds", "calibration", "plots", "widgets", "auditing", "lessons",
           "cli"]


def _public_callables():
    found = []
    for module in MODULES:
        mod = importlib.import_module(f"imbalance_lab.{module}")
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name)
            if callable(obj):
                found.append((module, name, obj))
    return found


PUBLIC = _public_callables()


@pytest.mark.parametrize("module, name, obj", PUBLIC, ids=[f"{m}.{n}" for m, n, _ in PUBLIC])
def test_every_public_callable_has_bad_input_rows(module, name, obj):
    covered = {getattr(func, "__wrapped__", func) for func, *_ in ROWS}
    assert obj in covered or (module, name) in NOT_A_BOUNDARY, (
        f"imbalance_lab.{module}.{name} is public but has no row in ROWS: add its bad-input cases "
        "(empty data, one class, NaN/inf, mismatched lengths, out-of-range parameters) to tests/test_validation.py."
    )


def test_every_name_in_all_exists():
    for module in MODULES:
        mod = importlib.import_module(f"imbalance_lab.{module}")
        missing = [n for n in getattr(mod, "__all__", ()) if not hasattr(mod, n)]
        assert not missing, f"imbalance_lab.{module}.__all__ lists undefined names {missing}"


def test_the_table_checks_real_messages():
    # a row whose message pattern is empty would pass on any error of the right type
    assert all(isinstance(msg, str) and msg.strip() for *_, msg in ROWS)
    covered = {(getattr(f, "__module__", None) or f.__name__).rsplit(".", 1)[-1] + "." + f.__name__.rsplit(".", 1)[-1]
               for f, *_ in ROWS}
    assert not {f"{m}.{n}" for m, n in NOT_A_BOUNDARY} & covered
