# 民政智能助手 — two commands: `make run` and `make test` (both set everything up first).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10: take $PYTHON310, pyenv's 3.10.13, or python3.10 on the PATH.
PYTHON310 ?= $(shell for p in "$$(pyenv root 2>/dev/null)/versions/3.10.13/bin/python" \
	"$$HOME/.pyenv/versions/3.10.13/bin/python" "$$(command -v python3.10)"; do \
	if [ -x "$$p" ]; then echo "$$p"; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
TRAIN_ARGS := --config config.yml --domain bot/domain --data data/nlu bot/stories bot/rules \
	--out models --fixed-model-name civic
MODEL := models/civic.tar.gz

export RASA_TELEMETRY_ENABLED := false
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:5055/webhook
export TRACKER_DB ?= var/tracker.db
export PYTHONPATH := $(CURDIR)

.PHONY: help venv train run shell lint format validate test test-fast test-dialogue nlu-report \
	test-core test-postgres eval-kb eval-kb-rest kb clean

help:
	@echo "make run    set up (venv, install, train if needed) and start the assistant"
	@echo "make test   set up and run every check and test"
	@echo "make shell  chat in the terminal with a running 'make run' stack"
	@echo "make train | lint | format | validate | test-fast | nlu-report | eval-kb | eval-kb-rest | clean"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
		echo "Python 3.10 not found (Rasa 3.6 needs Python < 3.11)."; \
		echo "Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10."; \
		exit 1; fi
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[dev]'
	@# sanic-ext silently turns off Rasa's --cors (DESIGN.md); older venvs had it installed.
	@$(PY) -m pip uninstall --quiet --yes sanic-ext 2>/dev/null || true
	$(PY) -m pip check
	@touch $@

venv: $(STAMP)

# Rasa compares the data's fingerprint with the last model and skips unchanged parts.
train: $(STAMP)
	$(RASA) train $(TRAIN_ARGS)

kb: $(STAMP)
	$(PY) -m policy_kb build

run: train kb
	$(PY) -m devstack run

# The tracker store needs the development key that `make run` created in var/keys.env.
shell: $(STAMP)
	@[ -f var/keys.env ] || { echo "start 'make run' once first (it creates var/keys.env)"; exit 1; }
	set -a && . var/keys.env && set +a && \
		$(RASA) shell --model $(MODEL) --port 5006 --endpoints endpoints.yml

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

validate: $(STAMP)
	$(RASA) data validate --config config.yml --domain bot/domain \
		--data data/nlu bot/stories bot/rules

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow" -q

nlu-report: train
	$(PY) -m devstack.nlu_report --model $(MODEL) --test-file tests/nlu/heldout.yml

# Test stories: NLU on citizens' words plus the policies' predictions (custom actions don't run).
test-core: train
	$(RASA) test core --model $(MODEL) --stories tests/stories --out results/core \
		--fail-on-prediction-errors

test-dialogue: train kb
	$(PY) -m pytest -m slow -q

# The backend's tests against PostgreSQL: make test-postgres TEST_DATABASE_URL=postgresql://…
test-postgres: $(STAMP)
	@[ -n "$(TEST_DATABASE_URL)" ] || { echo "set TEST_DATABASE_URL=postgresql://…"; exit 1; }
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest tests/backend -q

eval-kb: $(STAMP)
	$(PY) -m policy_kb eval

# A question set asked through the REST channel on the real stack (SET=dev, heldout, blind2 …).
SET ?= blind6
eval-kb-rest: train kb
	$(PY) -m devstack.kb_rest_eval --set $(SET)

test: lint validate test-fast train kb nlu-report test-core test-dialogue
	$(PY) -m pip check
	@echo "make test: all checks passed"

clean:
	rm -rf models results var .pytest_cache .ruff_cache policy_kb/index
