"""Reading the roll call out of lines typed in the minutes.

A clerk types the roll as the minutes print it, each list on its own line:

    Present: Cllr Sebastian Bowen (Chairman), Cllrs Bhatti, Evans and Yates
    Apologies for absence were received from Cllrs Dakin, Mackay and Turley.
    Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; Cllr Ann Hart for Cllr Mark Turley
    In attendance: PCC, DPCC

``parse_roll_line`` reads who a line names and how, looking nobody up;
``plan_roll`` matches those names against a ``Directory`` of people and says what
to record. Nothing typed is dropped: every piece of a list ends as a person found,
a person new to the book, or a ``Report`` saying why it was not recorded.

A line is a label and a colon or dash (Present, Also present, In attendance,
Apologies, Absent, Substitutes and their variants) or a sentence ("Apologies for
absence were received from"), then a list split on commas, semicolons, "and" and
"&" (not inside brackets, a capacity after a dash, or a name or role the directory
knows). docs/roll_call.md has the grammar in full.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import Abbreviation, PersonInfo


class RollKind(StrEnum):
    PRESENT = "present"
    ALSO_PRESENT = "also present"
    IN_ATTENDANCE = "in attendance"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    SUBSTITUTES = "substitutes"


# What each kind of line records: the status, and the role (None keeps the one recorded).
KIND_MARKS: dict[RollKind, tuple[AttendanceStatus, AttendanceRole | None]] = {
    RollKind.PRESENT: (AttendanceStatus.PRESENT, None),
    RollKind.ALSO_PRESENT: (AttendanceStatus.PRESENT, AttendanceRole.GUEST),
    RollKind.IN_ATTENDANCE: (AttendanceStatus.PRESENT, AttendanceRole.IN_ATTENDANCE),
    RollKind.APOLOGIES: (AttendanceStatus.APOLOGIES, None),
    RollKind.ABSENT: (AttendanceStatus.ABSENT, None),
    RollKind.SUBSTITUTES: (AttendanceStatus.PRESENT, AttendanceRole.SUBSTITUTE),
}


@dataclass(frozen=True, slots=True)
class NameRef:
    """One name as typed: ``text`` is the piece (spaces tidied), ``name`` is without its
    title or "the", ``title`` is singular ("Cllrs Dakin, Mackay" gives both "Cllr")."""

    text: str
    name: str
    title: str | None = None
    capacity: str | None = None

    @property
    def is_abbreviation(self) -> bool:
        return _ABBREVIATION.fullmatch(self.name) is not None

    @property
    def is_role(self) -> bool:
        """Untitled words naming a post ("Chief Constable"), not a person."""
        return self.title is None and not self.is_abbreviation and any(
            word in ROLE_WORDS for word in _words(self.name))


@dataclass(frozen=True, slots=True)
class RollEntry:
    who: NameRef
    substitute_for: NameRef | None = None


@dataclass(frozen=True, slots=True)
class RollLine:
    kind: RollKind
    entries: tuple[RollEntry, ...]
    unread: tuple[str, ...] = ()  # pieces that are not names ("who was unwell")
    # "Officers in attendance:", "Officers:": in attendance as officers supporting the
    # meeting, listed apart from those before the committee ("In attendance:").
    officers: bool = False


# --- the label ----------------------------------------------------------------------------

_BULLET = r"(?:[•●◦▪‣∙·*]\s*|[-–—]\s+)?"
_LABELS = (
    (RollKind.ALSO_PRESENT, r"also\s+(?:present|in\s+attendance|attending)"),
    (RollKind.IN_ATTENDANCE,
     r"(?:officers?\s+)?in\s+attendance|officers?(?:\s+(?:present|attending))?"),
    (RollKind.PRESENT, r"(?:(?:panel|committee|board)\s+)?(?:members\s+|councillors\s+)?present"
                       r"|those\s+present|attendance|attendees"),
    (RollKind.APOLOGIES, r"apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+received(?:\s+from)?)?"),
    (RollKind.ABSENT, r"absent(?:\s+without\s+apolog(?:y|ies))?"),
    (RollKind.SUBSTITUTES, r"(?:named\s+)?(?:substitut(?:es?|ions?)|substitute\s+members?)"),
)
_SENTENCES = (
    (RollKind.APOLOGIES, r"(?:an\s+)?apolog(?:y|ies)(?:\s+for\s+absence)?\s+"
                         r"(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+)?"
                         r"(?:received|given|tendered|submitted|sent)\s+(?:from|by)"),
    (RollKind.PRESENT, r"present\s+were"),
)
_LABEL_END = r"(?!\w)(?:\s*:(?:\s*[-–—](?!\w))?|\s*[–—]|\s+-(?=\s))\s*"  # ":", ":-", " – "
_MARKERS = tuple(
    (kind, re.compile(rf"^\s*{_BULLET}(?:{label}){_LABEL_END}", re.IGNORECASE))
    for kind, label in _LABELS
) + tuple(
    (kind, re.compile(rf"^\s*{_BULLET}(?:{sentence})(?!\w)\s*:?\s*", re.IGNORECASE))
    for kind, sentence in _SENTENCES)
_OFFICERS = re.compile(rf"^\s*{_BULLET}officer", re.IGNORECASE)
_NONE = re.compile(r"(?:none(?:\s+received)?|nil|n/?a|nobody|no\s*one|-+)", re.IGNORECASE)


def has_roll_marker(line: str) -> bool:
    """Whether ``line`` starts as a roll line does: cheap enough for every Enter."""
    return _marker(line) is not None


def _marker(line: str) -> tuple[RollKind, int] | None:
    for kind, pattern in _MARKERS:
        if found := pattern.match(line):
            return kind, found.end()
    return None


# --- splitting the list -------------------------------------------------------------------

_LIST_SEPARATOR = re.compile(r"\s*[;,]\s*(?:(?:and|&)(?!\w)\s*)?|\s+and\s+|\s*&\s*",
                             re.IGNORECASE)
_CAPACITY_DASH = re.compile(r"\s+-\s+|\s*[–—]\s*|\s*\t\s*")
_PIECE_END = re.compile(r"[;,]")
_EDGES = " \t.;,:"
_PROTECTED = "\0"


def _protect(body: str, phrases: Iterable[str]) -> str:
    """``body`` with what must not be split blanked out: brackets, the directory's
    names and roles, and a capacity after its dash up to the next comma."""
    masked = list(body)
    depth = 0
    for index, char in enumerate(body):
        depth += char == "("
        if depth > 0:
            masked[index] = _PROTECTED
        depth -= char == ")" and depth > 0
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        pattern = r"(?<!\w){}(?!\w)".format(r"\s+".join(map(re.escape, words)))
        for found in re.finditer(pattern, body, re.IGNORECASE):
            masked[found.start():found.end()] = _PROTECTED * (found.end() - found.start())
    text = "".join(masked)
    for dash in _CAPACITY_DASH.finditer(text):
        end = _PIECE_END.search(text, dash.end())
        stop = end.start() if end else len(text)
        masked[dash.end():stop] = _PROTECTED * (stop - dash.end())
    return "".join(masked)


def _pieces(body: str, masked: str) -> Iterator[tuple[str, str]]:
    """The list's pieces, each with its masked copy."""
    start = 0
    for found in _LIST_SEPARATOR.finditer(masked):
        yield body[start:found.start()], masked[start:found.start()]
        start = found.end()
    yield body[start:], masked[start:]


