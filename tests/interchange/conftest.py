"""Fixtures shared by the interchange tests."""

from __future__ import annotations

from typing import Any

import pytest

from minute_taker.services import interchange


@pytest.fixture
def demo() -> dict[str, Any]:
    """A fresh copy of the packaged demo meeting, safe to spoil."""
    return interchange.demo_document()
