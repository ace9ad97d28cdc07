"""Baseline for the startup benchmark: the least a PySide6 editor window costs.

A bare QMainWindow with a QTextEdit as its central widget, started and timed
exactly like the app. It prints the app's two marker lines on stdout: once the
window has been painted (``MINUTE_TAKER_PAINTED``: its first paint event has run
and the event loop has turned, so the paint was flushed) and once it is also
ready to type (``MINUTE_TAKER_SHOWN``: the QTextEdit has the keyboard), then
quits. For a bare window both come on the same event-loop turn.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

PAINTED_MARKER = "MINUTE_TAKER_PAINTED"
MARKER = "MINUTE_TAKER_SHOWN"


class Watch(QObject):
    def __init__(self, app: QApplication, window: QMainWindow, editor: QTextEdit) -> None:
        super().__init__()
        self.app, self.window, self.editor = app, window, editor
        self.painted = self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self.window and not self.painted:
            QTimer.singleShot(0, self.window_painted)
        elif kind == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self.check_ready)
        return False

    def window_painted(self) -> None:
        if not self.painted:
            self.painted = True
            print(PAINTED_MARKER, flush=True)
            self.check_ready()

    def check_ready(self) -> None:
        if self.painted and not self.done and self.editor.hasFocus():
            self.done = True
            print(MARKER, flush=True)
            self.app.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    editor = QTextEdit()
    window.setCentralWidget(editor)
    window.resize(1024, 720)
    watch = Watch(app, window, editor)
    window.installEventFilter(watch)
    editor.installEventFilter(watch)
    window.show()
    window.activateWindow()  # as the app does: with no window manager, nothing else would
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
