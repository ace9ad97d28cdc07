"""Writing the file: atomic, a clear error when it cannot be written, safe to repeat.

Also the conditions the export runs under: the CLI's process with no display and no
application, and many exports in one process.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from minute_taker.export.layout import render_minutes
from minute_taker.export.pdf import PdfPage, PdfWriteError, write_pdf
from minute_taker.store import files

PAGE = PdfPage("Monthly Assurance Meeting", "Tuesday 31 October 2017", marks=("DRAFT",))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def html(demo: dict[str, Any]) -> str:
    return render_minutes(demo)


def test_a_missing_folder_is_a_clear_os_error(html: str, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "minutes.pdf"

    with pytest.raises(PdfWriteError, match="Cannot write the PDF") as raised:
        write_pdf(html, target, PAGE)

    assert isinstance(raised.value, OSError)
    assert raised.value.filename == str(target)
    assert raised.value.errno == errno.ENOENT
    assert list(tmp_path.iterdir()) == []


def test_a_failed_move_into_place_leaves_no_temporary_file(html: str, tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    target.mkdir()  # the PDF is written beside it, then cannot replace a folder

    with pytest.raises(PdfWriteError):
        write_pdf(html, target, PAGE)

    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]
    assert target.is_dir()


def test_a_failed_write_keeps_the_earlier_file(
        html: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.pdf"
    write_pdf(html, target, PAGE)
    earlier = target.read_bytes()

    def disk_full(source: object, destination: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(PdfWriteError, match="No space left on device"):
        write_pdf(html.replace("Attendance", "Changed"), target, PAGE)

    assert target.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.pdf"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write to a read-only folder")
def test_a_read_only_folder_is_a_clear_os_error(html: str, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(PdfWriteError) as raised:
            write_pdf(html, folder / "minutes.pdf", PAGE)
        assert raised.value.errno == errno.EACCES
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_writing_again_replaces_the_file_readable_by_its_owner_only(
        html: str, tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    write_pdf(html, target, PAGE)
    first = target.read_bytes()

    pages = write_pdf(html, target, PdfPage("Other committee", "Today"))

    assert pages >= 2 and target.read_bytes() != first
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o600  # like every export (store/files.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_exports_leave_the_count_of_none_as_they_found_it(html: str, tmp_path: Path) -> None:
    # PySide6 6.12.0 on Python 3.11 lost a reference to None on every void call, so
    # Python aborted after some exports (pyproject.toml keeps it out): guard the PDF path.
    before = sys.getrefcount(None)

    for _ in range(3):
        write_pdf(html, tmp_path / "minutes.pdf", PAGE)

    assert sys.getrefcount(None) >= before


def _run(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_the_cli_exports_with_no_display_and_no_application(tmp_path: Path) -> None:
    target = tmp_path / "minutes.pdf"
    script = (
        "from pathlib import Path\n"
        "from minute_taker.services import interchange\n"
        "from minute_taker.export.layout import render_minutes\n"
        "from minute_taker.export.pdf import PdfPage, write_pdf\n"
        "html = render_minutes(interchange.demo_document())\n"
        "for _ in range(30):\n"
        f"    pages = write_pdf(html, Path({str(target)!r}), PdfPage('A', 'B', ('DRAFT',)))\n"
        "print(pages)\n")

    done = _run(script)

    assert done.returncode == 0, done.stderr  # 30 exports: no abort, even at exit
    assert int(done.stdout) >= 2
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_core_application_is_refused_with_a_clear_error() -> None:
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from minute_taker.export.pdf import ensure_gui_application\n"
        "app = QCoreApplication([])\n"
        "try:\n"
        "    ensure_gui_application()\n"
        "except RuntimeError as error:\n"
        "    print(error)\n")

    done = _run(script)

    assert done.returncode == 0, done.stderr
    assert "QGuiApplication" in done.stdout
