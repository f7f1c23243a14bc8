"""Load benchmark: a generated 10-million-contact CSV and Parquet file read, validated and
pseudonymised by cxkit.data.loader; wall time and peak memory (RSS high-water mark of a fresh process).

    python benchmarks/bench_load.py [--rows 10000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

WORK = Path(__file__).resolve().parent / ".work"


def make_files(rows: int) -> tuple[Path, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    csv_p, pq_p = WORK / f"contacts_{rows}.csv", WORK / f"contacts_{rows}.parquet"
    if csv_p.exists() and pq_p.exists():
        return csv_p, pq_p
    rng = np.random.default_rng(0)
    t0 = np.datetime64("2025-01-01T00:00:00")
    arrival = t0 + np.sort(rng.integers(0, 365 * 86400, rows)).astype("timedelta64[s]")
    wait = rng.exponential(30, rows).round(1)
    outcome = np.where(rng.random(rows) < 0.9, "answered", "abandoned")
    channel = rng.choice(
        ["phone", "chat", "email", "social", "web_form"], rows, p=[0.55, 0.15, 0.2, 0.03, 0.07]
    )
    table = pa.table(
        {
            "contact_id": pa.array(np.char.add("C", np.arange(rows).astype(str))),
            "channel": pa.array(channel),
            "queue": pa.array(rng.choice(["general", "billing", "moving", "outage"], rows)),
            "customer": pa.array(
                np.char.add("+35840", rng.integers(1_000_000, 9_999_999, rows).astype(str))
            ),
            "agent": pa.array(np.char.add("A", rng.integers(0, 400, rows).astype(str))),
            "arrival": pa.array(np.datetime_as_string(arrival, unit="s")),
            "outcome": pa.array(outcome),
            "wait_s": pa.array(wait),
            "talk_s": pa.array(
                rng.lognormal(5.3, 0.7, rows).round(1), mask=outcome != "answered"
            ),  # empty, not "nan"
        }
    )
    pacsv.write_csv(table, csv_p)
    pq.write_table(table, pq_p)
    return csv_p, pq_p


CHILD = """
import json, resource, sys, time
t = time.perf_counter()
from cxkit.data.loader import load
r = load(sys.argv[1], preset="generic", pseudonym_key=b"bench", time_zone="Europe/Helsinki")
wall = time.perf_counter() - t
print(json.dumps({"wall_s": wall, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows_read": r.rows_read, "accepted": r.accepted, "quarantined": r.quarantined}))
"""


def run(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=10_000_000)
    args = p.parse_args()
    t = time.perf_counter()
    csv_p, pq_p = make_files(args.rows)
    print(
        f"files ready in {time.perf_counter() - t:.0f} s: {csv_p.stat().st_size / 1e9:.2f} GB CSV, "
        f"{pq_p.stat().st_size / 1e9:.2f} GB Parquet",
        file=sys.stderr,
    )
    rows = []
    for label, path in (("CSV", csv_p), ("Parquet", pq_p)):
        r = run(path)
        rows.append(
            f"| load {label}, {args.rows:,} contacts | {r['wall_s']:.1f} | {r['peak_mb']:,.0f} | "
            f"{r['rows_read']:,} | {r['accepted']:,} | {r['quarantined']:,} | {args.rows / r['wall_s']:,.0f} |"
        )
    print("\n## Load\n")
    print("| benchmark | wall s | peak MB | rows read | accepted | quarantined | rows/s |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    _ = resource


if __name__ == "__main__":
    main()
