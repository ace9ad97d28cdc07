"""The "nothing lost" property (tests/export_files/test_nothing_lost.py) in its heavy
profile: more meetings, up to 300 items, every minutes format in both house styles.

Each meeting Hypothesis draws is exported in every format and read back, so the formats
are checked on the same meetings and their times compare. A format that loses a
sentence is then swept again on its own, for Hypothesis to shrink the meeting to the
smallest that still fails: the report names the format, that meeting and what was
wrong. The times say what one export and its reading back cost, per format: what the
suite's budget for the property is spent on.

    python benchmarks/nothing_lost_bench.py --examples 20
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUPPORT = HERE.parent / "tests" / "export_files"
EXAMPLES = 10
MAX_ITEMS = 300


def _specs(max_items: int) -> Any:
    """As many long meetings as short ones. Hypothesis draws the ends of a range of
    integers often (a run of 30 examples met 1 and 40 items a dozen times), so a long
    meeting's length is a random number folded into its range."""
    from hypothesis import strategies as st
    from nothing_lost_support import meeting_specs

    low = max(1, max_items // 3)
    lengths = st.integers(0, 2**32 - 1).map(lambda n: low + n % (max_items - low + 1))
    return st.one_of(meeting_specs(1, 40), lengths.flatmap(lambda n: meeting_specs(n, n)))


def _property(examples: int, max_items: int, check: Callable[[Any], None], *,
              shrink: bool) -> Callable[[], None]:
    from hypothesis import HealthCheck, Phase, given, settings

    phases = (Phase.generate, Phase.shrink) if shrink else (Phase.generate,)
    # Derandomised: every run, and the shrinking run after a failure, draws the same
    # meetings.
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    phases=phases, suppress_health_check=list(HealthCheck))(
        given(spec=_specs(max_items))(check))


def _check_format(meeting: Any, fmt: str, public: bool,
                  times: dict[str, list[float]] | None = None) -> list[str]:
    """Both house styles of one format: what was wrong, with the times taken."""
    from nothing_lost_support import STYLES
    from test_nothing_lost import check_export, export

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for style in STYLES:
            start = time.perf_counter()
            path = export(meeting, fmt, style, public, Path(scratch))
            written = time.perf_counter()
            problems += check_export(meeting, path, fmt, style, public)
            if times is not None:
                times["export"].append(written - start)
                times["check"].append(time.perf_counter() - written)
    return problems


def _smallest_failure(fmt: str, examples: int, max_items: int) -> str:
    """The smallest failing meeting Hypothesis shrinks to, in its own words."""
    from nothing_lost_support import build_meeting

    def check(spec: Any) -> None:
        meeting = build_meeting(spec)
        problems = _check_format(meeting, fmt, spec.public)
        assert not problems, f"{meeting.summary()}:\n" + "\n".join(problems[:8])

    try:
        with contextlib.redirect_stdout(sys.stderr):  # run.py's stdout is its JSON alone
            _property(examples, max_items, check, shrink=True)()
    except AssertionError as error:
        return "\n".join([str(error), *getattr(error, "__notes__", [])])
    return "failed in the sweep, but not again when swept alone"


def _ms(samples: list[float], how: Any = statistics.median) -> float | None:
    return round(how(samples) * 1000, 1) if samples else None


def bench_nothing_lost(examples: int = EXAMPLES, max_items: int = MAX_ITEMS,
                       formats: tuple[str, ...] | None = None) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if str(SUPPORT) not in sys.path:
        sys.path.insert(0, str(SUPPORT))
    from nothing_lost_support import FORMATS, PDFTOTEXT, STYLES, build_meeting

    checked = list(formats or FORMATS)
    times: dict[str, dict[str, list[float]]] = {fmt: {"export": [], "check": []}
                                                for fmt in checked}
    failed: dict[str, str] = {}
    seen = {"meetings": 0, "items": 0, "sentences": 0}

    def check(spec: Any) -> None:
        meeting = build_meeting(spec)
        seen["meetings"] += 1
        seen["items"] += sum(1 for s in meeting.sentences if s.kind == "title")
        seen["sentences"] += len(meeting.expected(spec.public))
        for fmt in checked:
            problems = _check_format(meeting, fmt, spec.public, times[fmt])
            if problems:
                failed.setdefault(fmt, problems[0])
        print(f"nothing_lost: meeting {seen['meetings']}: {meeting.summary()}",
              file=sys.stderr, flush=True)

    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        _property(examples, max_items, check, shrink=False)()
    result: dict[str, Any] = {
        "examples": examples, "max_items": max_items, "styles": list(STYLES),
        "pdf_reader": "pdftotext -raw" if PDFTOTEXT else "pypdf", **seen,
        "sweep_seconds": round(time.perf_counter() - start, 1)}
    for fmt in checked:
        exports, checks = times[fmt]["export"], times[fmt]["check"]
        result[fmt] = {"exports": len(exports),
                       "seconds": round(sum(exports) + sum(checks), 1),
                       "export_median_ms": _ms(exports), "export_max_ms": _ms(exports, max),
                       "check_median_ms": _ms(checks), "passed": fmt not in failed,
                       "failure": None}
        if fmt in failed:
            print(f"nothing_lost: {fmt} lost something; shrinking", file=sys.stderr, flush=True)
            result[fmt]["failure"] = _smallest_failure(fmt, examples, max_items)
        found = result[fmt]
        print(f"nothing_lost: {fmt}: {seen['meetings']} meetings, {seen['sentences']} "
              f"sentences, {found['exports']} exports, {found['seconds']} s (export "
              f"{found['export_median_ms']} ms, check {found['check_median_ms']} ms median):"
              f" {'passed' if found['passed'] else 'FAILED'}", file=sys.stderr, flush=True)
    result["formats_checked"] = checked
    result["formats_passed"] = [fmt for fmt in checked if fmt not in failed]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=EXAMPLES,
                        help=f"meetings to check (default {EXAMPLES})")
    parser.add_argument("--max-items", type=int, default=MAX_ITEMS,
                        help=f"items in the longest meeting (default {MAX_ITEMS})")
    parser.add_argument("--format", action="append", dest="formats",
                        help="only this format (repeatable)")
    args = parser.parse_args()
    result = bench_nothing_lost(args.examples, args.max_items,
                                tuple(args.formats) if args.formats else None)
    print(json.dumps(result, indent=2))
    return 0 if result["formats_passed"] == result["formats_checked"] else 1


if __name__ == "__main__":
    sys.exit(main())
