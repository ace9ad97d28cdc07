"""Running code as a user the file permissions bind: ``nobody`` when the tests run as
root (root may write anywhere), otherwise the user running them. Imported by the tests of
read-only folders and files."""

from __future__ import annotations

import os
import pwd
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

import minute_taker

SITE_DIRS = "MINUTE_TAKER_TEST_SITE_DIRS"
PRELUDE = (f"import os, site\nfor _d in os.environ.get({SITE_DIRS!r}, '').split(os.pathsep):\n"
           "    _d and site.addsitedir(_d)\n")


def interpreters() -> list[tuple[str, dict[str, str]]]:
    """This Python, then the system's Python of the same version given this one's packages
    and checkout (the same code and libraries), for when this one lives where the other
    user may not go (a pyenv build under root's home, say)."""
    found = [(sys.executable, {})]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin:/bin")
    if system and Path(system).resolve() != Path(sys.executable).resolve():
        checkout = str(Path(minute_taker.__file__).resolve().parents[1])
        found.append((system, {"PYTHONPATH": os.pathsep.join([checkout, *site.getsitepackages()]),
                               # the .pth files there (the editable install's finder,
                               # which maps minute_taker.resources) run only for a site
                               # directory: the child adds them as one (see PRELUDE)
                               SITE_DIRS: os.pathsep.join(site.getsitepackages())}))
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
                [python, "-c", PRELUDE + source, *argv], env=env | extra, cwd=home,
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
