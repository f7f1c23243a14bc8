"""Journeys and agents benchmark: the check benchmark's year of contacts, followed across channels.

    python benchmarks/bench_agents.py [--rows 10000000]     # or: python benchmarks/run.py agents

The data is the check benchmark's (``bench_check.make_files``: 75 % calls, chats and callbacks by 400
agents, 25 % tickets, a pool of returning customers), with who-hung-up, transfer and resolved flags
added from a seeded stream before the clock starts. Each measurement runs in a fresh process that
reads the Parquet files, then measures the computation only: wall time and the peak resident memory
during it (the high-water mark is reset after loading, Linux ``/proc/self/clear_refs``).

1. ``journey_table``: every contact and ticket of each customer in order, gaps, repeats, chasers;
2. ``failure_demand_cost`` per channel, in agent hours and money;
3. ``journey_episodes`` and ``channel_paths``: the most common channel paths;
4. ``agent_table``: every gaming signal per agent, funnel limits and flags (repeats included, so
   the journeys are linked again inside it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_check  # noqa: E402

CHILD = r"""
import json, sys, time
import numpy as np
import pandas as pd
task, cp, tp = sys.argv[1], sys.argv[2], sys.argv[3]
def status():
    out = {}
    for line in open("/proc/self/status"):
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            out[k] = int(v.split()[0]) / 1024
    return out
import cxkit as cx
contacts = pd.read_parquet(cp)
tickets = pd.read_parquet(tp)
rng = np.random.default_rng(12)
ans = contacts.outcome.eq("answered").to_numpy()
n = len(contacts)
contacts["disconnect"] = np.where(ans, np.where(rng.random(n) < 0.3, "agent", "customer"), None)
contacts["transferred"] = np.where(ans, rng.random(n) < 0.06, None)
contacts["resolved"] = np.where(ans, rng.random(n) < 0.8, None)
data = {"contacts": contacts, "tickets": tickets}
data_mb = (contacts.memory_usage(deep=True).sum() + tickets.memory_usage(deep=True).sum()) / 2**20
open("/proc/self/clear_refs", "w").write("5")
base = status()["VmRSS"]
t = time.perf_counter()
result = {}
if task == "journey_table":
    out = cx.journey_table(data)
    result["rows"] = len(out)
elif task == "failure_demand":
    out = cx.failure_demand_cost(data, cost_per_agent_h=38, by=("channel",))
    result["rows"] = int(out.contacts.sum())
elif task == "paths":
    e = cx.journey_episodes(data)
    out = cx.channel_paths(e)
    result["rows"] = len(e)
elif task == "agents":
    out = cx.agent_table(data)
    result["rows"] = len(out)
    result["flagged"] = int(out.flagged.sum())
wall = time.perf_counter() - t
st = status()
result.update({"wall_s": wall, "peak_mb": st["VmHWM"], "base_mb": base, "data_mb": data_mb})
print(json.dumps(result))
"""

TASKS = (
    ("journey_table", "journey table (gaps, repeats, chasers)", "journey rows"),
    ("failure_demand", "failure demand per channel, hours and money", "contacts counted"),
    ("paths", "journey episodes and channel paths", "episodes"),
    ("agents", "per-agent table: every signal, funnel limits, flags", "agents"),
)


def run(task: str, cp: Path, tp: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, task, str(cp), str(tp)], capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(f"{task} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(rows: int) -> str:
    cp, tp = bench_check.make_files(rows)
    res = {task: run(task, cp, tp) for task, _, _ in TASKS}
    n_sync = int(rows * sum(bench_check.SYNC.values()))
    lines = [
        f"\n## Journeys and agents: a year, {rows:,} contacts ({n_sync:,} calls/chats/callbacks, "
        f"{rows - n_sync:,} tickets), 400 agents\n",
        f"Input frames in memory: {res['agents']['data_mb']:,.0f} MB. Peak = process RSS high-water "
        "during the computation (reset after loading); 'extra' = peak minus RSS before it.\n",
        "| what | wall (s) | peak RSS (MB) | extra over input (MB) | result |",
        "|---|---:|---:|---:|---|",
    ]
    for task, what, unit in TASKS:
        r = res[task]
        extra = f", {r['flagged']} flagged" if "flagged" in r else ""
        lines.append(
            f"| {what} | {r['wall_s']:.2f} | {r['peak_mb']:,.0f} | {r['peak_mb'] - r['base_mb']:,.0f} "
            f"| {r['rows']:,} {unit}{extra} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10_000_000)
    print(bench(p.parse_args().rows))


if __name__ == "__main__":
    main()
