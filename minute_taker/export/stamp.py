"""The approval a published file carries: who approved the minutes, when, and the SHA-256
of the approval record (the digest ``minute-taker verify`` checks the book against).

Every format prints it as the last line of the minutes; PDF, Word and HTML also carry
it in their metadata (the PDF's and Word's keywords, an HTML ``meta`` element), with the
version (public or full) and house style the file was made in, so that
``minute-taker verify BOOK --file FILE`` can make the same file again from the book and
compare the words (services/published.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, unquote

MARK: Final = "minute-taker-approval"
_FIELDS: Final = re.compile(
    rf"{MARK}: sha256=(?P<digest>[0-9a-f]{{64}}) approved-on=(?P<on>\d{{4}}-\d\d-\d\d) "
    r"version=(?P<version>public|full) style=(?P<style>\S+) approved-by=(?P<by>.+)$")
_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class ApprovalStamp:
    approved_by: str
    approved_on: dt.date
    digest: str
    public: bool
    style: str  # the house style's name

    @property
    def text(self) -> str:
        """The line the minutes end with."""
        on = self.approved_on
        return (f"Approved by {self.approved_by} on {on.day} {_MONTHS[on.month - 1]} "
                f"{on.year}. Approval record SHA-256: {self.digest}")

    @property
    def metadata(self) -> str:
        """One line for a file's metadata, read back by :func:`parse_metadata`."""
        return (f"{MARK}: sha256={self.digest} approved-on={self.approved_on.isoformat()} "
                f"version={'public' if self.public else 'full'} style={quote(self.style)} "
                f"approved-by={' '.join(self.approved_by.split())}")


def stamp_of(document: Mapping[str, Any], *, public: bool, style: str) -> ApprovalStamp | None:
    """The stamp of approved minutes (None for a draft, or minutes approved before
    approvals were recorded)."""
    record = document.get("approval")
    if document["meeting"]["status"] != "approved" or not record:
        return None
    approved_at = dt.datetime.fromisoformat(record["approved_at"])
    return ApprovalStamp(approved_by=record["approved_by"], approved_on=approved_at.date(),
                         digest=record["digest"], public=public, style=style)


def parse_metadata(text: str) -> ApprovalStamp | None:
    """The stamp in a metadata value (keywords may hold other words around it)."""
    for part in re.split(r"[\r\n]|, (?=\S+:)", text):
        found = _FIELDS.search(part.strip())
        if found:
            return ApprovalStamp(approved_by=found["by"].strip(),
                                 approved_on=dt.date.fromisoformat(found["on"]),
                                 digest=found["digest"], public=found["version"] == "public",
                                 style=unquote(found["style"]))
    return None