# --- one piece ----------------------------------------------------------------------------

_TITLES = {
    "cllr": "Cllr", "cllrs": "Cllr", "councillor": "Councillor", "councillors": "Councillor",
    "county councillor": "County Councillor", "county councillors": "County Councillor",
    "mr": "Mr", "messrs": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx",
    "dr": "Dr", "drs": "Dr", "prof": "Prof", "profs": "Prof", "professor": "Professor",
    "professors": "Professor", "sir": "Sir", "dame": "Dame", "rev": "Rev", "revd": "Revd",
    "lord": "Lord", "lady": "Lady", "baroness": "Baroness", "alderman": "Alderman",
    "aldermen": "Alderman",
}
_PLURAL_TITLES = {"cllrs", "councillors", "county councillors", "messrs", "drs", "profs",
                  "professors", "aldermen"}
_TITLE = re.compile(r"(?P<title>{})\.?(?:\s+|\Z)".format(
    "|".join(t.replace(" ", r"\s+") for t in sorted(_TITLES, key=len, reverse=True))),
    re.IGNORECASE)
_THE = re.compile(r"the\s+", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*\Z")
_SUBSTITUTE_FOR = re.compile(
    r"(?:(?:named\s+)?(?:substitute|substituting|deputising|sub)\s+for|for|in\s+place\s+of)"
    r"\s+(?P<whom>.+)", re.IGNORECASE | re.DOTALL)
_FOR = re.compile(r"\s+(?:(?:as\s+(?:a\s+|the\s+)?(?:named\s+)?substitute|substituting"
                  r"|deputising|standing\s+in)\s+for|in\s+place\s+of|replacing|for)\s+",
                  re.IGNORECASE)
_SUBSTITUTED_BY = re.compile(r"\s+(?:(?:was\s+)?substituted|replaced)\s+by\s+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"[A-Z][A-Z&]{1,7}")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "du", "da", "di", "la", "le", "del",
                        "della", "dos", "das", "ter", "ten", "bin", "ibn", "al", "el", "y"})
