"""Does a published file match the approved record? (``minute-taker verify BOOK --file``)

A file made by Minute Taker from approved minutes carries the approval in its metadata
and its last line (export/stamp.py): the SHA-256 of the approval record, who approved,
when, and the version and house style it was made in. Here the approval is looked up in
the book by that digest, the minutes are checked against it as ``verify`` checks them,
and the same file is made again from the book and its words compared with the file's.
What this cannot tell: a file changed by someone who also changed the book to match,
and who wrote its history again (docs/review.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from minute_taker.domain.dates import day_month_year
from minute_taker.domain.errors import ValidationError
from minute_taker.export.formats import ExportRequest, render
from minute_taker.export.read_back import read_published
from minute_taker.services import approval, publishing
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Approval


class Verdict(enum.Enum):
    MATCHES = "OK"
    NO_STAMP = "UNSTAMPED"  # a draft, a file from elsewhere, or one whose metadata went
    UNKNOWN = "UNKNOWN"  # no approval in this book has the file's digest
    WITHDRAWN = "WITHDRAWN"  # the approval was cleared: the minutes were reopened
    CHANGED = "CHANGED"  # the minutes in the book no longer match their approval
    DIFFERS = "DIFFERS"  # the file's words are not those of the approved minutes
    UNCHECKED = "UNCHECKED"  # the approval is good, but the file could not be made again


@dataclass(frozen=True, slots=True)
class PublishedCheck:
    verdict: Verdict
    message: str

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.MATCHES


def check_file(book: MinuteBook, path: Path, *, user_styles: Path | None = None
               ) -> PublishedCheck:
    """The verdict on the published file at ``path`` against ``book``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    published = read_published(data)
    stamp = published.stamp
    if stamp is None:
        return PublishedCheck(Verdict.NO_STAMP, f"{path.name} carries no approval: draft "
                              "minutes, a file not made by Minute Taker, or one whose "
                              "metadata was removed.")
    with book.unit_of_work() as session:
        row = session.scalars(select(Approval).where(Approval.digest == stamp.digest)
                              .order_by(Approval.approved_at.desc())).first()
        found = None if row is None else (row.meeting_id, row.approved_by, row.cleared_at,
                                           row.cleared_by, row.cleared_reason)
    said = f"approved by {stamp.approved_by} on {day_month_year(stamp.approved_on)}"
    if found is None:
        return PublishedCheck(Verdict.UNKNOWN, f"{path.name} says it was {said} (sha256 "
                              f"{stamp.digest}), but no approval in this book has that "
                              "digest.")
    meeting_id, approved_by, cleared_at, cleared_by, reason = found
    if cleared_at is not None:
        why = f": {reason.rstrip('.')}" if reason else ""
        return PublishedCheck(Verdict.WITHDRAWN, f"{path.name} is of minutes {said}, but "
                              f"that approval was withdrawn on {day_month_year(cleared_at.date())}"
                              f" by {cleared_by}{why}.")
    checked = approval.verify_meeting(book, meeting_id)
    if checked is None or not checked.matches:
        return PublishedCheck(Verdict.CHANGED, f"{path.name} is of minutes {said}, but the "
                              "minutes in the book no longer match that approval (see "
                              "minute-taker verify).")
    request = ExportRequest(meeting_id=meeting_id, fmt=published.fmt, public=stamp.public,
                            style=stamp.style)
    try:
        again = render(publishing.prepare(book, request, user_styles=user_styles))
    except ValidationError as exc:
        return PublishedCheck(Verdict.UNCHECKED, f"{path.name} is of minutes {said}, and "
                              f"that approval stands; its words could not be compared: {exc}")
    expected = read_published(again.data).words
    if expected != published.words:
        where = _first_difference(expected, published.words)
        return PublishedCheck(Verdict.DIFFERS, f"{path.name} says it is of minutes {said}, "
                              f"but its words differ from them: {where}")
    version = "public" if stamp.public else "full"
    return PublishedCheck(Verdict.MATCHES, f"{path.name} is the {version} version of the "
                          f"minutes {said}, word for word, as the book holds them "
                          f"(sha256 {stamp.digest}).")


def _first_difference(expected: str, found: str) -> str:
    """Where the file first differs, with a few words either side (a linear scan: the
    minutes may run to a hundred thousand words)."""
    at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b),
              min(len(expected), len(found)))
    start = max(0, at - 40)
    return (f"the approved minutes say “…{expected[start:at + 40]}…”, the file "
            f"“…{found[start:at + 40]}…”")
