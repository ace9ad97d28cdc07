"""Moving a row's version on when what it says changes (issue 22).

Rows a user edits are ``models.Versioned``: their ``version`` is SQLAlchemy's
``version_id_col`` with the generator off, and this module sets it, once per flush,
for every such row whose content changed:

- the item's notes (``minutes_html``) move ``notes_version`` on, the item's other
  fields ``version``: a clerk typing the notes and another renaming the item are not
  editing the same words;
- a change only of where a row sits (its position, number, parent) or of what is
  worked out from others (a meeting's first number, its status, a confirmation's
  link) moves nothing on: adding an item renumbers every item after it, and that must
  not make another clerk's open edit of item 7's title a conflict. The UPDATE still
  checks the version read, so it is never written over a change it did not see.

``changed_by`` is the book's actor, which ``MinuteBook`` puts in each session's
``info`` (``ACTOR``); ``changed_at`` is naive UTC, as every time in the book.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from minute_taker.store.models import Versioned, utcnow

ACTOR = "minute_taker.actor"  # the key of the session's info that names who writes

# Columns whose change says nothing new: where a row sits, or what follows from others.
NOT_CONTENT = frozenset({
    "position", "number", "parent_id", "updated_at", "number_start", "confirms_meeting_id",
    "version", "notes_version", "changed_by", "changed_at",
})
# A meeting's status is where it is in its life (draft, out for review, approved), which
# the services check on every edit of it; an action's status is what the clerk wrote.
NOT_CONTENT_OF = {"meeting": NOT_CONTENT | {"status"}}
NOTES = "minutes_html"


def changed_content(row: Versioned) -> tuple[bool, bool]:
    """Whether the row's content (other than the notes) and its notes changed since
    it was read or last flushed. Only what was set since is looked at (the state's
    ``committed_state``), each compared with what it was: a value set to itself is no
    change."""
    state = inspect(row)
    not_content = NOT_CONTENT_OF.get(state.mapper.local_table.name, NOT_CONTENT)
    fields = notes = False
    # Relationships set count too: rows it holds (a decision's named votes, a
    # committee's standing items) are its content.
    for key in state.committed_state:
        if key in not_content or not state.attrs[key].history.has_changes():
            continue
        if key == NOTES:
            notes = True
        else:
            fields = True
    return fields, notes


def _move_versions_on(session: Session, _context: Any, _instances: Any) -> None:
    actor = session.info.get(ACTOR)
    for row in session.dirty:
        if not isinstance(row, Versioned):
            continue
        fields, notes = changed_content(row)
        if not (fields or notes):
            continue
        if fields:
            row.version = (row.version or 1) + 1
        if notes:
            row.notes_version = (row.notes_version or 1) + 1  # type: ignore[attr-defined]
        row.changed_by = actor
        row.changed_at = utcnow()


def watch(session_factory: Any) -> None:
    """Keep the versions of every session ``session_factory`` (a sessionmaker) makes."""
    event.listen(session_factory, "before_flush", _move_versions_on)
