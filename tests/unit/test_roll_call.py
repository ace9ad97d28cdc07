"""Reading the roll call from typed lines, and matching its names to people."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import Abbreviation, PersonInfo
from minute_taker.domain.roll_call import (
    Directory,
    Found,
    NameRef,
    NewPerson,
    Problem,
    Report,
    RollKind,
    RollLine,
    has_roll_marker,
    parse_roll_line,
    plan_roll,
    resolve_name,
)


def person(pid: int, name: str, *, title: str | None = None, role: str | None = None,
           abbreviation: str | None = None, initials: str | None = None) -> PersonInfo:
    return PersonInfo(id=pid, uid=f"u{pid}", name=name, title=title, role=role,
                      abbreviation=abbreviation, initials=initials)


# A police and crime panel: councillors, an independent member, and the officers of the
# reference minutes (../shared/reference/assurance-meeting-action-notes.txt).
BOWEN = person(1, "Sebastian Bowen", title="Cllr")
DAKIN = person(2, "Rob Dakin", title="Cllr")
MACKAY = person(3, "Stephen Mackay", title="Cllr")
TURLEY = person(4, "Mark Turley", title="Councillor")
EVANS = person(5, "Roger Evans", title="Cllr")
HAYES = person(6, "Colin Hayes", title="Mr", role="Independent Member")
PANEL = (BOWEN, DAKIN, MACKAY, TURLEY, EVANS, HAYES)
PCC = person(10, "John Campion", role="Police and Crime Commissioner")
DPCC = person(11, "Tracey Onslow", role="Deputy Police and Crime Commissioner",
              abbreviation="DPCC")
CC = person(12, "Anthony Bangham", role="Chief Constable", abbreviation="CC")
IRVIN = person(13, "Jackie Irvin", role="Policy Officer, OPCC", initials="JI")
MILLER = person(14, "Tony Miller", title="Cllr")
OTHER_EVANS = person(15, "Martin Evans", role="Assistant Chief Constable", abbreviation="ACC")
BOOK = (PCC, DPCC, CC, IRVIN, MILLER, OTHER_EVANS)
GLOSSARY = (Abbreviation("PCC", "Police and Crime Commissioner"),
            Abbreviation("CEX", "Chief Executive"))
DIRECTORY = Directory(tiers=(PANEL, BOOK), abbreviations=GLOSSARY)


def names(line: RollLine | None) -> list[tuple[str, str | None, str | None]]:
    assert line is not None
    return [(e.who.name, e.who.title, e.who.capacity) for e in line.entries]


def parse(text: str) -> RollLine:
    line = parse_roll_line(text, keep_whole=DIRECTORY.phrases())
    assert line is not None
    return line


# --- the label ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Present: Cllr Bowen", RollKind.PRESENT),
    ("PRESENT - Cllr Bowen", RollKind.PRESENT),
    ("Present:- Cllr Bowen", RollKind.PRESENT),
    ("Members present: Cllr Bowen", RollKind.PRESENT),
    ("Attendance:\tJohn Campion\tPolice and Crime Commissioner (PCC)", RollKind.PRESENT),
    ("Present were Cllrs Bowen and Evans", RollKind.PRESENT),
    ("Also present: John Campion", RollKind.ALSO_PRESENT),
    ("In attendance: PCC, DPCC", RollKind.IN_ATTENDANCE),
    ("Officers in attendance \u2013 PCC", RollKind.IN_ATTENDANCE),
    ("Officers present: PCC", RollKind.IN_ATTENDANCE),
    ("Apologies: Cllrs Dakin, Mackay and Turley", RollKind.APOLOGIES),
    ("Apologies for absence: Cllr Dakin", RollKind.APOLOGIES),
    ("Apologies for absence were received from Cllrs Dakin, Mackay and Turley.",
     RollKind.APOLOGIES),
    ("Apologies were received from Cllr Dakin", RollKind.APOLOGIES),
    ("An apology for absence was received from Cllr Dakin", RollKind.APOLOGIES),
    ("\u2022 Apologies: Cllr Dakin", RollKind.APOLOGIES),
    ("Absent: Cllr Evans", RollKind.ABSENT),
    ("Substitutes: Cllr Tony Miller for Cllr Stephen Mackay", RollKind.SUBSTITUTES),
    ("Named substitutes: Cllr Tony Miller for Cllr Stephen Mackay", RollKind.SUBSTITUTES),
    ("Substitute members: Cllr Tony Miller for Cllr Stephen Mackay", RollKind.SUBSTITUTES),
])
def test_labels(text: str, kind: RollKind) -> None:
    assert has_roll_marker(text)
    assert parse(text).kind is kind


@pytest.mark.parametrize("text", [
    "The PCC presented the report.",
    "Presentation: the force's new structure",
    "Apologies were received for the late circulation of the report.",
    "Presently the force has 2,000 officers.",
    "ACTION: DCC to share the briefing",
    "Present at the meeting was a representative of the CSP",  # no colon: prose
])
def test_lines_that_are_not_the_roll(text: str) -> None:
    assert not has_roll_marker(text)
    assert parse_roll_line(text) is None


@pytest.mark.parametrize("text", ["Apologies: none", "Apologies: None received.",
                                  "Substitutes: nil", "Absent: -", "Apologies:"])
def test_nobody_named(text: str) -> None:
    assert parse(text) == RollLine(parse(text).kind, ())


# --- the list -----------------------------------------------------------------------------

def test_a_plural_title_gives_each_name_its_singular() -> None:
    assert names(parse("Apologies: Cllrs Dakin, Mackay and Turley")) == [
        ("Dakin", "Cllr", None), ("Mackay", "Cllr", None), ("Turley", "Cllr", None)]
    assert names(parse("Present: Councillors Bowen & Evans, Mr Colin Hayes, PCC")) == [
        ("Bowen", "Councillor", None), ("Evans", "Councillor", None),
        ("Colin Hayes", "Mr", None), ("PCC", None, None)]


def test_the_reference_attendance_rows_with_capacities() -> None:
    """The action-notes layout of the reference minutes: a tab between name and capacity."""
    assert names(parse("Attendance:\tJohn Campion\tPolice and Crime Commissioner (PCC)")) \
        == [("John Campion", None, "Police and Crime Commissioner (PCC)")]
    assert names(parse("Apologies:\tAnthony Bangham\tChief Constable (CC)")) == [
        ("Anthony Bangham", None, "Chief Constable (CC)")]


@pytest.mark.parametrize("text", [
    "In attendance: John Campion (Police and Crime Commissioner), Tracey Onslow (DPCC)",
    "In attendance: John Campion \u2013 Police and Crime Commissioner, Tracey Onslow \u2013 DPCC",
    "In attendance: John Campion - Police and Crime Commissioner; Tracey Onslow - DPCC",
    "In attendance: John Campion, Police and Crime Commissioner, Tracey Onslow (DPCC)",
])
def test_capacities_in_brackets_after_a_dash_or_as_the_next_piece(text: str) -> None:
    assert names(parse(text)) == [("John Campion", None, "Police and Crime Commissioner"),
                                  ("Tracey Onslow", None, "DPCC")]


def test_a_known_role_with_and_in_it_is_not_split() -> None:
    assert names(parse("In attendance: Police and Crime Commissioner, Chief Constable")) == [
        ("Police and Crime Commissioner", None, None), ("Chief Constable", None, None)]


def test_the_is_not_part_of_a_name_and_a_role_after_the_is_someone_else() -> None:
    assert names(parse("Present: Cllr Bowen, the PCC and the Chief Constable")) == [
        ("Bowen", "Cllr", None), ("PCC", None, None), ("Chief Constable", None, None)]


@pytest.mark.parametrize("text", [
    "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; Cllr Ann Hart for Cllr Mark Turley",
    "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay and Cllr Ann Hart for Cllr Mark Turley",
    "Named substitutes: Cllr Tony Miller substituting for Cllr Stephen Mackay, Cllr Ann Hart "
    "in place of Cllr Mark Turley.",
    "Substitutes: Cllr Stephen Mackay substituted by Cllr Tony Miller, Cllr Mark Turley "
    "replaced by Cllr Ann Hart",
    "Present: Cllr Tony Miller (substitute for Cllr Stephen Mackay), Cllr Ann Hart "
    "(for Cllr Mark Turley)",
])
def test_substitutions(text: str) -> None:
    line = parse(text)
    assert [(e.who.text, e.substitute_for and e.substitute_for.text) for e in line.entries] == [
        ("Cllr Tony Miller", "Cllr Stephen Mackay"), ("Cllr Ann Hart", "Cllr Mark Turley")]


def test_words_that_are_not_names_are_kept_to_be_reported() -> None:
    line = parse("An apology for absence was received from Cllr Dakin, who was unwell.")
    assert names(line) == [("Dakin", "Cllr", None)]
    assert line.unread == ("who was unwell",)


# --- who a name means ---------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "title", "expected"), [
    ("Sebastian Bowen", "Cllr", BOWEN),         # the whole name
    ("Bowen", "Cllr", BOWEN),                   # a surname with a title
    ("Turley", "Cllr", TURLEY),                 # Cllr is Councillor
    ("S Bowen", "Cllr", BOWEN),                 # initial and surname
    ("S. Bowen", None, BOWEN),
    ("DPCC", None, DPCC),                       # the person's abbreviation
    ("PCC", None, PCC),                         # the glossary's: the role's holder
    ("Chief Constable", None, CC),              # a role
    ("JI", None, IRVIN),                        # initials
    ("Tony Miller", "Cllr", MILLER),            # not on the panel: the rest of the book
    ("Evans", "Cllr", EVANS),                   # the panel's Evans before the book's
])
def test_resolving(typed: str, title: str | None, expected: PersonInfo) -> None:
    found = resolve_name(NameRef(typed, typed, title), DIRECTORY)
    assert isinstance(found, Found) and found.person == expected


def test_a_title_that_does_not_fit_is_not_a_match() -> None:
    found = resolve_name(NameRef("Dr Hayes", "Hayes", "Dr"), DIRECTORY)
    assert isinstance(found, NewPerson)


def test_two_matches_are_reported_not_guessed() -> None:
    directory = Directory(tiers=(PANEL + (person(20, "Jane Evans", title="Cllr"),),))
    report = resolve_name(NameRef("Cllr Evans", "Evans", "Cllr"), directory)
    assert report == Report("Cllr Evans", Problem.AMBIGUOUS,
                            ("Cllr Jane Evans", "Cllr Roger Evans"))
    assert "which one" in report.message


def test_unknown_abbreviations_and_roles_are_reported_unknown_names_are_new() -> None:
    assert resolve_name(NameRef("CEX", "CEX"), DIRECTORY) == Report("CEX", Problem.NOBODY)
    assert resolve_name(NameRef("Head of Finance", "Head of Finance"), DIRECTORY) == \
        Report("Head of Finance", Problem.NOBODY)
    new = resolve_name(NameRef("Sheena Jones", "Sheena Jones",
                               capacity="Democratic Governance Manager (DGM)"), DIRECTORY)
    assert isinstance(new, NewPerson)
    assert (new.role, new.abbreviation) == ("Democratic Governance Manager", "DGM")


# --- what to record -----------------------------------------------------------------------

def plan(text: str):  # type: ignore[no-untyped-def]
    return plan_roll(parse(text), DIRECTORY)


def test_apologies() -> None:
    marks = plan("Apologies: Cllrs Dakin, Mackay and Turley").marks
    assert [(m.who.person, m.status, m.role) for m in marks if isinstance(m.who, Found)] == [
        (DAKIN, AttendanceStatus.APOLOGIES, None), (MACKAY, AttendanceStatus.APOLOGIES, None),
        (TURLEY, AttendanceStatus.APOLOGIES, None)]


def test_in_attendance_is_its_own_group() -> None:
    """"In attendance:" lists those before the committee (the Commissioner before a
    panel), apart from the officers supporting the meeting."""
    marks = plan("In attendance: PCC, DPCC").marks
    assert [(m.who.person, m.status, m.role) for m in marks if isinstance(m.who, Found)] == [
        (PCC, AttendanceStatus.PRESENT, AttendanceRole.IN_ATTENDANCE),
        (DPCC, AttendanceStatus.PRESENT, AttendanceRole.IN_ATTENDANCE)]


@pytest.mark.parametrize("line", ["Officers in attendance: PCC, DPCC",
                                  "Officers present: PCC, DPCC", "Officers: PCC, DPCC",
                                  "\u2022 Officers in attendance \u2013 PCC, DPCC"])
def test_officers_in_attendance(line: str) -> None:
    marks = plan(line).marks
    assert [(m.who.person, m.status, m.role) for m in marks if isinstance(m.who, Found)] == [
        (PCC, AttendanceStatus.PRESENT, AttendanceRole.OFFICER),
        (DPCC, AttendanceStatus.PRESENT, AttendanceRole.OFFICER)]


def test_a_substitute_and_the_member_they_stand_in_for() -> None:
    result = plan("Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; "
                  "Cllr Ann Hart for Cllr Turley")
    miller, hart, mackay, turley = result.marks
    assert isinstance(miller.who, Found) and miller.who.person == MILLER
    assert miller.role is AttendanceRole.SUBSTITUTE and miller.status is AttendanceStatus.PRESENT
    assert isinstance(miller.substitute_for, Found) and miller.substitute_for.person == MACKAY
    assert isinstance(hart.who, NewPerson) and hart.who.ref.title == "Cllr"
    assert isinstance(hart.substitute_for, Found) and hart.substitute_for.person == TURLEY
    assert (mackay.implied, mackay.status, turley.implied) == \
        (True, AttendanceStatus.APOLOGIES, True)
    assert result.reports == ()


def test_a_substitute_for_nobody_named_is_recorded_present_and_reported() -> None:
    result = plan("Substitutes: Cllr Tony Miller")
    [mark] = result.marks
    assert mark.role is None and mark.status is AttendanceStatus.PRESENT
    assert result.reports == (Report("Cllr Tony Miller", Problem.WHOM),)
    self_sub = plan("Substitutes: Cllr Tony Miller for Cllr Miller")
    assert self_sub.reports == (Report("Cllr Tony Miller", Problem.SELF),)
    assert [m.implied for m in self_sub.marks] == [False]


def test_a_member_substituted_by_someone_unknown_still_sent_apologies() -> None:
    result = plan("Substitutes: CEX for Cllr Mackay")
    [mark] = result.marks
    assert isinstance(mark.who, Found) and mark.who.person == MACKAY and mark.implied
    assert result.reports == (Report("CEX", Problem.NOBODY),)


# --- properties ---------------------------------------------------------------------------

relaxed = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])

LABELS = {RollKind.PRESENT: ["Present:", "Members present -", "PRESENT \u2013"],
          RollKind.IN_ATTENDANCE: ["In attendance:", "Officers in attendance:"],
          RollKind.APOLOGIES: ["Apologies:", "Apologies for absence:",
                               "Apologies for absence were received from"],
          RollKind.ABSENT: ["Absent:"]}
KNOWN_FORMS = [  # (typed, person): every way of naming the directory's people
    ("Cllr Bowen", BOWEN), ("Sebastian Bowen", BOWEN), ("Councillor Sebastian Bowen", BOWEN),
    ("Cllr Dakin", DAKIN), ("Cllr R Dakin", DAKIN), ("Cllr Mackay", MACKAY),
    ("Cllr Turley", TURLEY), ("Mr Colin Hayes", HAYES), ("Mr Hayes", HAYES),
    ("PCC", PCC), ("the PCC", PCC), ("DPCC", DPCC), ("the Chief Constable", CC), ("CC", CC),
    ("JI", IRVIN), ("Jackie Irvin", IRVIN), ("Cllr Tony Miller", MILLER), ("ACC", OTHER_EVANS),
]
UNKNOWN_NAMES = ["Cllr Ann Hart", "Cllr Lee Carter", "Sheena Jones", "Mrs Jo Whitehouse",
                 "Dr Wendy Amos", "Cllr Carwardine"]
NOT_NAMES = ["who was unwell", "at short notice", "unfortunately", "2 others"]
UNKNOWN_ABBREVIATIONS = ["CEX", "OPCC", "DCC"]
pieces = st.one_of(st.sampled_from([form for form, _p in KNOWN_FORMS]),
                   st.sampled_from(UNKNOWN_NAMES), st.sampled_from(NOT_NAMES),
                   st.sampled_from(UNKNOWN_ABBREVIATIONS))
separators = st.sampled_from([", ", "; ", " and ", " & ", ",", " ,  ", ", and "])


@st.composite
def roll_lines(draw: st.DrawFn) -> tuple[str, list[str]]:
    kind = draw(st.sampled_from(sorted(LABELS)))
    label = draw(st.sampled_from(LABELS[kind]))
    typed = draw(st.lists(pieces, min_size=1, max_size=8))
    line = label + " " + typed[0]
    for piece in typed[1:]:
        line += draw(separators) + piece
    return line + draw(st.sampled_from(["", ".", " ", ";"])), typed


@relaxed
@given(roll_lines())
def test_nothing_is_lost_every_name_is_found_new_or_reported(case: tuple[str, list[str]]) -> None:
    line, typed = case
    parsed = parse(line)
    result = plan_roll(parsed, DIRECTORY)
    assert len(parsed.entries) + len(parsed.unread) == len(typed)
    accounted = [m.who.ref.text for m in result.marks if not m.implied] \
        + [r.text for r in result.reports]
    for piece in typed:
        assert piece in accounted, (line, piece, accounted)
    for mark in result.marks:
        if isinstance(mark.who, Found):
            assert (mark.who.ref.text, mark.who.person) in KNOWN_FORMS
        else:
            assert mark.who.ref.text in UNKNOWN_NAMES
    for report in result.reports:
        assert report.text in NOT_NAMES + UNKNOWN_ABBREVIATIONS


def _respaced(line: str, spaces: list[str]) -> str:
    """The same line with other spacing between its words (a tab is not spacing: it
    divides a name from a capacity, as in a table)."""
    out = []
    for index, token in enumerate(line.split(" ")):
        out.append(token)
        out.append(spaces[index % len(spaces)] if spaces else " ")
    return "".join(out).strip()


@relaxed
@given(roll_lines(), st.lists(st.sampled_from([" ", "  ", "\u00a0 ", "   "]), max_size=4),
       st.sampled_from(["", ".", " .", ";", ",", " "]))
def test_parsing_is_stable_under_spacing_and_punctuation(
        case: tuple[str, list[str]], spaces: list[str], ending: str) -> None:
    line, _typed = case
    base = parse(line)
    assert parse(_respaced(line, spaces) + ending) == base
    assert parse(line.replace(";", ",")) == base
    if ":" in line:
        assert parse(line.replace(":", " \u2013", 1)) == base


ALL_LABELS = [label for labels in LABELS.values() for label in labels] + [
    "Also present:", "Substitutes:", "Named substitutes -"]


@relaxed
@given(label=st.sampled_from(ALL_LABELS),
       body=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
       | st.lists(st.sampled_from(["Cllr", "Cllrs", "Bowen", "for", "and", ",", ";", "(", ")",
                                   "\u2013", "-", "PCC", "CEX", "the", "Chief", "Constable",
                                   "Tony Miller", "\t", " ", "."]), max_size=14).map("".join))
def test_whatever_follows_a_label_is_read_or_reported(label: str, body: str) -> None:
    parsed = parse(f"{label} {body}")
    result = plan_roll(parsed, DIRECTORY)
    accounted = {m.who.ref.text for m in result.marks} | {r.text for r in result.reports}
    accounted |= {m.substitute_for.ref.text for m in result.marks if m.substitute_for}
    for entry in parsed.entries:
        assert entry.who.text in accounted
        assert entry.substitute_for is None or entry.substitute_for.text in accounted
    assert set(parsed.unread) <= accounted


def test_a_title_alone_is_not_a_name() -> None:
    assert parse("Apologies: Cllr").unread == ("Cllr",)