_CONNECTORS = frozenset({"and", "&", "of", "for", "the", "to", "on", "in"})  # in roles
_INITIALS = re.compile(r"(?:[A-Z]\.?)+")
ROLE_WORDS = frozenset({
    "chief", "constable", "commissioner", "officer", "officers", "director", "executive",
    "clerk", "secretary", "manager", "head", "inspector", "superintendent", "treasurer",
    "solicitor", "deputy", "assistant", "chair", "chairman", "chairwoman", "chairperson",
    "vice-chair", "vice-chairman", "leader", "lead", "adviser", "advisor", "analyst",
    "representative", "monitoring", "member", "co-opted", "coordinator", "support",
})


def _words(text: str) -> list[str]:
    return text.replace(".", " ").casefold().split()


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(_EDGES)


def _looks_like_name(name: str) -> bool:
    """Capitalised words, particles ("van", "de") and initials; no digits, no prose."""
    words = name.split()
    if not words:
        return False
    for index, word in enumerate(words):
        if word.casefold() in _PARTICLES or _INITIALS.fullmatch(word) \
                or (index and word.casefold() in _CONNECTORS):
            continue
        bare = re.sub(r"^[a-z]{1,2}['’]", "", word)  # d'Souza
        if not bare[:1].isalpha() or not bare[:1].isupper() \
                or not all(c.isalpha() or c in "'’-." for c in bare):
            return False
    return True


def _peel_brackets(text: str) -> tuple[str, list[str], str | None]:
    """The text without its trailing brackets, the capacities they held, and whom
    "(substitute for X)" names."""
    capacities: list[str] = []
    whom: str | None = None
    while found := _TRAILING_BRACKET.search(text):
        inner = _tidy(found["inner"])
        if (sub := _SUBSTITUTE_FOR.fullmatch(inner)) and whom is None:
            whom = sub["whom"]
        elif inner:
            capacities.insert(0, inner)
        text = text[:found.start()]
    return text, capacities, whom


def _name_ref(text: str, carried: str | None) -> tuple[NameRef, str | None]:
    """A name with its title; and the title carried to the names after it."""
    text = _tidy(text)
    name, title = text, None
    if found := _TITLE.match(text):
        key = " ".join(found["title"].casefold().split())
        title, name = _TITLES[key], _tidy(text[found.end():])
        carried = title if key in _PLURAL_TITLES else None
    elif found := _THE.match(text):
        name = _tidy(text[found.end():])
    elif carried and not _ABBREVIATION.fullmatch(text) \
            and not any(word in ROLE_WORDS for word in _words(text)):
        title = carried
    return NameRef(text=text, name=name, title=title), carried


def _split_capacity(piece: str, masked: str) -> tuple[str, str | None]:
    dash = _CAPACITY_DASH.search(masked)
    if dash is None:
        return piece, None
    return piece[:dash.start()], _tidy(piece[dash.end():]) or None


