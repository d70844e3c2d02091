"""The guard every lesson runs under (tests/ipython) really guards.

nbval and tools/execute_notebooks.py start kernels with IPYTHONDIR=tests/ipython.
These tests run small notebooks in such a kernel and check that a network
connection to another host, a FutureWarning and a DeprecationWarning each
stop the notebook, while loopback connections and ordinary code still work.
"""
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent


def _run(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    assert os.environ["IPYTHONDIR"] == str(ROOT / "tests" / "ipython")  # set by conftest.py
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


@pytest.fixture(scope="module")
def guarded_results():
    """One kernel start for the checks that must succeed."""
    return _run(
        "import socket, warnings\n"
        "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()\n"
        "cli = socket.create_connection(srv.getsockname(), timeout=5); cli.close(); srv.close()\n"
        "print('loopback ok')",
        "warnings.warn('plain user warning', UserWarning)\nprint('user warnings still only warn')",
    )


def test_loopback_and_ordinary_warnings_still_work(guarded_results):
    texts = "".join(o.get("text", "") for c in guarded_results.cells for o in c.outputs)
    assert "loopback ok" in texts
    assert "user warnings still only warn" in texts


@pytest.mark.parametrize(
    "source, error",
    [
        # The sockets are closed first: should the guard ever fail, connect()
        # fails at once on the closed descriptor and no packet leaves the
        # machine. Every library (urllib, requests, http.client) ends in
        # socket.connect, which is what the guard wraps.
        ("import socket\ns = socket.socket(); s.close()\ns.connect(('192.0.2.1', 80))", "NetworkBlockedError"),
        ("import socket\ns = socket.socket(socket.AF_INET6); s.close()\ns.connect_ex(('2001:db8::1', 80, 0, 0))", "NetworkBlockedError"),
        ("import warnings\nwarnings.warn('old API', FutureWarning)", "FutureWarning"),
        ("import warnings\nwarnings.warn('old API', DeprecationWarning)", "DeprecationWarning"),
    ],
)
def test_guard_stops_network_and_deprecations(source, error):
    with pytest.raises(CellExecutionError, match=error):
        _run(source)
