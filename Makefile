# Dangol — run `make help` for the list of targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED ?= 2026
MANAGE := $(BIN)/python manage.py
# The development site's one address (links in emails, the sites record): it follows PORT.
DEV_SITE_URL = http://127.0.0.1:$(PORT)
APP_DIRS := $(wildcard core home stories community search)
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help install messages setup run test lint format check-migrations pytest test-deps ci bench audit clean bench-search

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): requirements/lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Could not create a virtualenv: install python3-venv (or your system's equivalent)."; exit 1; fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) ## Create the virtualenv and install the locked dependencies

messages: $(STAMP) ## Compile the .po translation files
	$(MANAGE) compile_translations

setup: install messages ## Everything `make run` does except serving (idempotent)
	mkdir -p var
	SITE_URL=$(DEV_SITE_URL) $(MANAGE) migrate --no-input
	SITE_URL=$(DEV_SITE_URL) $(MANAGE) load_demo --seed $(SEED)

run: setup ## Set up, then serve the demo on 127.0.0.1:$(PORT) with a task worker beside it
	@$(MANAGE) demo_accounts --base-url $(DEV_SITE_URL)
	SITE_URL=$(DEV_SITE_URL) $(BIN)/python tools/run_dev.py --port $(PORT)

NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)

test-deps: ## Install what the browser and HTML tests need: chromium, a Korean font, Java, Node (as root)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi nanum || missing="$$missing fonts-nanum"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing$$missing for the tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "Missing$$missing and not root: the tests that need them will be skipped."; fi
	@if command -v npm >/dev/null && [ ! -f $(NODE_STAMP) ]; then \
	  npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); fi

lint: install ## Check code style (ruff) and template indentation (djhtml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	find $(APP_DIRS) site/templates -name '*.html' -print0 | xargs -0 $(BIN)/djhtml --check

format: install ## Reformat code and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	find $(APP_DIRS) site/templates -name '*.html' -print0 | xargs -0 $(BIN)/djhtml

check-migrations: install ## Fail when a model change has no migration
	DJANGO_SETTINGS_MODULE=dangol.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install messages test-deps ## Run the test suite only
	mkdir -p var/test-results
	$(BIN)/pytest --junitxml=var/test-results/junit.xml $(PYTEST_ARGS)

test: lint check-migrations pytest ## Install what the tests need and run lint and the whole suite

bench: install messages ## CPU ms and queries per request, demo and large site (SQLite, and PostgreSQL when one answers)
	$(BIN)/python tools/bench/run.py $(BENCH_ARGS)

audit: setup test-deps ## Lighthouse scores (mobile) for the main pages of the demo
	@command -v npm >/dev/null || { echo "audit needs Node.js and npm"; exit 1; }
	cd tools/audit && npm ci --no-audit --no-fund --silent
	$(BIN)/python tools/audit/run.py $(AUDIT_ARGS)

ci: ## What CI runs: the suite on SQLite, then on PostgreSQL when one answers
	.ci/run

bench-search: install ## Benchmark the embedded search: 1k/10k/100k documents, SQLite and PostgreSQL
	$(MANAGE) search_benchmark $(BENCH_SEARCH_ARGS)

clean: ## Remove the virtualenv, Node packages and runtime state (database, media, mail)
	rm -rf $(VENV) var node_modules tools/audit/node_modules
