"""Stored minutes (the sanitised rich-text subset) as lines of plain text or Markdown.

Kept apart from the page writer (``plain``): this part reads the editor's HTML into
paragraphs and nested lists, and says how typed text is escaped and emphasised so a
Markdown viewer shows it as typed and a CommonMark reader finds the same blocks as the
HTML page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Final

from minute_taker.domain.richtext import sanitise_html

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&amp;" would show as "&"
# A line starts after "\r" as well as "\n": CommonMark ends a line at either, where
# Python's "^" knows only "\n" ("a\r\r\tb" was a paragraph and a code block).
_LINE_START = r"(?:\A|(?<=[\r\n]))"
# Four spaces make a code block. Only after a line break: text may come in pieces
# (a paragraph's words after its bold ones), and a piece's first space is a space.
_MD_INDENT = re.compile(r"(?<=[\r\n])[ \t]+")
# Marks past a first line's indentation too: a writer may strip it after (" - x").
_MD_BLOCK_MARK = re.compile(_LINE_START + r"([ \t]*)([-+=])")  # bullets, rules, underlines
_MD_LIST_NUMBER = re.compile(_LINE_START + r"([ \t]*\d+)([.)])(?=[ \t\r\n]|\Z)")  # not "1.2"
MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
BLANK_LINES = re.compile(r"(\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+")


def md_escape(text: str) -> str:
    """Typed text shown as typed in Markdown (CommonMark with GFM): no emphasis, code,
    links, headings, rules, lists, strike-through or entities it did not type. The
    indentation of a typed line is dropped, as Markdown would not show it either."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_BLOCK_MARK.sub(r"\1\\\2", _MD_INDENT.sub("", text))
    return _MD_LIST_NUMBER.sub(r"\1\\\2", text)


# Inline markup of minutes text while a block is read. The sanitiser keeps no C0
# control character but tab and newline, so none of these can be a character typed.
_BREAK, _STRONG, _STRONG_END, _EM, _EM_END = "\x00", "\x01", "\x02", "\x03", "\x04"
_OPENERS: Final = {"strong": _STRONG, "em": _EM}
_CLOSERS: Final = {"strong": _STRONG_END, "em": _EM_END}
_DELIMITERS: Final = {_STRONG: "**", _STRONG_END: "**", _EM: "*", _EM_END: "*"}
_MARK_RUN = re.compile("[\x01-\x04]+")
_MARKUP_CHARS = re.compile("[\x00-\x04]")
_TEXT_OR_MARKS = re.compile("([\x01-\x04]+)")
_TIDY: Final = (  # (pattern, replacement), applied in turn until nothing changes
    (re.compile("([\x01\x03])([ \x00])"), r"\2\1"),  # "** x" -> " **x"
    (re.compile("([ \x00])([\x02\x04])"), r"\2\1"),  # "x **" -> "x** "
    (re.compile("\x01\x02|\x03\x04"), ""),  # emphasis of nothing ("****" is a rule)
    (re.compile("\x02\x01|\x04\x03"), ""),  # "**a****b**": one run, "**ab**"
    (re.compile(" {2,}"), " "),
    (re.compile(" ?\x00[ \x00]*"), _BREAK),  # an empty line would end the paragraph
)


def _kind(char: str | None) -> str:
    """How CommonMark classes a character beside a delimiter run."""
    if char is None or char in " \x00":
        return "space"
    return "punct" if unicodedata.category(char)[0] in "PS" else "word"


def _flanked(text: str) -> str | None:
    """``text`` with one punctuation mark moved out of an emphasis whose delimiters it
    stops from opening or closing, or None when every delimiter run works.

    CommonMark does not close "**Note:**" before a letter ("**Note:**text") or open
    "**(a)**" after one: the words would show with their asterisks. The mark moves
    just outside ("**Note**:text"), and the delimiters then work.
    """
    for run in _MARK_RUN.finditer(text):
        start, end = run.span()
        before = text[start - 1] if start else None
        after = text[end] if end < len(text) else None
        closers = "".join(c for c in run.group() if c in (_STRONG_END, _EM_END))
        openers = run.group()[len(closers):]
        if closers and _kind(before) == "punct" and _kind(after) == "word":
            return text[:start - 1] + closers + text[start - 1] + openers + text[end:]
        if openers and _kind(before) == "word" and _kind(after) == "punct":
            return text[:start] + closers + text[end] + openers + text[end + 1:]
    return None


