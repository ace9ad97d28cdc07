"""The minutes as a PDF: selectable text, embedded fonts, page numbers, DRAFT marks.

Qt lays the page out (``QTextDocument``) and writes it (``QPdfWriter``), so the PDF
shows the layout the chair approved in the review window and needs nothing beyond
PySide6-Essentials: no QtWidgets, no QtPrintSupport, so the CLI can export on the
"offscreen" platform with no display.

The HTML is laid out at the writer's resolution in pages the size of the body (the
page less its margins and the header and footer bands); Qt's pagination moves a line
that would straddle a page break to the next page. A few touches then make up for
what Qt's rich text lacks for print: style-sheet sizes in em, headings kept with
their text, and no line written twice at a page break. Each page is painted as
``QTextDocument::print`` does it: the watermark first, so the text stays on top, then
the page's slice of the document, clipped, then the header band and "Page X of Y".

The PDF is made in memory and written beside its target, then moved into place, so a
failed export never leaves half a file where the last good one was. It is PDF/A-1b
(every font embedded, an sRGB output intent) but untagged: QPdfWriter cannot write a
structure tree, so an accessible PDF/UA file is out of reach with Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
    QTextTableCell,
)

from minute_taker.store.files import replace_file

__all__ = ["PdfPage", "PdfWriteError", "ensure_gui_application", "write_pdf"]

RESOLUTION_DPI: Final = 1200
MARGIN_MM: Final = 20.0
# The bands sit inside the margins; in points: the header's text, then its rule, then
# a gap before the body; the footer's text sits at the bottom of its band.
HEADER_BAND_PT: Final = 26.0
HEADER_RULE_PT: Final = 13.0
FOOTER_BAND_PT: Final = 24.0
BAND_FONT_PT: Final = 8.5
MARKS_GAP_PT: Final = 12.0
FONT_FAMILIES: Final = ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"]
CREATOR: Final = "Minute Taker"

BAND_TEXT: Final = QColor("#444444")
RULE: Final = QColor("#9a9a9a")
MARK: Final = QColor("#9b1c1c")
# Opaque, not translucent: PDF/A-1 forbids transparency, and painted under the text
# there is nothing for it to show through.
WATERMARK: Final = QColor("#f8e6e6")
WATERMARK_SPAN: Final = 0.62  # of the page's diagonal
SPLIT_PASSES: Final = 3
MAX_HEADINGS_MOVED: Final = 200

_STYLE: Final = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.IGNORECASE | re.DOTALL)
_EM_FONT_SIZE: Final = re.compile(r"(font-size\s*:\s*)([0-9.]+)em\b", re.IGNORECASE)
_POINT_SIZE: Final = QTextFormat.Property.FontPointSize
_SCALE: Final = QTextFormat.Property.FontSizeAdjustment
_MINIMUM_HEIGHT: Final = QTextBlockFormat.LineHeightTypes.MinimumHeight.value
_ANCHOR_NAME: Final = re.compile(r'<a name="[^"<>]*"></a>')
_BFRANGES: Final = re.compile(rb"beginbfrange\n(.*?)endbfrange", re.DOTALL)
_TARGETS: Final = re.compile(rb"\[[^\]]*\]|^(<[0-9A-F]{4}>) \1 <0009>$", re.MULTILINE)

_application: QGuiApplication | None = None


class PdfWriteError(OSError):
    """The PDF could not be written; whatever was at the target path is untouched."""


@dataclass(frozen=True)
class PdfPage:
    """What goes around the text on every page, and the file's title."""

    header_left: str
    header_right: str
    marks: tuple[str, ...] = ()
    watermark: str | None = None
    title: str = ""


