"""The window on a team book (issue 22): opened from File › Open team book… by keys,
and its meeting's notes taken by one window at a time: a second window on the same
meeting reads them, says whose they are, and takes them with Try again once the first
has let them go. A password the server asks for is asked of the clerk, and kept
nowhere."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import make_url
from ui_keys import key, when_dialog_has_focus

from minute_taker import __main__, paths
from minute_taker.services import agenda, committees, leases, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import PasswordNeededError
from minute_taker.store.server import location_parts, public_location
from minute_taker.ui.app import SHOWN_MARKER
from minute_taker.ui.book import opening
from minute_taker.ui.book.settings import (
    recent_books,
    recent_team_books,
    remember_team_book,
    set_user_name,
)
from minute_taker.ui.book.team_book_dialog import TeamBookDialog
from minute_taker.ui.main_window import MainWindow

SAID = "<p>The PCC introduced the report.</p>"


def a_team_meeting(location: str) -> int:
    with MinuteBook.open(location, actor="Jackie Irvin") as seed:
        committee = committees.create_committee(seed, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October",
                                          dt.date(2017, 10, 31))
        item = agenda.add_item(seed, meeting.id, "Performance report")
        agenda.set_item_minutes(seed, item.id, SAID)
        return item.id


@pytest.fixture
def team_window(open_window, team_location: str):  # type: ignore[no-untyped-def]
    """A main window on the team book, as a clerk's computer opens it (shown, unless
    asked not to); every one is closed, with its book, at the end of the test."""
    return lambda actor, *, show=True: open_window(team_location, actor=actor, show=show)


def fill_in(qtbot, location: str):  # type: ignore[no-untyped-def]
    """The form filled as IT said, by keys, and Enter."""
    server, database, user, port = location_parts(location)

    def fill(dialog: TeamBookDialog) -> None:  # type: ignore[override]
        for field, value in ((dialog.server, server), (dialog.database, database),
                             (dialog.user, user)):
            field.setFocus()
            field.selectAll()
            qtbot.keyClicks(field, value)
        dialog.port.setValue(port or 0)
        key(qtbot, dialog.user, "Return")

    return fill


@pytest.mark.postgresql
def test_a_team_book_opened_by_keys_and_its_notes_held_by_one_window(
        qtbot, open_window, team_window, book_path: Path, team_location: str) -> None:
    item_id = a_team_meeting(team_location)
    set_user_name("Jackie Irvin")  # Edit › Your name: the name the others are told
    first = open_window(book_path)  # the clerk's own book in a file, first
    when_dialog_has_focus(fill_in(qtbot, team_location), kind=TeamBookDialog)
    first.books.open_team_book()

    book = first.context.book
    assert book.server is not None and "(team book)" in first.windowTitle()
    assert first.context.current_item_id == item_id
    assert first.context.notes_lease.held and first.context.notes_writable
    assert not first.notes.editor.isReadOnly()
    # Remembered without a password, to fill the form next time; not among the files.
    [remembered] = recent_team_books()
    assert location_parts(remembered) == location_parts(team_location)
    assert recent_books() == [book_path]

    # Louise opens the same meeting in a window of her own: she reads the notes.
    second = team_window("Louise Wall")
    assert second.context.current_item_id == item_id
    assert second.banner.state == "notes-elsewhere" and second.banner.isVisible()
    assert "Jackie Irvin on " in second.banner.text.text()
    editor = second.notes.editor
    assert editor.isReadOnly() and "is taking the notes" in editor.toolTip()
    editor.setFocus()
    qtbot.keyClicks(editor, "Louise's words")
    assert "Louise's words" not in editor.toPlainText()

    # The first window closes and lets them go: the second says so within 2 s, and
    # takes them only when asked (Try again, Alt+G).
    first.close()
    assert leases.current_holder(second.context.book, second.context.meeting_id) is None
    qtbot.waitUntil(lambda: "has let the notes of this meeting go"
                    in second.banner.text.text(), timeout=2000)
    assert editor.isReadOnly() and not second.context.notes_lease.held
    assert "has let the notes go" in editor.toolTip()
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)  # shortcuts reach the active window only
    key(qtbot, editor, "Alt+G")
    qtbot.waitUntil(lambda: second.banner.state is None)
    assert second.context.notes_lease.held and not editor.isReadOnly()
    editor.setFocus()
    key(qtbot, editor, "Ctrl+End")
    qtbot.keyClicks(editor, " Members noted it.")
    assert second.context.autosave.flush()
    assert agenda.get_item_notes(second.context.book, item_id)[0] == \
        "<p>The PCC introduced the report. Members noted it.</p>"


def test_a_password_the_server_asks_for_is_asked_of_the_clerk(monkeypatch) -> None:
    tried: list[str] = []

    def refuse_without(location: str, **_kwargs: object) -> MinuteBook:
        tried.append(location)
        if ":secret@" not in location:
            raise PasswordNeededError("Cannot open the team book minutes on db: fe_sendauth: "
                                      "no password supplied.")
        raise RuntimeError("opened")  # far enough: the password reached the opening

    asked: list[str] = []
    monkeypatch.setattr(MinuteBook, "open", refuse_without)
    monkeypatch.setattr(QInputDialog, "getText", lambda _parent, _title, label, _echo:
                        (asked.append(label), ("secret", True))[1])
    with pytest.raises(RuntimeError, match="opened"):
        opening.open_team_book("postgresql://jackie@db.council.local/minutes")
    assert tried == ["postgresql://jackie@db.council.local/minutes",
                     "postgresql+psycopg://jackie:secret@db.council.local/minutes"]
    assert asked == ["The password of jackie for minutes on db.council.local:"]
    assert not recent_team_books()  # nothing opened, nothing kept


@pytest.mark.postgresql
def test_a_server_that_asks_for_a_password_gets_the_one_the_clerk_types(
        postgresql_cluster, team_location: str, tmp_path: Path, monkeypatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A real server asking (SCRAM): a wrong password is refused and asked again, the
    right one opens the book, and the book's backups (pg_dump's archive too) and
    change notifications work with it. Kept nowhere: the next opening asks again, unless
    the clerk keeps it in libpq's own password file, which is then read."""
    from minute_taker.store import backups

    with MinuteBook.open(team_location):
        pass  # the book, made by a trusted role
    with postgresql_cluster.role_with_password("louise", "pass phrase 1") as user:
        location = team_location.replace("minute_taker@", f"{user}@")
        answers = iter([("wrong", True), ("pass phrase 1", True)])
        asked: list[str] = []
        monkeypatch.setattr(QInputDialog, "getText", lambda _parent, _title, label, _echo:
                            (asked.append(label), next(answers))[1])
        book = opening.open_team_book(location)
        assert book is not None and book.actor
        try:
            assert asked[0].startswith("The password of louise for book_")
            assert asked[1].startswith("That password was refused. The password of louise")
            made = backups.back_up(book, tmp_path / "backups")
            [listed] = backups.list_backups(backups.backup_key(book), tmp_path / "backups")
            assert listed.path == made and listed.server_dump is not None
            assert book.change_feed() is not None
        finally:
            book.close()
        assert "pass phrase 1" not in caplog.text

        # The next opening asks again: the password was kept nowhere.
        monkeypatch.setattr(QInputDialog, "getText",
                            lambda *_args: (asked.append("again"), ("", False))[1])
        assert opening.open_team_book(location) is None and asked[-1] == "again"
        # libpq's password file (~/.pgpass, or PGPASSFILE) is read: nothing is asked.
        password_file = tmp_path / "pgpass"
        password_file.write_text(f"*:*:*:{user}:pass phrase 1\n")
        password_file.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(password_file))
        book = opening.open_team_book(location)
        assert book is not None and asked[-1] == "again"
        try:
            again = backups.back_up(book, tmp_path / "backups")
            [newest, _first] = backups.list_backups(backups.backup_key(book),
                                                    tmp_path / "backups")
            assert newest.path == again and newest.server_dump is not None
        finally:
            book.close()


