"""Apply a chair's suggested wording to stored minutes.

In review the chair selects text as it is shown and proposes new wording; the
minute-taker accepts it later, when the minutes may have moved on. So the
selection is found again by its words, not by a position: any run of whitespace
in it matches any run in the minutes (a space, a line break, or the break
between two paragraphs or list items), and everything else must match exactly,
case and quotes included, so that a changed word is reported, not guessed at.

Decisions:

* Whitespace at either end of the selection or of the proposal is ignored: a
  double click picks up a trailing space on some platforms, and a rendered
  paragraph collapses it anyway.
* The proposal takes the bold, italic and underline of the first character it
  replaces; the markup around the match is kept byte for byte.
* A match that crosses paragraphs or list items joins them, as typing over such
  a selection does in an editor: the start of the first block, the proposal and
  the rest of the last block become one block. A list nested in that last item
  moves along with its text.
* Blocks and emphasis that the edit leaves empty are removed, so deleting the
  whole text of an item leaves no empty bullet; where an emptied list stood
  between two lines of one item, a line break keeps them apart.
* Matches are counted left to right without overlapping; `locate` and the
  ``occurrence`` argument count the same way.
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.richtext import sanitise_html

_INLINE = frozenset({"strong", "em", "u"})
_BLOCKS = frozenset({"p", "li", "ul", "ol"})
_TEXT_BLOCKS = frozenset({"p", "li"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_TAG_HTML = {"start": "<{}>", "end": "</{}>", "leaf": "<{}>"}
_QUOTE_LIMIT = 60


class SuggestionConflict(ValidationError):
    """The minutes no longer hold the text a suggestion was made on, so it needs a person."""


# --- a small tree of the stored subset ----------------------------------------------------

class _Node:
    __slots__ = ("parent",)

    def __init__(self) -> None:
        self.parent: _Element | None = None


class _Text(_Node):
    __slots__ = ("data",)

    def __init__(self, data: str) -> None:
        super().__init__()
        self.data = data


class _Marker(_Node):
    """Holds a place while the nodes around it are moved or removed."""

    __slots__ = ()


class _Element(_Node):
    __slots__ = ("children", "href", "tag")

    def __init__(self, tag: str, href: str = "") -> None:
        super().__init__()
        self.tag = tag
        self.href = href  # a decision's mark (<a href="decision:UID">), kept round an edit
        self.children: list[_Node] = []


def _parent(node: _Node) -> _Element:
    if node.parent is None:
        raise ValueError("node is detached")  # a bug here, never the user's doing
    return node.parent


def _index(node: _Node) -> int:
    return _parent(node).children.index(node)


def _insert(parent: _Element, index: int, nodes: Sequence[_Node]) -> None:
    for node in nodes:
        node.parent = parent
    parent.children[index:index] = nodes


def _replace(node: _Node, nodes: Sequence[_Node]) -> None:
    parent, index = _parent(node), _index(node)
    del parent.children[index]
    _insert(parent, index, nodes)


def _move_after(anchor: _Node, nodes: Sequence[_Node]) -> None:
    for node in nodes:
        _parent(node).children.remove(node)
    _insert(_parent(anchor), _index(anchor) + 1, nodes)


def _ancestors(node: _Node) -> list[_Element]:
    chain: list[_Element] = []
    current = node.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain


def _is_within(node: _Node, ancestor: _Element) -> bool:
    return node is ancestor or any(element is ancestor for element in _ancestors(node))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs).get("href") or "" if tag == "a" else "")
        _insert(self.open[-1], len(self.open[-1].children), [element])
        if tag != "br":
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if any(element.tag == tag for element in self.open[1:]):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        _insert(self.open[-1], len(self.open[-1].children), [_Text(data)])


def _parse(fragment: str) -> _Element:
    """The tree of a fragment, sanitised first so that it is always well formed."""
    builder = _TreeBuilder()
    builder.feed(sanitise_html(fragment))
    builder.close()
    return builder.root


def _events(root: _Element) -> Iterator[tuple[str, _Node]]:
    """Start, end and leaf events in document order, without recursion (nesting is unbounded)."""
    stack: list[tuple[_Element, int]] = [(root, 0)]
    while stack:
        element, index = stack.pop()
        if index == len(element.children):
            if element is not root:
                yield "end", element
            continue
        stack.append((element, index + 1))
        child = element.children[index]
        if isinstance(child, _Element) and child.tag != "br":
            yield "start", child
            stack.append((child, 0))
        else:
            yield "leaf", child


def _serialise(root: _Element) -> str:
    out: list[str] = []
    for kind, node in _events(root):
        if isinstance(node, _Text):
            out.append(html_lib.escape(node.data, quote=False))
        elif isinstance(node, _Element) and kind == "start" and node.href:
            out.append(f'<{node.tag} href="{html_lib.escape(node.href)}">')
        elif isinstance(node, _Element):
            out.append(_TAG_HTML[kind].format(node.tag))
    return "".join(out)


# --- the text a reader sees -----------------------------------------------------------------

class _Lines:
    """Lines as a rendered fragment shows them; empty paragraphs show as empty lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] | None = None  # the open line, split at its <br>s

    def finish(self, keep_empty: bool) -> None:
        if self.pieces is not None:
            line = "\n".join(_HTML_SPACE.sub(" ", piece).strip(" ") for piece in self.pieces)
            if line or keep_empty:
                self.lines.append(line)
        self.pieces = None

    def block(self, kind: str, tag: str) -> None:
        self.finish(keep_empty=kind == "end" and tag in _TEXT_BLOCKS)
        if kind == "start" and tag in _TEXT_BLOCKS:
            self.pieces = [""]

    def text(self, data: str) -> None:
        if self.pieces is None:
            if not _HTML_SPACE.sub("", data):
                return  # whitespace between blocks is not shown
            self.pieces = [""]
        self.pieces[-1] += data

    def line_break(self) -> None:
        if self.pieces is None:
            self.pieces = [""]
        self.pieces.append("")


