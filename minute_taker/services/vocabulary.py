"""The book's own words: its spell-check dictionary and its quick phrases."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select

from minute_taker.domain.errors import ValidationError
from minute_taker.services._common import required_text
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import DictionaryWord, QuickPhrase


def list_words(book: MinuteBook) -> list[str]:
    with book.unit_of_work() as session:
        return list(session.scalars(select(DictionaryWord.word).order_by(DictionaryWord.word)))


def add_word(book: MinuteBook, word: str) -> None:
    """Accept ``word`` in this book from now on (a name, a place, an abbreviation)."""
    word = required_text(word, "word")
    if any(ch.isspace() for ch in word):
        raise ValidationError("Add words one at a time.")
    with book.unit_of_work() as session:
        if session.scalar(select(DictionaryWord.id).where(DictionaryWord.word == word)) is None:
            session.add(DictionaryWord(word=word))


def remove_word(book: MinuteBook, word: str) -> None:
    with book.unit_of_work() as session:
        session.execute(delete(DictionaryWord).where(DictionaryWord.word == word))


def list_phrases(book: MinuteBook) -> list[str]:
    with book.unit_of_work() as session:
        return list(session.scalars(select(QuickPhrase.text)
                                    .order_by(QuickPhrase.position, QuickPhrase.id)))


def set_phrases(book: MinuteBook, phrases: Iterable[str]) -> list[str]:
    """Replace the list of quick phrases (blank entries are dropped)."""
    kept = [p for p in (p.rstrip("\n") for p in phrases) if p.strip()]
    with book.unit_of_work() as session:
        session.execute(delete(QuickPhrase))
        session.add_all(QuickPhrase(position=i, text=text) for i, text in enumerate(kept))
    return kept
