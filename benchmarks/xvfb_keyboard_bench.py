"""A clerk at a real desktop: the built app on an X server with a window manager, every
key sent by xdotool, as a person's keyboard sends it (issue 13).

The pytest-qt tests send key events into Qt; this sends them through X, past a window
manager (openbox, which binds Shift+Alt+Left/Right for itself), so a shortcut a desktop
takes or a focus that goes astray shows here and nowhere else. The clerk minutes the
demo meeting: words in the first item, an item added (Ctrl+Return) and named, words at
once, a rename (F2) and words at once, an indent (Ctrl+Shift+I), the next item, an
ACTION line and a roll line, someone added and marked in the docked attendance panel by
its own Alt+letters and Escape back to the notes, then Ctrl+Q. The book is then read
back: every piece must be in the item it was typed into. Printed as JSON: what was
found, the keys sent and the overhead (extra keys per text key), and the wall time, for
interest only.

    .venv/bin/python benchmarks/xvfb_keyboard_bench.py

Needs Xvfb, openbox and xdotool (Debian: apt-get install -y xvfb openbox xdotool); says
"skipped" without them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("Xvfb", "openbox", "xdotool")
TYPE_DELAY_MS = 25  # 40 characters a second: faster than a clerk types

# What the clerk types, in order: a key (xdotool's names) or text.
OPENING = "Opening words of item one."
AFTER_ADD = "Words typed straight after adding."
AFTER_RENAME = " More words after renaming."
NEXT_ITEM = "Next item words."
ACTION = "ACTION: DCC to report back to the panel by end January 2018"
ROLL = "Apologies: Cllr Ayres"
DOCKED = "Zed Dockhand"
BACK = "Back in the notes after the attendance panel."
STEPS: tuple[tuple[str, str], ...] = (
    ("key", "ctrl+shift+e"),  # once, at the start: into the notes of the first item
    ("type", OPENING),
    ("key", "ctrl+Return"), ("type", "Late item from the chair"), ("key", "Return"),
    ("type", AFTER_ADD),
    ("key", "F2"), ("type", "Renamed late item"), ("key", "Return"),
    ("type", AFTER_RENAME),
    ("key", "ctrl+shift+i"),  # indent: a key no window manager takes (Shift+Alt+arrows were)
    ("key", "ctrl+Next"),
    ("type", NEXT_ITEM), ("key", "Return"),
    ("type", ACTION), ("key", "Return"),
    ("type", ROLL), ("key", "Return"),
    # The attendance panel docked beside the notes: its own Alt+letters (Alt+P is the
    # name box there, not the window's), the list (Alt+S), A for apologies, and Escape
    # back to the notes.
    ("key", "ctrl+shift+t"), ("key", "alt+p"), ("type", DOCKED), ("key", "Return"),
    ("key", "alt+s"), ("key", "a"), ("key", "Escape"),
    ("type", BACK), ("key", "Return"),
    ("key", "ctrl+q"),
)


def _run(*command: str, env: dict[str, str], check: bool = True) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: {done.stderr.strip()}")
    return done.stdout.strip()


def _book(folder: Path) -> Path:
    from minute_taker.services import interchange
    from minute_taker.store.book import MinuteBook

    path = folder / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        interchange.load_demo(book)
    return path


def _window(env: dict[str, str]) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = _run("xdotool", "search", "--onlyvisible", "--name", "Minute Taker",
                     env=env, check=False)
        if found:
            return found.splitlines()[0]
        time.sleep(0.3)
    raise RuntimeError("the window did not appear within 30 s")


def _read_back(path: Path) -> dict[str, Any]:
    from minute_taker.domain.richtext import html_to_plain_text
    from minute_taker.services import actions, agenda, attendance, meetings
    from minute_taker.store.book import MinuteBook

    with MinuteBook.open(path, actor="reader") as book:
        meeting = meetings.list_meetings(book)[0]
        items = agenda.list_items(book, meeting.id)
        notes = {item.id: html_to_plain_text(agenda.get_item_minutes(book, item.id) or "")
                 for item in items}
        late = next((i for i, item in enumerate(items) if item.title == "Renamed late item"),
                    None)
        first = items[0]
        after = items[late + 1] if late is not None and late + 1 < len(items) else None
        action_owners = [a.owner_text for a in actions.list_actions(book, meeting.id)
                         if "report back to the panel" in a.text]
        present = {row.person_name: row.status.value
                   for row in attendance.list_attendance(book, meeting.id)}
    checks = {
        "opening words in the first item": OPENING in notes[first.id],
        "the added item was named": late is not None,
        "words after adding in the new item": late is not None
        and AFTER_ADD in notes[items[late].id],
        "words after renaming in the new item": late is not None
        and AFTER_RENAME.strip() in notes[items[late].id],
        "the new item was indented (Ctrl+Shift+I)": late is not None
        and items[late].depth == 1,
        "next item's words in the next item": after is not None
        and NEXT_ITEM in notes[after.id],
        "the ACTION line became an action for DCC": action_owners == ["DCC"],
        "the roll line recorded apologies": any(
            "Ayres" in name and status == "apologies" for name, status in present.items()),
        "added and marked in the docked attendance panel": present.get(DOCKED)
        == "apologies",
        "Escape from the panel back into the same notes": after is not None
        and BACK in notes[after.id],
    }
    return {"checks": checks, "all_found": all(checks.values())}


def _overhead() -> dict[str, Any]:
    text = sum(len(value) for kind, value in STEPS if kind == "type")
    extra = sum(1 for kind, _ in STEPS if kind == "key")
    return {"text_keys": text, "extra_keys": extra, "overhead": round(extra / text, 4)}


def bench_xvfb_keyboard() -> dict[str, Any]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return {"skipped": f"needs {', '.join(missing)} (apt-get install -y xvfb openbox "
                           "xdotool)"}
    with tempfile.TemporaryDirectory(prefix="minute-taker-xvfb-") as name:
        folder = Path(name)
        display = f":{200 + os.getpid() % 500}"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(folder / "config"),
               "XDG_DATA_HOME": str(folder / "data"), "HOME": str(folder)}
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24",
                                   "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        manager = app = None
        try:
            time.sleep(1)
            manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            book = _book(folder)
            started = time.monotonic()
            app = subprocess.Popen([sys.executable, "-m", "minute_taker", str(book)], env=env,
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            window = _window(env)
            _run("xdotool", "windowactivate", "--sync", window, env=env)
            time.sleep(1.5)  # the window is shown before it is ready for keys
            for kind, value in STEPS:
                if kind == "key":
                    _run("xdotool", "key", "--clearmodifiers", value, env=env)
                else:
                    _run("xdotool", "type", "--delay", str(TYPE_DELAY_MS), value, env=env)
                time.sleep(0.3)  # an item added or renamed: the window's own pace
            code = app.wait(timeout=30)
            seconds = time.monotonic() - started
            output = app.stdout.read().decode(errors="replace") if app.stdout else ""
            if code != 0:
                raise RuntimeError(f"the app exited with {code}: {output[-2000:]}")
            found = _read_back(book)
        finally:
            for process in (app, manager, server):
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()
    return {**found, **_overhead(), "window_manager": "openbox",
            "seconds": round(seconds, 1)}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    result = bench_xvfb_keyboard()
    print(json.dumps(result, indent=2))
    return 0 if result.get("all_found", True) else 1


if __name__ == "__main__":
    raise SystemExit(main())
