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
