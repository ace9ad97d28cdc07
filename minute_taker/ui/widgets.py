"""Small typed helpers for building widgets.

PySide6 accepts any Qt property as a keyword (``QLabel(self, objectName="x")``), but its
type stubs list only each class's own properties, so ``objectName`` (a QObject property)
fails the type check. ``named`` says the same thing in a form mypy can follow.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Q = TypeVar("Q", bound=QObject)


def named(thing: Q, name: str) -> Q:
    """``thing`` with its object name set (tests and style sheets find widgets by it)."""
    thing.setObjectName(name)
    return thing
