"""Minute Taker benchmark suite.

Run with ``python benchmarks/run.py`` (or ``make bench``). Prints exactly one
JSON object on stdout; progress and errors go to stderr. Each figure is
measured beside a baseline in the same run, so the *ratios* can be compared
across machines while the absolute milliseconds cannot. See README.md here.

    python benchmarks/run.py                      # everything
    python benchmarks/run.py --only startup --runs 10
    python benchmarks/run.py --only persist_edit --edits 500
    python benchmarks/run.py --only export
    python benchmarks/run.py --only nothing_lost --nothing-lost-examples 30
    python benchmarks/run.py --only start_quit
    python benchmarks/run.py --only large_item
    python benchmarks/run.py --only window
    python benchmarks/run.py --only backup
    python benchmarks/run.py --only year_book
    python benchmarks/run.py --only search --search-meetings 200
    python benchmarks/run.py --only agenda_import
    python benchmarks/run.py --only team_book
"""

import argparse
import datetime
import importlib.util
import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MARKER = "MINUTE_TAKER_SHOWN"
STDERR_TAIL_CHARS = 4000

if importlib.util.find_spec("minute_taker") is None:
    # Allow running from a checkout that has not been pip-installed.
    sys.path.insert(0, str(ROOT))


class BenchmarkError(RuntimeError):
    """A benchmark could not produce a figure."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- statistics ---------------------------------------------------------------


def to_ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was observed."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator > 0 else None


def summarize(samples: Sequence[float], *stats: str) -> dict[str, Any]:
    funcs: dict[str, Callable[[Sequence[float]], float]] = {
        "median": statistics.median,
        "min": min,
        "p95": lambda values: percentile(values, 95),
    }
    summary: dict[str, Any] = {f"{name}_ms": to_ms(funcs[name](samples)) for name in stats}
    summary["samples"] = len(samples)
    return summary


# --- startup ------------------------------------------------------------------

# The lines the children print: the first window painted (the app's splash, the bare
# window itself), then the main window ready to type (the keyboard in its notes editor).
PAINTED_MARKER = "MINUTE_TAKER_PAINTED"
STARTUP_MARKERS = {"first_paint": PAINTED_MARKER, "ready": MARKER}


def child_env(bytecode_cache: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Both children get unbuffered stdout, so the marker is never stuck in a buffer.
    env["PYTHONUNBUFFERED"] = "1"
    if bytecode_cache is not None:
        # As an installed app starts: from compiled bytecode (pip compiles it), kept out of
        # the checkout, not compiled again on every start because PYTHONDONTWRITEBYTECODE
        # is set here. The warm-up runs fill it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    return env


def _tail(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    if len(text) > STDERR_TAIL_CHARS:
        text = "..." + text[-STDERR_TAIL_CHARS:]
    return text or "(empty)"


def time_until_marker(label: str, cmd: list[str], env: dict[str, str], timeout: float) -> float:
    """Seconds from just before Popen until the child printed the marker line."""
    return time_until_markers(label, cmd, env, timeout, {"shown": MARKER})["shown"]


def time_until_markers(label: str, cmd: list[str], env: dict[str, str], timeout: float,
                       markers: dict[str, str]) -> dict[str, float]:
    """Seconds from just before Popen until the child printed each marker line (by the
    names of ``markers``); the last of them must come, the others are reported as they
    came. The child is left to quit by itself."""
    last = list(markers.values())[-1]
    with tempfile.TemporaryFile() as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
        )
        timed_out = threading.Event()

        def kill_on_timeout() -> None:
            timed_out.set()
            proc.kill()

        watchdog = threading.Timer(timeout, kill_on_timeout)
        watchdog.start()
        elapsed: dict[str, float] = {}
        seen: list[bytes] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                now = time.perf_counter() - start
                seen.append(line)
                for name, marker in markers.items():
                    if name not in elapsed and line.strip().startswith(marker.encode()):
                        elapsed[name] = now
                if last.encode() in line:
                    break
            # Drain whatever else the child prints and let it quit by itself.
            proc.communicate()
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr_file.seek(0)
        stderr = stderr_file.read()

    missing = [marker for name, marker in markers.items() if name not in elapsed]
    if missing:
        reason = (
            f"no {missing!r} line within {timeout:g} s (killed)"
            if timed_out.is_set()
            else f"exited with code {proc.returncode} without printing {missing!r}"
        )
        raise BenchmarkError(
            f"startup/{label}: {reason}\n"
            f"  command: {' '.join(cmd)}\n"
            f"  stdout:\n{_tail(b''.join(seen))}\n"
            f"  stderr:\n{_tail(stderr)}"
        )
    if timed_out.is_set():
        log(f"warning: startup/{label} did not quit by itself within {timeout:g} s; killed")
    elif proc.returncode != 0:
        log(
            f"warning: startup/{label} exited with code {proc.returncode} after the marker;"
            f" stderr:\n{_tail(stderr)}"
        )
    return elapsed


def _relative_to_root(arg: str) -> str:
    path = Path(arg)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else arg


def bench_startup(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="minute-taker-bench-") as folder:
        # An installed app starts from compiled bytecode; a checkout run with
        # PYTHONDONTWRITEBYTECODE set would compile the app's ~400 modules on every start.
        no_pyc = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
        cache = Path(folder) / "pycache" if no_pyc and not args.no_bytecode_cache else None
        env = child_env(cache)
        # The children keep their settings and logs here, not in the user's folders.
        env["MINUTE_TAKER_HOME"] = str(Path(folder) / "home")
        book = Path(folder) / "bench.minutebook"
        demo = ROOT / "resources" / "demo" / "demo_meeting.json"
        subprocess.run([sys.executable, "-m", "minute_taker", "import", str(book), str(demo)],
                       env=env, check=True, capture_output=True)
        result = _startup_rounds(args, env, {
            # An everyday start: an existing book holding the demo meeting.
            "app": [sys.executable, "-m", "minute_taker", str(book), "--exit-when-shown"],
            # --demo also builds a fresh book and imports the sample into it.
            "app_demo": [sys.executable, "-m", "minute_taker", "--demo", "--exit-when-shown"],
            "baseline": [sys.executable, str(HERE / "bare_window.py")],
        })
        result["bytecode"] = "private cache" if cache is not None else \
            "none (compiled on every start)" if no_pyc else "__pycache__"
        return result


def _startup_rounds(args: argparse.Namespace, env: dict[str, str],
                    commands: dict[str, list[str]]) -> dict[str, Any]:
    samples: dict[str, dict[str, list[float]]] = {
        name: {figure: [] for figure in STARTUP_MARKERS} for name in commands}
    for round_no in range(args.warmup + args.runs):
        # Interleave the programs and alternate which goes first, so drift in
        # machine load or caches affects them alike.
        order = list(commands) if round_no % 2 == 0 else list(reversed(list(commands)))
        for name in order:
            seconds = time_until_markers(name, commands[name], env, args.timeout,
                                         STARTUP_MARKERS)
            if round_no >= args.warmup:
                for figure, value in seconds.items():
                    samples[name][figure].append(value)
        log(
            f"startup: round {round_no + 1}/{args.warmup + args.runs}"
            f"{' (warm-up)' if round_no < args.warmup else ''}"
        )

    result: dict[str, Any] = {
        "runs": args.runs,
        "warmup_runs": args.warmup,
        "qt_qpa_platform": env["QT_QPA_PLATFORM"],
    }
    for name, cmd in commands.items():
        # Up to the main window ready to type: the figure of the earlier runs.
        result[name] = summarize(samples[name]["ready"], "median", "min")
        for figure in STARTUP_MARKERS:
            result[name][figure] = summarize(samples[name][figure], "median", "min")
        shown = [Path(cmd[0]).name, *(Path(part).name if part.endswith(".minutebook")
                                      else _relative_to_root(part) for part in cmd[1:])]
        result[name]["command"] = " ".join(shown)
    bare = result["baseline"]
    for name in ("app", "app_demo"):
        for figure in STARTUP_MARKERS:
            own = result[name][figure]
            # Each against the bare window's ready median: the one figure of a bare start
            # (for a bare window both markers come on the same turn of its event loop).
            own["ratio"] = ratio(own["median_ms"], bare["ready"]["median_ms"])
            own["ratio_min"] = ratio(own["min_ms"], bare["ready"]["min_ms"])
    result["ratio"] = result["app"]["ready"]["ratio"]
    result["ratio_min"] = result["app"]["ready"]["ratio_min"]
    result["ratio_demo"] = result["app_demo"]["ready"]["ratio"]
    result["first_paint_ratio"] = result["app"]["first_paint"]["ratio"]
    result["first_paint_ratio_demo"] = result["app_demo"]["first_paint"]["ratio"]
    return result


# --- persist_edit -------------------------------------------------------------

_SENTENCES = (
    "The chair welcomed members and noted that the meeting was quorate.",
    "Minutes of the previous meeting were approved as a correct record, subject to "
    "one amendment to the treasurer's report.",
    "The secretary reported that correspondence had been received from the district "
    "council regarding the proposed changes to the hall lease.",
    "Members discussed the quotation for roof repairs at some length; concerns were "
    "raised about the timetable and about access during the summer programme.",
    "It was proposed by the treasurer and seconded by the vice-chair that the "
    "committee accept the lower of the two quotations.",
    "The motion was carried with seven votes in favour, one against and two abstentions.",
    "The working group will circulate a revised draft of the volunteer policy before "
    "the next meeting so that members have time to comment.",
)
_ACTIONS = (
    "Secretary to reply to the district council by the end of the month.",
    "Treasurer to confirm the insurance position with the broker.",
    "Chair to contact the contractor and agree a start date.",
    "All members to send comments on the draft policy to the working group.",
)
_TYPED_WORDS = ("agreed", "noted", "deferred", "budget", "review", "members", "report", "vote")
_BASE_CHARS = 3900  # plus ~7 chars typed per edit: ~4.3 KB -> ~5.7 KB over 200 edits


def _base_notes() -> str:
    parts: list[str] = []
    size = 0
    i = 0
    while size < _BASE_CHARS:
        if i % 4 == 3:
            items = "".join(f"<li>{_ACTIONS[(i + k) % len(_ACTIONS)]}</li>" for k in range(3))
            part = f"<ul>{items}</ul>"
        else:
            sentences = (_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(2))
            part = f"<p>{' '.join(sentences)}</p>"
        parts.append(part)
        size += len(part)
        i += 1
    return "\n".join(parts)


BASE_NOTES = _base_notes()


def notes_html(edit: int) -> str:
    """Notes text after `edit` edits: the last paragraph grows by one typed word each time."""
    typed = " ".join(_TYPED_WORDS[k % len(_TYPED_WORDS)] for k in range(edit + 1))
    return f"{BASE_NOTES}\n<p>Discussion continued: {typed} (edit {edit})</p>"


def filesystem_type(path: Path) -> str | None:
    """Filesystem type holding `path` (Linux only), e.g. 'ext4' or 'tmpfs'."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    resolved = str(path.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, fstype = mount_point, fields[2]
    return fstype


