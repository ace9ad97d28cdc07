"""Whatever a user types, every export shows it as text: it never becomes markup, script,
a formula, a field code or a calendar line of its own (issue 6, security).

Each property builds a real meeting through the services with the same hostile text in
every field a user can type, and in the house style's own texts
(``arbitrary_text_support``), exports it through ``publish`` and takes the file apart
again: HTML and the review window's page with ``html.parser`` (and Qt's own reading),
Word with python-docx and an XML parser, Markdown with a CommonMark renderer, CSV with
``csv`` and iCalendar by unfolding. Markup is judged against an allow-list read from the
same meeting typed with benign text; the typed text must come back exactly as each format
is meant to show it (``*_shows`` say what each does with white space and control
characters).

The bugs these properties found are pinned at the end by their smallest cases.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import functools
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import docx
import pytest
from arbitrary_text_support import (
    BENIGN_RICH,
    SHORTS,
    STYLE_NAME,
    HtmlAudit,
    Typed,
    audit_html,
    block_text,
    build_action,
    build_meeting,
    docx_parts,
    docx_text,
    export,
    ics_properties,
    ics_unescape,
    inline_markup,
    markdown_tags,
    markdown_text,
    md_unescape,
    pasted_html,
    printable,
    squash,
    typed_text,
    xml_clean,
)
from calendar_check import read_calendar
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import due_phrase
from minute_taker.export.layout import render_minutes
from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook

# Each example builds a book and writes files: modest counts keep the module near 40 s.
PROPERTY: Final = settings(max_examples=30, deadline=None, database=None,
                           suppress_health_check=[HealthCheck.too_slow])
FEW: Final = settings(PROPERTY, max_examples=10)

BENIGN: Final = "Benign words"
STYLES: Final = st.sampled_from(["committee-minutes", "action-notes", STYLE_NAME])
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty book, migrated once and copied for each example."""
    path = tmp_path_factory.mktemp("template") / "empty.minutebook"
    MinuteBook.open(path, actor="Clerk").close()
    return path


@contextlib.contextmanager
def exported(template: Path, typed: Typed, fmt: str) -> Iterator[Path]:
    """The meeting built from ``typed``, exported as ``fmt`` into a scratch folder (an
    action list needs only the action: a smaller meeting is quicker to build)."""
    build = build_action if fmt in ("csv", "ics") else build_meeting
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        book, meeting_id = build(template, folder, typed)
        yield export(book, meeting_id, fmt, folder, typed)


def benign_twin(typed: Typed) -> Typed:
    return dataclasses.replace(typed, text=BENIGN, rich=BENIGN_RICH, overrides={})


@pytest.fixture(scope="module")
def benign(template: Path) -> Callable[[str, Typed], bytes]:
    """The same meeting typed with benign text and exported: what the allow-lists hold."""
    cache: dict[tuple[str, str, str], bytes] = {}

    def read(fmt: str, typed: Typed) -> bytes:
        key = (fmt, typed.style, typed.layout)
        if key not in cache:
            with exported(template, benign_twin(typed), fmt) as path:
                cache[key] = path.read_bytes()
        return cache[key]
    return read


@st.composite
def typed_meetings(draw: st.DrawFn, *, styles: st.SearchStrategy[str] = STYLES,
                   layouts: tuple[str, ...] = ("narrative", "action_notes")) -> Typed:
    return Typed(text=draw(typed_text()), rich=draw(pasted_html()),
                 short=draw(st.sampled_from(SHORTS)), style=draw(styles),
                 layout=draw(st.sampled_from(layouts)), spell_out=draw(st.booleans()))


# --- what each format makes of a typed value ------------------------------------------------

def shown_fields(typed: Typed, *, layout: str) -> set[str]:
    shown = set(typed.shown_fields)
    if layout != "action_notes":
        shown.discard("arising")  # the "Actions arising" heading is action notes' own
    return shown


