# Survivor Voices: the two commands a user needs (`make demo`, `make test`) and `make bench`.
# Each creates .venv when missing and installs the toolkit into it; nothing else is needed
# on the machine beyond Python 3.11+, pip and make.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# The CPU build of torch keeps the install small; pip takes it from PyPI (or a local wheel
# cache) before the toolkit so nothing pulls a several-GB GPU build as a side effect.
TORCH_SPEC ?= torch==2.13.0

.PHONY: demo test bench install install-test clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "$(TORCH_SPEC)"
	$(PIP) install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/voices run data/demo --out outputs/demo

test: install
	$(PY) -m pytest -q

bench: install
	$(PIP) install --quiet -e ".[test,bench]"
	$(PY) benchmarks/run.py

clean:
	rm -rf outputs/demo $(VENV)