class RawSqliteNotes:
    """Baseline: one 5 KB text row updated in place, WAL + synchronous=FULL."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)  # autocommit
        mode = self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise BenchmarkError(f"persist_edit/baseline: could not enable WAL (got {mode!r})")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, html TEXT NOT NULL)")
        self.conn.execute("INSERT INTO notes (id, html) VALUES (1, ?)", (notes_html(0),))

    def edit(self, html: str) -> None:
        self.conn.execute("UPDATE notes SET html = ? WHERE id = 1", (html,))

    def close(self) -> None:
        self.conn.close()


class AppNotes:
    """The app's own Qt-free service API, one call per edit."""

    def __init__(self, path: Path) -> None:
        try:
            from minute_taker.services import agenda, committees, meetings
            from minute_taker.store.book import MinuteBook
        except ImportError as exc:
            raise BenchmarkError(
                f"persist_edit/app: cannot import the app's service API ({exc}); "
                "install the project first (make bench does)"
            ) from exc
        self._set_minutes = agenda.set_item_minutes
        self.path = path
        self.book = MinuteBook.open(path)
        try:
            committee = committees.create_committee(self.book, name="Bench committee")
            meeting = meetings.create_meeting(
                self.book, committee_id=committee.id, title="Bench", date=datetime.date(2026, 1, 1)
            )
            self.item_id = agenda.add_item(self.book, meeting.id, title="Item").id
        except BaseException:
            self.book.close()
            raise

    def edit(self, html: str) -> None:
        self._set_minutes(self.book, self.item_id, html)

    def close(self) -> None:
        self.book.close()

    def journal_mode(self) -> str | None:
        """The journal mode the app left its file in (WAL persists in the file)."""
        try:
            conn = sqlite3.connect(self.path)
            try:
                return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
            finally:
                conn.close()
        except sqlite3.Error:
            return None


