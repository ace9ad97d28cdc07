"""A book the user may read but not write, in a folder they may not write either (a shared
drive, a colleague's folder), opens read-only with the reason, and nothing in the folder is
created or changed: no lock file, no -wal or -shm file, not a byte of the book.

Root may write anywhere, so when the suite runs as root the opening is done by a child
process running as the unprivileged user ``nobody``; as anyone else, by a child running as
that user. test_book_lock.py stands in for the permission with a patched ``os.access``;
SQLite does not ask os.access, so only a real permission shows what it then does."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import minute_taker
from minute_taker.services import interchange, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX users")

CHILD = """
import json, sys
from pathlib import Path
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError

with MinuteBook.open(Path(sys.argv[1]), actor="Sam Reader", claim=True) as book:
    titles = [m.title for m in meetings.list_meetings(book)]
    try:
        committees.create_committee(book, "Written anyway")
        refused = ""
    except BookWriteError as exc:
        refused = str(exc)
    print(json.dumps({"read_only": book.read_only, "held_elsewhere": book.held_elsewhere,
                      "titles": titles, "refused": refused}))
"""


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


def interpreters() -> list[tuple[str, dict[str, str]]]:
    """This Python, then the system's Python of the same version given this one's packages
    and checkout (the same code and libraries), for when this one lives where the other
    user may not go (a pyenv build under root's home, say)."""
    found = [(sys.executable, {})]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin:/bin")
    if system and Path(system).resolve() != Path(sys.executable).resolve():
        checkout = str(Path(minute_taker.__file__).resolve().parents[1])
        found.append((system, {"PYTHONPATH": os.pathsep.join([checkout, *site.getsitepackages()])}))
    return found


def run_unprivileged(code: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` as a user the file permissions bind: ``nobody`` when we are
    root, otherwise ourselves. Skips, saying why, when that user can run no Python that
    imports this checkout."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache"), "MINUTE_TAKER_HOME": str(home / "mt"),
           "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
    as_user: dict[str, object] = {}
    user = "this user"
    if os.geteuid() == 0:
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root and there is no user 'nobody' to run as")
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        as_user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        user = "user 'nobody'"
    failures = []
    for python, extra in interpreters():
        def run(source: str, *argv: str, python: str = python,
                extra: dict[str, str] = extra) -> subprocess.CompletedProcess[str]:
            return subprocess.run(  # type: ignore[call-overload, no-any-return]
                [python, "-c", source, *argv], env=env | extra, cwd=home,
                capture_output=True, text=True, timeout=60, check=False, **as_user)

        try:
            probe = run("import minute_taker.store.book")
        except OSError as exc:
            failures.append(f"{python}: {exc.strerror}")
            continue
        if probe.returncode == 0:
            return run(code, *args)
        failures.append(f"{python}: {probe.stderr.strip().splitlines()[-1:]}")
    pytest.skip(f"{user} can run no Python that imports minute_taker: {'; '.join(failures)}")


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Each entry's content hash, mode and modification time."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
                     p.stat().st_mode, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize(("folder_mode", "reason"), [
    pytest.param(0o555, "Minute Taker cannot create the lock file", id="read-only folder"),
    pytest.param(0o777, "The file is read-only.", id="writable folder"),
])
def test_a_book_the_user_cannot_write_opens_read_only_and_changes_nothing(
        world_readable_folder: Path, folder_mode: int, reason: str) -> None:
    shelf = world_readable_folder / "shared"
    shelf.mkdir()
    path = shelf / "Panel.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
        titles = [m.title for m in meetings.list_meetings(book)]
    path.chmod(0o444)
    shelf.chmod(folder_mode)
    home = world_readable_folder / "home"
    home.mkdir(mode=0o700)
    before = snapshot(shelf)
    assert list(before) == ["Panel.minutebook"]  # no -wal, -shm or lock file to start with
    done = run_unprivileged(CHILD, str(path), home=home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["read_only"] is not None and report["read_only"].startswith(reason)
    assert not report["held_elsewhere"]
    assert report["titles"] == titles
    assert report["refused"].startswith("Panel.minutebook is open read-only here")
    assert snapshot(shelf) == before
