"""The promise: the app makes no network connections; links in supporting documents open
only on the user's click.

Three kinds of evidence. The real app and every command-line command run as child processes
over a book baited with links and remote images, watched by a Python audit hook and, where
strace can run, by strace. The source imports nothing that talks to a network, and its only
calls that open a link or a folder are in slots of user actions. And in the real window a
paper's link opens on activation only, and no view of the minutes holds a remote image.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import functools
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, committees, documents, interchange, meetings, review
from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import SHOWN_MARKER
from minute_taker.ui.publish.export_dialog import ExportDialog
from minute_taker.ui.review.window import ReviewWindow

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "minute_taker"
REMOTE_LINK = "https://example.invalid/papers/report.pdf"
REMOTE_IMAGE = "http://example.invalid/x.png"
# What a book written by another program could hold; the services never store it.
HOSTILE_MINUTES = (f'<p>Noted.<img src="{REMOTE_IMAGE}"></p>'
                   f'<p><a href="{REMOTE_LINK}">report</a></p>')


# --- a. the real processes -----------------------------------------------------------------

# Audit events of name look-ups, sockets and the standard library's network clients. They
# see only what Python code does: Qt, SQLite or libxml2 (under python-docx) opening a socket
# from C raise none, hence strace as well.
AUDITED_EVENTS = (
    "socket.__new__", "socket.bind", "socket.connect", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.getnameinfo", "urllib.Request", "http.client.connect", "http.client.send",
    "ftplib.connect", "smtplib.connect", "imaplib.open", "poplib.connect", "webbrowser.open",
)
AUDIT_WRAPPER = f"""
import os, sys
record, watched = os.environ["MINUTE_TAKER_NETWORK_RECORD"], {AUDITED_EVENTS!r}
def hook(event, args):
    if event in watched:
        with open(record, "a", encoding="utf-8") as out:
            out.write(f"{{event}} {{args!r}}\\n")
sys.addaudithook(hook)
import runpy
runpy.run_module("minute_taker", run_name="__main__", alter_sys=True)
"""
TRACED_CALLS = "trace=connect,sendto,sendmsg,sendmmsg"
INET_CALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg)\(.*sa_family=AF_INET6?\b")


class Bait(NamedTuple):
    book: Path
    review_copy: Path
    meeting_file: Path
    draft: int


class Run(NamedTuple):
    folder: Path
    record: Path
    trace: Path | None


@pytest.fixture(scope="module")
def baited(tmp_path_factory: pytest.TempPathFactory) -> Bait:
    """An approved meeting (for verify) and a draft whose every item has a remote paper
    and, written behind the services' back, minutes with a remote image and a link."""
    folder = tmp_path_factory.mktemp("bait")
    path, copy = folder / "Bait.minutebook", folder / "Bait.review.minutebook"
    with MinuteBook.open(path, actor="Test Clerk") as book:
        approved = interchange.load_demo(book)
        meetings.change_status(book, approved, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, approved, Transition.APPROVE)
        second = interchange.demo_document()
        second["meeting"]["uid"] = str(uuid.uuid4())
        draft = interchange.import_meeting(book, second)
        for item in agenda.list_items(book, draft):
            documents.add_document(book, item.id, "Report", REMOTE_LINK)
        interchange.export_meeting_file(book, draft, folder / "meeting.json")
        review.send_for_review(book, draft, copy)
    with contextlib.closing(sqlite3.connect(path)) as raw:
        raw.execute("UPDATE agenda_item SET minutes_html = ? WHERE meeting_id = ?",
                    (HOSTILE_MINUTES, draft))
        raw.commit()
    return Bait(path, copy, folder / "meeting.json", draft)


# Each runs in a folder of its own, on its own copy of the baited book and review copy,
# so that running them side by side cannot make one wait for another's lock on a book.
COMMANDS = {
    "gui --demo": ["--demo", "--exit-when-shown"],
    "gui BOOK": ["{book}", "--exit-when-shown"],
    "gui review copy": ["{copy}", "--exit-when-shown"],
    "list": ["list", "{book}"],
    "verify": ["verify", "{book}"],
    "export-json": ["export-json", "{book}", "--meeting", "{draft}", "-o", "{out}/m.json"],
    "import": ["import", "{out}/imported.minutebook", "{meeting_file}"],
    **{f"export {fmt}": ["export", "{book}", "--meeting", "{draft}", "--format", fmt, "--full",
                         "-o", f"{{out}}/minutes.{fmt}"]
       for fmt in ("docx", "pdf", "html", "md", "txt", "csv", "ics")},
}