def _timed_edits(targets: dict[str, Any], warmup: int, edits: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in targets}
    for i in range(warmup + edits):
        html = notes_html(i + 1)
        order = list(targets) if i % 2 == 0 else list(reversed(targets))
        for name in order:
            start = time.perf_counter()
            targets[name].edit(html)
            elapsed = time.perf_counter() - start
            if i >= warmup:
                samples[name].append(elapsed)
    return samples


def bench_persist_edit(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="minute-taker-bench-", dir=args.tmpdir) as tmp:
        tmpdir = Path(tmp)
        targets: dict[str, Any] = {}
        try:
            targets["baseline"] = RawSqliteNotes(tmpdir / "baseline.sqlite3")
            targets["app"] = AppNotes(tmpdir / "bench.minutebook")
            log(f"persist_edit: {args.warmup_edits} warm-up + {args.edits} edits each")
            samples = _timed_edits(targets, args.warmup_edits, args.edits)
        finally:
            for target in targets.values():
                target.close()
        app_journal = targets["app"].journal_mode()

    result: dict[str, Any] = {
        "edits": args.edits,
        "warmup_edits": args.warmup_edits,
        "html_chars": {
            "first_timed": len(notes_html(args.warmup_edits + 1)),
            "last": len(notes_html(args.warmup_edits + args.edits)),
        },
        "tmpdir_filesystem": filesystem_type(Path(args.tmpdir or tempfile.gettempdir())),
        "app_journal_mode": app_journal,
        "app": summarize(samples["app"], "median", "p95"),
        "baseline": summarize(samples["baseline"], "median", "p95"),
    }
    result["baseline"]["description"] = "sqlite3 UPDATE of one text row, WAL, synchronous=FULL"
    result["ratio"] = ratio(result["app"]["median_ms"], result["baseline"]["median_ms"])
    result["ratio_p95"] = ratio(result["app"]["p95_ms"], result["baseline"]["p95_ms"])
    return result


