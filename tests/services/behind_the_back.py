"""Writes by another program, bypassing every service (tamper tests), on either kind of
book: plain ``sqlite3`` on a book's file, a connection of its own to a team book's
database."""

from __future__ import annotations

import contextlib
import sqlite3

from sqlalchemy import create_engine

from minute_taker.store.book import MinuteBook


def behind_the_apps_back(book: MinuteBook, sql: str) -> None:
    if book.server is None:
        with contextlib.closing(sqlite3.connect(book.path)) as raw, raw:
            raw.execute(sql)
        return
    other = create_engine(book.engine.url)
    try:
        with other.begin() as connection:
            connection.exec_driver_sql(sql)
    finally:
        other.dispose()
