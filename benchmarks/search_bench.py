"""Searching a book of 1,000 meetings (issue 20): ``services.search.search`` for the
queries people type, beside the same FTS5 query run with plain ``sqlite3`` in the same
run, and what the index adds to one autosave of a 2,000-word item.

The book: ``meetings`` meetings of one committee a week apart (default 1,000, about 20
items each), each imported through the interchange (``interchange.import_meeting``) from a
generated meeting document: the sample meeting's committee and people, 20 items (titles,
agenda texts, presenters, notes of 150-600 words: sentences drawn at random from some
240 words of police-governance vocabulary and places, with numbers, so words range from
one in a quarter of the entries to a handful of meetings), decisions,
actions owned by DCC / ACC / PCC / CEX with due dates and statuses, declarations,
attendance and papers. The triggers index every row as it is imported, as in real use.

Searches: each query is timed ``REPEATS`` times (fewer, but at least ``MIN_REPEATS``, if
that takes over ``QUERY_BUDGET_S``) through the service and as raw SQL (interleaved, the
order alternating), p50 and p95 of each. The raw SQL is written by
hand: the MATCH on ``search_words`` / ``search_exact`` joined to ``search_entry``, the
meeting, committee and item, with bm25, ordered and limited as the service does, then
the snippets of the rows kept (as the service does: made before the sort and the limit,
the snippets of every match were most of a common word's search), with nothing the
results do not need; the number of rows of both must agree.

Autosave: ``agenda.set_item_minutes`` of a 2,000-word item, one typed word more each
time, on the indexed book and on a copy of it with the index dropped
(``search_index.drop_statements``), interleaved; ``added_p95_ms`` is the difference of
the p95s (the goal: at most 1 ms). Both books write with ``synchronous=FULL``, so
the fsync's own spread is in these figures; ``sql_*`` times the same UPDATE through
``sqlite3`` with ``synchronous=OFF`` on both copies: the triggers' CPU cost alone.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEETINGS = 1000
ITEMS = 20
REPEATS = 60
WARMUP = 2
# A query stops being repeated after this many seconds (all three ways together), once it
# has MIN_REPEATS samples: a slow query then costs the run seconds, not minutes.
QUERY_BUDGET_S = 8.0
MIN_REPEATS = 10
EDITS = 200
NOTES_WORDS = 2000
SEED = 20

# name: the query typed (the raw SQL beside it: _raw_sql)
QUERIES: dict[str, str] = {
    "common_word": "complaints",
    "rare_word": "ombudsman",
    "abbreviation": "HMICFRS",
    "owner_abbreviation": "DCC",
    "phrase": '"body-worn video"',
    "prefix": "safeguard*",
    "exclusion": "burglary -rural",
    "owner_status": "owner:DCC status:open",
    "kind_dates": "kind:decisions after:2019-01-01 before:2019-12-31",
    "word_kind_dates": "budget kind:decisions after:2015-01-01 before:2019-12-31",
}

_SNIPPET = "snippet({t}, 0, '\u0002', '\u0003', '…', 16)"
_LEAD = ("SELECT id, CASE WHEN length(body) > 160 THEN substr(body, 1, 160) || '…' "
         "ELSE body END FROM search_entry WHERE id IN (SELECT value FROM json_each(?))")
_SNIPPETS = ("SELECT rowid, " + _SNIPPET + " FROM {t} WHERE {t} MATCH ? "
             "AND rowid IN (SELECT value FROM json_each(?))")

Raw = tuple[str, tuple[Any, ...], str, tuple[Any, ...]]  # rows, their params; snippets'


def _run_raw(raw: Any, query: Raw) -> list[Any]:
    rows_sql, rows_params, snippets_sql, snippets_params = query
    rows = raw.execute(rows_sql, rows_params).fetchall()
    ids = json.dumps([row[9] for row in rows])
    dict(raw.execute(snippets_sql, (*snippets_params, ids)).fetchall())
    return rows
# The rows first, then the snippets of those kept (worked out before the sort and the
# limit, snippets of every match cost 485 of 500 ms for a common word): as the service.
# An item's notes are one result, at the first paragraph that matches: the matches grouped
# by what they come from (bm25 cannot be read in a grouping query: read in one below it).
_SELECT = ("SELECT meeting_id, date, meeting_title, committee, item_id, number, title, "
           "kind, source_id, id, rank, min(coalesce(part, 0)) FROM ("
           "SELECT e.meeting_id, m.date, m.title AS meeting_title, c.name AS committee, "
           "e.item_id, i.number, i.title, e.kind, e.source_id, e.id, e.part, i.position, "
           "{rank} AS rank FROM {source} "
           "JOIN meeting AS m ON m.id = e.meeting_id "
           "JOIN committee AS c ON c.id = m.committee_id "
           "LEFT JOIN agenda_item AS i ON i.id = e.item_id "
           "WHERE {where} LIMIT -1) GROUP BY kind, source_id "
           "ORDER BY date DESC, meeting_id DESC, rank, position, id LIMIT 200")


def _fts(table: str, where: str, match: str) -> Raw:
    sql = _SELECT.format(rank=f"bm25({table})",
                         source=f"{table} JOIN search_entry AS e ON e.id = {table}.rowid",
                         where=f"{table} MATCH ?{where}")
    return sql, (match,), _SNIPPETS.format(t=table), (match,)


def _raw_sql(name: str) -> Raw:
    """The least SQL giving the rows the service gives for QUERIES[name] on this book."""
    if name == "common_word":
        return _fts("search_words", "", '"complaints"')
    if name == "rare_word":
        return _fts("search_words", "", '"ombudsman"')
    if name == "abbreviation":
        return _fts("search_words", "", '"hmicfrs"')
    if name == "owner_abbreviation":
        return _fts("search_words", "", '"dcc"')
    if name == "phrase":
        return _fts("search_exact", "", '"body worn video"')
    if name == "prefix":
        return _fts("search_exact", "", '"safeguard"*')
    if name == "exclusion":
        # Left out: an entry with the word, and an item whose notes have it anywhere.
        return _fts("search_words", " AND e.id NOT IN (SELECT rowid FROM search_words "
                    "WHERE search_words MATCH 'rural') AND (e.part IS NULL OR e.item_id NOT IN "
                    "(SELECT x.item_id FROM search_entry AS x WHERE x.part IS NOT NULL AND "
                    "x.id IN (SELECT rowid FROM search_words WHERE search_words MATCH "
                    "'rural')))", '"burglary"')
    if name == "owner_status":
        sql = _SELECT.format(
            rank="0.0", source="search_entry AS e JOIN action AS a ON a.id = e.source_id",
            where="e.kind = 'actions' AND a.status = 'open' AND ' ' || "
                  "replace(lower(a.owner_text), ',', ' ') || ' ' LIKE '% dcc %'")
        return sql, (), _LEAD, ()
    if name == "kind_dates":
        sql = _SELECT.format(rank="0.0", source="search_entry AS e",
                             where="e.kind = 'decisions' AND m.date >= '2019-01-01' "
                                   "AND m.date <= '2019-12-31'")
        return sql, (), _LEAD, ()
    if name == "word_kind_dates":
        return _fts("search_words", " AND e.kind = 'decisions' AND m.date >= '2015-01-01' "
                    "AND m.date <= '2019-12-31'", '"budget"')
    raise KeyError(name)


# --- the generated book ------------------------------------------------------

_TOPICS = (
    "complaints", "burglary", "budget", "precept", "recruitment", "custody", "estates",
    "safeguarding", "fleet", "training", "wellbeing", "procurement", "collaboration",
    "firearms", "cybercrime", "fraud", "vetting", "overtime", "sickness", "diversity",
    "domestic abuse", "rural crime", "road safety", "hate crime", "knife crime",
    "county lines", "modern slavery", "missing persons", "stop and search",
    "body-worn video", "contact centre", "call handling", "mental health", "drones",
    "forensics", "digital evidence", "neighbourhood policing", "volunteers", "specials",
    "victim services", "restorative justice", "youth offending", "licensing",
    "anti-social behaviour", "drug testing", "cannabis", "pensions", "capital programme",
    "reserves", "insurance", "audit", "risk register", "data protection", "freedom of "
    "information", "information security", "telematics", "helicopter", "air support",
)
_PLACES = (
    "Hereford", "Worcester", "Telford", "Shrewsbury", "Kidderminster", "Redditch",
    "Bromsgrove", "Evesham", "Malvern", "Ludlow", "Oswestry", "Leominster", "Bridgnorth",
    "Wellington", "Droitwich", "Pershore", "Tenbury", "Ross-on-Wye", "Ledbury", "Hindlip",
)
_VERBS = (
    "reported", "noted", "explained", "confirmed", "questioned", "welcomed", "outlined",
    "highlighted", "acknowledged", "challenged", "described", "summarised", "updated",
    "clarified", "suggested", "emphasised", "reviewed", "presented", "queried", "stressed",
)
_PEOPLE = ("the DCC", "the ACC", "the PCC", "the CEX", "the DPCC", "the Chief Constable",
           "the Head of PSD", "the Treasurer", "the Staff Officer", "the Policy Officer",
           "the Head of Finance", "the Superintendent", "the Chief Inspector")
_NOUNS = (
    "performance", "demand", "capacity", "the backlog", "the action plan", "the review",
    "the inspection", "the business case", "the timetable", "the outcome", "the data",
    "the pilot", "the strategy", "the trend", "the forecast", "the savings", "the risk",
    "the consultation", "the survey", "the evaluation", "the workforce plan", "the estate",
    "the contract", "the partnership", "the scorecard", "the dashboard", "the audit",
    "the investment", "the allocation", "the shortfall", "the variance", "the uplift",
)
_ADJECTIVES = (
    "significant", "modest", "steady", "sharp", "encouraging", "disappointing",
    "considerable", "limited", "sustained", "marked", "gradual", "unexpected", "welcome",
    "continuing", "seasonal", "national", "regional", "local", "alliance-wide", "interim",
)
_TAILS = (
    "compared with the same period last year", "since the last meeting",
    "across the alliance", "in the current financial year", "over the last quarter",
    "following the HMICFRS inspection", "ahead of the next budget round",
    "with partners in the Community Safety Partnership", "in each local policing area",
    "as set out in the paper", "subject to further assurance", "pending the final report",
    "as agreed at the Alliance Governance Group", "within existing resources",
)
_OWNERS = ("DCC", "ACC", "PCC", "CEX", "DCC, ACC", "PCC, CEX", "ACC", "DCC")
_STATUSES = ("open", "open", "done", "done", "done", "carried_forward", "dropped")
_DECISION_KINDS = ("noted", "agreed", "resolved")


def _sentence(rng: random.Random) -> str:
    topic = rng.choice(_TOPICS)
    shape = rng.randrange(6)
    if shape == 0:
        return (f"{rng.choice(_PEOPLE).capitalize()} {rng.choice(_VERBS)} that "
                f"{rng.choice(_NOUNS)} for {topic} in {rng.choice(_PLACES)} showed a "
                f"{rng.choice(_ADJECTIVES)} change {rng.choice(_TAILS)}.")
    if shape == 1:
        return (f"Members discussed {topic} and {rng.choice(_TOPICS)} at some length; "
                f"{rng.choice(_PEOPLE)} {rng.choice(_VERBS)} {rng.choice(_NOUNS)}.")
    if shape == 2:
        return (f"There had been {rng.randrange(2, 400)} incidents of {topic} in "
                f"{rng.choice(_PLACES)}, a {rng.choice(_ADJECTIVES)} rise "
                f"{rng.choice(_TAILS)}.")
    if shape == 3:
        return (f"{rng.choice(_PEOPLE).capitalize()} asked whether {rng.choice(_NOUNS)} "
                f"would address {topic}; {rng.choice(_PEOPLE)} {rng.choice(_VERBS)} "
                f"that it would {rng.choice(_TAILS)}.")
    if shape == 4:
        return (f"The paper on {topic} was {rng.choice(_VERBS)}, with "
                f"{rng.choice(_NOUNS)} of £{rng.randrange(10, 900)}k "
                f"{rng.choice(_TAILS)}.")
    return (f"A {rng.choice(_ADJECTIVES)} improvement in {topic} was "
            f"{rng.choice(_VERBS)} by {rng.choice(_PEOPLE)}.")


def notes_html(rng: random.Random, words: int, rare: str | None = None) -> str:
    """Stored-subset notes of about ``words`` words: paragraphs, bold leads, bullets."""
    parts: list[str] = []
    count = 0
    block = 0
    while count < words:
        if block % 4 == 3:
            bullets = [_sentence(rng) for _ in range(3)]
            part = "<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>"
        else:
            text = " ".join(_sentence(rng) for _ in range(rng.randrange(1, 4)))
            lead = rng.choice(("Findings:", "Update:", "Discussion:", "Assurance:"))
            part = f"<p><strong>{lead}</strong> {text}</p>" if block % 3 == 0 else \
                f"<p>{text}</p>"
        if rare and block == 1:
            part = f"<p>The {rare} was mentioned in passing.</p>{part}"
        parts.append(part)
        count += len(part.split())
        block += 1
    return "".join(parts)


def _uid() -> str:
    return str(uuid.uuid4())


def meeting_document(template: dict[str, Any], rng: random.Random, n: int) -> dict[str, Any]:
    """The ``n``-th generated meeting: the sample's committee and people, new content."""
    doc = {key: copy.deepcopy(template[key]) for key in
           ("format", "format_version", "generator", "exported_at", "committee", "people")}
    date = dt.date(2008, 1, 10) + dt.timedelta(days=7 * n)
    meeting = copy.deepcopy(template["meeting"])
    meeting.update(uid=_uid(), title=f"Monthly Assurance Meeting – {date:%d %B %Y}",
                   date=date.isoformat(), status="draft",
                   next_meeting_at=f"{date + dt.timedelta(days=28)}T10:30")
    doc["meeting"] = meeting
    people = [p["uid"] for p in template["people"]]
    item_template = template["items"][0]
    items = []
    actions = []
    declarations = []
    for k in range(ITEMS):
        topic = rng.choice(_TOPICS)
        item = {key: copy.deepcopy(value) for key, value in item_template.items()}
        rare = "ombudsman" if (n % 97 == 5 and k == 3) else None
        item.update(
            uid=_uid(), number=str(k + 1),
            title=f"{topic.capitalize()} – {rng.choice(_PLACES)} {rng.choice(_NOUNS)}",
            description=f"To receive an update on {topic} {rng.choice(_TAILS)}.",
            presenter=rng.choice(("DCC", "ACC", "PCC", "CEX", "Treasurer")),
            minutes_html=notes_html(rng, rng.randrange(150, 600), rare),
            started_at=None, ended_at=None, planned_minutes=rng.choice((5, 10, 15, 20)),
            children=[], confirms=None, documents=[], decisions=[])
        for _ in range(rng.randrange(0, 3)):
            item["decisions"].append({
                "uid": _uid(), "kind": rng.choice(_DECISION_KINDS),
                "text": f"The {rng.choice(_NOUNS).removeprefix('the ')} on {topic} was "
                        f"{rng.choice(('noted', 'agreed', 'approved'))}; "
                        f"{_sentence(rng)}",
                "mover": None, "seconder": None, "votes_for": None, "votes_against": None,
                "votes_abstained": None, "not_voting": None, "named_votes": [],
                "in_notes": False})
        if rng.random() < 0.3:
            item["documents"].append({"uid": _uid(), "title": f"Report on {topic}",
                                      "location": f"papers/{n}-{k}.pdf", "format": "PDF",
                                      "size_bytes": 120_000})
        for _ in range(rng.randrange(0, 3)):
            due = date + dt.timedelta(days=rng.choice((14, 28, 56, 90)))
            actions.append({
                "uid": _uid(), "item": item["uid"],
                "text": f"{rng.choice(_VERBS).capitalize()} {rng.choice(_NOUNS)} on "
                        f"{topic} and report back {rng.choice(_TAILS)}.",
                "owners": [], "owner_text": rng.choice(_OWNERS),
                "due_date": due.isoformat(), "due_text": None,
                "status": rng.choice(_STATUSES), "update": None, "carried_from": None,
                "progress": []})
        if rng.random() < 0.1:
            declarations.append({
                "person": rng.choice(people), "item": item["uid"],
                "interest": f"Member of a national working group on {topic}.",
                "nature": rng.choice(("Non-pecuniary", "Pecuniary")), "made_at_item": None})
        items.append(item)
    doc["items"] = items
    doc["actions"] = actions
    doc["declarations"] = declarations
    doc["attendance"] = [{**line, "arrived_during_item": None, "left_after_item": None}
                         for line in copy.deepcopy(template["attendance"])]
    doc["audit"] = []
    return doc


