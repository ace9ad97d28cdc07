"""Fixtures for the Word export tests: the sample meeting, the built-in styles, a writer."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx_reading import open_docx

from minute_taker.export.docx.writer import docx_bytes
from minute_taker.export.styles import HouseStyle, style_for
from minute_taker.services import interchange

Write = Callable[..., Any]


@pytest.fixture
def demo() -> dict[str, Any]:
    """A fresh copy of the sample meeting (a draft, with confidential item 5.3)."""
    document: dict[str, Any] = copy.deepcopy(interchange.demo_document())
    return document


@pytest.fixture
def approved(demo: dict[str, Any]) -> dict[str, Any]:
    demo["meeting"]["status"] = "approved"
    return demo


@pytest.fixture
def narrative() -> HouseStyle:
    """The built-in committee-minutes style (narrative layout, signature line)."""
    return style_for("narrative")


@pytest.fixture
def notes() -> HouseStyle:
    """The built-in action-notes style (table layout)."""
    return style_for("action_notes")


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Export a document and open the file again with python-docx."""
    counter = iter(range(1000))

    def _write(document: dict[str, Any], house: HouseStyle, *, public: bool = False,
               draft: bool | None = None) -> Any:
        path = tmp_path / f"minutes-{next(counter)}.docx"
        path.write_bytes(docx_bytes(document, house=house, public=public, draft=draft))
        return open_docx(path)

    return _write
