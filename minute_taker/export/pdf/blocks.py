"""The blocks a PDF page is made of, as data the Typst program lays out.

A block is a plain dict that ``json.dumps`` can write: a paragraph of runs, a label
that stays with what follows, a heading, a list, a table, a banner. Every word is a
string in a run (``{"t": "RESOLVED", "b": True}``), so nothing a user typed is ever
read as markup on the way to the PDF. Stored minutes (the sanitised rich-text subset
of ``domain.richtext``: paragraphs, line breaks, bold, italic, underline, nested
lists) are turned into the same blocks here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from typing import Any, Final

Block = dict[str, Any]
Run = dict[str, Any]

_MARKS: Final = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u"}


def run(text: str, *, bold: bool = False, italic: bool = False, href: str | None = None) -> Run:
    found: Run = {"t": text}
    if bold:
        found["b"] = True
    if italic:
        found["i"] = True
    if href:
        found["href"] = href
    return found


def lines(text: str, **marks: Any) -> list[Run]:
    """Text as runs, its line breaks kept."""
    out: list[Run] = []
    for index, line in enumerate(text.strip().splitlines()):
        if index:
            out.append({"br": True})
        out.append(run(line, **marks))
    return out


def par(*runs: Run | Sequence[Run], cls: str = "") -> Block:
    flat: list[Run] = []
    for part in runs:
        flat.extend([part] if isinstance(part, dict) else part)
    block: Block = {"k": "par", "runs": flat}
    if cls:
        block["class"] = cls
    return block


def text_par(text: str, cls: str = "") -> Block:
    return par(lines(text), cls=cls)


def label(text: str) -> Block:
    """A label ("Supporting documents:") kept on the page of what it heads."""
    return {"k": "label", "runs": [run(text)]}


def heading(level: int, title: str, *, number: str = "", mark: str | None = None,
            outlined: bool = True) -> Block:
    block: Block = {"k": "heading", "level": level, "title": title, "number": number,
                    "outlined": outlined}
    if mark:
        block["label"] = mark
    return block


def bullets(items: Sequence[Sequence[Block]], *, ordered: bool = False) -> Block:
    return {"k": "list", "ordered": ordered, "items": [list(item) for item in items]}


def cell(*blocks: Block, rowspan: int = 1, fill: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"blocks": list(blocks)}
    if rowspan > 1:
        found["rowspan"] = rowspan
    if fill:
        found["fill"] = fill
    return found


def table(columns: Sequence[str | float], rows: Sequence[Sequence[dict[str, Any]]], *,
          header: Sequence[str] | None = None, breakable: bool = False) -> Block:
    """A data table when it has a header row (tagged, its header repeated on each page),
    otherwise a layout grid. Columns are "auto" (as wide as their words) or a share
    of what is left. A row never splits across pages unless ``breakable``: then all
    its cells run on together (a long item's notes), never one cell alone."""
    block: Block = {"k": "table", "columns": list(columns), "rows": [list(r) for r in rows],
                    "breakable": breakable}
    if header is not None:
        block["header"] = list(header)
    return block


# --- walking blocks ------------------------------------------------------------------------

def runs_of(blocks: Sequence[Block]) -> Iterator[Run]:
    """Every run with text, in reading order (tables row by row, lists item by item)."""
    for block in blocks:
        yield from (r for r in block.get("runs", ()) if "t" in r)
        if block["k"] == "heading":
            yield block  # its "title" is read like a run's text by ``texts``
        for item in block.get("items", ()):
            yield from runs_of(item)
        for row in block.get("rows", ()):
            for found in row:
                yield from runs_of(found["blocks"])


def texts(blocks: Sequence[Block]) -> Iterator[str]:
    """The words of the blocks in reading order."""
    for found in runs_of(blocks):
        if found.get("k") == "heading":
            yield " ".join(p for p in (found["number"], found["title"]) if p)
        else:
            yield found["t"]


def rewrite_text(blocks: Sequence[Block], change: Callable[[str], str]) -> None:
    """Apply ``change`` to every run's text and every heading's title, in reading order."""
    for found in runs_of(blocks):
        key = "title" if found.get("k") == "heading" else "t"
        found[key] = change(found[key])


# --- stored minutes ------------------------------------------------------------------------

class _Blocks(HTMLParser):
    """The sanitised rich-text subset as blocks: text outside a paragraph (after a list,
    say) becomes a paragraph of its own, so no words are lost or run together."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Block] = []
        # Where blocks go: the root, or the open list item's blocks.
        self.containers: list[list[Block]] = [self.root]
        self.lists: list[Block] = []
        self.runs: list[Run] | None = None
        self.marks: dict[str, int] = {"b": 0, "i": 0, "u": 0}

    def _open_par(self) -> list[Run]:
        if self.runs is None:
            self.runs = []
            self.containers[-1].append({"k": "par", "runs": self.runs})
        return self.runs

    def _close_par(self) -> None:
        if self.runs is not None and not any(r.get("t", "").strip() for r in self.runs):
            self.containers[-1].remove(next(b for b in reversed(self.containers[-1])
                                            if b.get("runs") is self.runs))
        self.runs = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _MARKS:
            self.marks[_MARKS[tag]] += 1
        elif tag == "br":
            self._open_par().append({"br": True})
        elif tag == "p":
            self._close_par()
        elif tag in ("ul", "ol"):
            self._close_par()
            found = bullets([], ordered=tag == "ol")
            self.containers[-1].append(found)
            self.lists.append(found)
        elif tag == "li" and self.lists:
            self._close_par()
            item: list[Block] = []
            self.lists[-1]["items"].append(item)
            self.containers.append(item)

    def handle_endtag(self, tag: str) -> None:
        if tag in _MARKS:
            self.marks[_MARKS[tag]] = max(0, self.marks[_MARKS[tag]] - 1)
        elif tag == "p":
            self._close_par()
        elif tag == "li" and len(self.containers) > 1:
            self._close_par()
            self.containers.pop()
        elif tag in ("ul", "ol") and self.lists:
            self._close_par()
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.runs is None and not data.strip():
            return  # the newlines between tags
        found = run(data.replace("\n", " "))
        found.update({mark: True for mark, depth in self.marks.items() if depth})
        self._open_par().append(found)


def minutes_blocks(fragment: str) -> list[Block]:
    """Stored minutes (already sanitised) as paragraphs and lists."""
    parser = _Blocks()
    parser.feed(fragment)
    parser.close()
    parser._close_par()
    return parser.root
