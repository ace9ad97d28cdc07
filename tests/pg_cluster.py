"""A throwaway PostgreSQL server for the team-book tests (issue 22).

One cluster for the whole test run, made by ``initdb`` in a temporary folder, listening
on a Unix socket there and on no TCP port, fsync off (nothing in it outlives the run),
stopped and removed at the end. Each test that wants a team book gets a database of its
own (``fresh_database``), dropped after it.

Debian's ``postgresql`` package puts ``initdb`` and ``pg_ctl`` in
``/usr/lib/postgresql/VERSION/bin``, off the PATH: both places are looked in. PostgreSQL
refuses to run as root, which CI is: then the server runs as the package's ``postgres``
user (``runuser``), and the folder is given to it.

Without PostgreSQL the tests that need it are skipped, saying how to install it
(``SKIP_REASON``); ``.ci/run`` installs it, so CI always runs them.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "minute_taker"
SKIP_REASON = ("PostgreSQL is not installed here (no initdb on the PATH or in "
               "/usr/lib/postgresql/*/bin): the team-book tests need it. On Debian or "
               "Ubuntu: apt-get install postgresql")


def find_program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit()
                      else 0)
    return versions[-1] if versions else None


class Cluster:
    """A running throwaway server; ``url(database)`` is how the app is told where."""

    def __init__(self, *, durable: bool = False) -> None:
        """``durable``: fsync on, as a real server runs (the benchmark); the tests' server
        leaves it off, since nothing in it outlives the run."""
        initdb, pg_ctl = find_program("initdb"), find_program("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise FileNotFoundError(SKIP_REASON)
        self.pg_ctl = pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="mt-pg-"))  # short: a socket path
        self.data = self.folder / "data"
        self.socket = self.folder
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.folder, ignore_errors=True)
                raise FileNotFoundError(
                    "PostgreSQL refuses to run as root, and there is no 'postgres' user "
                    "to run it as: run the tests as another user, or install Debian's "
                    "postgresql package, which makes one.") from None
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self._run([initdb, "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                   "--no-sync", "-E", "UTF8", "--no-locale"])
        settings = f"-k {self.socket} -c listen_addresses=''"
        if not durable:
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._settings = settings
        self.resume()
        self._numbers = itertools.count(1)

    def pause(self) -> None:
        """The server gone, as when the network goes or it restarts (every connection
        closed; what was committed kept)."""
        self._run([self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        """The server started, or back (the network back)."""
        self._run([self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "server.log"),
                   "-w", "-o", self._settings, "start"])

    def _run(self, command: list[str]) -> None:
        done = subprocess.run([*self.as_owner, *command], capture_output=True, text=True,
                              timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket}"

    def execute(self, sql: str) -> None:
        """One statement in the maintenance database, outside any transaction."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    @contextlib.contextmanager
    def role_with_password(self, role: str, password: str) -> Iterator[str]:
        """A role that must give its password (SCRAM, as a real server asks) to log in
        over the socket, where every other role is trusted; its user name yielded, the
        role dropped afterwards."""
        self.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'")
        hba = self.data / "pg_hba.conf"
        trusted = hba.read_text()
        try:
            hba.write_text(f"local all {role} scram-sha-256\n{trusted}")
            self._run([self.pg_ctl, "-D", str(self.data), "reload"])
            self._until_asked(role)
            yield role
        finally:
            hba.write_text(trusted)
            self._run([self.pg_ctl, "-D", str(self.data), "reload"])
            self.execute(f"DROP ROLE IF EXISTS {role}")

    def _until_asked(self, role: str) -> None:
        """Wait for the server to have read its new pg_hba.conf (a reload is a signal,
        answered in a moment): until ``role`` is asked for a password."""
        import psycopg

        deadline = time.monotonic() + 10
        while True:
            try:
                psycopg.connect(self.url("postgres").replace(f"{SUPERUSER}@", f"{role}@"),
                                connect_timeout=5).close()
            except psycopg.OperationalError as exc:
                if "password" in str(exc):
                    return
                raise
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start asking {role} for a password")
            time.sleep(0.05)

    @contextlib.contextmanager
    def fresh_database(self) -> Iterator[str]:
        """A new empty database for one test, its URL yielded, dropped afterwards."""
        name = f"book_{next(self._numbers)}"
        self.execute(f"CREATE DATABASE {name}")
        try:
            yield self.url(name)
        finally:
            self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)
