"""Per-user preferences and window state, in an INI file under the appdirs config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from minute_taker.paths import ensure_private_dir, user_config_dir
from minute_taker.store.backup_policy import DEFAULT_BUDGET, MB

MAX_RECENT = 8
MIN_BACKUP_BUDGET_MB = 10


def app_settings() -> QSettings:
    folder = ensure_private_dir(user_config_dir())
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def recent_books() -> list[Path]:
    value = app_settings().value("books/recent", [])
    paths = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(p) for p in paths if p]


def remember_book(path: Path) -> None:
    paths = [str(path)] + [str(p) for p in recent_books() if p != path]
    settings = app_settings()
    settings.setValue("books/recent", paths[:MAX_RECENT])
    settings.sync()


def recent_team_books() -> list[str]:
    """The addresses of the team books opened last, newest first (never a password)."""
    value = app_settings().value("books/team", [])
    found = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [str(location) for location in found if location]


def last_team_book() -> str | None:
    """The address of the team book opened last."""
    return next(iter(recent_team_books()), None)


def remember_team_book(location: str) -> None:
    """Among the recent team books, first (its address has no password: the dialog and
    the command line's URL are what is kept, with any password taken out)."""
    locations = [location] + [old for old in recent_team_books() if old != location]
    settings = app_settings()
    settings.setValue("books/team", locations[:MAX_RECENT])
    settings.sync()


def user_name() -> str | None:
    """The name the user gave in Preferences, recorded in the audit log of what they do."""
    value = app_settings().value("user/name", "")
    return str(value).strip() or None


def set_user_name(name: str) -> None:
    settings = app_settings()
    settings.setValue("user/name", name.strip())
    settings.sync()


def saved_shortcuts() -> dict[str, str]:
    """The keys the user chose in Help > Keyboard shortcuts: action id to key (portable
    text, as QKeySequence reads it on every platform)."""
    settings = app_settings()
    settings.beginGroup("shortcuts")
    try:
        return {name: str(settings.value(name)) for name in settings.childKeys()}
    finally:
        settings.endGroup()


def save_shortcut(action_id: str, keys: str | None) -> None:
    """Remember the user's key for the action; None goes back to the default."""
    settings = app_settings()
    if keys is None:
        settings.remove(f"shortcuts/{action_id}")
    else:
        settings.setValue(f"shortcuts/{action_id}", keys)
    settings.sync()


def backup_budget_mb() -> int:
    """The space the user allows each book's backups, in MB (File > Restore from backup)."""
    try:
        value = int(str(app_settings().value("backups/budget_mb", "")))
    except ValueError:
        return DEFAULT_BUDGET // MB
    return max(value, MIN_BACKUP_BUDGET_MB)


def set_backup_budget_mb(megabytes: int) -> None:
    settings = app_settings()
    settings.setValue("backups/budget_mb", max(megabytes, MIN_BACKUP_BUDGET_MB))
    settings.sync()
