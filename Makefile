# Tandem: `make demo` starts the demonstration, `make test` runs every check.
# Both install what they need first; the only requirements are Python 3.12+ and make.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The newest Python 3.12+ on this machine (Django 6.1 needs 3.12 or later).
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	echo $$c; break; fi; done)
UV_VERSION := 0.13.8
VENV := .venv
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export DJANGO_SETTINGS_MODULE := config.settings
# Every target here is the demonstration or a check of it: the development key, console e-mail and a
# cache in the database are allowed. Production sets none of this and runs gunicorn itself
# (docs/deployment.md).
export TANDEM_DEMO ?= true
PG_TEST_URL ?= $(TANDEM_TEST_POSTGRES_URL)

.PHONY: help install demo test lint typecheck test-sqlite test-postgres test-browser browser bench clean

help:
	@echo "make demo    install, build the demo borough and serve it on http://localhost:8000"
	@echo "make test    install and run every check: lint, types, architecture, tests on SQLite"
	@echo "             (and on PostgreSQL when TANDEM_TEST_POSTGRES_URL is set), browser journeys"
	@echo "make bench   run the benchmarks (the load test with them) and write benchmarks/results.json"

$(VENV)/.installed: pyproject.toml uv.lock
	@if [ -z "$(PYTHON)" ]; then echo "Tandem needs Python 3.12 or later (Django 6.1 requires it): none found." >&2; exit 1; fi
	@echo "Installing with $(PYTHON)"
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed --size small --reset
	@echo "Tandem is running on http://localhost:8000 (stop it with Ctrl+C)"
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run -v 1

typecheck: install
	$(BIN)/mypy tandem config benchmarks

# Debian's Chromium for the browser journeys; a browser download at install time is never used.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Chromium from the Debian packages for the browser tests"; \
		if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver; \
	fi

test-sqlite: install
	$(BIN)/pytest -m "not browser" -n 2 -q

test-postgres: install
	@if [ -n "$(PG_TEST_URL)" ]; then \
		echo "Running the suite on PostgreSQL ($(PG_TEST_URL))"; \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest -m "not browser" -n 2 -q; \
	else \
		echo "Skipping PostgreSQL: set TANDEM_TEST_POSTGRES_URL (for example postgres://postgres@127.0.0.1:5432/tandem) to run it"; \
	fi

test-browser: install browser
	$(BIN)/pytest -m browser -n 2 -q

test: lint typecheck test-sqlite test-postgres test-browser

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .ruff_cache .pytest_cache staticfiles
