"""Python ``logging`` of the plugin routed to the QGIS message log (tab "LST Studio").

The plugin installs one handler on its package logger when it loads and removes it on unload, so
core modules log with ``logging.getLogger(__name__)`` and never import QGIS. QgsMessageLog is
thread-safe: records from worker threads (tasks, Processing) arrive in the log panel too.
"""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

TAG = "LST Studio"
# The plugin's top package: "lst_studio" when installed, the checkout's folder name otherwise.
PACKAGE_LOGGER = __name__.rsplit(".", 3)[0]


def short_message(text: str, limit: int = 300) -> str:
    """One line for a label or the message bar; a Python traceback becomes its last line (the error).

    The whole text goes to the message log (see ``MessageLogHandler``); widgets get this line so a
    40-line traceback never widens the dock or the main window. Give it text already in the UI's
    language (core text through ``core_text.translate_core``, once, where it is shown), so the line is
    shortened after translation.
    """
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[-1] if lines[0].startswith("Traceback") else lines[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


class MessageLogHandler(logging.Handler):
    """Writes each record to QgsMessageLog with the matching QGIS level."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a broken format string must not break the caller
            text = str(record.msg)
        if record.levelno >= logging.ERROR:
            level = Qgis.Critical
        elif record.levelno >= logging.WARNING:
            level = Qgis.Warning
        else:
            level = Qgis.Info
        QgsMessageLog.logMessage(text, TAG, level, notifyUser=False)


def install(logger_name: str = PACKAGE_LOGGER, level: int = logging.INFO) -> MessageLogHandler:
    """Route ``logger_name`` (and its children) to the message log; returns the handler for ``remove``."""
    handler = MessageLogHandler(level)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return handler


def remove(handler: MessageLogHandler | None, logger_name: str = PACKAGE_LOGGER) -> None:
    if handler is not None:
        logging.getLogger(logger_name).removeHandler(handler)
        handler.close()


def log_details(text: str, level: int = logging.WARNING) -> None:
    """The full text of an error (e.g. a traceback) for the log panel."""
    logging.getLogger(PACKAGE_LOGGER).log(level, "%s", text)
