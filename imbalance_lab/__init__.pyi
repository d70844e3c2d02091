"""Names of :mod:`imbalance_lab`, for editors and type checkers; ``__init__.py`` loads them lazily from here."""

from . import (
    datasets as datasets,
    metrics as metrics,
    resampling as resampling,
    thresholds as thresholds,
    calibration as calibration,
    plots as plots,
    widgets as widgets,
    auditing as auditing,
    lessons as lessons,
)

from .datasets import (
    Bound as Bound,
    CLINICAL_BOUNDS as CLINICAL_BOUNDS,
    SUBTYPE_BOUNDS as SUBTYPE_BOUNDS,
    SUBTYPE_NOMINAL as SUBTYPE_NOMINAL,
    DATA_DIR as DATA_DIR,
    make_clinical_cohort as make_clinical_cohort,
    load_clinical_data as load_clinical_data,
    make_subtype_cohort as make_subtype_cohort,
    load_subtype_data as load_subtype_data,
    load_breast_cancer_imbalanced as load_breast_cancer_imbalanced,
    read_csv_checked as read_csv_checked,
    ACTG320_NOMINAL as ACTG320_NOMINAL,
    FLCHAIN_NOMINAL as FLCHAIN_NOMINAL,
    REAL_DATASETS as REAL_DATASETS,
    load_actg320 as load_actg320,
    load_flchain as load_flchain,
)

from .metrics import (
    BANDS as BANDS,
    imbalance_ratio as imbalance_ratio,
    imbalance_band as imbalance_band,
    metrics_from_predictions as metrics_from_predictions,
    evaluate as evaluate,
    proportion_ci as proportion_ci,
    bootstrap_ci as bootstrap_ci,
    metrics_with_ci as metrics_with_ci,
    evaluate_with_ci as evaluate_with_ci,
)

from .resampling import (
    ClinicalBoundsSampler as ClinicalBoundsSampler,
    out_of_bounds_mask as out_of_bounds_mask,
    count_out_of_bounds as count_out_of_bounds,
)

from .thresholds import (
    threshold_sweep as threshold_sweep,
    confusion_at as confusion_at,
    cost_optimal_threshold as cost_optimal_threshold,
    SWEEP_COLUMNS as SWEEP_COLUMNS,
)

from .calibration import (
    prior_correction as prior_correction,
    prior_correction_multiclass as prior_correction_multiclass,
    calibration_table as calibration_table,
    calibration_intercept_slope as calibration_intercept_slope,
    calibration_summary as calibration_summary,
    net_benefit as net_benefit,
    decision_curve as decision_curve,
)

from .plots import (
    plot_class_distribution as plot_class_distribution,
    plot_confusion_matrices as plot_confusion_matrices,
    plot_roc_pr as plot_roc_pr,
    plot_resampled as plot_resampled,
    resampling_origin as resampling_origin,
    plot_threshold_tradeoff as plot_threshold_tradeoff,
    plot_metric_intervals as plot_metric_intervals,
)

from .widgets import (
    Explorer as Explorer,
    PREVALENCES as PREVALENCES,
    prevalence_explorer as prevalence_explorer,
    SAMPLERS as SAMPLERS,
    sampler_explorer as sampler_explorer,
    threshold_explorer as threshold_explorer,
)

from .auditing import (
    AuditReport as AuditReport,
    Recommendation as Recommendation,
    TableReadError as TableReadError,
    audit as audit,
    read_table as read_table,
    SMOTE_MIN_ROWS as SMOTE_MIN_ROWS,
    INTERPOLATION_MIN_ROWS as INTERPOLATION_MIN_ROWS,
    SMALL_SAMPLE_ROWS as SMALL_SAMPLE_ROWS,
)

from .reporting import report as report

from .lessons import (
    LESSONS as LESSONS,
    Lesson as Lesson,
    lesson as lesson,
    lesson_link as lesson_link,
    all_lessons as all_lessons,
)
