"""The chair's side: a review copy of the sample meeting, and the window on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_windows import open_chair_window

from minute_taker.services import review
from minute_taker.store.book import MinuteBook
from minute_taker.ui.review.window import ReviewWindow


@pytest.fixture
def review_copy(tmp_path: Path, demo_path: Path) -> Path:
    """The sample meeting sent for review by its clerk."""
    target = tmp_path / "outbox" / "October.review.minutebook"
    target.parent.mkdir()
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        review.send_for_review(book, 1, target)
    return target


@pytest.fixture
def chair_window(qtbot, review_copy: Path) -> Iterator[ReviewWindow]:  # type: ignore[no-untyped-def]
    """The chair's window on it, named as the chair (asked and answered before)."""
    window = open_chair_window(qtbot, review_copy)
    assert isinstance(window, ReviewWindow)
    yield window
    window.close()
