# cxkit: make lab (open the workbook) and make test (unit tests, doctests, every notebook).
# Each target sets up .venv on a fresh machine that has Python 3.11+ and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: lab app test unit notebooks lint bench sample clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/00_welcome.ipynb

# The workshop without code (Voila), step by step; CXKIT_LANG=fi make app starts in Finnish.
app: $(STAMP)
	$(BIN)/cxkit app --notebooks notebooks

test: $(STAMP)
	$(BIN)/python -m pytest --nbval-lax tests cxkit notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests cxkit

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval-lax notebooks

lint: $(STAMP)
	$(BIN)/ruff check cxkit tests benchmarks
	$(BIN)/ruff format --check cxkit tests benchmarks
	$(BIN)/mypy cxkit
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
