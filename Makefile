# LST Studio. Use ./run TARGET on a fresh machine (it installs make and the Debian packages first).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BUILD := build
PLUGIN := lst_studio
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
OUT ?= out

.PHONY: setup demo test test-core test-qgis lint format package i18n bench-setup bench screenshot clean

# ---- environment -------------------------------------------------------------------------
setup: $(VENV)/.installed

$(BUILD)/constraints.txt: tools/make_constraints.py
	@mkdir -p $(BUILD)
	/usr/bin/python3 tools/make_constraints.py > $@

$(VENV)/.installed: requirements-dev.txt $(BUILD)/constraints.txt
	test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@# Debian's pyproj looks for PROJ data under sys.prefix/share/proj; in a venv that is the venv.
	mkdir -p $(VENV)/share && ln -sfn /usr/share/proj $(VENV)/share/proj
	$(PY) -m pip install -q --disable-pip-version-check -c $(BUILD)/constraints.txt -r requirements-dev.txt
	$(PY) tools/check_env.py
	touch $@

# ---- the two commands --------------------------------------------------------------------
demo: setup
	$(PY) tools/demo.py --out $(OUT)

test: setup
	bash tools/run_tests.sh $(PY)

test-core: setup
	bash tools/run_tests.sh $(PY) core

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# ---- distribution ------------------------------------------------------------------------
package: setup i18n
	$(PY) tools/build_package.py --out dist

i18n:
	bash tools/update_translations.sh

# ---- benchmarks (own venv: pylandtemp only lives there) ----------------------------------
bench-setup: $(VENV)-bench/.installed

$(VENV)-bench/.installed: requirements-dev.txt benchmarks/requirements.txt $(BUILD)/constraints.txt
	test -x $(VENV)-bench/bin/python || /usr/bin/python3 -m venv --system-site-packages $(VENV)-bench
	mkdir -p $(VENV)-bench/share && ln -sfn /usr/share/proj $(VENV)-bench/share/proj
	$(VENV)-bench/bin/python -m pip install -q --disable-pip-version-check -c $(BUILD)/constraints.txt \
		-r requirements-dev.txt -r benchmarks/requirements.txt
	touch $@

bench: bench-setup
	$(VENV)-bench/bin/python benchmarks/accuracy.py
	$(VENV)-bench/bin/python benchmarks/masks.py
	$(VENV)-bench/bin/python benchmarks/speed.py

screenshot: setup
	bash tools/desktop_screenshot.sh $(OUT)/screenshots

clean:
	rm -rf $(BUILD) dist .pytest_cache .ruff_cache
