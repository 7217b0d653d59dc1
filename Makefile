# The README's quick start: `make demo` serves a demo marketplace with its web pages, `make test`
# runs the whole suite. Both create the virtual environment and install what they need on first
# use. `make demo-cli` scores and explains the example histories on the command line.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AS_OF ?= 2026-11-01

DEMO_EXAMPLES := examples/veteran_150.csv examples/newcomer_one_star.csv \
	examples/recovering_78.csv examples/rich_history.json
DEMO_PORT ?= 8000

.PHONY: demo demo-cli test lint bench bench-pages bench-service bench-snapshot install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[all,dev]"
	touch $(STAMP)

install: $(STAMP)

# The demo marketplace in .demo/market.db (built on the first run), served at
# http://127.0.0.1:$(DEMO_PORT) until Ctrl-C; it prints the tokens to sign in with.
demo: $(STAMP)
	$(BIN)/jobscore demo $(DEMO_EXAMPLES) --port $(DEMO_PORT)

demo-cli: $(STAMP)
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

# How fast the pages answer: p95 of each page for a freelancer with 200 contracts.
bench-pages: $(STAMP)
	$(BIN)/python -m bench.pages $(BENCH_ARGS)

# The HTTP API under load on SQLite and PostgreSQL (docs/performance.md). PostgreSQL is the
# database at JOBSCORE_BENCH_DATABASE_URL (else JOBSCORE_TEST_DATABASE_URL), in a schema of its
# own. BENCH_SERVICE_ARGS="--json" prints the results for programs.
bench-service: $(STAMP)
	$(BIN)/python -m bench.service $(BENCH_SERVICE_ARGS)
	$(BIN)/python -m bench.pages

# `jobscore snapshot` of a store of 2 million contracts of 200,000 freelancers, on SQLite and
# on PostgreSQL (docs/performance.md). The store is built once into .bench-cache/ (and a
# schema of the PostgreSQL database at JOBSCORE_BENCH_DATABASE_URL, else
# JOBSCORE_TEST_DATABASE_URL).
bench-snapshot: $(STAMP)
	$(BIN)/python -m bench.snapshot $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .demo
