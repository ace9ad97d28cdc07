"""Names and abbreviations offered while minutes are typed.

Typing "DCC" offers the Deputy Chief Constable; typing "Aman" offers Amanda Blakeman.
A row always begins with exactly the text it inserts; what follows (after " \u2013 " or
in brackets) only says who or what it is. For a person with an abbreviation:

=====================================================  ========================
row (key "DCC")                                        inserts
=====================================================  ========================
DCC \u2013 Deputy Chief Constable (Amanda Blakeman)         DCC
Deputy Chief Constable (Amanda Blakeman)               Deputy Chief Constable
Amanda Blakeman (DCC)                                  Amanda Blakeman
=====================================================  ========================

The name row is also keyed by each word of the name and the title ("Aman", "Blak",
"Cllr"), and the role row by the role when only one person holds it ("Deputy"). A
committee abbreviation gives "PCC \u2013 Police and Crime Commissioner" (inserts PCC)
and "Police and Crime Commissioner" (keyed by PCC and by the expansion). The text
keeps what the clerk chose; nothing is added after it, not even a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minute_taker.domain.records import Abbreviation, PersonInfo

MIN_PREFIX = 2
MAX_ROWS = 8
DASH = "\u2013"

_NAME_WORDS = re.compile(r"[^\s\-]+")


@dataclass(frozen=True, slots=True)
class CompletionEntry:
    key: str  # matched against the word being typed, by case-insensitive prefix
    display: str  # the row shown: ``insert`` first, then who or what it is
    insert: str  # what replaces the word being typed


def build_entries(people: Iterable[PersonInfo],
                  abbreviations: Iterable[Abbreviation]) -> list[CompletionEntry]:
    """Every row that may be offered, people first, in the order given."""
    people = list(people)
    role_holders = Counter(_role(p).casefold() for p in people)
    entries: list[CompletionEntry] = []
    for person in people:
        entries += _person_entries(person, role_holders[_role(person).casefold()] == 1)
    for abbreviation in abbreviations:
        entries += _abbreviation_entries(abbreviation)
    return entries


def _person_entries(person: PersonInfo, sole_role: bool) -> list[CompletionEntry]:
    name = person.display_name.strip()
    short = (person.abbreviation or "").strip()
    role = _role(person)
    found: list[CompletionEntry] = []
    if short:
        about = f"{role} ({name})" if role else name
        found.append(CompletionEntry(short, f"{short} {DASH} {about}", short))
        if role:
            found.append(CompletionEntry(short, f"{role} ({name})", role))
        found.append(CompletionEntry(short, f"{name} ({short})", name))
    if role and sole_role:
        found.append(CompletionEntry(role, f"{role} ({name})", role))
    label = f"{name} ({short or role})" if short or role else name
    keys = _NAME_WORDS.findall(person.name) + _NAME_WORDS.findall(person.title or "")
    found += [CompletionEntry(key, label, name) for key in dict.fromkeys(keys)
              if len(key) >= MIN_PREFIX]
    return found


def _role(person: PersonInfo) -> str:
    return (person.role or "").strip()


def _abbreviation_entries(abbreviation: Abbreviation) -> list[CompletionEntry]:
    short, expansion = abbreviation.short.strip(), abbreviation.expansion.strip()
    if not short or not expansion:
        return []
    return [CompletionEntry(short, f"{short} {DASH} {expansion}", short),
            CompletionEntry(short, expansion, expansion),
            CompletionEntry(expansion, expansion, expansion)]


def match_entries(entries: Sequence[CompletionEntry], typed: str, *,
                  limit: int = MAX_ROWS, min_prefix: int = MIN_PREFIX,
                  capital_first: bool = False) -> list[CompletionEntry]:
    """The rows for the word ``typed`` so far, best first, each row once.

    Keys starting with ``typed`` in any case match. An exact key comes before a
    longer one; a row that would insert just what was typed comes last (it only says
    who "DCC" is). With ``capital_first`` a word begun in lower case matches nothing:
    names and abbreviations are written with a capital, and "acc" is more often the
    start of "accept" than of "ACC".
    """
    if len(typed) < min_prefix or (capital_first and not typed[:1].isupper()):
        return []
    folded = typed.casefold()
    hits = [(i, e) for i, e in enumerate(entries) if e.key.casefold().startswith(folded)]
    hits.sort(key=lambda hit: (hit[1].insert == typed, hit[1].key.casefold() != folded,
                               hit[1].key.casefold(), hit[0]))
    seen: set[tuple[str, str]] = set()
    matched: list[CompletionEntry] = []
    for _index, entry in hits:
        if (entry.display, entry.insert) in seen:
            continue
        seen.add((entry.display, entry.insert))
        matched.append(entry)
        if len(matched) == limit:
            break
    return matched
