"""The Qt binding installed must not corrupt the interpreter (see pyproject.toml)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QPainter, QTextDocument

    document = QTextDocument()
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(200):
        document.setPlainText("x")
        painter.save()
        painter.restore()
    after = sys.getrefcount(None)
    painter.end()
    # A few references may come and go elsewhere; the bug loses three per loop.
    assert after >= before - 20, f"None lost {before - after} references"
