"""cxkit benchmarks: one command, a table per benchmark.

    python benchmarks/run.py staffing      # Erlang C/A over a week, simulation contacts per second
    python benchmarks/run.py check         # a year, 10 million contacts, 30 targets, against DuckDB and pandas
    python benchmarks/run.py load          # 10 million contacts read from CSV and Parquet
    python benchmarks/run.py agents        # the same year followed across channels: journeys, paths, per-agent table
    python benchmarks/run.py qa            # 100,000 QA evaluations checked against the form and scored
    python benchmarks/run.py conversations # 1 million tweets threaded, next-reply waits (CXKIT_BENCH_TWEETS)
    python benchmarks/run.py engine        # streaming loader, DuckDB over the store (10M, 100M), Spark 1M
    python benchmarks/run.py forecast      # a year of 15-minute intervals, 5 channels, a week ahead
    python benchmarks/run.py all

``CXKIT_BENCH_ROWS`` sets the row count of the check, load and agents benchmarks (default 10 million).
Peers (pyworkforce, ciw) are installed in the benchmark's own environment,
``benchmarks/.work/peers-venv``, created on first use; cxkit never depends on them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PEERS_VENV = WORK / "peers-venv"
PEERS = ("pyworkforce>=0.5,<1", "ciw>=3,<4")


def peers_python() -> Path:
    py = PEERS_VENV / "bin" / "python"
    if not py.exists():
        print(f"setting up the peers' environment in {PEERS_VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", *PEERS], check=True)
    return py


def run_peer(job: dict) -> dict:
    r = subprocess.run(
        [str(peers_python()), str(HERE / "peers.py")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(r.stdout)


def table(rows: list[dict], title: str) -> str:
    df = pd.DataFrame(rows)
    return f"\n## {title}\n\n" + df.to_markdown(index=False, floatfmt=".4g") + "\n"


def bench_staffing() -> str:
    from cxkit.plan.blending import BlendedTeam
    from cxkit.plan.profiles import arrival_profile
    from cxkit.plan.staffing import erlang_a, erlang_c, required_agents_many, staffing_table

    rows = []
    week = arrival_profile("phone", start="2026-03-02", days=7, interval_min=15).rename(
        columns={"expected": "offered"}
    )
    week = week.assign(aht_s=300.0, interval_min=15)
    week["offered"] = week["offered"].round(1)
    n_iv = len(week)  # a week of 15-minute intervals: 672, zeros at night and weekends
    for label, sl, t in (("80/20", 0.8, 20), ("90/4h (email-like)", 0.9, 4 * 3600)):
        staffing_table(week, service_level=sl, threshold_s=t)  # warm up imports and caches
        t0 = time.perf_counter()
        ours = staffing_table(week, service_level=sl, threshold_s=t)
        table_s = time.perf_counter() - t0
        solve_in = pd.DataFrame(
            {"arrivals_per_s": week.offered.to_numpy() / 900, "aht_s": week.aht_s.to_numpy()}
        )
        t0 = time.perf_counter()
        for _ in range(10):
            required_agents_many(solve_in, service_level=sl, threshold_s=t)
        ours_s = (time.perf_counter() - t0) / 10
        peer = run_peer(
            {
                "kind": "erlang_c",
                "offered": week.offered.tolist(),
                "aht_s": week.aht_s.tolist(),
                "interval_min": 15,
                "threshold_s": t,
                "service_level": sl,
            }
        )
        ag = np.asarray(peer["agents"])
        differ = int((ag != ours.agents.to_numpy()).sum())
        over = int((ag > ours.agents.to_numpy()).sum())
        # exactness: is each side's answer the smallest N that meets the target?
        lam = week.offered.to_numpy() / 900

        def minimal(agents: np.ndarray, lam: np.ndarray = lam, t: float = t, sl: float = sl) -> int:
            ok = 0
            for i in range(n_iv):
                if lam[i] == 0:
                    ok += agents[i] == 0
                    continue
                meets = (
                    erlang_c(arrivals_per_s=lam[i], aht_s=300, agents=agents[i], threshold_s=t)[
                        "service_level"
                    ]
                    >= sl - 1e-12
                )
                below = (
                    erlang_c(arrivals_per_s=lam[i], aht_s=300, agents=agents[i] - 1, threshold_s=t)[
                        "service_level"
                    ]
                    < sl - 1e-12
                )
                ok += bool(meets and below)
            return ok

        rows.append(
            {
                "benchmark": f"Erlang C, {n_iv} intervals, {label}: tidy table (solve + evaluate)",
                "cxkit_s": table_s,
                "peer": "",
                "peer_s": math.nan,
                "speed_ratio": math.nan,
                "agreement": "",
                "minimal_N cxkit/peer": "",
            }
        )
        rows.append(
            {
                "benchmark": f"Erlang C, {n_iv} intervals, {label}: solve N",
                "cxkit_s": ours_s,
                "peer": "pyworkforce 0.5",
                "peer_s": peer["seconds"],
                "speed_ratio": peer["seconds"] / ours_s,
                "agreement": f"{n_iv - differ}/{n_iv} equal; peer higher in {over}",
                "minimal_N cxkit/peer": f"{minimal(ours.agents.to_numpy())}/{minimal(ag)}",
            }
        )
    # Erlang A: no open-source Python peer has it; exactness is tested against a CTMC in tests/
    t0 = time.perf_counter()
    staffing_table(week, service_level=0.8, threshold_s=20, patience_s=150)
    ours_a = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(100):
        erlang_a(
            arrivals_per_s=100 / 1800, aht_s=180, patience_s=120, agents=10, threshold_s=5 * 3600
        )
    hours_s = (time.perf_counter() - t0) / 100
    rows.append(
        {
            "benchmark": f"Erlang A, {n_iv} intervals, 80/20, solve N",
            "cxkit_s": ours_a,
            "peer": "none (pyworkforce has no Erlang A)",
            "peer_s": math.nan,
            "speed_ratio": math.nan,
            "agreement": "CTMC reference to 1e-9 (tests)",
            "minimal_N cxkit/peer": "-",
        }
    )
    rows.append(
        {
            "benchmark": "Erlang A, one evaluation, T = 5 h",
            "cxkit_s": hours_s,
            "peer": "-",
            "peer_s": math.nan,
            "speed_ratio": math.nan,
            "agreement": "exact (incomplete beta)",
            "minimal_N cxkit/peer": "-",
        }
    )
    # Simulation: M/M/c+M, stationary, same horizon and replications
    lam, aht, c, pat, hours, reps = 100 / 1800, 180.0, 11, 120.0, 100, 4
    n = int(hours * 2)
    iv = pd.DataFrame(
        {
            "phone_arrivals": [100.0] * n,
            "email_arrivals": 0.0,
            "phone_agents": c,
            "email_agents": 0,
            "blended_agents": 0,
        }
    )
    t0 = time.perf_counter()
    res = BlendedTeam(iv, interval_min=30, phone_aht_s=aht, patience_s=pat, warmup_intervals=4).run(
        replications=reps, seed=1
    )
    ours_sim = time.perf_counter() - t0
    ours_rate = res.contacts_simulated / ours_sim
    peer = run_peer(
        {
            "kind": "ciw_mmcm",
            "lam": lam,
            "aht_s": aht,
            "agents": c,
            "patience_s": pat,
            "hours": hours,
            "replications": reps,
            "warmup_h": 2,
            "threshold_s": 20,
        }
    )
    peer_rate = peer["contacts"] / peer["seconds"]
    exact = (
        100
        * erlang_a(arrivals_per_s=lam, aht_s=aht, patience_s=pat, agents=c, threshold_s=20)[
            "service_level"
        ]
    )
    sl = res.summary.set_index("metric").loc["phone_service_level_pct"]
    rows.append(
        {
            "benchmark": f"Simulation M/M/{c}+M, {hours} h x {reps} reps (contacts/s)",
            "cxkit_s": ours_rate,
            "peer": "ciw 3",
            "peer_s": peer_rate,
            "speed_ratio": ours_rate / peer_rate,
            "agreement": f"SL cxkit {sl['mean']:.1f}% [{sl.ci_low:.1f}, {sl.ci_high:.1f}], ciw {peer['service_level_pct']:.1f}%, Erlang A {exact:.1f}%",
            "minimal_N cxkit/peer": "-",
        }
    )
    note = (
        "cxkit_s / peer_s are seconds (lower is better), except the simulation row: contacts per second "
        "(higher is better); speed_ratio > 1 means cxkit is faster."
    )
    return table(rows, "Staffing") + "\n" + note + "\n"


def bench_check() -> str:
    sys.path.insert(0, str(HERE))
    import bench_check

    return bench_check.bench(int(os.environ.get("CXKIT_BENCH_ROWS", 10_000_000)))


def _script(name: str, flag: str, env: str, default: str) -> str:
    """Run a benchmark script in a fresh process (its own peak memory) and return its table."""
    r = subprocess.run(
        [sys.executable, str(HERE / name), flag, os.environ.get(env, default)],
        capture_output=True,
        text=True,
        check=True,
    )
    return r.stdout


def bench_agents() -> str:
    sys.path.insert(0, str(HERE))
    import bench_agents

    return bench_agents.bench(int(os.environ.get("CXKIT_BENCH_ROWS", 10_000_000)))


def bench_qa() -> str:
    sys.path.insert(0, str(HERE))
    import bench_qa

    return bench_qa.bench(int(os.environ.get("CXKIT_BENCH_QA_EVALUATIONS", 100_000)))


def bench_load() -> str:
    return _script("bench_load.py", "--rows", "CXKIT_BENCH_ROWS", "10000000")


def bench_conversations() -> str:
    return _script("bench_conversations.py", "--tweets", "CXKIT_BENCH_TWEETS", "1000000")


def bench_engine() -> str:
    """The streaming loader, the DuckDB engine over the Parquet store and Spark (bench_engine.py);
    ``CXKIT_BENCH_ROWS`` sets the load and check rows, ``CXKIT_BENCH_BIG`` the big check (0: skip)."""
    r = subprocess.run(
        [
            sys.executable,
            str(HERE / "bench_engine.py"),
            "--rows",
            os.environ.get("CXKIT_BENCH_ROWS", "10000000"),
            "--big",
            os.environ.get("CXKIT_BENCH_BIG", "100000000"),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(HERE),
    )
    return r.stdout


def bench_forecast() -> str:
    sys.path.insert(0, str(HERE))
    import bench_forecast

    return bench_forecast.bench(int(os.environ.get("CXKIT_BENCH_WEEKS", 52)))


BENCHES = {
    "staffing": bench_staffing,
    "check": bench_check,
    "agents": bench_agents,
    "load": bench_load,
    "conversations": bench_conversations,
    "engine": bench_engine,
    "forecast": bench_forecast,
    "qa": bench_qa,
}


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("which", nargs="?", default="all", choices=[*BENCHES, "all"])
    args = p.parse_args()
    os.makedirs(WORK, exist_ok=True)
    for name, fn in BENCHES.items():
        if args.which in (name, "all"):
            print(fn())


if __name__ == "__main__":
    main()
