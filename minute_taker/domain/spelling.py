"""Spelling rules for minutes: what counts as a word, what is never flagged, and a
British checker that remembers its answers.

The dictionary engine is anything with ``lookup`` and ``suggest`` (see
``services/spelling.py`` for the Hunspell en_GB one); this module decides what to ask
it. Words that minutes are full of and no dictionary knows (people's names, the
committee's abbreviations, DCC, PCSOs, 2nd, A4) are never flagged.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from minute_taker.domain.records import Abbreviation, PersonInfo

SUGGESTION_LIMIT = 5

# Titles and short forms of UK council and police minutes that the en_GB list lacks.
MEETING_WORDS = frozenset({"Cllr", "Cllrs", "Supt", "Insp", "Sgt", "Ch", "Mx"})


class SpellingEngine(Protocol):
    """A dictionary: is this exact word spelt right, and what might have been meant."""

    def lookup(self, word: str) -> bool: ...

    def suggest(self, word: str) -> Iterable[str]: ...


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a line of text; ``start`` counts characters (code points) from 0."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# Letters and digits, with apostrophes inside (don't, Commissioner's, O'Brien) and
# hyphens inside (well-being, co-operate): a compound is checked whole, then by parts.
_PART = r"[^\W_]+(?:['\u2019][^\W_]+)*"
_COMPOUND = re.compile(rf"{_PART}(?:-{_PART})*")
_PARTS = re.compile(_PART)
_NOT_WORDS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"[A-Z]{2,6}(?:'?s)?")  # DCC, PCSOs, PCC's
_IZE = re.compile(r"(?P<stem>\w{3,}?)(?P<iz>iz|IZ)(?P<tail>e|es|ed|ing|er|ers|ation|ations"
                  r"|ational|able|e's|er's|ation's)", re.IGNORECASE)


def tokenise(text: str) -> list[Token]:
    """The words of ``text``, hyphenated compounds whole, web and e-mail addresses left out."""
    tokens: list[Token] = []
    position = 0
    for skipped in _NOT_WORDS.finditer(text):
        tokens.extend(_compounds(text, position, skipped.start()))
        position = skipped.end()
    tokens.extend(_compounds(text, position, len(text)))
    return tokens


def _compounds(text: str, start: int, end: int) -> Iterator[Token]:
    for match in _COMPOUND.finditer(text, start, end):
        yield Token(match.start(), match.group())


def parts(token: Token) -> list[Token]:
    """The hyphen-separated parts of a compound (the token itself if it has none)."""
    if "-" not in token.text:
        return [token]
    return [Token(token.start + m.start(), m.group()) for m in _PARTS.finditer(token.text)]


def never_flagged(word: str) -> bool:
    """Words no dictionary should judge: with digits, single letters, ALL-CAPS abbreviations."""
    return (len(word) < 2 or any(ch.isdigit() for ch in word)
            or _ABBREVIATION.fullmatch(word) is not None)


def normalise(word: str) -> str:
    return word.replace("\u2019", "'")


def meeting_words(people: Iterable[PersonInfo],
                  abbreviations: Iterable[Abbreviation] = ()) -> set[str]:
    """Every word of people's names, titles, roles and the committee's abbreviations."""
    texts: list[str | None] = []
    for person in people:
        texts += [person.name, person.title, person.role, person.abbreviation,
                  person.initials, person.organisation]
    for abbreviation in abbreviations:
        texts += [abbreviation.short, abbreviation.expansion]
    words: set[str] = set()
    for text in texts:
        for token in tokenise(text or ""):
            words.update(normalise(part.text) for part in parts(token))
    return words


# Paragraph texts whose misspelt words are remembered: every paragraph of a few large
# items (a 100,000-word item has about 5,000), each a string the document holds anyway.
PARAGRAPHS_KEPT = 20_000


class SpellChecker:
    """A dictionary engine plus the book's words and this meeting's ignored words.

    Answers are cached (a notes document repeats the same few thousand words, and
    highlighting asks again on every keystroke in a paragraph): the engine's, each
    word's verdict, and the words to underline in each paragraph's text, so that
    underlining a document shown before costs a look-up a paragraph. The verdicts and
    paragraphs are forgotten when the accepted or ignored words change.
    With ``prefer_ise`` an Oxford ``-ize`` spelling is flagged when the ``-ise``
    spelling exists, as councils and police forces write organise and recognise:
    the en_GB dictionary accepts both.
    """

    def __init__(self, engine: SpellingEngine, *, prefer_ise: bool = True,
                 cache_size: int = 50_000) -> None:
        self._engine = engine
        self.prefer_ise = prefer_ise
        self._lookup = functools.lru_cache(maxsize=cache_size)(engine.lookup)
        self._suggestion_cache: dict[str, list[str]] = {}
        self._accepted: set[str] = set(MEETING_WORDS)
        self._accepted_upper = {w.upper() for w in MEETING_WORDS}
        self._ignored: set[str] = set()
        self._verdicts: dict[str, bool] = {}
        self._paragraphs: dict[str, tuple[Token, ...]] = {}
        self._cache_size = cache_size

    def _forget_verdicts(self) -> None:
        self._verdicts.clear()
        self._paragraphs.clear()

    def set_accepted_words(self, words: Iterable[str]) -> None:
        """Words to accept besides the dictionary's: the book's own and the meeting's names."""
        accepted = set(MEETING_WORDS)
        for word in words:
            word = normalise(word.strip())
            if word:
                accepted.add(word)
        self._accepted = accepted
        self._accepted_upper = {w.upper() for w in accepted}
        self._suggestion_cache.clear()
        self._forget_verdicts()

    def ignore(self, word: str) -> None:
        self._ignored.add(normalise(word))
        self._forget_verdicts()

    def clear_ignored(self) -> None:
        self._ignored.clear()
        self._forget_verdicts()

    def is_correct(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) >= self._cache_size:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._judge(word)
        return verdict

    def _judge(self, word: str) -> bool:
        word = normalise(word)
        if never_flagged(word) or self._is_accepted(word) or word in self._ignored:
            return True
        if not self._lookup(word):
            return False
        return self.british_form(word) is None

    def misspelt(self, text: str) -> list[Token]:
        """The words of ``text`` to underline, parts of a compound on their own."""
        known = self._paragraphs.get(text)
        if known is None:
            if len(self._paragraphs) >= PARAGRAPHS_KEPT:
                self._paragraphs.clear()
            known = self._paragraphs[text] = tuple(self._find_misspelt(text))
        return list(known)

    def _find_misspelt(self, text: str) -> list[Token]:
        found: list[Token] = []
        for token in tokenise(text):
            if self.is_correct(token.text):
                continue
            pieces = parts(token)
            if len(pieces) == 1:
                found.append(token)
            else:
                found.extend(piece for piece in pieces if not self.is_correct(piece.text))
        return found

    def suggestions(self, word: str, limit: int = SUGGESTION_LIMIT) -> list[str]:
        """Up to ``limit`` replacements: the -ise form, close names, then the dictionary's."""
        word = normalise(word)
        cached = self._suggestion_cache.get(word)
        if cached is None:
            cached = self._find_suggestions(word, limit)
            if len(self._suggestion_cache) > 500:
                self._suggestion_cache.clear()
            self._suggestion_cache[word] = cached
        return cached[:limit]

    def british_form(self, word: str) -> str | None:
        """``organise`` for ``organize`` when ``prefer_ise`` and the -ise word exists."""
        if not self.prefer_ise:
            return None
        match = _IZE.fullmatch(word)
        if match is None:
            return None
        s = "S" if match["iz"].isupper() else "s"
        candidate = f"{match['stem']}{match['iz'][0]}{s}{match['tail']}"
        return candidate if self._lookup(candidate) else None

    def _find_suggestions(self, word: str, limit: int) -> list[str]:
        found: list[str] = []

        def add(candidate: str) -> None:
            candidate = self.british_form(candidate) or candidate
            if candidate != word and candidate not in found:
                found.append(candidate)

        british = self.british_form(word)
        if british:
            add(british)
        for name in difflib.get_close_matches(word, sorted(self._accepted), n=2, cutoff=0.8):
            add(name)
        for candidate in islice(self._engine.suggest(word), limit * 2):
            add(candidate)
            if len(found) >= limit:
                break
        return found

    def _is_accepted(self, word: str) -> bool:
        base = word[:-2] if word.endswith("'s") else word
        accepted = self._accepted
        if base in accepted:
            return True
        # Hunspell's rule: a word may also be written Capitalised or in CAPITALS.
        lowered = base[:1].lower() + base[1:]
        if lowered != base and lowered in accepted:
            return True
        return base.isupper() and base in self._accepted_upper
