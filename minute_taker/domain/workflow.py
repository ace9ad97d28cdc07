"""The life of a set of minutes: draft -> in review -> approved, and back when needed.

Every move is a named transition with its own rule about reasons, so the audit log
can say exactly what happened and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError


class Transition(StrEnum):
    SEND_FOR_REVIEW = "send_for_review"
    RETURN_TO_DRAFT = "return_to_draft"
    APPROVE = "approve"
    REOPEN = "reopen"


@dataclass(frozen=True, slots=True)
class Rule:
    source: MeetingStatus
    target: MeetingStatus
    needs_reason: bool
    label: str


RULES: dict[Transition, Rule] = {
    Transition.SEND_FOR_REVIEW: Rule(MeetingStatus.DRAFT, MeetingStatus.IN_REVIEW, False,
                                     "Send for review"),
    Transition.RETURN_TO_DRAFT: Rule(MeetingStatus.IN_REVIEW, MeetingStatus.DRAFT, True,
                                     "Return to draft"),
    Transition.APPROVE: Rule(MeetingStatus.IN_REVIEW, MeetingStatus.APPROVED, False,
                             "Approve"),
    # Reopening approved minutes clears the approval; it always needs a stated reason.
    Transition.REOPEN: Rule(MeetingStatus.APPROVED, MeetingStatus.DRAFT, True, "Reopen"),
}


def allowed_transitions(status: MeetingStatus) -> list[Transition]:
    """What can be done next with minutes in ``status``, in a stable order."""
    return [t for t, rule in RULES.items() if rule.source is status]


def check_transition(status: MeetingStatus, transition: Transition,
                     reason: str | None) -> MeetingStatus:
    """The status after ``transition``; a refusal says why in words a clerk can act on."""
    rule = RULES[transition]
    if rule.source is not status:
        raise ValidationError(
            f"{rule.label} is not possible for minutes that are {status.label.lower()}; "
            f"it applies to minutes that are {rule.source.label.lower()}.")
    if rule.needs_reason and not (reason or "").strip():
        raise ValidationError(f"{rule.label} needs a reason, for the record.")
    return rule.target
