"""The layering is a test that fails: import-linter's contracts from pyproject.toml
(docs/architecture.md says what each one means). That no export imports Qt, so the
command line writes a PDF with no display, is one of them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "minute_taker"
# SQL only one of a book's two databases speaks: SQLite's (FTS5, pragmas, its catalogue,
# its JSON and date functions, rowids) and PostgreSQL's (text search, notifications,
# time zones, ILIKE, its catalogue). Portable SQL (SELECT, EXISTS, LIKE, coalesce) is not
# here: the services may write it, as they do for the search filters they share.
ONE_DATABASE_SQL = re.compile(
    r"PRAGMA|json_each|bm25\(|snippet\(|\bMATCH\b|sqlite_master|INSERT OR |rowid|"
    r"julianday|datetime\('now|VACUUM|tsvector|tsquery|ts_rank|ts_headline|pg_notify|"
    r"pg_advisory|\bLISTEN\b|\bNOTIFY\b|AT TIME ZONE|ILIKE|::(text|int|date|regclass)\b")


def test_import_contracts_are_kept() -> None:
    # In a child process: import-linter reconfigures logging for the whole interpreter.
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 7 kept, 0 broken." in done.stdout


def test_nothing_outside_the_store_speaks_one_database_s_own_sql() -> None:
    """A book is a file or a team book with the same models (issue 22): what is SQLite's
    or PostgreSQL's own is in the store, each difference written next to its code. (No
    driver is imported outside it either: the contract "Only the store speaks to a
    database's own driver".)"""
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).parts[0] != "store"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ONE_DATABASE_SQL.search(line)]
    assert found == []
    # The store has them (the test looks where they are).
    assert ONE_DATABASE_SQL.search((PACKAGE / "store" / "search_find.py").read_text())
    assert ONE_DATABASE_SQL.search((PACKAGE / "store" / "search_find_pg.py").read_text())
