# imbalance-lab: two commands for users (make lab, make test), a few for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements/lock.txt
PORT   ?= 8888

.DEFAULT_GOAL := help
.PHONY: help setup lab test test-unit test-notebooks refresh data lock clean

help:
	@echo "make lab      set up .venv (first time only) and open the lessons in JupyterLab"
	@echo "make test     set up .venv (first time only) and run every test, every lesson included"
	@echo "make refresh  re-execute every lesson in place (after a deliberate change)"
	@echo "make data     rewrite data/*.csv from their generators"
	@echo "make exercises  regenerate notebooks/exercises/ from notebooks/solutions/"
	@echo "make docs     build the offline HTML site into _build/html/"
	@echo "make timings  time every lesson and update docs/instructor_guide.md (RUNS=n)"
	@echo "make bench    benchmark lessons, widgets, threshold sweep, import (ARGS=--quick)"
	@echo "make test-browser  run the lessons' widgets in JupyterLab in headless Chromium"

# The venv is (re)built only when the lock file or pyproject.toml changes,
# so a second 'make lab' or 'make test' installs nothing.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r $(LOCK)
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	$(BIN)/python -m pip check
	@touch $(STAMP)

setup: $(STAMP)

# Jupyter refuses to run as root unless told; a container or CI user is often root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --port=$(PORT) $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: setup chromium
	$(BIN)/python -m pytest

# The browser tests (tests/browser) drive JupyterLab in Debian's Chromium;
# install it when missing. If that fails the browser tests fail and say why.
.PHONY: chromium test-browser
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo -n"; fi; \
	  echo "Installing Debian's chromium for the browser tests (apt-get)"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || \
	  echo "WARNING: could not install chromium; the browser tests will fail. Install it: apt-get install chromium"; }

test-browser: setup chromium
	$(BIN)/python -m pytest tests/browser tests/test_lab_server.py

test-unit: setup
	$(BIN)/python -m pytest tests -m "not notebook and not browser"

refresh: setup
	$(BIN)/python tools/execute_notebooks.py $(or $(NB),notebooks)

data: setup
	$(BIN)/python -c "from imbalance_lab.datasets import write_data_files; print(*write_data_files(), sep='\n')"

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
