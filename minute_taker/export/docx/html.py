"""Minutes text from the editor's HTML subset into Word paragraphs, runs and real lists.

The editor stores each item's minutes as a small HTML subset (p, br, strong, em, u,
nested ul/ol/li). Word users expect real list paragraphs ("List Bullet 2") and real
bold runs, not a picture of them, so the fragment is read into blocks first and each
block becomes one paragraph in a named style. Everything arrives as text: a
``<script>`` someone typed is escaped in the fragment and so lands as literal words,
and nothing here can make a field code, since runs only ever get ``w:t`` text.

Numbered lists each start at 1: python-docx cannot restart numbering (its issue #25),
so every ``<ol>`` gets its own ``w:num`` whose level overrides set the start again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Final

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor, Twips

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import AbbreviationSpeller
from minute_taker.export.docx.styles import LIST_STEP_TWIPS, LIST_STYLES, style_numbering

Paragraph = Any  # python-docx ships no type information

_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HTML_SPACE: Final = re.compile(r"[ \t\n\r\f]+")  # not \s: a no-break space is kept
_BLOCKS: Final = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                            "tr", "pre"})
_HIDDEN: Final = frozenset({"script", "style", "head", "title", "template"})
_MARKS: Final = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "cite": "italic",
                 "u": "underline", "ins": "underline"}
_LINK_COLOUR: Final = RGBColor(0x05, 0x63, 0xC1)


def xml_text(value: str) -> str:
    """Text Word can hold: control characters a paste brought in would corrupt the file."""
    return _NOT_XML.sub("", value)


# --- where paragraphs go -------------------------------------------------------------------

class ParagraphStyles:
    """Paragraph style ids by name, looked up once per document.

    python-docx styles a paragraph by searching every style of the template for the
    name, and then every style again for the default one, each time: with the ~170
    styles of a house template that was most of the time a long export took. The id
    is what python-docx itself resolves (none for the default style), so the file is
    the same.
    """

    def __init__(self, document: Any) -> None:
        self._styles = document.styles
        self._ids: dict[str, str | None] = {}

    def apply(self, paragraph: Paragraph, name: str) -> Paragraph:
        if name not in self._ids:
            self._ids[name] = self._styles.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        paragraph._p.style = self._ids[name]
        return paragraph


class Flow:
    """Where paragraphs go: the document body or a table cell.

    A cell opens with an empty paragraph, which should hold the cell's first line
    rather than sit above it as a gap (``spare``). Every word goes through the
    rendering's abbreviation speller, in reading order, as the HTML's body does.
    """

    def __init__(self, container: Any, styles: ParagraphStyles,
                 speller: AbbreviationSpeller | None = None, *,
                 spare: Paragraph | None = None) -> None:
        self.container = container
        self.styles = styles
        self.speller = speller
        self._spare = spare

    def paragraph(self, style: str) -> Paragraph:
        if self._spare is not None:
            paragraph, self._spare = self._spare, None
            return self.styles.apply(paragraph, style)
        return self.styles.apply(self.container.add_paragraph(), style)

    def text(self, style: str, *parts: str | tuple[str, str]) -> Paragraph:
        """A paragraph of plain and marked runs: ``("bold", "RESOLVED")`` is one bold run."""
        paragraph = self.paragraph(style)
        for part in parts:
            mark, value = part if isinstance(part, tuple) else ("", part)
            add_run(paragraph, self.spelled(value), bold=mark == "bold" or None,
                    italic=mark == "italic" or None)
        return paragraph

    def spelled(self, value: str) -> str:
        return self.speller.spell(value) if self.speller else value


def add_run(paragraph: Paragraph, value: str, *, bold: bool | None = None,
            italic: bool | None = None, underline: bool | None = None) -> Any:
    """A run of literal text; line breaks and tabs become Word's own."""
    run = paragraph.add_run()
    run.text = xml_text(value)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def add_hyperlink(paragraph: Paragraph, value: str, url: str) -> None:
    """A link Word and LibreOffice follow (python-docx has no call for one)."""
    r_id = paragraph.part.relate_to(xml_text(url), RELATIONSHIP_TYPE.HYPERLINK,
                                    is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = add_run(paragraph, value, underline=True)
    run.font.color.rgb = _LINK_COLOUR
    link.append(run._r)
    paragraph._p.append(link)


# --- the HTML subset -----------------------------------------------------------------------

@dataclass
class Block:
    """One paragraph to be: plain, a list item, or more text of a list item after its sublist."""

    runs: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    kind: str = ""  # "bullet", "number" or "" for a paragraph
    level: int = 0
    list_id: int = 0  # which <ol> it belongs to: each starts again at 1
    continued: bool = False

    def is_empty(self) -> bool:
        return not any(text.strip() for text, _ in self.runs if text != "\n")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[tuple[str, int]] = []
        self.marks: dict[str, int] = {"bold": 0, "italic": 0, "underline": 0}
        self.hidden = 0
        self.ordered = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _MARKS:
            self.marks[_MARKS[tag]] += 1
        elif tag == "br":
            self._append("\n")
        elif tag in ("ul", "ol"):
            self._flush()
            self.ordered += tag == "ol"
            self.lists.append(("number" if tag == "ol" else "bullet", self.ordered))
        elif tag == "li":
            self._flush()
            kind, list_id = self.lists[-1] if self.lists else ("bullet", 0)
            self.current = Block(kind=kind, level=max(len(self.lists) - 1, 0), list_id=list_id)
        elif tag in _BLOCKS:
            if self.current is None or not self.current.kind or not self.current.is_empty():
                self._flush()  # "<li><p>text</p></li>" keeps the text in the list item
            if tag.startswith("h"):
                self.marks["bold"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _MARKS:
            self.marks[_MARKS[tag]] = max(self.marks[_MARKS[tag]] - 1, 0)
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li" or tag in _BLOCKS:
            self._flush()
            if tag in _BLOCKS and tag.startswith("h"):
                self.marks["bold"] = max(self.marks["bold"] - 1, 0)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden or (self.current is None and not data.strip()):
            return
        self._append(data)

    def _append(self, text: str) -> None:
        if self.current is None:
            level = max(len(self.lists) - 1, 0)
            self.current = Block(level=level, continued=bool(self.lists))
        marks = frozenset(name for name, depth in self.marks.items() if depth)
        self.current.runs.append((text, marks))

    def _flush(self) -> None:
        if self.current is not None:
            self.current.runs = _collapsed(self.current.runs)
            if not self.current.is_empty():
                self.blocks.append(self.current)
        self.current = None


def _collapsed(runs: Sequence[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """White space as a browser shows it: runs of it one space, none at either end of a line."""
    out: list[tuple[str, frozenset[str]]] = []
    after_space = True
    for text, marks in runs:
        if text == "\n":
            _trim_end(out)
            out.append((text, marks))
            after_space = True
            continue
        text = _HTML_SPACE.sub(" ", text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            out.append((text, marks))
            after_space = text.endswith(" ")
    _trim_end(out)
    while out and out[-1][0] == "\n":
        out.pop()
    return out


def _trim_end(out: list[tuple[str, frozenset[str]]]) -> None:
    while out and out[-1][0] != "\n" and out[-1][0].endswith(" "):
        text, marks = out.pop()
        if text.rstrip(" "):
            out.append((text.rstrip(" "), marks))
            return


def read_blocks(fragment: str) -> list[Block]:
    """The paragraphs and list items of an HTML fragment, in order."""
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    reader._flush()
    return reader.blocks


# --- blocks into Word ----------------------------------------------------------------------

class ListStarts:
    """Gives each numbered list of a document its own ``w:num``, starting again at 1."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._nums: dict[tuple[int, int], int] = {}
        self._lists = 0

    def new_lists(self, blocks: Iterable[Block]) -> dict[int, int]:
        """Document-wide list numbers for a fragment's own (which count from 1 in each)."""
        mapping = {}
        for block in blocks:
            if block.kind == "number" and block.list_id not in mapping:
                self._lists += 1
                mapping[block.list_id] = self._lists
        return mapping

    def number(self, paragraph: Paragraph, style: str, list_key: int) -> None:
        found = style_numbering(self._document, style)
        if found is None:
            return
        num_id, ilvl = found
        numbering = self._document.part.numbering_part.element
        abstract = int(numbering.num_having_numId(num_id).abstractNumId.val)
        fresh = self._nums.get((list_key, abstract))
        if fresh is None:
            num = numbering.add_num(abstract)
            for level in range(9):
                num.add_lvlOverride(ilvl=level).add_startOverride(1)
            fresh = self._nums[(list_key, abstract)] = int(num.numId)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = fresh


def write_html(flow: Flow, fragment: str, lists: ListStarts) -> None:
    """The minutes of an item as "Minutes Text" paragraphs and list paragraphs.

    The fragment goes through the editor's sanitiser first, as the HTML page's does,
    so both read the same paragraphs whatever an imported file holds.
    """
    blocks = read_blocks(sanitise_html(fragment))
    keys = lists.new_lists(blocks)
    for block in blocks:
        style = "Minutes Text"
        if block.kind and not block.continued:
            style = LIST_STYLES[block.kind][min(block.level, 2)]
        paragraph = flow.paragraph(style)
        if block.kind == "number" and not block.continued:
            lists.number(paragraph, style, keys[block.list_id])
        elif block.continued:
            paragraph.paragraph_format.left_indent = Twips((block.level + 1) * LIST_STEP_TWIPS)
        for text, marks in block.runs:
            add_run(paragraph, flow.spelled(text), bold="bold" in marks or None,
                    italic="italic" in marks or None,
                    underline="underline" in marks or None)
