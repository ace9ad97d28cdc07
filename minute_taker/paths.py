"""Where Minute Taker keeps its files, per the platform's conventions (appdirs).

``MINUTE_TAKER_HOME`` overrides every location at once; tests and portable
installs use it so nothing touches the real user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

from minute_taker import APP_ID

APP_AUTHOR = "MinuteTaker"
DEFAULT_BOOK_NAME = "Minutes.minutebook"
BOOK_SUFFIX = ".minutebook"


def _override() -> Path | None:
    home = os.environ.get("MINUTE_TAKER_HOME")
    return Path(home) if home else None


def user_data_dir() -> Path:
    home = _override()
    return home / "data" if home else Path(appdirs.user_data_dir(APP_ID, APP_AUTHOR))


def user_log_dir() -> Path:
    home = _override()
    return home / "logs" if home else Path(appdirs.user_log_dir(APP_ID, APP_AUTHOR))


def user_config_dir() -> Path:
    home = _override()
    return home / "config" if home else Path(appdirs.user_config_dir(APP_ID, APP_AUTHOR))


def user_styles_dir() -> Path:
    """The user's own house styles (copies of the built-in ones, edited)."""
    return user_config_dir() / "styles"


def default_book_path() -> Path:
    return user_data_dir() / DEFAULT_BOOK_NAME


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (it holds minutes and logs)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
