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


def test_the_notes_get_their_share_of_a_narrow_window(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The panes' first sizes were set before the window had its width, and the notes
    are the pane that stretches: an 800-pixel screen left them 70 pixels."""
    from minute_taker.ui.main_window import NOTES_SHARE

    window = open_window(demo_path)
    qtbot.waitExposed(window)
    sizes = window.splitter.sizes()
    assert sizes[1] >= int(sum(sizes) * NOTES_SHARE) - 1, sizes
    assert sizes[1] == max(sizes)
    window.showNormal()
    window.resize(1400, 700)
    qtbot.waitUntil(lambda: window.width() == 1400)
    window.splitter.setSizes([300, 500, 580])
    window.resize(1000, 700)  # snapped to a narrower place
    qtbot.waitUntil(lambda: window.width() == 1000)
    sizes = window.splitter.sizes()
    assert sizes[1] >= int(sum(sizes) * NOTES_SHARE) - 1, sizes
