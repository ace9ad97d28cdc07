"""House styles: how exported minutes look, kept in files a user can copy and edit.

A style is a folder holding ``style.toml`` (layout, organisation, logo, fonts,
heading texts, how abbreviations are spelled out) and, optionally,
``template.docx`` (the Word styles and page set-up DOCX exports start from). The
built-in styles ship in the package; a user's own live in the styles folder of
their settings (``Export > Styles folder``) and take precedence by name. Nothing in
a style is code, so a copied style can never run anything.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

from minute_taker.domain.decision_marks import EMPHASES
from minute_taker.domain.errors import ValidationError

LAYOUTS: Final = ("narrative", "action_notes")
ABBREVIATION_MODES: Final = ("glossary", "first_use", "both")
# Where the contact officer ("Contact: Sheena Jones") is printed: at the foot, after the
# close and the chair's signature (as ModernGov publishes minutes), at the head with the
# meeting's details, or not at all.
CONTACT_PLACES: Final = ("foot", "head", "none")
STYLE_FILE: Final = "style.toml"
DOCX_TEMPLATE: Final = "template.docx"
# The committee's house style (stored per committee) names a layout; these are the
# built-in styles that stand for each.
DEFAULT_FOR_LAYOUT: Final = {"narrative": "committee-minutes", "action_notes": "action-notes"}

DEFAULT_HEADINGS: Final[Mapping[str, str]] = {
    "present": "Present",
    "in_attendance": "In attendance",
    "also_present": "Also present",
    "officers": "Officers in attendance",
    "apologies": "Apologies",
    "absent": "Absent",
    "declarations": "Declarations of interest",
    "actions_arising": "Actions arising",
    "abbreviations": "Abbreviations used",
    "next_meeting": "Date of next meeting",
    "private_item": "This item was considered in private.",
    "signature": "Chair",
    "update": "Update",
    "contact": "Contact",
}


@dataclass(frozen=True, slots=True)
class HouseStyle:
    name: str
    title: str
    layout: str
    organisation: str = ""
    logo: Path | None = None
    font_family: str = "Arial"
    font_size_pt: int = 11
    heading_colour: str = "#1f3864"
    abbreviations: str = "glossary"
    signature_line: bool = True
    item_number_suffix: str = ""  # "." prints item 233 as "233."
    contact: str = "foot"  # one of CONTACT_PLACES
    # "The meeting was inquorate from item 5 ..." at the first inquorate item.
    quorum_statement: bool = False
    # A "Declarations of interest" section saying "None." when nobody declared one.
    declarations_none: bool = False
    # A declaration about an item printed under that item ("A declaration of interest
    # was made by ..."), as minutes that record it where it was made; otherwise in the
    # declarations section, "X declared an interest in item 4: ...".
    declarations_in_place: bool = False
    # How a decision kept in the notes stands out there (its words are the clerk's):
    # "none", "label" (a leading RESOLVED/AGREED/NOTED in bold), "bold" or "italic".
    decision_emphasis: str = "label"
    headings: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_HEADINGS))
    folder: Path | None = None

    @property
    def docx_template(self) -> Path | None:
        """The Word template beside ``style.toml``, if the style has one."""
        if self.folder is None:
            return None
        path = self.folder / DOCX_TEMPLATE
        return path if path.is_file() else None

    def heading(self, key: str) -> str:
        return self.headings.get(key) or DEFAULT_HEADINGS[key]

    def item_number(self, number: str) -> str:
        """An item's number as headings print it: "233" or "233." (never "3..")."""
        number = number.strip()
        suffix = self.item_number_suffix
        return number if not number or number.endswith(suffix) else number + suffix


def builtin_styles_dir() -> Path:
    return Path(str(resources.files("minute_taker.resources") / "house_styles"))


def style_folders(user_dir: Path | None = None) -> dict[str, Path]:
    """Every style by name: built-in ones, then the user's (which win on a clash)."""
    found: dict[str, Path] = {}
    for root in (builtin_styles_dir(), user_dir):
        if root is None or not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if (folder / STYLE_FILE).is_file():
                found[folder.name] = folder
    return found


def load_style(name: str, user_dir: Path | None = None) -> HouseStyle:
    """The style called ``name``; a clear refusal if there is none or its file is wrong."""
    folders = style_folders(user_dir)
    folder = folders.get(name)
    if folder is None:
        known = ", ".join(sorted(folders)) or "none"
        raise ValidationError(f"There is no house style called “{name}” (known: {known}).")
    return read_style(folder)


def style_for(layout_or_name: str, user_dir: Path | None = None) -> HouseStyle:
    """A style named outright, or the built-in one for a committee's layout."""
    return load_style(DEFAULT_FOR_LAYOUT.get(layout_or_name, layout_or_name), user_dir)


def read_style(folder: Path) -> HouseStyle:
    path = folder / STYLE_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"The house style file {path} cannot be read: {exc}") from exc
    return _style(folder, data, path)


def _style(folder: Path, data: Mapping[str, Any], path: Path) -> HouseStyle:
    def text(key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise ValidationError(f"{path}: “{key}” should be text in quotes.")
        return value.strip()

    layout = text("layout", "narrative")
    if layout not in LAYOUTS:
        raise ValidationError(f"{path}: layout must be one of {', '.join(LAYOUTS)}.")
    abbreviations = text("abbreviations", "glossary")
    if abbreviations not in ABBREVIATION_MODES:
        raise ValidationError(
            f"{path}: abbreviations must be one of {', '.join(ABBREVIATION_MODES)}.")
    size = data.get("font_size_pt", 11)
    if not isinstance(size, int) or isinstance(size, bool) or not 6 <= size <= 24:
        raise ValidationError(f"{path}: font_size_pt must be a whole number from 6 to 24.")
    headings = data.get("headings", {})
    if not isinstance(headings, dict) or not all(isinstance(v, str) for v in headings.values()):
        raise ValidationError(f"{path}: [headings] should hold text values only.")
    suffix = text("item_number_suffix", "")
    if suffix not in ("", ".", ")", ":"):
        raise ValidationError(f"{path}: item_number_suffix must be \"\", \".\", \")\" or \":\".")
    contact = text("contact", "foot")
    if contact not in CONTACT_PLACES:
        raise ValidationError(f"{path}: contact must be one of {', '.join(CONTACT_PLACES)}.")
    emphasis = text("decision_emphasis", "label")
    if emphasis not in EMPHASES:
        raise ValidationError(f"{path}: decision_emphasis must be one of "
                              f"{', '.join(EMPHASES)}.")
    logo_name = text("logo", "")
    logo = (folder / logo_name) if logo_name else None
    if logo is not None and (not logo.is_file() or folder.resolve() not in logo.resolve().parents):
        raise ValidationError(f"{path}: the logo “{logo_name}” is not a file in the style's "
                              "folder.")
    return HouseStyle(
        name=folder.name, title=text("title", folder.name), layout=layout,
        organisation=text("organisation", ""), logo=logo,
        font_family=text("font_family", "Arial") or "Arial", font_size_pt=size,
        heading_colour=text("heading_colour", "#1f3864"), abbreviations=abbreviations,
        signature_line=bool(data.get("signature_line", True)), item_number_suffix=suffix,
        contact=contact, quorum_statement=bool(data.get("quorum_statement", False)),
        declarations_none=bool(data.get("declarations_none", False)),
        declarations_in_place=bool(data.get("declarations_in_place", False)),
        decision_emphasis=emphasis,
        headings={**DEFAULT_HEADINGS, **headings}, folder=folder)
