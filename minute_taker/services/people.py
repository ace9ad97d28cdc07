"""People: members, officers and guests, and how minutes name them."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.records import PersonInfo
from minute_taker.services._common import (
    check_version,
    get,
    optional_text,
    person_record,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Person

_FIELDS = ("title", "role", "abbreviation", "initials", "organisation", "email")


def create_person(book: MinuteBook, name: str, *, title: str | None = None,
                  role: str | None = None, abbreviation: str | None = None,
                  initials: str | None = None, organisation: str | None = None,
                  email: str | None = None, uid: str | None = None) -> PersonInfo:
    with book.unit_of_work() as session:
        row = Person(name=required_text(name, "person's name"), title=optional_text(title),
                     role=optional_text(role), abbreviation=optional_text(abbreviation),
                     initials=optional_text(initials) or derive_initials(name),
                     organisation=optional_text(organisation), email=optional_text(email))
        if uid:
            row.uid = uid
        session.add(row)
        session.flush()
        return person_record(row)


def update_person(book: MinuteBook, person_id: int, *, name: str | None = None,
                  expected_version: int | None = None, **fields: str | None) -> PersonInfo:
    """Change what is given; ``expected_version`` as ``agenda.update_item``'s."""
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        row = get(session, Person, person_id, "person", for_update=True)
        check_version(row, expected_version, f"{row.name}'s details",
                      {**fields, "name": name} if name is not None else dict(fields))
        if name is not None:
            row.name = required_text(name, "person's name")
        for key, value in fields.items():
            setattr(row, key, optional_text(value))
        session.flush()
        return person_record(row)


def list_people(book: MinuteBook) -> list[PersonInfo]:
    with book.unit_of_work() as session:
        return [person_record(p) for p in session.scalars(select(Person).order_by(Person.name))]


def get_person(book: MinuteBook, person_id: int) -> PersonInfo:
    with book.unit_of_work() as session:
        return person_record(get(session, Person, person_id, "person"))


def find_person(book: MinuteBook, name: str) -> PersonInfo | None:
    """The person a typed name means (see ``person_named``), or None."""
    with book.unit_of_work() as session:
        row = person_named(session, name)
        return person_record(row) if row is not None else None


def person_named(session: Session, name: str) -> Person | None:
    """The person a typed name means: their name, or title and name, in any case and
    spacing; the first added when two share it."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for row in session.scalars(select(Person).order_by(Person.id)):
        full = f"{row.title} {row.name}" if row.title else row.name
        if wanted in {" ".join(row.name.split()).casefold(), " ".join(full.split()).casefold()}:
            return row
    return None


def derive_initials(name: str) -> str | None:
    """JI for Jackie Irvin; titles such as Cllr or Dr are not part of initials."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    words = [w for w in words if w.rstrip(".").lower() not in _HONORIFICS]
    letters = "".join(w[0].upper() for w in words if w[0].isalpha())
    return letters or None


_HONORIFICS = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "prof", "sir", "dame",
               "rev", "lord", "lady"}
