"""A team book's backup in PostgreSQL's own format, where ``pg_dump`` is at hand (issue 22).

Every backup of a team book is a book in a file (store/backups.py ``make_team_backup``):
the app opens it, restores it, and ``copy-book`` puts it back on a server. Where a
``pg_dump`` able to read the server is installed on the clerk's computer, the backup also
keeps PostgreSQL's own archive of the database beside that file (``STAMP.pg_dump``, the
custom format, compressed): what a database administrator restores with ``pg_restore``,
owners, grants, indexes and triggers and all (docs/storage.md says how).

PostgreSQL only, with the reason: it is the server's own tool. What it needs and what
happens without it:

- ``pg_dump`` must be of the server's major version or newer (an older one refuses to
  dump a newer server). It is looked for on the PATH and where PostgreSQL's packages put
  it (Debian's ``/usr/lib/postgresql/N/bin``, Windows' ``Program Files\\PostgreSQL\\N\\bin``,
  Postgres.app, Homebrew), and the newest that fits is used.
- None found, or one that fails: the book-file backup stands on its own, and the reason
  is logged. A dump is an addition to a backup, never a condition of one.
- The connection is given to ``pg_dump`` as the book's own libpq URI, but the password,
  which goes in libpq's environment (``PGPASSWORD``), never on a command line, where
  other users of the computer could read it.
- What it wrote is kept only once ``pg_restore --list`` has read its table of contents
  back, and is renamed into place after it is on disk, as a book backup is.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, text

from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError
from minute_taker.store.server import public_location

log = logging.getLogger(__name__)

SUFFIX = ".pg_dump"
# pg_dump's own limit on a book is its size; a year of a busy team's minutes is dumped
# in about a second. A server that stops answering must not hold a backup for ever.
TIMEOUT_S = 15 * 60
_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")
# Where PostgreSQL's installers put their programs, besides the PATH.
_PLACES = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql*/bin",
           "/usr/local/opt/postgresql*/bin",
           "/Applications/Postgres.app/Contents/Versions/*/bin",
           "C:/Program Files/PostgreSQL/*/bin")


@dataclass(frozen=True, slots=True)
class Tool:
    """A ``pg_dump`` found, its major version, and the ``pg_restore`` beside it (which
    checks what it wrote), if there is one."""

    pg_dump: Path
    major: int
    pg_restore: Path | None


def _program(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _candidates() -> list[Path]:
    found: list[Path] = []
    on_path = shutil.which("pg_dump")
    if on_path:
        found.append(Path(on_path))
    for place in _PLACES:
        for folder in glob.glob(place):
            if (program := _program(Path(folder), "pg_dump")) is not None:
                found.append(program)
    return list(dict.fromkeys(p.resolve() for p in found))


def _major(program: Path) -> int | None:
    try:
        said = subprocess.run([str(program), "--version"], capture_output=True, text=True,
                              timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(said)
    return int(match[1]) if match else None


def find_tool(server_major: int) -> Tool | None:
    """The newest ``pg_dump`` installed that can dump a server of ``server_major``."""
    fitting = []
    for program in _candidates():
        major = _major(program)
        if major is not None and major >= server_major:
            fitting.append(Tool(program, major, _program(program.parent, "pg_restore")))
    return max(fitting, key=lambda tool: tool.major, default=None)


def server_major(book: MinuteBook) -> int:
    """The major version of the server holding the team book (15 for 15.10)."""
    with book.engine.connect() as connection:
        number = connection.execute(text("SHOW server_version_num")).scalar_one()
    return int(number) // 10000


def connection(url: URL) -> tuple[str, dict[str, str]]:
    """How ``pg_dump`` reaches the team book at ``url``: a libpq URI without the password
    (its server, port, database, user and every libpq option the book's URL carries),
    and the environment with the password in it, as libpq reads it; the rest of the
    environment is the app's own, which its connection to the book reads too."""
    uri = public_location(url)
    env = dict(os.environ, PGAPPNAME="Minute Taker backup", PGCONNECT_TIMEOUT="10")
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return uri, env


def dump(book: MinuteBook, target: Path, tool: Tool) -> Path:
    """PostgreSQL's archive of the team book at ``target``, whole or not at all; raises
    ``BookWriteError`` saying why, leaving no partial file."""
    if book.server is None:
        raise BookWriteError(f"{book.path.name} is a book in a file: pg_dump backs up a "
                             "team book.")
    partial = target.with_name(f".{target.name}.partial")
    uri, env = connection(book.engine.url)
    try:
        _run([str(tool.pg_dump), "--format=custom", "--no-password", f"--file={partial}",
              f"--dbname={uri}"], env, "pg_dump")
        if tool.pg_restore is not None:  # read back: a whole archive has its contents list
            _run([str(tool.pg_restore), "--list", str(partial)], env, "pg_restore --list")
        partial.chmod(0o600)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BookWriteError:
        partial.unlink(missing_ok=True)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BookWriteError(f"pg_dump's archive could not be kept: {exc}") from exc
    return target


def _run(command: list[str], env: dict[str, str], name: str) -> None:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S, creationflags=flags)
    except subprocess.TimeoutExpired as exc:
        raise BookWriteError(f"{name} did not finish within {TIMEOUT_S // 60} minutes.") \
            from exc
    except OSError as exc:
        raise BookWriteError(f"{name} could not be run: {exc.strerror or exc}.") from exc
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[:500]
        raise BookWriteError(f"{name} failed: {said or f'exit status {done.returncode}'}")
