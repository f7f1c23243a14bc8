"""Check benchmark: a year of a large contact centre (10 million contacts over 5 channels, 30 targets).

    python benchmarks/bench_check.py [--rows 10000000]      # or: python benchmarks/run.py check

Rows: 75 % synchronous contacts (phone, chat, callback) and 25 % tickets (email, web form) over 2026,
with intraday and weekly seasonality, daily varying queues (waits and abandonment from patience against
wait), a pool of customers that come back, and tickets answered and solved over business and calendar
hours. The data is generated once into ``benchmarks/.work/`` (Parquet) and each measurement runs in a
fresh process that reads it, then measures only the computation: wall time and the peak resident memory
of the process during the computation (the high-water mark is reset after loading, Linux
``/proc/self/clear_refs``), next to the memory the input frames themselves take.

Measured side by side on the same frames:

1. daily service level (offered variant, answered within 20 s) of the three synchronous channels:
   ``cxkit.measure.scorecard`` with those three targets, a hand-written DuckDB SQL query over the same DataFrame, and a
   plain pandas groupby; the three must give the same counts (the table says whether they do);
2. the full ``cxkit.measure.scorecard`` of 30 targets (service level in two variants, abandonment, ASA, AHT, 90th
   percentile wait, repeat contacts across channels, response service level in business and calendar
   hours, first response, resolution, backlog age);
3. a threshold change on a year's scorecard (``cxkit.measure.scorecard.restatus``, what the explorer's slider does).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

WORK = Path(__file__).resolve().parent / ".work"
TZ = "Europe/Helsinki"
SYNC = {"phone": 0.50, "chat": 0.15, "callback": 0.10}
ASYNC = {"email": 0.20, "web_form": 0.05}


def charter_doc(sl_only: bool = False) -> dict:
    """The benchmark's charter: 6 targets on each of 5 channels (or only the 3 daily service levels)."""
    cal = {
        "time_zone": TZ,
        "holidays": {"country": "FI"},
        "hours": {d: "08:00-18:00" for d in ("mon", "tue", "wed", "thu", "fri")},
    }
    channels: dict = {}
    for ch in SYNC:
        t = [
            {
                "id": f"{ch}-sl",
                "metric": "service_level",
                "threshold": 80,
                "within_s": 20,
                "period": "day",
                "amber": 70,
                "options": {"variant": "offered"},
            }
        ]
        if not sl_only:
            t += [
                {
                    "id": f"{ch}-sl-answered",
                    "metric": "service_level",
                    "threshold": 90,
                    "within_s": 30,
                    "period": "week",
                    "amber": 85,
                    "options": {"variant": "answered"},
                },
                {
                    "id": f"{ch}-abandon",
                    "metric": "abandon_rate",
                    "threshold": 5,
                    "period": "day",
                    "amber": 8,
                },
                {
                    "id": f"{ch}-asa",
                    "metric": "asa",
                    "threshold": 30,
                    "period": "week",
                    "amber": 45,
                },
                {
                    "id": f"{ch}-aht",
                    "metric": "aht",
                    "threshold": 300,
                    "period": "month",
                    "amber": 330,
                },
                (
                    {
                        "id": f"{ch}-repeat",
                        "metric": "repeat_contact_rate",
                        "threshold": 15,
                        "period": "month",
                        "amber": 20,
                    }
                    if ch == "phone"
                    else {
                        "id": f"{ch}-p90",
                        "metric": "wait_percentile",
                        "threshold": 120,
                        "period": "week",
                        "amber": 180,
                    }
                ),
            ]
        channels[ch] = {
            "label": {"en": ch, "fi": ch},
            "kind": "sync",
            "medium": ch,
            "calendar": "office",
            "goals": [{"text": "Fast and right", "targets": [x["id"] for x in t]}],
            "targets": t,
        }
    if not sl_only:
        for ch in ASYNC:
            t = [
                {
                    "id": f"{ch}-rsl-bh",
                    "metric": "response_service_level",
                    "threshold": 90,
                    "within_h": 8,
                    "period": "week",
                    "amber": 80,
                    "options": {"business_hours": True},
                },
                {
                    "id": f"{ch}-rsl-24h",
                    "metric": "response_service_level",
                    "threshold": 95,
                    "within_h": 24,
                    "period": "day",
                    "amber": 90,
                    "options": {"business_hours": False},
                },
                {
                    "id": f"{ch}-frt",
                    "metric": "first_response_time",
                    "threshold": 6,
                    "period": "week",
                    "amber": 8,
                    "options": {"statistic": "median"},
                },
                {
                    "id": f"{ch}-frt-mean",
                    "metric": "first_response_time",
                    "threshold": 12,
                    "period": "month",
                    "amber": 16,
                    "options": {"business_hours": False},
                },
                {
                    "id": f"{ch}-resolution",
                    "metric": "resolution_time",
                    "threshold": 40,
                    "period": "month",
                    "amber": 48,
                    "options": {"statistic": "p90"},
                },
                {
                    "id": f"{ch}-backlog",
                    "metric": "backlog_age",
                    "threshold": 24,
                    "period": "week",
                    "amber": 32,
                },
            ]
            channels[ch] = {
                "label": {"en": ch, "fi": ch},
                "kind": "async",
                "medium": "email" if ch == "email" else "web_form",
                "calendar": "office",
                "goals": [{"text": "Answered the same day", "targets": [x["id"] for x in t]}],
                "targets": t,
            }
    return {
        "schema_version": 1,
        "name": "Benchmark contact centre",
        "calendars": {"office": cal},
        "channels": channels,
    }


