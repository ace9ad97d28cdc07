"""Baseline for the startup benchmark: the least a PySide6 editor window costs.

A bare QMainWindow with a QTextEdit as its central widget, started and timed
exactly like the app: it prints the same marker line on stdout once the window
has been shown (from a zero-delay timer, i.e. on the first event-loop pass
after ``show()``) and then quits.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

MARKER = "MINUTE_TAKER_SHOWN"


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.setCentralWidget(QTextEdit())
    window.resize(1024, 720)
    window.show()

    def announce_shown() -> None:
        print(MARKER, flush=True)
        app.quit()

    QTimer.singleShot(0, announce_shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
