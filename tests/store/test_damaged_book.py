"""A book damaged inside (a page overwritten) is refused when opened, untouched,
rather than failing later when one meeting happens to be read."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest

from minute_taker.services import agenda, interchange, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError, DamagedBookError

PAGE = 4096


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("healthy") / "Panel.minutebook"
    with MinuteBook.open(path) as book:
        for _ in range(3):
            interchange.load_demo(book)
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert connection.execute("PRAGMA page_size").fetchone()[0] == PAGE
    return path.read_bytes()


def page_count(data: bytes) -> int:
    return len(data) // PAGE


@pytest.mark.parametrize("page", range(2, 40))
def test_every_damaged_page_is_refused_at_opening_untouched(
        healthy: bytes, tmp_path: Path, page: int) -> None:
    if page > page_count(healthy):
        pytest.skip("the sample book is smaller")  # pragma: no cover
    damaged = bytearray(healthy)
    damaged[(page - 1) * PAGE:page * PAGE] = b"\x5a" * PAGE
    path = tmp_path / "Panel.minutebook"
    path.write_bytes(bytes(damaged))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(BookError) as refused:
        MinuteBook.open(path)
    assert "Panel.minutebook is damaged" in str(refused.value)
    assert "The file has not been changed." in str(refused.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Panel.minutebook"]


def test_damage_found_after_opening_is_reported_as_damage(healthy: bytes,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "Panel.minutebook"
    path.write_bytes(healthy)
    with MinuteBook.open(path) as book:
        [first, *_] = meetings.list_meetings(book)
        with contextlib.closing(sqlite3.connect(path)) as raw:
            root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                               "'agenda_item'").fetchone()[0]
        with path.open("r+b") as handle:
            handle.seek((root - 1) * PAGE)
            handle.write(b"\x5a" * PAGE)
        book.engine.dispose()  # no page of it left in a connection's cache
        with pytest.raises(DamagedBookError, match="Restore from backup"):
            agenda.list_items(book, first.id)
