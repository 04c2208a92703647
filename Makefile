# Chợ OCOP: `make run` starts the shop with demo data, `make test` runs every test.
# Everything happens in .venv (created with python3.11 when missing); dependencies are
# (re)installed only when pyproject.toml is newer than the stamp file in .venv.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: 2 fits the 2-core machines; `make test XDIST=` runs in one process.
XDIST ?= -n 2
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="--create-db -k smoke"`.
PYTEST_ARGS ?=
# Arguments for sync_registry, e.g. `make sync SYNC_ARGS="--file registry.json"`.
SYNC_ARGS ?=
# Paths `make lint` holds to `ruff format --check`. The whole tree is not ruff-formatted
# yet; once `make format` has run on everything, make this `.`.
FORMAT_CHECK ?= tests/e2e

.PHONY: help install run prod test lint format sync

help:
	@echo "make run     install, migrate, load the demo data, serve on http://$(HOST):$(PORT)/"
	@echo "make prod    the production shape: own PostgreSQL, Redis, gunicorn x4, task worker, scheduler"
	@echo "make test    install, then the whole test suite (browser tests included) on $(subst -n ,,$(XDIST)) workers"
	@echo "make lint    ruff check, ruff format --check $(FORMAT_CHECK), makemigrations --check, check --deploy"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make sync    manage.py sync_registry \$$SYNC_ARGS (default: REGISTRY_URL)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	@# (the machine's pip config names find-links folders that may not exist: quiet that)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]' 2>&1 \
	  | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	@mkdir -p var
	@touch $@

install: $(STAMP)

run: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@# runserver serves static files itself (DEBUG); no collectstatic needed here.
	$(MANAGE) runserver $(HOST):$(PORT)

# The production shape on this machine (deploy/prod.sh, deploy/Procfile); Ctrl-C stops it.
prod: install
	bash deploy/prod.sh

test: install
	@mkdir -p var
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check $(FORMAT_CHECK)
	$(MANAGE) makemigrations --check --dry-run
	@# Production settings must pass Django's deployment checks with only the required variables.
	DJANGO_SETTINGS_MODULE=config.settings.production ALLOWED_HOSTS=cho-ocop.example \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	$(MANAGE) check --deploy --fail-level WARNING

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

sync: install
	$(MANAGE) sync_registry $(SYNC_ARGS)
