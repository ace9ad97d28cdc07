"""House style templates and the file itself: styles, typography, fallbacks, the write.

The committed ``template.docx`` files must be exactly what ``tools/make_docx_templates.py``
makes from ``style.toml``; an export starts from them, repairs what a hand edit lost,
and takes font, size and colour from ``style.toml`` so editing that file is enough.
"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx_reading import find, open_docx, paragraphs

from minute_taker.export import formats
from minute_taker.export.docx.styles import LIST_STYLES, PARAGRAPH_STYLES, style_numbering
from minute_taker.export.styles import HouseStyle, read_style, style_for
from minute_taker.services import publishing
from minute_taker.store import files

TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_docx_templates.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docx_templates", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docx_templates", module)
    spec.loader.exec_module(module)
    return module


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    pixels = b"".join(b"\x00" + b"\x1f\x38\x64" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("layout", ["narrative", "action_notes"])
def test_committed_templates_are_what_the_tool_makes(layout: str, tmp_path: Path) -> None:
    house = style_for(layout)
    assert house.folder is not None and house.docx_template is not None
    folder = tmp_path / house.folder.name
    folder.mkdir()
    shutil.copy(house.folder / "style.toml", folder / "style.toml")
    made = _tool().make_template(folder)
    # Member by member: another zlib may compress the same XML to other bytes.
    assert _members(made) == _members(house.docx_template), \
        "run: .venv/bin/python tools/make_docx_templates.py"


@pytest.mark.parametrize("layout", ["narrative", "action_notes"])
def test_templates_define_every_style_on_a4(layout: str) -> None:
    house = style_for(layout)
    template = docx.Document(str(house.docx_template))
    names = {s.name for s in template.styles}
    assert {spec.name for spec in PARAGRAPH_STYLES} | {"Table Grid"} <= names
    for names_of_kind in LIST_STYLES.values():
        assert [style_numbering(template, n) is not None for n in names_of_kind] == [True] * 3
    section = template.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 2) == round(section.left_margin.cm, 2) == 2.0
    assert template.styles["Normal"].font.name == house.font_family
    assert str(template.styles["Heading 1"].font.color.rgb) == house.heading_colour[1:].upper()
    assert template.styles["Agenda Text"].font.italic is True
    assert template.styles["Movement"].font.italic is True
    with zipfile.ZipFile(house.docx_template) as package:
        assert not [n for n in package.namelist() if "thumbnail" in n]


def test_style_toml_typography_wins_over_the_template(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    house = replace(narrative, font_family="Georgia, serif", font_size_pt=12,
                    heading_colour="#336699")
    word = write(demo, house)
    normal = word.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Georgia", 12)
    fonts = normal.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Item Heading"):
        assert str(word.styles[name].font.color.rgb) == "336699"


def test_a_style_without_a_template_still_exports_fully_styled(
        write: Any, demo: dict[str, Any]) -> None:
    bare = HouseStyle(name="bare", title="Bare", layout="narrative")
    assert bare.docx_template is None
    word = write(demo, bare)
    assert find(word, "1\t").style == "Heading 1"
    assert find(word, "upskilling special constables;").style == "List Bullet 2"
    assert round(word.sections[0].page_width.cm, 1) == 21.0
    assert word.part.package.rels and not [
        r for r in word.part.package.rels.values() if r.reltype.endswith("/thumbnail")]


def test_a_template_that_lost_styles_is_repaired(
        write: Any, demo: dict[str, Any], narrative: HouseStyle, tmp_path: Path) -> None:
    assert narrative.folder is not None
    folder = tmp_path / "edited"
    shutil.copytree(narrative.folder, folder)
    template = docx.Document(str(folder / "template.docx"))
    for name in ("Resolution", "Item Heading", "Agenda Text"):
        element = template.styles[name].element
        element.getparent().remove(element)
    number_style = template.styles["List Number"].element
    number_style.pPr.remove(number_style.pPr.find(qn("w:numPr")))
    template.save(str(folder / "template.docx"))
    demo["items"][2]["minutes_html"] = "<ol><li>counted</li></ol>"
    word = write(demo, read_style(folder))
    assert find(word, "RESOLVED").style == "Resolution"
    assert find(word, "Actions arising from previous meetings.").style == "Agenda Text"
    assert find(word, "counted").style == "List Number"
    assert find(word, "counted").num() is not None


def test_logo_and_organisation_head_the_first_page(
        write: Any, demo: dict[str, Any], narrative: HouseStyle, tmp_path: Path) -> None:
    assert narrative.folder is not None
    folder = tmp_path / "council"
    shutil.copytree(narrative.folder, folder)
    (folder / "crest.png").write_bytes(_png(40, 20))
    toml = (folder / "style.toml").read_text(encoding="utf-8")
    toml = toml.replace('organisation = ""', 'organisation = "West Mercia Council"')
    (folder / "style.toml").write_text(toml.replace('logo = ""', 'logo = "crest.png"'),
                                       encoding="utf-8")
    demo["meeting"]["status"] = "approved"
    word = write(demo, read_style(folder), public=True)
    first = paragraphs(word)[:3]
    assert first[0].element.find(f".//{qn('w:drawing')}") is not None
    assert (first[1].style, first[1].text) == ("Organisation", "West Mercia Council")
    assert first[2].style == "Title"
    header = word.sections[0].header
    assert header.paragraphs[0].text.startswith("West Mercia Council – Monthly Assurance Meeting")


def _prepared(document: dict[str, Any], house: HouseStyle, *,
              public: bool) -> formats.PreparedExport:
    request = formats.ExportRequest(meeting_id=0, fmt="docx", public=public)
    return formats.PreparedExport(request, document, house, public)


def test_the_file_is_replaced_in_one_step(demo: dict[str, Any], narrative: HouseStyle,
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"previous export")
    publishing.write(_prepared(demo, narrative, public=False), target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.docx"]
    before = target.read_bytes()

    def refuse(source: object, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        publishing.write(_prepared(demo, narrative, public=True), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.docx"]


def test_the_tool_writes_templates_for_folders_given(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    house = style_for("narrative")
    assert house.folder is not None
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(house.folder / "style.toml", folder / "style.toml")
    assert _tool().main([str(folder)]) == 0
    assert capsys.readouterr().out.strip() == str(folder / "template.docx")
    specimen = open_docx(folder / "template.docx")
    assert find(specimen, "Resolution:").style == "Resolution"
