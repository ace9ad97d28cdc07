"""Smoke test of a frozen build: the programs start, the window shows the demo, and the
command line imports, lists, exports every format and verifies.

    python packaging/smoke_test.py [dist/minute-taker]

The folder is PyInstaller's one-folder output (the one holding ``minute-taker`` and
``minute-taker-cli``; on macOS ``Minute Taker.app/Contents/MacOS`` works too). Runs with
Qt's offscreen platform and a throw-away ``MINUTE_TAKER_HOME``, so it needs no display
and touches no user files. Prints one line a check and the time each took; exits 1 on
the first failure. Run by ``make dist-check``, tests/test_frozen_build.py and the
build workflow. Uses only the standard library, plus python-docx and pypdf for a closer
look at the DOCX and PDF when the Python running it has them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_FORMATS = {"docx", "pdf", "html", "md", "txt", "csv", "ics"}
SHOWN_MARKER = "MINUTE_TAKER_SHOWN"  # minute_taker/ui/app.py
START_TIMEOUT = 120  # seconds; a cold first start of a frozen app on a slow runner
COMMAND_TIMEOUT = 180


class SmokeFailure(Exception):
    pass


def program(folder: Path, name: str) -> Path:
    exe = folder / (name + ".exe" if sys.platform == "win32" else name)
    if not exe.is_file():
        raise SmokeFailure(f"no {exe}")
    return exe


def run(cmd: list[str | Path], env: dict[str, str], timeout: float = COMMAND_TIMEOUT,
        expect: int = 0) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    try:
        done = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{_show(cmd)}: no end after {timeout} s") from exc
    elapsed = time.perf_counter() - started
    if done.returncode != expect:
        raise SmokeFailure(f"{_show(cmd)}: exit status {done.returncode}, expected {expect}\n"
                           f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}")
    return done, elapsed


def _show(cmd: list[str | Path]) -> str:
    return " ".join(Path(c).name if i == 0 else str(c) for i, c in enumerate(cmd))


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def demo_file(folder: Path) -> Path:
    """The demo meeting the build carries (so the test also sees it was collected)."""
    for candidate in (folder / "_internal" / "minute_taker" / "resources" / "demo",
                      folder.parent / "Resources" / "minute_taker" / "resources" / "demo",
                      folder.parent / "Frameworks" / "minute_taker" / "resources" / "demo"):
        if (candidate / "demo_meeting.json").is_file():
            return candidate / "demo_meeting.json"
    raise SmokeFailure(f"the build in {folder} carries no demo/demo_meeting.json")


def export_formats(cli: Path, env: dict[str, str]) -> list[str]:
    """The formats the frozen ``export --help`` offers (``--format {docx,pdf,...}``)."""
    done, _ = run([cli, "export", "--help"], env)
    found = re.search(r"--format\s+\{([a-z0-9,]+)\}", done.stdout)
    check(found is not None, f"export --help names no formats:\n{done.stdout}")
    assert found is not None
    formats = found.group(1).split(",")
    check(set(formats) >= EXPECTED_FORMATS,
          f"export --help lacks {sorted(EXPECTED_FORMATS - set(formats))}")
    return formats


def check_output(fmt: str, path: Path, title: str) -> str:
    """Raises SmokeFailure unless ``path`` is a plausible ``fmt`` file; returns a note."""
    check(path.is_file() and path.stat().st_size > 0, f"{fmt}: {path.name} missing or empty")
    data = path.read_bytes()
    if fmt == "pdf":
        check(data.startswith(b"%PDF-"), "pdf: does not start with %PDF-")
        try:
            from pypdf import PdfReader
        except ImportError:
            return "starts with %PDF- (no pypdf here to read its text)"
        reader = PdfReader(path)
        text = " ".join((page.extract_text() or "") for page in reader.pages)
        check(_words(title) <= _words(text), f"pdf: the title {title!r} is not in its text")
        return f"{len(reader.pages)} page(s), title found"
    if fmt == "docx":
        check(zipfile.is_zipfile(path), "docx: not a zip file")
        try:
            import docx
        except ImportError:
            names = zipfile.ZipFile(path).namelist()
            check("word/document.xml" in names, "docx: no word/document.xml")
            return "zip with word/document.xml (no python-docx here to open it)"
        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        check(_words(title) <= _words(text), f"docx: the title {title!r} is not in it")
        return f"{len(document.paragraphs)} paragraphs, title found"
    text = data.decode("utf-8")
    if fmt == "ics":
        check(text.startswith("BEGIN:VCALENDAR"), "ics: does not start with BEGIN:VCALENDAR")
        return f"{text.count('BEGIN:VTODO') + text.count('BEGIN:VEVENT')} entries"
    if fmt == "csv":
        lines = text.splitlines()
        check(len(lines) >= 2, "csv: no rows under the header")
        return f"{len(lines) - 1} row(s)"
    check(_words(title) <= _words(text), f"{fmt}: the title {title!r} is not in it")
    return "title found"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def smoke(folder: Path, work: Path) -> list[str]:
    gui = program(folder, "minute-taker")
    try:
        cli = program(folder, "minute-taker-cli")
    except SmokeFailure:
        cli = gui
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "MINUTE_TAKER_HOME": str(work / "home"), "PYTHONUNBUFFERED": "1"}
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    report = []

    def note(line: str) -> None:
        report.append(line)
        print(line, flush=True)

    for exe in dict.fromkeys((gui, cli)):
        done, elapsed = run([exe, "--version"], env)
        note(f"ok  {exe.name} --version: {(done.stdout or done.stderr).strip()} "
             f"({elapsed:.2f} s)")

    # The window: --exit-when-shown prints the marker once the main window is shown and
    # ready, then quits with status 0 (1 if the book could not be opened).
    for attempt in ("first start", "again (warm)"):
        done, elapsed = run([gui, "--demo", "--exit-when-shown"], env, timeout=START_TIMEOUT)
        if SHOWN_MARKER in done.stdout:
            shown = "window shown"
        else:
            # A windowed Windows program may have no standard output to print to; there
            # the exit status 0 is what says the window was made and shown.
            check(sys.platform == "win32" and not done.stdout.strip(),
                  f"--demo --exit-when-shown printed no {SHOWN_MARKER}:\n"
                  f"{done.stdout}{done.stderr}")
            shown = "exit status 0 (a windowed program: no marker to read)"
        note(f"ok  {gui.name} --demo --exit-when-shown, {attempt}: {shown}, "
             f"{elapsed:.2f} s from start to exit")

    book = work / "Smoke.minutebook"
    demo = demo_file(folder)
    title = json.loads(demo.read_text(encoding="utf-8"))["meeting"]["title"]
    done, elapsed = run([cli, "import", book, demo], env)
    meeting = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    check(meeting.isdigit(), f"import printed no meeting id:\n{done.stdout}{done.stderr}")
    check(book.is_file() and book.stat().st_size > 0, "import left no book")
    note(f"ok  import: meeting {meeting} in {book.name} ({elapsed:.2f} s)")

    done, elapsed = run([cli, "list", book], env)
    rows = [line.split("\t") for line in done.stdout.splitlines() if line]
    check(any(row[0] == meeting and row[-1] == title for row in rows),
          f"list does not show meeting {meeting} {title!r}:\n{done.stdout}")
    note(f"ok  list: {len(rows)} meeting(s) ({elapsed:.2f} s)")
    if gui != cli:  # the app's own program runs the subcommands too
        again, _ = run([gui, "list", book], env)
        check(sys.platform == "win32" or again.stdout == done.stdout,
              f"{gui.name} list differs from {cli.name} list:\n{again.stdout}")
        note(f"ok  {gui.name} list: exit status 0")

    for fmt in export_formats(cli, env):
        out = work / "out" / f"minutes.{fmt}"
        out.parent.mkdir(exist_ok=True)
        # The demo has confidential items, so the version must be chosen: the full one.
        done, elapsed = run([cli, "export", book, "--meeting", meeting, "--format", fmt,
                             "--full", "-o", out], env)
        detail = check_output(fmt, out, title)
        note(f"ok  export {fmt}: {out.stat().st_size} bytes, {detail} ({elapsed:.2f} s)")

    done, elapsed = run([cli, "verify", book], env)
    note(f"ok  verify: {done.stdout.strip().splitlines()[-1]} ({elapsed:.2f} s)")

    done, _ = run([cli, "export-json", book, "--meeting", meeting, "-o", work / "back.json"],
                  env)
    again = json.loads((work / "back.json").read_text(encoding="utf-8"))
    check(again["meeting"]["title"] == title, "export-json: the title did not come back")
    note("ok  export-json: the meeting comes back out")

    logs = sorted((work / "home").rglob("*.log"))
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        check("Traceback" not in text, f"{log.name} holds a traceback:\n{text}")
    note(f"ok  {len(logs)} log file(s), no traceback in them")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "dist" / "minute-taker",
                        help="the frozen one-folder build (default: dist/minute-taker)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="minute-taker-smoke-"))
    try:
        smoke(args.folder.resolve(), work)
    except SmokeFailure as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        print(f"(work folder kept: {work})", file=sys.stderr)
        return 1
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"work folder: {work}")
    print(f"smoke test passed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
