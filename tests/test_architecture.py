"""The layering is a test that fails: import-linter's contracts from pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    # In a child process: import-linter reconfigures logging for the whole interpreter.
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken." in done.stdout


def test_the_pdf_writer_uses_no_widgets() -> None:
    # Only QtGui: the command line writes PDFs with no display and no QApplication.
    import ast

    tree = ast.parse((ROOT / "minute_taker" / "export" / "pdf" / "typeset.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    qt = {name for name in imported if name and name.startswith("PySide6")}
    assert qt <= {"PySide6.QtCore", "PySide6.QtGui"}