def _tidy(text: str) -> str:
    """Folded white space, emphasis Markdown reads as emphasis, no empty line."""
    text = " ".join(text.split())
    while True:
        before = text
        for pattern, replacement in _TIDY:
            text = pattern.sub(replacement, text)
        text = _flanked(text) or text
        if text == before:
            return text.strip(" \x00")


def _md_line(text: str) -> str:
    """One line of a block: its text escaped, its emphasis as delimiters."""
    out, line_start = [], True
    for part in _TEXT_OR_MARKS.split(text):
        if part and part[0] in _DELIMITERS:
            out.append("".join(_DELIMITERS[c] for c in part))
            continue
        part = _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", part))
        if line_start and part:
            part = _MD_LIST_NUMBER.sub(r"\1\\\2", _MD_BLOCK_MARK.sub(r"\1\\\2", part))
            line_start = False
        out.append(part)
    return "".join(out)


@dataclass
class _Block:
    """A paragraph, a list item, or a list item's text after its sublist ("more")."""

    kind: str
    indent: int  # columns before the list marker, or before the text
    marker: str = ""
    run: int = 0  # list items of one top-level list follow each other with no blank line
    parts: list[str] = field(default_factory=list)

    def lines(self, markdown: bool) -> list[str]:
        text = _tidy("".join(self.parts))
        if not text:
            return []
        if markdown:
            lines = [_md_line(line) for line in text.split(_BREAK)]
            lines = [f"{line}  " for line in lines[:-1]] + lines[-1:]
        else:
            lines = text.replace(_STRONG, "").replace(_STRONG_END, "").replace(
                _EM, "").replace(_EM_END, "").split(_BREAK)
        lead = " " * self.indent + (f"{self.marker} " if self.marker else "")
        return [lead + lines[0], *(" " * len(lead) + line for line in lines[1:])]


@dataclass
class _List:
    ordered: bool
    indent: int
    delimiter: str  # "-" or "*" (Markdown bullets), "•", "." or ")"
    implicit: bool = False  # an <li> outside any list
    count: int = 0
    content: int = 0  # where its current item's text goes on after a sublist