def _arrivals(rng: np.random.Generator, n: int, *, office_only: bool) -> np.ndarray:
    """``n`` arrival times (UTC nanoseconds) over 2026 with weekly and intraday seasonality."""
    days = pd.date_range("2026-01-01", "2026-12-31", freq="D", tz=TZ)
    weekday = days.day_of_week.to_numpy()
    w = np.where(weekday == 0, 1.3, np.where(weekday < 5, 1.0, 0.0 if office_only else 0.35))
    day = rng.choice(len(days), n, p=w / w.sum())
    if office_only:
        hour = np.clip(rng.normal(12.5, 2.6, n), 8, 17.999)
    else:
        hour = np.mod(rng.normal(13, 5, n), 24)
    local = days.tz_localize(None).to_numpy()[day] + (hour * 3600e9).astype("timedelta64[ns]")
    ts = pd.DatetimeIndex(np.sort(local)).tz_localize(
        TZ, ambiguous="NaT", nonexistent="shift_forward"
    )
    ts = ts[~ts.isna()]
    return ts


def make_files(rows: int) -> tuple[Path, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    cp, tp = WORK / f"check_contacts_{rows}.parquet", WORK / f"check_tickets_{rows}.parquet"
    if cp.exists() and tp.exists():
        return cp, tp
    rng = np.random.default_rng(7)
    n_sync, n_async = int(rows * sum(SYNC.values())), rows - int(rows * sum(SYNC.values()))
    customers = max(1000, rows // 5)
    parts = []
    for ch, share in SYNC.items():
        n = int(n_sync * share / sum(SYNC.values()))
        arr = _arrivals(rng, n, office_only=True)
        n = len(arr)
        day_idx = ((arr - arr[0]).days).to_numpy()
        mean_wait = rng.gamma(2.0, 10.0, day_idx.max() + 1)[day_idx] * np.where(
            arr.day_of_week == 0, 2.5, 1.0
        )
        offered_wait = rng.exponential(mean_wait)
        patience = rng.exponential(150 if ch == "phone" else 240, n)
        answered = offered_wait <= patience
        wait = np.where(answered, offered_wait, patience).round(1)
        talk = np.where(answered, rng.lognormal(5.3, 0.6, n), np.nan).round(1)
        hold = np.where(answered, rng.exponential(15, n), np.nan).round(1)
        acw = np.where(answered, rng.exponential(40, n), np.nan).round(1)
        answered_at = pd.Series(arr) + pd.to_timedelta(np.where(answered, wait, np.nan), unit="s")
        parts.append(
            pd.DataFrame(
                {
                    "contact_id": np.char.add(f"{ch[:2].upper()}", np.arange(n).astype(str)),
                    "channel": ch,
                    "queue": ch,
                    "customer": np.char.add("c_", rng.integers(0, customers, n).astype(str)),
                    "arrival": arr,
                    "outcome": np.where(answered, "answered", "abandoned"),
                    "agent": np.where(
                        answered, np.char.add("A", rng.integers(0, 400, n).astype(str)), None
                    ),
                    "wait_s": wait,
                    "answered_at": answered_at.to_numpy(),
                    "talk_s": talk,
                    "hold_s": hold,
                    "acw_s": acw,
                    "handle_s": talk + hold + acw,
                }
            )
        )
    contacts = pd.concat(parts, ignore_index=True)
    contacts["answered_at"] = pd.to_datetime(contacts["answered_at"], utc=True).dt.tz_convert(TZ)
    tparts = []
    for ch, share in ASYNC.items():
        n = int(n_async * share / sum(ASYNC.values()))
        created = _arrivals(rng, n, office_only=False)
        n = len(created)
        reply_h = rng.gamma(1.5, 8.0, n)
        replied = rng.random(n) > 0.03
        first_reply = pd.Series(created) + pd.to_timedelta(
            np.where(replied, reply_h, np.nan), unit="h"
        )
        solved_h = np.where(
            replied & (rng.random(n) < 0.85), reply_h + rng.exponential(20, n), np.nan
        )
        solved = pd.Series(created) + pd.to_timedelta(solved_h, unit="h")
        tparts.append(
            pd.DataFrame(
                {
                    "ticket_id": np.char.add(f"{ch[:2].upper()}", np.arange(n).astype(str)),
                    "channel": ch,
                    "customer": np.char.add("c_", rng.integers(0, customers, n).astype(str)),
                    "created": created,
                    "first_reply": first_reply.to_numpy(),
                    "solved": solved.to_numpy(),
                }
            )
        )
    tickets = pd.concat(tparts, ignore_index=True)
    contacts.to_parquet(cp)
    tickets.to_parquet(tp)
    return cp, tp


CHILD = r"""
import json, sys, time
import pandas as pd
task, cp, tp = sys.argv[1], sys.argv[2], sys.argv[3]
def status():
    out = {}
    for line in open("/proc/self/status"):
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            out[k] = int(v.split()[0]) / 1024
    return out
sys.path.insert(0, sys.argv[4])
from bench_check import charter_doc, TZ
import yaml
from cxkit.charter.model import loads_charter
from cxkit.measure.scorecard import check, restatus
contacts = pd.read_parquet(cp)
tickets = pd.read_parquet(tp)
for df, cols in ((contacts, ("arrival", "answered_at")), (tickets, ("created", "first_reply", "solved"))):
    for c in cols:
        df[c] = df[c].dt.tz_convert(TZ)
data_mb = (contacts.memory_usage(deep=True).sum() + tickets.memory_usage(deep=True).sum()) / 2**20
result = {}
sl_channels = ["phone", "chat", "callback"]
if task == "restatus":
    sc = check(loads_charter(yaml.safe_dump(charter_doc())), {"contacts": contacts, "tickets": tickets})
open("/proc/self/clear_refs", "w").write("5")   # reset the peak-RSS high-water mark to the current RSS
base = status()["VmRSS"]
t = time.perf_counter()
if task == "cxkit_sl":
    sc = check(loads_charter(yaml.safe_dump(charter_doc(sl_only=True))), {"contacts": contacts})
    out = sc[sc.n > 0][["channel", "period_start", "numerator", "denominator"]]
elif task == "cxkit_full":
    sc = check(loads_charter(yaml.safe_dump(charter_doc())), {"contacts": contacts, "tickets": tickets})
    out = sc
    result["targets"] = int(sc.target_id.nunique())
    result["scorecard_rows"] = len(sc)
elif task == "duckdb_sl":
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{TZ}'")
    out = con.execute('''
        SELECT channel, date_trunc('day', arrival) AS period_start,
               count(*) FILTER (WHERE outcome = 'answered' AND wait_s <= 20) AS numerator,
               count(*) AS denominator
        FROM contacts
        WHERE channel IN ('phone', 'chat', 'callback')
        GROUP BY ALL''').df()
elif task == "pandas_sl":
    c = contacts[contacts.channel.isin(sl_channels)]
    within = (c.outcome == "answered") & (c.wait_s <= 20)
    day = c.arrival.dt.tz_localize(None).dt.normalize()
    out = (pd.DataFrame({"channel": c.channel, "period_start": day, "num": within})
           .groupby(["channel", "period_start"]).agg(numerator=("num", "sum"), denominator=("num", "size")).reset_index())
elif task == "restatus":
    rows = len(sc[sc.target_id == "phone-sl"])
    for th in (70.0, 75.0, 85.0, 90.0, 80.0):
        r = restatus(sc, "phone-sl", threshold=th)
    result["restatus_rows"] = rows
    out = r
wall = time.perf_counter() - t
if task == "restatus":
    wall /= 5
st = status()
if task.endswith("_sl"):
    o = out.copy()
    ps = pd.to_datetime(o["period_start"])
    o["period_start"] = ps.dt.tz_localize(None) if ps.dt.tz is not None else ps
    o = o.astype({"numerator": "int64", "denominator": "int64"}).sort_values(["channel", "period_start"])
    result["checksum"] = [int(o.numerator.sum()), int(o.denominator.sum()), len(o),
                          int((o.numerator * (o.period_start.dt.dayofyear + 7 * o.channel.str.len())).sum())]
result.update({"wall_s": wall, "peak_mb": st["VmHWM"], "base_mb": base, "data_mb": data_mb})
print(json.dumps(result))
"""


def run(task: str, cp: Path, tp: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, task, str(cp), str(tp), str(Path(__file__).resolve().parent)],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"{task} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(rows: int) -> str:
    t = time.perf_counter()
    cp, tp = make_files(rows)
    print(
        f"data ready in {time.perf_counter() - t:.0f} s ({cp.stat().st_size / 1e6:.0f} + {tp.stat().st_size / 1e6:.0f} MB Parquet)",
        file=sys.stderr,
    )
    res = {
        task: run(task, cp, tp)
        for task in ("duckdb_sl", "pandas_sl", "cxkit_sl", "cxkit_full", "restatus")
    }
    ref = res["duckdb_sl"]["checksum"]
    same = {
        k: (
            "same counts"
            if res[k]["checksum"] == ref
            else f"DIFFERENT {res[k]['checksum']} vs {ref}"
        )
        for k in ("duckdb_sl", "pandas_sl", "cxkit_sl")
    }
    n_sync = int(rows * sum(SYNC.values()))
    duck = res["duckdb_sl"]["wall_s"]
    lines = [
        f"\n## Check: a year, {rows:,} contacts ({n_sync:,} calls/chats/messages, {rows - n_sync:,} tickets), 5 channels\n",
        f"Input frames in memory: {res['cxkit_full']['data_mb']:,.0f} MB. Peak = process RSS high-water during the "
        "computation (reset after loading); 'extra' = peak minus RSS before it.\n",
        "| what | tool | wall (s) | x DuckDB | peak RSS (MB) | extra over input (MB) | result |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for key, what, tool in (
        ("duckdb_sl", "daily service level, 3 channels", "DuckDB SQL (hand-written)"),
        ("pandas_sl", "daily service level, 3 channels", "pandas groupby"),
        ("cxkit_sl", "daily service level, 3 channels", "cxkit.measure.scorecard (3 targets)"),
        ("cxkit_full", "full check, 30 targets", "cxkit.measure.scorecard"),
        ("restatus", "threshold change, phone-sl, a year", "cxkit.measure.scorecard.restatus"),
    ):
        r = res[key]
        result = same.get(key, "")
        if key == "cxkit_full":
            result = f"{r['targets']} targets, {r['scorecard_rows']:,} scorecard rows"
        if key == "restatus":
            result = f"{r['restatus_rows']} periods re-judged"
        ratio = f"{r['wall_s'] / duck:.2f}" if key.endswith("_sl") else ""
        lines.append(
            f"| {what} | {tool} | {r['wall_s']:.3f} | {ratio} | {r['peak_mb']:,.0f} | "
            f"{r['peak_mb'] - r['base_mb']:,.0f} | {result} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--rows", type=int, default=10_000_000)
    args = p.parse_args()
    print(bench(args.rows))


if __name__ == "__main__":
    main()
