"""Files the user asks for are written whole or not at all, and owner-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from minute_taker.store.files import replace_file


def test_a_new_file_is_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        replace_file(tmp_path / "minutes.txt", b"RESOLVED")
    finally:
        os.umask(previous)
    target = tmp_path / "minutes.txt"
    assert target.read_bytes() == b"RESOLVED"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.txt"
    target.write_bytes(b"the approved minutes")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        replace_file(target, b"half of the new minutes")
    assert target.read_bytes() == b"the approved minutes"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.txt"]
