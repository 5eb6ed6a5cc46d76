"""Collect the core's message templates (``msg("…", …)`` in plugin/core) into i18n/lst_studio_core_<lang>.ts.

pylupdate5 reads only ``tr``/``translate`` calls, and the core never imports Qt, so the core's
templates get a .ts of their own (context ``CoreMessages``); tools/update_translations.sh compiles it
together with the GUI's .ts into one .qm. Existing translations are kept, new templates are added as
"unfinished" (translate them in Qt Linguist or in the file), templates no longer in the source are
dropped. Usage: ``python tools/core_messages_ts.py i18n/lst_studio_core_de.ts [--lang de]``.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import plugin_alias  # noqa: E402

plugin_alias.install()
from lst_studio.plugin.core.messages import CONTEXT, CORE_DIR, templates_in  # noqa: E402


def collect() -> dict[str, tuple[str, int]]:
    """template -> (first file relative to the root, line)."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(CORE_DIR.rglob("*.py")):
        for template, line in templates_in(path):
            if template and template not in found:
                found[template] = (path.relative_to(ROOT).as_posix(), line)
    return found


def existing(ts: Path) -> dict[str, str]:
    if not ts.is_file():
        return {}
    out = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished" and (translation.text or ""):
            out[message.findtext("source")] = translation.text
    return out


def write(ts: Path, lang: str) -> tuple[int, int]:
    """Rewrite ``ts``; returns (templates, of which untranslated)."""
    known = existing(ts)
    root = ET.Element("TS", version="2.1", language=lang)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    missing = 0
    for template, (file, line) in sorted(collect().items(), key=lambda kv: (kv[1], kv[0])):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "location", filename=f"../{file}", line=str(line))
        ET.SubElement(message, "source").text = template
        translation = ET.SubElement(message, "translation")
        if template in known:
            translation.text = known[template]
        else:
            translation.set("type", "unfinished")
            missing += 1
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return len(context.findall("message")), missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", type=Path)
    parser.add_argument("--lang", default="de")
    args = parser.parse_args(argv)
    total, missing = write(args.ts, args.lang)
    print(f"{args.ts}: {total} core message templates, {missing} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
