# The two commands a newcomer needs: `make run` (UI + API on one port) and `make test`.
# Both set up .venv on first use; nothing is downloaded at run time but packages.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint index eval bench clean-index

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: this machine carries the CPU build; an unpinned torch pulls CUDA.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[st,dev]'
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/assistant index

run: index
	$(BIN)/assistant serve

lint: $(STAMP)
	$(BIN)/ruff check assistant tests evals app.py
	$(BIN)/ruff format --check assistant tests evals app.py
	$(BIN)/mypy

# Lint and types, the index (a no-op when up to date), the tests, then the evaluation suite with its floors.
test: lint index
	$(BIN)/pytest -q
	$(BIN)/assistant eval

eval: index
	$(BIN)/assistant eval

bench: index
	$(BIN)/assistant bench

clean-index:
	rm -rf index/builds index/current index/*.lock
