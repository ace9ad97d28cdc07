"""Errors a user can be shown as they are: each message says what happened and what to do."""

from __future__ import annotations


class MinuteTakerError(Exception):
    """Base of every error the application reports to the user rather than logs as a bug."""


class NotFoundError(MinuteTakerError):
    pass


class ValidationError(MinuteTakerError):
    pass


class MeetingLockedError(MinuteTakerError):
    pass


class EditConflictError(MinuteTakerError):
    """An edit made on words that someone else changed after they were read: refused,
    so that neither change is written over the other. ``kept`` is the refused change
    (field to value) for whoever shows the user their words again; ``who`` changed the
    row, and ``when`` ("at 10:42", "on 31 Oct 2017 at 10:42", or "")."""

    def __init__(self, message: str, *, kept: dict[str, object] | None = None,
                 who: str = "Someone else", when: str = "") -> None:
        super().__init__(message)
        self.kept = dict(kept or {})
        self.who = who
        self.when = when