def layout_of(typed: Typed) -> str:
    return {"committee-minutes": "narrative", "action-notes": "action_notes"}.get(
        typed.style, typed.layout)


def spelled_notes(typed: Typed, tidy: Callable[[str], str], *, tidy_after: bool) -> str:
    """The notes as shown: tidied as the format tidies the stored subset, with the
    abbreviation spelled out where the house style says so (before the tidying, or
    after it, as the format does it)."""
    notes, short = typed.notes(), typed.short
    spelled = f"{short} ({typed.value('expansion').strip()}) zxendzx"
    if tidy_after:
        return tidy(notes.replace(f"{short} zxendzx", spelled) if typed.spells_out else notes)
    shown = tidy(notes)
    return shown.replace(f"{short} zxendzx", spelled) if typed.spells_out else shown


def html_shows(typed: Typed, name: str) -> str:
    """Typed text in a page's text: verbatim (html.escape leaves control characters be),
    the agenda text with its lines broken by <br>, the notes as the rich-text subset."""
    value = typed.value(name).strip()
    if name == "description":
        return "\n".join(value.splitlines())
    if name == "nature":
        return value.lower()
    if name == "notes":
        return spelled_notes(typed, printable, tidy_after=False)
    return value


def docx_shows(typed: Typed, name: str) -> str:
    """Typed text in Word: what XML cannot hold dropped, CR a line break; the notes'
    white space collapsed as a browser collapses it."""
    if name == "notes":
        text = spelled_notes(typed, lambda t: re.sub("[ \t\n\r\f]+", " ", printable(t)).strip(" "),
                             tidy_after=False)
    else:
        text = html_shows(typed, name)
    return xml_clean(text).replace("\r", "\n")


def plain_shows(typed: Typed, name: str, *, markdown: bool) -> str:
    """Typed text in Markdown (escapes read back) or plain text: verbatim, headings of
    plain text in capitals, the notes' white space collapsed to single spaces."""
    value = typed.value(name).strip()
    if name == "notes":
        return spelled_notes(typed, lambda t: squash(printable(t)), tidy_after=True)
    if name == "nature":
        value = value.lower()
    if markdown and name == "description":  # italic: each line trimmed, a hard break after
        return "  \n".join(line.strip() for line in value.splitlines() if line.strip())
    if markdown:  # a typed line's indentation would make a code block ("\r" ends a line)
        value = re.sub(r"(?<=[\r\n])[ \t]+", "", value)
    if markdown and name in {"present", "officers", "next", "attending", "contact"}:
        # bold: no blank line in it
        value = re.sub(r"(\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+", r"\1", value)
    if name == "item":
        value = f"1 {value}"
    if not markdown and name in {"committee", "item", "glossary", "present", "officers",
                                 "declarations", "attending"}:
        return value.upper()
    return value


# --- HTML: the export and the review window --------------------------------------------------

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SCRIPTABLE = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data)[\x00-\x20]*:", re.IGNORECASE)
_ACTIVE = frozenset({"script", "iframe", "object", "embed", "img", "svg", "math", "form",
                     "input", "base", "link", "meta"})


def markup_of(audit: HtmlAudit) -> tuple[set[tuple[str, tuple[str, ...]]],
                                         set[tuple[str, str, str]]]:
    """Element shapes (tag, attribute names) and attribute values, item uids generalised
    and the one link target a user typed left out (``check_page`` checks it)."""
    shapes = {(tag, tuple(sorted(n for n, _ in attrs))) for tag, attrs in audit.elements}
    values = {(tag, name, _UID.sub("UID", value or "")) for tag, attrs in audit.elements
              for name, value in attrs if (tag, name) != ("a", "href")}
    return shapes, values


benign_audit = functools.lru_cache(maxsize=None)(audit_html)