@dataclass(frozen=True)
class _Geometry:
    """The page inside its margins, in the writer's pixels; the body between the bands."""

    width: float
    height: float
    pixels_per_point: float

    def points(self, value: float) -> float:
        return value * self.pixels_per_point

    @property
    def body(self) -> QRectF:
        top = self.points(HEADER_BAND_PT)
        return QRectF(0, top, self.width, self.height - top - self.points(FOOTER_BAND_PT))


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; the CLI has no display, so make an offscreen one.

    Call it from the main thread. When the app's own QApplication runs, it is used.
    """
    global _application
    existing = QGuiApplication.instance()
    if existing is None:
        _application = QGuiApplication(["minute-taker", "-platform", "offscreen"])
    elif not isinstance(existing, QGuiApplication):
        raise RuntimeError("PDF export needs a QGuiApplication, not a QCoreApplication")


def write_pdf(html: str, path: Path, page: PdfPage, *, base_font_pt: int = 11) -> int:
    """Write ``html`` as an A4 PDF at ``path`` and return its number of pages.

    Raises ``PdfWriteError`` (an ``OSError``) when the file cannot be written, leaving
    no temporary file behind and any earlier file at ``path`` as it was.
    """
    ensure_gui_application()
    data, count = _render(html, page, base_font_pt)
    _write_atomically(Path(path), data)
    return count


def _render(html: str, page: PdfPage, base_font_pt: int) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages, made in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, page)
    geometry = _geometry(writer)
    document = _lay_out(html, writer, geometry, base_font_pt)
    count = document.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfWriteError("Qt could not start a PDF")
    try:
        for index in range(count):
            if index:
                writer.newPage()
            _draw_page(painter, document, page, geometry, index, count)
    finally:
        painter.end()
    return _spaces_as_spaces(bytes(buffer.data().data())), count


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        replace_file(target, data)
    except OSError as error:
        raise PdfWriteError(error.errno, f"Cannot write the PDF: {error.strerror or error}",
                            str(target)) from error


def _writer(device: QIODevice, page: PdfPage) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setTitle(page.title)
    writer.setCreator(CREATOR)
    return writer


def _geometry(writer: QPdfWriter) -> _Geometry:
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    return _Geometry(width=rect.width(), height=rect.height(),
                     pixels_per_point=writer.resolution() / 72.0)


def _font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


# --- the document -----------------------------------------------------------------------

def _lay_out(html: str, writer: QPdfWriter, geometry: _Geometry,
            base_font_pt: int) -> QTextDocument:
    """The document laid out in pages the size of the body, in the writer's pixels."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(_font(base_font_pt))
    document.setDocumentMargin(0)
    document.setPageSize(geometry.body.size())
    document.setHtml(_without_anchor_names(_em_as_points(html, base_font_pt)))
    _paint_on_white(document)
    _sizes_from_style_sheets(document)
    _open_rows_together(document)
    for _ in range(MAX_HEADINGS_MOVED):
        if not _move_a_stranded_heading(document):
            break
        # All of it again: Qt's partial relayout after a new page break lost lines.
        document.markContentsDirty(0, document.characterCount())
    for _ in range(SPLIT_PASSES):
        if not _split_paragraphs_at_page_breaks(document):
            break
    return document


def _em_as_points(html: str, base_font_pt: int) -> str:
    """Qt ignores font sizes in em, so headings would take its own, larger, sizes.

    Only the style sheets change: text that happens to read "font-size: 2em" is kept.
    """
    def points(match: re.Match[str]) -> str:
        size = float(match.group(2)) * base_font_pt
        return f"{match.group(1)}{size:.2f}pt"

    def sheet(match: re.Match[str]) -> str:
        return match.group(1) + _EM_FONT_SIZE.sub(points, match.group(2)) + match.group(3)

    return _STYLE.sub(sheet, html)


def _without_anchor_names(html: str) -> str:
    """An empty ``<a name>`` gives the next letter a format of its own.

    Qt then writes that letter as a separate run, which text extraction reads as
    "O utstanding". The PDF has no use for the names; escaped text cannot match.
    """
    return _ANCHOR_NAME.sub("", html)


def _paint_on_white(document: QTextDocument) -> None:
    """Colours as they look on white paper, none of them see-through.

    PDF/A-1 has no transparency, so Qt paints a see-through colour solid: a cell
    styled ``background-color: transparent`` would come out black. The body's own
    white background goes too: it would hide the watermark, and paper is white.
    """
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one layout for all the changes
    frame_format = document.rootFrame().frameFormat()
    frame_format.clearBackground()
    document.rootFrame().setFrameFormat(frame_format)
    for table in _tables(document.rootFrame()):
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                cell_format = cell.format()
                if (cell.row(), cell.column()) == (row, column) and _opaque(cell_format):
                    cell.setFormat(cell_format)
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        if _opaque(block_format):
            QTextCursor(block).setBlockFormat(block_format)
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            if _opaque(char_format):
                _set_format(cursor, fragment.position(), fragment.length(), char_format)
            fragments += 1
        block = block.next()
    cursor.endEditBlock()


def _tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _opaque(text_format: QTextFormat) -> bool:
    """Make the format's see-through colours solid, as on white; False if none were."""
    changed = False
    for brush, clear, set_brush in (
            (text_format.background(), text_format.clearBackground, text_format.setBackground),
            (text_format.foreground(), text_format.clearForeground, text_format.setForeground)):
        alpha = brush.color().alpha()
        if brush.style() == Qt.BrushStyle.NoBrush or alpha == 255:
            continue
        changed = True
        if alpha == 0:
            clear()
        else:
            colour = brush.color()
            set_brush(QColor(*(round(c * alpha / 255 + 255 * (1 - alpha / 255))
                               for c in (colour.red(), colour.green(), colour.blue()))))
    return changed


