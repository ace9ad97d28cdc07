"""Pagination of a long meeting as a council officer expects it: nothing lost or
doubled, headings and labels with what follows, no widow or orphan lines, no table
row split, page numbers that add up.

The long meeting (100 items of three paragraphs and a list, each line findable by its
marker words) is exported once per house style and read back once: pypdf is slow.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest
from pdf_reading import (
    LONG_MEETING_ITEMS,
    ReadPdf,
    Run,
    export_pdf,
    long_item,
    marker,
    one_line,
)

from minute_taker.services import interchange


@dataclass(frozen=True)
class LongPdf:
    style: str
    pages: list[str]
    runs: list[Run]

    def lines(self) -> dict[int, list[str]]:
        """Each page's body lines, top to bottom, as runs sharing a baseline."""
        by_line: dict[tuple[int, float], list[str]] = defaultdict(list)
        for run in self.runs:
            if run.size > 9:  # the header and footer bands are 8.5 pt
                by_line[(run.page, round(run.baseline))].append(run.text)
        found: dict[int, list[str]] = defaultdict(list)
        for (page, _), texts in sorted(by_line.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            found[page].append(" ".join(texts))
        return found


@pytest.fixture(scope="module", params=["action-notes", "committee-minutes"])
def long_pdf(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> LongPdf:
    document = interchange.demo_document()
    template = document["items"][1]
    document["items"] = [long_item(template, i) for i in range(1, LONG_MEETING_ITEMS + 1)]
    for index, item in enumerate(document["items"], start=1):
        # A paragraph of six lines or so: one that may split, two lines a side.
        item["minutes_html"] += (f"<p>Members asked about {marker(index, 7)} in detail. "
                                 + "The figures were revised and partners were consulted. " * 7
                                 + "Officers agreed to report back.</p>")
    document["actions"] = [
        {**document["actions"][0], "uid": f"00000000-0000-4000-9000-{i:012d}",
         "item": document["items"][i - 1]["uid"], "text": f"Report back on act{i:03d}."}
        for i in range(1, LONG_MEETING_ITEMS + 1, 3)]
    document["declarations"] = []
    path = export_pdf(document, tmp_path_factory.mktemp("long") / "minutes.pdf",
                      style=request.param)
    read = ReadPdf.open(path)
    return LongPdf(request.param, read.pages, read.runs())


def test_nothing_is_lost_or_doubled_and_every_page_is_numbered(long_pdf: LongPdf) -> None:
    count = len(long_pdf.pages)
    words = one_line(" ".join(long_pdf.pages)).split()
    assert count > 20
    for index in range(1, LONG_MEETING_ITEMS + 1):
        assert f"Long item {index:03d} about title{index:03d}" in one_line(" ".join(
            long_pdf.pages))
        for part in range(7):
            assert words.count(marker(index, part)) == 1, marker(index, part)
    for number, text in enumerate(long_pdf.pages, start=1):
        assert text.rstrip().endswith(f"Page {number} of {count}")


def test_headings_stay_with_their_text_and_their_number(long_pdf: LongPdf) -> None:
    runs = long_pdf.runs
    for index in range(1, LONG_MEETING_ITEMS + 1):
        heading = next(run for run in runs if f"Long item {index:03d} " in run.text)
        text = next(run for run in runs if marker(index, 0) in run.text)
        assert text.page == heading.page, heading
        number = next(run for run in runs if run.page == heading.page
                      and run.text.split()[0] == str(index))
        assert number.baseline >= heading.baseline - 1  # on the heading's line, or above


def test_no_paragraph_leaves_a_widow_or_an_orphan(long_pdf: LongPdf) -> None:
    """A paragraph split over two pages keeps at least two lines on each."""
    flat = [(page, line) for page, found in sorted(long_pdf.lines().items())
            for line in found if not line.startswith("No. Item")]  # a repeated header row
    split = 0
    for index in range(1, LONG_MEETING_ITEMS + 1):
        for part in (0, 1, 2, 7):
            start = next(n for n, (_, line) in enumerate(flat) if marker(index, part) in line)
            end = next(n for n in range(start, len(flat)) if "report back." in flat[n][1])
            pages = [page for page, _ in flat[start:end + 1]]
            if pages[0] == pages[-1]:
                continue
            split += 1
            assert pages.count(pages[0]) >= 2, f"orphan line: {marker(index, part)}"
            assert pages.count(pages[-1]) >= 2, f"widow line: {marker(index, part)}"
    assert split >= 5  # the meeting is long enough for the rule to be tested


def test_an_action_is_never_split_from_its_number_or_its_label(long_pdf: LongPdf) -> None:
    """Action notes: a row of the actions arising table stays whole, its number beside
    its text. Narrative minutes: "ACTION:" and the owner stay on the action's line."""
    runs = long_pdf.runs
    for index in range(1, LONG_MEETING_ITEMS + 1, 3):
        text = [run for run in runs if f"act{index:03d}" in run.text]
        row = text[-1]
        same_row = [run.text for run in runs if run.page == row.page
                    and abs(run.baseline - row.baseline) < 1]
        if long_pdf.style == "action-notes":
            assert len(text) == 2  # in the item's row, and in the actions arising table
            assert str(index) in same_row, row
        else:
            assert len(text) == 1
            assert "ACTION:" in " ".join(same_row), row
