"""The export formats: a meeting document (or a committee's outstanding actions) made
into the bytes of a file, in a format and house style. Reading the meeting from a book
and writing the file are the publishing service's (``services/publishing.py``); this
module knows nothing of books or files.

The rules every format obeys are decided here once: minutes that are not approved
go out only as drafts; when a meeting has confidential items the caller must say
whether this is the public version (those items replaced by their number, title
and a line saying they were considered in private) or the full one (marked Not for
publication), because guessing wrong would publish exempt information.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from minute_taker.domain.errors import ValidationError
from minute_taker.export import action_lists
from minute_taker.export.content import ActionOrigin, day_month_year
from minute_taker.export.styles import HouseStyle, load_style, style_for

Json = Mapping[str, Any]

FORMATS: Final = {
    "docx": ("Word document", ".docx"),
    "pdf": ("PDF", ".pdf"),
    "html": ("Web page (HTML)", ".html"),
    "md": ("Markdown, for e-mail", ".md"),
    "txt": ("Plain text, for e-mail", ".txt"),
    "csv": ("Action list (CSV)", ".csv"),
    "ics": ("Action due dates (iCalendar)", ".ics"),
}
ACTION_FORMATS: Final = ("csv", "ics")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    meeting_id: int
    fmt: str
    public: bool | None  # None: not said (allowed only when nothing is confidential)
    style: str | None = None  # a house style's name; None: the committee's own
    outstanding: bool = False  # csv/ics: every outstanding action of the committee


def has_confidential(document: Json) -> bool:
    def walk(items: Any) -> bool:
        return any(item["confidential"] or walk(item["children"]) for item in items)
    return walk(document["items"])


def suggested_name(document: Json, request: ExportRequest) -> str:
    """"Monthly Assurance Meeting 2017-10-31 minutes (public, DRAFT).docx"."""
    committee = re.sub(r"[^\w\- ]+", " ", document["committee"]["name"]).strip()
    what = "outstanding actions" if request.outstanding else (
        "actions" if request.fmt in ACTION_FORMATS else "minutes")
    notes = []
    if request.fmt not in ACTION_FORMATS or not request.outstanding:
        if request.public:
            notes.append("public")
        if document["meeting"]["status"] != "approved":
            notes.append("DRAFT")
    suffix = f" ({', '.join(notes)})" if notes else ""
    name = f"{' '.join(committee.split())} {document['meeting']['date']} {what}{suffix}"
    return name + FORMATS[request.fmt][1]


def resolve_style(document: Json, name: str | None, user_styles: Path | None) -> HouseStyle:
    if name:
        return load_style(name, user_styles)
    return style_for(document["committee"]["house_style"], user_styles)


def check_request(document: Json, request: ExportRequest) -> bool:
    """The public/full choice, refused when it matters and was not made."""
    if request.fmt not in FORMATS:
        raise ValidationError(f"Unknown format “{request.fmt}”: use one of "
                              f"{', '.join(FORMATS)}.")
    if request.outstanding and request.fmt not in ACTION_FORMATS:
        raise ValidationError("Outstanding actions export as csv or ics.")
    if request.public is None:
        if has_confidential(document) and not request.outstanding:
            raise ValidationError(
                "This meeting has confidential (exempt) items: choose the public version "
                "(they are replaced by a line saying they were considered in private) or the "
                "full version (marked Not for publication).")
        return True  # nothing confidential: both versions are the same, and public
    return request.public


@dataclass(frozen=True, slots=True)
class PreparedExport:
    """Everything an export needs, read from the book (``publishing.prepare``): making
    the file needs no database, so the dialog can write on a worker thread while the
    book stays with the GUI thread."""

    request: ExportRequest
    document: Json
    house: HouseStyle
    public: bool
    action_lines: tuple[action_lists.ActionLine, ...] = ()
    # Where each carried action of the meeting was first raised, by its uid: the
    # document holds one meeting, so it cannot say.
    origins: Mapping[str, ActionOrigin] = field(default_factory=dict)

    @property
    def draft(self) -> bool:
        return bool(self.document["meeting"]["status"] != "approved")


@dataclass(frozen=True, slots=True)
class Rendered:
    """An export made: the file's bytes, and what the reader should know of them."""

    data: bytes
    warnings: tuple[str, ...] = ()  # characters the PDF cannot show, say


