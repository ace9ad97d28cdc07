"""File > Export: the choice of version is explicit, the preview follows, the file is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from ui_keys import key

from minute_taker.export.styles import style_folders
from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook
from minute_taker.ui.publish.export_dialog import ExportDialog, copy_builtin_styles


def choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def test_export_needs_a_version_then_writes_the_file(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path, monkeypatch) -> None:
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    choose(dialog, "md")
    assert not dialog.export_button.isEnabled()
    assert "choose the public version" in dialog.note.text()
    dialog.public.click()
    assert dialog.export_button.isEnabled()
    assert "DRAFT" in dialog.note.text()
    assert dialog.preview_text.toPlainText().startswith("**DRAFT")
    assert dialog.path.text().endswith("Monthly Assurance Meeting 2017-10-31 minutes "
                                       "(public, DRAFT).md")
    target = tmp_path / "out" / "minutes.md"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert target.exists() and "considered in private" in target.read_text(encoding="utf-8")
    assert "Saved" in dialog.done_label.text() and not dialog.open_folder.isHidden()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog.open_folder.click()
    assert opened and opened[0].toLocalFile() == str(target.parent)


def test_action_list_of_outstanding_actions(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    choose(dialog, "csv")
    dialog.public.click()
    assert dialog.outstanding.isEnabled()
    dialog.outstanding.setChecked(True)
    assert dialog.preview_text.toPlainText().startswith("Committee,Meeting date")
    assert "outstanding actions.csv" in dialog.path.text()
    choose(dialog, "md")
    assert not dialog.outstanding.isEnabled()


def test_a_write_failure_is_shown_and_nothing_is_left(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    choose(dialog, "txt")
    dialog.full.click()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    dialog.path.setText(str(blocked / "minutes.txt"))
    dialog.start()
    qtbot.waitUntil(lambda: "Not saved" in dialog.done_label.text(), timeout=10000)
    assert dialog.export_button.isEnabled()


def test_file_menu_export_opens_the_dialog(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                           monkeypatch) -> None:
    window = open_window(demo_path)
    shown = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: shown.append(self) or 0)
    key(qtbot, window, "Ctrl+E")
    assert len(shown) == 1 and shown[0].meeting_id == 1


def test_styles_folder_gets_editable_copies(tmp_path: Path) -> None:
    folder = tmp_path / "styles"
    copy_builtin_styles(folder)
    mine = style_folders(folder)
    assert {"my-committee-minutes", "my-action-notes"} <= set(mine)
    assert 'title = "My Committee minutes"' in \
        (folder / "my-committee-minutes" / "style.toml").read_text(encoding="utf-8")


def test_a_link_in_the_preview_neither_opens_nor_replaces_the_preview(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, monkeypatch) -> None:
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    choose(dialog, "html")
    dialog.public.click()
    before = dialog.preview_html.toPlainText()
    assert before
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    browser = dialog.preview_html
    # A paper's link at the top (the sample's papers have none), reached by Tab as a
    # keyboard user would, and Enter pressed on it.
    browser.setHtml('<p><a href="https://example.invalid/paper.pdf">the paper</a></p>'
                    + browser.toHtml())
    browser.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    browser.setFocus()
    key(qtbot, browser, "Tab")
    key(qtbot, browser, "Return")
    assert "the paper" in browser.toPlainText()
    assert browser.source().isEmpty()
    assert opened == []


def test_a_pdf_with_a_character_no_font_has_is_written_and_the_dialog_says_so(  # type: ignore[no-untyped-def]
        qtbot, open_window, tmp_path: Path) -> None:
    from minute_taker.services import agenda

    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        meeting_id = interchange.load_demo(book)
        first = agenda.list_items(book, meeting_id)[0]
        agenda.set_item_minutes(book, first.id, "<p>Cllr \u738b spoke.</p>")
    window = open_window(path)
    dialog = ExportDialog(window.context, window)
    qtbot.addWidget(dialog)
    choose(dialog, "pdf")
    dialog.public.click()
    target = tmp_path / "minutes.pdf"
    dialog.path.setText(str(target))

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)

    assert target.read_bytes().startswith(b"%PDF-")
    assert "Saved" in dialog.done_label.text()
    assert "cannot show \u201c\u738b\u201d" in dialog.done_label.text()
