"""Results from Qt's thread pool go through relays that outlive every job.

A job on the pool reports by emitting a signal of some QObject; if that object has been
deleted, PySide raises "Signal source has been deleted" on the worker thread, and the
process used to abort there. The receivers (a dialog, the window) may be long gone by
then, and that is harmless: Qt drops a connection when its receiver is deleted. The
object the job emits on must not be, so it is a relay given to the application.

Why the application, and not a module-level reference or a check before emitting: when
the process ends, PySide first deletes every QObject that Python owns, module globals
included, and only then deletes the application, whose destructor waits for the global
thread pool. A job still running then (the dictionary loading, a backup being copied)
would emit on a deleted object; checking ``shiboken6.isValid`` first only narrows that
window. A child of the application is not Python's to delete: Qt deletes it after
``~QCoreApplication`` has waited for the pool, so the last job finds it alive. What
that job posts is never delivered (no event loop runs any more) and goes with the relay.
"""

from __future__ import annotations

import concurrent.futures
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

R = TypeVar("R", bound=QObject)

# How long a worker running Python keeps the interpreter before the GUI thread gets it.
# A key goes through several Python slots and event filters, and each waits its turn:
# at Python's default of 5 ms, keys typed while the autosave's worker checked and wrote
# a 100,000-word item took up to 50 ms (p99), and 9 ms at 0.5 ms.
GUI_SWITCH_INTERVAL_S = 0.0005


def share_the_interpreter() -> None:
    """Let the GUI thread have the interpreter back soon whenever it waits for a worker."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)


def lasting_relay(relay: R) -> R:
    """Hand ``relay`` to the application, so it lives until every pool job has finished.

    Call on the GUI thread, once the application exists (a relay is made when the first
    job is about to start, which is never before).
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("a worker relay needs the application, which does not exist yet")
    relay.setParent(app)
    return relay


def emit_result(signal: SignalInstance, *args: object) -> None:
    """Emit ``signal`` from a worker thread; if its relay is gone after all, say so in the
    log and drop the result rather than raise on a thread that has nobody to tell."""
    try:
        signal.emit(*args)
    except RuntimeError as exc:  # "Signal source has been deleted"
        log.warning("a background result was dropped: %s", exc)


class _Delivery(QObject):
    done = Signal(object)  # a job's report, emitted on the worker, received here


class OwnThread:
    """A thread for one kind of work (the autosave's writes, the Search pane's searches),
    started when first needed, one job at a time in the order given; a job's report
    reaches ``landed`` on the GUI thread through a relay given to the application."""

    def __init__(self, name: str, landed: Callable[[Any], None]) -> None:
        self._name = name
        self._landed = landed
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._relay: _Delivery | None = None

    def submit(self, fn: Callable[..., Any], /, *args: Any,
               **kwargs: Any) -> concurrent.futures.Future[Any]:
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=self._name)
        return self._executor.submit(fn, *args, **kwargs)

    def report(self, future: concurrent.futures.Future[Any], payload: object) -> None:
        """``landed(payload)`` on the GUI thread once ``future`` is done (posted at once
        if it is already)."""
        if self._relay is None:  # on the GUI thread, once the application exists
            self._relay = lasting_relay(_Delivery())
            self._relay.done.connect(self._landed)
        relay = self._relay
        future.add_done_callback(lambda _future: emit_result(relay.done, payload))

