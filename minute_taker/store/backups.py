"""Backups of a book: consistent, compressed, private, kept in tiers by age within a budget.

A backup is read with SQLite's online backup API (a consistent copy even while the app
is writing), checked with ``PRAGMA quick_check``, compressed with xz and renamed into
place only once what was written has been read back, so a crash or a full disk never
leaves a half backup that looks whole. ``backup_policy`` decides which to keep. Backups
made before compression (plain ``.minutebook`` copies) are listed, restored and pruned
like the others. Restoring never overwrites anything: a backup becomes a new book the
user names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import lzma
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from minute_taker.paths import ensure_private_dir
from minute_taker.store import backup_policy, pg_dump
from minute_taker.store.backup_policy import DEFAULT_BUDGET, Pruning
from minute_taker.store.book import MinuteBook
from minute_taker.store.engine import create_private_file
from minute_taker.store.errors import BookError, BookWriteError
from minute_taker.store.wal import book_files

SUFFIX = ".minutebook"
COMPRESSED = ".minutebook.xz"
# xz preset 1: a year's book of 5.5 MB is 4.5 times smaller (gzip -6: 3.7) in 0.2 to
# 0.4 s; preset 6 is a further 23 % smaller but takes 1.7 to 3 s (benchmarks/backup_bench.py).
PRESET = 1
BUDGET_NOTE = "budget-pruned.json"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"(?P<stamp>\d{8}-\d{6}-\d{6})"
                   r"(?:\.(?P<meetings>\d+)-meetings(?P<xz>\.minutebook\.xz)|\.minutebook)")
_XZ_HEAD, _XZ_TAIL = b"\xfd7zXZ\x00", b"YZ"
_CHUNK = 1024 * 1024
_UNREADABLE = (OSError, sqlite3.Error, lzma.LZMAError, EOFError)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time
    size: int  # on disk
    meetings: int | None  # None: the copy could not be read
    # A team book's backup: PostgreSQL's own archive of the database taken with it
    # (store/pg_dump.py), where pg_dump was at hand; ``size`` counts it too.
    server_dump: Path | None = None

    @property
    def compressed(self) -> bool:
        return self.path.name.endswith(COMPRESSED)


@dataclass(frozen=True, slots=True)
class BudgetNote:
    """Backups the budget made go (kept by age, removed for space), for the user to see."""

    removed: int
    newest_removed: dt.datetime
    last_at: dt.datetime
    budget: int


def folder_for(book_path: Path, root: Path) -> Path:
    """One folder per book: its name, and a hash of where it is, so two "Minutes"
    books in different folders never share backups."""
    where = hashlib.sha256(str(book_path.absolute()).encode()).hexdigest()[:10]
    return root / f"{book_path.stem}-{where}"


def _copy(source: Path, target: Path) -> None:
    create_private_file(target)
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        # The copy carries the book's WAL mode, and a WAL file cannot even be read where
        # its -shm file cannot be made (a full disk, a read-only folder): a copy in
        # rollback mode can. The app puts a book back in WAL mode when it opens one.
        dst.execute("PRAGMA journal_mode = DELETE")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _checked_meetings(copy: Path) -> int:
    """The copy's meeting count, after ``PRAGMA quick_check`` found every page sound."""
    with contextlib.closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as db:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError(f"the copy failed its check: {'; '.join(problems)}")
        return int(db.execute("SELECT count(*) FROM meeting").fetchone()[0])


def _compress(source: Path, target: Path) -> str:
    """Write ``source`` compressed to the private file ``target``, synced; the sha256 of
    what went in."""
    digest = hashlib.sha256()
    create_private_file(target)
    packer = lzma.LZMACompressor(preset=PRESET)
    with open(source, "rb") as raw, open(target, "wb") as out:
        while chunk := raw.read(_CHUNK):
            digest.update(chunk)
            out.write(packer.compress(chunk))
        out.write(packer.flush())
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _unpacked(path: Path) -> Iterable[bytes]:
    """The decompressed bytes of an xz file, chunk by chunk; raises ``lzma.LZMAError`` or
    ``EOFError`` on a damaged or truncated file (xz checks a CRC64 of every block)."""
    with lzma.open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _reads_back_as(path: Path, digest: str) -> bool:
    """Whether the compressed file decompresses to exactly the checked copy: its
    stream's own checks and the copy's sha256 together."""
    unpacked = hashlib.sha256()
    for chunk in _unpacked(path):
        unpacked.update(chunk)
    return unpacked.hexdigest() == digest


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def back_up(book: MinuteBook, root: Path, *, budget: int | None = DEFAULT_BUDGET,
            now: dt.datetime | None = None) -> Path:
    """Back ``book`` up, a file or a team book (``make_backup``, ``make_team_backup``)."""
    if book.server is None:
        return make_backup(book.path, root, budget=budget, now=now)
    return make_team_backup(book, root, budget=budget, now=now)


