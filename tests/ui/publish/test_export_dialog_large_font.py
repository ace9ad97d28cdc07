"""File > Export at a large font: no choice is cut short (a fixed 400 px column cut
"Public version: confidentia..." at 16 pt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication

from minute_taker.ui.publish.export_dialog import ExportDialog


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[None]:
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(16)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_every_choice_shows_its_whole_label_at_16_points(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, large_font: None) -> None:
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    buttons = [dialog.public, dialog.full, dialog.outstanding, dialog.export_button]
    for button in buttons:
        assert isinstance(button, QAbstractButton)
        assert button.width() >= button.sizeHint().width(), button.text()
    assert dialog.format.width() >= dialog.format.minimumSizeHint().width()
