"""Helpers for the interchange tests: a rich meeting built through the services, and a
way to see that a refused import changed nothing. (Imported by the test modules; not a
conftest, so nothing depends on which ``conftest`` module Python has loaded.)"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import func, select

from minute_taker.domain.enums import (
    ActionStatus,
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    HouseStyle,
    MeetingStatus,
    NumberingScheme,
)
from minute_taker.domain.records import Abbreviation, StandingItem
from minute_taker.services import (
    actions,
    agenda,
    approval,
    attendance,
    committees,
    decisions,
    documents,
    meetings,
    people,
)
from minute_taker.services._common import audit
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Base, Meeting

RICH_MINUTES = (
    "<p>The Chair introduced the <strong>budget</strong> &amp; the <em>capital</em> plan."
    "<br>Members asked:</p>"
    "<ul><li>whether reserves are enough:<ol><li>general reserve;</li>"
    "<li>earmarked reserves, including:<ul><li>the <u>transformation</u> fund.</li></ul>"
    "</li></ol></li><li>what “value for money” means – £ and café.</li></ul>"
)


def snapshot(book: MinuteBook) -> dict[str, Any]:
    """Everything a refused import must leave as it was: row counts and the meeting list."""
    with book.unit_of_work() as session:
        counts = {table.name: session.scalar(select(func.count()).select_from(table))
                  for table in Base.metadata.sorted_tables}
    return {"counts": counts, "meetings": meetings.list_meetings(book)}


def without_volatile(document: dict[str, Any]) -> dict[str, Any]:
    """A document without what changes on every export."""
    document = copy.deepcopy(document)
    document.pop("exported_at", None)
    return document


def build_rich_meeting(book: MinuteBook) -> int:
    """A meeting using every part of the format, made as the app makes one."""
    people.create_person(book, "Unrelated Person")  # in the book, not in the meeting
    committee = committees.create_committee(
        book, "Overview and Scrutiny Committee", short_name="O&S",
        numbering_scheme=NumberingScheme.CONTINUOUS, number_start=230,
        house_style=HouseStyle.NARRATIVE,
        standing_items=[StandingItem("Apologies for absence", ""),
                        StandingItem("Declarations of interest", "To receive declarations.")],
        abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner"),
                       Abbreviation("DCC", "Deputy Chief Constable"),
                       Abbreviation("ACC", "Assistant Chief Constable")])
    meetings.create_meeting(book, committee.id, "Earlier meeting", dt.date(2024, 1, 10))
    chair = people.create_person(book, "Ann Chair", title="Cllr", role="Chair",
                                 organisation="County Council", email="ann@example.org")
    clerk = people.create_person(book, "Carl Clerk", role="Democratic Services Officer")
    member = people.create_person(book, "Mo Member", title="Cllr", abbreviation="MM")
    absent = people.create_person(book, "Abe Sent", title="Cllr")
    sub = people.create_person(book, "Sue Stitute", title="Cllr", initials="SS")
    officer = people.create_person(book, "Olu Officer", role="Finance Director",
                                   abbreviation="FD")
    apologies = people.create_person(book, "Pat Apology", title="Cllr")
    meeting = meetings.create_meeting(
        book, committee.id, "Overview and Scrutiny – March 2024", dt.date(2024, 3, 14),
        start_time=dt.time(10, 0), end_time=dt.time(12, 45, 30), venue="Council Chamber",
        chair_id=chair.id, minute_taker_id=clerk.id)
    mid = meeting.id
    meetings.update_header(book, mid, number_start=301,
                           next_meeting_date=dt.date(2024, 4, 11),
                           next_meeting_time=dt.time(10, 30),
                           next_meeting_venue="Committee Room 2, County Hall",
                           contact_name="Sheena Jones",
                           contact_details="01905 844871, sjones@example.gov.uk")

    top = agenda.list_items(book, mid)
    reports = agenda.add_item(book, mid, "Reports", description="Reports to consider.",
                              presenter="FD")
    finance = agenda.add_item(book, mid, "Finance", parent_id=reports.id)
    budget = agenda.add_item(book, mid, "Budget 2024/25", parent_id=finance.id)
    capital = agenda.add_item(book, mid, "Capital programme", parent_id=finance.id)
    exempt = agenda.add_item(book, mid, "Exempt item: contract award", confidential=True)
    agenda.update_item(book, budget.id, planned_minutes=20,
                       started_at=dt.datetime(2024, 3, 14, 10, 20),
                       ended_at=dt.datetime(2024, 3, 14, 10, 41, 7, 250000))
    agenda.set_item_minutes(book, budget.id, RICH_MINUTES)
    agenda.set_item_minutes(book, exempt.id, "<p>Discussed in closed session.</p>")

    documents.add_document(book, budget.id, "Budget report 2024/25",
                           "papers/2024-03 budget report.pdf")
    documents.add_document(book, budget.id, "Appendix A – reserves",
                           "https://example.org/papers/budget/appendix-a?v=2&lang=en")
    documents.add_document(book, exempt.id, "Tender evaluation (exempt)")  # no location yet

    decisions.record_decision(book, budget.id, DecisionKind.RESOLVED,
                              "That the budget be recommended to Council.",
                              mover_id=member.id, seconder_id=sub.id,
                              votes_for=7, votes_against=2, votes_abstained=0,
                              not_voting="Cllr Mackay (absent)")
    decisions.record_decision(book, budget.id, DecisionKind.NOTED, "The risks were noted.")
    decisions.record_decision(book, capital.id, DecisionKind.AGREED,
                              "To defer the capital programme.", mover_id=chair.id)

    attendance.record_attendance(book, mid, chair.id, capacity="Chair")
    attendance.record_attendance(book, mid, member.id)
    attendance.record_attendance(book, mid, absent.id, status=AttendanceStatus.ABSENT)
    attendance.record_attendance(book, mid, sub.id, role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=absent.id)
    attendance.record_attendance(book, mid, officer.id, role=AttendanceRole.OFFICER,
                                 capacity="Finance Director (FD)")
    attendance.record_attendance(book, mid, apologies.id, status=AttendanceStatus.APOLOGIES)
    attendance.record_arrival(book, mid, member.id, during_item_id=top[0].id,
                              at=dt.time(10, 7))
    attendance.record_departure(book, mid, member.id, after_item_id=budget.id,
                                at=dt.time(11, 50))
    attendance.add_declaration(book, mid, member.id, "Owns shares in the contractor.",
                               item_id=exempt.id, nature="Disclosable pecuniary")
    attendance.add_declaration(book, mid, chair.id, "Governor of a local school.")

    actions.capture_action(book, mid, "Circulate the revised budget.", owner_text="FD, MM",
                           owner_ids=[officer.id, member.id], item_id=budget.id,
                           due_date=dt.date(2024, 3, 31), due_text="By end of March")
    done = actions.capture_action(book, mid, "Book the chamber.", owner_text="Clerk",
                                  owner_ids=[clerk.id], due_text="Next meeting")
    actions.update_action(book, done.id, status=ActionStatus.DONE, update="Booked.")
    actions.capture_action(book, mid, "Read the papers.", owner_text="ALL", owner_ids=[],
                           item_id=capital.id)

    with book.unit_of_work() as session:
        row = session.get(Meeting, mid)
        assert row is not None
        row.status = MeetingStatus.APPROVED
        approved = approval.record_approval(session, row, "Ann Chair",
                                            at=dt.datetime(2024, 4, 11, 11, 5, 30, 125000))
        # As meetings.apply_transition records it: verify looks for it (check_history).
        audit(session, "Carl Clerk", "meeting", "status", meeting_id=mid, entity_uid=row.uid,
              detail={"transition": "approve", "from": "draft", "to": "approved",
                      "digest": approved.digest, "approved_by": "Ann Chair"})
        audit(session, "Carl Clerk", "meeting", "approved", meeting_id=mid,
              entity_uid=row.uid, reason="Confirmed at the April meeting.")
    return mid
