"""Reading who owns an action from what the minute-taker typed ("DCC", "DCC, ACC", "JI")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from minute_taker.domain.records import PersonInfo

_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*", re.IGNORECASE)


def _keys(person: PersonInfo) -> set[str]:
    keys = {person.name, person.display_name, person.abbreviation, person.initials}
    return {k.casefold() for k in keys if k}


_POSSESSIVE = re.compile(r"[\u2019']s$", re.IGNORECASE)


def _bare(word: str) -> str:
    """The key a written owner is looked up by: case-folded, without a possessive
    ("PCC's office" is owned by the PCC)."""
    return _POSSESSIVE.sub("", word.strip()).casefold()


def resolve_owners(owner_text: str, people: Sequence[PersonInfo]) -> list[PersonInfo]:
    """The people ``owner_text`` names, in the order written, each once.

    Parts are split on commas, slashes, ampersands and "and"; a part that names
    nobody as a whole is tried word by word ("DCC ACC JI"). Unknown words are
    left as text: the minutes keep what was typed, the links are a bonus.
    """
    index: dict[str, PersonInfo] = {}
    for person in people:
        for key in _keys(person):
            index.setdefault(key, person)
    found: list[PersonInfo] = []
    for part in _SEPARATORS.split(owner_text.strip()):
        if not part:
            continue
        whole = index.get(_bare(part))
        candidates = [whole] if whole else [index.get(_bare(w)) for w in part.split()]
        for candidate in candidates:
            if candidate is not None and candidate not in found:
                found.append(candidate)
    return found
