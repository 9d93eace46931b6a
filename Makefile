# The two commands a newcomer needs: `make run` (UI + API on one port) and `make test`.
# Both set up .venv on first use; nothing is downloaded at run time but packages.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
DEVTOOLS := $(VENV)/.devtools

.PHONY: run test lint index eval bench clean-index

# What serving needs, and nothing else: `make run` on a fresh machine installs this only.
$(RUNTIME): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

# What the tests add: the sentence-transformers backend, the fitting libraries, the dev tools.
$(DEVTOOLS): $(RUNTIME)
	# torch first, pinned: this machine carries the CPU build; an unpinned torch pulls CUDA.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[st,dev]'
	touch $@

index: $(RUNTIME)
	$(BIN)/assistant index

run: index
	$(BIN)/assistant serve

lint: $(DEVTOOLS)
	$(BIN)/ruff check assistant tests evals app.py
	$(BIN)/ruff format --check assistant tests evals app.py
	$(BIN)/mypy

# Lint and types, the index (a no-op when up to date), the tests, then the evaluation suite with its floors.
test: lint index
	$(BIN)/pytest -q
	$(BIN)/assistant eval

eval: $(DEVTOOLS) index
	$(BIN)/assistant eval

bench: $(DEVTOOLS) index
	$(BIN)/assistant bench

# The built index (its pointer file is CURRENT); the embedding cache stays (cache/), so a rebuild re-embeds nothing.
clean-index:
	rm -rf index/builds index/CURRENT index/*.lock
