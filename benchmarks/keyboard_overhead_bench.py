"""Keyboard overhead of a whole meeting minuted from the keyboard (issue 13).

Runs tests/ui/test_whole_meeting_by_keyboard.py, the October 2017 assurance meeting typed
into the real window key by key, and reports what its typist counted: the text keys (the
words and line breaks of the record) and the extra keys (shortcuts, choosing from lists,
Return to confirm) it took to put them in the right place. A count, not a time: there is
no baseline, because the least a meeting can cost is its own text, and the ratio
extra / text is already relative to that.

    python benchmarks/keyboard_overhead_bench.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST = "tests/ui/test_whole_meeting_by_keyboard.py"
ENV_FILE = "MINUTE_TAKER_KEYBOARD_OVERHEAD"  # where the test writes its figure


def bench_keyboard_overhead() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="minute-taker-bench-") as folder:
        figure = Path(folder) / "overhead.json"
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env[ENV_FILE] = str(figure)
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST],
            cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if run.returncode != 0 or not figure.exists():
            raise RuntimeError(f"keyboard_overhead: {TEST} failed:\n{run.stdout[-4000:]}"
                               f"\n{run.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(figure.read_text(encoding="utf-8"))
    result["overhead_percent"] = round(100 * result["overhead"], 2)
    result["test"] = TEST
    result["qt_qpa_platform"] = env["QT_QPA_PLATFORM"]
    result["seconds"] = round(seconds, 1)  # the whole run, with its exports; for interest
    return result


def main() -> int:
    print(f"keyboard_overhead: running {TEST}", file=sys.stderr, flush=True)
    print(json.dumps(bench_keyboard_overhead(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
