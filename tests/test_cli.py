"""The imbalance-lab command, run as a learner runs it: in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imbalance_lab.cli import main
from imbalance_lab.lessons import lesson

ROOT = Path(__file__).resolve().parent.parent
CLINICAL = ROOT / "data" / "clinical_data.csv"
SCRIPT = Path(sys.executable).parent / "imbalance-lab"


def command() -> list[str]:
    """The installed console script when there is one, else the module."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "imbalance_lab.cli"]


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def assert_one_line_error(result, *fragments):
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("imbalance-lab: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_help():
    top = run("--help")
    assert top.returncode == 0 and "audit" in top.stdout and top.stderr == ""
    sub = run("audit", "--help")
    assert sub.returncode == 0
    for option in ("--target", "--pos-label", "--positive", "--nominal", "--sep", "--decimal", "--format", "--output"):
        assert option in sub.stdout
    assert "FILE" in sub.stdout and "standard input" in sub.stdout


def test_audit_clinical_data():
    result = run("audit", CLINICAL, "--target", "diagnosis")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Imbalance audit of target 'diagnosis': 1,000 rows, 2 classes" in out
    assert out.splitlines()[1].startswith("  Positive class 1, inferred")
    assert "950" in out and "95.0%" in out and "5.0%" in out
    assert "Imbalance ratio 19.0:1, band 'act'" in out
    for slug in ("metrics", "resampling_in_pipelines", "class_weights", "thresholds_and_costs", "calibration"):
        assert f"(see {lesson(slug).filename})" in out


def test_output_equals_the_python_report():
    from imbalance_lab import audit
    from imbalance_lab.datasets import load_clinical_data

    expected = str(audit(load_clinical_data(), target="diagnosis", pos_label=1))
    result = run("audit", CLINICAL, "--target", "diagnosis", "--pos-label", "1")
    assert result.stdout.rstrip("\n") == expected


def test_positive_is_an_alias_of_pos_label(capsys):
    for option in ("--pos-label", "--positive", "-p"):
        assert main(["audit", str(CLINICAL), "--target", "diagnosis", option, "0"]) == 0
        assert "Positive class 0, as given." in capsys.readouterr().out


def test_messy_csv_with_string_labels(tmp_path):
    rng = np.random.default_rng(1)
    n = 90
    frame = pd.DataFrame(
        {
            "patient_id": [f"T{i:03d}" for i in range(n)],
            "age": rng.integers(20, 80, n),
            "sex": rng.choice(["M", "F"], n),
            "pregnant": rng.choice(["yes", "no"], n),
            "TSH": rng.gamma(2, 2, n).round(2).astype(str),
            "class": ["negative"] * 75 + ["hypothyroid"] * 9 + [""] * 6,
        }
    )
    frame.loc[[2, 4], "TSH"] = "?"
    path = tmp_path / "thyroid.csv"
    frame.to_csv(path, index=False)
    result = run("audit", path, "--target", "class", "--pos-label", "hypothyroid")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "6 rows have no target value" in out
    assert "hypothyroid" in out and "9" in out and "positive" in out
    assert "TSH 2 (as '?')" in out
    assert "ID-like columns" in out and "patient_id" in out
    assert "'hypothyroid': 9 rows (few)" in out  # too few to interpolate meaningfully


def test_json_format(capsys):
    assert main(["audit", str(CLINICAL), "--target", "diagnosis", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["imbalance_ratio"] == 19.0 and facts["imbalance_band"] == "act"
    assert facts["class_counts"] == {"0": 950, "1": 50}
    assert facts["pos_label"] == "1" and facts["pos_label"] in facts["class_counts"]  # one type for labels


def test_markdown_and_html_links_work_from_anywhere(tmp_path, capsys):
    metrics = lesson("metrics")
    notebook = (ROOT / "notebooks" / metrics.filename).resolve()
    assert main(["audit", str(CLINICAL), "--target", "diagnosis", "--format", "markdown"]) == 0
    assert f"[{metrics.stem}]({notebook.as_uri()})" in capsys.readouterr().out  # printed: absolute links
    out = tmp_path / "reports" / "audit.md"
    out.parent.mkdir()
    assert main(["audit", str(CLINICAL), "--target", "diagnosis", "--format", "markdown", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    link = os.path.relpath(notebook, out.parent)
    assert f"[{metrics.stem}]({link})" in out.read_text() and (out.parent / link).resolve() == notebook
    page = tmp_path / "audit.html"
    assert main(["audit", str(CLINICAL), "--target", "diagnosis", "--format", "html", "--output", str(page)]) == 0
    assert f'<a href="{os.path.relpath(notebook, tmp_path)}">' in page.read_text()


def test_semicolon_file(tmp_path, capsys):
    path = tmp_path / "export.csv"
    pd.DataFrame({"x": range(20), "y": [0] * 15 + [1] * 5}).to_csv(path, sep=";", index=False)
    ok = run("audit", path, "--target", "y")  # detected
    assert ok.returncode == 0 and "Imbalance ratio 3.0:1, band 'mild'" in ok.stdout
    for sep, message in ((",", "--sep ';'"), (";;", "sep must be one character")):
        assert main(["audit", str(path), "--target", "y", "--sep", sep]) == 1
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("imbalance-lab: error: ") and message in captured.err


# --------------------------------------------------------------- errors
def test_missing_file(tmp_path):
    assert_one_line_error(run("audit", tmp_path / "nope.csv", "--target", "y"), "no file at", "nope.csv")


def test_folder_instead_of_file(tmp_path):
    assert_one_line_error(run("audit", tmp_path, "--target", "y"), "is a folder")


def test_binary_file(tmp_path, capsys):
    path = tmp_path / "workbook.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    assert_one_line_error(run("audit", path, "--target", "y"), "neither a text CSV file nor a readable archive")
    other = tmp_path / "scan.csv"
    other.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert main(["audit", str(other), "--target", "y"]) == 1
    assert "not a text CSV file (binary content" in capsys.readouterr().err


def test_unparsable_csv(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("a,b,y\n1,2,0\n1,2,3,4,5\n1,2,1\n")
    assert_one_line_error(run("audit", path, "--target", "y"), "not a well-formed CSV", "line 3")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert_one_line_error(run("audit", path, "--target", "y"), "is empty")


def test_header_only(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("x,y\n")
    assert_one_line_error(run("audit", path, "--target", "y"), "no rows")


def test_wrong_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("patient,y\nJosé,0\nZoë,1\n".encode("latin-1"))
    assert_one_line_error(run("audit", path, "--target", "y"), "--encoding latin-1", "(line 2, byte 14 of the file)")


def test_missing_target_lists_the_columns():
    result = run("audit", CLINICAL, "--target", "outcome")
    assert_one_line_error(result, "no column 'outcome'", "age, male, bmi", "diagnosis")


def test_target_with_one_class(tmp_path):
    path = tmp_path / "one.csv"
    pd.DataFrame({"x": range(5), "y": [1] * 5}).to_csv(path, index=False)
    assert_one_line_error(run("audit", path, "--target", "y"), "single class")


def test_target_all_missing(tmp_path):
    path = tmp_path / "unlabelled.csv"
    path.write_text("x,y\n1,\n2,\n3,\n")
    assert_one_line_error(run("audit", path, "--target", "y"), "missing in all 3 rows")


def test_unknown_positive_label():
    assert_one_line_error(
        run("audit", CLINICAL, "--target", "diagnosis", "--pos-label", "sick"), "pos_label='sick'", "[0, 1]"
    )


def test_usage_errors_exit_2():
    missing_target = run("audit", CLINICAL)
    assert missing_target.returncode == 2 and "--target" in missing_target.stderr
    assert "Traceback" not in missing_target.stderr
    no_command = run()
    assert no_command.returncode == 2 and "audit" in no_command.stderr


def test_main_in_process(capsys):
    assert main(["audit", str(CLINICAL), "--target", "diagnosis"]) == 0
    assert "band 'act'" in capsys.readouterr().out
    assert main(["audit", str(CLINICAL), "--target", "nope"]) == 1
    assert capsys.readouterr().err.startswith("imbalance-lab: error: ")
    with pytest.raises(TypeError, match="list of strings"):
        main("audit data.csv")


def test_module_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "imbalance_lab.cli", "audit", str(CLINICAL), "--target", "diagnosis"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0 and "band 'act'" in result.stdout
