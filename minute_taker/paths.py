"""Where Minute Taker keeps its files, per the platform's conventions (appdirs).

``MINUTE_TAKER_HOME`` overrides every location at once; tests and portable
installs use it so nothing touches the real user folders.
"""

from __future__ import annotations

import errno
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
    """Make sure the folder ``path`` exists; every folder this creates on the way, parents
    included, is owner-only (0700), since they hold minutes, backups and logs.

    ``Path.mkdir(parents=True, mode=0o700)`` is not enough: the mode applies only to the
    last folder, parents get the default, and the umask is taken off all of them. So each
    missing folder is made in turn and set to 0700 explicitly. Folders that already
    existed (the user's home, a folder someone else made in the meantime) are left as
    they are. Raises ``OSError`` as ``mkdir`` would, ``FileExistsError`` if ``path`` is
    something other than a folder.
    """
    missing = []
    folder = path
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # made by someone else meanwhile: not ours to change
        os.chmod(folder, 0o700)
    if not path.is_dir():
        raise FileExistsError(errno.EEXIST, "Not a folder", str(path))
    return path
