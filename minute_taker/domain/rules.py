"""Rules on what may change when; the UI asks these, it never decides them itself."""

from __future__ import annotations

from collections.abc import Sequence

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import MeetingLockedError
from minute_taker.domain.records import ItemNode


def is_editable(status: MeetingStatus) -> bool:
    """Approved minutes are the record: nothing in them changes until they are reopened."""
    return status is not MeetingStatus.APPROVED


def ensure_editable(status: MeetingStatus, title: str = "this meeting") -> None:
    if not is_editable(status):
        raise MeetingLockedError(
            f"The minutes of {title} are approved and cannot be changed. "
            "Reopen them (with a reason) to edit."
        )


DEFAULT_STANDING_ITEMS: tuple[tuple[str, str], ...] = (
    ("Welcome and introductions", ""),
    ("Apologies and declarations of interest",
     "To receive apologies and any declarations of interest."),
    ("Named substitutes", "To note any named substitutes."),
    ("Public participation", ""),
    ("Confirmation of the minutes of the previous meeting",
     "To confirm the minutes of the previous meeting."),
    ("Matters arising / outstanding actions", ""),
    ("Any other business", ""),
    ("Date of next meeting", ""),
)


_MATTERS_ARISING = ("matters arising", "outstanding actions", "outstanding matters",
                    "brought forward", "action log", "actions from")


def matters_arising_item(items: Sequence[ItemNode]) -> ItemNode | None:
    """The item where outstanding actions of earlier meetings are taken: "Matters
    arising", "Outstanding matters / items brought forward" and their kin."""
    for item in items:
        title = item.title.casefold()
        if any(words in title for words in _MATTERS_ARISING):
            return item
    return None