def backup_key(book: MinuteBook) -> Path:
    """What a book's backups are listed, pruned and found by (``list_backups`` and the
    rest take it as ``book_path``): a file's path; for a team book, a path of its own
    that names its database and server, so two servers' "minutes" never share."""
    if book.server is None:
        return book.path
    database, _, server = book.server.partition(" on ")
    return Path("/", "team-book", server.replace("/", "_"), f"{database}{SUFFIX}")


def make_team_backup(book: MinuteBook, root: Path, *, budget: int | None = DEFAULT_BUDGET,
                     now: dt.datetime | None = None) -> Path:
    """Back a team book up as a book in a file, like a file's backup: every row copied
    (store/copy_book.py: counted and digested on both sides before it is kept), checked,
    compressed, read back. The app opens it as it is, and ``copy-book`` puts it back on a
    server. (A copy the app makes itself rather than only ``pg_dump``'s: it needs no
    client program of the server's version on the clerk's computer, and it is checked
    row by row.) Where a ``pg_dump`` able to read the server is installed, the server's
    own archive of the database is kept beside it, for its administrator
    (``_dump_beside``)."""
    return _pack(backup_key(book), str(book.server), lambda raw: _copy_team_book(book, raw),
                 root, budget=budget, now=now, then=lambda target: _dump_beside(book, target))


def _copy_team_book(book: MinuteBook, target: Path) -> None:
    """Every row of the team book into a new book file at ``target`` (copy-book's code:
    counted and digested on both sides before it is kept), in rollback mode as ``_copy``
    leaves a file's copy."""
    from minute_taker.store.copy_book import copy_book  # copy_book uses MinuteBook

    made = target.with_name(target.name + SUFFIX)
    try:
        with MinuteBook.open(made, actor=book.actor) as copy:
            copy_book(book, copy)
        with contextlib.closing(sqlite3.connect(made)) as db:
            db.execute("PRAGMA journal_mode = DELETE")
        os.replace(made, target)
    finally:
        for leftover in book_files(made):
            leftover.unlink(missing_ok=True)


def _dump_beside(book: MinuteBook, backup: Path) -> None:
    """PostgreSQL's archive of the team book, named for ``backup`` and kept beside it,
    if a ``pg_dump`` that can read the server is installed. An addition to the backup,
    never a condition of it: without one, or if it fails, the backup stands and the
    reason is logged."""
    try:
        major = pg_dump.server_major(book)
        tool = pg_dump.find_tool(major)
        if tool is None:
            log.info("No pg_dump of PostgreSQL %d or newer is installed: the backup of %s "
                     "is the book file alone.", major, book.server)
            return
        pg_dump.dump(book, _dump_path(backup), tool)
    except (BookError, SQLAlchemyError, OSError) as exc:
        log.warning("The backup of %s is the book file alone: %s", book.server, exc)


def _dump_path(backup: Path) -> Path:
    """Where the server's archive of a backup is: its name, ``.pg_dump`` for
    ``.minutebook.xz``."""
    name = backup.name.removesuffix(COMPRESSED).removesuffix(SUFFIX)
    return backup.with_name(name + pg_dump.SUFFIX)


def make_backup(book_path: Path, root: Path, *, budget: int | None = DEFAULT_BUDGET,
                now: dt.datetime | None = None) -> Path:
    """Back the book up into its folder, compressed, then prune its backups to the tiers
    and the ``budget`` (bytes)."""
    if not book_path.is_file():
        # SQLite would make an empty file there to copy from (a team book's name, which
        # is no file, made one in the working folder).
        raise BookWriteError(f"Could not back up {book_path.name}: there is no book file at "
                             f"{book_path}. A team book is backed up with make_team_backup.")
    return _pack(book_path, book_path.name, lambda raw: _copy(book_path, raw), root,
                 budget=budget, now=now)


