"""Pasting from Word keeps the bullets and the bold, and drops Calibri and the colours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QMimeData

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

WORD = (
    "<html><body><p class=MsoNormal><b><span style='font-family:Calibri;color:#1F497D'>"
    "Findings:</span></b><o:p></o:p></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span style='font-family:Symbol'>\u00b7<span style='font:7.0pt "
    "\"Times New Roman\"'>&nbsp;&nbsp;</span></span><![endif]>An uplift in staff</p>"
    "<p class=MsoListParagraphCxSpLast style='margin-left:72.0pt;mso-list:l0 level2 lfo1'>"
    "<![if !supportLists]><span style='font-family:\"Courier New\"'>o<span>&nbsp;</span>"
    "</span><![endif]><i>complaints recorded within three days</i></p></body></html>")


def test_pasting_word_html_keeps_lists_and_emphasis(qtbot, open_window,
                                                    book_path: Path) -> None:
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2017, 10, 31))
        agenda.add_item(seed, meeting.id, "Professional Standards")
    window = open_window(book_path)
    clipboard = QMimeData()
    clipboard.setHtml(WORD)
    window.notes.editor.insertFromMimeData(clipboard)
    window.context.autosave.flush()
    stored = agenda.get_item_minutes(window.context.book, window.context.current_item_id)
    assert stored == ("<p><strong>Findings:</strong></p><ul><li>An uplift in staff<ul><li>"
                      "<em>complaints recorded within three days</em></li></ul></li></ul>")
