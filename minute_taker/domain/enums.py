"""The closed vocabularies of a minute book.

The string values are what the database and the JSON interchange store, so they
never change once released; add members, never rename them.
"""

from __future__ import annotations

from enum import StrEnum


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {"draft": "Draft", "in_review": "In review", "approved": "Approved"}[self.value]


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class AttendanceRole(StrEnum):
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    # Listed as "In attendance": those before the committee who are not its members
    # (the Commissioner before a police and crime panel, the officers presenting).
    IN_ATTENDANCE = "in_attendance"
    OFFICER = "officer"
    GUEST = "guest"


class VoteChoice(StrEnum):
    """How a member voted in a recorded vote."""

    FOR = "for"
    AGAINST = "against"
    ABSTAINED = "abstained"
    DID_NOT_VOTE = "did_not_vote"

    @property
    def label(self) -> str:
        return {"for": "For", "against": "Against", "abstained": "Abstained",
                "did_not_vote": "Did not vote"}[self.value]


class DecisionKind(StrEnum):
    RESOLVED = "resolved"
    AGREED = "agreed"
    NOTED = "noted"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED_FORWARD = "carried_forward"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_outstanding(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD)


class NumberingScheme(StrEnum):
    """How a committee numbers agenda items.

    CONTINUOUS: top-level items carry on from the committee's previous meeting
    (233, 234, ...) as council minutes do; DECIMAL: 1, 1.1, 1.1.1;
    NUMBER_LETTER: 5, 5a, 5a(i).
    """

    CONTINUOUS = "continuous"
    DECIMAL = "decimal"
    NUMBER_LETTER = "number_letter"


class HouseStyle(StrEnum):
    NARRATIVE = "narrative"
    ACTION_NOTES = "action_notes"