# --- main ---------------------------------------------------------------------

def bench_export(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from export_bench import bench_export as run

    log("export: a 100-item meeting to DOCX and PDF")
    return run(runs=args.export_runs)


def bench_year_book(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from year_book_bench import YEARS
    from year_book_bench import bench_year_book as run

    log(f"year_book: books of {', '.join(map(str, YEARS))} years of a committee's actions")
    return run(runs=args.export_runs)


def bench_open(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from open_bench import MEETINGS
    from open_bench import bench_open as run

    log(f"open: a book of {MEETINGS} meetings of 100 items")
    return run(runs=args.export_runs)


def bench_nothing_lost(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from nothing_lost_bench import MAX_ITEMS
    from nothing_lost_bench import bench_nothing_lost as run

    log(f"nothing_lost: {args.nothing_lost_examples} meetings of up to {MAX_ITEMS} items, "
        "every minutes format")
    return run(examples=args.nothing_lost_examples)


def bench_start_quit(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from start_quit_bench import STARTS
    from start_quit_bench import bench_start_quit as run

    log(f"start_quit: {STARTS} starts, each quit at a random moment of start-up")
    result = run()
    if result["abnormal"]:
        raise BenchmarkError(f"{result['abnormal']} of {STARTS} starts ended badly")
    return result


def bench_keyboard_overhead(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from keyboard_overhead_bench import TEST
    from keyboard_overhead_bench import bench_keyboard_overhead as run

    log(f"keyboard_overhead: extra keys per text key, typing a whole meeting ({TEST})")
    try:
        return run()
    except RuntimeError as error:
        raise BenchmarkError(str(error)) from error


def bench_xvfb_keyboard(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from xvfb_keyboard_bench import bench_xvfb_keyboard as run

    log("xvfb_keyboard: the app on Xvfb with openbox, every key sent by xdotool")
    try:
        return run()
    except RuntimeError as error:
        raise BenchmarkError(str(error)) from error


def bench_large_item(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from large_item_bench import SIZES
    from large_item_bench import bench_large_item as run

    log(f"large_item: autosave and switching into items of {SIZES} bytes of notes")
    return run(runs=args.export_runs)


def bench_window(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from window_bench import SIZES
    from window_bench import bench_window as run

    log(f"window: opening meetings of {SIZES} items in the window, beside bare Qt views")
    return run(runs=args.export_runs)


def bench_backup(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from backup_bench import MEETINGS
    from backup_bench import bench_backup as run

    log(f"backup: a book of {MEETINGS} meetings, compressed and plain")
    return run(runs=args.export_runs)


def bench_search(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from search_bench import bench_search as run

    log(f"search: a book of {args.search_meetings} meetings of 20 items; searches beside "
        "raw FTS5, and the index's cost to an autosave")
    return run(meetings=args.search_meetings, tmpdir=args.tmpdir)


def bench_agenda_import(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from agenda_import_bench import ITEMS
    from agenda_import_bench import bench_agenda_import as run

    log(f"agenda_import: a {ITEMS}-item Word agenda read and imported into a meeting")
    return run()


def bench_team_book(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from team_book_bench import ITEMS
    from team_book_bench import bench_team_book as run

    log(f"team_book: a notes edit committed and a {ITEMS}-item meeting opened, on "
        "PostgreSQL (here, and at a 1 ms and a 10 ms round trip) beside a file")
    return run()


BENCHMARKS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "startup": bench_startup,
    "persist_edit": bench_persist_edit,
    "export": bench_export,
    "open": bench_open,
    "nothing_lost": bench_nothing_lost,
    "start_quit": bench_start_quit,
    "keyboard_overhead": bench_keyboard_overhead,
    "xvfb_keyboard": bench_xvfb_keyboard,
    "large_item": bench_large_item,
    "window": bench_window,
    "backup": bench_backup,
    "year_book": bench_year_book,
    "search": bench_search,
    "agenda_import": bench_agenda_import,
    "team_book": bench_team_book,
}


def qt_version() -> str | None:
    try:
        from PySide6 import QtCore
    except ImportError:
        return None
    return QtCore.qVersion()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(BENCHMARKS), help="run just this benchmark")
    parser.add_argument("--runs", type=int, default=5, help="startup: timed runs of each program")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="startup: untimed runs of each program first (default 1)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="startup: seconds to wait for the marker line (default 60)",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="startup: let the children compile the app's modules on every start when "
             "PYTHONDONTWRITEBYTECODE is set, as runs before 2026-12 did",
    )
    parser.add_argument("--edits", type=int, default=200, help="persist_edit: timed edits")
    parser.add_argument("--export-runs", type=int, default=3, help="export: timed runs of each")
    parser.add_argument("--nothing-lost-examples", type=int, default=10,
                        help="nothing_lost: meetings checked in each format (default 10)")
    parser.add_argument(
        "--warmup-edits",
        type=int,
        default=5,
        help="persist_edit: untimed edits of each target first (default 5)",
    )
    parser.add_argument(
        "--tmpdir",
        default=None,
        help="persist_edit, search: directory for the database files (default: the "
             "system temp dir)",
    )
    parser.add_argument("--search-meetings", type=int, default=1000,
                        help="search: meetings in the generated book (default 1000)")
    args = parser.parse_args(argv)
    for name in ("runs", "edits", "search_meetings"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    for name in ("warmup", "warmup_edits"):
        if getattr(args, name) < 0:
            parser.error(f"--{name.replace('_', '-')} must not be negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    selected = [args.only] if args.only else list(BENCHMARKS)
    report: dict[str, Any] = {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "qt_version": qt_version(),
        "sqlite_version": sqlite3.sqlite_version,
        **{name: None for name in BENCHMARKS},
    }
    try:
        for name in selected:
            report[name] = BENCHMARKS[name](args)
    except BenchmarkError as exc:
        log(f"benchmark failed: {exc}")
        return 1
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