def _pack(book_path: Path, name: str, copy: Callable[[Path], None], root: Path, *,
          budget: int | None, now: dt.datetime | None,
          then: Callable[[Path], None] | None = None) -> Path:
    """A backup made by ``copy`` (into the path given), checked, compressed, read back
    and renamed into place in ``book_path``'s folder; ``then`` given the backup made;
    then the folder pruned."""
    now = now or dt.datetime.now()
    folder = folder_for(book_path, root)
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise BookWriteError(f"Could not back up {name}: cannot create the backup "
                             f"folder {folder}: {exc.strerror or exc}.") from exc
    stamp = now.strftime(_STAMP)
    raw = folder / f".{stamp}.copy.partial"
    packed: Path | None = None
    try:
        copy(raw)
        target = folder / f"{stamp}.{_checked_meetings(raw)}-meetings{COMPRESSED}"
        packed = target.with_name(f".{target.name}.partial")
        if not _reads_back_as(packed, _compress(raw, packed)):
            raise BookWriteError("the compressed copy did not read back as written")
        os.replace(packed, target)
        _sync_folder(folder)
    except (*_UNREADABLE, BookError) as exc:
        if packed is not None:
            packed.unlink(missing_ok=True)
        raise BookWriteError(f"Could not back up {name}: {exc}") from exc
    finally:
        raw.unlink(missing_ok=True)
    if then is not None:
        then(target)
    with contextlib.suppress(OSError):  # the backup is made; the next one prunes again
        prune(book_path, root, budget=budget, now=now)
    return target


def prune(book_path: Path, root: Path, *, budget: int | None = DEFAULT_BUDGET,
          now: dt.datetime | None = None) -> Pruning[BackupInfo]:
    """Delete the book's backups the policy does not keep; note those the budget took."""
    now = now or dt.datetime.now()
    verdict = backup_policy.prune(list_backups(book_path, root, count=False), now, budget)
    for gone in (*verdict.expired, *verdict.over_budget):
        gone.path.unlink(missing_ok=True)
        if gone.server_dump is not None:
            gone.server_dump.unlink(missing_ok=True)
    _remove_lone_dumps(folder_for(book_path, root))
    if verdict.over_budget and budget is not None:
        _note_budget(folder_for(book_path, root), verdict.over_budget, now, budget)
    return verdict


def _note_budget(folder: Path, removed: list[BackupInfo], now: dt.datetime,
                 budget: int) -> None:
    earlier = budget_note_in(folder)
    newest = max(b.taken_at for b in removed)
    if earlier is not None:
        newest = max(newest, earlier.newest_removed)
    note = {"removed": len(removed) + (earlier.removed if earlier else 0),
            "newest_removed": newest.isoformat(), "last_at": now.isoformat(),
            "budget": budget}
    target = folder / BUDGET_NOTE
    partial = folder / f".{BUDGET_NOTE}.partial"
    with contextlib.suppress(OSError):  # a note the user may miss, never a failed backup
        create_private_file(partial)
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(note, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)


