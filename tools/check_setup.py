"""Pre-workshop check: is this laptop ready for the course?

Run it the day before a workshop, from the project folder:

    make check                      # the pip/.venv path
    python tools/check_setup.py     # conda, or any environment that is active

It prints one line per requirement, each ``ok``, ``WARN`` or ``FAIL`` with what
to do when it is not ok, and exits 1 when something fails:

1. the Python version (the floor of pyproject.toml, and the tested versions);
2. every package at the version of requirements/lock.txt, and imbalance_lab;
3. a Jupyter kernel starts;
4. the first cells of 00_start_here.ipynb run in it (imports, data, a figure);
5. a widget renders: the lesson's explorer builds its widget model state in the
   kernel, and JupyterLab has the ipywidgets extension that draws it
   (the browser itself is optional: it is only for the course's own tests).

``--python-only`` checks only the interpreter (``make`` runs it first). This
file must stay importable by old Pythons, so that an old interpreter gets the
one-line answer rather than a SyntaxError: no syntax newer than 3.6 here.
"""
import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The lesson's code cells that run, up to and including the first widget.
FIRST_CELLS_UP_TO = "prevalence_explorer("
KERNEL_TIMEOUT_S = 120


def python_requirements(pyproject=ROOT / "pyproject.toml"):
    """(floor as a tuple, tested minor versions) from pyproject.toml, without tomllib."""
    text = pyproject.read_text(encoding="utf-8")
    floor = re.search(r'^requires-python\s*=\s*">=\s*([\d.]+)"', text, re.M).group(1)
    tested = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', text)
    return tuple(int(x) for x in floor.split(".")), tested


def python_verdict(version, floor, tested, executable="python", goal="setup", in_venv=False):
    """(status, line) for an interpreter ``version`` (a 3-tuple); ``in_venv``: it is .venv's own."""
    found = "Python {} at {}".format(".".join(map(str, version[:3])), executable)
    needs = "needs >={}".format(".".join(map(str, floor)))
    tested_text = "tested on {}".format(", ".join(tested))
    floor_text = ".".join(map(str, floor))
    choose = "choose another: {}make {} PYTHON=python{} (conda: conda create -n imbalance-lab python={})".format(
        "make clean && " if in_venv else "", goal, tested[-1], tested[-1])
    if tuple(version[:3]) < tuple(floor):
        choose = ("choose a Python {} or newer (python.org, pyenv, uv or conda): {}make {} PYTHON=/path/to/python{}; "
                  "conda: conda create -n imbalance-lab 'python>={}'").format(
            floor_text, "make clean && " if in_venv else "", goal, tested[-1], floor_text)
        return "FAIL", "{}: too old, imbalance-lab {} (the locked packages need it; {}). {}".format(
            found, needs, tested_text, choose)
    minor = "{}.{}".format(version[0], version[1])
    if minor not in tested:
        return "WARN", "{}: {} ok, but the lock is {} only; if set-up fails, {}".format(
            found, needs, tested_text, choose)
    return "ok", "{}: {}, {}".format(found, needs, tested_text)


def _line(status, what, text):
    print("{:4}  {:9} {}".format(status, what, text), flush=True)


def check_python(goal="setup", quiet_when_ok=False):
    floor, tested = python_requirements()
    in_venv = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    status, text = python_verdict(sys.version_info, floor, tested, sys.executable, goal, in_venv)
    if status != "ok" or not quiet_when_ok:
        _line(status, "python", text)
    return status


def check_packages(lock=ROOT / "requirements" / "lock.txt"):
    from importlib.metadata import PackageNotFoundError, version

    pins = {}
    for line in lock.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, pinned = line.split("==")
            pins[name] = pinned
    wrong = []
    for name, pinned in sorted(pins.items()):
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            wrong.append("{} {} (lock {})".format(name, installed, pinned))
    fix = ("run 'make setup' (pip), or 'python -m pip install -r requirements/lock.txt' in the active environment "
           "(conda: 'conda env update -f environment.yml')")
    if wrong:
        _line("FAIL", "packages", "{} of {} differ from requirements/lock.txt: {}{}; {}".format(
            len(wrong), len(pins), ", ".join(wrong[:6]), ", ..." if len(wrong) > 6 else "", fix))
        return "FAIL"
    try:
        import imbalance_lab
        from imbalance_lab.datasets import DATA_DIR
    except Exception as exc:  # report any import failure as the one line
        _line("FAIL", "packages", "all {} at the locked versions, but 'import imbalance_lab' fails ({}: {}); "
              "run 'python -m pip install --no-deps -e .' in the project folder".format(len(pins), type(exc).__name__, exc))
        return "FAIL"
    if not (DATA_DIR / "clinical_data.csv").is_file():
        _line("FAIL", "packages", "imbalance_lab finds no data in {}; run the course from the project folder, "
              "or reinstall it: 'python -m pip install --no-deps -e .'".format(DATA_DIR))
        return "FAIL"
    _line("ok", "packages", "all {} at the locked versions; imbalance_lab {} with its data in {}".format(
        len(pins), imbalance_lab.__version__, DATA_DIR))
    return "ok"


