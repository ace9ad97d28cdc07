"""What a windowed build leaves in its log: Qt's own warnings, and a native crash's stacks.

Run as the app in child processes: pytest-qt installs a Qt message handler of its own
for every test, and pytest enables faulthandler for itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from minute_taker import paths
from minute_taker.app_logging import LOG_NAME, NATIVE_CRASH_NAME

# The app as ``minute-taker --demo --exit-when-shown`` starts it, with ``then`` run by
# the event loop before the window closes.
START_THEN = """
    import sys
    from PySide6.QtCore import QTimer
    import minute_taker.ui.app as app

    make_window = app.make_window

    def make_window_then(*args, **kwargs):
        QTimer.singleShot(0, then)  # before the timer that closes the window
        return make_window(*args, **kwargs)

    app.make_window = make_window_then
    from minute_taker.__main__ import main

    sys.exit(main(["--demo", "--exit-when-shown"]))
"""


def _start_app(home: Path, then: str) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(then) + textwrap.dedent(START_THEN)
    env = dict(os.environ, MINUTE_TAKER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)


def _log() -> str:
    return (paths.user_log_dir() / LOG_NAME).read_text(encoding="utf-8")


def test_qt_warnings_reach_the_log_file(isolated_home: Path) -> None:
    done = _start_app(isolated_home, """
        def then():
            from PySide6.QtCore import qWarning
            qWarning("the projector is warming up")
    """)
    assert done.returncode == 0, done.stderr
    assert "WARNING qt: the projector is warming up" in _log()


def test_a_native_crash_leaves_its_stacks_in_the_log_after_the_next_start(
        isolated_home: Path) -> None:
    crashed = _start_app(isolated_home, """
        def then():
            import faulthandler
            faulthandler._sigsegv()  # what a crash inside Qt looks like to Python
    """)
    assert crashed.returncode == -signal.SIGSEGV, crashed.stderr
    assert "Fatal Python error" not in crashed.stderr  # it went to the file, not stderr
    assert "_sigsegv" not in _log()  # not yet: the next start moves it in

    restarted = _start_app(isolated_home, """
        def then():
            pass
    """)
    assert restarted.returncode == 0, restarted.stderr
    log = _log()
    assert "an earlier run of Minute Taker crashed in native code" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert 'line 4 in then' in log  # the Python stack of the moment
    assert (paths.user_log_dir() / NATIVE_CRASH_NAME).stat().st_size == 0
