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
.PHONY: help install system-deps run test test-fast lint typecheck kb-validate index chat screenshots bench clean bench-index bench-catalogue

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
system-deps: ## Install system parts the tests need (Chromium, redis-server, Node packages) when missing
	@command -v chromium >/dev/null && command -v redis-server >/dev/null || { \
	  echo "Installing Debian packages chromium and redis-server (needed by the browser and multi-worker tests)"; \
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

clean: ## Remove the virtual environment and data directory
	rm -rf $(VENV) .data

bench-index: install ## Index scale benchmark on SYNTHETIC catalogues of 1k, 10k and 100k records (not part of test; SIZES=100000,400000 for scale)
	$(BIN)/advisor bench index --sizes $(or $(SIZES),1000,10000,100000)

bench-catalogue: install ## Catalogue scale: SYNTHETIC CTDL dumps of 10k and 100k imported, embedded with the real model, searched (not part of test)
	$(BIN)/advisor bench catalogue --sizes $(or $(SIZES),10000,100000)
