"""Backups while the app runs, and File > Restore from backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from minute_taker.services import interchange, meetings
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book.backups import RestoreDialog, backups_root, describe


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    return path


def test_opening_a_book_backs_it_up(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_window(demo_path)
    qtbot.waitUntil(lambda: len(backups.list_backups(demo_path, backups_root())) == 1)
    [info] = backups.list_backups(demo_path, backups_root())
    assert info.meetings == 1 and "1 meeting" in describe(info)


def test_edits_bring_another_backup_when_the_quarter_hour_comes(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    qtbot.waitUntil(lambda: len(backups.list_backups(demo_path, backups_root())) == 1)
    window.backups._on_timer()  # nothing edited: no new copy
    window.backups.wait()
    assert len(backups.list_backups(demo_path, backups_root())) == 1
    window.context.apply(meetings.update_header, 1, venue="Hindlip Hall")
    window.context.autosave.saved.emit(dt.datetime.now())
    window.backups._on_timer()
    qtbot.waitUntil(lambda: len(backups.list_backups(demo_path, backups_root())) == 2)


def test_restore_opens_the_backup_as_a_new_book(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                                tmp_path: Path, monkeypatch) -> None:
    window = open_window(demo_path)
    qtbot.waitUntil(lambda: len(backups.list_backups(demo_path, backups_root())) == 1)
    target = tmp_path / "restored.minutebook"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = RestoreDialog(demo_path, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.restore_button.isEnabled()
    dialog.restore()
    assert dialog.restored == target and target.exists()

    # File > Restore from backup: the chosen copy becomes the open book.
    second = tmp_path / "restored again.minutebook"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(second), ""))

    def choose_newest(self: RestoreDialog) -> int:
        self.restore()
        return RestoreDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose_newest)
    window.books.restore_from_backup()
    assert window.context.book.path == second
    assert window.context.header is not None


def test_no_backups_yet_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(tmp_path / "never.minutebook")
    qtbot.addWidget(dialog)
    assert "no backups" in dialog.message.text() and not dialog.restore_button.isEnabled()
