"""The one exception hierarchy of LST Studio.

Every bad input raises LstError (or a subclass) with a message that names the file, the field and
what was expected, so the GUI can show it unchanged in the message bar.
"""

from __future__ import annotations

from pathlib import Path

from .messages import msg


class LstError(Exception):
    """Base class of every error LST Studio raises on purpose."""


class ProductError(LstError):
    """An input product is missing, unreadable, inconsistent or of an unsupported kind."""

    def __init__(self, path: str | Path | None, field: str | None, message: str):
        self.path = str(path) if path is not None else None
        self.field = field
        self.reason = message  # what was wrong and what was expected, without file and field
        super().__init__(field_message(self.path, field, message))


def field_message(where: str | Path | None, field: str | None, reason: str) -> str:
    """The one frame of an input error: "where: field 'x': reason" (where or field may be absent); the
    GUI translates the frame and the reason separately (gui/core_text.py)."""
    parts = [str(where)] if where else []
    if field:
        parts.append(msg("field '{field}'", field=field))
    prefix = ": ".join(parts)
    return f"{prefix}: {reason}" if prefix else reason


class AoiError(LstError):
    """The area of interest is invalid or does not overlap the scene."""


class ProcessingCancelled(LstError):
    """The user cancelled a long-running operation; nothing half-written is left behind."""


class ExportError(LstError):
    """Writing the delivery package failed (or its output folder cannot take it)."""


class OutputError(ExportError):
    """The output folder cannot take the package: not a folder, read-only, full, or the package
    name is taken by another run. Raised before any work starts where it can be foreseen."""


def one_line(exc: BaseException) -> str:
    """The first line of an error message, for message bars and Processing's error text."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