def _set_format(cursor: QTextCursor, position: int, length: int,
                char_format: QTextCharFormat) -> None:
    cursor.setPosition(position)
    cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(char_format)


def _sizes_from_style_sheets(document: QTextDocument) -> None:
    """Where a style sheet sizes a heading, use that size, as a browser would.

    Qt keeps scaling headings by its own factors (h1 twice the body) on top of the
    size the style sheet gives; dropping that scale leaves the style sheet's size.
    """
    resized = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            if char_format.hasProperty(_POINT_SIZE) and char_format.hasProperty(_SCALE):
                char_format.clearProperty(_SCALE)
                resized.append((fragment.position(), fragment.length(), char_format))
            fragments += 1
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position, length, char_format in resized:
        _set_format(cursor, position, length, char_format)
    cursor.endEditBlock()


def _page(document: QTextDocument, block: QTextBlock, line: int = 0) -> int:
    """The page a line of a block is on (-1: its last line).

    A line carried over to a page starts right on its top edge: allow for rounding.
    """
    top = document.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    count = lines.lineCount()
    y = top + (lines.lineAt(line % count).y() if count else 0.0)
    return int((y + 0.5) // document.pageSize().height())


def _open_rows_together(document: QTextDocument) -> None:
    """Give a row's other cells a first line as tall as the heading that opens the row.

    Qt moves a table row to the next page only when none of its cells' first lines
    fits; a heading is taller than the number beside it, so the number would stay
    behind at the foot of the page with an empty row. The taller line is invisible.
    """
    scale = _pixels_per_css_px(document)
    openings = []
    block = document.begin()
    while block.isValid():
        cell = _table_cell(block)
        if cell is not None and block.blockFormat().headingLevel() and _opens(cell[1], block):
            document.documentLayout().blockBoundingRect(block)  # lays the block out
            height = block.layout().lineAt(0).height() / scale
            table, here = cell
            openings += [(table.cellAt(here.row(), column).firstPosition(), height)
                         for column in range(table.columns()) if column != here.column()]
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one layout for all, not one per row
    for position, height in openings:
        cursor.setPosition(position)
        block_format = cursor.blockFormat()
        block_format.setLineHeight(height, _MINIMUM_HEIGHT)
        cursor.setBlockFormat(block_format)
    cursor.endEditBlock()


def _opens(cell: QTextTableCell, block: QTextBlock) -> bool:
    return cell.firstCursorPosition().block() == block


def _move_a_stranded_heading(document: QTextDocument) -> bool:
    """Move the first heading left at the foot of a page to the next; False if none.

    Qt ignores ``page-break-after: avoid``. One heading at a time: moving one shifts
    everything after it, and a page break asked for a heading that then lands at the
    top of a page would leave that page blank. Headings in tables stay: a page break
    inside a cell is not safe in Qt.
    """
    block = document.begin()
    while block.isValid():
        following = block.next()
        if (block.blockFormat().headingLevel() and following.isValid()
                and _table_cell(block) is None
                and _page(document, following) > _page(document, block, -1)):
            block_format = block.blockFormat()
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(block_format)
            return True
        block = following
    return False


def _table_cell(block: QTextBlock) -> tuple[QTextTable, QTextTableCell] | None:
    table = QTextCursor(block).currentTable()
    return None if table is None else (table, table.cellAt(block.position()))


def _pixels_per_css_px(document: QTextDocument) -> float:
    """Qt scales lengths in a block's format from CSS pixels (1/96 in) to the device's."""
    return document.documentLayout().paintDevice().logicalDpiY() / 96.0


def _split_paragraphs_at_page_breaks(document: QTextDocument) -> int:
    """Make a paragraph that runs on to the next page two paragraphs, one on each page.

    ``QTextLayout::draw`` also draws the line before the first one in its clip, so a
    paragraph's last line on one page would be written again, clipped out of sight,
    at the top of the next: a hidden copy that search, copy and screen readers find.
    Returns how many paragraphs were split; splitting moves nothing on the page.
    """
    breaks = []
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        pages = [_page(document, block, i) for i in range(lines.lineCount())]
        breaks += [block.position() + lines.lineAt(i).textStart()
                   for i in range(1, len(pages)) if pages[i] != pages[i - 1]]
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position in reversed(breaks):
        cursor.setPosition(position)
        _continue_paragraph(cursor)
    cursor.endEditBlock()
    return len(breaks)


def _continue_paragraph(cursor: QTextCursor) -> None:
    """Start a block at the cursor that carries on its paragraph: no gap, no bullet."""
    block_format = cursor.blockFormat()
    block_format.setTopMargin(0)
    block_format.setTextIndent(0)
    cursor.insertBlock(block_format, cursor.charFormat())
    text_list = cursor.block().textList()
    if text_list is not None:
        text_list.remove(cursor.block())


def _spaces_as_spaces(pdf: bytes) -> bytes:
    """Make copied text read "a b", not "a<TAB>b".

    Qt maps each embedded glyph back to the first character that uses it, and fonts
    draw a tab with the space glyph, so every space comes out as U+0009 in the fonts'
    ToUnicode maps. Qt writes those maps uncompressed; the fix swaps one code for
    another of the same length, so no offset in the file moves.
    """
    def fix_targets(match: re.Match[bytes]) -> bytes:
        return match.group(0).replace(b"<0009>", b"<0020>")

    def fix_ranges(match: re.Match[bytes]) -> bytes:
        return _TARGETS.sub(fix_targets, match.group(0))

    fixed = _BFRANGES.sub(fix_ranges, pdf)
    assert len(fixed) == len(pdf)
    return fixed


# --- painting ---------------------------------------------------------------------------

def _draw_page(painter: QPainter, document: QTextDocument, page: PdfPage,
               geometry: _Geometry, index: int, count: int) -> None:
    if page.watermark:
        _draw_watermark(painter, page.watermark, geometry)
    _draw_body(painter, document, geometry.body, index)
    _draw_header(painter, page, geometry)
    _draw_footer(painter, f"Page {index + 1} of {count}", geometry)


def _draw_body(painter: QPainter, document: QTextDocument, body: QRectF, index: int) -> None:
    """The page's slice of the document, as ``QTextDocument::print`` draws it."""
    painter.save()
    painter.translate(body.left(), body.top() - index * body.height())
    view = QRectF(0, index * body.height(), body.width(), body.height())
    painter.setClipRect(view)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = view.adjusted(0, 0, 0, -1)
    context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
    document.documentLayout().draw(painter, context)
    painter.restore()


def _draw_header(painter: QPainter, page: PdfPage, geometry: _Geometry) -> None:
    """Left and right texts, the marks between them in bold red, a thin rule below."""
    painter.save()
    plain, bold = _font(BAND_FONT_PT), _font(BAND_FONT_PT, bold=True)
    marks = "  \u00b7  ".join(page.marks)
    marks_width = QFontMetricsF(bold, painter.device()).horizontalAdvance(marks)
    gap = geometry.points(MARKS_GAP_PT) if marks else 0.0
    side = max(0.0, (geometry.width - marks_width) / 2 - gap)
    line = QRectF(0, 0, geometry.width, geometry.points(HEADER_RULE_PT))
    top = Qt.AlignmentFlag.AlignTop
    if marks:
        painter.setFont(bold)
        painter.setPen(MARK)
        painter.drawText(line, Qt.AlignmentFlag.AlignHCenter | top, marks)
    painter.setFont(plain)
    painter.setPen(BAND_TEXT)
    metrics = QFontMetricsF(plain, painter.device())
    left = metrics.elidedText(page.header_left, Qt.TextElideMode.ElideRight, side)
    right = metrics.elidedText(page.header_right, Qt.TextElideMode.ElideLeft, side)
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | top, left)
    painter.drawText(line, Qt.AlignmentFlag.AlignRight | top, right)
    painter.setPen(QPen(RULE, geometry.points(0.5)))
    painter.drawLine(QPointF(0, line.bottom()), QPointF(geometry.width, line.bottom()))
    painter.restore()


def _draw_footer(painter: QPainter, text: str, geometry: _Geometry) -> None:
    painter.save()
    painter.setFont(_font(BAND_FONT_PT))
    painter.setPen(BAND_TEXT)
    band = geometry.points(FOOTER_BAND_PT)
    rect = QRectF(0, geometry.height - band, geometry.width, band)
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
    painter.restore()


def _draw_watermark(painter: QPainter, text: str, geometry: _Geometry) -> None:
    """Large and light along the page's diagonal; drawn as a shape, so not read as text."""
    path = QPainterPath()
    path.addText(0, 0, _font(100, bold=True), text)
    shape = path.boundingRect()
    diagonal = math.hypot(geometry.width, geometry.height)
    scale = WATERMARK_SPAN * diagonal / max(shape.width(), 1.0)
    painter.save()
    painter.translate(geometry.width / 2, geometry.height / 2)
    painter.rotate(-math.degrees(math.atan2(geometry.height, geometry.width)))
    painter.scale(scale, scale)
    painter.translate(-shape.center())
    painter.fillPath(path, WATERMARK)
    painter.restore()
