"""The package list in pyproject.toml and the files a built wheel carries.

Packages are listed by hand (the top-level resources/ folder is mapped into the
package, which setuptools' find cannot add to what it finds), so a new subpackage
missing from the list would be left out of every install: this test says so.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _listed_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_folder_is_listed() -> None:
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for init in (ROOT / "minute_taker").rglob("__init__.py")}
    assert found | {"minute_taker.resources"} == _listed_packages()


def test_a_built_wheel_carries_every_resource(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True)
    wheel = next(tmp_path.glob("minute_taker-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = ROOT / "resources"
    expected = {f"minute_taker/resources/{p.relative_to(resources).as_posix()}"
                for p in resources.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected <= names
    assert "minute_taker/resources/fonts/LiberationSans-Regular.ttf" in names
    assert "minute_taker/store/migrations/versions/0001_initial_schema.py" in names
