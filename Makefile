# The named commands: the same locally and in CI. Each installs what it needs first.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PYTHON ?= python3

.PHONY: install chromium office run ingest test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[build,dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

ingest: install
	HF_HUB_OFFLINE=1 $(BIN)/reflect ingest

run: ingest
	HF_HUB_OFFLINE=1 $(BIN)/reflect serve

# Real-browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Handouts are checked as a reader would see them: LibreOffice turns the DOCX into a PDF and
# poppler's pdftoppm turns its pages into images (Debian's packages).
office:
	command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null; }

test: install chromium office
	HF_HUB_OFFLINE=1 $(BIN)/pytest

lint: install
	$(BIN)/ruff check app ingest tests bench
	$(BIN)/ruff format --check app ingest tests bench
	$(BIN)/mypy app ingest

# `wrk` (Debian) generates the concurrent load of the latency figures.
bench: ingest office
	command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench

clean:
	rm -rf data test-output
