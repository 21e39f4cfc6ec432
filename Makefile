# Survivor Voices: the two commands a user needs (`make demo`, `make test`) and `make bench`.
# Each creates .venv when missing and installs the toolkit into it; nothing else is needed
# on the machine beyond Python 3.11+, pip and make.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# torch is installed first, on its own, so its build is chosen here rather than by a
# dependency. The plain package index (PyPI) serves the CUDA build on Linux (several GB with its
# nvidia-* wheels); for the CPU-only build, point pip at PyTorch's CPU wheel index:
#   make install PIP_TORCH_ARGS="--index-url https://download.pytorch.org/whl/cpu"
# (or a local wheel cache with --find-links). See README, "Install".
TORCH_SPEC ?= torch==2.13.0
PIP_TORCH_ARGS ?=

.PHONY: demo test bench install install-test clean wheel-demo

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(PIP_TORCH_ARGS) "$(TORCH_SPEC)"
	$(PIP) install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/voices run data/demo --out outputs/demo

# -rs lists every skip with its reason; under CI=true a skipped browser, LibreOffice or
# shared-data test fails the run (tests/conftest.py). Two worker processes (pytest-xdist), a
# test file to one worker (--dist loadfile: a module's fixtures are built once): on the 2-core
# machine the suite takes 10 min 41 s instead of 15 min 11 s. TEST_WORKERS=0 runs it in this
# process alone.
TEST_WORKERS ?= 2
test: install
	$(PY) -m pytest -q -rs --durations=25 -n $(TEST_WORKERS) --dist loadfile

# The built wheel, installed outside the source tree, runs the demo on its own (CI runs this).
wheel-demo: install
	$(PY) tools/wheel_demo.py

bench: install
	$(PIP) install --quiet -e ".[test,bench]"
	$(PY) benchmarks/run.py

clean:
	rm -rf outputs/demo $(VENV)