class _Blocks(HTMLParser):
    """The stored rich-text subset as blocks: paragraphs, and list items with their depth.

    Markdown needs a blank line between blocks (or it runs them together) and lines
    indented to the list item they belong to; both formats get them, so plain text
    reads the same.
    """

    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.blocks: list[_Block] = []
        self.block: _Block | None = None
        self.lists: list[_List] = []
        self.marks: list[tuple[str, bool]] = []  # open strong/em, and whether each shows
        self.closed: dict[int, tuple[bool, str]] = {}  # the list that just ended, by indent
        self.runs = 0

    # -- lists ----------------------------------------------------------------------------
    def _open_list(self, ordered: bool, *, implicit: bool = False) -> None:
        self._flush()
        indent = self._nested_indent()
        if self.markdown:
            # A list straight after one of the same kind would continue it: change marker.
            first, second = (".", ")") if ordered else ("-", "*")
            delimiter = second if self.closed.get(indent) == (ordered, first) else first
        else:
            delimiter = "." if ordered else "\u2022"
        if not self.lists:
            self.runs += 1
        self.lists.append(_List(ordered, indent, delimiter, implicit))

    def _nested_indent(self) -> int:
        if not self.lists:
            return 0
        parent = self.lists[-1]
        if self.markdown and not parent.count:
            # A list straight inside a list ("<ul><ul>") has no item to nest in, and
            # Markdown no list outside one: a few deep, it would start four columns on
            # and show as code. It goes at its parent's column.
            return parent.indent
        marker = len(f"{parent.count}{parent.delimiter}") if parent.ordered else 1
        # CommonMark nests a list at its item's text column, up to three columns on.
        return parent.indent + (max(marker + 1, 3) if self.markdown else marker + 1)

    def _close_list(self) -> None:
        self._flush()
        if self.lists:
            done = self.lists.pop()
            self.closed[done.indent] = (done.ordered, done.delimiter)

    def _item(self) -> None:
        self._flush()
        if not self.lists:
            self._open_list(False, implicit=True)
        current = self.lists[-1]
        current.count += 1
        marker = f"{current.count}{current.delimiter}" if current.ordered else current.delimiter
        # At its sublists' column: that is where an empty item's text starts in
        # Markdown once its marker stands beside its sublist's (``_marked``).
        current.content = self._nested_indent()
        self._start(_Block("li", current.indent, marker, self.runs))

    # -- blocks ---------------------------------------------------------------------------
    def _start(self, block: _Block) -> None:
        """A new block, in the emphasis still open from the one before."""
        self.closed = {i: v for i, v in self.closed.items()
                       if i < block.indent or (i == block.indent and block.kind == "li")}
        block.parts = [_OPENERS[tag] for tag, shown in self.marks if shown]
        self.block = block

    def _continue(self) -> None:
        """Text outside any paragraph: a list item's after its sublist, or a paragraph."""
        for owner in reversed(self.lists):
            if owner.count:
                self._start(_Block("more", owner.content, run=self.runs))
                return
        self._start(_Block("p", 0))

    def _flush(self) -> None:
        if self.block is not None:
            self.block.parts += [_CLOSERS[tag] for tag, shown in reversed(self.marks) if shown]
            self.blocks.append(self.block)
        self.block = None

    def _empty(self) -> bool:
        return self.block is None or not _MARKUP_CHARS.sub("", "".join(self.block.parts)).strip()

    # -- the parser's events ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._open_list(tag == "ol")
        elif tag == "li":
            self._item()
        elif tag == "p":
            if not (self.block is not None and self.block.kind == "li" and self._empty()):
                self._flush()  # "<li><p>text</p></li>" keeps the text in the list item
        elif tag == "br":
            if self.block is not None:
                self.block.parts.append(_BREAK)
        elif tag in _OPENERS:
            shown = self.markdown and all(t != tag for t, on in self.marks if on)
            self.marks.append((tag, shown))
            if shown and self.block is not None:
                self.block.parts.append(_OPENERS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._close_list()
        elif tag == "li":
            self._flush()
            if self.lists and self.lists[-1].implicit:
                self._close_list()
        elif tag == "p":
            self._flush()
        elif tag in _OPENERS:
            for index in range(len(self.marks) - 1, -1, -1):
                if self.marks[index][0] == tag:
                    _, shown = self.marks.pop(index)
                    if shown and self.block is not None:
                        self.block.parts.append(_CLOSERS[tag])
                    break

    def handle_data(self, data: str) -> None:
        if self.block is None:
            if not data.strip():
                return
            self._continue()
        assert self.block is not None
        self.block.parts.append(data)


def _marked(line: str, empty: list[_Block], indent: int) -> str:
    """The first line of a block at ``indent``, the markers of the empty list items it
    is inside set in its indentation ("- - text": the bullets side by side, as the page
    shows them).

    An item with no text of its own writes no line; without its marker the lines of its
    sublist would be indented four columns or more with no list item around them, and
    Markdown would show them as code.
    """
    for item in empty:
        mark = f"{item.marker} "
        if item.indent + len(mark) <= indent:  # this block's text starts past its marker
            line = line[:item.indent] + mark + line[item.indent + len(mark):]
    return line


def html_lines(fragment: str, *, markdown: bool) -> list[str]:
    """The minutes text's lines, with a blank line between blocks that are not items of
    one list: Markdown would otherwise run paragraphs together, and join a paragraph
    after a list to its last item."""
    parser = _Blocks(markdown)
    parser.feed(sanitise_html(fragment))
    parser.close()
    parser._flush()
    out: list[str] = []
    previous: _Block | None = None
    empty: list[_Block] = []  # list items with no text yet, outermost first
    for block in parser.blocks:
        lines = block.lines(markdown)
        if not lines:
            if block.kind == "li":
                empty = [item for item in empty if item.indent < block.indent] + [block]
            continue
        if markdown:
            lines[0] = _marked(lines[0], empty, block.indent)
        empty = []
        tight = previous is not None and block.kind == previous.kind == "li" \
            and previous.run == block.run
        if previous is not None and not tight:
            out.append("")
        out += lines
        previous = block
    return out
