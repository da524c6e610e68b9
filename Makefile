# The two set-up commands: `make site` builds the guide, `make test` runs every test.
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
DATE ?=
OUT ?= site

.PHONY: site test check serve browser clean

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

## Build the site into site/ (DATE=YYYY-MM-DD shows the guide as of that day).
site: $(VENV)/.runtime
	$(PY) -m generator build --out $(OUT) $(if $(DATE),--date $(DATE))

## Check services.yaml and offices.yaml; every problem with its line and column.
check: $(VENV)/.runtime
	$(PY) -m generator validate

## Live preview at http://127.0.0.1:8000, rebuilt when the YAML or docs/ change.
serve: $(VENV)/.runtime
	$(VENV)/bin/mkdocs serve

## Every test, browser tests included (installs Debian's chromium when missing).
test: $(VENV)/.dev browser
	$(PY) -m pytest -q

browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site .venv .pytest_cache
