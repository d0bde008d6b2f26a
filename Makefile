# `make demo` and `make test` work on a fresh clone: the venv is built here, torch first (the local CPU build).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean-venv

install: $(STAMP)

# Reinstalls only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP) models/default/model.json
	$(PY) scripts/demo.py

# The default model is trained once; delete models/default to retrain it.
models/default/model.json: | $(STAMP)
	$(PY) scripts/train.py name=default

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(PY) scripts/bench_countries.py

clean-venv:
	rm -rf $(VENV)
