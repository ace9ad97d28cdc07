"""Readable in a light and a dark theme: every colour that means something stands 4.5:1
(WCAG 2, AA) against what it is drawn on, and the banner over a book sets its text with
its ground. Checked on the rendered widget, not only on the numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from minute_taker.ui.book.banner import BookBanner
from minute_taker.ui.colours import (
    DECISION_PASSAGE,
    DIMMED,
    ERROR,
    MIN_CONTRAST,
    OVERRUN,
    REVIEW_NOTE,
    banner_colours,
    contrast,
    dark_palette,
    is_dark,
)
from minute_taker.ui.review.marks import ORIGINAL, PROPOSAL, QUOTE


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    palette = dark_palette() if request.param == "dark" else light_palette()
    before = qapp.palette()
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def test_the_palettes_are_what_they_say(theme: QPalette) -> None:
    assert is_dark(theme) == (theme.color(QPalette.ColorRole.Window).lightness() < 128)


@pytest.mark.parametrize("shades", [ERROR, OVERRUN, REVIEW_NOTE, DIMMED],
                         ids=["error", "overrun", "review note", "dimmed"])
def test_coloured_text_stands_out_from_windows_and_fields(theme: QPalette, shades) -> None:  # type: ignore[no-untyped-def]
    colour = shades.on(theme)
    for ground in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                   QPalette.ColorRole.AlternateBase):
        assert contrast(colour, theme.color(ground)) >= MIN_CONTRAST, (colour.name(), ground)


def test_a_decisions_passage_is_read_on_its_ground(theme: QPalette) -> None:
    """The notes' text keeps its colour on a passage marked as a decision."""
    ground = DECISION_PASSAGE.on(theme)
    assert contrast(theme.color(QPalette.ColorRole.Text), ground) >= MIN_CONTRAST
    # and the passage is told from the page around it
    assert ground != theme.color(QPalette.ColorRole.Base)


@pytest.mark.parametrize("kind", ["read-only", "not-saved"])
def test_a_banner_is_read_on_its_ground(qtbot, theme: QPalette, kind: str) -> None:  # type: ignore[no-untyped-def]
    banner = BookBanner()
    qtbot.addWidget(banner)
    banner.resize(900, 60)
    if kind == "read-only":
        banner.show_read_only("It is open for editing by Jackie Irvin.", can_copy=False)
    else:
        banner.show_not_saved("The disk holding Panel.minutebook is full.")
    banner.ensurePolished()
    banner.text.ensurePolished()
    ground = banner.grab().toImage().pixelColor(4, 4)  # inside the border, beside the text
    text = banner.text.palette().color(QPalette.ColorRole.WindowText)

    assert contrast(text, ground) >= MIN_CONTRAST, (text.name(), ground.name())
    assert ground.name() == banner_colours(kind, theme).background.name()


@pytest.mark.parametrize("mark", [QUOTE, ORIGINAL, PROPOSAL], ids=["quote", "original",
                                                                    "proposal"])
def test_review_marks_set_their_text_with_their_ground(mark) -> None:  # type: ignore[no-untyped-def]
    assert mark.foreground().style() != mark.foreground().style().NoBrush
    assert contrast(mark.foreground().color(), mark.background().color()) >= MIN_CONTRAST


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#123456"), QColor("#123456")) == pytest.approx(1)


def test_an_overrunning_item_reads_on_the_agenda_in_either_theme(theme: QPalette) -> None:
    import datetime as dt

    from PySide6.QtCore import Qt

    from minute_taker.domain.records import ItemNode
    from minute_taker.ui.agenda.qt_agenda_model import AgendaTreeModel
    from minute_taker.ui.context import utc_now

    over = ItemNode(id=1, uid="u1", meeting_id=1, parent_id=None, position=0, number="1",
                    title="Telford", started_at=utc_now() - dt.timedelta(minutes=20),
                    planned_minutes=10)
    model = AgendaTreeModel()
    model.set_items([over])
    brush = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert contrast(brush.color(), theme.color(QPalette.ColorRole.Base)) >= MIN_CONTRAST
