"""A hundred starts of the app, each quit at a random moment of its start-up: every exit
must be normal. The heavy profile of tests/test_start_and_quit.py (which runs 32).

Reports how many starts ended badly (the figure that matters, and should be 0), the
wall time of the whole run and the time one start costs with four at once. Exit status
1 if any start ended badly, with what each left on stderr.

    python benchmarks/start_quit_bench.py --starts 100 --workers 4
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUPPORT = HERE.parent / "tests"
STARTS = 100
WORKERS = 4


def bench_start_quit(starts: int = STARTS, workers: int = WORKERS,
                     seed: int = 1) -> dict[str, Any]:
    sys.path.insert(0, str(SUPPORT))
    from start_quit_support import plan, run_all

    began = time.perf_counter()
    outcomes = run_all(plan(starts, seed), workers=workers)
    wall = time.perf_counter() - began
    abnormal = [outcome for outcome in outcomes if not outcome.normal]
    for outcome in abnormal:
        print(outcome.describe(), file=sys.stderr)
    return {"starts": starts, "workers": workers, "seed": seed, "cpus": os.cpu_count(),
            "abnormal": len(abnormal), "wall_s": round(wall, 1),
            "per_start_ms": round(wall / starts * 1000.0, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=STARTS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    result = bench_start_quit(args.starts, args.workers, args.seed)
    print(json.dumps(result, indent=2))
    return 1 if result["abnormal"] else 0


if __name__ == "__main__":
    sys.exit(main())
