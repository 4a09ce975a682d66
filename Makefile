# Xuân Sơn TĐKT portal — developer entry points.
#
#   make run    system packages, .venv, translations, migrate, demo data, then web + worker + beat on :8000
#   make test   system packages (incl. chromium), .venv, translations, then the whole pytest suite
#
# Every step is idempotent: a second `make run` with nothing changed only checks and starts.
# DATABASE_URL, REDIS_URL, REQUIRE_SERVICES and the other settings variables are taken from the environment.

SHELL := /bin/bash

# The settings default DEBUG to off (production); the developer's targets run with it on unless DEBUG is exported.
export DEBUG ?= 1
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Debian packages: Python venv support, gettext (compilemessages), poppler (pdftotext/pdffonts for PDF checks),
# Liberation Serif 2.x (Times New Roman metrics with all Vietnamese letters), WeasyPrint's Pango/HarfBuzz libraries.
SYSTEM_PACKAGES := python3-venv gettext poppler-utils fonts-liberation2 libharfbuzz-subset0 libpango-1.0-0 \
	libpangoft2-1.0-0
# Only the end-to-end tests need a browser: Debian's chromium at /usr/bin/chromium (never `playwright install`).
# The backup tests need pg_dump/pg_restore (postgresql-client: the distribution's version, not older than its server);
# the production smoke stage of .ci/run polls /health/ with curl; zbarimg (zbar-tools) reads a certificate's QR code
# from a scan of its page.
TEST_SYSTEM_PACKAGES := chromium postgresql-client curl zbar-tools

# The venv is (re)installed when requirements.txt changes: the stamp name carries a hash of its content.
REQUIREMENTS_HASH := $(shell sha256sum requirements.txt 2>/dev/null | cut -c1-16)
VENV_STAMP := $(VENV)/requirements-$(REQUIREMENTS_HASH).stamp

.PHONY: help run test setup system-deps venv messages migrate seed lint clean

help:
	@echo "make run     set everything up and serve http://127.0.0.1:8000 (web + Celery worker + beat)"
	@echo "make test    set everything up and run the test suite (pytest)"
	@echo "make setup   system packages, .venv, translations and migrations, without serving"
	@echo "make lint    ruff check ."
	@echo "make clean   remove .venv and compiled translations (var/ with the SQLite database is kept)"

# Target-specific variables also apply to prerequisites: `make test` installs chromium as well.
test: SYSTEM_PACKAGES += $(TEST_SYSTEM_PACKAGES)

system-deps:
	@scripts/install-system-deps.sh $(SYSTEM_PACKAGES)

$(VENV_STAMP): requirements.txt | system-deps
	@if ! $(BIN)/python -c "" 2>/dev/null; then \
		echo "Creating $(VENV)"; \
		$(PYTHON) -m venv --clear $(VENV); \
	fi
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	@rm -f $(VENV)/requirements-*.stamp
	@touch $@

venv: $(VENV_STAMP)

# .mo files are not committed; compilemessages skips catalogues whose .mo is newer than the .po.
messages: venv
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print -quit | grep -q .; then \
		$(BIN)/python manage.py compilemessages --ignore=$(VENV) -v 0; \
	fi

migrate: messages
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

setup: migrate

run: seed
	@echo "Serving on http://127.0.0.1:8000 — demo accounts in README.md, Ctrl-C stops web, worker and beat."
	PATH="$(CURDIR)/$(BIN):$$PATH" PYTHONUNBUFFERED=1 $(BIN)/honcho -f Procfile.dev start

# Browser tests use the ORM from Playwright's event loop (see README.md, "Tests").
test: export DJANGO_ALLOW_ASYNC_UNSAFE ?= true
test: messages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV)
	find . -name '*.mo' -not -path './.git/*' -delete
