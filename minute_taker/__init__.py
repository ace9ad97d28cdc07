"""Minute Taker: take, review and publish the minutes of formal meetings."""

__version__ = "0.1.0"
APP_NAME = "Minute Taker"
# Two names, as many apps have (Firefox: "firefox" and org.mozilla.firefox). APP_ID is the
# command and the name of the per-user folders (appdirs: ~/.local/share/minute-taker...):
# it must never change, existing users' books and settings live there. DESKTOP_ID is the
# reverse-DNS application id the desktop knows the app by: the desktop file's name, its
# Icon=, the AppStream id (packaging/), the icon files' names and Qt's
# QGuiApplication.setDesktopFileName, which Wayland compositors use to find the icon.
APP_ID = "minute-taker"
DESKTOP_ID = "io.github.minutetaker.MinuteTaker"
