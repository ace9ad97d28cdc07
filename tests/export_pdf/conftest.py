"""Fixtures for the PDF tests: the sample meeting the app ships."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pdf_reading import Json

from minute_taker.services import interchange


@pytest.fixture(autouse=True)
def _widgets_app(qapp: Any) -> Iterator[None]:
    """A QApplication first, as in the app: write_pdf must use it, not make its own.

    Were write_pdf to run first in the session, its QGuiApplication would be the one
    pytest-qt found, and later widget tests could not make widgets.
    """
    yield


@pytest.fixture
def demo() -> Json:
    """A fresh copy of the sample meeting the app ships (a draft, house style action notes)."""
    document: Json = interchange.demo_document()
    return document
