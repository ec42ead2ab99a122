# Every target installs what it needs: a virtualenv in .venv, system packages via apt-get.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOGS := tourney/translations
export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

.PHONY: run test test-unit bench lint format install system-deps translations extract

run: install
	$(BIN)/tourney init-db
	$(BIN)/tourney demo
	@echo "Tourney is at http://127.0.0.1:5000 — log in as admin / demo"
	$(BIN)/tourney serve --host 127.0.0.1 --port 5000

test: install system-deps
	bash scripts/test.sh

# The quick local loop: the pure engines' tests, few hypothesis examples, no new interpreters.
test-unit: install
	$(BIN)/pytest tests/unit -q -n 0 -p no:cacheprovider -m "not slow"

bench: install system-deps
	bash scripts/bench.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: $(STAMP) translations

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Compiled catalogs are build products (.mo is git-ignored).
translations: $(STAMP)
	$(BIN)/pybabel compile -d $(CATALOGS) -D messages >/dev/null

# Developers: refresh the catalogs after adding strings, then translate tg and ru.
extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o $(CATALOGS)/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) -D messages --no-fuzzy-matching --ignore-obsolete

system-deps:
	bash scripts/system-deps.sh
