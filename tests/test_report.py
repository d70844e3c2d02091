"""imbalance_lab.report and `imbalance-lab report`: the course's method run on a cohort, end to end.

Each run starts a kernel, executes the template and converts it, so the runs
are shared by the tests (module-scoped fixtures) and kept small: few repeats,
few bootstrap resamples, one data set cross-validated on a stratified sample.
The key numbers are recomputed here with scikit-learn and statsmodels directly,
with pipelines built in this file, not with the report's helpers.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import logit

import imbalance_lab as il
from imbalance_lab import reporting
from imbalance_lab.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLINICAL_CSV = ROOT / "data" / "clinical_data.csv"
SECTIONS = [
    "1. The audit",
    "2. Comparing strategies with repeated cross-validation",
    "3. Calibration of each strategy",
    "4. The threshold from your costs",
    "5. The decision curve",
    "6. The two best strategies, compared on the same patients",
    "7. What to report: TRIPOD+AI item 13",
    "8. Reproducing this report",
]
XSS = "<img src=x onerror=alert(1)>"
FAST = dict(n_repeats=1, n_bootstrap=100, n_jobs=1)


def _find_browser_module():
    spec = importlib.util.spec_from_file_location("find_browser", ROOT / "tests" / "browser" / "find_browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ runs shared by the tests
@pytest.fixture(scope="module")
def clinical(tmp_path_factory):
    """The synthetic cohort through the command line, as a user runs it."""
    out = tmp_path_factory.mktemp("clinical") / "report"
    status = main(["report", str(CLINICAL_CSV), "--target", "diagnosis", "--cost-fn", "10", "--out", str(out),
                   "--repeats", "2", "--quiet"])
    assert status == 0
    return out


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """Each bundled real data set through the Python entry, flchain on a stratified sample of its rows."""
    results = {}
    for name, (loader, target, nominal) in il.REAL_DATASETS.items():
        frame = getattr(il.datasets, loader)()
        extra = {"max_cv_rows": 2000} if name == "flchain" else {}
        results[name] = il.report(frame, target=target, nominal=list(nominal) or None, cost_fn=5,
                                  out=tmp_path_factory.mktemp(name) / "report", **FAST, **extra)
    return results


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A cohort whose header and labels are HTML."""
    rng = np.random.default_rng(0)
    n = 240
    x = rng.normal(size=n)
    sick = rng.random(n) < 1 / (1 + np.exp(-(x * 2 - 2)))
    frame = pd.DataFrame({XSS: x, "age": rng.integers(30, 80, n),
                          "outcome": np.where(sick, "<b>sick</b>", "well")})
    path = tmp_path_factory.mktemp("hostile") / "cohort.csv"
    frame.to_csv(path, index=False)
    out = path.parent / "report"
    il.report(path, target="outcome", pos_label="<b>sick</b>", cost_fn=4, out=out, **FAST)
    return out


