"""Logging to a rotating file in the appdirs log folder, so problems can be reported.

A crash in native code (Qt, SQLite) kills the process before Python can log anything;
``keep_native_crashes`` has faulthandler write the Python stacks of that moment to a
file beside the log, and the next start moves them into the log the user sends.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

from minute_taker.paths import ensure_private_dir, user_log_dir

LOG_NAME = "minute-taker.log"
NATIVE_CRASH_NAME = "crash-native.log"

log = logging.getLogger(__name__)
# faulthandler writes to this file's descriptor at the moment of the crash, with no Python
# running: it must stay open for the life of the process.
_native_crashes: TextIO | None = None


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


def keep_native_crashes(log_file: Path) -> Path | None:
    """Have a native crash of this process leave its stacks in the log, after the next start.

    faulthandler writes to ``crash-native.log`` beside ``log_file`` (appending, in case
    two copies of the app run at once). What an earlier run left there is logged first,
    under a line saying what it is, and the file emptied. Process-wide and for the app
    only: it replaces whatever faulthandler did before (a test runner's own, for one).
    Returns the crash file, or None if it cannot be written (then nothing is enabled).
    """
    global _native_crashes
    path = log_file.with_name(NATIVE_CRASH_NAME)
    try:
        stream = path.open("a+", encoding="utf-8", errors="replace")
        stream.seek(0)
        earlier = stream.read()
        if earlier.strip():
            log.critical("an earlier run of Minute Taker crashed in native code; "
                         "this is what it left in %s:\n%s", path.name, earlier.rstrip())
            stream.truncate(0)
            stream.flush()
    except OSError as exc:
        log.warning("cannot keep native crashes in %s: %s", path, exc)
        return None
    if _native_crashes is not None:
        _native_crashes.close()
    _native_crashes = stream
    faulthandler.enable(stream, all_threads=True)
    return path
