"""Starting the app: the default book, a bad book, and unexpected errors."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from minute_taker import paths
from minute_taker.app_logging import setup_logging
from minute_taker.ui.app import SHOWN_MARKER, run_gui
from minute_taker.ui.book import crash


def test_first_run_creates_the_default_book_and_shows_the_window(isolated_home: Path) -> None:
    env = dict(os.environ, MINUTE_TAKER_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "minute_taker", "--exit-when-shown"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{SHOWN_MARKER} mainWindow" in done.stdout
    book = paths.default_book_path()
    assert book.is_relative_to(isolated_home) and book.exists()
    assert book.stat().st_mode & 0o777 == 0o600
    assert (paths.user_log_dir() / "minute-taker.log").exists()


def test_a_review_copy_opens_in_review_mode(isolated_home: Path) -> None:
    from minute_taker.services import interchange, review
    from minute_taker.store.book import MinuteBook

    copy = isolated_home / "For the Chair.review.minutebook"
    with MinuteBook.open(isolated_home / "Panel.minutebook") as book:
        interchange.load_demo(book)
        review.send_for_review(book, 1, copy)
    env = dict(os.environ, MINUTE_TAKER_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "minute_taker", str(copy), "--exit-when-shown"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{SHOWN_MARKER} reviewWindow" in done.stdout


def test_a_file_that_is_not_a_book_is_refused_with_a_message(qtbot, tmp_path: Path,
                                                             monkeypatch) -> None:
    picture = tmp_path / "photo.minutebook"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    shown = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert run_gui(picture) == 1
    [(title, message, buttons)] = shown
    assert title == "Cannot open minute book"
    assert "photo.minutebook is not a minute book" in message
    assert buttons == ["Close"]  # no backup of it exists to offer
    assert picture.read_bytes() == b"\x89PNG\r\n\x1a\n" + bytes(200)


def test_unexpected_errors_are_logged_and_shown(qtbot, monkeypatch) -> None:
    log_file = setup_logging()
    assert log_file is not None
    dialogs = []
    monkeypatch.setattr(crash, "show_crash_dialog",
                        lambda details, where: dialogs.append((details, where)))
    previous = sys.excepthook
    crash.install_excepthook(log_file)
    try:
        try:
            raise RuntimeError("the printer caught fire")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger().handlers[:]:
            handler.flush()
            if getattr(handler, "baseFilename", None) == str(log_file):
                logging.getLogger().removeHandler(handler)
                handler.close()
    [(details, where)] = dialogs
    assert "RuntimeError: the printer caught fire" in details and where == log_file
    assert "the printer caught fire" in log_file.read_text(encoding="utf-8")


def test_a_normal_start_does_not_load_what_only_some_commands_need() -> None:
    # Alembic (upgrades), jsonschema (importing files) and spylls (loaded later, off the
    # GUI thread) would each add tens of milliseconds to every start.
    code = ("import sys, minute_taker.ui.app; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'alembic', 'jsonschema', 'spylls', 'hypothesis'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_app_hands_the_interpreter_back_to_the_gui_thread_soon(qapp) -> None:  # type: ignore[no-untyped-def]
    """Workers (the autosave's, the dictionary's) run Python beside the GUI thread; at
    Python's default switch interval a key waited up to 5 ms at each of its Python slots."""
    from minute_taker.ui.app import make_application
    from minute_taker.ui.workers import GUI_SWITCH_INTERVAL_S

    default = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        make_application([])
        assert sys.getswitchinterval() == GUI_SWITCH_INTERVAL_S
    finally:
        sys.setswitchinterval(default)
