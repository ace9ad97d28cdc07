"""The rich-text subset minutes are stored in, and its sanitiser.

Minutes text is kept as a small HTML fragment: paragraphs, line breaks, bold,
italic, underline and nested bulleted or numbered lists, and the one link that
marks a decision's passage (``<a href="decision:UID">``, see decision_marks.py).
Anything else that arrives (pasted Word markup, scripts, styles, other links) is
reduced to its text, so stored minutes can be rendered or exported without ever
becoming markup a user did not write as such.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from minute_taker.domain.decision_marks import SANITISED_MARK, mark_href, mark_uid

ALLOWED = {"p", "br", "strong", "em", "u", "ul", "ol", "li", "a"}
_ALIASES = {"b": "strong", "i": "em", "div": "p",
            # Other blocks become paragraphs so their words are not run together
            # ("<td>DCC</td><td>March</td>" must not read "DCCMarch").
            **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                             "td", "th", "caption", "dt", "dd", "address"), "p")}
_DROP_CONTENT = {"script", "style", "head", "title", "template", "noscript"}
_VOID = {"br"}


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropping = 0
        self.links_dropped = 0  # <a> left out, whose </a> must not close a mark

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _ALIASES.get(tag, tag)
        if tag in _DROP_CONTENT:
            self.dropping += 1
            return
        if tag == "a":
            self._link(attrs)
            return
        if self.dropping or tag not in ALLOWED:
            return
        if tag in _VOID:
            self.out.append("<br>")
            return
        if tag == "p" and self.stack[-1:] == ["p"] and self.out[-1:] == ["<p>"]:
            # A paragraph opened inside one still empty (<div><p>, Word's wrappers):
            # one paragraph, not an empty one before it.
            self.stack.pop()
            self.out.pop()
        if tag == "p" and "p" in self.stack:
            self._close("p")
        if tag == "li" and self.stack and self.stack[-1] == "li":
            self._close("li")
        self.stack.append(tag)
        self.out.append(f"<{tag}>")

    def _link(self, attrs: list[tuple[str, str | None]]) -> None:
        """A decision's mark is kept (not inside another); any other link is its text."""
        uid = mark_uid(attrs)
        if self.dropping or uid is None or "a" in self.stack:
            self.links_dropped += 1
            return
        self.stack.append("a")
        self.out.append(f'<a href="{mark_href(uid)}">')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if _ALIASES.get(tag, tag) not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = _ALIASES.get(tag, tag)
        if tag in _DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if tag == "a" and self.links_dropped:
            self.links_dropped -= 1
            return
        if self.dropping or tag not in ALLOWED or tag in _VOID:
            return
        if tag in self.stack:
            self._close(tag)

    def _close(self, tag: str) -> None:
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(_printable(data), quote=False))

    def result(self) -> str:
        self.close()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
        return "".join(self.out)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _printable(text: str) -> str:
    """Drop control characters that XML-based exports (DOCX) cannot carry.

    A regular expression, not a loop over characters: every autosave sanitises the
    whole item, and for a 1 MB item the loop alone took about 90 ms of a save."""
    return _CONTROL.sub("", text)


# "<!" that does not open a comment (a doctype, Word's "<![if ...]>", CDATA).
_DECLARATION = re.compile(r"<!(?!--)")


# The stored subset as this module writes it: its tags without attributes, a decision's
# mark, and text in which only &, < and > are escaped (as html.escape writes them).
_TAG = re.compile(r"<[^<>]*>")
_OPEN = {f"<{tag}>": tag for tag in ALLOWED - _VOID}
_CLOSE = {f"</{tag}>": tag for tag in ALLOWED - _VOID}


def already_clean(fragment: str) -> bool:
    """Whether ``fragment`` is exactly what ``sanitise_html`` would make of it, checked
    without parsing it: only the subset's tags, properly nested as the sanitiser nests
    them (no paragraph in a paragraph, no list item straight in another, no mark in a
    mark), text escaped as it escapes it, no control character. False does not mean
    unsafe, only that the sanitiser must look (a property test holds True to that)."""
    if _CONTROL.search(fragment):
        return False
    text = _TAG.sub("", fragment)  # counting is quicker than a pattern over every character
    if "<" in text or ">" in text or text.count("&") != (
            text.count("&amp;") + text.count("&lt;") + text.count("&gt;")):
        return False
    stack: list[str] = []
    for tag in _TAG.findall(fragment):
        if tag == "<br>":
            continue
        opened = _OPEN.get(tag) or ("a" if SANITISED_MARK.fullmatch(tag) else None)
        if opened is None:
            if stack and _CLOSE.get(tag) == stack[-1]:
                stack.pop()  # an end tag closes the element open innermost
                continue
            return False
        if (opened in ("p", "a") and opened in stack) or (
                opened == "li" and stack[-1:] == ["li"]) or tag == "<a>":
            return False
        stack.append(opened)
    return not stack


def sanitise_html(fragment: str) -> str:
    """Reduce any HTML to the stored subset; text content is always kept.

    The app's own editor writes the subset already, on every autosave of the whole
    item: that is recognised without parsing (``already_clean``), which took a 100,000-
    word item's save from 44 ms of sanitising to 9."""
    return fragment if already_clean(fragment) else parse_and_sanitise(fragment)


def parse_and_sanitise(fragment: str) -> str:
    """``sanitise_html`` the long way, parsing every tag (the rule ``already_clean``
    is held to)."""
    parser = _Sanitiser()
    try:
        parser.feed(fragment)
    except AssertionError:
        # html.parser gives up on some malformed declarations ("<![foo["): read them
        # as text instead, so that no input can stop minutes being saved or imported.
        parser = _Sanitiser()
        parser.feed(_DECLARATION.sub("&lt;!", fragment))
    return parser.result()


def plain_text_to_html(text: str) -> str:
    """Plain text as the stored subset: one paragraph a line."""
    lines = _printable(text).split("\n")
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line.strip())


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "li", "br", "ul", "ol", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_plain_text(fragment: str) -> str:
    """The words of a stored fragment, one block a line (for search, digests, e-mail)."""
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)
