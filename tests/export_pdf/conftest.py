"""Fixtures for the PDF tests: the sample meeting the app ships."""

from __future__ import annotations

import pytest
from pdf_reading import Json

from minute_taker.services import interchange


@pytest.fixture
def demo() -> Json:
    """A fresh copy of the sample meeting the app ships (a draft, house style action notes)."""
    document: Json = interchange.demo_document()
    return document
