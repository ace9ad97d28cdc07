"""Where a declaration of interest was made, beside the item the interest is in.

Published minutes print a declaration once, where it was made: "A declaration of
interest was made by ..." under the item it was made during, and "Cllr X declared an
interest in item 7" when it was made at the declarations item (or another) about a
later one. A declaration now records the item it was made at; those a book already
holds have none, and print where the house style put them before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.add_column(sa.Column("made_at_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_declaration_made_at_item_id_agenda_item"), "agenda_item",
            ["made_at_item_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_declaration_made_at_item_id_agenda_item"),
                                 type_="foreignkey")
        batch_op.drop_column("made_at_item_id")
