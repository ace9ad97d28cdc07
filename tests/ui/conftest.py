"""The ui tests, in folders that mirror minute_taker/ui. Being a conftest, this file puts
tests/ui on the import path, so every folder below reads the shared helpers `ui_keys`
and `ui_windows`; and it gives them the sample meeting's book."""

from __future__ import annotations

from pathlib import Path

import pytest

from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A book holding the sample meeting (the October 2017 assurance meeting)."""
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        interchange.load_demo(book)
    return path
