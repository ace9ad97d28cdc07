"""The frozen build (PyInstaller, packaging/minute-taker.spec) and its Linux tarball.

Building takes half a minute and 250 MB, so the suite does not build it: these tests run
on a build made beforehand, named by the environment variable MINUTE_TAKER_FROZEN:

    make dist
    MINUTE_TAKER_FROZEN=dist/minute-taker .venv/bin/python -m pytest tests/test_frozen_build.py

(`make dist-check` runs the same smoke test without pytest.) Without the variable they
are skipped, saying so. Two checks need no build: the install scripts parse, and the
spec's Windows and macOS branches (which cannot be built here) evaluate to the programs,
icons, version resource and Info.plist they should, with PyInstaller's classes replaced
by recorders (skipped when PyInstaller, the [dist] extra, is not installed).
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import tarfile
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FROZEN_ENV = "MINUTE_TAKER_FROZEN"
INSTALL_SCRIPTS = (ROOT / "packaging" / "linux" / "install.sh",
                   ROOT / "packaging" / "linux" / "uninstall.sh")


def _frozen() -> Path:
    value = os.environ.get(FROZEN_ENV)
    if not value:
        pytest.skip(f"no frozen build to test: run `make dist`, then set {FROZEN_ENV}="
                    "dist/minute-taker (or run `make dist-check`)")
    folder = Path(value)
    if not folder.is_absolute():
        folder = ROOT / folder
    if not (folder / ("minute-taker.exe" if sys.platform == "win32" else "minute-taker")
            ).is_file():
        pytest.fail(f"{FROZEN_ENV}={value} is not a frozen build (no minute-taker in it)")
    return folder


@pytest.mark.parametrize("script", INSTALL_SCRIPTS, ids=lambda p: p.name)
def test_install_scripts_parse(script: Path) -> None:
    shell = shutil.which("sh")
    if shell is None:
        pytest.skip("no POSIX shell here")
    subprocess.run([shell, "-n", str(script)], check=True)


class _Recorded:
    """Stands in for one of PyInstaller's build classes: keeps what the spec passed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs


class _Analysis(_Recorded):
    def __init__(self, scripts: list[str], **kwargs: Any) -> None:
        super().__init__(scripts, **kwargs)
        self.scripts = [("pyi_rth_inspect", "/hooks/pyi_rth_inspect.py", "PYSOURCE")] + [
            (Path(s).stem, s, "PYSOURCE") for s in scripts]
        self.pure: list[Any] = []
        self.binaries: list[Any] = []
        self.datas: list[Any] = []


def _evaluate_spec(platform: str, monkeypatch: pytest.MonkeyPatch,
                   tmp_path: Path) -> dict[str, Any]:
    pytest.importorskip("PyInstaller.utils.hooks", reason="PyInstaller is not installed "
                        "(pip install -e '.[dist]')")
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                 "StringStruct", "VarFileInfo", "VarStruct"):
        setattr(versioninfo, name, type(name, (_Recorded,), {}))
    import PyInstaller.utils.win32  # type: ignore[import-untyped]

    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    monkeypatch.setattr(PyInstaller.utils.win32, "versioninfo", versioninfo, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    spec = ROOT / "packaging" / "minute-taker.spec"
    namespace: dict[str, Any] = {
        "SPECPATH": str(spec.parent), "workpath": str(tmp_path), "Analysis": _Analysis,
        "PYZ": _Recorded, "EXE": _Recorded, "COLLECT": _Recorded, "BUNDLE": _Recorded}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_makes_two_programs_on_every_platform(platform: str,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    spec = _evaluate_spec(platform, monkeypatch, tmp_path)
    gui, cli = spec["gui_exe"].kwargs, spec["cli_exe"].kwargs
    assert (gui["name"], gui["console"]) == ("minute-taker", False)
    assert (cli["name"], cli["console"]) == ("minute-taker-cli", True)
    assert [name for name, _, _ in spec["gui_scripts"]] == ["pyi_rth_inspect",
                                                            "minute_taker_gui"]
    assert [name for name, _, _ in spec["cli_scripts"]] == ["pyi_rth_inspect",
                                                            "minute_taker_cli"]
    destinations = {dest.replace(os.sep, "/") for _, dest in spec["datas"]}
    assert {"minute_taker/resources/fonts", "minute_taker/resources/demo",
            "minute_taker/store/migrations"} <= destinations
    if platform == "win32":
        assert gui["icon"].endswith("minute-taker.ico")
        assert gui["version"] is cli["version"] is not None
    if platform == "darwin":
        assert gui["argv_emulation"] is True
        bundle = spec["app"].kwargs
        assert bundle["bundle_identifier"] == "io.github.minutetaker.MinuteTaker"
        plist = plistlib.loads(plistlib.dumps(bundle["info_plist"]))
        assert plist["NSHighResolutionCapable"] is True
        (document,) = plist["CFBundleDocumentTypes"]
        (exported,) = plist["UTExportedTypeDeclarations"]
        assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
        assert exported["UTTypeTagSpecification"]["public.filename-extension"] == [
            "minutebook"]


def test_frozen_app_starts_imports_exports_and_verifies() -> None:
    folder = _frozen()
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"),
                           str(folder)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tarball is for Linux")
def test_tarball_installs_and_uninstalls_keeping_books(tmp_path: Path) -> None:
    folder = _frozen()
    tarballs = sorted(folder.parent.glob("minute-taker-*-linux-*.tar.gz"))
    if not tarballs:
        pytest.skip(f"no minute-taker-*-linux-*.tar.gz next to {folder} (make dist makes it)")
    with tarfile.open(tarballs[-1]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    book = home / ".local" / "share" / "minute-taker" / "Minutes.minutebook"
    book.parent.mkdir(parents=True)
    book.write_bytes(b"the user's minutes")
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "MINUTE_TAKER_HOME": str(tmp_path / "mt-home")}

    subprocess.run(["sh", str(unpacked / "install.sh")], env=env, check=True,
                   capture_output=True)
    local = home / ".local"
    app_id = "io.github.minutetaker.MinuteTaker"
    for installed in (f"share/applications/{app_id}.desktop",
                      f"share/metainfo/{app_id}.metainfo.xml",
                      f"share/mime/packages/{app_id}.xml",
                      "share/doc/minute-taker/LICENSE",
                      "lib/minute-taker/uninstall.sh"):
        assert (local / installed).is_file(), installed
    version = subprocess.run([str(local / "bin" / "minute-taker-cli"), "--version"], env=env,
                             capture_output=True, text=True, check=True, timeout=120)
    assert version.stdout.startswith("minute-taker ")

    subprocess.run(["sh", str(local / "lib" / "minute-taker" / "uninstall.sh")], env=env,
                   check=True, capture_output=True)
    assert not (local / "lib" / "minute-taker").exists()
    assert not (local / "bin" / "minute-taker").exists()
    assert not (local / "share" / "applications" / f"{app_id}.desktop").exists()
    assert book.read_bytes() == b"the user's minutes"
