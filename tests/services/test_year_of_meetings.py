"""A clerk's year in one book, through the services the window calls (issue 15, "Done
when"): two committees meeting monthly, one numbered continuously; actions raised,
carried forward with the update given, some closed, one left open for months;
confirmations recorded at the next meeting, sometimes while the minutes are still with
the chair; approvals before and after the next meeting carries the actions; the app's
backups as it makes them. At the end every promise of the issue is checked together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from minute_taker.domain.enums import ActionStatus, NumberingScheme
from minute_taker.domain.rules import matters_arising_item
from minute_taker.domain.workflow import Transition
from minute_taker.export.formats import ExportRequest
from minute_taker.services import (
    actions,
    agenda,
    approval,
    committees,
    confirmation,
    decisions,
    interchange,
    meetings,
    publishing,
)
from minute_taker.store import backups, pg_dump
from minute_taker.store.book import MinuteBook

MONTHS = 12


def confirmation_item(book: MinuteBook, meeting_id: int) -> int | None:
    return next((i.id for i in agenda.list_items(book, meeting_id)
                 if confirmation.get_link(book, i.id) is not None), None)


def approve(book: MinuteBook, meeting_id: int) -> None:
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE, approved_by="Chair")


def a_year(book: MinuteBook, backup_root: Path) -> dict[str, object]:
    long_running: dict[str, int] = {}
    per_committee: dict[int, list[int]] = {}
    for name, scheme in (("Police and Crime Panel", NumberingScheme.CONTINUOUS),
                         ("Audit Committee", NumberingScheme.DECIMAL)):
        committee = committees.create_committee(book, name, numbering_scheme=scheme,
                                                number_start=233)
        ids: list[int] = []
        for month in range(1, MONTHS + 1):
            day = dt.date(2026, month, 12)
            # The panel approves after the next meeting carries its actions; the audit
            # committee approves first.
            approve_after = scheme is NumberingScheme.CONTINUOUS
            if ids and not approve_after:
                approve(book, ids[-1])
            meeting = meetings.create_meeting(book, committee.id, f"{name} {day}", day)
            for n in range(3):
                agenda.add_item(book, meeting.id, f"Report {n} of {day:%B}")
            if ids:
                # The earlier minutes agreed as a correct record (still in review for
                # the panel: the confirmation waits for their approval).
                item = confirmation_item(book, meeting.id)
                assert item is not None
                decisions.record_confirmation(book, item)
                outstanding = actions.list_outstanding(book, meeting.id)
                arising = matters_arising_item(agenda.list_items(book, meeting.id))
                assert arising is not None
                carried = actions.carry_forward(book, meeting.id, [a.id for a in outstanding],
                                                arising.id)
                for n, action in enumerate(carried):
                    if action.text.startswith("Telford") and month <= 7:
                        actions.update_action(book, action.id, update=f"Still drafting ({day:%B}).")
                    elif not action.text.startswith("Telford") and n % 2 == 0:
                        actions.update_action(book, action.id, status=ActionStatus.DONE,
                                              update=f"Reported done in {day:%B}.")
            for n in range(2):
                actions.capture_action(book, meeting.id, f"Action {n} of {day:%B}",
                                       owner_text="DCC", due_date=day + dt.timedelta(days=60))
            if month == 1 and approve_after:
                telford = actions.capture_action(book, meeting.id, "Telford plan to the PCC",
                                                 owner_text="ACC",
                                                 due_date=dt.date(2026, 9, 30))
                long_running["first"] = telford.id
            if ids and approve_after:
                approve(book, ids[-1])
            backups.back_up(book, backup_root, now=dt.datetime.combine(day, dt.time(13, 0)))
            ids.append(meeting.id)
        approve(book, ids[-1])
        per_committee[committee.id] = ids
    return {"committees": per_committee, "telford": long_running["first"]}


def test_a_year_in_one_book_keeps_every_promise(book: MinuteBook, tmp_path: Path) -> None:
    backup_root = tmp_path / "backups"
    year = a_year(book, backup_root)
    per_committee = year["committees"]
    assert isinstance(per_committee, dict)

    # Approved minutes never changed, and their history agrees with them.
    results = approval.verify_book(book)
    assert len(results) == 2 * MONTHS and all(r.matches for r in results)
    assert approval.check_history(book) == []
    # Every confirmation took effect, even those recorded while the minutes were in review.
    assert all(r.approval is not None and r.approval.confirmed_at is not None
               for r in results[:-1] if r.meeting_date.month < MONTHS)

    # The action open since January keeps its identity and its age.
    panel_id, _audit_id = list(per_committee)
    panel = per_committee[panel_id]
    first = actions.get_action(book, year["telford"])  # type: ignore[arg-type]
    later = meetings.create_meeting(book, panel_id, "January 2027", dt.date(2027, 1, 12))
    telford = [a for a in actions.list_outstanding(book, later.id)
               if a.text.startswith("Telford")]
    assert [(a.series_uid, a.raised_on) for a in telford] == [(first.uid, dt.date(2026, 1, 12))]
    assert telford[0].origin is not None and "open 12 months" in telford[0].origin

    # Every carried action prints its update where it was reported.
    july = panel[6]
    html = publishing.write(publishing.prepare(book, ExportRequest(july, "html", public=True)),
                            tmp_path / "july.html").path.read_text(encoding="utf-8")
    assert "Still drafting (July)." in html

    # Continuous numbers never repeat.
    numbers = [i.number for m in panel for i in agenda.list_items(book, m) if i.depth == 0]
    assert len(numbers) == len(set(numbers)) and numbers[0] == "233"

    # Moved meeting by meeting to another book: the same register and approvals.
    expected = [(a.text, a.origin) for a in actions.list_outstanding(book, later.id)]
    meetings.delete_meeting(book, later.id)
    with MinuteBook.open(tmp_path / "main.minutebook", actor="Office") as main:
        for ids in per_committee.values():
            for meeting_id in ids:
                interchange.import_document(main, interchange.export_meeting(book, meeting_id))
        [moved_panel] = [c for c in committees.list_committees(main)
                         if c.name == "Police and Crime Panel"]
        again = meetings.create_meeting(main, moved_panel.id, "January 2027",
                                        dt.date(2027, 1, 12))
        assert [(a.text, a.origin) for a in actions.list_outstanding(main, again.id)] \
            == expected
        moved = approval.verify_book(main)
        assert len(moved) == 2 * MONTHS and all(r.matches for r in moved)
        # and the confirmations: each earlier meeting confirmed by the one after it.
        assert all(r.approval is not None and r.approval.confirmed_at is not None
                   for r in moved if r.meeting_date.month < MONTHS)
        assert approval.check_history(main) == []

    # The backups reach back over the year (one a month at least, kept by the tiers).
    kept = backups.list_backups(backups.backup_key(book), backup_root, count=False)
    taken = sorted(b.taken_at for b in kept)
    assert taken[0] <= dt.datetime(2026, 7, 1)
    assert len(taken) <= 2 * MONTHS
    if book.server is not None:
        # Each with the server's own archive beside it (pg_dump comes with the server the
        # tests run), and none left without its backup.
        archives = {b.server_dump for b in kept}
        assert None not in archives
        assert archives == set(kept[0].path.parent.glob(f"*{pg_dump.SUFFIX}"))