@dataclass
class _Reader:
    kind: RollKind
    entries: list[RollEntry]
    unread: list[str]
    carried: str | None = None

    def piece(self, piece: str, masked: str) -> None:
        if not _tidy(piece):
            return
        name_part, capacity = _split_capacity(piece, masked)
        name_part, bracketed, whom_text = _peel_brackets(name_part)
        if capacity is not None:
            capacity, more, more_whom = _peel_brackets(capacity)
            capacity = _tidy(" ".join([capacity, *(f"({c})" for c in more)])) or None
            whom_text = whom_text or more_whom
        capacity = capacity or (", ".join(bracketed) if bracketed else None)
        if self.kind is RollKind.SUBSTITUTES and whom_text is None:
            name_part, whom_text = self._substitution(name_part)
        who, self.carried = _name_ref(name_part, self.carried)
        if capacity is None and self._attach_as_capacity(who, whom_text):
            return
        whom = None
        if whom_text is not None:
            whom, self.carried = _name_ref(whom_text, self.carried)
            if not _looks_like_name(whom.name):
                self.unread.append(whom.text)
                whom = None
        if not _looks_like_name(who.name):
            self.unread.append(_tidy(piece))
            return
        self.entries.append(RollEntry(replace(who, capacity=capacity), whom))

    @staticmethod
    def _substitution(text: str) -> tuple[str, str | None]:
        if found := _FOR.search(text):
            return text[:found.start()], text[found.end():]
        if found := _SUBSTITUTED_BY.search(text):
            return text[found.end():], text[:found.start()]
        return text, None

    def _attach_as_capacity(self, who: NameRef, whom_text: str | None) -> bool:
        """"Jackie Irvin, Policy Officer": a role after a person is that person's capacity
        ("the Chief Constable" is someone else)."""
        if not self.entries or whom_text is not None or not who.is_role \
                or who.text != who.name or self.kind is RollKind.SUBSTITUTES:
            return False
        last = self.entries[-1]
        if last.who.capacity or last.who.is_role or last.who.is_abbreviation \
                or last.substitute_for is not None:
            return False
        self.entries[-1] = replace(last, who=replace(last.who, capacity=who.text))
        return True


def parse_roll_line(line: str, *, keep_whole: Collection[str] = ()) -> RollLine | None:
    """The roll a typed line records, or None when it is not a roll line.

    ``keep_whole`` are names and roles not to split at their "and" or comma (a
    directory's ``phrases()``). A line with a label but nobody in it ("Apologies:
    none") gives a ``RollLine`` with no entries.
    """
    marker = _marker(line)
    if marker is None:
        return None
    kind, start = marker
    officers = kind is RollKind.IN_ATTENDANCE and _OFFICERS.match(line) is not None
    body = line[start:].rstrip(_EDGES)
    if not body.strip() or _NONE.fullmatch(body.strip()):
        return RollLine(kind, (), officers=officers)
    reader = _Reader(kind, [], [])
    for piece, masked in _pieces(body, _protect(body, keep_whole)):
        reader.piece(piece, masked)
    return RollLine(kind, tuple(reader.entries), tuple(reader.unread), officers)


# --- who a name means ---------------------------------------------------------------------

class Problem(StrEnum):
    NOT_A_NAME = "not a name"
    AMBIGUOUS = "ambiguous"
    NOBODY = "nobody"  # an abbreviation or a role that nobody in the book holds
    WHOM = "whom"  # a substitute, but for whom?
    SELF = "self"


@dataclass(frozen=True, slots=True)
class Report:
    """A piece of a roll line that was not recorded (or not all of it), and why."""

    text: str
    problem: Problem
    candidates: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.problem is Problem.AMBIGUOUS:
            return f"{self.text}: which one \u2013 {' or '.join(self.candidates)}?"
        if self.problem is Problem.NOBODY:
            return f"{self.text}: nobody in the book is known as that"
        if self.problem is Problem.WHOM:
            return f"{self.text}: substitute for whom?"
        if self.problem is Problem.SELF:
            return f"{self.text} cannot substitute for themselves"
        return f"\u201c{self.text}\u201d is not a name"


@dataclass(frozen=True, slots=True)
class Found:
    ref: NameRef
    person: PersonInfo


