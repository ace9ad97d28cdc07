"""The first window of a start: the app's name and the book being opened, painted before
the rest of the app is imported and the book opened (about half a second to a second).

It says only what is true ("Opening Minutes.minutebook…"), with no progress bar: the
work behind it is not measured in steps. It gets out of the way of any other window: the
main window (once that has been painted) and every message shown while the book is
opened. Light on purpose: Qt and this module only, nothing of the book or the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSize, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QSplashScreen, QWidget

from minute_taker import APP_NAME, __version__

SIZE = QSize(460, 150)
TAGLINE = "Take the minutes of formal meetings"
MARGIN = 24
PAINT_WAIT_MS = 1000  # at most, for the first paint: a window hidden from the start has none


class StartSplash(QSplashScreen):
    """A QSplashScreen for its window flags (frameless, a splash to the window system),
    painted here. Nothing of PySide6's ``Qt`` namespace is touched before it has been
    painted: making its hundred-odd Python enums costs some 15-20 ms, a sixth of a bare
    window's start (the main window makes them later, as before)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.setObjectName("startSplash")
        self.setWindowTitle(APP_NAME)
        self.opening = message
        self.setAccessibleName(f"{APP_NAME}: {message}")
        self.resize(SIZE)
        self.setAutoFillBackground(True)  # not QPainter.fillRect: its overloads make Qt's enums
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())
        self.painted = False

    def event(self, event: QEvent) -> bool:
        # Past QSplashScreen.event: it paints only its pixmap (there is none), and on
        # showing waits for the window to be exposed, a whole second on the offscreen
        # platform (the tests, the benchmarks).
        return QWidget.event(self, event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        # The painter's own pen (the palette's text colour), lighter by opacity: setPen
        # and fillRect would make Qt's enums, resolving their overloads.
        painter = QPainter(self)
        area = self.rect()
        left, top = MARGIN, MARGIN
        width = area.width() - 2 * MARGIN
        title = QFont(self.font())
        title.setPointSizeF(title.pointSizeF() * 1.9)
        title.setBold(True)
        title_metrics = QFontMetrics(title)
        metrics = QFontMetrics(self.font())
        painter.setOpacity(0.25)
        painter.drawRect(area.adjusted(0, 0, -1, -1))
        painter.setOpacity(1.0)
        painter.setFont(title)
        painter.drawText(left, top + title_metrics.ascent(), APP_NAME)
        painter.setFont(self.font())
        painter.drawText(left, area.height() - MARGIN - metrics.descent(),
                         elided(self.opening, metrics, width))
        painter.setOpacity(0.6)
        painter.drawText(left + width - metrics.horizontalAdvance(__version__),
                         top + metrics.ascent(), __version__)
        painter.drawText(left, top + title_metrics.height() + 4 + metrics.ascent(), TAGLINE)
        painter.end()
        self.painted = True


def elided(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` shortened in the middle to fit ``width`` (a long book name)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    keep = len(text)
    while keep > 2:
        keep -= 1
        shorter = f"{text[:keep // 2]}\u2026{text[len(text) - (keep - keep // 2):]}"
        if metrics.horizontalAdvance(shorter) <= width:
            return shorter
    return "\u2026"


def show_splash(message: str) -> StartSplash:
    """The splash, shown and painted (or, at worst, after ``PAINT_WAIT_MS``)."""
    splash = StartSplash(message)
    splash.show()
    wait_until_painted(splash)
    return splash


def wait_until_painted(splash: StartSplash, timeout_ms: int = PAINT_WAIT_MS) -> None:
    """Let Qt deliver the splash's expose and paint it: the event loop is not running yet.

    Timers may fire in here too (``MINUTE_TAKER_QUIT_AFTER_MS``): they are what they
    would have been on the loop's first turn."""
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(timeout_ms)
    while not splash.painted and deadline.isActive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    deadline.stop()


class _OutOfTheWay(QObject):
    """Closes the splash as soon as any other window (a message, a file dialog, a
    crash report) is shown, so that nothing the user must answer is hidden behind it."""

    def __init__(self, splash: StartSplash) -> None:
        super().__init__(splash)
        self.splash = splash

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow() and watched is not self.splash:
            self.splash.close()
        return False


@contextmanager
def out_of_the_way(splash: StartSplash | None) -> Iterator[None]:
    """While the block runs, any other window shown closes ``splash``.

    Watching every event of the application costs some 20 µs an event from Python, so
    only around the work that may show a message (opening the book), not around the
    thousands of events of building the main window."""
    app = QCoreApplication.instance()
    if splash is None or app is None or not splash.isVisible():
        yield
        return
    watch = _OutOfTheWay(splash)
    app.installEventFilter(watch)
    try:
        yield
    finally:
        app.removeEventFilter(watch)
        watch.deleteLater()


def dismiss_splashes() -> None:
    """Close the start window if it is still up: before a message is shown, and on
    every way out of the start."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, StartSplash):
            widget.close()
