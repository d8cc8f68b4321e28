# Two commands from a fresh clone: `make demo` and `make test`. Both set up .venv first, once.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANIFEST := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project/models dbt_project/macros dbt_project/tests -type f 2>/dev/null) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml

export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup demo test test-slow test-redmine test-browser lint dev benchmark clean

setup: $(INSTALLED) $(MANIFEST)

# torch goes first and pinned: an unpinned torch pulls gigabytes of CUDA wheels.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# dagster-dbt reads the manifest when the asset graph is imported.
$(MANIFEST): $(INSTALLED) $(DBT_SOURCES)
	$(BIN)/python -m assets.project
	touch $@

demo: setup
	$(BIN)/refusal-backlog demo

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -q --durations=10 -m 'not slow and not redmine and not browser'

# Minutes of real runs killed at every stage; CI runs them after `make test`.
test-slow: setup
	$(BIN)/python -m pytest -q --durations=5 -m slow

# Sync against a real Redmine from Debian's packages, started by the tests on 127.0.0.1.
test-redmine: setup
	.ci/install-redmine
	$(BIN)/python -m pytest -q --durations=5 -m redmine

# The site's pages in Debian's headless chromium.
test-browser: setup
	.ci/install-chromium
	$(BIN)/python -m pytest -q --durations=5 -m browser

# The Dagster UI over the demo's landing zone, warehouse and Dagster home (the demo's runs,
# materializations and checks), with the demo's published key. The venv leads PATH: dagster-dbt
# re-parses the project in `dagster dev` with the `dbt` it finds there.
DEMO_HOME := $(CURDIR)/data/demo/dagster_home
dev: setup
	$(BIN)/python -m assets.instance $(DEMO_HOME)
	PATH=$(CURDIR)/$(BIN):$$PATH DAGSTER_HOME=$(DEMO_HOME) REFUSAL_BACKLOG_DEMO=1 \
		REFUSAL_BACKLOG_LANDING=$(CURDIR)/data/demo/landing \
		REFUSAL_BACKLOG_DB=$(CURDIR)/data/demo/outputs/refusal_backlog.duckdb \
		REFUSAL_BACKLOG_OUTPUTS=$(CURDIR)/data/demo/outputs $(BIN)/dagster dev

benchmark: setup
	$(BIN)/python benchmarks/pipeline_benchmark.py

clean:
	rm -rf data outputs dbt_project/target dbt_project/logs
