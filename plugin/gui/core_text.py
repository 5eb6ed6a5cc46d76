"""Core messages (errors, run warnings) in the language of the UI.

The core writes English text from fixed templates (``core.messages.msg``). Here each line of such a
text is matched against the templates, the template's translation is looked up in Qt's translations
(context ``CoreMessages``, built from i18n/lst_studio_core_<lang>.ts) and filled with the same values.
An error of ours reads ``file: field 'x': reason``: the file stays, "field" and the reason are
translated. Text that matches no template (a GUI string, a library's message) is left as it is.
"""

from __future__ import annotations

import contextlib
import re
import string

from qgis.PyQt.QtCore import QCoreApplication, QLocale

from ..core.messages import CONTEXT, fields, fill, template_pattern, templates

FIELD = "field '{field}'"  # the frame of core.errors.ProductError
_FIELD_FRAME = re.compile(r"(?P<path>.*?): field '(?P<field>[^']*)': (?P<reason>.*)\Z", re.DOTALL)
_PATTERNS: list[tuple[str, re.Pattern]] = []


def _patterns() -> list[tuple[str, re.Pattern]]:
    if not _PATTERNS:
        _PATTERNS.extend((t, template_pattern(t)) for t in templates())
    return _PATTERNS


def _tr(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def translating() -> bool:
    """Whether a translation of the core messages is installed (else every text stays English)."""
    return _tr(FIELD) != FIELD


def _match(text: str) -> tuple[int, str] | None:
    """(fixed characters of the template, translation) when the whole of ``text`` is one core message."""
    for template, pattern in _patterns():  # the most fixed text first
        m = pattern.match(text)
        if m:
            values = _local_numbers(template, m.groupdict())
            return sum(len(literal) for literal, _ in fields(template)), fill(_tr(template), values)
    return None


def _local_numbers(template: str, values: dict[str, str]) -> dict[str, str]:
    """Values the template formats as fixed-point numbers (``{w:.2f}``) with the locale's decimal separator."""
    out = dict(values)
    for _literal, name, spec, _conv in string.Formatter().parse(template):
        fixed = re.fullmatch(r"\.(\d+)f", spec or "")
        if name and fixed and name in out:
            with contextlib.suppress(ValueError):  # not a number after all: keep the text
                out[name] = QLocale().toString(float(out[name]), "f", int(fixed.group(1)))
    return out


def _reason(text: str) -> str | None:
    found = _match(text)
    return found[1] if found else None


def _line(line: str) -> str:
    framed = _FIELD_FRAME.match(line)
    if framed:
        where = f"{framed['path']}: {fill(_tr(FIELD), {'field': framed['field']})}"
        return f"{where}: {_reason(framed['reason']) or framed['reason']}"
    # The whole line, or what follows a prefix ending in ": " ("file: reason", "[failed] file: reason");
    # where several match, the template with the most fixed text wins ("{what} not found" is weaker than
    # "file or folder not found"), then the longest message.
    best: tuple[int, int, str] | None = None
    start = 0
    while start >= 0:
        found = _match(line[start:])
        if found and (best is None or found[0] > best[0]):
            best = (found[0], start, found[1])
        colon = line.find(": ", start)
        start = colon + 2 if colon >= 0 else -1
    return line if best is None else line[: best[1]] + best[2]


def translate_core(text: str) -> str:
    """``text`` with each line that is a core message in the UI's language (unchanged without one)."""
    if not text or not translating():
        return text
    return "\n".join(_line(line) for line in str(text).split("\n"))
