# The commands a person types. `make run` serves the archive, `make test` runs every test;
# both set everything up first (virtualenv, database, migrations, reference data).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

# Python's bytecode caches (__pycache__, ignored by git) are written even where the
# environment turns them off (PYTHONDONTWRITEBYTECODE, as in many container images):
# without them every pytest worker compiles the project and rewrites the asserts of some
# 400 test and plugin modules again, 2 s of each run, and every manage.py compiles the
# project. Runs that leave them off still read them.
unexport PYTHONDONTWRITEBYTECODE

# The project's own PostgreSQL cluster is used unless DATABASE_URL names another server.
ifdef DATABASE_URL
DB_START := @echo "Using DATABASE_URL."
else
DB_START := scripts/devdb.sh start
endif

.PHONY: run serve dev test setup install fonts gettext messages messages-update db db-stop migrate data static browser lint format migrations-check clean bench

# `make run` serves the archive as its readers get it: gunicorn (two workers per core plus
# one, each with one reused database connection, so a crowd of readers queues instead of
# exhausting PostgreSQL), DEBUG off, WhiteNoise's compressed hashed static files, the
# archive's own error pages, plain http on 127.0.0.1 (HTTPS=0; behind a TLS proxy leave
# HTTPS unset). The secret key is SECRET_KEY, or one generated once into var/secret_key.
run: setup ## Set everything up and serve the archive on http://$(HOST):$(PORT) (production server)
	@test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	@$(PY) manage.py local_accounts --url "http://$(HOST):$(PORT)"
	DEBUG=0 HTTPS=$${HTTPS:-0} LOG_FORMAT=$${LOG_FORMAT:-text} SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
		HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

serve: run ## The same as `make run` (its former name for production mode)

# For people changing the code: Django's server, DEBUG on, reloading on every change. Its
# threads share a pool of 4 database connections (DB_POOL_SIZE).
dev: setup ## Set everything up and serve with Django's development server (DEBUG, autoreload)
	@$(PY) manage.py local_accounts --url "http://$(HOST):$(PORT)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# One pytest worker per core (pytest-xdist), each with its own test database, a copy of
# one migrated from the migrations (tests/databases.py): the tests need no seed data in
# the development database and no collected static files (they run with DEBUG's static
# finders).
test: install db browser messages migrations-check ## Set everything up and run the whole test suite
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

setup: install db migrate data static messages

install: $(VENV)/.installed fonts gettext

# The share cards (statements/share_cards.py) draw with Debian's DejaVu fonts; without
# them, Pillow's own font, which lacks Cyrillic, is used.
fonts:
	@if [ -d /usr/share/fonts/truetype/dejavu ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's DejaVu fonts for the share cards..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; \
	else \
		echo "Note: DejaVu fonts are missing (Debian: fonts-dejavu-core); share cards use Pillow's font."; \
	fi

# GNU gettext: msgfmt compiles the French catalogue (locale/fr), xgettext finds the marked
# strings (`make messages-update`, and the catalogue check in the tests).
gettext:
	@if command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing GNU gettext for the translations..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	else \
		echo "!!! GNU gettext is missing (Debian: gettext): the pages will be in English only."; \
	fi

# The interface's translations, compiled (locale/*/LC_MESSAGES/django.mo, not in git).
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore .venv --ignore var --verbosity 0; \
	else \
		echo "!!! msgfmt (GNU gettext) is missing: the catalogue is not compiled, the pages stay in English."; \
	fi

# After marking new strings: add them to locale/fr/LC_MESSAGES/django.po, to translate there.
messages-update: install
	$(PY) manage.py makemessages --locale fr --no-location --no-obsolete --ignore ".venv/*" --ignore "var/*" \
		--ignore "tests/*" --ignore "benchmarks/*" --ignore "scripts/*"

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

db: ## Start the project's PostgreSQL (under var/pg) unless DATABASE_URL is set
	$(DB_START)

db-stop: ## Stop the project's PostgreSQL
	scripts/devdb.sh stop

migrate:
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

data: ## Load the countries and the seed dataset, create the editorial groups (idempotent)
	$(PY) manage.py load_countries
	$(PY) manage.py load_seed
	$(PY) manage.py setup_groups

# Built as production mode serves them (compressed, hashed names); development serves
# the sources directly.
static:
	DEBUG=0 HTTPS=0 SECRET_KEY=collectstatic-only $(PY) manage.py collectstatic --no-input --verbosity 0

# What the tests use beyond Python: Debian's Chromium for the browser tests (Playwright
# cannot download its own browser here) and a Java runtime for the Nu HTML Checker.
browser: ## Install Debian's chromium and a Java runtime for the tests when missing and possible
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing$$missing for the tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "!!! Missing and not installable here:$$missing. The browser tests will be SKIPPED and the"; \
		echo "!!! HTML check will fail (install them with apt-get; with CI=true the browser tests fail too)."; \
	fi

# The browsing benchmark, in its own database (benchmarks/README.md): the synthetic corpus
# imported through the CSV import, then each page timed. `make bench STATEMENTS=1000000`.
STATEMENTS ?= 100000
bench: setup ## Time the public pages over STATEMENTS synthetic statements (default 100000)
	$(PY) benchmarks/browse.py --statements $(STATEMENTS)

migrations-check: ## Fail when models and migrations disagree
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: db-stop ## Remove local state: the database cluster, collected static files, the virtualenv
	rm -rf var $(VENV)
