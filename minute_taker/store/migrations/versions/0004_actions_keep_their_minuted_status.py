"""Actions keep the status their minutes gave them; carrying one forward is found from the
action that continues it. And an index on that link.

Until now carrying an action forward set the earlier action's status to
"carried_forward", even in approved minutes, whose approval digest covers that status:
after a year of normal use ``verify`` found most approved minutes CHANGED. From now on a
carry changes nothing of the earlier meeting (services/actions.py). Here the statuses
written that way are put back to what the minutes said: the status in the meeting's
current approval where the minutes are approved (what the chair approved, which may
itself have been "carried_forward" if they were approved after the carry), otherwise
"open" (only open actions are carried).

The index: the outstanding list asks, for every action, whether a later one continues it;
without an index on ``carried_from_id`` each question scanned the whole table (1.1 s for
16 years of a committee's actions, 0.05 s with it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 12:55:00
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _actions(canonical: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in canonical.get("items", []):
        yield from item.get("actions", [])
    yield from canonical.get("actions", [])


def _approved_statuses(connection: sa.Connection) -> dict[str, str]:
    """Action uid -> its status in the current approval of its meeting."""
    statuses: dict[str, str] = {}
    rows = connection.execute(sa.text(
        "SELECT canonical FROM approval WHERE cleared_at IS NULL ORDER BY approved_at, id"))
    for (text,) in rows:
        try:
            canonical = json.loads(text)
        except ValueError:
            continue
        for action in _actions(canonical):
            if isinstance(action, dict) and "uid" in action and "status" in action:
                statuses[action["uid"]] = action["status"]
    return statuses


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_carried_from_id"), ["carried_from_id"],
                              unique=False)
    connection = op.get_bind()
    carried = connection.execute(sa.text(
        "SELECT action.id, action.uid, meeting.status FROM action "
        "JOIN meeting ON meeting.id = action.meeting_id "
        "WHERE action.status = 'carried_forward'")).all()
    if not carried:
        return
    approved = _approved_statuses(connection)
    for action_id, uid, meeting_status in carried:
        status = approved.get(uid, "open") if meeting_status == "approved" else "open"
        connection.execute(sa.text("UPDATE action SET status = :status WHERE id = :id"),
                           {"status": status, "id": action_id})


def downgrade() -> None:
    connection = op.get_bind()
    # What the earlier code wrote: an action continued by a later one was "carried_forward".
    connection.execute(sa.text(
        "UPDATE action SET status = 'carried_forward' WHERE status = 'open' AND id IN "
        "(SELECT carried_from_id FROM action WHERE carried_from_id IS NOT NULL)"))
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_carried_from_id"))
