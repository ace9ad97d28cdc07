"""How large one item's notes may grow while the autosave promise still holds.

Every autosave writes the item's whole text: the editor turns its document into the
stored subset, the service sanitises it and the book rewrites the row. That costs time
in proportion to the item's size, and the typist waits for it. Up to
``NOTES_LIMIT_BYTES`` of stored notes an autosave takes a few hundred milliseconds at
most on a modest two-core machine, so nothing typed more than a second before a crash is
lost (tests/reliability/test_large_items.py). Above it the app still saves every word,
but a save may take longer than that: it says so once, and suggests splitting the item.
"""

from __future__ import annotations

NOTES_LIMIT_BYTES = 1_000_000


def notes_size(stored_html: str) -> int:
    """The size of an item's notes as the book stores them (UTF-8 bytes of the HTML)."""
    return len(stored_html.encode("utf-8"))


def beyond_notes_limit(stored_html: str) -> bool:
    """True when an item's notes are too large for the one-second promise."""
    # Each character is at least one byte: no need to encode a text this short or long.
    if len(stored_html) > NOTES_LIMIT_BYTES:
        return True
    if 4 * len(stored_html) <= NOTES_LIMIT_BYTES:
        return False
    return notes_size(stored_html) > NOTES_LIMIT_BYTES
