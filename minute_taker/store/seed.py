"""What every new book holds before anyone writes in it.

A new book is made from the models' tables and stamped with the newest revision
(``migrate.create_book``), not by running every migration from nothing: that took
0.4 s of a first start. What the migrations would also have put in it is written here,
and a test makes a book both ways and compares them, table by table and row by row.
"""

from __future__ import annotations

# The common formulae, as revision 0002 gives a book (written out there too: a
# migration must not change when the app does). The user edits the list afterwards.
QUICK_PHRASES = (
    "The report was noted.",
    "RESOLVED that ",
    "It was agreed that ",
    "The Chair thanked ",
    "No declarations of interest were made.",
    "There were no actions arising.",
    "The minutes of the previous meeting were agreed as a correct record and signed by the "
    "Chair.",
)