def plain_text(html: str) -> str:
    """What a reader sees, the same text a selection in the editor yields, so they compare."""
    lines = _Lines()
    for kind, node in _events(_parse(html)):
        if isinstance(node, _Text):
            lines.text(node.data)
        elif isinstance(node, _Element) and node.tag == "br":
            lines.line_break()
        elif isinstance(node, _Element) and node.tag in _BLOCKS:
            lines.block(kind, node.tag)
    lines.finish(keep_empty=False)
    return "\n".join(lines.lines)


# --- finding the selection --------------------------------------------------------------------

def _linear(root: _Element) -> tuple[str, list[tuple[int, _Text]]]:
    """The words of the tree with a break at every block and <br>, and where each text starts.

    Matching runs on this rather than on `plain_text` so that every character found can be
    traced to its text node; both put whitespace in the same places, so they match alike.
    """
    parts: list[str] = []
    spans: list[tuple[int, _Text]] = []
    length = 0
    for _, node in _events(root):
        if isinstance(node, _Text):
            spans.append((length, node))
            piece = node.data
        elif isinstance(node, _Element) and (node.tag == "br" or node.tag in _BLOCKS):
            piece = "\n"
        else:
            continue
        parts.append(piece)
        length += len(piece)
    return "".join(parts), spans


def _matches(text: str, original: str) -> list[re.Match[str]]:
    words = original.split()
    if not words:
        return []
    return list(re.finditer(r"\s+".join(map(re.escape, words)), text))


def _quoted(original: str) -> str:
    shown = " ".join(original.split())
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[:_QUOTE_LIMIT - 1].rstrip() + "…"
    return f"“{shown}”"


def _chosen(text: str, original: str, occurrence: int) -> re.Match[str]:
    if not original.split():
        raise SuggestionConflict(
            "The suggestion does not say which text to change; apply it by hand.")
    found = _matches(text, original)
    if not found:
        raise SuggestionConflict(
            f"The text the chair commented on has changed since: {_quoted(original)}; "
            "apply the change by hand.")
    if not 0 <= occurrence < len(found):
        times = "once" if len(found) == 1 else f"{len(found)} times"
        raise SuggestionConflict(
            f"The text the chair commented on, {_quoted(original)}, now appears only "
            f"{times}, so the place they meant cannot be found; apply the change by hand.")
    return found[occurrence]


def locate(html: str, original: str) -> int:
    """How often the selection still occurs: 1 applies, 0 has changed, more is ambiguous."""
    return len(_matches(_linear(_parse(html))[0], original))


# --- editing the tree ---------------------------------------------------------------------------

def _point(spans: list[tuple[int, _Text]], index: int) -> tuple[_Text, int]:
    """The text node holding character `index` of the linear text, and the offset in it."""
    position = bisect_right([start for start, _ in spans], index) - 1
    start, node = spans[position]
    return node, index - start


def _mark(node: _Text, offset: int) -> _Marker:
    """Split a text node and leave a marker in the gap."""
    marker = _Marker()
    tail = node.data[offset:]
    node.data = node.data[:offset]
    _insert(_parent(node), _index(node) + 1, [marker, _Text(tail)] if tail else [marker])
    return marker


def _path_below(node: _Node, ancestor: _Element) -> list[_Node]:
    path = [node]
    while path[-1].parent is not ancestor:
        path.append(_parent(path[-1]))
    return path


def _delete_between(first: _Marker, last: _Marker) -> None:
    """Remove everything between the markers, keeping the elements that hold either one."""
    last_ancestors = {id(element) for element in _ancestors(last)}
    common = next(element for element in _ancestors(first) if id(element) in last_ancestors)
    left, right = _path_below(first, common), _path_below(last, common)
    for node in left[:-1]:
        siblings = _parent(node).children
        del siblings[siblings.index(node) + 1:]
    for node in right[:-1]:
        siblings = _parent(node).children
        del siblings[:siblings.index(node)]
    children = common.children
    del children[children.index(left[-1]) + 1:children.index(right[-1])]


def _inline_top(node: _Node, other: _Node) -> _Node:
    """The outermost emphasis around `node` (or `node`) not also around `other`; its parent
    is the block `node` is in, or emphasis around both (stored text may bold a list)."""
    while _parent(node).tag in _INLINE and not _is_within(other, _parent(node)):
        node = _parent(node)
    return node


