"""Writing a file the user asked for (an export, a meeting file) whole or not at all.

One rule for every such file: it is written beside its target under a temporary name,
flushed to disk, and renamed over the target in one step, so a reader sees the old file
or the new one, never half; and it is readable by its owner only, like the book it came
from, since minutes (drafts above all) are often confidential: the user widens access
when publishing, as they choose.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` (mode 0600) in a folder that exists; raises ``OSError``,
    leaving no temporary file behind and any earlier file at ``path`` as it was."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                     dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
