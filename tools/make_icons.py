"""Renders the application icon, resources/icons/minute-taker.svg, into the files the
platforms want, beside it in resources/icons/:

- hicolor/<N>x<N>/apps/<DESKTOP_ID>.png for N in ICON_SIZES (24 px from
  minute-taker-24.svg, the same drawing with its edges on 24 px's whole pixels), and
  hicolor/scalable/apps/<DESKTOP_ID>.svg (a copy of the source): the freedesktop icon
  theme layout, to copy as it is to /usr/share/icons/hicolor or an AppImage's usr/share;
  the window icon is built from the same PNGs (minute_taker/ui/identity.py);
- minute-taker.ico: Windows, every size up to 256 px, each entry a PNG;
- minute-taker.icns: macOS, PNG entries from 16 px to 1024 px (512 px at 2x).

The ICO and ICNS containers are written here, not by Qt's image plugins, so that the
entries and their order are what Windows and macOS expect. Run it after editing the SVG
(tests/test_app_identity.py fails until the files match the SVG again):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# After the path, when run as a script.
from minute_taker import DESKTOP_ID  # noqa: E402
from minute_taker.ui.identity import ICON_SIZES  # noqa: E402

SOURCE = ROOT / "resources" / "icons" / "minute-taker.svg"
# Sizes drawn again on their own pixel grid, where the 64-unit drawing would blur.
HINTED = {24: SOURCE.with_name("minute-taker-24.svg")}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (several sizes under two names: the
# @2x entries of the smaller one).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


def png_path(folder: Path, size: int) -> Path:
    return folder / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes, the binding a str
        raise RuntimeError("Qt could not write a PNG")
    return bytes(buffer.data().data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG data."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, data = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        data += png
    return header + entries + data


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """'icns', the file's length, then elements: a type, its length (header included), PNG."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def renderer_for(source: Path) -> QSvgRenderer:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise RuntimeError(f"Qt cannot read {source}")
    return renderer


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Writes every icon file under ``out``; returns the files written."""
    renderer = renderer_for(source)
    hinted = {size: renderer_for(path) for size, path in HINTED.items()}
    sizes = sorted(set(ICON_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: png_bytes(render(hinted.get(size, renderer), size)) for size in sizes}
    written = []
    for size in ICON_SIZES:
        path = png_path(out, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    if scalable.resolve() != source.resolve():
        shutil.copyfile(source, scalable)
    written.append(scalable)
    ico, icns = out / "minute-taker.ico", out / "minute-taker.icns"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns.write_bytes(icns_bytes(pngs))
    return [*written, ico, icns]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SOURCE.parent,
                        help="the folder to write to (default: resources/icons)")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter needs one
    for path in make_icons(args.out):
        print(path)


if __name__ == "__main__":
    main()