def _inline_run(first: _Node) -> list[_Node]:
    siblings = _parent(first).children
    run: list[_Node] = []
    for node in siblings[siblings.index(first):]:
        if isinstance(node, _Element) and node.tag in _BLOCKS:
            break
        run.append(node)
    return run


def _join_blocks(first: _Marker, last: _Marker) -> None:
    """Continue the first block with what is left of the last one, as an editor does."""
    left_top, right_top = _inline_top(first, last), _inline_top(last, first)
    left_block, right_block = _parent(left_top), _parent(right_top)
    if left_block is right_block:
        return
    run = _inline_run(right_top)
    _move_after(left_top, run)
    if right_block.tag not in _TEXT_BLOCKS or _is_within(left_block, right_block):
        return
    rest = list(right_block.children)  # lists nested in the last item follow its text
    if left_block.tag == "p" and not _is_within(right_block, left_block):
        _move_after(left_block, rest)
    elif rest:
        _move_after(run[-1], rest)


def _proposal_nodes(proposal: str) -> list[_Node]:
    nodes: list[_Node] = []
    for number, line in enumerate(proposal.strip().splitlines()):
        if number:
            nodes.append(_Element("br"))
        if line:
            nodes.append(_Text(line))
    return nodes


def _is_empty(element: _Element) -> bool:
    """Emphasis is empty without any text; a block also when its text is only whitespace.

    A block inside counts as content: one the edit emptied is pruned before its container,
    and one that was empty before is the writer's, not ours to remove.
    """
    keep_space = element.tag in _INLINE
    for _, node in _events(element):
        if isinstance(node, _Text) and (node.data if keep_space else node.data.strip()):
            return False
        if isinstance(node, _Element) and (node.tag == "br" or node.tag in _BLOCKS):
            return False
    return True


def _edge(node: _Node, step: int) -> bool | None:
    """Whether `node`, seen from the side `step` comes from, starts with shown text (True), a
    line or block boundary (False), or nothing at all (None)."""
    events = list(_events(node)) if isinstance(node, _Element) and node.tag in _INLINE else [
        ("leaf", node)]
    for _, item in events if step > 0 else reversed(events):
        if isinstance(item, _Text) and item.data.strip():
            return True
        if isinstance(item, _Element) and (item.tag == "br" or item.tag in _BLOCKS):
            return False
    return None


def _text_beside(node: _Node, step: int) -> bool:
    """Whether shown text sits right beside `node` on one side, with no line boundary between."""
    while node.parent is not None:
        siblings = node.parent.children
        index = siblings.index(node) + step
        while 0 <= index < len(siblings):
            verdict = _edge(siblings[index], step)
            if verdict is not None:
                return verdict
            index += step
        if node.parent.tag not in _INLINE:
            return False
        node = node.parent
    return False


def _prune(candidates: Sequence[_Element]) -> None:
    """Remove what the edit left empty; an emptied block between two lines of text becomes a
    line break, or the lines would run together."""
    for element in candidates:
        if element.parent is None or not _is_empty(element):
            continue
        keep_apart = (element.tag in _BLOCKS and _text_beside(element, -1)
                      and _text_beside(element, 1))
        _replace(element, [_Element("br")] if keep_apart else [])
        element.parent = None


def apply_suggestion(html: str, original: str, proposal: str, occurrence: int = 0) -> str:
    """Put the chair's wording in place of the text they selected, keeping the markup around it.

    Raises `SuggestionConflict` when the selected text is no longer there (or not that many
    times), because the minutes have changed and only a person can tell where it belongs.
    """
    root = _parse(html)
    text, spans = _linear(root)
    match = _chosen(text, original, occurrence)
    start_node, start_offset = _point(spans, match.start())
    end_node, end_offset = _point(spans, match.end() - 1)
    last = _mark(end_node, end_offset + 1)
    first = _mark(start_node, start_offset)
    touched = _ancestors(first) + _ancestors(last)  # only these may be left empty
    _delete_between(first, last)
    _join_blocks(first, last)
    _replace(first, _proposal_nodes(proposal))
    _replace(last, [])
    _prune(touched)
    return sanitise_html(_serialise(root))


def apply_to_plain(text: str, original: str, proposal: str, occurrence: int = 0) -> str:
    """The same edit on plain text such as an item title; a title is one line, so line
    breaks in the proposal become spaces."""
    match = _chosen(text, original, occurrence)
    wording = " ".join(line.strip() for line in proposal.splitlines() if line.strip())
    before, after = text[:match.start()], text[match.end():]
    if not wording:
        before, after = _close_gap(before, after)
    return before + wording + after


def _close_gap(before: str, after: str) -> tuple[str, str]:
    """Deleting a word from a title must not leave it with a doubled or leading space,
    which, unlike in rendered minutes, would show."""
    if not before.strip():
        return "", after.lstrip()
    if not after.strip():
        return before.rstrip(), ""
    if before[-1].isspace() and after[0].isspace():
        return before, after.lstrip()
    return before, after
