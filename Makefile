# Every target creates .venv itself, so each is the only command needed on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test schemas samples bench bench-scale report eval eval-maintext eval-ner eval-pdf train-ner clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)  ## extract samples/ into out/
	$(BIN)/ikz-extract run samples/ --out out/

test: $(STAMP)  ## pytest, ruff, mypy
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/pytest -q

schemas: $(STAMP)  ## regenerate schemas/ from the pydantic models
	$(BIN)/ikz-extract schema --out schemas/

samples: $(STAMP)  ## regenerate samples/ from ../shared/seeds
	$(BIN)/python scripts/make_samples.py

bench: $(STAMP)  ## benchmarks (ratios measured in one run)
	$(BIN)/python bench/run_bench.py

bench-scale: $(STAMP)  ## a 1%-changed re-run of 20,000 small documents against the first run
	$(BIN)/python bench/scale_bench.py --documents 20000

report: $(STAMP)  ## tables, network and HTML report of out/ (after make run)
	$(BIN)/ikz-extract export out/
	$(BIN)/ikz-extract export out/ --format graphml
	$(BIN)/ikz-extract report out/

eval: eval-maintext eval-ner eval-pdf  ## quality on real data, ours beside the peers (each part below)

eval-maintext: $(STAMP)  ## main content on ../shared/data/maintext-dev: ours vs trafilatura
	$(BIN)/python scripts/eval_maintext.py

train-ner: $(STAMP)  ## retrain the person finder on GermEval 2014 train (dev picks)
	nice -n 10 $(BIN)/python scripts/train_ner.py

eval-ner: $(STAMP)  ## GermEval 2014 test PER/LOC and the seeds' gold per label
	$(BIN)/python scripts/eval_germeval.py

eval-pdf: $(STAMP)  ## PDF structure on ../shared/data/pdf-dev, pymupdf4llm beside it
	$(BIN)/python scripts/eval_pdf.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
