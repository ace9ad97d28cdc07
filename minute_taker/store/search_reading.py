"""What a search of either kind of book shares (store/search_find.py for a file's FTS5,
store/search_find_pg.py for a team book's PostgreSQL): what a search asks for
(``Criteria``), the filters' SQL, which both databases read alike, and how candidates are
kept and results ordered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import Query

# A filter-only search (owner:DCC status:open) has no match to centre on: its start.
LEAD_CHARACTERS = 160


Row = Any  # a candidate's or an entry's columns by name (sqlite3.Row, or a mapping)


@dataclass(frozen=True)
class Criteria:
    """A search as the services hand it to the store: the query typed, and every filter,
    those in the query and those given beside it, already merged (services/search.py).
    ``kinds`` None: every kind."""

    query: Query
    kinds: frozenset[str] | None = None
    owners: tuple[str, ...] = ()
    statuses: frozenset[ActionStatus] = frozenset()
    committees: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    def filter_conditions(self, params: dict[str, Any], *, like: str = "LIKE") -> list[str]:
        """The SQL testing an entry ``e`` of a meeting ``m`` against every filter but the
        dates (which each database compares its own way), the same on both databases
        but for ``like`` (committee_conditions)."""
        conditions = []
        if self.kinds is not None:
            conditions.append(in_list("e.kind", sorted(self.kinds), "kind", params))
        if self.owners or self.statuses:
            conditions.append(action_condition(list(self.owners), set(self.statuses), params))
        return [*conditions, *committee_conditions(list(self.committees), params, like=like)]


def keep(candidates: Iterable[Row], limit: int) -> dict[Any, Row]:
    """The candidates kept, newest meeting first as they come: until ``limit`` and the
    rest of the last meeting's (its best may come late)."""
    kept: dict[Any, Row] = {}
    last_meeting = None
    for row in candidates:
        if len(kept) >= limit and row["meeting_id"] != last_meeting:
            break
        last_meeting = row["meeting_id"]
        # The notes are indexed a paragraph an entry: an item's notes are one result, at
        # the first paragraph that matches (where Enter selects it).
        part = row["part"]
        key = ("item", row["item_id"]) if part is not None else row["entry_id"]
        if key not in kept or part < kept[key]["part"]:
            kept[key] = row
    return kept


def ordered_hits(kept: dict[Any, Row], found: dict[Any, Row], limit: int) -> list[SearchHit]:
    """The hits of the entries kept (``found``: their rank, snippet and place), in order,
    at most ``limit``."""
    hits = []
    for row in kept.values():
        place = found[row["entry_id"]]
        date = row["meeting_date"]
        hits.append((place["item_position"], row["entry_id"], SearchHit(
            meeting_id=row["meeting_id"],
            meeting_date=date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
            meeting_title=place["meeting_title"], committee=place["committee"],
            item_id=place["item_id"], item_number=place["item_number"] or "",
            item_title=place["item_title"] or "", kind=place["kind"],
            source_id=place["source_id"], snippet=place["snippet"] or "",
            rank=float(place["rank"] or 0.0))))
    # Newest meeting first, as the candidates came; within one, best match first, then
    # in the agenda's order (entries of no item before the items), then as indexed.
    hits.sort(key=lambda h: (h[2].rank, h[0] is not None, h[0] or 0, h[1]))
    hits.sort(key=lambda h: (h[2].meeting_date, h[2].meeting_id), reverse=True)
    return [hit for _position, _id, hit in hits[:limit]]


def action_condition(owners: list[str], statuses: set[ActionStatus],
                      params: dict[str, Any]) -> str:
    """Actions only, owned by every owner named, in one of the states: the state it is in
    now (its latest progress, which the register shows), not only the one minuted. One
    look at each action, its state first (the cheaper test, and it leaves fewer to
    check for owners): a look for each test took half as long again (34 ms against 23
    for 20,000 actions)."""
    tests = []
    if statuses:
        current = ("coalesce((SELECT ap.status FROM action_progress AS ap "
                   "WHERE ap.action_id = a.id AND ap.status IS NOT NULL "
                   "ORDER BY ap.at DESC, ap.id DESC LIMIT 1), a.status)")
        tests.append(in_list(current, sorted(s.value for s in statuses), "status", params))
    for n, owner in enumerate(owners):
        key = f"owner{n}"
        params[key] = like_text(owner.lower())
        params[f"{key}_exactly"] = owner.lower()
        # A whole word or name of the owner text ("DCC, ACC"), or a named owner's name,
        # abbreviation or initials.
        tests.append(
            f"(' ' || replace(replace(replace(lower(a.owner_text), ',', ' '), ';', ' '), "
            f"'/', ' ') || ' ' LIKE '% ' || :{key} || ' %' ESCAPE '\\' "
            f"OR EXISTS (SELECT 1 FROM action_owner AS ao JOIN person AS p "
            f"ON p.id = ao.person_id WHERE ao.action_id = a.id AND "
            f"(lower(p.name) LIKE '%' || :{key} || '%' ESCAPE '\\' "
            f"OR lower(p.abbreviation) = :{key}_exactly "
            f"OR lower(p.initials) = :{key}_exactly)))")
    return (f"(e.kind = 'actions' AND EXISTS (SELECT 1 FROM action AS a "
            f"WHERE a.id = e.source_id AND {' AND '.join(tests)}))")


def committee_conditions(committees: list[str], params: dict[str, Any], *,
                          like: str = "LIKE") -> list[str]:
    """The meeting's committee, by a part of its name or its short name, for each given,
    in any case (``like``: SQLite's LIKE ignores case; PostgreSQL's ILIKE does)."""
    conditions = []
    for n, name in enumerate(committees):
        params[f"committee{n}"] = like_text(name)
        conditions.append(
            f"EXISTS (SELECT 1 FROM committee AS c WHERE c.id = m.committee_id AND "
            f"(c.name {like} '%' || :committee{n} || '%' ESCAPE '\\' "
            f"OR c.short_name {like} :committee{n} ESCAPE '\\'))")
    return conditions


def in_list(column: str, values: list[str], name: str, params: dict[str, Any]) -> str:
    marks = []
    for n, value in enumerate(values):
        params[f"{name}{n}"] = value
        marks.append(f":{name}{n}")
    return f"{column} IN ({', '.join(marks)})"


def like_text(value: str) -> str:
    """Text matched as itself inside LIKE (its % and _ are not wildcards)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
