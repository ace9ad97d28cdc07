"""Each paragraph style is looked up once per document, not once per paragraph.

python-docx finds a style by name by scanning every style of the template, and scans
them all again for the default style, each time a paragraph is styled: with the ~170
styles of a house template that was most of a long export's time (a 100-item meeting
took 2.7-3.3 s). Timing is left to ``make bench``; this counts the scans, which does
not depend on how busy the machine is.
"""

from __future__ import annotations

from typing import Any

import pytest
from docx.styles.styles import Styles
from docx_reading import paragraphs

from minute_taker.export.styles import HouseStyle


@pytest.mark.parametrize("layout", ["narrative", "notes"])
def test_styles_are_looked_up_once_per_document(
        write: Any, demo: dict[str, Any], narrative: HouseStyle, notes: HouseStyle,
        layout: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scans = 0
    default = Styles.default

    def counted(self: Styles, style_type: Any) -> Any:
        nonlocal scans
        scans += 1
        return default(self, style_type)

    monkeypatch.setattr(Styles, "default", counted)
    word = write(demo, narrative if layout == "narrative" else notes)
    monkeypatch.undo()
    names = {p.style for p in paragraphs(word)}
    assert len(paragraphs(word)) > 150
    # One per style the body uses, and a few for the header, footer and tables.
    assert scans <= len(names) + 10, (scans, sorted(names))
