# Two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest properties install tools lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev,test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/mango dev

test: install tools lint typecheck pytest

# docker-compose (Debian's 1.29) validates deploy/docker-compose.yml without a Docker engine.
tools:
	@command -v docker-compose >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose) >/dev/null; \
	  else \
	    echo "make test needs docker-compose to validate the Compose file: install it (e.g. apt-get install docker-compose)"; exit 1; \
	  fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

# The redaction property tests over many seeds (SEEDS of them after the fixed one; about two
# seconds per test and seed, 20 minutes for 200): for a nightly job, or after a change to the
# detectors.
SEEDS ?= 200
properties: install
	MANGO_PROPERTY_SEEDS=$(SEEDS) $(BIN)/pytest -q tests/ingest/test_redaction_properties.py

# Re-pin every dependency after changing pyproject.toml (needs network to PyPI).
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,test]"
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
