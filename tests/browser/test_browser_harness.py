"""The browser harness passes working widgets and catches broken ones:
a frozen readout, a lagging readout, and widgets that do not render.

Without these, a harness that checks nothing would pass every lesson too.
The fixture notebooks are in tests/browser/fixture_notebooks.py.
"""
from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lab_harness import SUPPORTED, WidgetCheckFailed, check_notebook, notebooks_with_widgets


def test_discovery_finds_widget_notebooks_only(tmp_path, served):
    _, fixtures = served
    plain = tmp_path / "plain.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# x"), new_code_cell("explorer = 1")]), plain)
    stored = tmp_path / "stored.ipynb"
    cell = new_code_cell("make_something()")
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2}})]
    nbformat.write(new_notebook(cells=[cell]), stored)
    (tmp_path / "exercises").mkdir()
    nbformat.write(nbformat.read(fixtures["working"], as_version=4), tmp_path / "exercises" / "stub.ipynb")
    assert notebooks_with_widgets(tmp_path) == [stored]
    assert notebooks_with_widgets(fixtures["working"].parent) == sorted(fixtures.values())


def test_working_explorers_pass(page, lab, served):
    root, fixtures = served
    report = check_notebook(page, lab, fixtures["working"], root)
    assert len(report.explorers) == 2 and report.widget_views == 2
    moved = {(m.control, m.how) for moves in report.explorers for m in moves}
    assert moved == {("n", "drag"), ("n", "arrow keys"), ("prevalence", "drag"), ("prevalence", "arrow keys"),
                     ("model", "select option"), ("share", "drag"), ("share", "arrow keys"),
                     ("cost", "drag"), ("cost", "arrow keys")}
    assert len(SUPPORTED) == 5  # one control of every supported type is in the fixture
    assert all(m.readout_changed for moves in report.explorers for m in moves)
    assert all(m.figure_changed for m in report.explorers[0])
    assert not any(m.figure_changed for m in report.explorers[1])  # an explorer without a figure


def test_a_readout_that_ignores_its_control_fails(page, lab, served):
    root, fixtures = served
    with pytest.raises(WidgetCheckFailed, match="readout never changed while 'threshold' was moved"):
        check_notebook(page, lab, fixtures["frozen"], root)


def test_a_readout_that_lags_behind_its_control_fails(page, lab, served):
    root, fixtures = served
    with pytest.raises(WidgetCheckFailed, match="is not what the kernel computes|readout changed again"):
        check_notebook(page, lab, fixtures["lagging"], root, settle_timeout_ms=3000)


def test_a_widget_that_does_not_render_fails(page, lab_without_widget_manager, served):
    root, fixtures = served
    with pytest.raises(WidgetCheckFailed, match=r"displays 2 widget\(s\), JupyterLab rendered 0"):
        check_notebook(page, lab_without_widget_manager, fixtures["working"], root)


def _default(lab, plugin: str, key: str):
    """A setting's default as the server hands it out (overrides.json applied)."""
    return lab.api("GET", f"/lab/api/settings/{plugin}")["schema"]["properties"][key]["default"]


def test_the_server_runs_with_the_harness_settings(lab):
    assert _default(lab, "@jupyterlab/notebook-extension:tracker", "windowingMode") == "none"
    assert _default(lab, "@jupyterlab/apputils-extension:notification", "fetchNews") == "false"
    assert _default(lab, "@jupyterlab/apputils-extension:notification", "checkForUpdates") is False
    assert _default(lab, "@jupyterlab/docmanager-extension:plugin", "autosave") is False
    assert lab.api("GET", "/api/kernelspecs")["default"] == "python3"
