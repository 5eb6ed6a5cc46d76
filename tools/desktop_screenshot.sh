#!/usr/bin/env bash
# QGIS desktop under Xvfb with LST Studio installed: screenshots of the dock and the styled results.
#   tools/desktop_screenshot.sh OUTDIR        (make screenshot)
# Writes OUTDIR/*.png, OUTDIR/status_{en,de}.json, OUTDIR/qgis_{en,de}.log and the run's output folder.
# Recipe of qgis-ecosystem.md §3: a throw-away profile with the plugin symlinked as lst_studio,
# QGIS3.ini enabling it, `qgis --profiles-path ... --code tools/desktop_startup.py` in xvfb-run; the
# startup script clears the project and triggers actionExit, which makes QGIS exit with 0.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: tools/desktop_screenshot.sh OUTDIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PY=${PY:-$ROOT/.venv/bin/python}
WORK=$(mktemp -d -t lststudio-desktop-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# pystac (and other pip packages) live in the venv, not in Debian: QGIS' Python needs its site-packages.
SITE=$("$PY" -c 'import site; print(site.getsitepackages()[0])')

# The sample product (deterministic) the startup script opens.
mkdir -p "$WORK/pkgroot"
ln -s "$ROOT" "$WORK/pkgroot/lst_studio"
SAMPLE=$(cd "$WORK" && PYTHONPATH="$WORK/pkgroot" "$PY" -c '
import sys
from lst_studio.plugin.core.sample.generate import write_sample
print(write_sample(sys.argv[1], seed=1).product_dir)' "$WORK/sample" | tail -n 1) || echo "sample generation failed" >&2
rm -rf "$OUT/output"

run_qgis() {
  local mode=$1 locale_ini=$2
  local profiles="$WORK/profiles-$mode"
  local profile="$profiles/profiles/default"
  mkdir -p "$profile/python/plugins" "$profile/QGIS" "$WORK/home-$mode" "$WORK/runtime-$mode"
  chmod 700 "$WORK/runtime-$mode"
  ln -sfn "$ROOT" "$profile/python/plugins/lst_studio"
  cat > "$profile/QGIS/QGIS3.ini" <<EOF
[PythonPlugins]
lst_studio=true
processing=true

[qgis]
checkVersion=false
showTips=false
$locale_ini
EOF
  local rc=0
  HOME="$WORK/home-$mode" XDG_RUNTIME_DIR="$WORK/runtime-$mode" \
  PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}" \
  LSTSTUDIO_SCREENSHOT_DIR="$OUT" LSTSTUDIO_SCREENSHOT_MODE="$mode" LSTSTUDIO_SAMPLE="$SAMPLE" \
    timeout 420 xvfb-run -a -s "-screen 0 1600x1000x24" \
    qgis --profiles-path "$profiles" --profile default --nologo --noversioncheck \
         --code "$ROOT/tools/desktop_startup.py" > "$OUT/qgis_$mode.log" 2>&1 || rc=$?
  echo "QGIS ($mode) exit code: $rc"
  return $rc
}

rc=0
MODES=${MODES:-en de}
[[ " $MODES " == *" en "* ]] && { run_qgis en "" || rc=$?; }
[[ " $MODES " == *" de "* ]] && { run_qgis de "
[locale]
overrideFlag=true
userLocale=de
globalLocale=de_DE" || rc=$?; }
ls "$OUT"/*.png
for mode in $MODES; do
  "$PY" -c 'import json,sys; s=json.load(open(sys.argv[1])); print(sys.argv[1], "errors:", len(s["errors"])); [print(e) for e in s["errors"]]' "$OUT/status_$mode.json" || rc=1
done
exit $rc
