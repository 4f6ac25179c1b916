# geowire — `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LAKE   ?= data/lake
# the suite mostly waits (Prefect servers, PostgreSQL, subprocesses): four pytest workers, each
# file's tests kept on one worker so file-scoped fixtures (servers, lakes) start once
TEST_WORKERS ?= 4

.PHONY: run test lint bench eval docs clean-lake

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,dask,s3]'
	@touch $(STAMP)

run: $(STAMP)  ## run the pipeline on the bundled samples into data/lake
	$(VENV)/bin/geowire run data/samples --lake $(LAKE)

test: $(STAMP)  ## the whole test suite
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)  ## ruff and mypy on flows/ (configured in pyproject.toml)
	$(VENV)/bin/ruff check flows
	$(VENV)/bin/mypy

bench: $(STAMP)  ## throughput and memory benchmarks (not part of `make test`)
	$(PY) -m flows.bench

eval: $(STAMP)  ## event coder precision / recall / F1 on the gold sets
	$(PY) -m flows.coding.evaluate

docs: $(STAMP)  ## Great Expectations Data Docs from the lake's validation results
	$(VENV)/bin/geowire docs --lake $(LAKE)

clean-lake:
	rm -rf $(LAKE)

-include infra/Makefile.mk
