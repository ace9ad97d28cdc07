"""Errors opening or writing a minute book, worded for the person holding the file."""

from __future__ import annotations

from pathlib import Path

from minute_taker.domain.errors import MinuteTakerError


class BookError(MinuteTakerError):
    """A book could not be opened or written; the file has been left as it was."""


class NotABookError(BookError):
    pass


class NewerBookError(BookError):
    pass


class BookWriteError(BookError):
    pass


class DamagedBookError(BookError):
    """SQLite found the file damaged; ``details`` is what it reported, for a bug report."""

    def __init__(self, message: str, *, details: str = "") -> None:
        super().__init__(message)
        self.details = details


class DamagedLogError(BookError):
    """The book's write-ahead log is damaged: SQLite would drop what was committed after
    the damage. The book and its log are left as they were; ``kept`` are the copies of
    the log and its index made beside the book."""

    def __init__(self, message: str, *, kept: list[Path]) -> None:
        super().__init__(message)
        self.kept = kept


class PasswordNeededError(BookError):
    """A team book's server asked for a password that was not given, or refused the one
    given: the window asks for it (and never stores it)."""
