"""Both clerks' notes of one item, when one wrote them over the other's (issue 22).

A window whose notes could not be saved, because another clerk wrote the item's notes
after this one last read them, keeps both: the other's notes as the book holds them,
then a line saying so, then every block (paragraph or list) of this window's notes that
the other's do not already hold, in their order. The words the two had in common are
not repeated, a block either changed is kept in both its forms, and nothing either typed
is lost; the clerk tidies the result, which saving then writes on the other's version.
"""

from __future__ import annotations

import html
import re

from minute_taker.domain.richtext import sanitise_html

# The stored subset's top-level blocks are paragraphs and lists (richtext.ALLOWED);
# lists nest, so a list's end is where its own depth closes.
_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol)\b[^>]*>")


def blocks(fragment: str) -> list[str]:
    """The top-level blocks of a stored fragment, each as its own markup; text between
    blocks (a bare line) is a block of its own."""
    found: list[str] = []
    depth, start, at = 0, 0, 0
    for tag in _BLOCK_TAG.finditer(fragment):
        closing = tag.group(1) == "/"
        if depth == 0 and not closing:
            if fragment[at:tag.start()].strip():
                found.append(fragment[at:tag.start()].strip())
            start = tag.start()
        depth += -1 if closing else 1
        if depth == 0:
            found.append(fragment[start:tag.end()])
            at = tag.end()
    if fragment[at:].strip():
        found.append(fragment[at:].strip())
    return found


def keep_both(theirs: str, mine: str, note: str) -> str:
    """``theirs`` whole, then ``note`` (as an italic paragraph) and the blocks of
    ``mine`` that ``theirs`` lacks; ``theirs`` alone if it holds every block of mine."""
    theirs, mine = sanitise_html(theirs), sanitise_html(mine)
    held = set(blocks(theirs))
    added = [block for block in blocks(mine) if block not in held]
    if not added:
        return theirs
    return theirs + f"<p><em>{html.escape(note, quote=False)}</em></p>" + "".join(added)