_CHAIR = re.compile(r"(?:vice[- ])?chair(?:man|woman|person)?|in\s+the\s+chair", re.IGNORECASE)
_BRACKETED_END = re.compile(r"\s*\((?P<short>[^()]*)\)\s*\Z")


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A name nobody in the book has: a person to add, with what the line says of them."""

    ref: NameRef

    @property
    def role(self) -> str | None:
        """The capacity typed ("Policy Officer, OPCC"), without its abbreviation; a chair
        is the meeting's, not the person's."""
        capacity = self.ref.capacity or ""
        if _ABBREVIATION.fullmatch(capacity) or _CHAIR.fullmatch(capacity):
            return None
        return _BRACKETED_END.sub("", capacity).strip() or None

    @property
    def abbreviation(self) -> str | None:
        """"PCC" from "(Police and Crime Commissioner (PCC))" or from "(PCC)"."""
        capacity = self.ref.capacity or ""
        found = _BRACKETED_END.search(capacity)
        short = found["short"].strip() if found else capacity
        return short if _ABBREVIATION.fullmatch(short) else None

    @property
    def key(self) -> tuple[str, str]:
        return _key(self.ref.name), _key(self.ref.title or "")


Who = Found | NewPerson


@dataclass(frozen=True, slots=True)
class Directory:
    """The people a roll line may name, nearest first: ``tiers`` are those at the meeting
    and on its committee, then everyone else in the book. ``abbreviations`` is the
    committee's glossary: "PCC" names whoever holds the Police and Crime Commissioner
    role."""

    tiers: tuple[tuple[PersonInfo, ...], ...]
    abbreviations: tuple[Abbreviation, ...] = ()

    def phrases(self) -> list[str]:
        """Names and roles with a comma, "and", "&" or "for" inside: a list is not split
        there (``parse_roll_line(keep_whole=...)``)."""
        texts = {text for tier in self.tiers for person in tier
                 for text in (person.name, person.display_name, person.role) if text}
        texts |= {a.expansion for a in self.abbreviations}
        texts |= {_BRACKETED_END.sub("", text) for text in texts}
        return sorted((t for t in texts if _INNER_SEPARATOR.search(t)), key=len, reverse=True)


_INNER_SEPARATOR = re.compile(r"[,;&]|\s(?:and|for)\s|\s-\s|[–—\t]", re.IGNORECASE)
_TITLE_FAMILIES = {"councillor": "cllr", "county councillor": "cllr"}
_TITLE_KEYS = frozenset(_TITLES)


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace(".", " ").split()).casefold()


def _title_fits(typed: str | None, held: str | None) -> bool:
    if not typed or not held:
        return True
    typed, held = _key(typed), _key(held)
    return _TITLE_FAMILIES.get(typed, typed) == _TITLE_FAMILIES.get(held, held)


@dataclass(frozen=True, slots=True)
class _Keys:
    person: PersonInfo
    names: frozenset[str]
    abbreviation: str
    initials: str
    roles: frozenset[str]
    given: tuple[str, ...]
    surname: str


def _keys(person: PersonInfo) -> _Keys:
    words = [w for w in _key(person.name).split() if w not in _TITLE_KEYS]
    roles = {_key(person.role or ""), _key(_BRACKETED_END.sub("", person.role or ""))}
    initials = person.initials or "".join(w[0] for w in words)
    return _Keys(person=person,
                 names=frozenset({_key(person.name), _key(person.display_name), " ".join(words)}),
                 abbreviation=_key(person.abbreviation or ""), initials=_key(initials),
                 roles=frozenset(roles - {""}), given=tuple(words[:-1]),
                 surname=words[-1] if words else "")


def _rank_hits(ref: NameRef, tier: Sequence[_Keys],
               glossary: dict[str, str]) -> Iterator[list[PersonInfo]]:
    """Who in ``tier`` the name means, rank by rank, surest first: the whole name; an
    abbreviation (the person's own, or a glossary entry's role); a role; initials;
    a surname; initials and surname; first name and surname. Names other than the
    whole name must fit the title typed (Cllr is Councillor, not Dr)."""
    key = _key(ref.name)
    words = key.split()
    typed = ref.name.split()
    fits = [k for k in tier if _title_fits(ref.title, k.person.title)]
    yield [k.person for k in tier if key in k.names]
    if len(words) == 1:
        yield [k.person for k in tier if key == k.abbreviation]
        if expansion := glossary.get(key):
            yield [k.person for k in tier if expansion in k.roles]
    yield [k.person for k in tier if key in k.roles]
    if ref.is_abbreviation:
        yield [k.person for k in tier if key == k.initials]
        return
    if len(words) == 1:
        yield [k.person for k in fits if k.surname == key]
        return
    given, surname = words[:-1], words[-1]
    if all(_INITIALS.fullmatch(word) for word in typed[:-1]):
        letters = "".join(w for w in given)
        yield [k.person for k in fits
               if k.surname == surname and "".join(w[0] for w in k.given).startswith(letters)]
    yield [k.person for k in fits if k.surname == surname and k.given[:1] == (given[0],)]


def resolve_name(ref: NameRef, directory: Directory) -> Found | NewPerson | Report:
    """Who ``ref`` names: the only match in the nearest tier at the surest rank that has
    one; a ``Report`` when two match there or when an abbreviation or role names
    nobody; otherwise a new person."""
    return _resolve(ref, _keyed(directory), _glossary(directory))


def _keyed(directory: Directory) -> list[list[_Keys]]:
    return [[_keys(person) for person in tier] for tier in directory.tiers]


def _glossary(directory: Directory) -> dict[str, str]:
    return {_key(a.short): _key(_BRACKETED_END.sub("", a.expansion))
            for a in directory.abbreviations}


def _resolve(ref: NameRef, tiers: list[list[_Keys]],
             glossary: dict[str, str]) -> Found | NewPerson | Report:
    for tier in tiers:
        for hits in _rank_hits(ref, tier, glossary):
            unique = list({person.id: person for person in hits}.values())
            if len(unique) == 1:
                return Found(ref, unique[0])
            if unique:
                return Report(ref.text, Problem.AMBIGUOUS,
                              tuple(sorted(p.display_name for p in unique)))
    if ref.is_abbreviation or ref.is_role:
        return Report(ref.text, Problem.NOBODY)
    return NewPerson(ref)


# --- what to record -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RollMark:
    """One person to record. ``role`` None keeps the role recorded (or the committee's).
    ``implied``: the member a substitute stands in for, marked with apologies unless
    already recorded absent or with apologies."""

    who: Who
    status: AttendanceStatus
    role: AttendanceRole | None = None
    substitute_for: Who | None = None
    implied: bool = False


@dataclass(frozen=True, slots=True)
class RollPlan:
    kind: RollKind
    marks: tuple[RollMark, ...]
    reports: tuple[Report, ...] = ()


def identity(who: Who) -> tuple[str, ...]:
    """The same person however they were named: their id, or the new name and title."""
    return ("person", str(who.person.id)) if isinstance(who, Found) else ("new", *who.key)


def plan_roll(line: RollLine, directory: Directory) -> RollPlan:
    """What ``line`` records about the people in ``directory``.

    Each name is recorded when it resolves (or is new); a substitution needs both
    names, and the member substituted for is implied to have sent apologies.
    """
    tiers, glossary = _keyed(directory), _glossary(directory)
    status, kind_role = KIND_MARKS[line.kind]
    if line.officers:
        kind_role = AttendanceRole.OFFICER
    role = None if kind_role is AttendanceRole.SUBSTITUTE else kind_role
    marks: list[RollMark] = []
    implied: list[RollMark] = []
    reports = [Report(text, Problem.NOT_A_NAME) for text in line.unread]
    for entry in line.entries:
        who = _resolve(entry.who, tiers, glossary)
        whom = _resolve(entry.substitute_for, tiers, glossary) if entry.substitute_for \
            else None
        if isinstance(whom, Report):
            reports.append(whom)
            whom = None
        if whom is not None and not isinstance(who, Report) and identity(whom) == identity(who):
            reports.append(Report(entry.who.text, Problem.SELF))
            whom = None
        if whom is not None:  # substituted for, so not there, whoever came instead
            implied.append(RollMark(whom, AttendanceStatus.APOLOGIES, implied=True))
        if isinstance(who, Report):
            reports.append(who)
            continue
        if entry.substitute_for is None and line.kind is RollKind.SUBSTITUTES:
            reports.append(Report(entry.who.text, Problem.WHOM))
        marks.append(RollMark(who, status, AttendanceRole.SUBSTITUTE, whom) if whom
                     else RollMark(who, status, role))
    named = {identity(mark.who) for mark in marks}
    marks += [mark for mark in implied if identity(mark.who) not in named]
    return RollPlan(line.kind, tuple(marks), tuple(reports))
