"""The first start fits the screen: on a screen smaller than the preferred 1400 x 860
(a 1366 x 768 laptop; the test platform's screen is smaller still) the window takes the
screen's free area, so the action form, the end time and the status bar are on it."""

from __future__ import annotations

from pathlib import Path

from minute_taker.ui.main_window import PREFERRED_SIZE


def test_the_first_window_fits_a_small_screen(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)  # settings of its own: a first start
    area = window.screen().availableGeometry()
    assert area.width() < PREFERRED_SIZE.width()  # the case this test is about

    assert area.contains(window.geometry()), (window.geometry(), area)
    for widget in (window.header.end, window.actions_panel.add_button, window.statusBar()):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert window.rect().contains(corner), widget.objectName()
