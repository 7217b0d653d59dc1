# The README's quick start: `make demo` runs the main job, `make test` runs the whole suite.
# Both create the virtual environment and install what they need on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AS_OF ?= 2026-11-01

.PHONY: demo test lint bench bench-snapshot install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[all,dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@for history in examples/*.csv examples/*.json; do \
	  for policy in upwork upwork-2015; do \
	    echo; echo "=== $$history under $$policy"; \
	    $(BIN)/jobscore explain $$history --policy $$policy --as-of $(AS_OF) || exit $$?; \
	  done; \
	done

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples scripts
	$(BIN)/ruff format --check src tests bench examples scripts
	$(BIN)/mypy
	$(BIN)/mypy bench scripts examples
	$(BIN)/lint-imports

# Batch scoring of 20 million contracts: jobscore's DuckDB engine against a pandas baseline,
# and Spark on 2 million (docs/performance.md). Data is generated once into .bench-cache/.
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# `jobscore snapshot` of a store of 2 million contracts of 200,000 freelancers, on SQLite and
# on PostgreSQL (docs/performance.md). The store is built once into .bench-cache/ (and a
# schema of the PostgreSQL database at JOBSCORE_BENCH_DATABASE_URL, else
# JOBSCORE_TEST_DATABASE_URL).
bench-snapshot: $(STAMP)
	$(BIN)/python -m bench.snapshot $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
