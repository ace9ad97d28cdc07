"""A published agenda read into items (issue 21): text pasted or saved, and CSV.

Clerks hold the agenda before the meeting, as the committee's website prints it, in an
e-mail, or as a table from Word. This reads it into ``AgendaLine``s: each with its number
as printed (kept to compare, never stored: the committee's scheme numbers the items),
its level, title, agenda text, presenter and papers. Qt-free and without the book: the
services import the result (services/agenda_import.py), the window previews it first.

Text, one item a line:

- a number starts an item: ``1``, ``1.``, ``233.``, ``1.1``, ``1.2.3``, ``5a``, ``5(a)``,
  ``5a)``, ``a)``, ``(b)``, ``(ii)``, ``Item 5:``; its depth is its level (``5a`` and
  ``1.1`` are under ``5`` and ``1``; ``a)`` and ``(ii)`` under the item before);
- without numbers, indentation makes the levels (tabs or spaces, bullets dropped);
- columns split by tabs (a table copied from Word or a web page): number, title, then a
  presenter or papers column;
- a line under an item that is not an item is its agenda text ("To consider a verbal
  update from the Commissioner."), unless it names the presenter ("Presenter: DCC",
  "Presented by the Chief Executive", "Lead officer: ...") or a paper ("Report PDF 182 KB",
  "Appendix A (PDF, 1.2 MB)").

CSV: a header row naming the columns (number, title, description or agenda text,
presenter, minutes, confidential, papers; any order, any case), then one item a row.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field, replace

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.papers import parse_size

MAX_LINES = 2000  # more is not an agenda: a document pasted whole, or the wrong file
MAX_ITEMS = 300
MAX_TITLE = 500  # AgendaItem.title's column

_ITEM_WORD = re.compile(r"^(?:agenda\s+)?item\s+(?=\d)", re.IGNORECASE)
# 1 / 1. / 233. / 1.1 / 1.2.3 / 5a / 5a. / 5a) / 5(a) / 5.a — then the title.
_NUMBERED = re.compile(
    r"^(?P<number>\d{1,4}(?:\.\d{1,3})*(?:\.?\(?[a-z]\)?)?)[.):]?(?:\s+|\t|$)(?P<rest>.*)$",
    re.IGNORECASE)
# a) / (b) / (ii) / iv. — an item under the one before.
_LETTERED = re.compile(r"^(?:\((?P<a>[a-z]|[ivx]{1,5})\)|(?P<b>[a-z]|[ivx]{1,5})[.)])"
                       r"(?:\s+|\t)(?P<rest>.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u00b7\u2013\u2014*\-o\u00d8\u27a2]\s+")
_PRESENTER = re.compile(
    r"^(?:presenter|presented\s+by|lead\s+officer|lead|report\s+author|officer)\s*[:\-\u2013]?"
    r"\s+(?P<who>.+)$", re.IGNORECASE)
# "Report PDF 182 KB", "Appendix A (PDF, 1.2 MB)", "Minutes of 3 October.docx"
# A paper's format and size, in brackets or not, or a file's name: "on the move to PDF"
# is a sentence, not a paper.
_FORMATS = r"PDF|DOCX?|XLSX?|PPTX?|ODT|RTF|HTML?"
_SIZE = r"\d+(?:[.,]\d+)?\s*(?:KB|MB|GB|bytes)"
_PAPER = re.compile(
    rf"^(?P<title>.+?)\s*(?:(?P<format>{_FORMATS})\s*[,;]?\s*(?P<size>{_SIZE})"
    rf"|[(\[]\s*(?P<bformat>{_FORMATS})\s*[,;]?\s*(?P<bsize>{_SIZE})?\s*[)\]]"
    rf"|\.(?P<extension>{_FORMATS}))\s*$", re.IGNORECASE)
_TRUE = {"yes", "y", "true", "1", "x", "confidential", "exempt", "part 2", "part ii"}


@dataclass(frozen=True)
class Paper:
    title: str
    format: str | None = None
    size_bytes: int | None = None


@dataclass
class AgendaLine:
    """One item read from an agenda; ``number`` is as printed, ``level`` 0 at the top."""

    number: str
    title: str
    level: int = 0
    description: str = ""
    presenter: str | None = None
    papers: list[Paper] = field(default_factory=list)
    planned_minutes: int | None = None
    confidential: bool = False


@dataclass(frozen=True)
class ReadAgenda:
    items: tuple[AgendaLine, ...]
    first_number: int | None  # the first top-level number printed (233 for 233-239)


def read_text(text: str) -> ReadAgenda:
    """Items from an agenda as text (see the module's doc). Raises ``ValidationError``
    when the text is no agenda: empty, too long, or with nothing that reads as an item."""
    lines = [_plain(line) for line in
             text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if len([line for line in lines if line.strip()]) > MAX_LINES:
        raise ValidationError(
            f"This is {len(lines):,} lines long: more than an agenda ({MAX_LINES:,} lines at "
            "most). Import the agenda alone, not the whole document.")
    numbered = any(_number_of(_cells(line)[0])[0] for line in lines if line.strip())
    items = _numbered(lines) if numbered else _indented(lines)
    return _checked(items)


def read_csv(text: str) -> ReadAgenda:
    """Items from CSV with a header row (see the module's doc)."""
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise ValidationError(f"The CSV file could not be read: {exc}.") from exc
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValidationError("The CSV file is empty.")
    columns = _csv_columns(rows[0])
    if "title" not in columns:
        raise ValidationError(
            "The CSV file's first row must name its columns, one of them \"title\" "
            f"(found: {', '.join(cell.strip() for cell in rows[0]) or 'nothing'}).")
    if len(rows) - 1 > MAX_LINES:
        raise ValidationError(f"The CSV file has {len(rows) - 1:,} rows: more than an agenda.")
    items = []
    for number, row in enumerate(rows[1:], start=2):
        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        title = cell("title")
        if not title:
            continue
        printed = cell("number")
        minutes = cell("minutes")
        if minutes and not minutes.isdigit():
            raise ValidationError(f"Row {number}: the minutes planned must be a whole "
                                  f"number, not \u201c{minutes}\u201d.")
        items.append(AgendaLine(
            number=printed, title=title, level=_level_of(printed) if printed else 0,
            description=cell("description"), presenter=cell("presenter") or None,
            papers=[_paper(p) for p in re.split(r"[;\n]", cell("papers")) if p.strip()],
            planned_minutes=int(minutes) if minutes else None,
            confidential=cell("confidential").lower() in _TRUE))
    return _checked(items)


# Items that end a meeting: imported items go before them.
_CLOSING = re.compile(r"\b(any other business|aob|urgent business|date of (the )?next meeting|"
                      r"dates? of future meetings|exclusion of the (press|public)|close of "
                      r"(the )?meeting)\b", re.IGNORECASE)


def is_closing_item(title: str) -> bool:
    """"Any other business", "Date of next meeting": where a meeting ends."""
    return bool(_CLOSING.search(title))


# A line of a page this long or longer may have wrapped: a title printed in a PDF runs
# on to the next line when it is longer than the column (a page of the app's own export
# holds about 80 characters a line; 45 leaves room for narrower columns and indents).
WRAPPED_AT = 45


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines laid out on pages (a PDF's text) with each title and sentence whole again:
    the short line straight after a numbered item's long line joins it when it is not a
    sentence, a presenter, a paper or an item itself ("5.3 MATTERS ARISING FROM THE
    SERVICE" / "IMPROVEMENT BOARD (SIB)"); a line of text joins the one before when that
    one stopped mid-sentence. Text typed or pasted keeps its line breaks: there a break
    is the writer's."""
    out: list[str] = []
    after: str | None = None  # "title": a long item line; "sentence": one left open
    for line in lines:
        text = _BULLET.sub("", line.strip())
        plain = bool(text) and not _number_of(text)[0] and not _LETTERED.match(text) \
            and not _PRESENTER.match(text) and not _PAPER.match(text)
        # The rest of a title is short; the first line of an agenda text that wraps fills
        # the line as the title's did.
        if after == "title" and plain and len(text) < WRAPPED_AT \
                and not text.endswith((".", "?", "!", ":", ";")):
            out[-1] = f"{out[-1].rstrip()} {text}"
            after = None
            continue
        if after == "sentence" and plain:
            out[-1] = f"{out[-1].rstrip()} {text}"
        else:
            out.append(line)
        if plain:
            after = None if out[-1].rstrip().endswith((".", "?", "!", ":", ";")) \
                else "sentence"
        elif text and _number_of(_cells(line)[0])[0] and len(line.strip()) >= WRAPPED_AT:
            after = "title"
        else:
            after = None
    return out


# -- corrections in the preview (the window's, by keyboard) -------------------------

def agenda_of(items: list[AgendaLine]) -> ReadAgenda:
    """The agenda as corrected: ``items`` checked as a read agenda is."""
    return _checked([replace(item, papers=list(item.papers)) for item in items])


def _span(items: list[AgendaLine], index: int) -> int:
    """The index after ``items[index]`` and the lines below it."""
    end = index + 1
    while end < len(items) and items[end].level > items[index].level:
        end += 1
    return end


def drop_line(items: list[AgendaLine], index: int) -> list[AgendaLine]:
    """Without line ``index``; the lines below it move up a level, in its place."""
    end = _span(items, index)
    below = [replace(item, level=item.level - 1) for item in items[index + 1:end]]
    return [*items[:index], *below, *items[end:]]


def join_lines(items: list[AgendaLine], index: int) -> list[AgendaLine]:
    """Line ``index`` and the next as one (a title broken over two lines): the titles
    joined, the agenda texts and papers of both, the first presenter given."""
    if index + 1 >= len(items):
        return list(items)
    first, second = items[index], items[index + 1]
    joined = replace(
        first, title=_title(f"{first.title} {second.title}"),
        description="\n".join(text for text in (first.description, second.description)
                              if text),
        presenter=first.presenter or second.presenter,
        papers=[*first.papers, *second.papers],
        planned_minutes=first.planned_minutes or second.planned_minutes,
        confidential=first.confidential or second.confidential)
    return [*items[:index], joined, *items[index + 2:]]


def shift_line(items: list[AgendaLine], index: int, by: int) -> list[AgendaLine]:
    """Line ``index``, with the lines below it, ``by`` levels down (1) or up (-1): no
    higher than the top, no lower than one below the line before."""
    item = items[index]
    most = items[index - 1].level + 1 if index else 0
    level = max(0, min(item.level + by, most))
    change = level - item.level
    end = _span(items, index)
    moved = [replace(line, level=line.level + change) for line in items[index:end]]
    return [*items[:index], *moved, *items[end:]]


def rename_line(items: list[AgendaLine], index: int, title: str) -> list[AgendaLine]:
    """Line ``index`` with another title (an empty one is refused)."""
    if not title.strip():
        raise ValidationError("An item needs a title: Delete drops a line.")
    return [*items[:index], replace(items[index], title=_title(title)), *items[index + 1:]]


def _csv_columns(header: list[str]) -> dict[str, int]:
    names = {"number": ("number", "no", "no.", "item", "item number", "ref"),
             "title": ("title", "item title", "subject", "heading", "name"),
             "description": ("description", "agenda text", "purpose", "summary", "details"),
             "presenter": ("presenter", "presented by", "lead", "lead officer", "officer"),
             "minutes": ("minutes", "planned minutes", "time", "duration", "timing"),
             "confidential": ("confidential", "exempt", "private", "part 2"),
             "papers": ("papers", "reports", "documents", "attachments")}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = cell.strip().lower().rstrip(":")
        for name, spellings in names.items():
            if key in spellings and name not in found:
                found[name] = index
    return found


def _plain(line: str) -> str:
    """A line copied with its web page's markup ("<p>1.2</p>"): the text alone."""
    if "<" not in line and "&" not in line:
        return line
    return html.unescape(re.sub(r"<[^<>]{1,300}>", " ", line))


def _cells(line: str) -> list[str]:
    """A line's columns (tabs split a table copied from Word), stripped, empty ones gone."""
    return [cell.strip() for cell in line.split("\t") if cell.strip()] or [""]


def _number_of(text: str) -> tuple[str, str]:
    """(number, rest) of a line that starts with an item number, else ("", text)."""
    text = _ITEM_WORD.sub("", text.strip())
    match = _NUMBERED.match(text)
    if match:
        number = match["number"].rstrip(".")
        if number.endswith(")") and "(" not in number:
            number = number[:-1]  # "5a)"
        if not _reads_as_text(number, match["rest"]):
            return number, match["rest"].strip()
    return "", text.strip()


def _reads_as_text(number: str, rest: str) -> bool:
    """A line of text, not an item: "3 members of the public spoke", "10.30 am coffee",
    "2017 was a year of change" (an item's title starts with a capital or a figure)."""
    if rest[:1].islower():
        return True
    return bool(re.fullmatch(r"\d{1,2}\.[0-5]\d", number)) and rest[:2].lower() in ("am", "pm")


def _level_of(number: str) -> int:
    """1 → 0, 1.1 → 1, 5a / 5(a) → 1, 1.2.3 → 2."""
    dots = number.count(".")
    letter = 1 if re.search(r"[a-z]\)?$", number, re.IGNORECASE) else 0
    return dots + letter - (1 if letter and re.search(r"\.\(?[a-z]\)?$", number, re.I) else 0)


def _numbered(lines: list[str]) -> list[AgendaLine]:
    items: list[AgendaLine] = []
    inside: tuple[int, int] | None = None  # a list numbered afresh: (its level, last number)
    for line in lines:
        cells = _cells(line)
        if cells == [""]:
            continue
        number, rest = _number_of(cells[0])
        lettered = None if number else _LETTERED.match(cells[0])
        if number or (lettered and items):
            if number:
                level = _level_of(number)
                if _restarts(number, items):  # "1. 2. 3." inside item 5a: its points
                    level = items[-1].level + 1
                    inside = (level, 1)
                elif inside is not None and number.isdigit() \
                        and int(number) == inside[1] + 1:
                    level = inside[0]
                    inside = (level, int(number))
                else:
                    inside = None
            else:
                assert lettered is not None
                number = lettered["a"] or lettered["b"] or ""
                rest = lettered["rest"]
                # a) under item 5 is a level below it; b) after a) is beside it.
                before = items[-1]
                level = before.level + 1 if _figure(before.number) is not None \
                    else before.level
            title = rest or (cells[1] if len(cells) > 1 else "")
            extra = cells[1:] if rest else cells[2:]
            item = AgendaLine(number=number, title=_title(title), level=level)
            for cell in extra:
                _take_note(item, cell, column=True)
            items.append(item)
        elif items:
            for cell in cells:
                _take_note(items[-1], cell, column=False)
    return items


def _figure(number: str) -> int | None:
    """The whole number a printed number starts with: 233 of "233", 5 of "5a"."""
    match = re.match(r"\d+", number)
    return int(match[0]) if match else None


def _restarts(number: str, items: list[AgendaLine]) -> bool:
    """A "1" after items numbered higher: a numbered list inside the item before."""
    if number != "1":
        return False
    top = [figure for item in items if item.level == 0
           if (figure := _figure(item.number)) is not None]
    return bool(top) and top[-1] > 1


def _indented(lines: list[str]) -> list[AgendaLine]:
    """Items one a line, their levels from indentation (tabs count as four spaces)."""
    items: list[AgendaLine] = []
    indents: list[int] = []
    for line in lines:
        if not line.strip():
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        text = _BULLET.sub("", expanded.strip())
        if items and (_PRESENTER.match(text) or _PAPER.match(text)) and indent > indents[-1]:
            _take_note(items[-1], text, column=False)
            continue
        if text.endswith((".", "?", "!", ",", ";")):  # a sentence, not a title
            if items:
                _take_note(items[-1], text, column=False)
            continue  # before any item: a greeting, a preamble
        while indents and indent < indents[-1]:
            indents.pop()
        if not indents or indent > indents[-1]:
            indents.append(indent)
        items.append(AgendaLine(number="", title=_title(text), level=len(indents) - 1))
    return items


def _take_note(item: AgendaLine, text: str, *, column: bool) -> None:
    """A line (or a table's cell) under an item: its presenter, a paper or agenda text."""
    text = _BULLET.sub("", text.strip())
    if not text:
        return
    if presenter := _PRESENTER.match(text):
        item.presenter = presenter["who"].strip().rstrip(".")
        return
    if _PAPER.match(text):
        item.papers.append(_paper(text))
        return
    if column and len(text) <= 60 and not text.endswith("."):
        item.presenter = item.presenter or text  # a table's presenter column ("DCC")
        return
    item.description = f"{item.description}\n{text}".strip()


def _paper(text: str) -> Paper:
    match = _PAPER.match(text.strip())
    if not match:
        return Paper(text.strip())
    size = match["size"] or match["bsize"]
    kind = match["format"] or match["bformat"] or match["extension"]
    try:
        size_bytes = parse_size(size) if size else None
    except ValidationError:
        size_bytes = None
    title = match["title"].strip(" -\u2013:,")
    if match["extension"]:
        title = f"{title}.{match['extension']}"  # a file's name keeps its extension
    return Paper(title, kind.upper(), size_bytes)


def _title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -\u2013:")
    return text[:MAX_TITLE]


def _checked(items: list[AgendaLine]) -> ReadAgenda:
    items = [item for item in items if item.title]
    if not items:
        raise ValidationError("No agenda items were found: each item needs a line of its own, "
                              "numbered (1, 1.1, 5a) or indented.")
    if len(items) > MAX_ITEMS:
        raise ValidationError(f"{len(items)} items were found: more than an agenda has "
                              f"({MAX_ITEMS} at most). Import the agenda alone.")
    # The agenda's top is its highest level (one starting at "5a" is of lettered items),
    # and a level never jumps more than one below the item before ("1" then "1.1.1").
    top = min(item.level for item in items)
    for item in items:
        item.level -= top
    level = -1
    for item in items:
        item.level = min(item.level, level + 1)
        level = item.level
    first = next((figure for item in items if item.level == 0
                  if (figure := _figure(item.number)) is not None), None)
    return ReadAgenda(tuple(items), first)
