"""A damaged write-ahead log is refused before SQLite reads it, and reading commands
leave a book and its log exactly as they were (issue 14, point 1).

The logs here are real: a child process commits eight meetings through the services
and ends with os._exit, so SQLite never checkpoints and the commits stay in the -wal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from wal_books import COMMITS, book_with_commits_in_its_log, damage_log

from minute_taker.cli import main
from minute_taker.services import meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import DamagedLogError
from minute_taker.store.wal import FRAME_HEADER, WAL_HEADER, inspect_wal, shm_path, wal_path


def files(path: Path) -> dict[str, bytes]:
    """Every file of the book, byte for byte."""
    return {f.name: f.read_bytes() for f in sorted(path.parent.iterdir())
            if f.name.startswith(path.name)}


def data(path: Path) -> dict[str, bytes]:
    """The book and its log, byte for byte (a reader may write to the -shm, which is
    SQLite's shared memory, not data)."""
    return {name: content for name, content in files(path).items()
            if not name.endswith("-shm")}


def frame_size(path: Path) -> int:
    page_size = int.from_bytes(wal_path(path).read_bytes()[8:12], "big")
    return FRAME_HEADER + page_size


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    return book_with_commits_in_its_log(tmp_path / "panel.minutebook")


def test_a_sound_log_is_read_and_left_alone(logged: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = inspect_wal(logged)
    assert report is not None and report.damaged is None
    assert report.commits == COMMITS
    before = data(logged)
    for command in (["list", str(logged)], ["verify", str(logged)],
                    ["export-json", str(logged), "--meeting", "1"]):
        main(command)
    assert data(logged) == before  # no checkpoint, no deleted log, no upgrade
    assert shm_path(logged).exists()
    listed = capsys.readouterr().out
    assert all(f"Meeting {n}" in listed for n in range(1, COMMITS + 1))


@pytest.mark.parametrize("where", ["frame 3", "header"])
def test_a_damaged_log_is_refused_untouched(logged: Path, where: str, capsys) -> None:  # type: ignore[no-untyped-def]
    if where == "header":
        damage_log(logged, 0, WAL_HEADER, byte=0)
    else:
        damage_log(logged, WAL_HEADER + 2 * frame_size(logged) + FRAME_HEADER + 100)
    report = inspect_wal(logged)
    assert report is not None and report.damaged
    before = files(logged)

    assert main(["list", str(logged)]) != 0
    message = capsys.readouterr().err
    assert "damaged" in message and "Nothing has been changed" in message
    with pytest.raises(DamagedLogError) as refused:
        MinuteBook.open(logged, claim=True)
    with pytest.raises(DamagedLogError):
        MinuteBook.open(logged)
    after = files(logged)
    kept = {copy.name for copy in refused.value.kept}
    assert {wal_path(logged).name, shm_path(logged).name} <= set(before)
    assert {name: after[name] for name in before} == before  # byte for byte
    for copy in kept:  # each copy is the log or index as it was
        original = copy.split(".damaged-")[0]
        assert after[copy] == before[original]


def test_another_books_log_is_refused(tmp_path: Path) -> None:
    mine = book_with_commits_in_its_log(tmp_path / "mine" / "panel.minutebook")
    other = book_with_commits_in_its_log(tmp_path / "other" / "panel.minutebook")
    wal_path(mine).write_bytes(wal_path(other).read_bytes())
    report = inspect_wal(mine)
    assert report is not None and report.damaged and "not this book's log" in report.damaged
    before = files(mine)
    with pytest.raises(DamagedLogError):
        MinuteBook.open(mine, claim=True)
    assert {name: data for name, data in files(mine).items() if name in before} == before


def test_stale_frames_after_a_checkpoint_are_not_damage(tmp_path: Path) -> None:
    """SQLite writes the log again from the start after a checkpoint: frames of the
    earlier round stay behind the new ones, with other salts. That is normal."""
    path = book_with_commits_in_its_log(tmp_path / "panel.minutebook")
    with MinuteBook.open(path) as book:  # folds the log in; the next commit restarts it
        meetings.create_meeting(book, 1, "After the checkpoint", dt.date(2026, 6, 1))
    report = inspect_wal(path)
    assert report is None or report.damaged is None
    with MinuteBook.open(path) as book:
        assert len(meetings.list_meetings(book)) == COMMITS + 1
