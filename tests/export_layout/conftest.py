"""Fixtures for the minutes layout tests: the sample meeting the app ships."""

from __future__ import annotations

from typing import Any

import pytest

from minute_taker.services import interchange


@pytest.fixture
def demo() -> dict[str, Any]:
    """A fresh copy of the sample meeting the app ships (a draft, house style action notes)."""
    document: dict[str, Any] = interchange.demo_document()
    return document
