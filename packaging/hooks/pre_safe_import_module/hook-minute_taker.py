"""The source tree maps the top-level resources/ folder to the package
minute_taker.resources (pyproject.toml, [tool.setuptools.package-dir]). PyInstaller's
analysis looks for minute_taker.resources only in minute_taker/; this adds the
repository root to the package's search path, so it finds resources/__init__.py there.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def pre_safe_import_module(api):
    api.append_package_path(str(ROOT))
