# Credential advisor: `make run` serves, `make test` tests. Both set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help install system-deps run test test-fast lint typecheck kb-validate index chat screenshots bench clean bench-index \
	bench-catalogue test-rasa record-rasa

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# pip, not uv/poetry: pip finds the local CPU build of torch==2.13.0 (the others download a multi-GB CUDA build).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test tools

APT_GET := DEBIAN_FRONTEND=noninteractive apt-get
# redis-server brings redis-cli (redis-tools), which creates the test cluster; Sentinel is `redis-server --sentinel`.
system-deps: ## Install system parts the tests need (Chromium, redis-server, Node packages) when missing
	@command -v chromium >/dev/null && command -v redis-server >/dev/null && command -v redis-cli >/dev/null || { \
	  echo "Installing Debian packages chromium and redis-server (browser, multi-worker, Redis Cluster and Sentinel tests)"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium redis-server >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || { \
	  echo "Installing axe-core from the npm registry (pinned in package-lock.json) for the widget's accessibility scan"; \
	  npm ci --no-audit --no-fund --loglevel=error; }

run: install ## Serve the advisor (widget demo page + API) on http://$(HOST):$(PORT)
	$(BIN)/advisor serve --host $(HOST) --port $(PORT)

test: install system-deps ## Run the whole suite: lint, types, fast tier and real tier (model, browser, servers)
	$(BIN)/ruff check bot actions index knowledge tests bench
	$(BIN)/mypy
	$(BIN)/pytest

test-fast: install ## Only the fast tier (fake embedder, in-memory)
	$(BIN)/pytest -m "not real and not browser"

lint: install ## ruff
	$(BIN)/ruff check bot actions index knowledge tests bench

typecheck: install ## mypy
	$(BIN)/mypy

kb-validate: install ## Validate the knowledge base
	$(BIN)/advisor kb validate

index: install ## Build the search index
	$(BIN)/advisor index build

chat: install ## Chat with the advisor in the terminal
	$(BIN)/advisor chat

screenshots: install system-deps ## Retake docs/widget-desktop.png and docs/widget-mobile.png against the real server
	$(BIN)/python -m tests.widget.screenshots

bench: install ## Benchmark: floor, /chat latency and throughput (1 and 2 workers), cold start, memory (a few minutes; not part of test)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean: ## Remove the virtual environments and data directory
	rm -rf $(VENV) $(RASA_VENV) .data

bench-index: install ## Index scale benchmark on SYNTHETIC catalogues of 1k, 10k and 100k records (not part of test; SIZES=100000,400000 for scale)
	$(BIN)/advisor bench index --sizes $(or $(SIZES),1000,10000,100000)

bench-catalogue: install ## Catalogue scale: SYNTHETIC CTDL dumps of 10k and 100k imported, embedded with the real model, searched (not part of test)
	$(BIN)/advisor bench catalogue --sizes $(or $(SIZES),10000,100000)

# Rasa Open Source 3.6 needs Python <= 3.10 and TensorFlow: its own virtualenv, only for these two targets.
PYTHON310 ?= $(shell pyenv root 2>/dev/null)/versions/3.10.13/bin/python
RASA_VERSION := 3.6.21
RASA_VENV := .venv-rasa
RASA_STAMP := $(RASA_VENV)/.installed-$(RASA_VERSION)
RASA_CALLS := tests/actions/data/rasa_calls

$(RASA_STAMP):
	@test -x "$(PYTHON310)" || { echo "make test-rasa needs Python 3.10 for Rasa Open Source $(RASA_VERSION) (not found at" \
	  "'$(PYTHON310)'): install it (pyenv install 3.10.13) or run make test-rasa PYTHON310=/path/to/python3.10"; exit 1; }
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet --upgrade pip
	$(RASA_VENV)/bin/pip install --quiet 'rasa==$(RASA_VERSION)'
	touch $@

test-rasa: install $(RASA_STAMP) ## Round trip through a real Rasa 3.6 server and advisor actions (~5 min, +3-9 to build .venv-rasa; not in test)
	$(BIN)/python -m tests.rasa.roundtrip --rasa $(RASA_VENV)/bin/rasa

record-rasa: install $(RASA_STAMP) ## test-rasa, saving the bodies Rasa sent as fixtures of the contract test
	$(BIN)/python -m tests.rasa.roundtrip --rasa $(RASA_VENV)/bin/rasa --record $(RASA_CALLS)