def build_book(path: Path, meetings: int) -> dict[str, Any]:
    from minute_taker.services import interchange
    from minute_taker.store.book import MinuteBook

    template = interchange.demo_document()
    rng = random.Random(SEED)
    started = time.perf_counter()
    with MinuteBook.open(path, actor="bench") as book:
        for n in range(meetings):
            interchange.import_meeting(book, meeting_document(template, rng, n))
            if (n + 1) % 100 == 0:
                _log(f"search: built {n + 1}/{meetings} meetings "
                     f"({time.perf_counter() - started:.0f} s)")
    seconds = time.perf_counter() - started
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = dict(conn.execute("SELECT kind, count(*) FROM search_entry GROUP BY kind"))
        items = conn.execute("SELECT count(*) FROM agenda_item").fetchone()[0]
    return {"meetings": meetings, "items": items, "entries": sum(counts.values()),
            "entries_by_kind": counts, "build_s": round(seconds, 1),
            "file_mb": round(path.stat().st_size / 1e6, 1)}


# --- timing --------------------------------------------------------------------

def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, -(-len(ordered) * pct // 100)) - 1]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def time_searches(path: Path, repeats: int) -> dict[str, Any]:
    from minute_taker.services import search
    from minute_taker.store.book import MinuteBook

    results: dict[str, Any] = {}
    with MinuteBook.open(path, actor="bench") as book, \
            contextlib.closing(sqlite3.connect(path)) as raw:
        for name, query in QUERIES.items():
            raw_query = _raw_sql(name)
            samples: dict[str, list[float]] = {"app": [], "raw": []}
            works: dict[str, Callable[[], Any]] = {
                "app": lambda q=query: search.search(book, q),
                "raw": lambda q=raw_query: _run_raw(raw, q),
            }
            counts: dict[str, int] = {}
            started = time.perf_counter()
            for run in range(WARMUP + repeats):
                if (run - WARMUP >= MIN_REPEATS
                        and time.perf_counter() - started > QUERY_BUDGET_S):
                    break
                order = list(works) if run % 2 == 0 else list(reversed(works))
                for which in order:
                    seconds, rows = _timed(works[which])
                    counts[which] = len(rows)
                    if run >= WARMUP:
                        samples[which].append(seconds)
            app_p50, raw_p50 = statistics.median(samples["app"]), statistics.median(
                samples["raw"])
            figures = {
                "query": query, "results": counts["app"], "samples": len(samples["app"]),
                "app_p50_ms": _ms(app_p50), "app_p95_ms": _ms(_pct(samples["app"], 95)),
                "raw_p50_ms": _ms(raw_p50), "raw_p95_ms": _ms(_pct(samples["raw"], 95)),
                "added_p50_ms": _ms(app_p50 - raw_p50),
                "ratio": round(app_p50 / raw_p50, 2),
                "ratio_p95": round(_pct(samples["app"], 95) / _pct(samples["raw"], 95), 2),
            }
            if counts["raw"] != counts["app"]:
                figures["raw_results"] = counts["raw"]
                figures["warning"] = "raw SQL and service disagree on the number of rows"
            results[name] = figures
            _log(f"search: {name} {query!r}: {counts['app']} results, app "
                 f"{figures['app_p50_ms']}/{figures['app_p95_ms']} ms, raw "
                 f"{figures['raw_p50_ms']}/{figures['raw_p95_ms']} ms (p50/p95)")
    return results


PANE_ROUNDS = 5  # each query typed this many times into the Search pane
KEY_GAP_S = 0.08  # a quick typist: 12 keys a second
PANE_QUERIES = ("complaints", "ombudsman", "HMICFRS", "DCC", '"body-worn video"',
                "safeguard*", "burglary -rural", "owner:DCC status:open")


def time_pane(path: Path, rounds: int = PANE_ROUNDS) -> dict[str, Any]:
    """The Search pane in the window, on the generated book: each query typed into its
    box a key every KEY_GAP_S, then the milliseconds from the last key until its results
    are shown and drawn (the pane's 50 ms wait, the search on its thread, the model and
    the view); and the longest the window's event loop went without turning meanwhile,
    which a search on the GUI thread would be."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.app import make_application
    from minute_taker.ui.main_window import MainWindow

    app = QApplication.instance() or make_application(sys.argv[:1])
    window = MainWindow(MinuteBook.open(path, actor="bench"))
    window.resize(1600, 1000)
    window.show()
    window.show_search()
    pane = window.search_pane
    turns: list[float] = []
    ticker = QTimer(interval=2)
    ticker.timeout.connect(lambda: turns.append(time.perf_counter()))
    shown: list[float] = []
    held: list[float] = []

    def wait(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)

    ticker.start()
    for round_number in range(WARMUP + rounds):
        for query in PANE_QUERIES:
            pane.query.clear()
            deadline = time.perf_counter() + 30
            while pane.busy and time.perf_counter() < deadline:
                wait(0.005)
            pane.searched = False
            for number, character in enumerate(query):
                if number:
                    wait(KEY_GAP_S)  # a search of the query so far may run meanwhile
                QTest.keyClicks(pane.query, character)
            last_key = time.perf_counter()
            del turns[:]
            while (pane.busy or not pane.searched) and time.perf_counter() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
            pane.results.viewport().repaint()  # drawn, as the next paint would
            done = time.perf_counter()
            if round_number >= WARMUP:
                shown.append(done - last_key)
                gaps = [b - a for a, b in zip([last_key, *turns], [*turns, done], strict=True)]
                held.append(max(gaps))
    ticker.stop()
    window.close()
    window.context.book.close()
    window.deleteLater()
    app.processEvents()
    return {"queries": list(PANE_QUERIES), "rounds": rounds, "key_gap_ms": KEY_GAP_S * 1000,
            "shown_p50_ms": _ms(statistics.median(shown)), "shown_p95_ms": _ms(_pct(shown, 95)),
            "shown_max_ms": _ms(max(shown)),
            "event_loop_held_p95_ms": _ms(_pct(held, 95)),
            "event_loop_held_max_ms": _ms(max(held))}


def time_autosave(folder: Path, indexed: Path, edits: int) -> dict[str, Any]:
    """set_item_minutes of a 2,000-word item on the indexed book and on a copy of it
    without the index, interleaved."""
    from minute_taker.services import agenda
    from minute_taker.store import search_index
    from minute_taker.store.book import MinuteBook

    bare = folder / "no-index.minutebook"
    shutil.copyfile(indexed, bare)
    with contextlib.closing(sqlite3.connect(bare)) as conn:
        existing = list(conn.execute(search_index.schema_objects_sql()))
        for statement in search_index.drop_statements(existing):
            conn.execute(statement)
        conn.commit()
        left = conn.execute(search_index.schema_objects_sql()).fetchall()
        item_id = conn.execute("SELECT min(id) FROM agenda_item").fetchone()[0]
    if left:
        raise RuntimeError(f"search: the index was not dropped from the copy: {left}")
    rng = random.Random(SEED + 1)
    base = notes_html(rng, NOTES_WORDS)
    typed = ("agreed", "noted", "deferred", "budget", "review", "members", "report", "vote")
    samples: dict[str, list[float]] = {"indexed": [], "no_index": []}
    with MinuteBook.open(indexed, actor="bench") as with_index, \
            MinuteBook.open(bare, actor="bench") as without:
        books = {"indexed": with_index, "no_index": without}
        for edit in range(WARMUP + edits):
            words = " ".join(typed[k % len(typed)] for k in range(edit % 40 + 1))
            html = f"{base}<p>Discussion continued: {words} (edit {edit})</p>"
            order = list(books) if edit % 2 == 0 else list(reversed(books))
            for name in order:
                seconds, _ = _timed(lambda b=books[name], h=html:
                                    agenda.set_item_minutes(b, item_id, h))
                if edit >= WARMUP:
                    samples[name].append(seconds)
    # The same write as one sqlite3 UPDATE with synchronous=OFF: what the index's
    # triggers cost in CPU, without the fsync whose time varies from write to write.
    with contextlib.closing(sqlite3.connect(indexed)) as one, \
            contextlib.closing(sqlite3.connect(bare)) as other:
        connections = {"sql_indexed": one, "sql_no_index": other}
        for conn in connections.values():
            conn.execute("PRAGMA synchronous=OFF")
        for edit in range(WARMUP + edits):
            html = f"{base}<p>Typed again: {edit}</p>"
            order = list(connections) if edit % 2 == 0 else list(reversed(connections))
            for name in order:
                conn = connections[name]
                seconds, _ = _timed(lambda c=conn, h=html: (
                    c.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                              (h, item_id)), c.commit()))
                if edit >= WARMUP:
                    samples.setdefault(name, []).append(seconds)
    figures: dict[str, Any] = {"edits": edits, "notes_words": len(
        notes_text_words(base)), "notes_bytes": len(base.encode())}
    for name, values in samples.items():
        figures[f"{name}_p50_ms"] = _ms(statistics.median(values))
        figures[f"{name}_p95_ms"] = _ms(_pct(values, 95))
    figures["added_p50_ms"] = round(figures["indexed_p50_ms"] - figures["no_index_p50_ms"], 3)
    figures["added_p95_ms"] = round(figures["indexed_p95_ms"] - figures["no_index_p95_ms"], 3)
    for stat in ("p50", "p95"):
        figures[f"sql_added_{stat}_ms"] = round(
            figures[f"sql_indexed_{stat}_ms"] - figures[f"sql_no_index_{stat}_ms"], 3)
    _log(f"search: autosave of {figures['notes_words']} words: indexed "
         f"{figures['indexed_p50_ms']}/{figures['indexed_p95_ms']} ms, no index "
         f"{figures['no_index_p50_ms']}/{figures['no_index_p95_ms']} ms (p50/p95); the "
         f"UPDATE alone, synchronous=OFF: {figures['sql_indexed_p50_ms']} against "
         f"{figures['sql_no_index_p50_ms']} ms")
    return figures


def notes_text_words(html: str) -> list[str]:
    import re

    return re.sub(r"<[^>]+>", " ", html).split()


def bench_search(meetings: int = MEETINGS, repeats: int = REPEATS, edits: int = EDITS,
                 tmpdir: str | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="minute-taker-search-", dir=tmpdir) as folder:
        path = Path(folder) / "search.minutebook"
        result: dict[str, Any] = {"book": build_book(path, meetings)}
        _log(f"search: book built in {result['book']['build_s']} s, "
             f"{result['book']['entries']} entries; timing {len(QUERIES)} queries "
             f"x {repeats}")
        queries = time_searches(path, repeats)
        result["queries"] = queries
        result["repeats"] = repeats
        result["baseline"] = ("the same MATCH, joins, bm25, snippet, ORDER BY and LIMIT "
                              "written by hand, run with sqlite3 on the same file")
        result["worst_app_p95_ms"] = max(q["app_p95_ms"] for q in queries.values())
        result["worst_ratio"] = max(q["ratio"] for q in queries.values())
        result["autosave"] = time_autosave(Path(folder), path, edits)
        result["pane"] = time_pane(path)
        _log(f"search: the pane shows results {result['pane']['shown_p50_ms']}/"
             f"{result['pane']['shown_p95_ms']} ms (p50/p95) after the last key; the event "
             f"loop held at most {result['pane']['event_loop_held_max_ms']} ms meanwhile")
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(bench_search(int(sys.argv[1]) if len(sys.argv) > 1 else MEETINGS),
                     indent=2))
