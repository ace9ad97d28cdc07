"""The block structure of minutes as a reader sees it: headings, paragraphs and list
items with their nesting, read from an HTML page and from Markdown as a CommonMark
renderer (markdown-it-py) reads it, so the two exports can be compared block by block.

A block is what a reader meets as one unit: a heading, a paragraph, a list item's own
text ("li"), or text of a list item after its sublist or in a second paragraph of it
("more"). Table cells that hold text outside any paragraph are "cell" blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.token import Token

# CommonMark with the GitHub tables and strike-through an e-mail or forge viewer adds.
MARKDOWN: Final = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_EDGE_PUNCTUATION: Final = re.compile(r"^[\W_]+|[\W_]+$")


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Block:
    kind: str  # "h1".."h6", "p", "li", "more" or "cell"
    depth: int  # lists around it, 0 for the outermost list (and outside lists)
    parts: list[str] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)  # bold or italic runs, in order

    @property
    def text(self) -> str:
        return squash("".join(self.parts))

    @property
    def inline_emphasis(self) -> list[str]:
        """Bold and italic runs inside the text (a run that is the whole block is the
        block's own style, which the HTML page may give by a class instead), their
        edge punctuation left out: Markdown may keep a colon outside "**Note**:"."""
        runs = [squash(run) for run in self.emphasis]
        runs = [_EDGE_PUNCTUATION.sub("", run) for run in runs if run and run != self.text]
        return [run for run in runs if run]

    def key(self) -> tuple[str, int, str, list[str]]:
        return self.kind, self.depth, self.text, self.inline_emphasis


# --- HTML ------------------------------------------------------------------------------------

_OWNERS: Final = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_BOUNDARIES: Final = _OWNERS | {"ul", "ol", "table", "thead", "tbody", "tr", "body", "div"}
_EMPHASIS: Final = {"strong", "b", "em", "i"}
_VOID: Final = {"br", "meta", "img", "hr", "link", "input"}


class _HtmlBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[list[object]] = []  # [tag, has had a block] per open element
        self.current: Block | None = None
        self.emphasis = 0
        self.run: list[str] | None = None
        self.run_ended = False  # "<em>a</em><em>b</em>" is one run, "ab", to a reader
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "title", "script"):
            self.hidden += 1
        if tag in _BOUNDARIES:
            self._end()
        if tag == "br" and self.current is not None:
            self.current.parts.append(" ")
            if self.run is not None:
                self.run.append(" ")
        if tag in _EMPHASIS:
            self.emphasis += 1
            self.run_ended = False
        if tag not in _VOID:
            self.stack.append([tag, False])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "title", "script"):
            self.hidden = max(self.hidden - 1, 0)
        if tag in _BOUNDARIES:
            self._end()
        if tag in _EMPHASIS:
            self.emphasis = max(self.emphasis - 1, 0)
            self.run_ended = not self.emphasis
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.current is None:
            if not data.strip():
                return
            self.current = self._new_block()
        if self.run_ended:
            self._end_run()
        self.current.parts.append(data)
        if self.emphasis:
            if self.run is None:
                self.run = []
            self.run.append(data)

    def _new_block(self) -> Block:
        owner = next((entry for entry in reversed(self.stack) if entry[0] in _OWNERS), None)
        depth = max(sum(1 for entry in self.stack if entry[0] in ("ul", "ol")) - 1, 0)
        if owner is None:
            return Block("p", 0)
        tag = str(owner[0])
        if tag in ("td", "th"):
            return Block("cell", 0)
        if tag.startswith("h"):
            return Block(tag, 0)
        item = next((entry for entry in reversed(self.stack) if entry[0] == "li"), None)
        if item is None:
            return Block("p", 0)
        kind = "more" if item[1] else "li"
        item[1] = True
        return Block(kind, depth)

    def _end_run(self) -> None:
        if self.run is not None and self.current is not None:
            self.current.emphasis.append("".join(self.run))
        self.run, self.run_ended = None, False

    def _end(self) -> None:
        self._end_run()
        if self.current is not None:
            self.blocks.append(self.current)
        self.current = None
        if self.emphasis:
            self.run = None  # emphasis that goes on into the next block starts a new run


def html_blocks(page: str) -> list[Block]:
    parser = _HtmlBlocks()
    parser.feed(page)
    parser.close()
    parser._end()
    return parser.blocks


# --- Markdown --------------------------------------------------------------------------------

def markdown_blocks(text: str) -> list[Block]:
    """The blocks a CommonMark renderer makes of ``text``."""
    blocks: list[Block] = []
    items: list[list[bool]] = []  # per open list item: has it had a block
    lists = 0
    heading = ""
    for token in MARKDOWN.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "list_item_open":
            items.append([False])
        elif token.type == "list_item_close":
            items.pop()
        elif token.type == "heading_open":
            heading = token.tag
        elif token.type == "heading_close":
            heading = ""
        elif token.type == "inline":
            if heading:
                block = Block(heading, 0)
            elif items:
                block = Block("more" if items[-1][0] else "li", max(lists - 1, 0))
                items[-1][0] = True
            else:
                block = Block("p", 0)
            _inline(block, token.children or [])
            blocks.append(block)
    return blocks


def _inline(block: Block, tokens: list[Token]) -> None:
    depth, run = 0, []
    for token in tokens:
        if token.type in ("strong_open", "em_open"):
            depth += 1
        elif token.type in ("strong_close", "em_close"):
            depth -= 1
            if not depth:
                block.emphasis.append("".join(run))
                run = []
        words = {"text": token.content, "code_inline": token.content,
                 "softbreak": " ", "hardbreak": " "}.get(token.type, "")
        block.parts.append(words)
        if depth:
            run.append(words)


def markdown_text(text: str) -> str:
    """Everything a reader of the rendered Markdown sees, as one string."""
    return "\n".join(block.text for block in markdown_blocks(text))


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from walk(token.children or [])
