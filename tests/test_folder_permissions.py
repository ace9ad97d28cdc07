"""Every folder the app creates is readable by its owner only (docs/storage.md), parents
included and whatever the umask: they hold minutes, their backups and logs that quote
them. Folders that were there already (the user's home) are not the app's to change."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from minute_taker import paths
from minute_taker.app_logging import setup_logging
from minute_taker.store import backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common desktop umask, under which a plain ``mkdir`` makes 0755 folders."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


@pytest.fixture
def root_logger_restored() -> Iterator[None]:
    """setup_logging adds handlers to the root logger; take them off again."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def start_the_app_and_back_up() -> Path:
    """What creates folders when the app starts: the log, opening the default book the way
    the window does (which reads the settings), and the backup taken on opening."""
    from minute_taker.ui.book.backups import backups_root
    from minute_taker.ui.book.opening import open_book

    assert setup_logging() is not None
    book = open_book(paths.default_book_path())
    assert book is not None and book.read_only is None
    book.close()
    return backups.make_backup(paths.default_book_path(), backups_root())


def folder_modes(top: Path) -> dict[str, int]:
    return {str(folder.relative_to(top)): stat.S_IMODE(folder.stat().st_mode)
            for folder in top.rglob("*") if folder.is_dir()}


def test_folders_under_minute_taker_home_are_owner_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logger_restored: None) -> None:
    monkeypatch.setenv("MINUTE_TAKER_HOME", str(tmp_path / "portable" / "drive" / "home"))
    backup = start_the_app_and_back_up()
    modes = folder_modes(tmp_path)
    assert {"portable", "portable/drive/home", "portable/drive/home/data",
            "portable/drive/home/data/backups", "portable/drive/home/logs",
            "portable/drive/home/config"} <= modes.keys()
    assert str(backup.parent.relative_to(tmp_path)) in modes
    assert {name: mode for name, mode in modes.items() if mode != 0o700} == {}


def test_folders_in_the_default_locations_are_owner_only_and_home_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logger_restored: None) -> None:
    home = tmp_path / "alice"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    monkeypatch.delenv("MINUTE_TAKER_HOME")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert paths.user_data_dir().is_relative_to(home)  # appdirs follows HOME
    assert paths.user_log_dir().is_relative_to(home)
    assert paths.user_config_dir().is_relative_to(home)
    start_the_app_and_back_up()
    modes = folder_modes(home)
    assert {str(paths.user_data_dir().relative_to(home)), ".local", ".local/share",
            str(paths.user_log_dir().relative_to(home)),
            str(paths.user_config_dir().relative_to(home))} <= modes.keys()
    assert {name: mode for name, mode in modes.items() if mode != 0o700} == {}
    assert stat.S_IMODE(home.stat().st_mode) == 0o755


def test_xdg_folders_set_by_the_user_are_followed_and_kept_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logger_restored: None) -> None:
    monkeypatch.delenv("MINUTE_TAKER_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / folder))
    start_the_app_and_back_up()
    modes = folder_modes(tmp_path)
    assert paths.user_data_dir().is_relative_to(tmp_path / "xdg" / "data")
    assert {"xdg", "xdg/data", "xdg/config", "xdg/cache"} <= modes.keys()
    assert {name: mode for name, mode in modes.items() if mode != 0o700} == {}
    assert not (tmp_path / "home").exists()


def test_a_book_in_a_new_folder_gets_private_folders(tmp_path: Path) -> None:
    from minute_taker.store.book import MinuteBook

    MinuteBook.open(tmp_path / "committees" / "2026" / "Panel.minutebook").close()
    assert folder_modes(tmp_path) == {"committees": 0o700, "committees/2026": 0o700}


def test_an_export_into_a_new_folder_gets_private_folders(tmp_path: Path) -> None:
    from minute_taker.export.formats import ExportRequest
    from minute_taker.services import interchange, publishing
    from minute_taker.store.book import MinuteBook

    with MinuteBook.open(tmp_path / "Panel.minutebook") as book:
        meeting_id = interchange.load_demo(book)
        publishing.export(book, ExportRequest(meeting_id, "html", public=True),
                          tmp_path / "published" / "2017" / "minutes.html")
    assert folder_modes(tmp_path) == {"published": 0o700, "published/2017": 0o700}


def test_only_the_folders_it_makes_are_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o775)
    made = paths.ensure_private_dir(shared / "a" / "b")
    assert made == shared / "a" / "b"
    assert folder_modes(tmp_path) == {"shared": 0o775, "shared/a": 0o700, "shared/a/b": 0o700}
    made.chmod(0o750)  # the user widened it: opening again leaves it so
    paths.ensure_private_dir(made)
    assert stat.S_IMODE(made.stat().st_mode) == 0o750


def test_a_file_in_the_way_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "logs").write_text("not a folder")
    with pytest.raises(FileExistsError):
        paths.ensure_private_dir(tmp_path / "logs")
    with pytest.raises(NotADirectoryError):
        paths.ensure_private_dir(tmp_path / "logs" / "inner")