# ------------------------------------------------------------------ end to end
def test_clinical_report_writes_three_files_with_every_section(clinical):
    assert sorted(p.name for p in clinical.iterdir()) == ["report.html", "report.ipynb", "report.json"]
    text = (clinical / "report.html").read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in text
    import nbformat

    nb = nbformat.read(clinical / "report.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "TARGET = 'diagnosis'" in injected[0].source


@pytest.mark.parametrize("name", list(il.REAL_DATASETS))
def test_each_real_data_set_runs_end_to_end(real, name):
    result = real[name]
    summary = result.summary
    _, target, _ = il.REAL_DATASETS[name]
    frame = getattr(il.datasets, il.REAL_DATASETS[name][0])()
    assert summary["prevalence"] == pytest.approx(frame[target].mean())
    assert set(summary["cv"]) >= {"no correction", "class weights", "gradient boosting"}
    assert 0 < summary["threshold"]["chosen"] < 1
    assert result.html.is_file() and result.notebook.is_file()
    assert summary["cv_design"]["sampled"] is (name == "flchain")
    if name == "flchain":
        assert summary["cv_design"]["rows"] == 2000
        assert "stratified sample of 2,000 rows" in result.html.read_text(encoding="utf-8")


# ------------------------------------------------------------------ key numbers, recomputed directly
def _direct_pipeline(numeric, nominal):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    columns = [("num", Pipeline([("impute", SimpleImputer(strategy="median", add_indicator=True)),
                                 ("scale", StandardScaler())]), numeric)]
    if nominal:
        columns.append(("nom", OneHotEncoder(handle_unknown="ignore"), nominal))
    return Pipeline([("prep", ColumnTransformer(columns)), ("model", LogisticRegression(max_iter=2000))])


def _check_key_numbers(summary, frame, target, n_splits=5, seed=42):
    import statsmodels.api as sm
    from sklearn.metrics import confusion_matrix, make_scorer
    from sklearn.model_selection import (RepeatedStratifiedKFold, StratifiedKFold, TunedThresholdClassifierCV,
                                         cross_val_predict, cross_val_score)

    y = frame[target].to_numpy()
    X = frame.drop(columns=target)
    n_repeats = summary["cv_design"]["n_repeats"]
    assert summary["prevalence"] == pytest.approx(y.mean(), rel=1e-12)
    model = _direct_pipeline(summary["numeric"], summary["nominal"])
    cv = RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=seed)
    auc = cross_val_score(model, X, y, cv=cv, scoring="roc_auc")
    assert summary["cv"]["no correction"]["roc_auc"]["mean"] == pytest.approx(auc.mean(), abs=1e-6)
    assert summary["cv"]["no correction"]["roc_auc"]["folds"] == pytest.approx(auc.tolist(), abs=1e-6)

    first_repeat = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    risk = cross_val_predict(model, X, y, cv=first_repeat, method="predict_proba")[:, 1]
    lp = logit(np.clip(risk, 1e-8, 1 - 1e-8))
    glm = sm.GLM(y, sm.add_constant(lp), family=sm.families.Binomial()).fit()
    assert summary["calibration"]["no correction"]["slope"] == pytest.approx(glm.params[1], abs=1e-4)

    cost_fn, cost_fp = summary["costs"]["fn"], summary["costs"]["fp"]

    def cost(y_true, y_pred):
        tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
        return -(cost_fn * fn + cost_fp * fp) / len(y_true)

    tuned = TunedThresholdClassifierCV(model, scoring=make_scorer(cost), cv=first_repeat).fit(X, y)
    assert summary["threshold"]["chosen"] == pytest.approx(tuned.best_threshold_, abs=1e-6)


def test_key_numbers_equal_scikit_learn_and_statsmodels_clinical(clinical):
    summary = json.loads((clinical / "report.json").read_text(encoding="utf-8"))
    _check_key_numbers(summary, il.load_clinical_data(), "diagnosis")


def test_key_numbers_equal_scikit_learn_and_statsmodels_with_nominal_codes(real):
    summary = real["actg320"].summary
    assert summary["nominal"] and set(il.ACTG320_NOMINAL) <= set(summary["nominal"])
    _check_key_numbers(summary, il.load_actg320(), "aids_or_death")


# ------------------------------------------------------------------ HTML: offline, escaped, no rows
def _links(text):
    return re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", text, flags=re.IGNORECASE)


def test_html_loads_nothing_from_the_network(clinical, hostile):
    for folder in (clinical, hostile):
        text = (folder / "report.html").read_text(encoding="utf-8")
        links = _links(text)
        assert links, "the report has images and lesson links"
        assert not [x for x in links if x.lower().startswith(("http", "//"))]
        assert not re.search(r"<script[^>]*\bsrc=", text, flags=re.IGNORECASE)
        assert not re.search(r"<link[^>]*\bhref=", text, flags=re.IGNORECASE)


def test_values_from_the_file_are_escaped(hostile):
    text = (hostile / "report.html").read_text(encoding="utf-8")
    assert XSS not in text and "<b>sick</b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "onerror=alert(1)&gt;" in text


