#!/usr/bin/env bash
# Runs the test suites headless with a throw-away HOME/XDG so no user or CI settings leak in.
#   tools/run_tests.sh PYTHON [core|qgis|all] [extra pytest args...]
# Core tests run without the pytest-qgis plugin (proof that the core needs no QGIS);
# QGIS and end-to-end tests run with pytest-qgis and an offscreen Qt platform.
set -uo pipefail
PY=${1:?python}; WHAT=${2:-all}; shift; [ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."
tmp=$(mktemp -d -t lststudio-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/config" "$tmp/cache" "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
export XDG_RUNTIME_DIR="$tmp/runtime" QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE=1
export LSTSTUDIO_TEST_OUTPUT="${LSTSTUDIO_TEST_OUTPUT:-$PWD/test-output}"
rc=0
if [ "$WHAT" = all ]; then
  echo "== ruff (lint and format check) =="
  "$PY" -m ruff check . || rc=1
  "$PY" -m ruff format --check . || rc=1
fi
if [ "$WHAT" = all ] || [ "$WHAT" = core ]; then
  echo "== core tests (no QGIS) =="
  "$PY" -m pytest -p no:cacheprovider -p no:pytest_qgis tests/core "$@" || rc=1
fi
if [ "$WHAT" = all ] || [ "$WHAT" = qgis ]; then
  echo "== QGIS and end-to-end tests (pytest-qgis, offscreen) =="
  "$PY" -m pytest -p no:cacheprovider tests/qgis tests/e2e "$@" || rc=1
fi
exit $rc