def check_page(page: str, allowed: str, typed: Typed, *, layout: str) -> None:
    """Only the markup the benign page has, and every typed field shown as its text."""
    audit, benign = audit_html(page), benign_audit(allowed)
    assert audit.other == [], "typed text made a comment, declaration or instruction"
    (shapes, values), (benign_shapes, benign_values) = markup_of(audit), markup_of(benign)
    assert shapes <= benign_shapes, shapes - benign_shapes
    assert values <= benign_values, values - benign_values
    title, benign_title = html_shows(typed, "title"), html_shows(benign_twin(typed), "title")
    assert audit.head_text.replace(title, "") == benign.head_text.replace(benign_title, "")
    for tag, attrs in audit.elements:
        assert tag not in _ACTIVE or (tag == "meta" and attrs == (("charset", "utf-8"),)), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not _SCRIPTABLE.match(value or ""), (tag, name, value)
            if (tag, name) == ("a", "href"):
                assert value == typed.value("location").strip()
    text = audit.text
    for name in shown_fields(typed, layout=layout) - {"location"}:
        assert html_shows(typed, name) in text, name
    assert audit_html(sanitise_html(typed.rich_fragment())).text in text


@PROPERTY
@given(typed=typed_meetings())
@example(typed=Typed("<script>alert(1)</script>", style=STYLE_NAME))
@example(typed=Typed('"><img src=x onerror=alert(1)> javascript:alert(1) <!-- ]]> &amp;'))
def test_html_export_shows_typed_text_as_text(
        template: Path, benign: Callable[[str, Typed], bytes], typed: Typed) -> None:
    with exported(template, typed, "html") as path:
        page = path.read_bytes().decode("utf-8")
    check_page(page, benign("html", typed).decode("utf-8"), typed, layout=layout_of(typed))


def review_page(template: Path, typed: Typed, draft: bool) -> str:
    """The minutes as the review window renders them: the committee's own style."""
    with tempfile.TemporaryDirectory() as scratch:
        path, meeting_id = build_meeting(template, Path(scratch), typed)
        with MinuteBook.open(path) as book:
            return render_minutes(interchange.export_meeting(book, meeting_id), draft=draft)


@pytest.fixture(scope="module")
def benign_review(template: Path) -> Callable[[bool], str]:
    pages = {draft: review_page(template, Typed(BENIGN), draft) for draft in (False, True)}

    def page(draft: bool) -> str:
        return pages[draft]
    return page


