"""Command-line subcommands: move meetings in and out of a book as JSON, list meetings,
verify approved minutes against their digests, search every meeting, rebuild the index.

``python -m minute_taker import ...`` lands here (``__main__`` hands over when the
first argument is one of ``SUBCOMMANDS``); no Qt is imported on this path.
Exit status: 0 done, 1 refused (the message says why; nothing was written), 2 bad
command line, 3 ``verify`` found approved minutes that no longer match their approval,
141 standard output was closed early (``minute-taker list BOOK | head``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from minute_taker import __version__
from minute_taker.domain import search_query
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.services import approval, interchange, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import NotABookError
from minute_taker.store.wal import book_files

PROG = "minute-taker"
# Kept here rather than imported from export.formats: --help must not load the exporters.
FORMAT_NAMES = ("docx", "pdf", "html", "md", "txt", "csv", "ics")
SUBCOMMANDS = ("import", "export-json", "list", "verify", "export", "search", "reindex",
               "import-agenda", "copy-book")
# The domain's own lists (importing them costs nothing beside the services above).
SEARCH_KINDS = search_query.KINDS
ACTION_STATUSES = tuple(status.value for status in ActionStatus)
MISMATCH = 3
# 128 + SIGPIPE: what the shell reports for cat, grep or sort stopped by a closed pipe, so
# pipefail and PIPESTATUS see the usual value. Not 1, which here means "refused".
STDOUT_CLOSED = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status instead of exiting.

    A reader that stops early (``| head``) closes the pipe; that is not an error worth a
    traceback. Python ignores SIGPIPE, so the next write raises BrokenPipeError instead:
    the subcommand stops there, quietly, as a program killed by SIGPIPE would.
    """
    try:
        status = _run(argv)
        # Output to a pipe is block-buffered: flush now, so a closed pipe is met here and
        # not in the interpreter's own flush at exit, which would print a warning.
        if sys.stdout is not None:  # None under pythonw, the gui-scripts launcher
            sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return STDOUT_CLOSED
    return status


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or --help already
        return exc.code if isinstance(exc.code, int) else 2
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except MinuteTakerError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Minute Taker on the command line: minute-taker COMMAND, or "
        "minute-taker-cli COMMAND (the same, as a console program: use it on Windows). "
        "minute-taker without a command starts the app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub = commands.add_parser(
        "import", help="add a meeting from a JSON file to a minute book",
        description="Add the meeting in FILE.json (interchange format, see docs/interchange.md) "
        "to BOOK, creating BOOK if it does not exist, and print the new meeting's id. "
        "Nothing is written unless the whole file is accepted. Minutes the file says are "
        "approved stay approved only if the file carries an approval matching them; "
        "otherwise they are imported as a draft, with a warning.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("file", metavar="FILE.json", type=Path)
    sub.set_defaults(run=_import)

    sub = commands.add_parser(
        "export-json", help="write one meeting of a minute book to a JSON file",
        description="Write meeting ID of BOOK in the interchange format.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("--meeting", metavar="ID", type=int, required=True,
                     help="the meeting's id (see the list command)")
    sub.add_argument("-o", "--output", metavar="FILE.json", default="-",
                     help="where to write; - (the default) writes to standard output")
    sub.set_defaults(run=_export)

    sub = commands.add_parser(
        "list", help="list the meetings in a minute book",
        description="Print the meetings in BOOK, newest first, one a line: id, date, "
        "status, committee and title, separated by tabs.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.set_defaults(run=_list)

    sub = commands.add_parser(
        "verify", help="check approved minutes still say what was approved",
        description="For every approved meeting in BOOK, recompute the SHA-256 digest of its "
        "content (items, numbers, text, decisions, actions, attendance) and compare it with "
        "the digest recorded when the minutes were approved. Prints one line a meeting: OK or "
        "CHANGED, date, title, who approved and when, and the digest; TAMPERED for a meeting "
        "whose status or approval disagrees with its history. With --file, says instead "
        "whether a published PDF, Word or HTML file is the approved minutes word for word. "
        "Exit status 3 if anything does not match.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("--file", metavar="MINUTES", type=Path,
                     help="a published file (pdf, docx, html) to check against the book")
    sub.set_defaults(run=_verify)

    sub = commands.add_parser(
        "export", help="publish a meeting's minutes (docx, pdf, html, md, txt) or actions "
        "(csv, ics)",
        description="Write meeting ID of BOOK as minutes in its committee's house style (or "
        "--style NAME) or as an action list. Minutes that are not approved are marked DRAFT. "
        "If the meeting has confidential items, say --public (they are replaced by a line "
        "saying they were considered in private) or --full (marked Not for publication).")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("--meeting", metavar="ID", type=int, required=True,
                     help="the meeting's id (see the list command)")
    sub.add_argument("--format", dest="fmt", required=True, choices=list(FORMAT_NAMES))
    sub.add_argument("--style", metavar="NAME", help="a house style: committee-minutes, "
                     "action-notes, or one of your own")
    version = sub.add_mutually_exclusive_group()
    version.add_argument("--public", dest="public", action="store_const", const=True,
                         help="the public version: confidential items withheld")
    version.add_argument("--full", dest="public", action="store_const", const=False,
                         help="the full version, marked Not for publication if it holds "
                         "confidential items")
    sub.add_argument("--outstanding", action="store_true",
                     help="csv/ics: every outstanding action of the meeting's committee")
    sub.add_argument("-o", "--output", metavar="OUT", type=Path, required=True,
                     help="the file to write (replaced if it exists)")
    sub.set_defaults(run=_export_minutes, public=None)

    sub = commands.add_parser(
        "search", help="search every meeting of a minute book",
        description="Print what matches QUERY in every meeting of BOOK, newest meeting "
        "first, one result a line: meeting date, item number, kind and a snippet with each "
        "match in [brackets], separated by tabs; or, with --json, a JSON list. QUERY is "
        "words (all must match, in any form: resolve finds resolved), \"a phrase\" (as "
        "typed), prefix*, -word to leave out, and owner:DCC, status:open, kind:decisions, "
        "committee:NAME, before:YYYY-MM-DD, after:YYYY-MM-DD (see docs/search.md). No "
        "query is an error: what cannot be read as the language is searched as words. "
        "Exit status 0 with or without results.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("query", metavar="QUERY")
    sub.add_argument("--kind", action="append", choices=list(SEARCH_KINDS),
                     help="only entries of this kind (may be given more than once)")
    sub.add_argument("--committee", metavar="NAME",
                     help="only meetings of the committee whose name holds NAME")
    sub.add_argument("--from", dest="date_from", metavar="DATE", type=_date,
                     help="only meetings on or after DATE (YYYY-MM-DD)")
    sub.add_argument("--to", dest="date_to", metavar="DATE", type=_date,
                     help="only meetings on or before DATE (YYYY-MM-DD)")
    sub.add_argument("--owner", metavar="NAME", help="only actions owned by NAME")
    sub.add_argument("--status", choices=list(ACTION_STATUSES),
                     help="only actions in this state")
    sub.add_argument("--limit", metavar="N", type=int, default=200,
                     help="at most N results (default 200)")
    sub.add_argument("--json", action="store_true", help="print the results as JSON")
    sub.set_defaults(run=_search)

    sub = commands.add_parser(
        "reindex", help="rebuild a minute book's search index",
        description="Drop BOOK's full-text search index and build it again from its "
        "meetings, in one transaction: if it fails, the book keeps the index it had. For "
        "an index damaged or out of step (edited by another program with its triggers "
        "removed). Prints the number of entries indexed.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.set_defaults(run=_reindex)

    sub = commands.add_parser(
        "copy-book", help="copy a whole minute book into a new file or a team book",
        description="Copy everything in SOURCE (meetings, people, committees, actions, "
        "approvals, reviews, settings) into TARGET, each row with its id, and check that "
        "every table arrived (its rows counted and digested with SHA-256 on both sides) "
        "before the copy is kept: if anything differs or fails, TARGET is left as it was. "
        "Each of SOURCE and TARGET is a book's file or a team book's PostgreSQL address "
        "(postgresql://user@server/database); TARGET must be a new file or an empty "
        "database. SOURCE is only read. See docs/storage.md.")
    sub.add_argument("source", metavar="SOURCE")
    sub.add_argument("target", metavar="TARGET")
    sub.set_defaults(run=_copy_book)

    sub = commands.add_parser(
        "import-agenda", help="add a published agenda's items to a meeting",
        description="Read the agenda in FILE (Word .docx, with its own numbering, headings "
        "or tables; PDF with a text layer; text as a website or an e-mail gives it: one "
        "item a line, numbered 1, 1.1, 5a or 233, or indented; or CSV with a header row "
        "naming number, title, description, presenter, minutes, confidential, papers) and "
        "add its items to draft meeting ID of BOOK after the standing items the meeting "
        "began with, or in place of its agenda with --replace (refused if anything is "
        "minuted). Prints the items read, indented by level. Nothing is written unless "
        "the whole agenda is accepted.")
    sub.add_argument("book", metavar="BOOK", type=_book_location)
    sub.add_argument("file", metavar="AGENDA", type=Path)
    sub.add_argument("--meeting", metavar="ID", type=int, required=True,
                     help="the meeting's id (see the list command)")
    sub.add_argument("--replace", action="store_true",
                     help="replace the meeting's items instead of adding after its standing "
                          "items")
    sub.add_argument("--dry-run", action="store_true",
                     help="print what would be imported; change nothing")
    sub.set_defaults(run=_import_agenda)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _search(args: argparse.Namespace) -> int:
    from minute_taker.domain.enums import ActionStatus
    from minute_taker.domain.search_query import snippet_parts, snippet_text
    from minute_taker.services import search

    with _open_existing(args.book) as book:
        hits = search.search(
            book, args.query, kinds=args.kind, committee=args.committee,
            date_from=args.date_from, date_to=args.date_to, owner=args.owner,
            status=ActionStatus(args.status) if args.status else None, limit=args.limit)
    if args.json:
        results = []
        for hit in hits:
            plain, spans = snippet_text(hit.snippet)
            results.append({
                "meeting_id": hit.meeting_id, "meeting_date": hit.meeting_date.isoformat(),
                "meeting_title": hit.meeting_title, "committee": hit.committee,
                "item_id": hit.item_id, "item_number": hit.item_number,
                "item_title": hit.item_title, "kind": hit.kind, "snippet": plain,
                "matches": [list(span) for span in spans], "rank": hit.rank})
        _write_stdout(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        return 0
    for hit in hits:
        snippet = "".join(f"[{text}]" if matched else text
                          for text, matched in snippet_parts(hit.snippet))
        fields = (hit.meeting_date.isoformat(), hit.item_number or "-", hit.kind, snippet)
        print("\t".join(_one_line(field) for field in fields))
    return 0


def _reindex(args: argparse.Namespace) -> int:
    from minute_taker.services import search

    with _open_to_change(args.book) as book:
        count = search.rebuild_index(book)
    print(f"{_display(args.book)}: {count} entries indexed.")
    return 0


def _copy_book(args: argparse.Namespace) -> int:
    from minute_taker.store import copy_book

    with _open_existing(_book_location(args.source)) as source, \
            _opened_or_made(_book_location(args.target)) as target:
        report = copy_book.copy_book(source, target)
    print(f"Copied {report.rows} rows in {len(report.tables)} tables from {report.source} "
          f"to {report.target}; every table checked (rows counted and digested).")
    return 0


def _import(args: argparse.Namespace) -> int:
    # Check the file before the book is opened, so a refused file never creates one.
    data = interchange.load_meeting_file(args.file)
    # Claimed as the app claims it: a book open for editing in the app is refused
    # (read-only here), never written by two programs at once.
    with _opened_or_made(args.book, claim=True) as book:
        result = interchange.import_document(book, data)
    print(result.meeting_id)  # alone on standard output, for scripts
    for note in result.notes:
        print(f"{PROG}: warning: {note}", file=sys.stderr)
    return 0


@contextlib.contextmanager
def _opened_or_made(location: Path | str, *, claim: bool = False) -> Iterator[MinuteBook]:
    """The book at ``location``, made if it is a file not there yet; a file made here is
    removed again if the work on it fails, so a refused command leaves no book behind."""
    made = location if isinstance(location, Path) and not location.exists() else None
    try:
        with MinuteBook.open(location, claim=claim) as book:
            yield book
    except BaseException:
        if made is not None:
            _remove_book(made)
        raise


def _import_agenda(args: argparse.Namespace) -> int:
    from minute_taker.services import agenda_files, agenda_import

    agenda = agenda_files.read_agenda_file(args.file)
    for line in agenda.items:
        extras = [f"presenter {line.presenter}" if line.presenter else "",
                  f"{len(line.papers)} paper{'s' if len(line.papers) != 1 else ''}"
                  if line.papers else ""]
        detail = "; ".join(extra for extra in extras if extra)
        print(f"{'    ' * line.level}{line.number}\t{line.title}"
              + (f"\t({detail})" if detail else ""))
    if args.dry_run:
        return 0
    with _open_to_change(args.book) as book:
        result = agenda_import.import_agenda(book, args.meeting, agenda, replace=args.replace)
    merged = (f"; {len(result.merged)} already there as standing items "
              f"({', '.join(result.merged)})" if result.merged else "")
    print(f"{PROG}: {result.added} items and {result.papers} papers added{merged}.",
          file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    with _open_existing(args.book) as book:
        if args.output == "-":
            _write_stdout(interchange.dumps(interchange.export_meeting(book, args.meeting)))
        else:
            interchange.export_meeting_file(book, args.meeting, args.output)
    return 0


def _list(args: argparse.Namespace) -> int:
    with _open_existing(args.book) as book:
        for meeting in meetings.list_meetings(book):
            fields = (str(meeting.id), meeting.date.isoformat(), meeting.status.value,
                      meeting.committee_name, meeting.title)
            print("\t".join(_one_line(field) for field in fields))
    return 0


def _verify(args: argparse.Namespace) -> int:
    if args.file is not None:
        return _verify_file(args)
    with _open_existing(args.book) as book:
        results = approval.verify_book(book)
        problems = approval.check_history(book)
    for problem in problems:
        print(f"TAMPERED\t{problem.meeting_date.isoformat()}\t"
              f"{_one_line(problem.meeting_title)}\t{problem.problem}")
    if not results:
        print(f"{_display(args.book)}: no approved minutes to verify."
              + (f" {len(problems)} meeting(s) disagree with their history." if problems
                 else ""))
        return MISMATCH if problems else 0
    for result in results:
        record = result.approval
        if record is None:
            print(f"UNRECORDED\t{result.meeting_date.isoformat()}\t"
                  f"{_one_line(result.meeting_title)}\tapproved before Minute Taker recorded "
                  f"approvals: nothing to check against\tnow sha256 {result.current_digest}")
            continue
        line = (f"{'OK' if result.matches else 'CHANGED'}\t{result.meeting_date.isoformat()}\t"
                f"{_one_line(result.meeting_title)}\tapproved by {_one_line(record.approved_by)} "
                f"on {day_month_year(record.approved_at.date())}\tsha256 {record.digest}")
        if record.confirmed_in:
            line += f"\tconfirmed at {record.confirmed_in}"
        print(line)
        if not result.matches:
            print(f"  differs from the approved text in: {', '.join(result.differing)}; "
                  f"now sha256 {result.current_digest}")
    changed = sum(r.changed for r in results)
    unrecorded = sum(r.approval is None for r in results)
    print(f"{len(results)} approved meeting(s) checked, {changed} changed since approval"
          + (f", {unrecorded} approved with no record to check against" if unrecorded
             else "")
          + (f"; {len(problems)} meeting(s) disagree with their history." if problems
             else "."))
    return MISMATCH if changed or problems else 0


def _verify_file(args: argparse.Namespace) -> int:
    from minute_taker import paths
    from minute_taker.services import published

    with _open_existing(args.book) as book:
        check = published.check_file(book, args.file, user_styles=paths.user_styles_dir())
    print(f"{check.verdict.value}\t{_one_line(check.message)}")
    return 0 if check.ok else MISMATCH


def _export_minutes(args: argparse.Namespace) -> int:
    from minute_taker import paths
    from minute_taker.export import formats
    from minute_taker.services import publishing

    request = formats.ExportRequest(meeting_id=args.meeting, fmt=args.fmt, public=args.public,
                                    style=args.style, outstanding=args.outstanding)
    if args.output.is_dir():
        raise NotABookError(f"{args.output} is a folder: give the file to write.")
    try:
        with _open_existing(args.book) as book:
            result = publishing.export(book, request, args.output,
                                       user_styles=paths.user_styles_dir())
    except OSError as exc:
        print(f"{PROG}: error: cannot write {args.output}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    notes = [n for n, on in (("draft", result.draft), ("public", result.public)) if on]
    print(f"{result.path} ({result.style}{', ' + ', '.join(notes) if notes else ''})")
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    return 0


def _book_location(value: str) -> Path | str:
    """BOOK on the command line: a book's file, or a team book's PostgreSQL URL."""
    from minute_taker.store import server

    return value if server.is_server_location(value) else Path(value)


def _display(location: Path | str) -> str:
    """A book's name for messages: its file's, or its database's and server's (never a
    password)."""
    from minute_taker.store import server

    if isinstance(location, Path):
        return location.name
    return server.describe(server.server_url(location))


def _open_to_change(location: Path | str) -> MinuteBook:
    """Open an existing book to change it: claimed as the app claims a file (a book open
    for editing in the app is refused, read-only here); a team book as it is (an empty
    database is refused, not made a book)."""
    if isinstance(location, str):
        return MinuteBook.open_team(location, create=False)
    if not location.is_file():
        raise NotABookError(f"There is no minute book at {location}.")
    return MinuteBook.open(location, claim=True)


def _open_existing(path: Path | str) -> MinuteBook:
    """Open a book that must already exist, for reading: reading commands never create a
    book, upgrade it, or fold its log into it (MinuteBook.open_snapshot); a team book is
    read in read-only transactions, which the server enforces."""
    if isinstance(path, str):
        return MinuteBook.open_team(path, read_only="Read by a command, which changes "
                                    "nothing.")
    if not path.exists():
        raise NotABookError(f"There is no minute book at {path}.")
    if path.is_file() and path.stat().st_size == 0:
        raise NotABookError(f"{path.name} is an empty file, not a minute book.")
    return MinuteBook.open_snapshot(path)


def _remove_book(path: Path) -> None:
    for leftover in book_files(path):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _one_line(text: str) -> str:
    """A field that cannot break the tab-separated layout."""
    return text.translate(_LAYOUT_BREAKERS)


_LAYOUT_BREAKERS = str.maketrans("\t\n\r", "   ")


def _discard_stdout() -> None:
    """Send what is still buffered for the closed pipe to the null device, so the flush at
    exit cannot fail again (Python's documentation, "Note on SIGPIPE", signal module)."""
    try:
        stdout = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # replaced by an object with no file
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stdout)
    finally:
        os.close(devnull)


def _write_stdout(text: str) -> None:
    """Meeting files are UTF-8 whatever the console's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


if __name__ == "__main__":
    sys.exit(main())
