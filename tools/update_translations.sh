#!/usr/bin/env bash
# Refresh the translation sources and compile them (make i18n):
#   pylupdate5 scans the plugin's Python files and the Designer forms into i18n/lst_studio_<lang>.ts
#   (new strings appear as "unfinished"; translate them in Qt Linguist or the .ts directly),
#   tools/core_messages_ts.py collects the core's message templates (core/messages.msg) into
#   i18n/lst_studio_core_<lang>.ts (pylupdate5 cannot see them: the core has no tr()),
#   lrelease compiles both .ts into the one .qm that plugin/main.py installs for the QGIS locale.
set -euo pipefail
cd "$(dirname "$0")/.."
LANGS=${LANGS:-de}
LRELEASE=$(command -v lrelease || echo /usr/lib/qt5/bin/lrelease)
# plugin/processing: every string goes through LstStudioProcessing.tr / .QT_TR_NOOP (see processing/base.py),
# the one context pylupdate5 files them under and the plugin translates them in.
mapfile -t SOURCES < <(find plugin/gui plugin/processing plugin/main.py -name "*.py" -not -name make_styles.py | sort)
mapfile -t FORMS < <(find ui -name '*.ui' | sort)
for lang in $LANGS; do
  pylupdate5 -noobsolete "${SOURCES[@]}" "${FORMS[@]}" -ts "i18n/lst_studio_${lang}.ts"
  "${PYTHON:-.venv/bin/python}" tools/core_messages_ts.py "i18n/lst_studio_core_${lang}.ts" --lang "$lang"
  "$LRELEASE" -silent "i18n/lst_studio_${lang}.ts" "i18n/lst_studio_core_${lang}.ts" -qm "i18n/lst_studio_${lang}.qm"
done
