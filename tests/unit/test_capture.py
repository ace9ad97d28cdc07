"""Reading actions and decisions from lines typed live: real lines, due phrases, owners,
and properties any line must keep."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from minute_taker.domain.capture import (
    ActionDraft,
    DecisionDraft,
    format_action_line,
    format_decision_line,
    parse_action_line,
    parse_decision_line,
)
from minute_taker.domain.dates import add_months, end_of_month, split_due
from minute_taker.domain.enums import DecisionKind

MEETING = dt.date(2017, 10, 31)  # Tuesday: the assurance meeting of the reference notes
KNOWN = ("DCC", "ACC", "PCC", "JI", "Jackie Irvin", "Amanda Blakeman")


def action(line: str, meeting: dt.date = MEETING, **options: object) -> ActionDraft | None:
    return parse_action_line(line, meeting_date=meeting, **options)  # type: ignore[arg-type]


# --- the reference notes ------------------------------------------------------------------

# Each "Actions arising" line of reference/assurance-meeting-action-notes.txt, typed as a
# minute-taker would: the marker, the text, and the action column's owners after a tab
# (or, as the page itself has it for item 2, after the full stop).
REFERENCE = [
    ("Actions arising: The outcome of the remodelling of the complaints function to be "
     "reported back via AGG in two months.\tDCC",
     ActionDraft("The outcome of the remodelling of the complaints function to be reported "
                 "back via AGG", "DCC", dt.date(2017, 12, 31), "in two months")),
    ("Actions arising: Interim analysis by Principal Analyst to be shared with PCC’s "
     "office\tDCC",
     ActionDraft("Interim analysis by Principal Analyst to be shared with PCC’s office",
                 "DCC")),
    ("Actions arising: ACC’s Telford development plan to be shared with PCC when "
     "drafted\tACC",
     ActionDraft("ACC’s Telford development plan to be shared with PCC", "ACC", None,
                 "when drafted")),
    ("Actions arising: PCC office to share results of CSP analyst review when complete\tJI",
     ActionDraft("PCC office to share results of CSP analyst review", "JI", None,
                 "when complete")),
    ("Actions arising: The Athena update brief to be shared with the PCC's office. DCC",
     ActionDraft("The Athena update brief to be shared with the PCC's office", "DCC")),
    ("Actions Arising: DCC to share briefing with PCC's office By end January 2018",
     ActionDraft("DCC to share briefing with PCC's office", "DCC", dt.date(2018, 1, 31),
                 "By end January 2018")),
    # No owner in the action column: "The PCC will" is not an owner statement.
    ("Actions arising: The PCC will review the next quarter’s figures and decide then "
     "whether this needs to be brought back to a future HTA",
     ActionDraft("The PCC will review the next quarter’s figures and decide then whether "
                 "this needs to be brought back to a future HTA")),
    ("Actions arising: Draft plan to be shared with PCC’s office in advance of November’s "
     "HTA after which PCC in discussion with CC to determine whether it needs to come back "
     "to a HTA\tDCC",
     ActionDraft("Draft plan to be shared with PCC’s office in advance of November’s HTA "
                 "after which PCC in discussion with CC to determine whether it needs to "
                 "come back to a HTA", "DCC")),
    ("Actions arising: There were no actions arising.", None),
]


@pytest.mark.parametrize(("line", "expected"), REFERENCE)
def test_actions_arising_in_the_reference_notes(line: str, expected: ActionDraft | None) -> None:
    assert action(line) == expected


def test_the_item_1_2_owners_column_lists_three_owners() -> None:
    draft = action("Actions arising: Share the interim analysis with the PCC’s office – "
                   "DCC ACC JI")
    assert draft == ActionDraft("Share the interim analysis with the PCC’s office",
                                "DCC ACC JI")


@pytest.mark.parametrize(("line", "expected"), [
    ("ACTION: DCC to share briefing with PCC's office by end January 2018",
     ActionDraft("DCC to share briefing with PCC's office", "DCC", dt.date(2018, 1, 31),
                 "by end January 2018")),
    ("Action: DCC, ACC to report back via AGG in two months",
     ActionDraft("DCC, ACC to report back via AGG", "DCC, ACC", dt.date(2017, 12, 31),
                 "in two months")),
    ("ACTION - JI: share results of CSP analyst review when complete",
     ActionDraft("Share results of CSP analyst review", "JI", None, "when complete")),
    ("action: DCC to share briefing", ActionDraft("DCC to share briefing", "DCC")),
    ("ACTIONS: ACC will circulate the plan", ActionDraft("ACC will circulate the plan", "ACC")),
    ("Action point – JI: book the room", ActionDraft("Book the room", "JI")),
    ("• ACTION: PCC to write to the Chief Constable",
     ActionDraft("PCC to write to the Chief Constable", "PCC")),
    ("AOB: The PCC is reviewing the holding to account process and will share his "
     "proposals with the CC once finalised.", None),
])
def test_the_forms_a_line_takes(line: str, expected: ActionDraft | None) -> None:
    assert action(line) == expected


# --- markers ------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "DCC to share briefing with PCC's office",
    "The scope of the problem and the action plan to address the issue to be brought back.",
    "Action-plan to be drafted by Friday",
    "Actions arising:",
    "ACTION:   ",
    "ACTION: DCC",
    "ACTION: by Friday",
    "ACTION - DCC: when complete",
    "Actions arising: None.",
    "Actions arising: No actions",
    "",
])
def test_lines_without_an_action(line: str) -> None:
    assert action(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("DCC to share briefing with PCC's office",
     ActionDraft("DCC to share briefing with PCC's office", "DCC")),
    ("dcc and Jackie Irvin to meet the CSP analysts by Friday",
     ActionDraft("dcc and Jackie Irvin to meet the CSP analysts", "dcc and Jackie Irvin",
                 dt.date(2017, 11, 3), "by Friday")),
    ("JI: circulate the notes", ActionDraft("Circulate the notes", "JI")),
    # Capitals not known as people are no owners when the line has no marker.
    ("AOB: share the proposals with the CC once finalised",
     ActionDraft("AOB: share the proposals with the CC", "", None, "once finalised")),
    ("CEX to draft a reply", ActionDraft("CEX to draft a reply")),
    ("share the brief. DCC", ActionDraft("Share the brief. DCC")),
    ("• the outcome to be reported back in two months",
     ActionDraft("The outcome to be reported back", "", dt.date(2017, 12, 31),
                 "in two months")),
    ("ACTION - JI: book the room", ActionDraft("Book the room", "JI")),  # a marker still counts
])
def test_any_line_is_an_action_when_the_user_says_so(line: str, expected: ActionDraft) -> None:
    assert action(line, known_owners=KNOWN, require_marker=False) == expected


def test_without_a_marker_and_without_known_owners_nobody_owns_it() -> None:
    assert action("DCC to share", require_marker=False) == ActionDraft("DCC to share")


# --- owners -------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "owner_text", "text"), [
    ("ACTION: DCC and ACC to review", "DCC and ACC", "DCC and ACC to review"),
    ("ACTION: DCC & ACC to review", "DCC & ACC", "DCC & ACC to review"),
    ("ACTION: DCC/ACC to review", "DCC/ACC", "DCC/ACC to review"),
    ("ACTION: ACC, DCC and JI to review", "ACC, DCC and JI", "ACC, DCC and JI to review"),
    ("ACTION - DCC,ACC: review", "DCC,ACC", "Review"),
    ("ACTION: review the figures (DCC, ACC)", "DCC, ACC", "Review the figures"),
    ("ACTION: review the figures – ACC / DCC", "ACC / DCC", "Review the figures"),
    ("ACTION: review the figures; JI.", "JI", "Review the figures"),
    ("ACTION: Jackie Irvin to review", "Jackie Irvin", "Jackie Irvin to review"),
    ("ACTION: jackie irvin will review", "jackie irvin", "jackie irvin will review"),
    ("ACTION - Amanda Blakeman and JI: review", "Amanda Blakeman and JI", "Review"),
    ("ACTION: DCC's office to review", "", "DCC's office to review"),
    ("ACTION: review with the PCC", "", "Review with the PCC"),
    ("ACTION: review the figures. ASAP", "", "Review the figures"),
    ("ACTION: Review the figures. NB", "", "Review the figures. NB"),
    ("ACTION: ACTIONS to be reviewed", "", "ACTIONS to be reviewed"),
    ("ACTION: DCC2 to review", "", "DCC2 to review"),
    ("ACTION: ABCDEFG to review", "", "ABCDEFG to review"),
    ("ACTION: ALL to read the papers", "ALL", "ALL to read the papers"),
    # Before a colon beats the subject, which beats the end.
    ("ACTION - JI: DCC to review. ACC", "JI", "DCC to review. ACC"),
    ("ACTION: DCC to review. ACC", "DCC", "DCC to review. ACC"),
])
def test_owners(line: str, owner_text: str, text: str) -> None:
    draft = action(line, known_owners=KNOWN)
    assert draft is not None
    assert (draft.owner_text, draft.text) == (owner_text, text)


def test_known_owners_may_be_any_collection() -> None:
    for known in ({"Jackie Irvin"}, ["Jackie Irvin"], frozenset({"  Jackie   Irvin "})):
        draft = action("ACTION: Jackie Irvin to review", known_owners=known)
        assert draft is not None and draft.owner_text == "Jackie Irvin"


def test_a_known_name_is_taken_whole_or_not_at_all() -> None:
    draft = action("ACTION: Jackie Irvine to review", known_owners=["Jackie Irvin"])
    assert draft == ActionDraft("Jackie Irvine to review")


# --- due phrases --------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "due_date"), [
    ("by 31/01/2018", dt.date(2018, 1, 31)),
    ("by 31/1/18", dt.date(2018, 1, 31)),
    ("by 31.01.2018", dt.date(2018, 1, 31)),
    ("by 2018-01-31", dt.date(2018, 1, 31)),
    ("by 31 January 2018", dt.date(2018, 1, 31)),
    ("by 31st Jan 2018", dt.date(2018, 1, 31)),
    ("by Wednesday 31 January 2018", dt.date(2018, 1, 31)),
    ("no later than 3 November", dt.date(2017, 11, 3)),
    ("by 31 October", dt.date(2017, 10, 31)),  # the meeting day itself
    ("by 1 October", dt.date(2018, 10, 1)),
    ("by 01/10", dt.date(2018, 10, 1)),
    ("by 29 February", dt.date(2020, 2, 29)),
    ("by end January 2018", dt.date(2018, 1, 31)),
    ("By end January 2018", dt.date(2018, 1, 31)),
    ("by the end of January", dt.date(2018, 1, 31)),
    ("by the end of October", dt.date(2017, 10, 31)),
    ("by end of September", dt.date(2018, 9, 30)),
    ("by end Feb 2020", dt.date(2020, 2, 29)),
    ("by end of month", dt.date(2017, 10, 31)),
    ("end of the month", dt.date(2017, 10, 31)),
    ("by the end of next month", dt.date(2017, 11, 30)),
    ("by the end of the year", dt.date(2017, 12, 31)),
    ("in two months", dt.date(2017, 12, 31)),
    ("in 4 months", dt.date(2018, 2, 28)),
    ("within 2 weeks", dt.date(2017, 11, 14)),
    ("in 10 days", dt.date(2017, 11, 10)),
    ("in a fortnight", dt.date(2017, 11, 14)),
    ("within the next three weeks", dt.date(2017, 11, 21)),
    ("in a couple of weeks", dt.date(2017, 11, 14)),
    ("in two weeks' time", dt.date(2017, 11, 14)),
    ("in a year", dt.date(2018, 10, 31)),
    ("by Friday", dt.date(2017, 11, 3)),
    ("by next Friday", dt.date(2017, 11, 3)),
    ("by Tuesday", dt.date(2017, 11, 7)),  # said on a Tuesday: next week's
    ("on Monday", dt.date(2017, 11, 6)),
    ("by next meeting", None),
    ("for the next meeting", None),
    ("at the next Panel meeting", None),
    ("ASAP", None),
    ("as soon as possible", None),
    ("when complete", None),
    ("when drafted", None),
    ("once finalised", None),
    ("once it has been signed off", None),
    ("TBC", None),
    ("by 30/02/2018", None),  # not on the calendar: the words stay, with no date
])
def test_due_phrases(phrase: str, due_date: dt.date | None) -> None:
    draft = action(f"ACTION: DCC to review the figures {phrase}")
    assert draft == ActionDraft("DCC to review the figures", "DCC", due_date, phrase)


@pytest.mark.parametrize("line", [
    "ACTION: DCC to review the figures (by Friday).",
    "ACTION: DCC to review the figures, by Friday",
    "ACTION: DCC to review the figures – by Friday.",
])
def test_due_phrase_punctuation(line: str) -> None:
    assert action(line) == ActionDraft("DCC to review the figures", "DCC",
                                       dt.date(2017, 11, 3), "by Friday")


@pytest.mark.parametrize("line", [
    "ACTION: DCC to review crimes recorded by 2017 standards",
    "ACTION: DCC to report on the end of January figures to the Board",
    "ACTION: DCC to share it by email",
    "ACTION: DCC to confirm whether the work is ongoing",
    "ACTION: DCC to look at the next meeting room",
    "ACTION: DCC to be back in 2 months or so",
])
def test_words_that_are_no_due_phrase(line: str) -> None:
    draft = action(line)
    assert draft is not None and draft.due_text is None and draft.due_date is None


def test_only_the_last_due_phrase_is_taken() -> None:
    assert action("ACTION: DCC to review by Friday the plan due by 31/01/2018") == \
        ActionDraft("DCC to review by Friday the plan", "DCC", dt.date(2018, 1, 31),
                    "due by 31/01/2018")


def test_a_phrase_that_would_grow_keeps_its_full_stop() -> None:
    draft = action("ACTION: Share by the. End of month")
    assert draft == ActionDraft("Share by the.", "", dt.date(2017, 10, 31), "End of month")


def test_dates_near_the_end_of_the_calendar_give_no_date() -> None:
    draft = action("ACTION: DCC to review in 2 weeks", meeting=dt.date(9999, 12, 25))
    assert draft == ActionDraft("DCC to review", "DCC", None, "in 2 weeks")


@pytest.mark.parametrize(("start", "months", "expected"), [
    (dt.date(2017, 10, 31), 2, dt.date(2017, 12, 31)),
    (dt.date(2017, 12, 31), 2, dt.date(2018, 2, 28)),
    (dt.date(2019, 12, 31), 2, dt.date(2020, 2, 29)),
    (dt.date(2017, 1, 15), 12, dt.date(2018, 1, 15)),
    (dt.date(2017, 3, 31), -1, dt.date(2017, 2, 28)),
])
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_end_of_month() -> None:
    assert end_of_month(2018, 1) == dt.date(2018, 1, 31)
    assert end_of_month(2020, 2) == dt.date(2020, 2, 29)


def test_split_due_leaves_text_without_a_phrase_alone() -> None:
    assert split_due("Share the brief", meeting_date=MEETING) == ("Share the brief", None, None)


# --- decisions ----------------------------------------------------------------------------

RESOLVED, AGREED, NOTED = DecisionKind.RESOLVED, DecisionKind.AGREED, DecisionKind.NOTED


@pytest.mark.parametrize(("line", "expected"), [
    # reference/panel-item-verbal-update.txt and panel-item-performance-report.txt
    ("RESOLVED that the Panel notes the Commissioner's update on the West Mercia Police "
     "and Crime Plan Activity and Performance.",
     DecisionDraft(RESOLVED, "that the Panel notes the Commissioner's update on the West "
                             "Mercia Police and Crime Plan Activity and Performance.")),
    ("The Report was noted.", DecisionDraft(NOTED, "The Report was noted.")),
    ("Resolved that the minutes be approved.",
     DecisionDraft(RESOLVED, "that the minutes be approved.")),
    ("RESOLVED: To approve the budget.", DecisionDraft(RESOLVED, "To approve the budget.")),
    ("It was resolved that the item be deferred.",
     DecisionDraft(RESOLVED, "that the item be deferred.")),
    ("The Panel RESOLVED that the report be noted.",
     DecisionDraft(RESOLVED, "that the report be noted.")),
    ("It was agreed that the PCC would write to the Home Office.",
     DecisionDraft(AGREED, "that the PCC would write to the Home Office.")),
    ("It was unanimously agreed to defer the item.",
     DecisionDraft(AGREED, "to defer the item.")),
    ("AGREED: the revised terms of reference.",
     DecisionDraft(AGREED, "the revised terms of reference.")),
    ("Agreed – to meet again in December", DecisionDraft(AGREED, "to meet again in December")),
    ("Members AGREED to hold a workshop", DecisionDraft(AGREED, "to hold a workshop")),
    ("NOTED: the update on Athena.", DecisionDraft(NOTED, "the update on Athena.")),
    ("The minutes of the last meeting were received and noted",
     DecisionDraft(NOTED, "The minutes of the last meeting were received and noted")),
    ("• The update was noted", DecisionDraft(NOTED, "• The update was noted")),
])
def test_decisions(line: str, expected: DecisionDraft) -> None:
    assert parse_decision_line(line) == expected


@pytest.mark.parametrize("line", [
    "",
    "RESOLVED",
    "AGREED:  ",
    "It was agreed.",
    "It was noted that the DCC left the meeting.",  # a finding, not a decision
    "Agreed actions were reviewed by the Board.",
    "Resolved issues are listed in the appendix.",
    "The PCC noted the figures and asked for more.",
    "ACTION: DCC to share briefing",
    "Was noted",
])
def test_lines_without_a_decision(line: str) -> None:
    assert parse_decision_line(line) is None


@pytest.mark.parametrize(("draft", "line"), [
    (DecisionDraft(RESOLVED, "that the report be noted."), "RESOLVED that the report be noted."),
    (DecisionDraft(AGREED, "the revised terms."), "AGREED: the revised terms."),
    (DecisionDraft(NOTED, "The Report was noted."), "The Report was noted."),
    (DecisionDraft(NOTED, "the update."), "NOTED: the update."),
])
def test_decisions_print_as_minutes_write_them(draft: DecisionDraft, line: str) -> None:
    assert format_decision_line(draft) == line


@pytest.mark.parametrize(("draft", "line"), [
    (ActionDraft("DCC to share briefing", "DCC", dt.date(2018, 1, 31), "by end January 2018"),
     "ACTION: DCC to share briefing by end January 2018"),
    (ActionDraft("Share results", "JI", None, "when complete"),
     "ACTION - JI: Share results when complete"),
    (ActionDraft("Read the papers"), "ACTION: Read the papers"),
    (ActionDraft("DCC, ACC to report", "DCC"), "ACTION - DCC: DCC, ACC to report"),
])
def test_actions_print_as_typed(draft: ActionDraft, line: str) -> None:
    assert format_action_line(draft) == line


# --- properties ---------------------------------------------------------------------------

# Words of the grammar, so that generated lines often mean something.
VOCABULARY = ["ACTION:", "Action -", "Actions arising:", "action", "DCC", "ACC", "JI", "PCC's",
              "ASAP", "Jackie Irvin", "jackie", "and", "&", "/", ",", ".", ";", "–", "-", ":",
              "(", ")", "\t", "to", "will", "share", "the", "briefing", "by", "end", "of",
              "month", "January", "2018", "31/01/2018", "31", "Friday", "next", "meeting",
              "in", "within", "two", "2", "weeks", "months", "when", "complete", "once",
              "finalised", "RESOLVED", "resolved", "that", "It", "was", "agreed", "AGREED",
              "noted", "NOTED", "The", "Report", "iPad", "ß", "ı", "\x00", "\n", "é"]
typed_lines = st.one_of(
    st.text(),
    st.lists(st.sampled_from(VOCABULARY), max_size=14).map(" ".join),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=3)), max_size=14)
    .map("".join),
)
marked_lines = st.builds(str.__add__, st.sampled_from(["ACTION: ", "Action - ", "actions arising:",
                                                      "ACTION - DCC: ", "ACTION: DCC to "]),
                         typed_lines)
decision_lines = st.one_of(
    st.builds(str.__add__, st.sampled_from(["RESOLVED ", "Agreed: ", "It was agreed ", "NOTED",
                                            "The Board AGREED ", "resolved that"]),
              typed_lines),
    st.builds(str.__add__, typed_lines, st.sampled_from([" was noted.", " were noted"])))
meeting_dates = st.dates()
known_lists = st.one_of(st.just(KNOWN), st.just(()), st.lists(st.text(max_size=8), max_size=3))
relaxed = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(line=st.one_of(typed_lines, marked_lines), meeting=meeting_dates, known=known_lists,
       marker=st.booleans())
@example(line="ACTION: DCC to share in 2 weeks", meeting=dt.date.max, known=(), marker=True)
def test_no_line_breaks_the_action_parser(line: str, meeting: dt.date, known: list[str],
                                          marker: bool) -> None:
    draft = parse_action_line(line, meeting_date=meeting, known_owners=known,
                              require_marker=marker)
    if draft is not None:
        assert draft.text and draft.text == draft.text.strip()
        assert draft.owner_text in line
        assert draft.due_text is None or draft.due_text in line
        assert draft.due_date is None or draft.due_text is not None


@relaxed
@given(line=st.one_of(typed_lines, decision_lines))
def test_no_line_breaks_the_decision_parser(line: str) -> None:
    draft = parse_decision_line(line)
    if draft is not None:
        assert draft.text and draft.text in line


RELATIVE = st.one_of(
    st.builds("in {} {}".format, st.one_of(st.integers(0, 999).map(str),
                                           st.sampled_from(["a", "two", "twelve"])),
              st.sampled_from(["days", "weeks", "fortnight", "months", "years"])),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                     "Sunday"]).map("by next {}".format),
    st.sampled_from(["end of month", "by the end of next month", "end of the year"]),
    st.sampled_from(["January", "February", "June", "December"]).map("by the end of {}".format),
    st.builds("by {} {}".format, st.integers(1, 31), st.sampled_from(["January", "February"])),
    st.builds("by {}/{}".format, st.integers(1, 31), st.integers(1, 12)),
)


@relaxed
@given(text=st.text(min_size=1), phrase=RELATIVE, meeting=meeting_dates)
def test_relative_due_dates_are_never_before_the_meeting(text: str, phrase: str,
                                                        meeting: dt.date) -> None:
    draft = parse_action_line(f"ACTION: DCC to {text} {phrase}", meeting_date=meeting)
    # The text may lend the phrase a word ("... due" + "by Friday"), never its meaning.
    assert draft is not None and draft.due_text is not None
    assert draft.due_text.endswith(phrase)
    assert draft.due_date is None or draft.due_date >= meeting


@relaxed
@given(line=marked_lines, meeting=meeting_dates, known=st.sampled_from([KNOWN, ()]))
@example(line="ACTION: Share by the. End of month", meeting=MEETING, known=())
@example(line="ACTION - DCC: DCC to share. ACC", meeting=MEETING, known=())
def test_a_printed_action_reads_back_the_same(line: str, meeting: dt.date,
                                              known: tuple[str, ...]) -> None:
    draft = parse_action_line(line, meeting_date=meeting, known_owners=known)
    assume(draft is not None)
    assert draft is not None
    printed = format_action_line(draft)
    assert parse_action_line(printed, meeting_date=meeting, known_owners=known) == draft


@relaxed
@given(line=decision_lines)
def test_a_printed_decision_reads_back_the_same(line: str) -> None:
    draft = parse_decision_line(line)
    assume(draft is not None)
    assert draft is not None
    assert parse_decision_line(format_decision_line(draft)) == draft


@pytest.mark.parametrize("line", [
    "ACTION: a" + " " * 20_000 + "b",
    "ACTION: " + "DCC " * 5_000 + "x",
    "ACTION: " + "by " * 5_000,
    "ACTION: " + "(Jackie " * 3_000,
    "The report" + " was" * 5_000 + " noted" + " " * 5_000 + "x",
])
def test_long_lines_are_read_quickly(line: str) -> None:
    started = time.perf_counter()
    parse_action_line(line, meeting_date=MEETING, known_owners=KNOWN)
    parse_decision_line(line)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("line", "marked"), [
    ("ACTION: DCC to share briefing", True), ("  Actions arising - JI", True),
    ("action point: review", True), ("The actions were reviewed.", False),
    ("Action-plan agreed", False), ("", False)])
def test_has_action_marker(line: str, marked: bool) -> None:
    from minute_taker.domain.capture import has_action_marker

    assert has_action_marker(line) is marked
