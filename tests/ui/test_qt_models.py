"""Qt's model tester on every item model, through the changes the UI makes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from minute_taker.domain.enums import ActionStatus, MeetingStatus
from minute_taker.domain.records import ActionRow, ItemNode, MeetingSummary
from minute_taker.ui.actions.qt_action_model import DUE, OWNER, STATUS, ActionTableModel
from minute_taker.ui.agenda.qt_agenda_model import AgendaTreeModel, ItemIdRole
from minute_taker.ui.meeting.qt_meetings_model import MeetingIdRole, MeetingListModel


def node(item_id: int, parent: int | None, position: int, number: str, title: str = "T",
         depth: int = 0) -> ItemNode:
    return ItemNode(id=item_id, uid=f"u{item_id}", meeting_id=1, parent_id=parent,
                    position=position, number=number, title=title, depth=depth)


TREE = [node(1, None, 0, "1", "Outstanding matters"), node(2, 1, 0, "1.1", depth=1),
        node(3, 1, 1, "1.2", depth=1), node(4, None, 1, "2", "Risks"),
        node(5, None, 2, "3", "AOB")]


def test_agenda_model_passes_model_tester_through_edits(qtmodeltester) -> None:
    renamed = []
    model = AgendaTreeModel(rename=lambda i, t: renamed.append((i, t)) or
                            node(i, None, 1, "2", t))
    model.set_items(TREE)
    qtmodeltester.check(model, force_py=True)

    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert model.rowCount(first) == 2
    assert model.data(model.index(1, 0, first)) == "1.2\u2003T"
    assert model.parent(model.index(1, 0, first)) == first
    assert model.data(first, ItemIdRole) == 1

    # renumbering only: same structure, new numbers
    model.set_items([n if n.id != 5 else node(5, None, 2, "9", "AOB") for n in TREE])
    assert model.data(model.index(2, 0)).startswith("9")
    # one item inserted
    model.set_items([*TREE[:4], node(6, 4, 0, "2.1"), TREE[4]])
    assert model.rowCount(model.index(1, 0)) == 1
    # an indent (a move) resets
    model.set_items([TREE[0], TREE[1], TREE[2], node(4, 1, 2, "1.3"), TREE[4]])
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0, 0)) == 3
    qtmodeltester.check(model, force_py=True)

    assert model.setData(model.index(1, 0), "Any other business")
    assert renamed == [(5, "Any other business")]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.EditRole) == "Any other business"


def test_agenda_model_marks_the_current_item_bold() -> None:
    model = AgendaTreeModel()
    model.set_items(TREE)
    index = model.index_for_id(3)
    assert model.data(index, Qt.ItemDataRole.FontRole) is None
    model.set_current_item(3)
    assert model.data(index, Qt.ItemDataRole.FontRole).bold()


def test_agenda_model_is_read_only_when_meeting_is_locked() -> None:
    model = AgendaTreeModel(rename=lambda i, t: None)
    model.set_items(TREE)
    model.set_editable(False)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def action(action_id: int, text: str = "Share briefing", **kw: object) -> ActionRow:
    return ActionRow(id=action_id, uid=f"a{action_id}", meeting_id=1, item_id=None,
                     item_number="4", text=text, owner_text="DCC", **kw)


def test_action_model_passes_model_tester_and_edits_through_service(qtmodeltester) -> None:
    calls = []

    def update(action_id: int, **changes: object) -> ActionRow:
        calls.append((action_id, changes))
        return action(action_id, status=ActionStatus(changes.get("status", "open")))

    model = ActionTableModel(update=update)
    model.set_actions([action(1), action(2, due_text="By end January 2018")])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, DUE)) == "By end January 2018"
    assert model.data(model.index(0, OWNER)) == "DCC"
    model.set_actions([action(1), action(2), action(3)])
    assert model.rowCount() == 3

    assert model.setData(model.index(0, DUE), "31/01/2018")
    assert calls[-1] == (1, {"due_date": dt.date(2018, 1, 31), "due_text": None})
    assert model.setData(model.index(0, STATUS), "done")
    assert calls[-1] == (1, {"status": ActionStatus.DONE})
    assert model.data(model.index(0, STATUS)) == "Done"
    qtmodeltester.check(model, force_py=True)


def test_meeting_list_model(qtmodeltester) -> None:
    model = MeetingListModel()
    model.set_meetings([MeetingSummary(7, "m", 1, "Police and Crime Panel", "Panel",
                                       dt.date(2018, 2, 5), MeetingStatus.DRAFT)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 0)) == \
        "05 Feb 2018 \u2013 Police and Crime Panel: Panel (Draft)"
    assert model.data(model.index(0, 0), MeetingIdRole) == 7
    assert model.row_of(7) == 0 and model.row_of(8) == -1
    assert model.rowCount(QModelIndex()) == 1


def test_agenda_model_shows_an_overrunning_item_in_red_with_its_timing() -> None:
    from minute_taker.ui.context import utc_now

    started = utc_now() - dt.timedelta(minutes=20)
    over = ItemNode(id=1, uid="u1", meeting_id=1, parent_id=None, position=0, number="1",
                    title="Telford", started_at=started, planned_minutes=10)
    on_time = ItemNode(id=2, uid="u2", meeting_id=1, parent_id=None, position=1, number="2",
                       title="Risks", started_at=started, planned_minutes=30)
    model = AgendaTreeModel()
    model.set_items([over, on_time])
    brush = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name() == "#b00020"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert "20 of 10 min" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    model.set_current_item(1)
    model.set_live(True)
    assert model.data(model.index(0, 0)).startswith("\u25b6 ")
    assert not model.data(model.index(1, 0)).startswith("\u25b6 ")
