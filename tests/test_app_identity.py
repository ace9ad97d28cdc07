"""The app's identity: one application id everywhere, and its icon in every format.

The desktop entry, the AppStream metadata and the MIME definition in packaging/ are
named after ``DESKTOP_ID`` and agree with it and with each other; the system validators
check them when they are installed (Debian: desktop-file-utils, appstream). The icon
files are rendered from resources/icons/minute-taker.svg by tools/make_icons.py: every
size is there, the ICO and ICNS containers parse, and they are what the SVG gives today.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QApplication

from minute_taker import APP_ID, APP_NAME, DESKTOP_ID, __version__
from minute_taker.paths import BOOK_SUFFIX
from minute_taker.ui.identity import ICON_SIZES, app_icon, apply_identity, icon_file

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
DESKTOP_FILE = PACKAGING / f"{DESKTOP_ID}.desktop"
METAINFO = PACKAGING / f"{DESKTOP_ID}.metainfo.xml"
MIME_FILE = PACKAGING / f"{DESKTOP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256,
              b"ic09": 512, b"ic10": 1024, b"ic11": 32, b"ic12": 64, b"ic13": 256,
              b"ic14": 512}


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=("#",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type() -> ET.Element:
    root = ET.parse(MIME_FILE).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    return mime_type


def _project() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project: dict[str, object] = config["project"]
    return project


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _ico_entries(data: bytes) -> dict[int, bytes]:
    """The images of an ICO file by size: a 6-byte header, 16-byte entries, the data."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    images = {}
    for index in range(count):
        width, height, _colours, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        side = width or 256
        assert (height or 256) == side and (planes, bits) == (1, 32)
        images[side] = data[offset:offset + length]
        assert _png_size(images[side]) == (side, side)
    return images


def _icns_entries(data: bytes) -> dict[bytes, bytes]:
    """The elements of an ICNS file by type: 'icns', the length, then type-length-data."""
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    elements, at = {}, 8
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack(">I", data[at + 4:at + 8])[0]
        elements[kind] = data[at + 8:at + length]
        at += length
    assert at == len(data)
    return elements


# --- one application id ------------------------------------------------------------

def test_the_command_and_user_folders_keep_their_name() -> None:
    # Existing users' books and settings are in folders named after APP_ID (appdirs).
    assert APP_ID == "minute-taker"
    assert DESKTOP_ID == "io.github.minutetaker.MinuteTaker"


def test_the_packaging_files_are_named_after_the_desktop_id() -> None:
    named = sorted(p.name for p in PACKAGING.iterdir()
                   if p.name.endswith((".desktop", ".metainfo.xml", ".mime.xml")))
    assert named == [f"{DESKTOP_ID}.desktop", f"{DESKTOP_ID}.metainfo.xml",
                     f"{DESKTOP_ID}.mime.xml"]


def test_the_desktop_entry_names_the_app_its_icon_and_its_files() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == DESKTOP_ID
    assert entry["Exec"] == f"{APP_ID} %f"
    assert entry["StartupWMClass"] == APP_ID
    assert entry["MimeType"].rstrip(";").split(";") == [_mime_type().get("type")]


def test_the_mime_type_is_the_minute_book() -> None:
    mime_type = _mime_type()
    assert [glob.get("pattern") for glob in mime_type.findall(f"{MIME_NS}glob")] == [
        f"*{BOOK_SUFFIX}"]
    assert mime_type.find(f"{MIME_NS}sub-class-of") is not None


def test_the_appstream_metadata_agrees_with_the_app() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == DESKTOP_ID
    assert component.findtext("name") == APP_NAME
    (launchable,) = component.findall("launchable")
    assert (launchable.get("type"), launchable.text) == ("desktop-id", DESKTOP_FILE.name)
    assert component.findtext("project_license") == _project()["license"]
    assert [b.text for b in component.findall("provides/binary")] == [APP_ID]
    assert [m.text for m in component.findall("provides/mediatype")] == [
        _mime_type().get("type")]
    releases = component.findall("releases/release")
    assert releases and releases[0].get("version") == __version__ == _project()["version"]
    assert component.find("content_rating") is not None


def test_the_appstream_urls_are_the_projects() -> None:
    component = ET.parse(METAINFO).getroot()
    urls = {url.get("type"): url.text for url in component.findall("url")}
    project_urls = _project()["urls"]
    assert isinstance(project_urls, dict)
    assert urls["homepage"] == project_urls["Homepage"]
    assert urls["bugtracker"] == project_urls["Issues"]
    assert urls["vcs-browser"] == project_urls["Source"]
    assert urls["help"] == project_urls["Documentation"]


def test_the_appstream_screenshots_are_in_the_docs() -> None:
    component = ET.parse(METAINFO).getroot()
    screenshots = component.findall("screenshots/screenshot")
    assert 3 <= len(screenshots) <= 4
    assert [s.get("type") for s in screenshots].count("default") == 1
    prefix = "https://raw.githubusercontent.com/minute-taker/minute-taker/main/"
    for screenshot in screenshots:
        assert (screenshot.findtext("caption") or "").strip()
        (image,) = screenshot.findall("image")
        url = image.text or ""
        assert url.startswith(prefix), url
        shot = ROOT / url.removeprefix(prefix)
        assert shot.parent == ROOT / "docs" / "screenshots" and shot.exists(), url
        assert _png_size(shot.read_bytes()) == (int(image.get("width", 0)),
                                               int(image.get("height", 0)))


