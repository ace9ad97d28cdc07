"""Reading a published agenda (issue 21): text as websites, e-mails and Word tables give
it, and CSV; the structures of the reference minutes; bad input refused clearly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minute_taker.domain.agenda_import import (
    MAX_LINES,
    Paper,
    read_csv,
    read_text,
)
from minute_taker.domain.errors import ValidationError

PANEL_AGENDA = """\
Police and Crime Panel - Tuesday 6 February 2018 10.30 am

Agenda

233.\tWelcome and Apologies for Absence
234.\tNamed Substitutes
235.\tDeclarations of Interest
\tTo receive any declarations of interest.
236.\tPublic Participation
\tMembers of the public wishing to participate should notify the Head of Legal and
\tDemocratic Services in writing by 9.00 am on the working day before the meeting.
237.\tConfirmation of the Minutes of the previous meeting
\tTo confirm the Minutes of the meeting held on 3 October 2017.
\tMinutes PDF 182 KB
238.\tWest Mercia Police and Crime Plan Activity and Performance
\tTo consider a verbal update from the Commissioner.
\tPresenter: PCC
239.\tPolice & Crime Plan Activity and Performance Monitoring Report
\tReport PDF 1.2 MB
\tAppendix A - Performance Summary (PDF, 540 KB)
240.\tWork Programme
\ta) Panel work programme 2018
\tb) Future meeting dates
"""

# The structure of the reference assurance meeting (../shared/reference): a table of
# number, item and owner, sub-items 1.1 and 5a, a numbered list restarting inside 5a,
# items numbered "3." and "5.", and a repeated "5." for AOB as the minutes printed it.
ASSURANCE_AGENDA = """\
1\tOUTSTANDING MATTERS / ITEMS BROUGHT FORWARD
1.1\tReassuring West Mercia's communities \u2013 Professional Standards\tDCC
1.2\tBuilding a more secure West Mercia \u2013 Telford\tACC
2\tOPERATIONAL AND REPUTATIONAL OPPORTUNITIES AND RISKS
3.\tCHIEF OFFICER MEETING / EXECUTIVE BOARD \u2013 UPDATE
4\tCC / DCC ITEM - Domestic Burglary Outcomes\tDCC
5.\tHOLDING TO ACCOUNT
5a\tPERFORMANCE AGAINST THE POLICE AND CRIME PLAN
\t1. Putting Victims and Survivors First \u2013 DVPNs
\t2. Putting Victims and Survivors First \u2013 Hate Crime Satisfaction
\t3. Building a More Secure West Mercia \u2013 Cyber Crime
5b\tDELIVERY OF STRATEGIC INITIATIVES
5c\tHMIC INSPECTION PROGRAMME / MATTERS ARISING FROM THE SERVICE IMPROVEMENT BOARD (SIB)
5.\tAOB
6.\tDATE OF NEXT MEETING
"""


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(item.level, item.number, item.title) for item in read_text(text).items]


def test_a_panel_agenda_as_its_website_prints_it() -> None:
    agenda = read_text(PANEL_AGENDA)
    assert agenda.first_number == 233
    assert [(i.level, i.number, i.title) for i in agenda.items] == [
        (0, "233", "Welcome and Apologies for Absence"),
        (0, "234", "Named Substitutes"),
        (0, "235", "Declarations of Interest"),
        (0, "236", "Public Participation"),
        (0, "237", "Confirmation of the Minutes of the previous meeting"),
        (0, "238", "West Mercia Police and Crime Plan Activity and Performance"),
        (0, "239", "Police & Crime Plan Activity and Performance Monitoring Report"),
        (0, "240", "Work Programme"),
        (1, "a", "Panel work programme 2018"),
        (1, "b", "Future meeting dates"),
    ]
    by_number = {item.number: item for item in agenda.items}
    assert by_number["235"].description == "To receive any declarations of interest."
    assert by_number["236"].description.startswith("Members of the public wishing")
    assert "9.00 am on the working day" in by_number["236"].description  # not an item
    assert by_number["237"].papers == [Paper("Minutes", "PDF", 182 * 1024)]
    assert by_number["238"].presenter == "PCC"
    assert by_number["238"].description == "To consider a verbal update from the Commissioner."
    assert by_number["239"].papers == [
        Paper("Report", "PDF", round(1.2 * 1024 * 1024)),
        Paper("Appendix A - Performance Summary", "PDF", 540 * 1024)]
    assert by_number["239"].description == ""


def test_the_assurance_meetings_structure() -> None:
    assert outline(ASSURANCE_AGENDA) == [
        (0, "1", "OUTSTANDING MATTERS / ITEMS BROUGHT FORWARD"),
        (1, "1.1", "Reassuring West Mercia's communities \u2013 Professional Standards"),
        (1, "1.2", "Building a more secure West Mercia \u2013 Telford"),
        (0, "2", "OPERATIONAL AND REPUTATIONAL OPPORTUNITIES AND RISKS"),
        (0, "3", "CHIEF OFFICER MEETING / EXECUTIVE BOARD \u2013 UPDATE"),
        (0, "4", "CC / DCC ITEM - Domestic Burglary Outcomes"),
        (0, "5", "HOLDING TO ACCOUNT"),
        (1, "5a", "PERFORMANCE AGAINST THE POLICE AND CRIME PLAN"),
        (2, "1", "Putting Victims and Survivors First \u2013 DVPNs"),
        (2, "2", "Putting Victims and Survivors First \u2013 Hate Crime Satisfaction"),
        (2, "3", "Building a More Secure West Mercia \u2013 Cyber Crime"),
        (1, "5b", "DELIVERY OF STRATEGIC INITIATIVES"),
        (1, "5c", "HMIC INSPECTION PROGRAMME / MATTERS ARISING FROM THE SERVICE "
                  "IMPROVEMENT BOARD (SIB)"),
        (0, "5", "AOB"),
        (0, "6", "DATE OF NEXT MEETING"),
    ]
    presenters = {item.number: item.presenter for item in read_text(ASSURANCE_AGENDA).items}
    assert presenters["1.1"] == "DCC" and presenters["1.2"] == "ACC"  # the table's column
    assert presenters["4"] == "DCC" and presenters["2"] is None


@pytest.mark.parametrize(("line", "number", "level"), [
    ("1 Apologies", "1", 0), ("1. Apologies", "1", 0), ("233. Apologies", "233", 0),
    ("5.1 Apologies", "5.1", 1), ("1.2.3 Apologies", "1.2.3", 2), ("5a Apologies", "5a", 1),
    ("5a) Apologies", "5a", 1), ("5(a) Apologies", "5(a)", 1), ("Item 5: Apologies", "5", 0),
    ("Agenda item 12 Apologies", "12", 0),
])
def test_the_numberings_agendas_use(line: str, number: str, level: int) -> None:
    parents = {0: "", 1: "5 Parent\n", 2: "1 First\n1.1 Sub\n"}[level]
    [item] = read_text(parents + line).items[-1:]
    assert (item.number, item.title) == (number, "Apologies")
    assert item.level == level


def test_lines_of_text_that_start_with_a_figure_are_not_items() -> None:
    agenda = read_text("1. Public participation\n3 members of the public spoke.\n"
                       "10.30 am coffee will be served\n2. Minutes")
    assert [item.number for item in agenda.items] == ["1", "2"]
    assert agenda.items[0].description == ("3 members of the public spoke.\n"
                                           "10.30 am coffee will be served")


def test_papers_have_a_format_and_size_a_bracket_or_a_files_name() -> None:
    [item] = read_text("1. Digital services\n   To receive an update on the move to PDF\n"
                       "   Appendix B (PDF)\n   Minutes of 3 October.docx\n").items
    assert item.description == "To receive an update on the move to PDF"
    assert item.papers == [Paper("Appendix B", "PDF"),
                           Paper("Minutes of 3 October.docx", "DOCX")]


def test_an_agenda_copied_with_its_web_pages_markup() -> None:
    agenda = read_text("<p>1</p>\t<p>Apologies &amp; substitutes</p>\n"
                       "<p>2</p>\t<p>Minutes</p>")
    assert [(i.number, i.title) for i in agenda.items] == [
        ("1", "Apologies & substitutes"), ("2", "Minutes")]


def test_an_indented_list_without_numbers() -> None:
    agenda = read_text("Apologies\nMinutes of the last meeting\n"
                       "Performance report\n    \u2022 Victims first\n    \u2022 Cyber crime\n"
                       "        Presenter: DCC\n"
                       "Any other business\n")
    assert [(i.level, i.title) for i in agenda.items] == [
        (0, "Apologies"), (0, "Minutes of the last meeting"), (0, "Performance report"),
        (1, "Victims first"), (1, "Cyber crime"), (0, "Any other business")]
    assert agenda.items[4].presenter == "DCC"
    assert agenda.first_number is None


def test_a_first_item_below_the_top_is_put_at_the_top() -> None:
    assert outline("5a Performance\n5b Delivery\n1.1.1 Deep\n") == [
        (0, "5a", "Performance"), (0, "5b", "Delivery"), (1, "1.1.1", "Deep")]


def test_csv_with_its_columns_in_any_order() -> None:
    agenda = read_csv(
        "Title,No.,Presenter,Agenda text,Minutes,Confidential,Papers\n"
        "Apologies,1,,,5,,\n"
        "Performance report,2,DCC,To consider the quarterly report.,30,no,"
        "Report PDF 182 KB; Appendix A PDF 40 KB\n"
        "Estates disposal,2.1,CEX,,15,yes,\n"
        ",,,,,,\n")
    assert [(i.level, i.number, i.title) for i in agenda.items] == [
        (0, "1", "Apologies"), (0, "2", "Performance report"), (1, "2.1", "Estates disposal")]
    report, estates = agenda.items[1], agenda.items[2]
    assert report.presenter == "DCC" and report.planned_minutes == 30
    assert report.description == "To consider the quarterly report."
    assert [p.title for p in report.papers] == ["Report", "Appendix A"]
    assert estates.confidential and not report.confidential


@pytest.mark.parametrize(("reader", "text", "says"), [
    (read_text, "", "No agenda items"),
    (read_text, "   \n\t\n", "No agenda items"),
    (read_text, "Dear all, please find attached the papers for Tuesday.", "No agenda items"),
    (read_text, "\n".join(f"{n}. Item {n}" for n in range(1, MAX_LINES + 2)),
     "more than an agenda"),
    (read_csv, "", "empty"),
    (read_csv, "number,subject\n", "No agenda items"),
    (read_csv, "number,when\n1,today\n", "must name its columns"),
    (read_csv, "title,minutes\nApologies,five\n", "whole number"),
])
def test_what_is_not_an_agenda_is_refused_with_a_reason(reader, text: str, says: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=says):
        reader(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_an_agenda_or_a_clear_refusal(text: str) -> None:
    try:
        agenda = read_text(text)
    except ValidationError:
        return
    assert agenda.items and all(item.title for item in agenda.items)
    levels = [item.level for item in agenda.items]
    assert levels[0] == 0 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


titles = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs"),
                                        max_codepoint=0x24F), min_size=1, max_size=40) \
    .map(lambda t: " ".join(t.split())).filter(lambda t: t[:1].isupper())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(titles, st.lists(titles, max_size=3)), min_size=1, max_size=12),
       st.integers(min_value=1, max_value=400))
def test_a_numbered_agenda_reads_back_item_for_item(tree, first: int) -> None:  # type: ignore[no-untyped-def]
    lines, expected = [], []
    for n, (title, children) in enumerate(tree, start=first):
        lines.append(f"{n}.\t{title}")
        expected.append((0, str(n), title))
        for m, child in enumerate(children, start=1):
            lines.append(f"{n}.{m}\t{child}")
            expected.append((1, f"{n}.{m}", child))
    agenda = read_text("\n".join(lines))
    assert [(i.level, i.number, i.title) for i in agenda.items] == expected
    assert agenda.first_number == first


def test_corrections_drop_join_shift_and_rename() -> None:
    from minute_taker.domain.agenda_import import (
        agenda_of,
        drop_line,
        join_lines,
        rename_line,
        shift_line,
    )

    lines = list(read_text("1. Performance\n1.1 Victims\n1.2 Cyber crime\n2. Budget monitoring\n"
                           "3. Report\n   Presenter: CEX\n4. 2018/19\n").items)

    def shape(items):  # type: ignore[no-untyped-def]
        return [(item.level, item.title) for item in items]

    assert shape(drop_line(lines, 0)) == [
        (0, "Victims"), (0, "Cyber crime"), (0, "Budget monitoring"), (0, "Report"),
        (0, "2018/19")]  # what was below moves up in its place
    joined = join_lines(lines, 4)
    assert shape(joined)[4] == (0, "Report 2018/19") and joined[4].presenter == "CEX"
    assert join_lines(lines, len(lines) - 1) == lines  # nothing after the last
    assert shape(shift_line(lines, 3, 1))[3] == (1, "Budget monitoring")
    assert shape(shift_line(lines, 3, 3))[3] == (2, "Budget monitoring")  # one below, at most
    assert shape(shift_line(lines, 0, 1))[0] == (0, "Performance")  # the first stays on top
    moved = shift_line(lines, 0, -1)
    assert shape(moved) == shape(lines)
    down = shift_line(shift_line(lines, 3, 1), 3, -1)
    assert shape(down) == shape(lines)
    up = shift_line(lines, 1, -1)  # "Victims" out, with nothing below it
    assert shape(up)[:3] == [(0, "Performance"), (0, "Victims"), (1, "Cyber crime")]
    assert rename_line(lines, 3, "  Budget   monitoring 2018 ")[3].title == \
        "Budget monitoring 2018"
    with pytest.raises(ValidationError, match="needs a title"):
        rename_line(lines, 3, "  ")
    assert agenda_of(lines).first_number == 1
    with pytest.raises(ValidationError):
        agenda_of([])


def test_lines_a_pdf_wrapped_are_joined_again() -> None:
    from minute_taker.domain.agenda_import import join_wrapped_lines

    page = ["5.3 HMIC INSPECTION PROGRAMME / MATTERS ARISING FROM THE SERVICE",
            "IMPROVEMENT BOARD (SIB)",
            "6 Performance monitoring report for the third quarter of 2017",
            "The Panel is invited to consider the report and determine whether it would",
            "wish to carry out any further scrutiny.",
            "Presenter: PCC",
            "7 Budget",
            "Report PDF 182 KB"]
    assert join_wrapped_lines(page) == [
        "5.3 HMIC INSPECTION PROGRAMME / MATTERS ARISING FROM THE SERVICE IMPROVEMENT "
        "BOARD (SIB)",
        "6 Performance monitoring report for the third quarter of 2017",
        "The Panel is invited to consider the report and determine whether it would wish "
        "to carry out any further scrutiny.",
        "Presenter: PCC", "7 Budget", "Report PDF 182 KB"]
    # A short title's next line is its agenda text, not more of the title.
    assert join_wrapped_lines(["3 Budget", "Treasurer's report"]) == [
        "3 Budget", "Treasurer's report"]