def test_no_patient_row_is_printed(clinical):
    frame = il.load_clinical_data()
    text = (clinical / "report.html").read_text(encoding="utf-8")
    body = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", text)
    rows = [",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in row) for row in frame.head(20).itertuples(index=False)]
    assert not [r for r in rows if r in body]
    # no run of a row's first five values, in order, appears as table cells
    cells = re.findall(r"<td>([^<]*)</td>", body)
    for row in frame.head(20).itertuples(index=False):
        values = [f"{v:g}" if isinstance(v, float) else str(v) for v in row[:5]]
        assert not any(cells[i:i + 5] == values for i in range(len(cells)))


def test_lesson_links_resolve_from_the_output_folder(clinical):
    text = (clinical / "report.html").read_text(encoding="utf-8")
    lessons = [x for x in _links(text) if x.endswith(".ipynb")]
    slugs = {"detecting_imbalance", "resampling_in_pipelines", "class_weights", "calibration", "tuning_thresholds",
             "beyond", "intervals_and_subtypes"}
    assert {il.lesson(s).filename for s in slugs} <= {Path(x).name for x in lessons}
    assert all((clinical / x).resolve().is_file() for x in lessons)


def test_html_in_chromium_has_every_section_and_no_error(clinical, hostile, playwright):
    # pytest-playwright's session-wide ``playwright`` fixture: a second sync_playwright()
    # inside the same run is refused once the browser tests have started theirs
    from playwright.sync_api import expect

    find_browser = _find_browser_module()
    executable = find_browser.require(playwright)
    flags = ["--disable-gpu", "--disable-dev-shm-usage"] + (["--no-sandbox"] if find_browser.is_root() else [])
    dialogs = []
    browser = playwright.chromium.launch(executable_path=executable, args=flags)
    try:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route(re.compile(r"^https?://"), lambda route: route.abort())
        page.goto((clinical / "report.html").as_uri())
        for heading in SECTIONS:
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
        assert page.locator(".jp-OutputArea-output pre:has-text('Traceback')").count() == 0
        assert page.locator("img").count() == 4  # strip plot, calibration, cost curve, decision curve
        page.goto((hostile / "report.html").as_uri())
        expect(page.get_by_text(XSS).first).to_be_visible()
        assert page.locator("img[src='x']").count() == 0
    finally:
        browser.close()
    assert dialogs == []


# ------------------------------------------------------------------ bad input: the audit's errors, nothing written
def _audit_error(frame, **kwargs):
    with pytest.raises((KeyError, ValueError, TypeError)) as info:
        il.audit(frame, **kwargs)
    return info.value


@pytest.mark.parametrize("case", ["missing target", "single class", "continuous target", "unknown label"])
def test_bad_input_gives_the_audits_error_and_writes_nothing(tmp_path, case):
    frame = il.load_clinical_data()
    kwargs = {"target": "diagnosis"}
    if case == "missing target":
        kwargs["target"] = "outcome"
    elif case == "single class":
        frame = frame.assign(diagnosis=0)
    elif case == "continuous target":
        kwargs["target"] = "glucose"
    else:
        kwargs["pos_label"] = "sick"
    expected = _audit_error(frame, **kwargs)
    out = tmp_path / "report"
    with pytest.raises(type(expected)) as info:
        il.report(frame, cost_fn=10, out=out, **kwargs)
    assert str(info.value) == str(expected)
    assert not out.exists()


def test_bad_file_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["report", str(tmp_path / "nothing.csv"), "--target", "y", "--cost-fn", "5", "--out", str(out)]) == 1
    assert "nothing.csv" in capsys.readouterr().err
    (tmp_path / "one.csv").write_text("a;b;y\n1;2;0\n3;4;1\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "one.csv"), "--target", "z", "--cost-fn", "5", "--out", str(out)]) == 1
    assert "no target column 'z'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("kwargs, message", [
    ({"cost_fn": 0}, "cost_fn must be a positive"),
    ({"cost_fn": "10"}, "cost_fn must be a number"),
    ({"cost_fn": 10, "cost_fp": float("inf")}, "cost_fp must be a positive"),
    ({"cost_fn": 10, "n_splits": 1}, "n_splits must be at least 2"),
])
def test_bad_options_are_refused_before_anything_is_written(tmp_path, kwargs, message):
    out = tmp_path / "report"
    with pytest.raises((TypeError, ValueError), match=message):
        il.report(il.load_clinical_data(), target="diagnosis", out=out, **kwargs)
    assert not out.exists()


def test_too_few_positives_for_the_folds(tmp_path):
    frame = il.load_clinical_data()
    frame = pd.concat([frame[frame.diagnosis == 0], frame[frame.diagnosis == 1].head(7)])
    with pytest.raises(ValueError, match="at least 10 rows of each class"):
        il.report(frame, target="diagnosis", cost_fn=10, out=tmp_path / "r")
    assert not (tmp_path / "r").exists()


# ------------------------------------------------------------------ parameters reach the kernel as literals only
def test_parameters_are_injected_as_literals_only():
    awkward = 'x"\n__import__("os").system("echo hi")  # \'\\'
    cell = reporting._parameter_cell({"TARGET": awkward, "NOMINAL": ["a", "b'c"], "COST_FN": 2.5, "POS_LABEL": None})
    tree = ast.parse(cell.source)
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert values == {"TARGET": awkward, "NOMINAL": ["a", "b'c"], "COST_FN": 2.5, "POS_LABEL": None}
    with pytest.raises(TypeError):
        reporting._parameter_cell({"TARGET": object()})
    with pytest.raises(ValueError):
        reporting._parameter_cell({"COST_FN": float("nan")})


def test_template_ships_in_the_package_with_a_parameters_cell():
    import nbformat

    nb = nbformat.read(reporting.TEMPLATE, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert not [c for c in nb.cells if c.cell_type == "code" and c.outputs], "the template is stored unexecuted"
    headings = [line.lstrip("# ").strip() for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("## ")]
    assert headings == SECTIONS
    assert (reporting.HTML_TEMPLATE / "report_html" / "index.html.j2").is_file()
