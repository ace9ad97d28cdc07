"""Clean what the clipboard holds into the stored rich-text subset.

Word, Outlook, LibreOffice, Google Docs and web pages all put HTML on the
clipboard, each in its own dialect. `clean_pasted_html` keeps what a minute
taker means to paste - paragraphs, line breaks, bold, italic, underline and
bulleted or numbered lists with their nesting - and drops fonts, colours,
sizes, classes, comments, images, scripts and styles.

Decisions:

* Word's list paragraphs (``mso-list:lN levelK lfoM``) become real nested
  lists. The bullet or number Word writes inside ``<![if !supportLists]>``
  (or a ``mso-list:Ignore`` span) is not kept as text; it only says whether the
  list is numbered ("1." "a)" "iv." "1.2") or bulleted (anything else).
  Consecutive list paragraphs with the same ``lfo`` form one list; a different
  ``lfo`` or an ordinary paragraph ends it.
* Emphasis comes from tags (b, strong, i, em, u, ins) and from inline styles
  (``font-weight``, ``font-style``, ``text-decoration``); a style overrides its
  own tag, so Google's ``<b style="font-weight:normal">`` wrapper is not bold.
* Headings become bold paragraphs, so a pasted agenda heading still stands out.
* Every other block (div, table cell, blockquote...) becomes a paragraph. A
  second paragraph in one list item stays in that item after a line break;
  text after a nested list stays in the item after that list.
* Whitespace collapses as in a browser, and a non-breaking space counts as an
  ordinary space (Word pads with them). Empty paragraphs and items, and line
  breaks at the start or end of a block, are dropped.

The result is passed through `sanitise_html`, so it is always in the subset.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from minute_taker.domain.decision_marks import strip_marks
from minute_taker.domain.richtext import sanitise_html

_Style = tuple[bool, bool, bool]  # bold, italic, underline
_Fmt = tuple[bool | None, bool | None, bool | None]  # None: inherit

_LISTS = {"ul", "ol"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _LISTS | _HEADINGS | {
    "p", "div", "li", "td", "th", "tr", "table", "thead", "tbody", "tfoot", "caption",
    "blockquote", "pre", "dl", "dt", "dd", "address", "section", "article", "header",
    "footer", "nav", "aside", "main", "figure", "figcaption", "hr", "form", "fieldset",
    "legend", "details", "summary", "body", "html",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr"}
_DROP_CONTENT = {"script", "style", "head", "title", "template", "noscript", "xml", "svg"}
_TAG_FMT: dict[str, _Fmt] = {
    "b": (True, None, None), "strong": (True, None, None),
    "i": (None, True, None), "em": (None, True, None),
    "u": (None, None, True), "ins": (None, None, True),
}
_NO_FMT: _Fmt = (None, None, None)
_EMPHASIS = ("strong", "em", "u")  # nesting order, matching _Style

# Declarations and marked sections (<!doctype>, <![if ...]>, <![CDATA[...]]>) are
# turned into comments: html.parser can raise on malformed ones, and Word's
# <![if !supportLists]> then reads the same as its <!--[if !supportLists]--> form.
_DECLARATION = re.compile(r"<!--.*?-->|<!(?!--)([^>]*)>?", re.DOTALL)
_CONDITION = re.compile(r"\[if\s+([^\]]*)\]", re.IGNORECASE)
# Word's conditional sections whose content is a list glyph, or is to be dropped.
_GLYPH_CONDITIONS = {"!supportlists"}
_DROP_CONDITIONS = {"!supportlinebreaknewline", "!supportannotations"}
_WORD_LIST = re.compile(r"l(\d+)\s+level(\d+)\s+lfo(\d+)")  # value of mso-list
_DECL = re.compile(r"([a-z-]+)\s*:\s*([^;]*)", re.IGNORECASE)
_NUMBERED = re.compile(r"\(?[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*[.)]|\d+(?:\.\d+)*")
_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")


def clean_pasted_html(fragment: str) -> str:
    """Pasted HTML (Word, LibreOffice, Google Docs, a web page) as the stored subset."""
    parser = _PasteParser()
    parser.feed(_DECLARATION.sub(_as_comment, fragment))
    # A passage copied from a decision is words again, not a second mark of it.
    return strip_marks(sanitise_html(parser.result()))


def _as_comment(match: re.Match[str]) -> str:
    inner = match.group(1)
    return match.group(0) if inner is None else f"<!--{inner}-->"


# --- Styles -------------------------------------------------------------------------


def _declarations(style: str) -> dict[str, str]:
    return {name.lower(): value.replace("!important", "").strip().lower()
            for name, value in _DECL.findall(style)}


def _weight(value: str) -> bool | None:
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 600 if value.isdigit() else None


def _italic(value: str) -> bool | None:
    if value in ("italic", "oblique"):
        return True
    return False if value == "normal" else None


def _underline(value: str) -> bool | None:
    # "text-decoration:none" cannot take away an enclosing underline in CSS either.
    return True if "underline" in value else None


def _format(tag: str, props: dict[str, str]) -> _Fmt:
    bold, italic, underline = _TAG_FMT.get(tag, _NO_FMT)
    weight, slant = _weight(props.get("font-weight", "")), _italic(props.get("font-style", ""))
    bold = bold if weight is None else weight
    italic = italic if slant is None else slant
    decoration = props.get("text-decoration", "") + " " + props.get("text-decoration-line", "")
    return bold, italic, _underline(decoration) or underline


def _is_numbered(glyph: str) -> bool:
    return _NUMBERED.fullmatch(_SPACE.sub("", glyph)) is not None


# --- Parsing into blocks ------------------------------------------------------------


@dataclass(eq=False)
class _Frame:
    """An open element, and what it means for the text inside it."""

    tag: str
    fmt: _Fmt = _NO_FMT
    drop: bool = False
    glyph: bool = False
    word_list: tuple[int, int] | None = None  # Word's (lfo, level)
    item_started: bool = False  # ul/ol: the current item has produced a block


@dataclass(eq=False)
class _ItemRef:
    """Where a block goes when it is a list item."""

    group: str
    depth: int
    kind: str | None  # "ul"/"ol", or None: decided by the Word glyph
    continuation: bool = False
    owner: _Frame | None = None


@dataclass(eq=False)
class _Run:
    text: str | None  # None: a line break
    style: _Style = (False, False, False)


@dataclass(eq=False)
class _Block:
    item: _ItemRef | None = None
    heading: bool = False
    runs: list[_Run] = field(default_factory=list)
    glyph: list[str] = field(default_factory=list)


class _PasteParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = []
        self.conditions: list[str] = []  # open Word conditional sections: mode of each
        self.lists_seen = 0
        self.block = _Block()
        self.writer = _Writer()

    # Elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag:  # Word's <o:p>, <v:shape>, <w:sdt>: their text only
            return
        if tag == "br":
            if self._mode() == "keep":
                self.block.runs.append(_Run(None))
            return
        if tag in _VOID:
            if tag in _BLOCKS:
                self._boundary()
            return
        if tag == "li":
            self._end_open_item()
        self._push(tag, _declarations(dict(attrs).get("style") or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                self._pop_from(index)
                return

    def _push(self, tag: str, props: dict[str, str]) -> None:
        mso_list = props.get("mso-list", "")
        word_list = _WORD_LIST.fullmatch(mso_list)
        frame = _Frame(
            tag, _format(tag, props),
            drop=tag in _DROP_CONTENT or props.get("mso-element", "").startswith("comment"),
            glyph=mso_list == "ignore",
            word_list=(int(word_list[3]), int(word_list[2])) if word_list else None)
        if tag in _LISTS and not any(f.tag in _LISTS for f in self.stack):
            self.lists_seen += 1
        if tag == "li" and (owner := self._innermost_list()) is not None:
            owner.item_started = False
        if tag in _BLOCKS:
            self._flush()
            self.stack.append(frame)
            self.block = self._new_block()
        else:
            self.stack.append(frame)

    def _pop_from(self, index: int) -> None:
        popped = self.stack[index:]
        del self.stack[index:]
        if any(frame.tag in _BLOCKS for frame in popped):
            self._boundary()

    def _end_open_item(self) -> None:
        """An <li> ends the previous item of its list, as in a browser."""
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag in _LISTS:
                return
            if self.stack[index].tag == "li":
                self._pop_from(index)
                return

    def _innermost_list(self) -> _Frame | None:
        return next((f for f in reversed(self.stack) if f.tag in _LISTS), None)

    # Text and comments

    def handle_data(self, data: str) -> None:
        mode = self._mode()
        if mode == "glyph":
            self.block.glyph.append(data)
        elif mode == "keep":
            self.block.runs.append(_Run(data, self._style()))

    def handle_comment(self, data: str) -> None:
        data = data.strip()
        if data.lower() == "[endif]":
            if self.conditions:
                self.conditions.pop()
        elif (condition := _CONDITION.fullmatch(data)) is not None:
            name = condition[1].strip().lower().replace(" ", "")
            self.conditions.append("glyph" if name in _GLYPH_CONDITIONS
                                   else "drop" if name in _DROP_CONDITIONS else "keep")

    def _mode(self) -> str:
        if "drop" in self.conditions or any(frame.drop for frame in self.stack):
            return "drop"
        if "glyph" in self.conditions or any(frame.glyph for frame in self.stack):
            return "glyph"
        return "keep"

    def _style(self) -> _Style:
        style = [False, False, False]
        for frame in self.stack:
            for position, value in enumerate(frame.fmt):
                if value is not None:
                    style[position] = value
        return style[0], style[1], style[2]

    # Blocks

    def _boundary(self) -> None:
        self._flush()
        self.block = self._new_block()

    def _new_block(self) -> _Block:
        heading = any(frame.tag in _HEADINGS for frame in self.stack)
        owner = self._innermost_list()
        if owner is not None:
            depth = sum(frame.tag in _LISTS for frame in self.stack)
            after = self.stack[self.stack.index(owner) + 1:]
            in_item = any(frame.tag == "li" for frame in after)
            return _Block(_ItemRef(f"list{self.lists_seen}", depth, owner.tag,
                                   owner.item_started and in_item, owner), heading)
        word = next((f.word_list for f in reversed(self.stack) if f.word_list), None)
        if word is not None:
            return _Block(_ItemRef(f"word{word[0]}", word[1], None), heading)
        return _Block(heading=heading)

    def _flush(self) -> None:
        block = self.block
        self.block = _Block()
        runs = _collapse(block.runs)
        if not any(run.text for run in runs):
            return
        content = _render(runs, bold=block.heading)
        item = block.item
        if item is None:
            self.writer.paragraph(content)
            return
        kind = item.kind or ("ol" if _is_numbered("".join(block.glyph)) else "ul")
        self.writer.item(item, kind, content)
        if item.owner is not None:
            item.owner.item_started = True

    def result(self) -> str:
        self.close()
        self._flush()
        return self.writer.result()


# --- Inline content -----------------------------------------------------------------


def _collapse(runs: list[_Run]) -> list[_Run]:
    """Runs with whitespace collapsed as a browser would, trimmed at breaks and ends."""
    out: list[_Run] = []
    after_space = True  # at the start of the block, leading spaces go
    for run in runs:
        if run.text is None:
            _rstrip(out)
            out.append(run)
            after_space = True
            continue
        text = _SPACE.sub(" ", run.text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            out.append(_Run(text, run.style))
            after_space = text.endswith(" ")
    while out and out[0].text is None:
        out.pop(0)
    while out and out[-1].text is None:
        out.pop()
    _rstrip(out)
    return out


def _rstrip(runs: list[_Run]) -> None:
    if runs and runs[-1].text is not None:
        text = runs[-1].text.rstrip(" ")
        if text:
            runs[-1] = _Run(text, runs[-1].style)
        else:
            runs.pop()


def _render(runs: list[_Run], bold: bool) -> str:
    """Runs as HTML, opening and closing strong/em/u as few times as possible."""
    wanted = _wanted_tags(runs, bold)
    parts: list[str] = []
    open_tags: list[str] = []
    for run, want in zip(runs, wanted, strict=True):
        if run.text is None:
            parts.append("<br>")
            continue
        while open_tags and not set(open_tags) <= set(want):
            parts.append(f"</{open_tags.pop()}>")
        for tag in want:
            if tag not in open_tags:
                open_tags.append(tag)
                parts.append(f"<{tag}>")
        parts.append(html.escape(run.text, quote=False))
    parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(parts)


def _wanted_tags(runs: list[_Run], bold: bool) -> list[list[str]]:
    """Emphasis tags for each run; a mere space takes only what both neighbours share."""
    tags = [[tag for tag, on in zip(_EMPHASIS, (r.style[0] or bold, *r.style[1:]), strict=True)
             if on] for r in runs]
    spaces = [r.text is not None and not r.text.strip() for r in runs]
    before: list[list[str]] = []
    last: list[str] = []
    for index, run in enumerate(runs):
        before.append(last)
        if run.text is not None and not spaces[index]:
            last = tags[index]
    last = []
    for index in range(len(runs) - 1, -1, -1):
        if spaces[index]:
            tags[index] = [tag for tag in before[index] if tag in last]
        elif runs[index].text is not None:
            last = tags[index]
    return tags


# --- Writing blocks as paragraphs and nested lists ----------------------------------


class _Writer:
    """Turns a flat run of paragraphs and (depth, kind) list items into nested lists."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[tuple[int, str]] = []  # (source depth, kind) of each open list
        self.group: str | None = None

    def paragraph(self, content: str) -> None:
        self._close_deeper(0)
        self.group = None
        self.out.append(f"<p>{content}</p>")

    def item(self, item: _ItemRef, kind: str, content: str) -> None:
        if item.group != self.group:
            self._close_deeper(0)
            self.group = item.group
        closed = self._close_deeper(item.depth)
        same_level = bool(self.open) and self.open[-1][0] == item.depth
        if same_level and item.continuation:
            self.out.append(content if closed else f"<br>{content}")
            return
        if same_level and self.open[-1][1] == kind:
            self.out.append(f"</li><li>{content}")
            return
        if same_level:
            self._close_last()
        # A level deeper than the open ones nests once, however far it jumps.
        self.open.append((item.depth, kind))
        self.out.append(f"<{kind}><li>{content}")

    def _close_deeper(self, depth: int) -> bool:
        closed = False
        while self.open and self.open[-1][0] > depth:
            self._close_last()
            closed = True
        return closed

    def _close_last(self) -> None:
        self.out.append(f"</li></{self.open.pop()[1]}>")

    def result(self) -> str:
        self._close_deeper(0)
        return "".join(self.out)
