"""Start the real app in child processes and quit each at a chosen moment of its start-up.

Shared by tests/test_start_and_quit.py (a few dozen starts) and
benchmarks/start_quit_bench.py (a hundred or more, with times).

Start-up sets two worker jobs going on Qt's thread pool: the first backup of a real
book (as the window opens) and the spelling dictionary (``LOAD_DELAY_MS`` later, for
half a second or more). ``MINUTE_TAKER_QUIT_AFTER_MS`` ends the event loop that many
milliseconds after the application is made, without waiting for either, so the
moments are drawn to land before, during and after each: a third in the first event
loop turns (the backup is running), the rest anywhere in the first three seconds (the
dictionary loads somewhere in there, later on a busy machine).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from minute_taker.ui.app import QUIT_AFTER_ENV

# What an abnormal end leaves on stderr, besides a returncode other than 0.
SIGNS_OF_TROUBLE = ("Traceback", "Signal source has been deleted", "Fatal Python error",
                    "QWidget: Must construct", "unexpected error")


@dataclass(frozen=True)
class Start:
    number: int
    quit_after_ms: int
    demo: bool  # the temporary demo book (no backup), or a real book (backed up on opening)


@dataclass(frozen=True)
class Outcome:
    start: Start
    returncode: int
    stderr: str

    @property
    def normal(self) -> bool:
        return self.returncode == 0 and not any(s in self.stderr for s in SIGNS_OF_TROUBLE)

    def describe(self) -> str:
        kind = "--demo" if self.start.demo else "a real book"
        return (f"start {self.start.number} ({kind}, quit after {self.start.quit_after_ms} ms)"
                f" exited {self.returncode}:\n{self.stderr[-1500:]}")


def plan(count: int, seed: int) -> list[Start]:
    rng = random.Random(seed)
    starts = []
    for number in range(count):
        early = number % 3 == 0
        moment = rng.randint(0, 60) if early else rng.randint(0, 3000)
        starts.append(Start(number, moment, demo=number % 2 == 1))
    return starts


def run_one(start: Start, timeout: float = 90.0) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="minute-taker-start-quit-") as home:
        env = dict(os.environ, MINUTE_TAKER_HOME=home, QT_QPA_PLATFORM="offscreen",
                   **{QUIT_AFTER_ENV: str(start.quit_after_ms)})
        env.pop("PYTEST_CURRENT_TEST", None)
        book = ["--demo"] if start.demo else [str(Path(home) / "Panel.minutebook")]
        done = subprocess.run([sys.executable, "-m", "minute_taker", *book], env=env,
                              capture_output=True, text=True, timeout=timeout)
    return Outcome(start, done.returncode, done.stderr)


def run_all(starts: Iterable[Start], workers: int = 4) -> list[Outcome]:
    """Several children at a time: each spends much of its start waiting on imports and
    timers, so four at once on two cores take about half as long as one after another."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_one, starts))