def _first_cells(lesson, up_to=FIRST_CELLS_UP_TO):
    import nbformat

    nb = nbformat.read(str(lesson), as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            cells.append(cell)
            if up_to in cell.source:
                break
    else:
        raise ValueError("{} has no code cell with {!r}".format(lesson.name, up_to))
    nb.cells = cells
    return nb


WIDGET_STATE = """\
import json as _json
print(_json.dumps({"view": explorer.get_state()["_view_name"], "model": explorer.model_id,
                   "children": [child.get_state()["_view_name"] for child in explorer.children],
                   "controls": sorted(explorer.controls)}))
"""
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _stdout(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def widget_extension():
    """Folder of JupyterLab's ipywidgets extension (what draws widgets in the page), or None."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        candidate = Path(folder) / "@jupyter-widgets" / "jupyterlab-manager"
        if (candidate / "package.json").is_file():
            return candidate
    return None


def first_lesson():
    """The notebook of the lesson 'start_here', through the course's lesson registry."""
    from imbalance_lab.lessons import lesson

    return ROOT / "notebooks" / lesson("start_here").filename


def check_kernel_lesson_widget(lesson=None):
    """Lines 3-5: the kernel starts, the lesson's first cells run, a widget renders."""
    import json
    import subprocess

    import nbformat
    from nbclient import NotebookClient

    lesson = lesson or first_lesson()
    nb = _first_cells(lesson)
    n_lesson_cells = len(nb.cells)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import sys; print(sys.version.split()[0], sys.executable)"))
    nb.cells.append(nbformat.v4.new_code_cell(WIDGET_STATE))
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "python3")
    client = NotebookClient(nb, timeout=KERNEL_TIMEOUT_S, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(lesson.parent)}})
    index = -1
    try:
        # The kernel's own start-up warnings would break the one-line-per-check report.
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
                if index == 0:
                    version, executable = _stdout(cell).split()[:2]
                    _line("ok", "kernel", "'{}' starts and runs code: Python {} at {}".format(kernel_name, version, executable))
    except Exception as exc:  # no kernel, a cell error or a timeout: say which step
        last = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][:300]
        if index <= 0:
            _line("FAIL", "kernel", "'{}' does not start or run code ({}: {}). In the course environment run "
                  "'python -m ipykernel install --sys-prefix', then check again".format(kernel_name, type(exc).__name__, last))
            _line("FAIL", "lesson", "not checked: no kernel")
            _line("FAIL", "widget", "not checked: no kernel")
        elif index <= n_lesson_cells:
            _line("FAIL", "lesson", "{}: code cell {} of {} fails: {}. Fix the 'packages' line first; then "
                  "'make setup' (conda: 'python -m pip install -r requirements/lock.txt')".format(
                      lesson.name, index, n_lesson_cells, last))
            _line("FAIL", "widget", "not checked: the lesson's cells before it failed")
        else:
            _line("ok", "lesson", "{}: its first {} code cells run".format(lesson.name, n_lesson_cells))
            _line("FAIL", "widget", "the explorer's widget state does not build: {}; reinstall ipywidgets at "
                  "the locked version ('make setup')".format(last))
        return "FAIL"
    _line("ok", "lesson", "{}: its first {} code cells run (imports, lock check, data, explorer)".format(
        lesson.name, n_lesson_cells))

    shown = [o["data"][WIDGET_MIME]["model_id"] for o in nb.cells[n_lesson_cells].get("outputs", [])
             if WIDGET_MIME in o.get("data", {})]
    state = json.loads(_stdout(nb.cells[-1]).strip().splitlines()[-1])
    extension = widget_extension()
    if not shown or shown[0] != state["model"] or state["view"] != "VBoxView" or not state["children"]:
        _line("FAIL", "widget", "the explorer displays no widget view (outputs: {}); reinstall ipywidgets at "
              "the locked version ('make setup')".format(shown))
        return "FAIL"
    if extension is None:
        _line("FAIL", "widget", "the explorer's model builds, but JupyterLab lacks the ipywidgets extension "
              "(@jupyter-widgets/jupyterlab-manager), so it would show 'VBox(...)' as text; reinstall "
              "jupyterlab_widgets at the locked version ('make setup') and restart JupyterLab")
        return "FAIL"
    _line("ok", "widget", "the explorer's widget model builds ({} with {}; controls: {}) and JupyterLab has the "
          "ipywidgets extension ({})".format(state["view"], ", ".join(state["children"]),
                                             ", ".join(state["controls"]), extension))
    return "ok"


def check_browser():
    """Optional: a browser for the course's own browser tests (learners use their own browser)."""
    import subprocess

    finder = ROOT / "tests" / "browser" / "find_browser.py"
    if not finder.is_file():
        return "ok"
    done = subprocess.run([sys.executable, str(finder)], cwd=str(ROOT), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    text = (done.stdout.strip().splitlines() or ["(no answer)"])[-1]
    if done.returncode == 0:
        _line("ok", "browser", "for the browser tests (optional): {}".format(text))
        return "ok"
    _line("info", "browser", "optional, only for the course's browser tests (your own browser opens the lessons): {}".format(text))
    return "ok"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python-only", action="store_true", help="check only the interpreter (make runs this first)")
    parser.add_argument("--make-goal", default="setup", help=argparse.SUPPRESS)
    parser.add_argument("--python-printed", action="store_true", help=argparse.SUPPRESS)  # make printed it already
    args = parser.parse_args(argv)
    if args.python_only:
        return 1 if check_python(args.make_goal) == "FAIL" else 0
    os.chdir(str(ROOT))
    statuses = [check_python(args.make_goal, quiet_when_ok=args.python_printed)]
    if statuses[0] == "FAIL":
        return 1
    for check in (check_packages, check_kernel_lesson_widget, check_browser):
        try:
            statuses.append(check())
        except Exception as exc:  # a check that cannot even run is a failure to report, not a traceback
            _line("FAIL", check.__name__.replace("check_", "").split("_")[0],
                  "could not run ({}: {}); fix the lines above (usually: 'make setup'), then check again".format(
                      type(exc).__name__, str(exc)[:300]))
            statuses.append("FAIL")
    failed = statuses.count("FAIL")
    print("Ready for the workshop." if not failed else
          "{} check(s) failed: do what the FAIL line says, then run this again.".format(failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
