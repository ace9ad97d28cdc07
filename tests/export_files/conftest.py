"""Fixtures for the export file tests: the council panel meeting in a book."""

from __future__ import annotations

from pathlib import Path

import pytest
from panel_meeting import build_panel


@pytest.fixture
def panel(tmp_path: Path) -> tuple[Path, int]:
    """West Mercia Police and Crime Panel, items 233-235, one of them exempt."""
    return build_panel(tmp_path)
