#!/usr/bin/env bash
# QGIS desktop under Xvfb with LST Studio installed: screenshots of the dock and the styled results.
#   tools/desktop_screenshot.sh OUTDIR        (make screenshot)
# Writes OUTDIR/*.png, OUTDIR/status_{en,de}.json, OUTDIR/qgis_{en,de}.log and the run's output folder.
# Recipe of qgis-ecosystem.md §3: a throw-away profile with the plugin copied in as lst_studio,
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
SAMPLE=$(cd "$WORK" && "$PY" "$ROOT/tools/plugin_alias.py" -c '
import sys
from lst_studio.plugin.core.sample.generate import write_sample
print(write_sample(sys.argv[1], seed=1).product_dir)' "$WORK/sample" | tail -n 1) || echo "sample generation failed" >&2
# Clear-sky statistics input: eight package-like folders over 2018-2019 with smooth random clouds
# (the CSO tests' package writer; 200 x 200 px), so the CSO screenshot shows a real count map.
CSO_INPUT="$WORK/cso"
(cd "$ROOT" && "$PY" tools/plugin_alias.py -c '
import sys
from datetime import datetime, timezone
import numpy as np
from scipy.ndimage import gaussian_filter
from tests.core.test_cso_io import write_package
rng = np.random.default_rng(5)
for i, (y, m) in enumerate([(2018, 1), (2018, 3), (2018, 5), (2018, 8), (2018, 11), (2019, 2), (2019, 6), (2019, 9)]):
    field = gaussian_filter(rng.random((200, 200)), 12)
    cloud = (field > np.quantile(field, 0.55)).astype(np.uint8)
    write_package(__import__("pathlib").Path(sys.argv[1]), datetime(y, m, 10, 10, 30, tzinfo=timezone.utc), cloud_mask=cloud)
' "$CSO_INPUT") || { echo "CSO input generation failed" >&2; CSO_INPUT=""; }
rm -rf "$OUT"/output_*

run_qgis() {
  local mode=$1 locale_ini=$2
  local profiles="$WORK/profiles-$mode"
  local profile="$profiles/profiles/default"
  mkdir -p "$profile/python/plugins" "$profile/QGIS" "$WORK/home-$mode" "$WORK/runtime-$mode"
  chmod 700 "$WORK/runtime-$mode"
  "$PY" "$ROOT/tools/build_package.py" --install-into "$profile/python/plugins" > /dev/null
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
  LSTSTUDIO_CSO_INPUT="$CSO_INPUT" \
    timeout 600 xvfb-run -a -s "-screen 0 1600x1000x24" \
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
