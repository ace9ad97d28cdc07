"""File > Export, closed, leaves nothing behind: each export makes a dialog of its own
(with its previews of the whole minutes), and a session of many exports kept them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog

from minute_taker.ui.publish.export_dialog import ExportDialog


def test_each_closed_export_dialog_is_deleted(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(demo_path)
    shown: list[ExportDialog] = []

    def close_at_once(dialog: ExportDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", close_at_once)
    for _ in range(3):
        window.show_export()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert len(shown) == 3
    assert window.findChildren(ExportDialog) == []
