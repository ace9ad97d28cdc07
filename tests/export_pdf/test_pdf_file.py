"""Writing the file: atomic, a clear error when it cannot be written, safe to repeat.

Also the conditions the export runs under: the CLI's process with no display and no
Qt, many exports in one process, and a machine with other fonts or none.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from unprivileged import run_unprivileged

from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import publishing
from minute_taker.store import files

ROOT = Path(__file__).resolve().parents[2]


def _prepared(demo: dict[str, Any], *, public: bool = True) -> formats.PreparedExport:
    """The demo meeting, ready to write as a PDF."""
    request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=public)
    return formats.PreparedExport(request, demo, style_for("action-notes"), public)


@pytest.fixture
def prepared(demo: dict[str, Any]) -> formats.PreparedExport:
    return _prepared(demo)


@pytest.fixture
def page(prepared: formats.PreparedExport) -> dict[str, Any]:
    """The demo meeting's page data, as the export hands it to the PDF writer."""
    return formats.pdf_page(prepared)


def test_a_folder_that_cannot_be_made_is_a_clear_os_error(
        prepared: formats.PreparedExport, tmp_path: Path) -> None:
    (tmp_path / "a file").write_bytes(b"not a folder")
    target = tmp_path / "a file" / "minutes.pdf"

    with pytest.raises(OSError) as raised:
        publishing.write(prepared, target)

    assert raised.value.errno in (errno.EEXIST, errno.ENOTDIR)
    assert [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_a_failed_move_into_place_leaves_no_temporary_file(
        prepared: formats.PreparedExport, tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    target.mkdir()  # the PDF is written beside it, then cannot replace a folder

    with pytest.raises(OSError):
        publishing.write(prepared, target)

    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]
    assert target.is_dir()


def test_a_failed_write_keeps_the_earlier_file(
        demo: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.pdf"
    publishing.write(_prepared(demo), target)
    earlier = target.read_bytes()

    def disk_full(source: object, destination: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        publishing.write(_prepared(demo, public=False), target)

    assert target.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]


WRITE_AS_READER = """
import errno, json, sys
from pathlib import Path
from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import publishing
document = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
request = formats.ExportRequest(meeting_id=1, fmt="pdf", public=True)
prepared = formats.PreparedExport(request, document, style_for("narrative"), True)
try:
    publishing.write(prepared, Path(sys.argv[2]) / "minutes.pdf")
except OSError as exc:
    print(json.dumps({"errno": exc.errno, "message": str(exc)}))
else:
    print(json.dumps({"errno": None}))
"""


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX users")
def test_a_read_only_folder_is_a_clear_os_error(
        demo: dict[str, Any], world_readable_folder: Path) -> None:
    """Run as a user the permission binds (``nobody`` when the tests run as root)."""
    folder = world_readable_folder / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    source = world_readable_folder / "demo.json"
    source.write_text(json.dumps(demo), encoding="utf-8")
    home = world_readable_folder / "home"
    home.mkdir(mode=0o700)
    done = run_unprivileged(WRITE_AS_READER, str(source), str(folder), home=home)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["errno"] == errno.EACCES
    assert list(folder.iterdir()) == []


def test_writing_again_replaces_the_file_readable_by_its_owner_only(
        demo: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    publishing.write(_prepared(demo), target)
    first = target.read_bytes()

    publishing.write(_prepared(demo, public=False), target)

    assert target.read_bytes() != first
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o600  # like every export (store/files.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def _run(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_the_cli_exports_with_no_display_and_no_qt(tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    script = (
        "import sys\n"
        "from minute_taker.export import formats\n"
        "from minute_taker.services import publishing\n"
        "from minute_taker.export.styles import style_for\n"
        "from minute_taker.services import interchange\n"
        "document = interchange.demo_document()\n"
        "request = formats.ExportRequest(meeting_id=0, fmt='pdf', public=True)\n"
        "prepared = formats.PreparedExport(request, document, style_for('action-notes'), "
        "True)\n"
        "for _ in range(30):\n"
        f"    publishing.write(prepared, {str(target)!r})\n"
        "print('PySide6' in sys.modules)\n")

    done = _run(script)

    assert done.returncode == 0, done.stderr  # 30 exports: no abort, even at exit
    assert done.stdout.strip() == "False"  # the PDF needs no Qt at all
    assert target.read_bytes().startswith(b"%PDF-")


def test_the_pdf_is_written_the_same_on_a_machine_with_other_fonts(
        page: dict[str, Any], tmp_path: Path) -> None:
    """Only the shipped fonts: a machine's own fonts (here, a fontconfig with none at
    all, as on a bare Debian) change nothing but the file's timestamps."""
    script = (
        "import datetime as dt, json, sys\n"
        "from minute_taker.export.pdf.typeset import render_pdf\n"
        "page = json.load(sys.stdin)\n"
        "when = dt.datetime(2017, 10, 31, tzinfo=dt.UTC)\n"
        "sys.stdout.buffer.write(render_pdf(page, timestamp=when).data)\n")
    empty = tmp_path / "fonts.conf"
    empty.write_text("<?xml version='1.0'?><fontconfig></fontconfig>", encoding="utf-8")
    outputs = []
    for env in ({}, {"FONTCONFIG_FILE": str(empty), "LANG": "C", "LC_ALL": "C"}):
        clean = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL"}}
        done = subprocess.run([sys.executable, "-c", script], input=json.dumps(page).encode(),
                              cwd=ROOT, env={**clean, **env}, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(re.sub(rb"<xmpMM:(Instance|Document)ID>[^<]*<", b"", done.stdout))
    assert outputs[0] == outputs[1]
