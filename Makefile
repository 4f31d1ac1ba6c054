# Klaskaart — the two commands: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: run test test-slow lint migrate seed venv bench clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Klaskaart needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

migrate: venv
	$(BIN)/python -m survey migrate

seed: migrate
	$(BIN)/python -m sample_data.seed --no-migrate

run: seed
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address 0.0.0.0

lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: venv lint
	$(BIN)/python -m pytest

# The slow tests (attack, bomb and crash cases): CI runs them after `make test`.
test-slow: venv
	$(BIN)/python -m pytest -m slow || [ $$? -eq 5 ]  # 5: no slow test collected

bench: venv
	$(BIN)/python bench/analysis_scale.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