def budget_note_in(folder: Path) -> BudgetNote | None:
    try:
        note = json.loads((folder / BUDGET_NOTE).read_text(encoding="utf-8"))
        return BudgetNote(removed=int(note["removed"]),
                          newest_removed=dt.datetime.fromisoformat(note["newest_removed"]),
                          last_at=dt.datetime.fromisoformat(note["last_at"]),
                          budget=int(note["budget"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def budget_note(book_path: Path, root: Path) -> BudgetNote | None:
    """What the budget has removed of the book's backups, if anything."""
    return budget_note_in(folder_for(book_path, root))


def _remove_lone_dumps(folder: Path) -> None:
    """Server archives whose backup is gone (removed by hand, or a crash between the
    two), and any a crash left half written: nothing lists them, so nothing else would
    ever remove them."""
    if not folder.is_dir():
        return
    archives = {_dump_path(path) for path in _backup_files(folder)}
    for path in folder.iterdir():
        lone = path.name.endswith(pg_dump.SUFFIX) and path not in archives
        if lone or path.name.endswith(f"{pg_dump.SUFFIX}.partial"):
            path.unlink(missing_ok=True)


def _parse(path: Path) -> re.Match[str] | None:
    return _NAME.fullmatch(path.name)


def _backup_files(folder: Path) -> list[Path]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _parse(p) is not None]
    return sorted(found, key=lambda p: p.name[:22], reverse=True)


def _looks_whole(path: Path) -> bool:
    """An xz file starts and ends with its magic bytes: a cheap check (no decompressing)
    that the file was not cut short or overwritten; restoring checks every byte."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_XZ_HEAD))
            handle.seek(-len(_XZ_TAIL), os.SEEK_END)
            return head == _XZ_HEAD and handle.read() == _XZ_TAIL
    except OSError:
        return False


def _meeting_count(path: Path) -> int | None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT count(*) FROM meeting").fetchone()
            return int(row[0])
    except sqlite3.Error:
        return None


def _info(path: Path, *, count: bool) -> BackupInfo | None:
    match = _parse(path)
    try:
        assert match is not None
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):  # a bad date; deleted meanwhile
        return None
    if not count:
        meetings = None
    elif match["xz"]:
        # Counted when the backup was made, from the checked copy: listing never unpacks.
        meetings = int(match["meetings"]) if _looks_whole(path) else None
    else:
        meetings = _meeting_count(path)
    archive = _dump_path(path)
    try:
        size += archive.stat().st_size
        server_dump: Path | None = archive
    except OSError:
        server_dump = None
    return BackupInfo(path=path, taken_at=taken, size=size, meetings=meetings,
                      server_dump=server_dump)


def list_backups(book_path: Path, root: Path, *, count: bool = True) -> list[BackupInfo]:
    """The book's backups, newest first, each with its time, size and number of meetings
    (``count=False``: no meetings, for pruning, which needs only times and sizes)."""
    found = (_info(p, count=count) for p in _backup_files(folder_for(book_path, root)))
    return [info for info in found if info is not None]


def latest_backup(book_path: Path, root: Path) -> BackupInfo | None:
    backups = list_backups(book_path, root)
    return backups[0] if backups else None


def space_used(root: Path, book_path: Path | None = None) -> int:
    """Bytes the backups take: of one book, or of every book (``book_path`` None)."""
    folders = [folder_for(book_path, root)] if book_path else \
        [p for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    total = 0
    for folder in folders:
        for path in _backup_files(folder):
            for part in (path, _dump_path(path)):
                with contextlib.suppress(OSError):
                    total += part.stat().st_size
    return total


def restored_name(book_path: Path, info: BackupInfo) -> Path:
    """Where a restored copy is suggested: beside the book (a team book's: in the home
    folder), named for the backup's time."""
    folder = book_path.parent if book_path.parent.is_dir() else Path.home()
    return folder / f"{book_path.stem} (restored {info.taken_at:%Y-%m-%d %H%M}){SUFFIX}"


def restore_to(backup: Path, target: Path) -> Path:
    """A new book at ``target`` holding the backup (compressed or not); refuses to replace
    an existing file, and checks every page of what it wrote before renaming it."""
    if not backup.name.endswith(COMPRESSED):
        return copy_to_new_book(backup, target, doing="restore")

    def unpack(partial: Path) -> None:
        create_private_file(partial)
        with open(partial, "wb") as out:
            for chunk in _unpacked(backup):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        _checked_meetings(partial)

    return _new_book_file(target, unpack, f"Could not restore {backup.name}",
                          (*_UNREADABLE, BookWriteError))


def copy_to_new_book(source: Path, target: Path, *, doing: str = "copy") -> Path:
    """A consistent copy of the book ``source`` (read with the backup API, so it may be
    open and being written) as a new file; never replaces an existing one."""

    def copy(partial: Path) -> None:
        if not source.is_file():
            # SQLite would make an empty book there and copy that (a team book's name,
            # which is no file): a copy that looks made and holds nothing.
            raise BookWriteError(f"Could not {doing} {source.name}: there is no book file "
                                 f"at {source}.")
        _copy(source, partial)

    return _new_book_file(target, copy, f"Could not {doing} {source.name}",
                          (OSError, sqlite3.Error))


def copy_book_to_file(book: MinuteBook, target: Path) -> Path:
    """The open ``book``, a file or a team book, copied to a new book file at ``target``
    (a team book's every row, checked); never replaces an existing file."""
    if book.server is None:
        return copy_to_new_book(book.path, target)

    def copy(partial: Path) -> None:
        _copy_team_book(book, partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())

    return _new_book_file(target, copy, f"Could not copy the team book {book.server}",
                          (BookError, SQLAlchemyError, OSError, sqlite3.Error))


def _new_book_file(target: Path, write: Callable[[Path], None], failed: str,
                   errors: tuple[type[Exception], ...]) -> Path:
    """A new book file at ``target``, made by ``write`` under a name of its own beside it
    and renamed into place once whole; never replaces an existing file. ``errors``
    (what ``write`` may raise) are said as ``failed``, leaving nothing behind."""
    if target.exists():
        raise BookWriteError(f"{target.name} already exists: choose a new name for the "
                             "book.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        write(partial)
        os.replace(partial, target)
    except errors as exc:
        partial.unlink(missing_ok=True)
        raise BookWriteError(f"{failed}: {exc}") from exc
    return target