def usable_strace() -> tuple[str | None, str]:
    """strace's path, or None and why it cannot be used here."""
    if not sys.platform.startswith("linux"):
        return None, "strace is Linux only"
    found = shutil.which("strace")
    if found is None:
        return None, "strace is not installed"
    probe = subprocess.run([found, "-f", "-o", os.devnull, "true"], capture_output=True,
                           text=True, timeout=60)
    if probe.returncode != 0:
        return None, f"strace cannot trace here (ptrace refused?): {probe.stderr.strip()}"
    return found, ""


def run_app(name: str, template: list[str], bait: Bait, runs_folder: Path,
            tracer: str | None) -> Run:
    """One command in a child process, under strace when there is one; fails if it fails."""
    out = runs_folder / re.sub(r"\W+", "-", name)
    out.mkdir()
    book = shutil.copy(bait.book, out)
    copy = shutil.copy(bait.review_copy, out)
    args = [arg.format(book=book, copy=copy, draft=bait.draft, out=out,
                       meeting_file=bait.meeting_file) for arg in template]
    record, trace = out / "network.txt", out / "strace.txt" if tracer else None
    prefix = [tracer, "-f", "-qq", "-e", "signal=none", "-e", TRACED_CALLS, "-o",
              str(trace)] if tracer else []
    env = dict(os.environ, MINUTE_TAKER_HOME=str(out / "home"), QT_QPA_PLATFORM="offscreen",
               MINUTE_TAKER_NETWORK_RECORD=str(record))
    done = subprocess.run([*prefix, sys.executable, "-c", AUDIT_WRAPPER, *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{name}: {done.stderr}"
    if "--exit-when-shown" in args:
        assert SHOWN_MARKER in done.stdout, name
    return Run(out, record, trace)


@pytest.fixture(scope="module")
def runs(baited: Bait, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every command once, side by side: each has its own home, record and trace."""
    folder = tmp_path_factory.mktemp("runs")
    tracer, _ = usable_strace()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {name: pool.submit(run_app, name, template, baited, folder, tracer)
                   for name, template in COMMANDS.items()}
        return {name: future.result() for name, future in futures.items()}


def test_the_app_and_every_command_make_no_network_call(runs: dict[str, Run]) -> None:
    recorded = {name: run.record.read_text(encoding="utf-8") for name, run in runs.items()
                if run.record.exists()}
    assert recorded == {}
    written = {path.name for run in runs.values() for path in run.folder.glob("minutes.*")
               if path.stat().st_size}
    assert written == {f"minutes.{fmt}" for fmt in ("docx", "pdf", "html", "md", "txt", "csv",
                                                    "ics")}


def test_no_internet_address_is_contacted_even_from_c_code(runs: dict[str, Run]) -> None:
    """Every process and thread, Qt's and libxml2's included: no connect() or send to an
    IPv4 or IPv6 address. AF_UNIX sockets (the C library's name service cache) are allowed."""
    if any(run.trace is None for run in runs.values()):
        pytest.skip(f"{usable_strace()[1]}: only Python-level connections were checked")
    contacted = {}
    for name, run in runs.items():
        assert run.trace is not None
        lines = run.trace.read_text(encoding="utf-8").splitlines()
        if inet := [line for line in lines if INET_CALL.search(line)]:
            contacted[name] = inet
    assert contacted == {}


def test_the_watchers_would_see_a_connection(tmp_path: Path) -> None:
    """The checks above are worth something only if an attempt would be seen."""
    tracer, _ = usable_strace()
    attempt = ("import socket\nwith socket.socket() as s:\n    s.settimeout(1)\n    try:\n"
               "        s.connect(('127.0.0.1', 9))\n    except OSError:\n        pass\n")
    code = AUDIT_WRAPPER.replace("import runpy", attempt + "import runpy")
    trace = tmp_path / "trace.txt"
    prefix = [tracer, "-f", "-qq", "-e", TRACED_CALLS, "-o", str(trace)] if tracer else []
    env = dict(os.environ, MINUTE_TAKER_NETWORK_RECORD=str(tmp_path / "record.txt"))
    done = subprocess.run([*prefix, sys.executable, "-c", code, "--version"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    recorded = (tmp_path / "record.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split()[0] for line in recorded] == ["socket.__new__", "socket.connect"]
    if tracer:
        assert any(INET_CALL.search(line)
                   for line in trace.read_text(encoding="utf-8").splitlines())


# --- b. the source -------------------------------------------------------------------------

NETWORK_MODULES = (
    "socket", "ssl", "socketserver", "urllib.request", "http.client", "http.server",
    "ftplib", "smtplib", "imaplib", "poplib", "xmlrpc", "webbrowser", "requests", "httpx",
    "urllib3", "aiohttp", "PySide6.QtNetwork", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)
NETWORK_NAMES = re.compile(r"^(QtNetwork|QtWebEngine|QNetwork|QTcp|QUdp|QSsl|QHttp|QDns|QRest)")
# Calls that hand a URL to the desktop or a browser, and the Qt switch that lets a widget
# do so by itself (unless it is switched off).
OPENING_CALLS = {"openUrl", "setOpenExternalLinks"}
# Every place that may open something, and the signal of the user action it must answer.
ALLOWED_OPENERS = {
    ("ui/agenda/item_details.py", "ItemDetailsPanel._open_document"): "itemActivated",
    ("ui/publish/export_dialog.py", "ExportDialog._open_folder"): "clicked",
    ("ui/publish/export_dialog.py", "open_styles_folder"): "triggered",
}


@functools.cache
def package_modules() -> dict[str, ast.Module]:
    return {path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def is_network_module(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in NETWORK_MODULES)


def test_no_module_imports_a_network_library() -> None:
    found = set()
    for where, tree in package_modules().items():
        found |= {(where, name) for name in imported_modules(tree) if is_network_module(name)}
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
            if NETWORK_NAMES.match(name):
                found.add((where, name))
    assert found == set()


def callable_name(node: ast.expr) -> str:
    """``QDesktopServices.openUrl`` as "QDesktopServices.openUrl", ``f(x)(y)`` as "?"."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{callable_name(node.value)}.{node.attr}"
    return "?"


def openers(where: str, tree: ast.Module) -> Iterator[tuple[str, str]]:
    """(module, qualified name of the enclosing function) of every call that opens a URL."""

    def visit(node: ast.AST, scope: list[str]) -> Iterator[tuple[str, str]]:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [*scope, child.name]
            if isinstance(child, ast.Call) and opens(child):
                yield where, ".".join(scope) or "<module>"
            yield from visit(child, inner)

    yield from visit(tree, [])


def opens(call: ast.Call) -> bool:
    name = callable_name(call.func)
    switched_off = [ast.dump(a) for a in call.args] == [ast.dump(ast.Constant(False))]
    return (name.split(".")[-1] in OPENING_CALLS and not switched_off
            or name.startswith("webbrowser."))


def connected_signal(call: ast.Call) -> str | None:
    """"clicked" for ``<...>.clicked.connect(slot)``; None for any other call."""
    func = call.func
    if (isinstance(func, ast.Attribute) and func.attr == "connect" and call.args
            and isinstance(func.value, ast.Attribute)):
        return func.value.attr
    return None


def connected_slots(tree: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """(signal name, slot expression) of every ``<...>.signal.connect(slot)``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (signal := connected_signal(node)):
            yield signal, node.args[0]


def parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def enclosing(node: ast.AST, up: dict[int, ast.AST], kind: type[ast.AST]) -> ast.AST | None:
    while id(node) in up:
        node = up[id(node)]
        if isinstance(node, kind):
            return node
    return None


def method_connected_to(tree: ast.Module, qualified: str, signal: str) -> bool:
    """``Class.method`` is connected, inside its class, as ``self.method`` to ``signal``."""
    class_name, method = qualified.split(".")
    [klass] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    return any(sig == signal and callable_name(slot) == f"self.{method}"
               for sig, slot in connected_slots(klass))


def passes_slot_to(klass: ast.ClassDef, helper: str, position: int, signal: str) -> bool:
    """Method ``helper`` of ``klass`` connects its argument at ``position`` to ``signal``."""
    for method in klass.body:
        if isinstance(method, ast.FunctionDef) and method.name == helper:
            params = [a.arg for a in method.args.args][1:]  # after self
            return position < len(params) and any(
                sig == signal and callable_name(slot) == params[position]
                for sig, slot in connected_slots(method))
    return False


def function_connected_to(modules: dict[str, ast.Module], function: str, signal: str) -> bool:
    """Every use of the module-level ``function`` in the package (imports aside) makes it a
    slot of ``signal``: connected directly, or handed to a method of the same class that
    connects it (as the main window's ``_action`` does for its menu commands)."""
    uses = []
    for tree in modules.values():
        up = parents(tree)
        for name in (n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == function):
            call = up[id(name)]
            if not isinstance(call, ast.Call) or name not in call.args:
                uses.append(False)
            elif connected_signal(call):
                uses.append(connected_signal(call) == signal and call.args[0] is name)
            else:
                klass = enclosing(call, up, ast.ClassDef)
                helper = callable_name(call.func)
                uses.append(isinstance(klass, ast.ClassDef) and helper.startswith("self.")
                            and passes_slot_to(klass, helper[5:], call.args.index(name),
                                               signal))
    return bool(uses) and all(uses)


def test_links_and_folders_are_opened_only_from_user_actions() -> None:
    """Opening a URL (``QDesktopServices.openUrl``, ``webbrowser``, or a widget allowed to
    open links itself) happens in the places listed in ``ALLOWED_OPENERS`` and nowhere else,
    and each is the slot of a user's action: a click, a menu command or an activated row.

    Checked by reading the source, not by running it: a new call anywhere else fails here
    until it is listed, and a listed one fails if it stops being a slot of that signal (a
    timer or a model signal would open things by itself). What the slot does is not
    checked; the window tests below check the papers' one.
    """
    modules = package_modules()
    found = {place for where, tree in modules.items() for place in openers(where, tree)}
    assert found == set(ALLOWED_OPENERS)
    for (where, qualified), signal in ALLOWED_OPENERS.items():
        if "." in qualified:
            assert method_connected_to(modules[where], qualified, signal), qualified
        else:
            assert function_connected_to(modules, qualified, signal), qualified


# --- c. the window -------------------------------------------------------------------------

@pytest.fixture
def papers_book(book_path: Path) -> tuple[Path, list[int]]:
    """A meeting of three items, each with a paper on the web and minutes stored through
    the services from HTML holding a remote image."""
    with MinuteBook.open(book_path, actor="Test Clerk") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 5))
        items = [agenda.add_item(book, meeting.id, title).id
                 for title in ("Apologies", "Performance report", "Any other business")]
        for item_id in items:
            documents.add_document(book, item_id, "Performance report", REMOTE_LINK)
            agenda.set_item_minutes(book, item_id, f'<p>Noted.<img src="{REMOTE_IMAGE}"></p>')
    return book_path, items


def test_a_paper_opens_only_when_the_user_activates_it(qtbot, open_window, monkeypatch,  # type: ignore[no-untyped-def]
                                                       papers_book) -> None:
    path, items = papers_book
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()) or True)
    window = open_window(path)
    details = window.notes.details
    window.notes.toggle_details()
    for item_id in [*items, items[0]]:
        window.agenda.select(item_id)
        qtbot.waitUntil(lambda item_id=item_id: window.context.current_item_id == item_id)
        assert details.papers.count() == 1
        details.papers.setCurrentRow(0)
        details.papers.setFocus()
    qtbot.wait(50)
    assert opened == []

    row = details.papers.visualItemRect(details.papers.item(0)).center()
    qtbot.mouseClick(details.papers.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert opened == []
    # QTest sends a double-click without the press before it, which a real one has.
    qtbot.mousePress(details.papers.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.mouseDClick(details.papers.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert opened == [REMOTE_LINK]
    qtbot.keyClick(details.papers, Qt.Key.Key_Return)
    assert opened == [REMOTE_LINK, REMOTE_LINK]


def remote_images(document: QTextDocument) -> list[str]:
    """The images in a document that are not on this computer.

    Qt asks for an image (``loadResource``) only when the document names it in an image
    format, so a document holding none is never the cause of a fetch. (Patching
    ``loadResource`` on the Qt classes to watch the asking is not safe: shiboken keeps a
    borrowed pointer to the patch after it is undone, and a later test crashes on it.)
    """
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isImageFormat():
                names.append(char_format.toImageFormat().name())
            fragments += 1
        block = block.next()
    return [name for name in names
            if QUrl(name).scheme() not in ("", "file", "data", "qrc") or QUrl(name).host()]


def test_a_remote_image_in_minutes_is_dropped_before_anything_shows_it(
        qtbot, open_window, papers_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, items = papers_book
    window = open_window(path)
    book = window.context.book
    assert agenda.get_item_minutes(book, items[0]) == "<p>Noted.</p>"
    shown = []
    for item_id in items:
        window.agenda.select(item_id)
        qtbot.waitUntil(lambda item_id=item_id: window.context.current_item_id == item_id)
        assert window.notes.editor.toPlainText() == "Noted."
        shown.append(window.notes.editor.document())
    preview = ExportDialog(window.context, window)
    qtbot.addWidget(preview)
    preview.show()
    assert "Performance report" in preview.preview_html.toPlainText()
    shown.append(preview.preview_html.document())
    copy = tmp_path / "Panel.review.minutebook"
    review.send_for_review(book, window.context.meeting_id, copy)
    chair_copy = MinuteBook.open(copy, actor="Chair")
    info = review.review_copy_info(chair_copy)
    assert info is not None
    reviewer = ReviewWindow(chair_copy, info)  # closes its book when closed
    qtbot.addWidget(reviewer)
    reviewer.show()
    qtbot.waitExposed(reviewer)
    assert "Noted." in reviewer.viewer.toPlainText()
    shown.append(reviewer.viewer.document())
    assert [remote_images(document) for document in shown] == [[]] * len(shown)


def test_a_remote_image_stored_behind_the_services_back_is_not_shown(
        qtbot, open_window, papers_book) -> None:  # type: ignore[no-untyped-def]
    """A book written by another program (or an older one) can hold any HTML."""
    path, items = papers_book
    with contextlib.closing(sqlite3.connect(path)) as raw:
        raw.execute("UPDATE agenda_item SET minutes_html = ?", (HOSTILE_MINUTES,))
        raw.commit()
    window = open_window(path)
    found = []
    for item_id in items:
        window.agenda.select(item_id)
        qtbot.waitUntil(lambda item_id=item_id: window.context.current_item_id == item_id)
        assert window.notes.editor.toPlainText().startswith("Noted.")
        found += remote_images(window.notes.editor.document())
    assert found == []


def test_the_source_check_would_see_a_link_opened_by_itself() -> None:
    source = ast.parse(
        "class Pane:\n"
        "    def __init__(self):\n"
        "        self.timer.timeout.connect(self._open)\n"
        "        self.button.clicked.connect(self._open_folder)\n"
        "    def _open(self):\n"
        "        QDesktopServices.openUrl(self.url)\n"
        "    def _open_folder(self):\n"
        "        webbrowser.open(self.folder)\n"
        "def helper():\n"
        "    label.setOpenExternalLinks(True)\n"
        "    view.setOpenExternalLinks(False)\n")
    assert set(openers("pane.py", source)) == {
        ("pane.py", "Pane._open"), ("pane.py", "Pane._open_folder"), ("pane.py", "helper")}
    assert not method_connected_to(source, "Pane._open", "itemActivated")
    assert method_connected_to(source, "Pane._open_folder", "clicked")
    assert not function_connected_to({"pane.py": source}, "helper", "triggered")