def qt_view(page: str) -> tuple[str, list[str], int]:
    """What a QTextBrowser shows of a page: its text, its links and its pictures."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(page)
    links, pictures = [], 0
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            pictures += fmt.isImageFormat()
            links += [fmt.anchorHref()] if fmt.anchorHref() else []
            fragments += 1
        block = block.next()
    return document.toPlainText(), links, pictures


@settings(PROPERTY, max_examples=25)
@given(typed=typed_meetings(styles=st.just("committee-minutes")), draft=st.booleans())
def test_review_window_shows_typed_text_as_text(
        qapp: object, template: Path, benign_review: Callable[[bool], str], typed: Typed,
        draft: bool) -> None:
    page = review_page(template, typed, draft)
    check_page(page, benign_review(draft), typed, layout="narrative")
    shown, links, pictures = qt_view(page)
    assert pictures == 0
    assert set(links) == {typed.value("location").strip()}  # one fragment a line of it
    # Qt collapses white space its own way, and drops a U+FEFF that follows an anchor.
    shown = squash(shown.replace("\ufeff", ""))
    for name in shown_fields(typed, layout="narrative") - {"location"}:
        assert squash(html_shows(typed, name).replace("\ufeff", "")) in shown, name


# --- Word -------------------------------------------------------------------------------------

_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_markup(data: bytes) -> tuple[set[str], set[str], list[str], list[str]]:
    """Element names of the body, relationship types, external link targets, and the
    field instructions of every part a typed text can reach."""
    parts = docx_parts(data)
    rels = parts["word/_rels/document.xml.rels"]
    fields = sorted(node.text or "" for root in parts.values() for node in root.iter()
                    if node.tag.endswith(("}instrText", "}fldSimple")))
    return ({node.tag for node in parts["word/document.xml"].iter()},
            {r.get("Type", "") for r in rels},
            [r.get("Target", "") for r in rels if r.get("TargetMode") == "External"], fields)


benign_docx = functools.lru_cache(maxsize=None)(docx_markup)
# What python-docx makes of a typed tab and line break in a run's text.
_RUN_TEXT: Final = {f"{{{_W}}}tab", f"{{{_W}}}br"}


@settings(PROPERTY, max_examples=25)
@given(typed=typed_meetings())
@example(typed=Typed("<w:t>x</w:t>]]>&amp;\x00\x0b\x1b\ufffe{ PAGE }", style=STYLE_NAME))
def test_docx_export_holds_typed_text_as_run_text(
        template: Path, benign: Callable[[str, Typed], bytes], typed: Typed) -> None:
    with exported(template, typed, "docx") as path:
        data = path.read_bytes()
    tags, relations, links, fields = docx_markup(data)  # well-formed, or it fails here
    document = docx.Document(io.BytesIO(data))
    text, title = docx_text(document), document.core_properties.title
    benign_tags, benign_relations, _, benign_fields = benign_docx(benign("docx", typed))
    assert tags <= benign_tags | _RUN_TEXT, tags - benign_tags
    assert relations == benign_relations
    assert links == [xml_clean(typed.value("location").strip())]
    assert fields == benign_fields, "typed text made a field"
    assert title == xml_clean(f"{typed.value('title').strip()} (draft)")
    for name in shown_fields(typed, layout=layout_of(typed)) - {"location"}:
        assert docx_shows(typed, name) in text, name
    rich = block_text(sanitise_html(typed.rich_fragment()))
    assert squash(xml_clean(rich)) in squash(text)


# --- Markdown and plain text -----------------------------------------------------------------

# none of it is a link, a picture or HTML.
MD_SPECIAL: Final = re.compile(r"[\\`*_{}\[\]<>#|~]")  # what plain_markup.md_escape escapes
_NEVER_IN_MARKDOWN: Final = {"html_block", "html_inline", "link_open", "image"}
_NOT_IN_TEXT: Final = {"arising"}


@settings(PROPERTY, max_examples=25)
@given(typed=typed_meetings())
@example(typed=Typed("[x](javascript:alert(1)) ![i](x) <http://a> <b>b</b> `c` *e* _u_ # h"))
@example(typed=Typed("a\n\n b\r\n  \r\nc ", style=STYLE_NAME))  # blank lines in bold and italics
@example(typed=Typed("a\r\r\tb"))  # a line ended by "\r" alone, indented: a code block
@example(typed=Typed("", rich="<ul><li><ul><li><ul><li>"))  # items with no text: code
@example(typed=Typed("", rich="<ul><ul><ul><li>x"))  # lists in lists with no item: code
def test_markdown_export_never_makes_typed_text_a_link_picture_or_html(
        template: Path, benign: Callable[[str, Typed], bytes], typed: Typed) -> None:
    with exported(template, typed, "md") as path:
        text = path.read_bytes().decode("utf-8")
    benign_text = benign("md", typed).decode("utf-8")
    tags, kinds = markdown_tags(text)
    benign_tags, _ = markdown_tags(benign_text)
    assert not kinds & _NEVER_IN_MARKDOWN, kinds & _NEVER_IN_MARKDOWN
    assert tags <= benign_tags, tags - benign_tags
    # Typed text adds no emphasis (a blank line typed may break the minutes' own).
    assert inline_markup(text) <= inline_markup(benign_text), "typed text made markup"
    readable = md_unescape(text)
    for name in shown_fields(typed, layout="narrative") - _NOT_IN_TEXT:
        assert plain_shows(typed, name, markdown=True) in readable, name


@settings(PROPERTY, max_examples=25)
@given(typed=typed_meetings())
def test_plain_text_export_shows_typed_text_verbatim(template: Path, typed: Typed) -> None:
    with exported(template, typed, "txt") as path:
        text = path.read_bytes().decode("utf-8")
    for name in shown_fields(typed, layout="narrative") - _NOT_IN_TEXT:
        assert plain_shows(typed, name, markdown=False) in text, name


# --- action lists: CSV and iCalendar ---------------------------------------------------------

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_ACTION_FIELDS: Final = {"Committee": "committee", "Meeting": "title", "Action": "action",
                         "Owner": "owner", "Due (as minuted)": "due", "Update": "update"}


def as_listed(typed: Typed, name: str) -> str:
    """An action-list field as typed ("By March" reads on from "due": "by March")."""
    value = typed.value(name).strip()
    return due_phrase({"due_text": value, "due_date": None}) if name == "due" else value


@PROPERTY
@given(text=typed_text())
@example(text='=HYPERLINK("http://evil","x")')
@example(text="@SUM(A1)\r\n-1\t+1")
def test_csv_cells_are_typed_text_and_never_formulas(template: Path, text: str) -> None:
    typed = Typed(text)
    with exported(template, typed, "csv") as path:
        data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert len(rows) == 2
    for cell in rows[1]:
        assert not cell.startswith(_FORMULA_START), cell
    cells = dict(zip(rows[0], rows[1], strict=True))
    for column, name in _ACTION_FIELDS.items():
        value = as_listed(typed, name)
        assert cells[column] == (f"'{value}" if value.startswith(_FORMULA_START) else value)


_ICS_NAMES: Final = [
    "BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "BEGIN", "UID",
    "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY", "DESCRIPTION", "TRANSP",
    "END", "END"]


def ics_text(value: str) -> str:
    """A TEXT value as iCalendar can hold it (RFC 5545 3.3.11): every kind of line break
    a newline, no other control character but the tab."""
    value = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    return value.replace("\r\n", "\n").replace("\r", "\n")


@PROPERTY
@given(text=typed_text())
@example(text="x\r\nBEGIN:VEVENT\r\nSUMMARY:injected\nEND:VEVENT;,\\n" + "é" * 60)
def test_ics_folds_lines_and_keeps_typed_text_inside_its_property(template: Path,
                                                                  text: str) -> None:
    typed = Typed(text)
    with exported(template, typed, "ics") as path:
        data = path.read_bytes().decode("utf-8")
    for line in data.split("\r\n"):
        assert "\r" not in line and "\n" not in line, repr(line)
        assert len(line.encode("utf-8")) <= 75, line
    properties = ics_properties(data)
    assert [name for name, _ in properties] == _ICS_NAMES
    values = dict(properties)
    v = {name: ics_text(as_listed(typed, name)) for name in _ACTION_FIELDS.values()}
    expected = {
        "X-WR-CALNAME": f"{v['committee']} actions",
        "SUMMARY": f"Action \u2013 {v['owner']}: {v['action']}",
        "DESCRIPTION": f"From item 1 of {v['committee']}, {v['title']} (2024-05-06). "
                       f"Due {v['due']}. Update: {v['update']}"}
    for name, text_value in expected.items():
        assert not re.search(r"[;,\\]", re.sub(r"\\[\\;,nN]", "", values[name])), name
        assert ics_unescape(values[name]) == text_value, name
    # And as a diary reads it (the icalendar package): one event, the typed text whole.
    events = read_calendar(data)
    assert [(e.summary, e.description, e.start) for e in events] == \
        [(expected["SUMMARY"], expected["DESCRIPTION"], dt.date(2024, 6, 1))]


# --- PDF --------------------------------------------------------------------------------------

# Fields the narrative layout prints in running text: a table's narrow columns come out
# of the PDF's text interleaved, line by line.
_PDF_FIELDS: Final = {"committee", "title", "venue", "interest", "nature", "item",
                      "description", "notes", "decision", "notvoting", "action", "owner",
                      "due", "document", "subitem", "organisation", "declarations", "next",
                      "nextvenue", "contactname", "contactdetails", "format", "contact"}


_UNSEEN: Final = r"[\s\u200b-\u200d\u2060\ufeff]"


@FEW
@given(typed=typed_meetings(styles=st.sampled_from(["committee-minutes", STYLE_NAME]),
                            layouts=("narrative",)))
def test_pdf_export_never_fails_and_shows_every_field(qapp: object, template: Path,
                                                      typed: Typed) -> None:
    # Qt draws the PDF from the HTML export's page, whose markup is checked above.
    with exported(template, typed, "pdf") as path:
        text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    # Spaces, and the invisible zero-width characters, which a PDF's text layer gives back
    # where its fonts put them (pypdf maps a zero-width glyph to U+200B between words).
    letters = re.sub(_UNSEEN, "", text)
    for name in shown_fields(typed, layout="narrative") & _PDF_FIELDS:
        shown = html_shows(typed, name) if name in typed.overrides else f"zx{name}zx"
        assert re.sub(_UNSEEN, "", shown) in letters, name


# --- regressions: bugs these properties found, each pinned by its smallest case ----------

def test_declaration_nature_is_text_in_the_page(template: Path) -> None:
    typed = Typed(BENIGN, overrides={"nature": "<img src=x onerror=alert(1)>"})
    with exported(template, typed, "html") as path:
        audit = audit_html(path.read_bytes().decode("utf-8"))
    assert "img" not in {tag for tag, _ in audit.elements}
    assert "A declaration of <img src=x onerror=alert(1)> interest was made by" in audit.text


@pytest.mark.parametrize("name", ["title", "committee", "organisation", "location"])
def test_docx_export_takes_control_characters_anywhere(template: Path, name: str) -> None:
    # A vertical tab is what Word puts on the clipboard for a manual line break.
    typed = Typed(BENIGN, style=STYLE_NAME, overrides={
        name: ("https://example.org/a\x0bb" if name == "location" else "a\x0bb")})
    with exported(template, typed, "docx") as path:
        parts = docx_parts(path.read_bytes())
    assert parts


def test_ics_text_holds_no_control_characters(template: Path) -> None:
    with exported(template, Typed("Call\x0bback\x1b"), "ics") as path:
        data = path.read_bytes().decode("utf-8")
    assert not re.search("[\x00-\x08\x0a-\x1f\x7f]", data.replace("\r\n", ""))


@pytest.mark.parametrize("typed", [
    "Costs &copy; &amp; &lt;b&gt;",  # entity references are decoded
    "Budget\n---",  # a setext heading
    "Budget\n===",
    "Budget\n\n---",  # a thematic break
    "Budget\r\r---",  # the same, its lines ended by "\r" (CommonMark ends a line there too)
    "Budget\n1) first",  # an ordered list
    "Budget\r1) first",
    "Text\n\n    indented",  # an indented code block
    "Text\r\r\tindented",
    "~~~\nfenced\n~~~",  # a fenced code block
    "~~struck~~",  # GFM strike-through
])
def test_markdown_shows_typed_text_as_typed(template: Path, typed: str) -> None:
    with exported(template, Typed(BENIGN, overrides={"decision": typed}), "md") as path:
        tags, _ = markdown_tags(path.read_bytes().decode("utf-8"))
        text = squash(" ".join(markdown_text(path.read_bytes().decode("utf-8"))))
    assert tags <= {"p", "h1", "h2", "h3", "strong", "em", "ul", "ol", "li", "br"}
    assert squash(f"NOTED: {typed}") in text


def test_markdown_glossary_lists_abbreviations_with_markdown_characters(
        template: Path) -> None:
    with exported(template, Typed(BENIGN, short="QX_Q"), "md") as path:
        text = path.read_bytes().decode("utf-8")
    assert "Abbreviations used" in text and "QX\\_Q: Benign wordszxexpansionzx" in text
