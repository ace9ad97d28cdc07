"""Reading actions and decisions out of lines typed during the meeting.

A minute-taker types "ACTION: DCC to share briefing with PCC's office by end
January 2018" and goes on listening; the action column needs who (DCC), what
and by when (31 January 2018, shown as written). These functions find those
parts and change nothing else: the owners and the due phrase are slices of the
line as typed, and the text is the rest of it.

Where the owners are written decides what stays in the text:

- as the sentence's subject, before "to", "will", "should"... ("DCC to share
  ...", "DCC, ACC will ..."): the text keeps them, as action-note minutes print
  it, and the owners are repeated in the action column;
- before a colon ("ACTION - JI: share results ...") or after the text ("... the
  PCC's office. DCC", "... office<TAB>DCC", "... (DCC)"): they are taken out.

Before the colon wins over the subject, which wins over the end. Owners are
role abbreviations or initials (two to six capitals, perhaps with "'s") or the
names the caller knows (any case), joined by commas, "and", "&", "/" or spaces.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection
from dataclasses import dataclass

from minute_taker.domain.dates import leading_date, leading_time, split_due
from minute_taker.domain.enums import DecisionKind


@dataclass(frozen=True, slots=True)
class ActionDraft:
    """An action as read from a line, before it is stored.

    ``text`` is what the minutes show (trailing full stop and separators dropped,
    first letter capitalised unless the text starts with its owners);
    ``owner_text`` and ``due_text`` are exactly as typed; ``due_date`` is None
    when the phrase names no date ("by next meeting", "when complete").
    """

    text: str
    owner_text: str = ""
    due_date: dt.date | None = None
    due_text: str | None = None


@dataclass(frozen=True, slots=True)
class NextMeetingDraft:
    """The next meeting as a typed line gives it; ``time`` and ``venue`` only when typed."""

    date: dt.date
    time: dt.time | None = None
    venue: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """A decision as read from a line; the kind is its label and is not repeated in text."""

    kind: DecisionKind
    text: str


# --- lines and markers --------------------------------------------------------------------

_BULLET = r"(?:[•●◦▪‣∙·*]\s*|[-–—]\s+)?"
_MARKER = re.compile(rf"""
    ^\s*{_BULLET}
    actions?(?:\s+(?:arising|points?))?      # ACTION, Actions, Actions arising, Action point
    (?:\s*:|\s*[–—]|\s+-)                    # then a colon or a dash ("Action-plan" is not one)
""", re.IGNORECASE | re.VERBOSE)
_LEADING_BULLET = re.compile(rf"^\s*{_BULLET}")
# "Actions arising: There were no actions arising." is a line with nothing to do.
_NO_ACTION = re.compile(r"""
    (?:none|nil|n/a|no\s+actions?(?:\s+arising)?
      |there\s+(?:were|are)\s+no\s+(?:further\s+)?actions?(?:\s+arising)?)
""", re.IGNORECASE | re.VERBOSE)
_EDGE = re.compile(r"[\s:;,.\-–—]+")


def _leading(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.match(text)
    return found.end() if found else 0


def _tidy(text: str) -> str:
    """Without the spaces and separators that joined it to what was taken away."""
    text = text[_leading(_EDGE, text):]
    return text[:len(text) - _leading(_EDGE, text[::-1])]


# --- owners -------------------------------------------------------------------------------

# Capitals that are not people: what a line may start or end with besides owners.
_NOT_OWNERS = ("ACTIONS", "ACTION", "AGREED", "NOTED", "NOTE", "ASAP", "AOB", "TBC", "TBA",
               "NB")
_ABBREVIATION = rf"(?!(?:{'|'.join(_NOT_OWNERS)})(?!\w))[A-Z]{{2,6}}(?:['’]s)?(?!\w)"
_OWNER_SEPARATOR = r"(?:\s*[,&/+]\s*|\s+(?i:and)\s+|\s+)"
_SUBJECT_VERB = r"\s+(?i:to|will|shall|should|must|would|is\s+to|are\s+to)(?!\w)"
# What stands between the text and owners written after it: ". DCC", " – DCC", a tab.
_END_SEPARATOR = re.compile(r"""
    (?:[.;!?](?=\s)           # a sentence ends: ". DCC"
      |(?<!\s)\s+-(?=\s)      # a spaced hyphen: " - DCC"
      |(?<!\s)\s*[–—]         # a dash: " – DCC", "—DCC"
      |(?<!\s)\s*\t)          # the action column: "<TAB>DCC"
    \s*
