"""Shared fixtures: every test gets its own empty home folder and a fresh book."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point appdirs locations (and Qt settings, see ui tests) at a private temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MINUTE_TAKER_HOME", str(home))
    return home


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return tmp_path / "test.minutebook"


@pytest.fixture
def book(book_path: Path) -> Iterator[object]:
    from minute_taker.store.book import MinuteBook

    opened = MinuteBook.open(book_path, actor="Test Clerk")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgresql_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL server for the whole run (tests/pg_cluster.py), or a skip
    saying how to install one."""
    from pg_cluster import Cluster

    try:
        cluster = Cluster()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def team_location(postgresql_cluster: object) -> Iterator[str]:
    """The URL of an empty database of its own on the throwaway server."""
    with postgresql_cluster.fresh_database() as url:  # type: ignore[attr-defined]
        yield url


@pytest.fixture
def team_book(team_location: str) -> Iterator[object]:
    from minute_taker.store.book import MinuteBook

    opened = MinuteBook.open(team_location, actor="Test Clerk")
    yield opened
    opened.close()


@pytest.fixture
def open_window(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    """Open a main window on a book path, as the app does; closed at the end of the test.

    A message box or file dialog nobody expected fails the test instead of waiting for a
    click forever (tests that expect one patch it themselves).
    """
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.main_window import MainWindow

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(box, box.windowTitle(),
                                                                    box.text()))
    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, unexpected)

    windows = []

    def _open(path: Path | str, *, claim: bool = False, actor: str = "Test Clerk",
              show: bool = True) -> MainWindow:
        """``path``: a book's file or a team book's URL; ``show`` False: shown later by
        the test itself."""
        window = MainWindow(MinuteBook.open(path, actor=actor, claim=claim))
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
        return window

    yield _open
    for window in windows:
        if window.isVisible():
            window.close()
        window.context.book.close()


@pytest.fixture
def world_readable_folder() -> Iterator[Path]:
    """A folder outside pytest's own (root's is closed to other users)."""
    folder = Path(tempfile.mkdtemp(prefix="minute-taker-read-only-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for inner in folder.rglob("*"):
            if inner.is_dir():
                inner.chmod(0o755)  # a non-root owner cannot delete from a 0555 folder
        shutil.rmtree(folder)
