"""Look at a book's write-ahead log before SQLite does.

SQLite reads a ``-wal`` file frame by frame and treats the first frame that does not
check out as the end of the log: whatever was committed after a damaged frame is dropped
without a word, and the next writer folds what is left into the book and deletes the
log. So a book is never opened for writing, nor read through SQLite, before its log has
been checked here against the format SQLite documents (https://www.sqlite.org/fileformat2.html,
"The Write-Ahead Log"):

- a 32-byte header: magic 0x377f0682 or 0x377f0683 (the last bit says the checksums'
  byte order), format version 3007000, page size, checkpoint sequence, two salts and a
  checksum of the first 24 bytes;
- frames of a 24-byte header (page number, the database size in pages for a commit
  frame and 0 otherwise, the two salts, a checksum) and one page; each checksum runs on
  from the one before it, starting from the header's.

What counts as damage (``WalReport.damaged``):

- a header that is not a WAL header, or whose checksum is wrong, in a log that holds
  frames;
- a frame of this log (its salts are the header's) whose checksum is wrong, followed by a
  commit frame of this log that checks out against its own predecessor: commits are
  there that SQLite would drop;
- a log whose page size is not the book's, or whose salts are not the ones the book's
  index (``-shm``) records while that index says the log holds frames: not this book's
  log.

What is normal and not damage: frames left from an earlier use of the file (other
salts: SQLite rewrites the log from the start after a checkpoint), and a torn last
transaction that never committed. One case cannot be told apart from damage: a crash
in the middle of a commit that the disk wrote out of order. It is reported as damage
(the copy is kept, and nothing that was confirmed to the clerk is lost either way).
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24
MAGIC = (0x377F0682, 0x377F0683)
VERSION = 3007000
SHM_SALT = slice(32, 40)  # the wal-index header's copy of the log's salts
SHM_MAX_FRAME = slice(16, 20)  # frames in the log, in the machine's byte order


@dataclass(frozen=True)
class WalReport:
    """What a book's log holds, and whether SQLite would lose any of it."""

    path: Path
    frames: int  # frames of this log that check out, up to the last commit
    commits: int  # commit frames among them
    damaged: str | None = None  # why, in words a clerk can pass on; None when sound


def wal_path(book: Path) -> Path:
    return book.with_name(book.name + "-wal")


def shm_path(book: Path) -> Path:
    return book.with_name(book.name + "-shm")


def book_files(book: Path) -> tuple[Path, Path, Path]:
    """A book file and the two SQLite keeps beside it while it is open: what to remove
    with a book that was never finished (a new book, a review copy being written)."""
    return book, wal_path(book), shm_path(book)


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _book_page_size(book: Path) -> int | None:
    try:
        with book.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 18:
        return None
    size = struct.unpack(">H", header[16:18])[0]
    return 65536 if size == 1 else size


def inspect_wal(book: Path) -> WalReport | None:
    """The book's log, checked; None when there is no log or it is empty."""
    path = wal_path(book)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if not data:
        return None
    if len(data) < WAL_HEADER:
        return WalReport(path, 0, 0, "its header is cut short")
    magic, version, page_size, _sequence, salt1, salt2, check1, check2 = struct.unpack(
        ">8I", data[:WAL_HEADER])
    holds_frames = len(data) >= WAL_HEADER + FRAME_HEADER
    valid_page = page_size >= 512 and page_size <= 65536 and page_size & (page_size - 1) == 0
    if magic not in MAGIC or version != VERSION or not valid_page:
        if not holds_frames:
            return None  # a header never followed by a frame: nothing to lose
        return WalReport(path, 0, 0, "its header is not a write-ahead log header")
    big_endian = magic == MAGIC[1]
    if _checksum(data[:24], big_endian, 0, 0) != (check1, check2):
        return WalReport(path, 0, 0, "its header's checksum is wrong")
    book_page = _book_page_size(book)
    if book_page is not None and book_page != page_size:
        return WalReport(path, 0, 0, f"its pages are {page_size} bytes, the book's "
                                     f"{book_page}: it is not this book's log")
    frames = commits = 0
    seed = (check1, check2)
    broken = False
    size = FRAME_HEADER + page_size
    for at in range(WAL_HEADER, len(data) - size + 1, size):
        header = data[at:at + FRAME_HEADER]
        _page, commit, f_salt1, f_salt2, f_check1, f_check2 = struct.unpack(">6I", header)
        if (f_salt1, f_salt2) != (salt1, salt2):
            if not broken:
                broken = True  # the end of this log; what follows is older
            continue
        body = header[:8] + data[at + FRAME_HEADER:at + size]
        checks = _checksum(body, big_endian, *seed) == (f_check1, f_check2)
        if not broken and checks:
            seed = (f_check1, f_check2)
            if commit:
                frames, commits = (at - WAL_HEADER) // size + 1, commits + 1
            continue
        if broken and commit and _checksum(body, big_endian, *seed) == (f_check1, f_check2):
            return WalReport(path, frames, commits,
                             f"a damaged frame comes before commit {commits + 1}: what was "
                             "committed after it would be lost")
        broken = True
        seed = (f_check1, f_check2)  # check each later frame against the one before it
    report = WalReport(path, frames, commits)
    return _against_index(book, report, data[16:24])


def _against_index(book: Path, report: WalReport, salts: bytes) -> WalReport:
    try:
        index = shm_path(book).read_bytes()[:48]
    except OSError:
        return report
    if len(index) < 48 or index[12] != 1:  # isInit: the index was built
        return report
    in_log = max(struct.unpack("<I", index[SHM_MAX_FRAME])[0],
                 struct.unpack(">I", index[SHM_MAX_FRAME])[0])
    if in_log and index[SHM_SALT] != salts:
        return WalReport(report.path, report.frames, report.commits,
                         "its salts are not the ones the book's index records: it is not "
                         "this book's log")
    return report


def keep_copies(book: Path, *, now: datetime | None = None) -> list[Path]:
    """Copy the log and its index beside the book, byte for byte, under names that say
    when and why, and return the copies. The originals are not touched."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = []
    for original in (wal_path(book), shm_path(book)):
        if original.exists():
            copy = original.with_name(f"{original.name}.damaged-{stamp}")
            try:
                shutil.copy2(original, copy)
            except OSError:  # a folder this user may not write: the originals stay
                continue
            kept.append(copy)
    return kept
