"""The Markdown and plain-text exports have the HTML export's block structure.

The Markdown file is rendered as a CommonMark viewer renders it (markdown-it-py) and
read back as blocks: headings, paragraphs, list items with their nesting, and the runs
of bold and italics inside them. The HTML export of the same meeting is read the same
way, and the two must agree block for block, word for word. That is how a paragraph
run into the next, a paragraph joined to the bullet before it, or "**RESOLVED **that"
showing its asterisks would show up. The plain-text export must keep each paragraph
apart by a blank line.

Where the layouts differ by design the comparison says so: the HTML page tables the
attendance and the glossary (the text formats write lines), labels a confidential
item in its heading (the text formats write a line under it), and links a paper by its
title (the text formats name where it is).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from blocks_support import Block, html_blocks, markdown_blocks, squash
from markdown_it import MarkdownIt

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export import formats
from minute_taker.export.content import paper_words
from minute_taker.export.plain_markup import html_lines
from minute_taker.export.styles import style_for
from minute_taker.services import interchange, publishing
from minute_taker.store.book import MinuteBook

GROUPS = ("present", "also_present", "officers", "apologies", "absent")
Key = tuple[str, int, str, list[str]]


@pytest.fixture
def demo_meeting(tmp_path: Path) -> tuple[Path, int]:
    """The sample meeting the app ships, in a book."""
    path = tmp_path / "demo.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        meeting_id = interchange.load_demo(book)
    return path, meeting_id


@pytest.fixture(params=["panel", "demo"])
def meeting(request: pytest.FixtureRequest) -> tuple[Path, int]:
    fixture: tuple[Path, int] = request.getfixturevalue(
        "panel" if request.param == "panel" else "demo_meeting")
    return fixture


def exports(meeting: tuple[Path, int], out: Path, *, public: bool
            ) -> tuple[dict[str, str], dict[str, Any]]:
    """The meeting in committee-minutes style as HTML, Markdown and plain text, and its
    interchange document."""
    path, meeting_id = meeting
    files = {}
    with MinuteBook.open(path) as book:
        for fmt in ("html", "md", "txt"):
            request = formats.ExportRequest(meeting_id=meeting_id, fmt=fmt, public=public,
                                            style="committee-minutes")
            target = publishing.export(book, request, out / f"minutes-{public}.{fmt}").path
            files[fmt] = target.read_text(encoding="utf-8")
        document = interchange.export_meeting(book, meeting_id)
    return files, document


def _papers(document: dict[str, Any]) -> dict[str, str]:
    """"Title PDF 182 KB (where it is)" as the text formats list a paper, to what the
    page shows ("Title PDF 182 KB")."""
    found = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            for paper in item.get("documents") or []:
                if paper["location"]:
                    found[squash(f"{paper_words(paper)} ({paper['location']})")] = \
                        squash(paper_words(paper))
            walk(item["children"])
    walk(document["items"])
    return found


def page_keys(blocks: list[Block]) -> list[Key]:
    """The HTML page's blocks, its tables (attendance, glossary) set aside."""
    keys = []
    for block in blocks:
        if block.kind == "cell":
            continue
        kind, depth, text, emphasis = block.key()
        if kind.startswith("h"):
            text = text.removesuffix(" CONFIDENTIAL")  # the text formats say it below
        keys.append((kind, depth, text, emphasis))
    return keys


def markdown_keys(blocks: list[Block], document: dict[str, Any]) -> list[Key]:
    """The Markdown's blocks, its attendance lines set aside (the page tables them) and
    its papers named as the page names them."""
    house = style_for("narrative")
    attendance = tuple(f"{house.heading(group)}:" for group in GROUPS)
    papers = _papers(document)
    keys: list[Key] = []
    for block in blocks:
        kind, depth, text, emphasis = block.key()
        if kind == "p" and text.startswith(attendance) and not any(
                k[0] == "h2" for k in keys):
            continue
        if kind == "p" and text == "Confidential" and keys and keys[-1][0].startswith("h"):
            continue
        if kind == "li":
            text = papers.get(text, text)
        keys.append((kind, depth, text, emphasis))
    return keys


def split_glossary(keys: list[Key], heading: str) -> tuple[list[Key], list[Key]]:
    found = [i for i, key in enumerate(keys) if key[0] == "h2" and key[2] == heading]
    return (keys[:found[0]], keys[found[0] + 1:]) if found else (keys, [])


@pytest.mark.parametrize("public", [True, False])
def test_markdown_has_the_pages_blocks(meeting: tuple[Path, int], tmp_path: Path,
                                       public: bool) -> None:
    files, document = exports(meeting, tmp_path, public=public)
    page = html_blocks(files["html"])
    heading = style_for("narrative").heading("abbreviations")
    html_body, html_end = split_glossary(page_keys(page), heading)
    md_body, md_glossary = split_glossary(
        markdown_keys(markdown_blocks(files["md"]), document), heading)
    assert md_body == html_body
    # After the glossary, what follows it on the page (the contact officer).
    assert md_glossary[1:] == html_end
    md_glossary = md_glossary[:1]
    # The glossary: the page's two-column table, the Markdown's lines, the same words.
    cells = [b.text for b in page[[b.key()[2] for b in page].index(heading) + 1:]
             if b.kind == "cell"]
    assert [k[2] for k in md_glossary] == \
        [" ".join(f"{short}: {long}" for short, long in zip(cells[::2], cells[1::2],
                                                           strict=True))]
    # Nothing the page shows bold or italic shows its asterisks or underscores instead.
    shown = "\n".join(k[2] for k in md_body)
    assert "*" not in shown and "_" not in shown.replace("____________", "")


