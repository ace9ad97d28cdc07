"""One meeting as a JSON document: out of a minute book, and back into any book.

The format is a public contract (docs/interchange.md, resources/interchange/meeting.schema.json),
so the file, not the database, decides what round-trips. Import checks all it
can before it writes (``_interchange_check``), then writes the whole meeting in
one unit of work (``_interchange_import``): a refused or failed import leaves the
book exactly as it was. Approved minutes travel with their approval and stay approved
only if it is of exactly what was imported; otherwise they arrive as a draft, and the
:class:`ImportResult` says so.

Date-times are stored naive UTC (see ``store.models.utcnow``) and written with
an explicit ``+00:00``; a file's date-time without an offset is the meeting's
local time, taken to be this computer's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from minute_taker.services import approval
from minute_taker.services._common import get
from minute_taker.services._interchange_check import (
    FORMAT,
    FORMAT_VERSION,
    GENERATOR,
    InterchangeError,
    Json,
    check_meeting,
    data_file,
    json_path,
    meeting_schema,
)
from minute_taker.services._interchange_export import export_document
from minute_taker.services._interchange_import import NOT_APPROVED, ImportResult, add_document
from minute_taker.store.book import MinuteBook
from minute_taker.store.files import replace_file
from minute_taker.store.models import Meeting

__all__ = [
    "FORMAT", "FORMAT_VERSION", "GENERATOR", "NOT_APPROVED", "ImportResult", "InterchangeError",
    "check_meeting", "demo_document", "dumps", "export_meeting", "export_meeting_file",
    "import_document", "import_meeting", "import_meeting_file", "json_path", "load_demo",
    "load_meeting_file", "meeting_schema", "read_meeting_file", "write_text_atomically",
]


def dumps(document: Json) -> str:
    """The text of a meeting file: UTF-8 characters as themselves, two-space indents."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export_meeting(book: MinuteBook, meeting_id: int) -> Json:
    """The meeting as an interchange document, in a stable order, valid against the schema;
    approved minutes carry their approval."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        return export_document(session, meeting,
                               approval=approval.current_approval_row(session, meeting.id))


def export_meeting_file(book: MinuteBook, meeting_id: int,
                        path: str | os.PathLike[str]) -> None:
    """Write the meeting to ``path``; a failed write leaves no partial file behind."""
    write_text_atomically(Path(path), dumps(export_meeting(book, meeting_id)))


def import_document(book: MinuteBook, data: object) -> ImportResult:
    """Add the meeting in ``data`` to the book; all or nothing.

    The committee and people are matched by uid and created if the book lacks
    them (existing ones are left as they are). Items, decisions, supporting
    documents and actions whose uid the book already uses (a deliberate copy under
    a new meeting uid) get new uids. Item numbers are recomputed; minutes are sanitised.
    Minutes the file says are approved are imported as a draft unless the file's
    approval is of exactly what was imported; the result's notes say so, for the user.
    """
    check_meeting(data)
    assert isinstance(data, dict)
    try:
        with book.unit_of_work() as session:
            return add_document(session, book, data)
    except IntegrityError as exc:
        raise InterchangeError(f"The meeting could not be added to {book.name} "
                               f"({exc.orig}); nothing was imported.") from exc


def import_meeting(book: MinuteBook, data: object) -> int:
    """:func:`import_document` for a caller with nothing to tell a user: the new id."""
    return import_document(book, data).meeting_id


def read_meeting_file(path: str | os.PathLike[str]) -> object:
    """The JSON value in ``path`` (not yet checked as a meeting)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InterchangeError(f"There is no file {path}.") from exc
    except IsADirectoryError as exc:
        raise InterchangeError(f"{path} is a folder, not a meeting file.") from exc
    except OSError as exc:
        raise InterchangeError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw[:offset].count(b"\n") + 1
        raise InterchangeError(
            f"{path.name} is not UTF-8 text (byte 0x{raw[offset]:02x} on line {line}); "
            "meeting files are UTF-8 JSON.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path.name} is not valid JSON: {exc.msg} at line "
                               f"{exc.lineno}, column {exc.colno}.") from exc
    except RecursionError as exc:
        raise InterchangeError(f"{path.name} is nested too deeply to read.") from exc


def load_meeting_file(path: str | os.PathLike[str]) -> Json:
    """Read and check a meeting file without touching any book."""
    path = Path(path)
    data = read_meeting_file(path)
    try:
        check_meeting(data)
    except InterchangeError as exc:
        raise InterchangeError(f"{path.name} cannot be imported: {exc}") from exc
    assert isinstance(data, dict)
    return data


def import_meeting_file(book: MinuteBook, path: str | os.PathLike[str]) -> ImportResult:
    """Import the meeting in ``path`` into the book: its new id, and what to tell the user."""
    return import_document(book, load_meeting_file(path))


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step, owner-only (store/files.py)."""
    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise InterchangeError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def demo_document() -> Json:
    """The sample meeting shipped with the package."""
    data: Json = json.loads(data_file("demo_meeting.json").read_text(encoding="utf-8"))
    return data


def load_demo(book: MinuteBook) -> int:
    """The id of the demo meeting in the book, importing it first if it is not there yet."""
    data = demo_document()
    with book.unit_of_work() as session:
        existing = session.scalar(select(Meeting.id)
                                  .where(Meeting.uid == data["meeting"]["uid"]))
    return existing if existing is not None else import_meeting(book, data)