# --- the validators, when installed ------------------------------------------------

def _validator(command: str) -> str:
    found = shutil.which(command)
    if found is None:
        pytest.skip(f"{command} is not installed (Debian: desktop-file-utils, appstream)")
    return found


def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    done = subprocess.run([_validator("desktop-file-validate"), str(DESKTOP_FILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_appstreamcli_accepts_the_metadata(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([_validator("appstreamcli"), "validate", "--no-net",
                           "--no-color", str(METAINFO)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    # Infos and pedantic notes are allowed; warnings and errors are not.
    assert not [line for line in done.stdout.splitlines() if line[:2] in ("W:", "E:")], \
        done.stdout


# --- the icon ----------------------------------------------------------------------

def test_every_png_size_is_there() -> None:
    for size in ICON_SIZES:
        assert _png_size(icon_file(size).read_bytes()) == (size, size), size
    assert (ICONS / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg").read_bytes() \
        == (ICONS / "minute-taker.svg").read_bytes()


def test_the_ico_holds_every_size_up_to_256() -> None:
    data = (ICONS / "minute-taker.ico").read_bytes()
    assert sorted(_ico_entries(data)) == list(ICO_SIZES)
    _qt_reads(ICONS / "minute-taker.ico", len(ICO_SIZES))


def test_the_icns_holds_png_entries_from_16_to_1024() -> None:
    elements = _icns_entries((ICONS / "minute-taker.icns").read_bytes())
    assert set(elements) == set(ICNS_SIZES)
    for kind, png in elements.items():
        assert _png_size(png) == (ICNS_SIZES[kind], ICNS_SIZES[kind]), kind
    _qt_reads(ICONS / "minute-taker.icns", len(ICNS_SIZES))


def _qt_reads(path: Path, count: int) -> None:
    """Qt's own image plugin, when there is one, reads every image of the container."""
    reader = QImageReader(str(path))
    if not reader.canRead():
        return  # the PySide6 build has no plugin for it: the parse above must do
    assert reader.imageCount() == count
    for index in range(count):
        assert reader.jumpToImage(index) and not reader.read().isNull(), (path, index)


def _same_picture(found: bytes, made: bytes, name: str) -> None:
    """Equal pixels, give or take a little anti-aliasing (another Qt may round edges
    differently); a changed drawing differs by far more."""
    a = QImage.fromData(found).convertToFormat(QImage.Format.Format_ARGB32)
    b = QImage.fromData(made).convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size() and not a.isNull(), name
    if a == b:
        return
    pixels_a, pixels_b = bytes(a.constBits()), bytes(b.constBits())
    worst = max(abs(x - y) for x, y in zip(pixels_a, pixels_b, strict=True))
    assert worst <= 8, f"{name} differs from the SVG (run tools/make_icons.py)"


def test_the_icon_files_are_up_to_date_with_the_svg(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_icons.py"), "--out",
                    str(tmp_path)], check=True, capture_output=True, timeout=120, env=env)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    sources = {"minute-taker.svg", "minute-taker-24.svg"}
    committed = sorted(p.relative_to(ICONS) for p in ICONS.rglob("*")
                       if p.is_file() and p.name not in sources)
    assert made == committed
    for path in made:
        found, fresh = (ICONS / path).read_bytes(), (tmp_path / path).read_bytes()
        if path.suffix == ".png":
            _same_picture(found, fresh, str(path))
        elif path.suffix == ".ico":
            old, new = _ico_entries(found), _ico_entries(fresh)
            assert sorted(old) == sorted(new)
            for size in old:
                _same_picture(old[size], new[size], f"{path} {size}")
        elif path.suffix == ".icns":
            old_icns, new_icns = _icns_entries(found), _icns_entries(fresh)
            assert list(old_icns) == list(new_icns)
            for kind in old_icns:
                _same_picture(old_icns[kind], new_icns[kind], f"{path} {kind!r}")
        else:
            assert found == fresh, path


# --- the running app ---------------------------------------------------------------

def test_the_window_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == list(ICON_SIZES)
    for size in ICON_SIZES:
        assert icon.pixmap(QSize(size, size)).size() == QSize(size, size)


def test_the_application_takes_the_id_and_the_icon(qapp: QApplication) -> None:
    old_name, old_icon = qapp.desktopFileName(), qapp.windowIcon()
    try:
        apply_identity(qapp)
        assert qapp.desktopFileName() == DESKTOP_ID
        assert not qapp.windowIcon().isNull()
        assert QSize(16, 16) in qapp.windowIcon().availableSizes()
    finally:
        qapp.setDesktopFileName(old_name)
        qapp.setWindowIcon(old_icon)
