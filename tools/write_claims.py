"""Run every check of the claims table and write data/claims_results.csv.

    python tools/write_claims.py            # about a minute of cross-validation
    python tools/write_claims.py --out /tmp/claims_results.csv

The lessons read the committed file through ``imbalance_lab.claims.claims_results``
instead of running the checks; ``tests/test_claims.py`` recomputes the results
and checks that they equal this file. Run it after changing a check, a data set
or the table, then read the rows whose ``holds`` is False before committing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPEATS = 2  # the test recomputes with the same number


def write_results(path=None, repeats: int = REPEATS) -> Path:
    """Run :func:`imbalance_lab.claims.run_claims` and write its table as CSV."""
    from imbalance_lab.claims import RESULTS_FILE, run_claims
    from imbalance_lab.datasets import DATA_DIR

    path = DATA_DIR / RESULTS_FILE if path is None else Path(path)
    frame = run_claims(repeats=repeats)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=None, help="write here instead of data/claims_results.csv")
    args = parser.parse_args(argv)
    path = write_results(args.out)
    import pandas as pd

    frame = pd.read_csv(path)
    failed = frame[frame["asserted"] & ~frame["holds"]]
    print(f"wrote {path}: {len(frame)} rows, {int(frame['asserted'].sum())} asserted, {len(failed)} not holding")
    if len(failed):
        print(failed[["claim", "dataset", "measure", "value", "expected"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
