"""Quitting at any moment of start-up is a normal exit, and an error with no application
is logged instead of aborting the process.

The whole app runs in child processes: what is tested is the end of a process (Python
tearing down PySide, Qt's thread pool still working), which no in-process test sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from start_quit_support import plan, run_all

# Each start costs some 1.5-3 s of a busy 2-core machine; a hundred are in
# benchmarks/start_quit_bench.py. MINUTE_TAKER_START_QUIT_RUNS asks for more here.
RUNS = int(os.environ.get("MINUTE_TAKER_START_QUIT_RUNS", "32"))


def test_quitting_at_any_moment_of_start_up_is_a_normal_exit() -> None:
    outcomes = run_all(plan(RUNS, seed=20261205))
    abnormal = [outcome.describe() for outcome in outcomes if not outcome.normal]
    assert not abnormal, f"{len(abnormal)} of {RUNS} starts ended badly:\n\n" + \
        "\n\n".join(abnormal)


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_with_no_application_the_crash_hook_logs_and_returns() -> None:
    # After the application is gone (a worker failing at exit) nothing may build a
    # widget: Qt would abort the process with "Must construct a QApplication".
    done = _run_python("""
        import logging, sys
        logging.basicConfig(format="%(name)s %(levelname)s %(message)s")
        from PySide6.QtWidgets import QApplication
        from minute_taker.domain.errors import MinuteTakerError
        from minute_taker.ui.book import crash

        crash.install_excepthook(None)
        for error in (RuntimeError("the printer caught fire"),
                      MinuteTakerError("the minutes are approved"), KeyboardInterrupt()):
            try:
                raise error
            except BaseException:
                sys.excepthook(*sys.exc_info())
        print("still here; an application?", QApplication.instance() is not None)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "still here; an application? False"
    assert "minute_taker.crash CRITICAL unexpected error" in done.stderr
    assert "RuntimeError: the printer caught fire" in done.stderr
    assert "minute_taker.crash WARNING refused: the minutes are approved" in done.stderr
    assert "QWidget" not in done.stderr


def test_an_error_on_a_worker_thread_is_shown_by_the_gui_thread() -> None:
    done = _run_python("""
        import logging, sys, threading
        logging.basicConfig(format="%(name)s %(levelname)s %(message)s")
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from minute_taker.ui.book import crash

        app = QApplication([])
        shown = []

        def show(details, where):
            shown.append(threading.current_thread() is threading.main_thread())
            app.quit()

        crash.show_crash_dialog = show
        crash.install_excepthook(None)

        def fail():
            try:
                raise RuntimeError("the backup disk is full")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())

        QTimer.singleShot(0, lambda: threading.Thread(target=fail).start())
        QTimer.singleShot(10_000, app.quit)
        app.exec()
        print("dialog on the GUI thread:", shown)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "dialog on the GUI thread: [True]"
    assert "RuntimeError: the backup disk is full" in done.stderr