@pytest.mark.postgresql
def test_the_app_started_on_a_team_books_address_opens_it(
        isolated_home: Path, team_location: str) -> None:
    """``minute-taker postgresql://...``: the window, on the team book; no file made."""
    a_team_meeting(team_location)
    env = dict(os.environ, MINUTE_TAKER_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    with_password = team_location.replace("minute_taker@", "minute_taker:s3cret@")
    done = subprocess.run([sys.executable, "-m", "minute_taker", with_password,
                           "--exit-when-shown"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{SHOWN_MARKER} mainWindow" in done.stdout
    assert not paths.default_book_path().exists()
    # Among the recent team books, its password left out.
    [remembered] = recent_team_books()
    assert "s3cret" not in remembered
    assert location_parts(remembered) == location_parts(team_location)
    assert __main__.gui_arguments([team_location]).book == team_location
    assert __main__.gui_arguments(["Panel.minutebook"]).book == Path("Panel.minutebook")


@pytest.mark.postgresql
def test_another_windows_changes_are_shown_within_two_seconds_keeping_the_readers_place(
        qtbot, team_window, team_location: str) -> None:
    """Jackie types the notes; Louise, reading the same meeting in her window with her
    caret in the notes, sees the words within 2 s, her caret where it was. Louise
    changes the meeting's venue; Jackie's header shows it within 2 s."""
    item_id = a_team_meeting(team_location)
    jackie, louise = team_window("Jackie Irvin"), team_window("Louise Wall")
    assert jackie.context.notes_lease.held and not louise.context.notes_lease.held
    reader = louise.notes.editor
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(4)  # "The |PCC ..."
    reader.setTextCursor(cursor)

    writer = jackie.notes.editor
    writer.setFocus()
    key(qtbot, writer, "Ctrl+End")
    qtbot.keyClicks(writer, " Members noted it.")
    assert jackie.context.autosave.flush()
    qtbot.waitUntil(lambda: reader.toPlainText().endswith("Members noted it."),
                    timeout=2000)
    assert reader.textCursor().position() == 4
    assert louise.context.current_item_id == item_id

    louise.context.apply(meetings.update_header, louise.context.meeting_id,
                         expected_version=louise.context.header.version,
                         venue="Council Chamber, Shire Hall")
    qtbot.waitUntil(lambda: jackie.context.header.venue == "Council Chamber, Shire Hall",
                    timeout=2000)
    assert jackie.header.venue.text() == "Council Chamber, Shire Hall"
    assert jackie.context.current_item_id == item_id and jackie.focusWidget() is writer


@pytest.mark.postgresql
def test_a_team_book_open_in_the_window_is_backed_up_and_restorable(
        qtbot, team_window, team_location: str, isolated_home: Path, monkeypatch) -> None:
    """The window backs a team book up as it backs a file up (a book file copied from
    the server), and File › Restore from backup lists those copies."""
    from minute_taker.store import backups
    from minute_taker.ui.book.backups import RestoreDialog, backups_root

    a_team_meeting(team_location)
    window = team_window("Jackie Irvin", show=False)
    with qtbot.waitSignal(window.backups.backed_up, timeout=20000) as made:
        window.show()
    key = backups.backup_key(window.context.book)
    [listed] = backups.list_backups(key, backups_root())
    assert listed.path == made.args[0] and listed.meetings == 1
    shown: list[RestoreDialog] = []

    def look(dialog: RestoreDialog) -> int:  # File › Restore from backup, looked at
        shown.append(dialog)
        return RestoreDialog.DialogCode.Rejected

    monkeypatch.setattr(RestoreDialog, "exec", look)
    window.books.restore_from_backup()
    [dialog] = shown
    assert dialog.list.count() == 1
    assert dialog.message.text().startswith(
        f"Backups of the team book {window.context.book.server}, taken when")
    assert backups.restored_name(key, listed).parent == Path.home()
    # pg_dump comes with the server the tests run: its archive is beside the copy.
    assert listed.server_dump is not None
    entry = dialog.list.item(0)
    assert entry.text().endswith("with the server\u2019s own archive")
    assert str(listed.server_dump) in entry.toolTip()
    assert f"beside them, in {listed.server_dump.parent}" in dialog.message.text()
    dialog.deleteLater()


@pytest.mark.postgresql
def test_notes_left_to_lapse_are_taken_over_and_the_first_window_stops_writing_them(
        qtbot, team_window, team_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jackie's laptop sleeps past the lease; Louise's Try again takes the notes; when
    Jackie's window wakes, its next heartbeat finds them gone: its notes turn read-only
    under the banner, and what she typed is still in her editor (and, written on the
    notes' version she read, reaches the book if nobody wrote them since)."""
    item_id = a_team_meeting(team_location)
    jackie, louise = team_window("Jackie Irvin"), team_window("Louise Wall")
    real = leases._now
    monkeypatch.setattr(leases, "_now", lambda session: real(session)
                        + dt.timedelta(seconds=leases.LEASE_SECONDS + 1))
    louise.activateWindow()
    qtbot.waitUntil(louise.isActiveWindow)
    key(qtbot, louise.notes.editor, "Alt+G")
    qtbot.waitUntil(lambda: louise.context.notes_lease.held)
    assert not louise.notes.editor.isReadOnly() and louise.banner.state is None

    jackie.notes.editor.setFocus()
    qtbot.keyClicks(jackie.notes.editor, " Typed while asleep.")
    jackie.context.notes_lease.renew()  # the heartbeat, on waking
    assert not jackie.context.notes_lease.held
    assert jackie.banner.state == "notes-elsewhere"
    assert "Louise Wall on " in jackie.banner.text.text()
    assert jackie.notes.editor.isReadOnly()
    assert jackie.notes.editor.toPlainText().endswith("Typed while asleep.")
    assert jackie.context.current_item_id == item_id


@pytest.mark.postgresql
def test_a_recent_team_book_is_opened_from_the_recent_menu(
        qtbot, open_window, book_path: Path, team_location: str) -> None:
    item_id = a_team_meeting(team_location)
    remember_team_book(public_location(make_url(team_location)))
    window = open_window(book_path)
    menu = window.recent_menu
    window.books.fill_recent(menu)
    [entry] = [a for a in menu.actions() if a.text().endswith("team book")]
    assert entry.text().startswith(location_parts(team_location)[1])
    entry.trigger()
    assert window.context.book.server is not None
    assert window.context.current_item_id == item_id
    window.books.fill_recent(menu)  # now it is open: not offered again; the file is
    assert [a.text() for a in menu.actions()] == [
        f"{book_path.name}  \u2014  {book_path.parent}"]


@pytest.mark.postgresql
def test_minutes_are_not_approved_from_another_window_while_the_clerk_types_them(
        qtbot, team_window, team_location: str) -> None:
    """Louise approves from her window while Jackie is typing the notes in hers: refused,
    saying who is typing, and Jackie's words are saved; once Jackie lets the notes go,
    Louise approves."""
    from minute_taker.domain.enums import MeetingStatus
    from minute_taker.domain.workflow import Transition

    item_id = a_team_meeting(team_location)
    with MinuteBook.open(team_location, actor="Jackie Irvin") as seed:
        [meeting] = meetings.list_meetings(seed)
        meetings.change_status(seed, meeting.id, Transition.SEND_FOR_REVIEW)
    jackie = team_window("Jackie Irvin")
    louise = team_window("Louise Wall")
    assert jackie.context.notes_lease.held and louise.banner.state == "notes-elsewhere"

    editor = jackie.notes.editor
    jackie.activateWindow()
    editor.setFocus()
    key(qtbot, editor, "Ctrl+End")
    qtbot.keyClicks(editor, " Members noted it.")
    louise.workflow_actions[Transition.APPROVE].trigger()
    said = louise.statusBar().currentMessage()
    assert said.startswith("Approve was not done: Jackie Irvin")
    assert "is taking the notes of “October”" in said
    assert louise.context.header.status is MeetingStatus.IN_REVIEW
    assert jackie.context.autosave.flush()
    assert agenda.get_item_notes(jackie.context.book, item_id)[0] == \
        "<p>The PCC introduced the report. Members noted it.</p>"

    jackie.close()  # lets the notes go
    louise.workflow_actions[Transition.APPROVE].trigger()
    assert louise.context.header.status is MeetingStatus.APPROVED


@pytest.mark.postgresql
def test_a_server_that_stops_taking_writes_keeps_the_words_and_saving_to_a_file_copies_all(
        qtbot, team_window, team_location: str, postgresql_cluster, tmp_path: Path,
        monkeypatch) -> None:
    """The server turns read-only (a standby after a failover): the words typed are
    kept and the banner says so, not a crash; Save to another file copies the whole
    team book into a file, checked, and goes on there with the words typed."""
    item_id = a_team_meeting(team_location)
    window = team_window("Jackie Irvin")
    database = make_url(team_location).database

    def read_only(on: bool) -> None:
        postgresql_cluster.execute(
            f"ALTER DATABASE {database} SET default_transaction_read_only = on" if on else
            f"ALTER DATABASE {database} RESET default_transaction_read_only")
        postgresql_cluster.execute(  # the open connections made again, as it now is
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")

    read_only(True)
    try:
        refused_then_copied(qtbot, window, team_location, item_id, tmp_path, monkeypatch)
    finally:
        read_only(False)  # a failure above leaves no window asking about unsaved words


def refused_then_copied(qtbot, window, team_location: str, item_id: int,  # type: ignore[no-untyped-def]
                        tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from minute_taker.store.copy_book import check_book

    editor = window.notes.editor
    editor.setFocus()
    key(qtbot, editor, "Ctrl+End")
    qtbot.keyClicks(editor, " Members noted it.")
    assert not window.context.autosave.flush()
    assert window.banner.state == "not-saved"
    assert "refused the change (cannot execute " in window.banner.text.text()
    assert "in a read-only transaction); your change was not saved yet." in \
        window.banner.text.text()
    assert "Members noted it." in editor.toPlainText()

    chosen = tmp_path / "Panel (saved)"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(chosen), "Minute books (*.minutebook)"))
    team = window.context.book
    before = check_book(team)
    qtbot.mouseClick(window.banner.save_button, Qt.MouseButton.LeftButton)
    copy = chosen.with_suffix(".minutebook")
    assert window.context.book.path == copy and window.context.book.server is None
    assert window.context.current_item_id == item_id
    with MinuteBook.open(copy) as reader:
        assert agenda.get_item_notes(reader, item_id)[0] == \
            "<p>The PCC introduced the report. Members noted it.</p>"
    with MinuteBook.open(team_location) as server_book:  # read-only now: read, not changed
        assert check_book(server_book) == before
    assert f"{team.server} does not have the changes" in window.statusBar().currentMessage()


@pytest.mark.postgresql
def test_the_server_gone_while_the_clerk_types_loses_nothing_and_saves_on_its_return(
        qtbot) -> None:
    """The network goes (or the server restarts) mid-sentence: typing goes on, the
    banner says the server cannot be reached and the words are kept; the heartbeat's
    failures change nothing; back, the words are saved and the window still holds the
    notes. (A server of its own, stopped and started again.)"""
    from pg_cluster import Cluster

    cluster = Cluster()
    try:
        with cluster.fresh_database() as location:
            item_id = a_team_meeting(location)
            window = MainWindow(MinuteBook.open(location, actor="Jackie Irvin"))
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            editor = window.notes.editor
            editor.setFocus()
            key(qtbot, editor, "Ctrl+End")
            cluster.pause()
            qtbot.keyClicks(editor, " Members noted it.")
            qtbot.waitUntil(lambda: window.banner.state == "not-saved", timeout=5000)
            assert "The server of the team book " in window.banner.text.text()
            assert "cannot be reached" in window.banner.text.text()
            assert window.banner.text.text().endswith(
                "or, if its server can still be read, copy the team book to a file and go "
                "on there.")
            qtbot.keyClicks(editor, " The chair thanked the PCC.")  # typing goes on
            window.context.notes_lease.renew()  # a heartbeat while it is away
            assert window.context.notes_lease.held and not editor.isReadOnly()

            cluster.resume()
            qtbot.waitUntil(lambda: window.banner.state is None, timeout=10000)
            assert window.context.autosave.flush()
            with MinuteBook.open(location) as reader:
                assert agenda.get_item_notes(reader, item_id)[0] == (
                    "<p>The PCC introduced the report. Members noted it. The chair thanked "
                    "the PCC.</p>")
                holder = leases.current_holder(reader, window.context.meeting_id)
                assert holder is not None and holder.token == window.context.notes_lease.token
            window.context.notes_lease.renew()
            assert window.context.notes_lease.held
            window.close()
            window.context.book.close()
    finally:
        cluster.stop()
