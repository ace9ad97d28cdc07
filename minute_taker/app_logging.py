"""Logging to a rotating file in the appdirs log folder, so problems can be reported."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from minute_taker.paths import ensure_private_dir, user_log_dir

LOG_NAME = "minute-taker.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to file (and warnings to stderr). Returns the log file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    try:
        path = ensure_private_dir(user_log_dir()) / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000,
                                                       backupCount=3, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write a log file: %s", exc)
        return None
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
