"""The HTML export is valid HTML5 for a browser; the review window keeps Qt's markup.

One renderer serves both (``layout.render_minutes``). QTextBrowser needs HTML 4 table
attributes and finds items by ``<a name>`` anchors; HTML5 has neither, so the file is
written ``for_browser``: ids for the anchors, CSS for the attributes, every header cell
scoped. The exported file is parsed with ``html.parser`` (html5lib is not installed)
and checked as a validator would for what the layout writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Final

import pytest
from blocks_support import html_blocks

from minute_taker.export import formats
from minute_taker.export.layout import render_minutes
from minute_taker.services import interchange, publishing
from minute_taker.store.book import MinuteBook

OBSOLETE: Final = {"cellspacing", "cellpadding", "width", "border", "align", "valign",
                   "bgcolor"}
VOID: Final = {"br", "meta", "img", "hr", "link", "input", "col"}
# Elements a paragraph cannot hold (HTML5: p holds phrasing content only).
NOT_IN_P: Final = {"p", "ul", "ol", "li", "table", "div", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Table:
    header_cells: int = 0
    rows: int = 0


class Audit(HTMLParser):
    """Elements, tables and their header cells, and what breaks HTML5's content model."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []
        self.tables: list[Table] = []
        self.open: list[str] = []
        self.open_tables: list[Table] = []
        self.th_text: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "p" in self.open and tag in NOT_IN_P:
            self.problems.append(f"<{tag}> inside <p>")
        if tag == "table":
            self.open_tables.append(Table())
        elif tag == "tr" and self.open_tables:
            self.open_tables[-1].rows += 1
        elif tag == "th":
            if self.open_tables:
                self.open_tables[-1].header_cells += 1
            if attributes.get("scope") not in ("row", "col"):
                self.problems.append(f"<th> without scope: {attrs}")
            self.th_text.append([])
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")
            return
        self.open.pop()
        if tag == "table":
            self.tables.append(self.open_tables.pop())

    def handle_data(self, data: str) -> None:
        if "th" in self.open and self.th_text:
            self.th_text[-1].append(data)


def audit(page: str) -> Audit:
    found = Audit()
    found.feed(page)
    found.close()
    assert not found.open, f"left open: {found.open}"
    return found


def check_html5(page: str) -> Audit:
    """What the layout could get wrong, as an HTML5 validator would say it."""
    assert page.startswith("<!DOCTYPE html>\n")
    found = audit(page)
    assert found.problems == []
    html = [attrs for tag, attrs in found.elements if tag == "html"]
    assert html == [{"lang": "en-GB"}]
    for tag, attrs in found.elements:
        assert not OBSOLETE & set(attrs), (tag, attrs)
        assert not (tag == "a" and "name" in attrs), (tag, attrs)
    assert found.tables, "the minutes have tables"
    for table in found.tables:
        assert table.header_cells and table.rows, table
    assert all("".join(text).strip() for text in found.th_text), "a header cell names something"
    ids = [attrs["id"] for _, attrs in found.elements if "id" in attrs]
    assert all(ids) and not any(" " in i for i in ids if i)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    return found


@pytest.fixture
def demo_book(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "demo.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        meeting_id = interchange.load_demo(book)
    return path, meeting_id


def exported(meeting: tuple[Path, int], out: Path, *, style: str, public: bool
             ) -> tuple[str, str]:
    """The exported HTML file and the same minutes as the export dialog previews them
    (the review window's markup)."""
    path, meeting_id = meeting
    with MinuteBook.open(path) as book:
        request = formats.ExportRequest(meeting_id=meeting_id, fmt="html", public=public,
                                        style=style)
        written = publishing.export(book, request, out / "minutes.html").path
        preview = formats.preview_html(publishing.prepare(book, request))
    return written.read_text(encoding="utf-8"), preview


@pytest.mark.parametrize("style", ["committee-minutes", "action-notes"])
@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("which", ["panel", "demo_book"])
def test_exported_page_is_valid_html5(request: pytest.FixtureRequest, tmp_path: Path,
                                      which: str, style: str, public: bool) -> None:
    page, preview = exported(request.getfixturevalue(which), tmp_path, style=style,
                             public=public)
    found = check_html5(page)
    # Every anchor the review window finds items by is an id the browser can link to.
    anchors = [attrs["name"] for tag, attrs in audit(preview).elements
               if tag == "a" and "name" in attrs]
    assert anchors and [attrs["id"] for _, attrs in found.elements if "id" in attrs] == anchors
    # The same minutes: the same words in the same blocks.
    assert [b.key() for b in html_blocks(page)] == [b.key() for b in html_blocks(preview)]


def test_glossary_terms_are_row_headers(panel: tuple[Path, int], tmp_path: Path) -> None:
    page, _ = exported(panel, tmp_path, style="committee-minutes", public=True)
    assert '<th scope="row" class="abbr">PCC</th><td>Police and Crime Commissioner</td>' \
        in page
    assert '<h2 class="section" id="abbreviations">Abbreviations used</h2>' in page


def test_review_window_markup_is_unchanged(demo_book: tuple[Path, int]) -> None:
    """QTextBrowser keeps its anchors and table attributes; only the file is HTML5."""
    with MinuteBook.open(demo_book[0]) as book:
        document = interchange.export_meeting(book, demo_book[1])
    for style in ("narrative", "action_notes"):
        review = render_minutes(document, style=style)
        assert '<a name="item-' in review and 'cellspacing="0"' in review
        assert "scope=\"col\"" not in review and "<th scope=\"row\" class=\"abbr\">" not in review
        page = render_minutes(document, style=style, for_browser=True)
        assert '<a name="' not in page and "cellspacing" not in page
