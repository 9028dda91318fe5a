# Dangol — run `make help` for the list of targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED ?= 2026
MANAGE := $(BIN)/python manage.py
APP_DIRS := $(wildcard home stories community search)
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help install messages setup run test lint format check-migrations pytest browser-deps ci bench clean

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
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --seed $(SEED)

run: setup ## Set everything up and serve the bilingual demo on 127.0.0.1:$(PORT)
	@$(MANAGE) demo_accounts --base-url http://127.0.0.1:$(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

browser-deps: ## Install Debian's chromium and a Korean font for browser tests (as root)
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi nanum; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing chromium and fonts-nanum for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null; \
	else echo "chromium or fonts-nanum is missing and this is not root: browser tests will be skipped."; fi

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

pytest: install messages browser-deps ## Run the test suite only
	mkdir -p var/test-results
	$(BIN)/pytest --junitxml=var/test-results/junit.xml $(PYTEST_ARGS)

test: lint check-migrations pytest ## Install what the tests need and run lint and the whole suite

bench: install messages ## Benchmark the site under gunicorn (SQLite, and PostgreSQL when one answers)
	$(BIN)/python tools/bench/run.py $(BENCH_ARGS)

ci: ## What CI runs: the suite on SQLite, then on PostgreSQL when one answers
	.ci/run

clean: ## Remove the virtualenv and runtime state (database, media, mail)
	rm -rf $(VENV) var
