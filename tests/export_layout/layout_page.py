"""Reading a rendered minutes page back as a tree, for the layout tests.

Each test renders the shipped sample meeting (or a copy changed for the case) and
reads the page as a tree: headings, tables and each item's section between its
``item-UID`` anchor and the next, which is how the review window reads it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest

from minute_taker.export.layout import render_minutes

VOID = {"br", "meta", "img", "hr", "link", "input"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        parts = [c if isinstance(c, str) else f" {c.text()} " for c in self.children]
        return " ".join("".join(parts).replace("\xa0", " ").split())

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> in the page"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.events: list[tuple[str, str]] = []  # ("anchor", name) / ("text", data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag == "a" and node.attrs.get("name"):
            self.events.append(("anchor", node.attrs["name"]))
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)
        self.events.append(("text", data))


class Page:
    """A rendered page, with the questions the tests ask of it."""

    def __init__(self, source: str) -> None:
        self.source = source
        builder = _Builder()
        builder.feed(source)
        builder.close()
        self.root = builder.root
        self.events = builder.events

    @property
    def body(self) -> Node:
        return self.root.find("body")

    def item_anchors(self) -> list[str]:
        """Item uids in the order their anchors appear."""
        return [name.removeprefix("item-") for kind, name in self.events
                if kind == "anchor" and name.startswith("item-")]

    def sections(self) -> dict[str | None, str]:
        """Text from each item's anchor up to the next item's (None: before the first)."""
        current: str | None = None
        parts: dict[str | None, list[str]] = {None: []}
        for kind, value in self.events:
            if kind == "anchor" and value.startswith("item-"):
                current = value.removeprefix("item-")
                parts[current] = []
            elif kind == "text":
                parts[current].append(value)
        return {k: " ".join("".join(v).replace("\xa0", " ").split()) for k, v in parts.items()}

    def heading(self, uid: str) -> Node:
        """The heading element that carries the item's anchor."""
        for node in self.root.walk():
            if re.fullmatch(r"h[1-6]", node.tag) and any(
                    a.attrs.get("name") == f"item-{uid}" for a in node.find_all("a")):
                return node
        raise AssertionError(f"no heading carries item-{uid}")

    def table_rows(self, cls: str) -> list[list[str]]:
        table = self.root.find("table", cls)
        return [[cell.text() for cell in row.children
                 if isinstance(cell, Node) and cell.tag in ("td", "th")]
                for row in table.find_all("tr")]

    def texts(self, cls: str) -> list[str]:
        return [n.text() for n in self.root.find_all(cls=cls)]


def walk_items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from walk_items(item["children"])


def item_numbered(document: dict[str, Any], number: str) -> dict[str, Any]:
    return next(i for i in walk_items(document["items"]) if i["number"] == number)


def person_named(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in document["people"] if p["name"] == name)


def render(document: dict[str, Any], **options: Any) -> Page:
    return Page(render_minutes(document, **options))


BOTH_STYLES = pytest.mark.parametrize("style", ["narrative", "action_notes"])
