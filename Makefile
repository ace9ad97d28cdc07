# Minute Taker — developer tasks.
#
# Needs only Python 3.11+ and GNU make. Everything else is installed into a
# local virtual environment (.venv) on first use.
#
#   make run     start the app            (extra arguments: make run ARGS="--help")
#   make demo    start the app with demo data
#   make test    ruff + import-linter + mypy + pytest   (extra: make test PYTEST_ARGS="-k agenda")
#                on up to 4 cores (make test PYTEST_JOBS= runs it in one process)
#   make bench   run the benchmark suite  (extra: make bench BENCH_ARGS="--only startup")
#   make dist    frozen app in dist/minute-taker/ and a Linux tarball (packaging/README.md)
#   make dist-check   smoke-test the frozen app: start, import, export every format, verify
#   make clean   remove caches and build output (make distclean also removes .venv)
#
# Use another interpreter for the venv with: make PYTHON=python3.12 run
#
# On Windows (no make, no bin/ folder in the venv) the equivalent commands are
# listed in README.md.

PYTHON      ?= python3
VENV        ?= .venv
VENV_BIN    := $(VENV)/bin
VENV_PYTHON := $(VENV_BIN)/python
# Touched after a successful install; the install is redone only when
# pyproject.toml is newer than this file.
STAMP       := $(VENV)/.minute-taker-installed

ARGS        ?=
PYTEST_ARGS ?=
# pytest-xdist: a worker a core, at most 4 (each starts its own PostgreSQL for the
# team-book tests); "make test PYTEST_JOBS=" runs every test in one process.
PYTEST_JOBS ?= -n auto --maxprocesses=4
BENCH_ARGS  ?=

.DEFAULT_GOAL := help
.PHONY: help install run demo test lint bench dist dist-check clean distclean

help:
	@echo "Targets: run, demo, test, lint, bench, dist, dist-check, clean, distclean"
	@echo "Variables: PYTHON=$(PYTHON) ARGS=... PYTEST_ARGS=... BENCH_ARGS=..."

# --- environment ------------------------------------------------------------

$(VENV_PYTHON):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# --- running ----------------------------------------------------------------

run: $(STAMP)
	$(VENV_BIN)/minute-taker $(ARGS)

demo: $(STAMP)
	$(VENV_BIN)/minute-taker --demo $(ARGS)

# --- checks -----------------------------------------------------------------

# import-linter without its cache: a cached graph once kept a removed import alive.
lint: $(STAMP)
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/lint-imports --no-cache
	$(VENV_BIN)/mypy

# Recipe lines stop at the first failure, so pytest only runs after both
# linters pass. Test configuration lives in pyproject.toml.
test: lint
	$(VENV_PYTHON) -m pytest $(PYTEST_JOBS) $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV_PYTHON) benchmarks/run.py $(BENCH_ARGS)

# --- distribution -----------------------------------------------------------

# PyInstaller comes from the [dist] extra; installed (again) when pyproject.toml changes.
DIST_STAMP  := $(VENV)/.minute-taker-dist-installed
DIST_DIR    := dist/minute-taker

$(DIST_STAMP): pyproject.toml | $(STAMP)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -e '.[dist]'
	touch $(DIST_STAMP)

# One folder, dist/minute-taker/, with minute-taker and minute-taker-cli (and on macOS
# dist/Minute Taker.app); then, on Linux, the tarball
# dist/minute-taker-<version>-linux-<machine>.tar.gz laid out as an install prefix.
dist: $(DIST_STAMP)
	$(VENV_PYTHON) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/minute-taker.spec
	if [ "$$(uname -s)" = Linux ]; then $(VENV_PYTHON) packaging/linux/build_tarball.py $(DIST_DIR); fi

# Runs the frozen programs (not the sources) offscreen in a throw-away home.
dist-check:
	QT_QPA_PLATFORM=offscreen $(VENV_PYTHON) packaging/smoke_test.py $(DIST_DIR)

# --- cleaning ---------------------------------------------------------------

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache .benchmarks .import_linter_cache
	rm -rf *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f $(STAMP)

distclean: clean
	rm -rf $(VENV)
