"""Where PostgreSQL is not installed, the team-book tests are skipped saying how to
install it (tests/pg_cluster.py), instead of failing or passing without running."""

from __future__ import annotations

import pytest
from pg_cluster import SKIP_REASON, Cluster


def test_no_postgresql_here_is_a_skip_that_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import glob
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(glob, "glob", lambda pattern: [])
    with pytest.raises(FileNotFoundError) as refused:
        Cluster()
    assert str(refused.value) == SKIP_REASON
    assert "apt-get install postgresql" in SKIP_REASON
