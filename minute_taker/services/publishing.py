"""Publishing: a meeting (or a committee's outstanding actions) read from a book, made
into a file by ``export.formats``, and written. Used by the export dialog and
``minute-taker export``.

The rules every format obeys are decided in ``export.formats`` once: minutes that are
not approved go out only as drafts; when a meeting has confidential items the caller
must say whether this is the public version or the full one. Here: what the export
reads from the book, and how its file is written (``store.files.replace_file``: beside
the target under a temporary name, then moved into place, so a failed export leaves no
half file and the last good one whole).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from minute_taker.export import action_lists
from minute_taker.export.formats import (
    ACTION_FORMATS,
    ExportRequest,
    PreparedExport,
    check_request,
    render,
    resolve_style,
)
from minute_taker.paths import ensure_private_dir
from minute_taker.services import actions, interchange, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.files import replace_file


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    draft: bool
    public: bool
    style: str
    warnings: tuple[str, ...] = ()  # what the reader should know of the file written


def prepare(book: MinuteBook, request: ExportRequest, *,
            user_styles: Path | None = None) -> PreparedExport:
    """Read what the export needs and check the request; refusals say what to do.

    Beside the document: where each carried action was first raised, which the
    document (one meeting) cannot say, read from the committee's actions in the book.
    """
    document = interchange.export_meeting(book, request.meeting_id)
    public = check_request(document, request)
    house = resolve_style(document, request.style, user_styles)
    committee_id = meetings.get_header(book, request.meeting_id).committee_id
    history = actions.list_committee_actions(book, committee_id, outstanding_only=False) \
        if document["actions"] or request.outstanding else []
    origins = action_lists.action_origins(history)
    lines: tuple[action_lists.ActionLine, ...] = ()
    if request.fmt in ACTION_FORMATS:
        if request.outstanding:
            rows = actions.list_committee_actions(book, committee_id, outstanding_only=True)
            lines = tuple(action_lists.lines_from_committee(rows, public=public,
                                                            history=history))
        else:
            lines = tuple(action_lists.lines_from_document(document, public=public,
                                                           origins=origins))
        if request.fmt == "ics":  # refused here, so the dialog says why before Export
            action_lists.check_dated(lines)
    return PreparedExport(request, document, house, public, lines, origins)


def write(prepared: PreparedExport, path: str | os.PathLike[str]) -> ExportResult:
    """Write a prepared export to ``path`` (atomically: a failure leaves no partial file).

    Needs no book, so it may run on a worker thread. Raises ``OSError`` when the file
    cannot be written.
    """
    target = Path(path)
    ensure_private_dir(target.parent)  # a folder the app makes is its owner's only
    rendered = render(prepared)
    replace_file(target, rendered.data)
    return ExportResult(path=target, draft=prepared.draft, public=prepared.public,
                        style=prepared.house.name, warnings=rendered.warnings)


def export(book: MinuteBook, request: ExportRequest, path: str | os.PathLike[str], *,
           user_styles: Path | None = None) -> ExportResult:
    return write(prepare(book, request, user_styles=user_styles), path)
