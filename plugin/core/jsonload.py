"""The one loader for every JSON file a user gives us: limits first, then types.

``load_json(path, what, schema=None)`` returns the parsed document or raises ProductError naming the
file, the JSON path of the offending value and what was expected. Before Python's parser can hurt us
it checks, in order:
- size: at most ``MAX_BYTES`` (FarEarth's largest file, ANGLES.json with per-band angle grids, is a
  few MB for a full scene; 64 MiB leaves room without letting a 1 GiB file be read into memory);
- numbers: integers of at most ``MAX_INT_DIGITS`` digits (Python >= 3.11 refuses 4300+ digits with a
  bare ValueError, earlier versions spend quadratic time), floats finite (``1e400`` parses to inf);
  the bare ``NaN`` FarEarth writes in ANGLES.json is kept, ``Infinity`` is refused;
- nesting: at most ``MAX_DEPTH`` levels (a document nested 100 000 deep raises RecursionError in the
  parser, and deep but parseable ones would in every recursive consumer);
- types, when a JSON Schema is given, with Debian's python3-jsonschema (optional at run time: where
  it is missing, e.g. a QGIS without it, the readers' own guarded conversions still apply).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from .errors import ProductError
from .messages import msg

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 40  # 40 digits: far beyond any count, size or epoch-millisecond a product holds


ROOT_FIELD = "document root"  # the field named for errors of the whole document


class _Refused(ValueError):
    """Raised inside the parser hooks; turned into ProductError with the file name outside."""

    def __init__(self, message: str, token: str):
        super().__init__(message)
        self.token = token


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(
            f"an integer of {len(text.lstrip('-'))} digits; expected at most {MAX_INT_DIGITS}", text
        )
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused(f"the number {text[:40]} is out of range; expected a finite number", text)
    return value


def _parse_constant(name: str) -> float:
    if name == "NaN":  # FarEarth ANGLES.json writes bare NaN for "no value" (spec-notes §2)
        return float("nan")
    raise _Refused(f"{name} is not a number; expected a finite number or NaN", name)


def json_path(parts) -> str:
    """A JSON path from key/index parts: ``features[0].properties.product``."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _position(text: str, index: int) -> str:
    """'line L column C' of a character index (what an editor shows)."""
    line = text.count("\n", 0, index) + 1
    return f"line {line} column {index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def _too_deep_at(text: str, max_depth: int) -> int:
    """Index of the first bracket nested deeper than ``max_depth`` (strings skipped), or 0."""
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                return i
        elif ch in "]}":
            depth -= 1
    return 0


def _check_depth(path: Path, doc: Any, max_depth: int) -> None:
    """Iterative (never recursive) walk: refuse nesting deeper than ``max_depth``."""
    stack = [(doc, 1, ())]
    while stack:
        node, depth, where = stack.pop()
        if depth > max_depth:
            raise ProductError(
                path,
                json_path(where) or ROOT_FIELD,
                msg("nested deeper than {max_depth} levels", max_depth=max_depth),
            )
        if isinstance(node, dict):
            stack.extend((v, depth + 1, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, depth + 1, (*where, i)) for i, v in enumerate(node))


def loads(path: Path, text: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text`` (read from ``path``) within the limits of this module; errors name the line
    and column as their field."""
    try:
        doc = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _Refused as exc:
        where = text.find(exc.token)
        raise ProductError(path, _position(text, where) if where >= 0 else ROOT_FIELD, str(exc)) from None
    except RecursionError:
        where = _position(text, _too_deep_at(text, max_depth))
        raise ProductError(
            path, where, msg("nested too deeply; expected at most {max_depth} levels", max_depth=max_depth)
        ) from None
    except json.JSONDecodeError as exc:
        raise ProductError(
            path, f"line {exc.lineno} column {exc.colno}", msg("malformed JSON: {reason}", reason=exc.msg)
        ) from None
    _check_depth(path, doc, max_depth)
    return doc


def read_text(path: Path, what: str, max_bytes: int = MAX_BYTES) -> str:
    """The file's UTF-8 text, refusing files over ``max_bytes`` before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ProductError(
                path,
                "file size",
                msg(
                    "the {what} is {size} bytes; expected at most {max_bytes} for a metadata file",
                    what=what,
                    size=size,
                    max_bytes=max_bytes,
                ),
            )
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise ProductError(path, None, msg("{what} not found", what=what)) from None
    except (OSError, MemoryError) as exc:
        raise ProductError(
            path, None, msg("cannot read the {what} ({error})", what=what, error=exc)
        ) from None
    if len(data) > max_bytes:
        raise ProductError(
            path,
            "file size",
            msg(
                "the {what} is over {max_bytes} bytes; expected a metadata file",
                what=what,
                max_bytes=max_bytes,
            ),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProductError(
            path,
            f"byte {exc.start}",
            msg("the {what} is not UTF-8 text ({reason})", what=what, reason=exc.reason),
        ) from None


def validate(path: Path, doc: Any, schema: dict, prefix: tuple = ()) -> None:
    """Check ``doc`` against a JSON Schema; the first error names its JSON path."""
    try:
        from jsonschema import Draft7Validator
    except ImportError:  # optional at run time (see module docstring)
        return
    errors = sorted(Draft7Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        parts = (*prefix, *err.absolute_path)
        if err.validator == "required":  # name the missing member itself
            missing = [
                k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance
            ]
            parts = (*parts, missing[0]) if missing else parts
        raise ProductError(path, json_path(parts) or ROOT_FIELD, _describe(err))


def _describe(err) -> str:
    shown = repr(err.instance)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if err.validator == "type":
        expected = err.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return msg("{value} has the wrong type; expected {expected}", value=shown, expected=expected)
    if err.validator in ("anyOf", "oneOf"):
        types = []
        for sub in err.context or []:
            if sub.validator == "type":
                v = sub.validator_value
                types += v if isinstance(v, list) else [v]
        expected = " or ".join(dict.fromkeys(types)) or "a value of another form"
        return msg("{value} has the wrong type; expected {expected}", value=shown, expected=expected)
    if err.validator == "required":
        return msg("missing; expected this member")
    if err.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return msg(
            "{value} is out of range; expected {rule} {limit}",
            value=shown,
            rule=err.validator,
            limit=err.validator_value,
        )
    if err.validator == "enum":
        return msg("{value}; expected one of {choices}", value=shown, choices=err.validator_value)
    return f"{shown}: {err.message[:120]}"


def load_json(
    path: str | Path,
    what: str,
    schema: dict | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Read, parse within limits and (with ``schema``) type-check one JSON file."""
    path = Path(path)
    doc = loads(path, read_text(path, what, max_bytes), max_depth)
    if schema is not None:
        validate(path, doc, schema)
    return doc
