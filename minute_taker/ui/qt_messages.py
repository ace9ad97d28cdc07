"""Qt's own messages go to the log, not only to a stderr a windowed build does not have."""

from __future__ import annotations

import atexit
import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,  # Qt aborts once the handler has returned
}


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category if context.category not in (None, "default") else ""
    log.log(LEVELS.get(kind, logging.WARNING), "%s%s", f"[{category}] " if category else "",
            message)


def route_qt_messages() -> None:
    """Send every message Qt prints (qWarning and the rest) to the ``qt`` logger.

    Qt calls the handler on any thread and at any time, also while the process ends;
    after Python has finalised it must not call into Python, so the handler is taken
    off again at exit (later messages go to stderr, as Qt's default does).
    """
    qInstallMessageHandler(_to_log)
    atexit.register(qInstallMessageHandler, None)
