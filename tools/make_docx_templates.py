"""Write ``template.docx`` for house styles from their ``style.toml``.

    .venv/bin/python tools/make_docx_templates.py            # the built-in styles
    .venv/bin/python tools/make_docx_templates.py FOLDER...  # styles of your own

The template holds the named Word styles DOCX exports use (A4, 2 cm margins, the
font, size and heading colour of ``style.toml``), and a specimen paragraph in each
style saying what it is for, so whoever restyles the minutes in Word or LibreOffice
sees what they are changing; exports empty the body before writing. The styles come
from ``minute_taker.export.docx.styles``, the same definitions the writer falls back
on. Output is byte-for-byte repeatable (fixed dates in the file and the zip), so
re-running the tool over unchanged styles leaves git with nothing to commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx

from minute_taker.export.docx.styles import (
    LIST_STYLES,
    PARAGRAPH_STYLES,
    define_styles,
    drop_thumbnail,
    set_up_page,
)
from minute_taker.export.styles import DOCX_TEMPLATE, builtin_styles_dir, read_style

_FIXED_TIME = dt.datetime(2024, 1, 1)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_NOT_IN_BODY = {"Normal", "Header", "Footer"}


def make_template(folder: Path) -> Path:
    """Write ``folder/template.docx`` from ``folder/style.toml``; returns its path."""
    house = read_style(folder)
    word = docx.Document()
    body = word.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    define_styles(word, house, replace=True)
    set_up_page(word.sections[0])
    _specimen(word, house.title)
    drop_thumbnail(word)
    props = word.core_properties
    props.title = f"{house.title} \u2013 Minute Taker house style"
    props.author = props.last_modified_by = "Minute Taker"
    props.comments = ("Edit the styles (not this text) to restyle exported minutes; "
                      "exports replace this text with the minutes.")
    props.keywords, props.subject, props.category = "minutes template", house.title, ""
    props.revision = 1
    props.created = props.modified = _FIXED_TIME
    buffer = io.BytesIO()
    word.save(buffer)
    target = folder / DOCX_TEMPLATE
    target.write_bytes(_repeatable_zip(buffer.getvalue()))
    return target


def _specimen(word: docx.document.Document, title: str) -> None:
    """One paragraph per style, written in it, saying where exports use it."""
    word.add_paragraph(f"{title}: house style template", style="Title")
    word.add_paragraph("Each paragraph below is written in the style it describes. Change "
                       "the styles (Home > Styles, or F11 in LibreOffice), not this text: "
                       "exports replace it with the minutes.", style="Normal")
    list_names = {name for names in LIST_STYLES.values() for name in names}
    for spec in PARAGRAPH_STYLES:
        if spec.name in _NOT_IN_BODY or spec.name == "Title":
            continue
        purpose = "A level of a list in the minutes." if spec.name in list_names \
            else spec.purpose
        paragraph = word.add_paragraph(style=spec.name)
        paragraph.add_run(f"{spec.name}: ").bold = spec.name == "Resolution" or None
        paragraph.add_run(purpose)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Table Grid"
    table.cell(0, 1).text = "The attendance, items and actions tables."


def _repeatable_zip(data: bytes) -> bytes:
    """The same package with every member dated alike, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        help="style folders holding style.toml (default: the built-in ones)")
    args = parser.parse_args(argv)
    folders = args.folders or sorted(p.parent for p in builtin_styles_dir().glob("*/style.toml"))
    for folder in folders:
        print(make_template(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
