"""Lay out the frozen build as an installation prefix and pack it:
dist/minute-taker-<version>-linux-<machine>.tar.gz.

    python packaging/linux/build_tarball.py [dist/minute-taker] [-o dist]

Inside, under minute-taker-<version>/ (run by make dist after PyInstaller):

    bin/minute-taker, bin/minute-taker-cli      symlinks into lib/minute-taker/
    lib/minute-taker/                           the PyInstaller folder
    share/applications/io.github.minutetaker.MinuteTaker.desktop
    share/metainfo/io.github.minutetaker.MinuteTaker.metainfo.xml
    share/mime/packages/io.github.minutetaker.MinuteTaker.xml
    share/icons/hicolor/<size>/apps/io.github.minutetaker.MinuteTaker.{png,svg}
    share/doc/minute-taker/                     LICENSE, the dictionary's and fonts' licences
    install.sh, uninstall.sh, README

The desktop, AppStream and MIME files are read from packaging/ by pattern (*.desktop,
*.metainfo.xml, *mime*.xml), whatever their names there.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.minutetaker.MinuteTaker"
PROGRAMS = ("minute-taker", "minute-taker-cli")


def version() -> str:
    text = (ROOT / "minute_taker" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("no __version__ in minute_taker/__init__.py")
    return found.group(1)


def one(pattern: str) -> Path:
    found = sorted(PACKAGING.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"expected one packaging/{pattern}, found {[p.name for p in found]}")
    return found[0]


def lay_out(frozen: Path, prefix: Path) -> list[str]:
    """Fill ``prefix``; returns notes on what was left out."""
    notes = []
    shutil.copytree(frozen, prefix / "lib" / "minute-taker", symlinks=True)
    (prefix / "bin").mkdir()
    for name in PROGRAMS:
        if (frozen / name).is_file():
            (prefix / "bin" / name).symlink_to(Path("..", "lib", "minute-taker", name))
    share = prefix / "share"
    for pattern, folder, name in (
            ("*.desktop", "applications", f"{APP_ID}.desktop"),
            ("*.metainfo.xml", "metainfo", f"{APP_ID}.metainfo.xml"),
            ("*mime*.xml", "mime/packages", f"{APP_ID}.xml")):
        (share / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(one(pattern), share / folder / name)

    icons = ROOT / "resources" / "icons"
    hicolor = icons / "hicolor"
    if hicolor.is_dir():
        shutil.copytree(hicolor, share / "icons" / "hicolor")
    else:
        notes.append("no resources/icons/hicolor: the tarball has no menu icon")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    if (icons / "minute-taker.svg").is_file() and not scalable.exists():
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / "minute-taker.svg", scalable)

    doc = share / "doc" / "minute-taker"
    doc.mkdir(parents=True)
    licences = [ROOT / "LICENSE",
                *sorted((ROOT / "resources" / "dictionaries").glob("LICENSE*")),
                ROOT / "resources" / "dictionaries" / "README_en_GB.txt",
                *sorted((ROOT / "resources" / "fonts").glob("LICENSE*"))]
    for path in licences:
        if path.is_file():
            target = path.name if path.parent == ROOT else f"{path.parent.name}-{path.name}"
            shutil.copyfile(path, doc / target)
        else:
            notes.append(f"no {path.relative_to(ROOT)} to ship")

    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(PACKAGING / "linux" / script, prefix / script)
        (prefix / script).chmod(0o755)
    shutil.copyfile(PACKAGING / "linux" / "README.txt", prefix / "README")
    return notes


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("frozen", nargs="?", type=Path, default=ROOT / "dist" / "minute-taker")
    parser.add_argument("-o", "--output-dir", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    if not (args.frozen / "minute-taker").is_file():
        raise SystemExit(f"{args.frozen} holds no minute-taker program: run PyInstaller first")
    name = f"minute-taker-{version()}"
    archive = args.output_dir / f"{name}-linux-{platform.machine()}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        prefix = Path(work) / name
        prefix.mkdir()
        notes = lay_out(args.frozen, prefix)
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(prefix, arcname=name, filter=_normalise)
    for note in notes:
        print(f"build_tarball: warning: {note}", file=sys.stderr)
    print(f"{archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
