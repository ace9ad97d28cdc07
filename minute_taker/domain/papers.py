"""How published minutes describe a supporting paper: "Report PDF 182 KB".

A paper's format is its file type in capitals ("PDF", "DOCX"); its size is in kilobytes
as ModernGov and Word print them (1 KB = 1024 bytes, whole kilobytes under a megabyte,
one decimal place above). A size typed by the clerk ("182 KB", "1.4 MB", "900 bytes")
is read back to bytes.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from minute_taker.domain.errors import ValidationError

KB = 1024
MB = 1024 * KB
MAX_FORMAT = 20
_SIZE = re.compile(r"^\s*(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>bytes?|b|kb|k|mb|m|gb|g)?\s*$",
                   re.IGNORECASE)
# A link's page, not a paper's file type: the server makes the page (ModernGov's
# mgConvert2PDF.aspx serves a PDF); the clerk types what it serves.
_PAGES = {"asp", "aspx", "php", "jsp", "cgi", "do", "cfm"}
_UNITS = {"": 1, "b": 1, "byte": 1, "bytes": 1, "k": KB, "kb": KB, "m": MB, "mb": MB,
          "g": 1024 * MB, "gb": 1024 * MB}


def size_label(size: int | None) -> str:
    """"182 KB", "1.4 MB", "" for no size. Under a kilobyte still reads "1 KB"."""
    if size is None:
        return ""
    if size < MB:
        return f"{max(1, round(size / KB))} KB"
    return f"{size / MB:.1f} MB"


def parse_size(text: str | None) -> int | None:
    """Bytes from "182 KB", "1,4 MB" or "52000"; None for nothing typed."""
    if text is None or not text.strip():
        return None
    found = _SIZE.match(text)
    if found is None:
        raise ValidationError(f"“{text.strip()}” is not a size: type it as 182 KB or 1.4 MB.")
    number = float(found["number"].replace(",", "."))
    return round(number * _UNITS[(found["unit"] or "").casefold()])


def format_of(location: str) -> str | None:
    """The file type a path or link names ("PDF" for report.pdf); None when it names none."""
    name = PurePath(location.split("?", 1)[0].split("#", 1)[0].rstrip("/")).name
    suffix = PurePath(name).suffix.lstrip(".")
    if not suffix.isalnum() or len(suffix) > 5 or suffix.casefold() in _PAGES:
        return None
    return suffix.upper()


def paper_label(format_: str | None, size: int | None) -> str:
    """"PDF 182 KB", "PDF", "182 KB" or "", as the list of papers prints after a title."""
    return " ".join(part for part in ((format_ or "").strip(), size_label(size)) if part)
