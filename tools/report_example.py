"""Write the stored example of `imbalance-lab report`: docs/report_example/ and docs/img/report.png.

Usage: python tools/report_example.py [--out-dir docs/report_example]

Runs the report on a bundled real data set (ACTG 320: 1,151 HIV trial patients,
96 with AIDS or death; a missed event costs 5 false alarms) and keeps:

* ``docs/report_example/excerpt.md``: the command and the key numbers of the
  report -- the strategy comparison, calibration, the chosen threshold with its
  intervals, the paired comparison and the TRIPOD+AI paragraph -- written from
  its ``report.json`` (the lesson on key takeaways shows it);
* ``docs/report_example/report.json``: those numbers, as the report wrote them;
* ``docs/img/report.png``: a screenshot of the HTML report's comparison
  section (the README shows it), taken in headless Chromium (found as the
  browser tests find it; skipped with a message when there is none).

The full report (notebook and HTML) is written to a temporary folder and not kept.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET, TARGET, COST_FN = "actg320.csv", "aids_or_death", 5
COMMAND = f"imbalance-lab report data/{DATASET} --target {TARGET} --nominal raceth,ivdrug,txgrp --cost-fn {COST_FN}"


def excerpt(summary: dict) -> str:
    """The report's key numbers as Markdown."""
    cal = summary["calibration"]
    rows = [
        "| strategy | ROC-AUC | PR-AUC | cost per patient | calibration intercept | calibration slope |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, cv in summary["cv"].items():
        rows.append(
            f"| {name} | {cv['roc_auc']['mean']:.3f} ± {cv['roc_auc']['sd']:.3f} | {cv['pr_auc']['mean']:.3f} "
            f"| {cv['cost_per_patient']['mean']:.3f} | {cal[name]['intercept']:.2f} | {cal[name]['slope']:.2f} |"
        )
    t = summary["threshold"]
    measures = ", ".join(
        f"{name} {m['value']:.2f} ({m['low']:.2f}-{m['high']:.2f})" for name, m in t["measures"].items()
    )
    p = summary["paired"]
    d = summary["decision_curve"]
    design = summary["cv_design"]
    return "\n".join([
        f"**`{COMMAND}`** on the ACTG 320 trial data ({summary['n_used']:,} patients, {summary['n_positive']} "
        f"with AIDS or death, prevalence {summary['prevalence']:.1%}); an excerpt of `report.html`:",
        "",
        f"*Section 2: {design['n_splits']}-fold stratified cross-validation repeated {design['n_repeats']} times "
        f"(seed {design['random_state']}), mean ± SD over folds; section 3: out-of-fold calibration.*",
        "",
        *rows,
        "",
        f"*Section 4:* threshold chosen by cross-validation from the costs: **{t['chosen']:.3f}** "
        f"(cost threshold for calibrated risks {t['cost_threshold']:.3f}); {measures} "
        "(Wilson 95 % intervals, nested cross-validation).",
        "",
        f"*Section 5:* net benefit at that threshold {d['model']:.4f}, against {d['treat_all']:.4f} for treating "
        "everybody and 0 for treating nobody.",
        "",
        f"*Section 6:* {p['a']} minus {p['b']}, ROC-AUC on the same patients: {p['roc_auc_difference']:+.3f} "
        f"(paired bootstrap 95 % interval {p['interval'][0]:+.3f} to {p['interval'][1]:+.3f}); exact McNemar "
        f"p = {p['mcnemar_p']:.3g}.",
        "",
        "*Section 7 (TRIPOD+AI item 13):*",
        "",
        "> " + html.unescape(summary["tripod_paragraph"]).strip() + " **[WHY: ... your team writes this]**",
        "",
    ])


def screenshot(report_html: Path, png: Path) -> str:
    spec = importlib.util.spec_from_file_location("find_browser", ROOT / "tests" / "browser" / "find_browser.py")
    find_browser = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(find_browser)
    executable = find_browser.find()
    if executable is None:
        return f"no screenshot: {find_browser.missing()}"
    from playwright.sync_api import sync_playwright

    flags = ["--disable-gpu", "--disable-dev-shm-usage"] + (["--no-sandbox"] if find_browser.is_root() else [])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=flags)
        page = browser.new_page(viewport={"width": 1150, "height": 900}, device_scale_factor=1)
        page.goto(report_html.as_uri())
        top = page.get_by_role("heading", name="2. Comparing strategies").bounding_box()["y"]
        bottom = page.get_by_role("heading", name="3. Calibration").bounding_box()["y"]
        page.screenshot(path=str(png), full_page=True,
                        clip={"x": 0, "y": top - 10, "width": 1150, "height": bottom - top})
        browser.close()
    return f"wrote {png.relative_to(ROOT)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "report_example")
    ap.add_argument("--image", type=Path, default=ROOT / "docs" / "img" / "report.png")
    args = ap.parse_args(argv)
    from imbalance_lab import report

    with tempfile.TemporaryDirectory() as tmp:
        result = report(ROOT / "data" / DATASET, target=TARGET, nominal=["raceth", "ivdrug", "txgrp"],
                        cost_fn=COST_FN, out=Path(tmp) / "report", progress=True, command=COMMAND)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        (args.out_dir / "excerpt.md").write_text(excerpt(result.summary), encoding="utf-8")
        summary = {k: v for k, v in result.summary.items() if k != "seconds"}  # the one value that varies
        (args.out_dir / "report.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        args.image.parent.mkdir(parents=True, exist_ok=True)
        print(screenshot(result.html, args.image))
        shutil.rmtree(result.folder, ignore_errors=True)
    print(f"wrote {args.out_dir.relative_to(ROOT)}/excerpt.md and report.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
