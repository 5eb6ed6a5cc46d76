"""Messages of the core that reach the user, kept translatable without Qt.

The core speaks English. A message that reaches the dock (an error of a reader, a plausibility check, a
reanalysis file; a warning of a run) is written as ``msg("template with {name}", name=value)``: a fixed
English template plus named parameters. ``msg`` only fills the template in, so the text that travels
through exceptions, Processing feedback and ``result.json`` stays plain English. The GUI recognises
the template again (``template_pattern``), looks it up in Qt's translations (context ``CONTEXT``,
file ``i18n/lst_studio_core_<lang>.ts``) and fills the translation with the same parameters.

Rules, checked by tests/qgis/test_core_messages.py: the template is a string literal, every placeholder
is a plain name (``{name}``, ``{name!r}``, ``{name:.1f}``), and a template is never only placeholders
(it must be recognisable). ``tools/core_messages_ts.py`` collects the templates into the .ts.
"""

from __future__ import annotations

import ast
import functools
import re
import string
from pathlib import Path

CONTEXT = "CoreMessages"
CORE_DIR = Path(__file__).resolve().parent


def msg(template: str, **params: object) -> str:
    """``template`` with ``params`` filled in (``str.format``): the English text of the message."""
    return template.format(**params)


def fields(template: str) -> list[tuple[str, str]]:
    """The (literal text, placeholder name) pairs of ``template``; the last name may be ``""``."""
    return [(literal, name or "") for literal, name, _spec, _conv in string.Formatter().parse(template)]


def template_pattern(template: str) -> re.Pattern:
    """A regular expression that matches the text ``msg(template, …)`` produced, one group per name.

    Values may hold any text, so each placeholder matches lazily; a name used twice must repeat.
    """
    parts, seen = [], set()
    for literal, name in fields(template):
        parts.append(re.escape(literal))
        if not name:
            continue
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` (e.g. a translation) with each placeholder replaced by the already formatted text in
    ``values``; conversions and format specs are dropped, the values being text already."""
    return "".join(literal + (values.get(name, "") if name else "") for literal, name in fields(template))


def templates_in(path: Path) -> list[tuple[str, int]]:
    """The (template, line) of every ``msg("…", …)`` call in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "msg":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((first.value, node.lineno))
            else:
                found.append(("", node.lineno))  # not a literal: reported by the test
    return found


@functools.lru_cache(maxsize=1)
def templates() -> tuple[str, ...]:
    """Every template of the core (the source is scanned once), the most fixed text first: where two
    templates match one text, the more specific one wins."""
    found = set()
    for path in sorted(CORE_DIR.rglob("*.py")):
        found.update(t for t, _line in templates_in(path) if t)
    return tuple(sorted(found, key=lambda t: (-sum(len(literal) for literal, _ in fields(t)), t)))