def render(prepared: PreparedExport) -> Rendered:
    """The file's content for a prepared export."""
    return _RENDERERS[prepared.request.fmt](prepared)


# --- the formats --------------------------------------------------------------------------

Renderer = Callable[[PreparedExport], Rendered]


def preview_html(prepared: PreparedExport) -> str:
    """What the minutes formats look like, for the dialog's preview."""
    from minute_taker.export.layout import render_minutes

    return render_minutes(prepared.document, public=prepared.public, house=prepared.house,
                          origins=prepared.origins)


def _html(p: PreparedExport) -> Rendered:
    """The preview's page, as HTML5 for a browser rather than for Qt's viewer."""
    from minute_taker.export.layout import render_minutes

    return Rendered(render_minutes(p.document, public=p.public, house=p.house,
                                   for_browser=True, origins=p.origins).encode("utf-8"))


def pdf_page(p: PreparedExport) -> dict[str, Any]:
    """The PDF's page data: the minutes as blocks, and what goes round every page."""
    from minute_taker.export.content import read_minutes
    from minute_taker.export.pdf.document import page_data

    m = read_minutes(p.document, public=p.public, house=p.house, origins=p.origins)
    meeting, committee = p.document["meeting"], p.document["committee"]["name"]
    marks = (["DRAFT"] if m.draft else []) + \
        (["NOT FOR PUBLICATION"] if m.not_for_publication else [])
    title = meeting["title"] + (f" ({', '.join(mark.lower() for mark in marks)})"
                                if marks else "")
    return page_data(
        m, header_left=f"{p.house.organisation} \u2013 {committee}" if p.house.organisation
        else committee,
        header_right=day_month_year(dt.date.fromisoformat(meeting["date"])),
        marks=marks, title=title)


def pdf_logo(p: PreparedExport) -> Path | None:
    """The house style's logo, if it is a picture the PDF can show."""
    logo = p.house.logo
    return logo if logo is not None and logo.suffix.lower() in (
        ".png", ".jpg", ".jpeg", ".gif") and logo.is_file() else None


def _pdf(p: PreparedExport) -> Rendered:
    from minute_taker.export.pdf.typeset import render_pdf

    typeset = render_pdf(pdf_page(p), logo=pdf_logo(p))
    return Rendered(typeset.data, typeset.warnings)


def _docx(p: PreparedExport) -> Rendered:
    from minute_taker.export.docx.writer import docx_bytes

    return Rendered(docx_bytes(p.document, house=p.house, public=p.public,
                               origins=p.origins))


def text_of(p: PreparedExport) -> str:
    """The text formats' content (also their preview)."""
    from minute_taker.export.plain import render_text

    if p.request.fmt == "csv":
        return action_lists.actions_csv(p.action_lines)
    if p.request.fmt == "ics":
        return action_lists.actions_ics(p.action_lines,
                                        f"{p.document['committee']['name']} actions")
    return render_text(p.document, house=p.house, public=p.public,
                       markdown=p.request.fmt == "md", origins=p.origins)


def _text(p: PreparedExport) -> Rendered:
    # CSV with a byte-order mark: Excel otherwise reads UTF-8 CSV as the local code page.
    bom = b"\xef\xbb\xbf" if p.request.fmt == "csv" else b""
    return Rendered(bom + text_of(p).encode("utf-8"))


_RENDERERS: Final[dict[str, Renderer]] = {
    "html": _html, "pdf": _pdf, "docx": _docx, "md": _text, "txt": _text, "csv": _text,
    "ics": _text,
}
