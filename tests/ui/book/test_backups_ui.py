"""Backups while the app runs, and File > Restore from backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from minute_taker.services import interchange, meetings
from minute_taker.store import backups
from minute_taker.store.backup_policy import MB
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book import settings
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


def test_the_dialog_shows_the_policy_and_the_space_taken(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    backups.make_backup(demo_path, backups_root())
    dialog = RestoreDialog(demo_path)
    qtbot.addWidget(dialog)
    size = backups.list_backups(demo_path, backups_root())[0].size
    assert "one a week for a year" in dialog.policy.text()
    assert f"They take {size // 1024} KB of 200 MB" in dialog.usage.text()
    assert "have gone" not in dialog.usage.text()


def weekly_old_style_backups(book: Path, weeks: int) -> None:
    """Uncompressed backups (as versions before compression made them), a week apart:
    big enough for a 10 MB budget to matter."""
    folder = backups.folder_for(book, backups_root())
    folder.mkdir(parents=True)
    last = dt.datetime.now() - dt.timedelta(hours=1)
    for week in range(weeks):
        when = last - dt.timedelta(weeks=week)
        backups.copy_to_new_book(book, folder / f"{when:%Y%m%d-%H%M%S-%f}.minutebook")


def test_the_budget_is_changed_by_keyboard_and_applied_at_once(  # type: ignore[no-untyped-def]
        qtbot, demo_path: Path) -> None:
    weekly_old_style_backups(demo_path, 40)
    each = backups.list_backups(demo_path, backups_root())[0].size
    assert 40 * each > 10 * MB, "the backups must be over the budget set below"
    dialog = RestoreDialog(demo_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.list.count() == 40
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.budget
    dialog.budget.selectAll()
    qtbot.keyClicks(dialog.budget, "10")
    qtbot.keyClick(dialog.budget, Qt.Key.Key_Return)  # applies; does not open a backup
    assert dialog.isVisible() and dialog.restored is None
    assert settings.backup_budget_mb() == 10
    kept = backups.list_backups(demo_path, backups_root())
    assert sum(b.size for b in kept) <= 10 * MB and dialog.list.count() == len(kept) < 40
    assert f"{40 - len(kept)} older backups have gone" in dialog.usage.text()
    assert "of 10 MB" in dialog.usage.text()
    # Alt+A applies too: a larger budget brings nothing back, and removes nothing more.
    dialog.budget.setValue(500)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: settings.backup_budget_mb() == 500)  # a button clicks briefly
    assert dialog.list.count() == len(kept) and "of 500 MB" in dialog.usage.text()


def test_backups_are_made_within_the_budget_set(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, monkeypatch) -> None:
    settings.set_backup_budget_mb(30)
    budgets: list[int | None] = []
    real = backups.make_backup

    def recording(book: Path, root: Path, *, budget: int | None = None) -> Path:
        budgets.append(budget)
        return real(book, root, budget=budget)

    monkeypatch.setattr(backups, "make_backup", recording)
    open_window(demo_path)
    qtbot.waitUntil(lambda: budgets == [30 * MB])
