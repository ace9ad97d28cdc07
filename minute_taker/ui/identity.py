"""Who the app is to the desktop: its application id and its icon.

The icon files are rendered from resources/icons/minute-taker.svg by tools/make_icons.py
into the freedesktop layout (hicolor/<N>x<N>/apps/<DESKTOP_ID>.png), which is also what
the window icon is made of, so the window, the task switcher (_NET_WM_ICON on X11) and
the installed desktop entry show the same pictures.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from minute_taker import DESKTOP_ID

# The sizes rendered to PNG (tools/make_icons.py writes each, tests check each).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icons_folder() -> Path:
    return Path(str(resources.files("minute_taker.resources") / "icons"))


def icon_file(size: int) -> Path:
    return icons_folder() / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"


def app_icon() -> QIcon:
    """The application's icon, one pixmap per rendered size (Qt loads each when asked)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_file(size)), QSize(size, size))
    return icon


def apply_identity(app: QGuiApplication) -> None:
    """Gives the application its desktop id (the desktop file's name, without .desktop:
    Wayland compositors find the icon and the name through it) and its window icon,
    which every window, the splash included, then shows."""
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())