""", re.VERBOSE)
_SUBJECT_AFTER_OWNER = re.compile(_SUBJECT_VERB)


@dataclass(frozen=True, slots=True)
class _OwnerPatterns:
    owners: re.Pattern[str]     # a whole list: "DCC, ACC and Jackie Irvin"
    before_colon: re.Pattern[str]
    subject: re.Pattern[str]
    bracketed: re.Pattern[str]  # "(DCC)" at the end


def _known_key(known_owners: Collection[str]) -> tuple[str, ...]:
    names = {" ".join(name.split()) for name in known_owners}
    return tuple(sorted(name for name in names if name))


@functools.lru_cache(maxsize=32)
def _owner_patterns(known: tuple[str, ...], abbreviations: bool) -> _OwnerPatterns | None:
    """Patterns for a list of owners: known names (any case) and, if allowed, capitals."""
    choices = [r"(?i:{})(?!\w)".format(r"\s+".join(map(re.escape, name.split())))
               for name in sorted(known, key=len, reverse=True)]
    if abbreviations:
        choices.append(_ABBREVIATION)
    if not choices:
        return None
    token = rf"(?<!\w)(?>{'|'.join(choices)})"  # atomic: a name is taken whole or not at all
    owners = rf"(?P<owners>{token}(?:{_OWNER_SEPARATOR}{token})*)"
    return _OwnerPatterns(owners=re.compile(owners),
                          before_colon=re.compile(rf"^{owners}\s*:"),
                          subject=re.compile(rf"^{owners}{_SUBJECT_VERB}"),
                          bracketed=re.compile(rf"\(\s*{owners}\s*\)\Z"))


def _owners_at_end(body: str, patterns: _OwnerPatterns) -> tuple[str, str] | None:
    if patterns.owners.fullmatch(body):
        return body, ""  # "ACTION: DCC": owners, nothing to do yet
    if found := patterns.bracketed.search(body):
        return found["owners"], body[:found.start()]
    separators = list(_END_SEPARATOR.finditer(body))
    if separators and patterns.owners.fullmatch(tail := body[separators[-1].end():]):
        return tail, body[:separators[-1].start()]
    return None


def _find_owners(body: str, patterns: _OwnerPatterns | None,
                 anywhere: bool) -> tuple[str, str]:
    """(owners as written, the body without them); subject owners stay in the body."""
    if patterns is None:
        return "", body
    if found := patterns.before_colon.match(body):
        return found["owners"], body[found.end():]
    if found := patterns.subject.match(body):
        return found["owners"], body
    if anywhere and (at_end := _owners_at_end(body, patterns)):
        return at_end
    return "", body


def _capitalised(text: str, owner_text: str) -> str:
    """First letter up, unless the text starts with its owners or a word like "iPad"."""
    first, upper = text[:1], text[:1].upper()
    if (owner_text and text.startswith(owner_text)) or not first.islower() \
            or len(upper) != 1 or text[1:2].isupper():
        return text
    return upper + text[1:]


def _reads_back(text: str, due_text: str, meeting_date: dt.date) -> bool:
    """Whether "text due" has the same due phrase: "Share by the. End of month" must keep
    its full stop, since "Share by the End of month" is due "by the End of month"."""
    return split_due(f"{text} {due_text}", meeting_date=meeting_date).due_text == due_text


# --- actions ------------------------------------------------------------------------------

def has_action_marker(line: str) -> bool:
    """Whether ``line`` starts as an action does ("ACTION:", "Actions arising -"): cheap
    enough to ask on every Enter before anything else is looked up."""
    return _MARKER.match(line) is not None


def parse_action_line(line: str, *, meeting_date: dt.date, known_owners: Collection[str] = (),
                      require_marker: bool = True) -> ActionDraft | None:
    """The action a typed line records, or None if it records none.

    A line is an action when it starts with a marker ("ACTION:", "Action -",
    "Actions arising:"). With ``require_marker=False`` (the user asked for an
    action) any line is one; without a marker only ``known_owners`` at its start
    are taken as owners, since capitals there are as likely a heading ("AOB:").
    Relative due phrases count from ``meeting_date``.
    """
    marker = _MARKER.match(line)
    if marker is None and require_marker:  # has_action_marker(line) is False
        return None
    body = _tidy(line[marker.end():] if marker else _LEADING_BULLET.sub("", line, count=1))
    if _NO_ACTION.fullmatch(body):
        return None
    patterns = _owner_patterns(_known_key(known_owners), marker is not None)
    owner_text, body = _find_owners(body, patterns, anywhere=marker is not None)
    body = _tidy(body)
    rest, due_text, due_date = split_due(body, meeting_date=meeting_date)
    text = _tidy(rest)
    if not text:
        return None
    if due_text is not None and not _reads_back(text, due_text, meeting_date):
        text = rest.rstrip()
    return ActionDraft(text=_capitalised(text, owner_text), owner_text=owner_text,
                       due_date=due_date, due_text=due_text)


def format_action_line(draft: ActionDraft) -> str:
    """The draft as a line ``parse_action_line`` reads back as the same draft.

    "ACTION: DCC to share ... by end January 2018" when the text names its
    owners as its subject, else "ACTION - JI: Share ... when complete".
    """
    due = f" {draft.due_text}" if draft.due_text else ""
    owner = draft.owner_text
    if owner and not (draft.text.startswith(owner)
                      and _SUBJECT_AFTER_OWNER.match(draft.text, len(owner))):
        return f"ACTION - {owner}: {draft.text}{due}"
    return f"ACTION: {draft.text}{due}"


# --- decisions ----------------------------------------------------------------------------

_LABELS = {"resolved": DecisionKind.RESOLVED, "agreed": DecisionKind.AGREED,
           "noted": DecisionKind.NOTED}
_LABEL = re.compile(rf"""
    ^\s*{_BULLET}
    (?P<lead>it\s+was\s+(?:(?:unanimously|also|further)\s+)?)?   # It was agreed
    (?P<label>resolved|agreed|noted)(?!\w)
    (?P<rest>.*)
