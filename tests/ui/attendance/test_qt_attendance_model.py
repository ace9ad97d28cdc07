"""Qt's model tester on the attendance and declarations models, through their edits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import AttendanceRow, DeclarationRow
from minute_taker.ui.attendance.qt_attendance_model import (
    ARRIVED,
    CAPACITY,
    INTEREST,
    ITEM,
    LEFT,
    NAME,
    NONE_ID,
    ROLE,
    STATUS,
    SUBSTITUTE,
    WHO,
    AttendanceTableModel,
    DeclarationTableModel,
    PersonIdRole,
)

EDIT = Qt.ItemDataRole.EditRole


def attendee(row_id: int, name: str, **fields: Any) -> AttendanceRow:
    values: dict[str, Any] = {"status": AttendanceStatus.PRESENT,
                              "role": AttendanceRole.MEMBER, "capacity": None, **fields}
    return AttendanceRow(id=row_id, meeting_id=1, person_id=row_id * 10, person_name=name,
                         **values)


ROWS = [attendee(1, "John Campion", capacity="Police and Crime Commissioner (PCC)"),
        attendee(2, "Amanda Blakeman", capacity="Deputy Chief Constable (DCC)"),
        attendee(3, "Martin Evans", left_item_id=12, left_at=dt.time(11, 5)),
        attendee(4, "Anthony Bangham", status=AttendanceStatus.APOLOGIES)]


class FakeService:
    """Stands in for attendance.update_attendance: applies the changes to the row."""

    def __init__(self, rows: list[AttendanceRow]) -> None:
        self.rows = {r.person_id: r for r in rows}
        self.calls: list[tuple[int, dict[str, Any]]] = []
        self.refuse = False

    def __call__(self, person_id: int, **changes: Any) -> AttendanceRow | None:
        self.calls.append((person_id, changes))
        if self.refuse:
            return None
        names = {10: "John Campion", 40: "Anthony Bangham"}
        if "substitute_for_id" in changes:
            changes["substitute_for_name"] = names.get(changes["substitute_for_id"])
        self.rows[person_id] = dataclasses.replace(self.rows[person_id], **changes)
        return self.rows[person_id]


def test_attendance_model_passes_the_model_tester_through_edits(qtmodeltester) -> None:
    service = FakeService(ROWS)
    model = AttendanceTableModel(update=service)
    model.set_rows(ROWS)
    model.set_item_numbers({11: "1.1", 12: "1.2"})
    qtmodeltester.check(model, force_py=True)

    assert model.rowCount() == 4 and model.columnCount() == 8
    assert model.headerData(LEFT, Qt.Orientation.Horizontal) == "Left after"
    assert [model.data(model.index(2, c)) for c in range(8)] == [
        "Martin Evans", "Present", "Member", "", "", "", "", "1.2 at 11:05"]
    assert model.data(model.index(3, STATUS)) == "Apologies"
    assert model.data(model.index(3, STATUS), EDIT) == "apologies"
    assert model.data(model.index(2, LEFT), EDIT) == 12
    assert model.data(model.index(0, SUBSTITUTE), EDIT) == NONE_ID
    assert model.data(model.index(1, NAME), PersonIdRole) == 20
    assert not model.flags(model.index(0, NAME)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, CAPACITY)) & Qt.ItemFlag.ItemIsEditable

    assert model.setData(model.index(3, STATUS), "present")
    assert model.setData(model.index(1, SUBSTITUTE), 40)
    assert model.setData(model.index(0, CAPACITY), "PCC")
    assert model.setData(model.index(0, ARRIVED), 11)
    assert model.setData(model.index(2, LEFT), NONE_ID)
    assert model.setData(model.index(1, ROLE), "officer")
    assert service.calls == [
        (40, {"status": AttendanceStatus.PRESENT}),
        (20, {"substitute_for_id": 40, "substitute_for_name": "Anthony Bangham"}),
        (10, {"capacity": "PCC"}),
        (10, {"arrived_item_id": 11}),
        (30, {"left_item_id": None, "left_at": None}),
        (20, {"role": AttendanceRole.OFFICER}),
    ]
    assert model.data(model.index(1, SUBSTITUTE)) == "Anthony Bangham"
    assert model.data(model.index(0, ARRIVED)) == "1.1"
    assert model.data(model.index(2, LEFT)) == ""

    service.refuse = True
    assert not model.setData(model.index(0, CAPACITY), "Refused")
    assert model.data(model.index(0, CAPACITY)) == "PCC"
    assert not model.setData(model.index(0, NAME), "Renamed")
    qtmodeltester.check(model, force_py=True)


def test_attendance_model_signals_the_smallest_change(qtbot) -> None:
    model = AttendanceTableModel()
    model.set_rows(ROWS[:2])
    with qtbot.waitSignal(model.rowsInserted):
        model.set_rows(ROWS[:3])
    with qtbot.waitSignal(model.dataChanged):
        model.set_rows([dataclasses.replace(ROWS[0], capacity="PCC"), *ROWS[1:3]])
    assert model.data(model.index(0, CAPACITY)) == "PCC"
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([ROWS[3], ROWS[0]])
    assert model.row_of_person(10) == 1


def test_read_only_attendance_model() -> None:
    model = AttendanceTableModel(update=FakeService(ROWS))
    model.set_rows(ROWS)
    model.set_editable(False)
    assert not model.flags(model.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable


def test_declaration_model_passes_the_model_tester(qtmodeltester) -> None:
    rows = [DeclarationRow(id=1, meeting_id=1, person_id=20, person_name="Amanda Blakeman",
                           item_id=14, interest="National lead for burglary outcomes",
                           nature="Non-pecuniary"),
            DeclarationRow(id=2, meeting_id=1, person_id=10, person_name="John Campion",
                           item_id=None, interest="Lives in Telford", nature=None)]
    calls: list[tuple[int, dict[str, Any]]] = []

    def update(declaration_id: int, **changes: Any) -> DeclarationRow:
        calls.append((declaration_id, changes))
        return dataclasses.replace(rows[declaration_id - 1], **changes)

    model = DeclarationTableModel(update=update)
    model.set_rows(rows)
    model.set_item_labels({14: "4 Domestic burglary"})
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, ITEM)) == "4 Domestic burglary"
    assert model.data(model.index(1, ITEM)) == ""
    assert model.data(model.index(1, ITEM), EDIT) == NONE_ID
    assert model.setData(model.index(1, ITEM), 14)
    assert model.setData(model.index(0, INTEREST), "Chairs the national group")
    assert model.setData(model.index(1, WHO), 20)
    assert not model.setData(model.index(1, WHO), NONE_ID)
    assert calls == [(2, {"item_id": 14}), (1, {"interest": "Chairs the national group"}),
                     (2, {"person_id": 20})]
    qtmodeltester.check(model, force_py=True)