@pytest.mark.parametrize("public", [True, False])
def test_plain_text_keeps_paragraphs_apart(meeting: tuple[Path, int], tmp_path: Path,
                                           public: bool) -> None:
    """Every paragraph of the page is a paragraph of its own in the text: a blank line
    before and after it; list items stay one a line, under the paragraph before them."""
    files, document = exports(meeting, tmp_path, public=public)
    papers = _papers(document)
    chunks = [squash(chunk) for chunk in re.split(r"\n[ \t]*\n", files["txt"])]
    heading = style_for("narrative").heading("abbreviations")
    body, _ = split_glossary(page_keys(html_blocks(files["html"])), heading)
    start = next(i for i, key in enumerate(body) if key[0] == "h2")
    paragraphs = [text for kind, _, text, _ in body[start:] if kind == "p"]
    position = 0
    for text in paragraphs:
        assert text in chunks[position:], text
        position = chunks.index(text, position) + 1
    items = [(depth, text) for kind, depth, text, _ in body if kind == "li"]
    lines = [(len(m.group(1)) // 2, papers.get(m.group(3), m.group(3))) for m in re.finditer(
        r"^( *)(•|\d+\.) (.*)$", files["txt"], re.MULTILINE)]
    assert [text for _, text in items] == [text for _, text in lines
                                          if text in {t for _, t in items}]
    assert [depth for depth, _ in items] == \
        [depth for depth, text in lines if text in {t for _, t in items}]


# --- minutes text the editor can store, piece by piece --------------------------------------

def _fragment_keys(fragment: str) -> list[Key]:
    return [b.key() for b in html_blocks(f"<body>{sanitise_html(fragment)}</body>")]


FRAGMENTS = [
    "<p><strong>RESOLVED </strong>that the report be noted.</p>",
    "<p>The panel<strong> noted </strong>the report and <em>agreed </em>it.</p>",
    "<p>First paragraph.</p><p>Second paragraph.</p>",
    "<ul><li>Last bullet</li></ul><p>A paragraph after the list.</p>",
    "<p>Before:</p><ol><li>one<ul><li>nested</li></ul></li><li>two</li></ol><p>After.</p>",
    "<ul><li>one<ol><li>two<ul><li>three</li></ul></li></ol>more of one</li></ul>",
    "<ul><li>first list</li></ul><ul><li>second list</li></ul>",
    "<ol><li>first list</li></ol><ol><li>second list</li></ol>",
    "<p>Word<strong>(bold)</strong>word and <em>note:</em>text and x<em>“quoted”</em>y</p>",
    "<p><strong>Findings:</strong>none, <em>a</em><em>b</em> "
    "<strong>c<strong>d</strong></strong></p>",
    "<strong><p>Bold across</p><p>two paragraphs</p></strong>",
    "<ul><li><p>A paragraph in an item</p><p>and a second one</p></li></ul>",
    "<p><br>Line one<br><br>line two<br></p>",
    "<p> 1. not a list</p><p> - not a bullet</p><p>+ nor this</p>",
    "<p><strong> </strong>Empty bold, <em><strong> </strong></em>empty both</p>",
    "<p>Bold <strong>across<br>a line break</strong> here</p>",
    "<ol>" + "".join(f"<li>item {n}</li>" for n in range(1, 11)) +
    "<li>item 11<ul><li>nested under a two-digit number</li></ul></li></ol>",
]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_minutes_text_keeps_its_blocks_and_emphasis_in_markdown(fragment: str) -> None:
    markdown = "\n".join(html_lines(fragment, markdown=True))
    rendered = [b.key() for b in markdown_blocks(markdown)]
    assert rendered == _fragment_keys(fragment), markdown
    assert "*" not in "".join(k[2] for k in rendered), markdown


def test_emphasis_keeps_its_words_bold() -> None:
    """Spaces and punctuation move outside the delimiters; the words stay emphasised."""
    markdown = "\n".join(html_lines(FRAGMENTS[0] + FRAGMENTS[8], markdown=True))
    assert markdown.startswith("**RESOLVED** that the report")
    html = MarkdownIt("commonmark").render(markdown)
    assert "<strong>RESOLVED</strong> that" in html
    assert "Word(<strong>bold</strong>)word" in html and "<em>note</em>:text" in html
    assert "x“<em>quoted</em>”y" in html


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_plain_text_keeps_blocks_apart(fragment: str) -> None:
    lines = html_lines(fragment, markdown=False)
    text = "\n".join(lines)
    assert "*" not in text
    blocks = _fragment_keys(fragment)
    paragraphs = [k[2] for k in blocks if k[0] == "p"]
    chunks = [squash(c) for c in re.split(r"\n\s*\n", text)]
    for paragraph in paragraphs:
        assert paragraph in chunks, (paragraph, text)
    items = [k[2] for k in blocks if k[0] == "li"]
    shown = [squash(re.sub(r"^ *(•|\d+\.) ", "", line)) for line in lines
             if re.match(r"^ *(•|\d+\.) ", line)]
    assert [line for line in shown if line in items] == items  # " 1. typed" reads as one