""", re.IGNORECASE | re.VERBOSE | re.DOTALL)
# "The Panel RESOLVED that": a label in capitals after a short subject.
_SUBJECT_LABEL = re.compile(r"""
    ^\s*(?:[\w'’-]+\s+){1,4}?
    (?P<label>RESOLVED|AGREED)(?!\w)
    (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)
# A lower-case label must be followed by a colon, a dash, "that" or "to" to be one:
# "Agreed: ...", "Resolved that ..."; not "Agreed actions were reviewed".
_LABEL_FOLLOWER = re.compile(r"\s*[:\-–—]|\s+(?:that|to)(?!\w)", re.IGNORECASE)
_WAS_NOTED = re.compile(r"""
    \S\s+(?:was|were|has\s+been|have\s+been)\s+
    (?:(?:duly|formally)\s+)?(?:(?:received|considered)\s+and\s+)?noted
    [\s.]*\Z
""", re.IGNORECASE | re.VERBOSE)
_DECISION_START = re.compile(r"[\s:;,.\-–—]+")


def _decision_text(text: str) -> str:
    return text[_leading(_DECISION_START, text):].rstrip()


def _labelled(line: str) -> DecisionDraft | None:
    found = _LABEL.match(line)
    if found:
        label, lead = found["label"], found["lead"]
        if lead and label.casefold() == "noted":
            return None  # "It was noted that ..." records a finding, not a decision
        if not (lead or label.isupper() or _LABEL_FOLLOWER.match(found["rest"])):
            return None
    elif not (found := _SUBJECT_LABEL.match(line)):
        return None
    text = _decision_text(found["rest"])
    return DecisionDraft(_LABELS[found["label"].casefold()], text) if text else None


def parse_decision_line(line: str) -> DecisionDraft | None:
    """The decision a typed line records, or None.

    "RESOLVED that ..." and "It was resolved that ..." are resolutions, "AGREED:
    ..." and "It was agreed that ..." agreements (text "that ..."); "The Report was
    noted." and "NOTED: ..." are noted (the sentence is kept whole). "It was
    noted that ..." records a finding, not a decision, and gives None.
    """
    if draft := _labelled(line):
        return draft
    if _WAS_NOTED.search(line):
        return DecisionDraft(DecisionKind.NOTED, _decision_text(line))
    return None


def format_decision_line(draft: DecisionDraft) -> str:
    """The draft as a line ``parse_decision_line`` reads back as the same draft."""
    label = draft.kind.value.upper()
    candidates = [draft.text] if draft.kind is DecisionKind.NOTED else []
    if re.match(r"(?:that|to)(?!\w)", draft.text, re.IGNORECASE):
        candidates.append(f"{label} {draft.text}")
    for line in candidates:
        if parse_decision_line(line) == draft:
            return line
    return f"{label}: {draft.text}"


# --- the date of the next meeting ---------------------------------------------------------

# "Date of next meeting", "Date and time of the next meeting", "Next meeting".
_NEXT_MEETING_TITLE = re.compile(r"""
    ^\s*(?:(?:dates?|time|date\s+and\s+time|time\s+and\s+date|details)\s+of\s+)?
    (?:the\s+)?next\s+meeting(?:\s+date)?[\s.:]*\Z
""", re.IGNORECASE | re.VERBOSE)
# A line that names the next meeting before its date: "Date of next meeting: ...",
# "Next meeting - ...", "The next meeting will be held on ...".
_NEXT_MEETING_LEAD = re.compile(rf"""
    ^\s*{_BULLET}
    (?:(?:(?:dates?|time|date\s+and\s+time|time\s+and\s+date|details)\s+of\s+)?
       (?:the\s+)?next\s+meeting(?:\s+date)?\s*(?::|[–—]|\s-)\s*
       (?:(?:will\s+be|to\s+be|is)\s+)?(?:held\s+)?(?:on\s+)?
     |(?:the\s+)?next\s+meeting\s+(?:of\s+the\s+[\w\s'’]{{1,40}}?\s+)?
       (?:will\s+(?:now\s+)?be|would\s+be|is|was\s+(?:set|fixed|arranged)\s+for)\s+
       (?:held\s+)?(?:on\s+)?)
""", re.IGNORECASE | re.VERBOSE)
_TIME_LEAD = re.compile(r"[\s,;]*(?:(?:at|from|starting\s+at|commencing\s+at)\s+)?",
                        re.IGNORECASE)
_VENUE_LEAD = re.compile(r"[\s,;:\-–—]*(?:(?:in|at|venue:?|location:?)\s+(?-i:the\s+)?)?",
                         re.IGNORECASE)


def is_next_meeting_title(title: str) -> bool:
    """An item about the date of the next meeting ("Date of Next Meeting")."""
    return bool(_NEXT_MEETING_TITLE.match(title))


def parse_next_meeting_line(line: str, *, meeting_date: dt.date,
                            item_title: str = "") -> NextMeetingDraft | None:
    """The next meeting a typed line gives, or None.

    "Date of next meeting: Tuesday 6 February 2018 at 10.30am, Council Chamber" gives
    6 February 2018, 10:30 and "Council Chamber"; "The next meeting will be held on
    6 February 2018 in the Council Chamber" too. In an item titled "Date of next
    meeting" the line may be the date alone ("6 February 2018 at 10:30"). A date
    without its year is the next one on or after ``meeting_date``; a line with no date
    it can read ("to be confirmed") gives None.
    """
    lead = _NEXT_MEETING_LEAD.match(line)
    if lead is not None:
        rest = line[lead.end():]
    elif is_next_meeting_title(item_title):
        rest = line[_leading(_LEADING_BULLET, line):]
    else:
        return None
    rest = rest.strip()
    found = leading_date(rest, after=meeting_date)
    if found is None or found[0] <= meeting_date:
        return None
    date, end = found
    rest = rest[end:]
    time = None
    at = _TIME_LEAD.match(rest)
    if at is not None and (clock := leading_time(rest[at.end():])) is not None:
        time, length = clock
        rest = rest[at.end() + length:]
    venue_text = rest[_leading(_VENUE_LEAD, rest):].strip().rstrip(".;,").strip()
    if time is None:
        time, venue_text = _time_at_end(venue_text)
    return NextMeetingDraft(date, time, venue_text or None)


_TIME_AT_END = re.compile(r"[,;]?\s*(?:at|from)\s+(\S.*?)[.\s]*\Z", re.IGNORECASE)


def _time_at_end(text: str) -> tuple[dt.time | None, str]:
    """"Council Chamber, at 2pm": the time said after the venue, and the venue."""
    tail = _TIME_AT_END.search(text)
    clock = leading_time(tail[1]) if tail else None
    if tail is None or clock is None or clock[1] != len(tail[1]):
        return None, text
    return clock[0], text[:tail.start()].rstrip(" ,;")
