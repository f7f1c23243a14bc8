"""Conversations benchmark: a generated tweet-style support log (shuffled rows, Twitter times) loaded
with the ``twitter_support`` preset (threads rebuilt from reply links), then next-reply waits in
calendar and business hours. Wall and CPU time per step (the machine may be shared: CPU time is the
process's own) and peak memory (RSS high-water mark of this process).

    python benchmarks/bench_conversations.py [--tweets 1000000]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd

WORK = Path(__file__).resolve().parent / ".work"


def make_file(tweets: int) -> Path:
    """Threads of 1-6 tweets alternating customer and brand, in the dataset's layout, rows shuffled."""
    WORK.mkdir(parents=True, exist_ok=True)
    p = WORK / f"tweets_{tweets}.csv"
    if p.exists():
        return p
    rng = np.random.default_rng(0)
    lengths = rng.integers(1, 7, tweets // 3)
    lengths = lengths[: np.searchsorted(lengths.cumsum(), tweets) + 1]
    n = int(lengths.sum())
    thread = np.repeat(np.arange(len(lengths)), lengths)
    pos = np.arange(n) - np.repeat(lengths.cumsum() - lengths, lengths)
    ids = np.arange(1, n + 1)
    start = rng.integers(0, 60 * 86400, len(lengths))
    gaps = rng.exponential(3600, n).astype(int) + 1
    gaps[pos == 0] = 0
    t = start[thread] + pd.Series(gaps).groupby(thread).cumsum().to_numpy()
    inbound = pos % 2 == 0
    brands = np.array(["AcmeHelp", "BetaCares", "GammaSupport"])[thread % 3]
    author = np.where(inbound, (100000 + thread).astype(str), brands)
    last = np.r_[pos[1:] == 0, True]
    created = pd.to_datetime(t + 1_500_000_000, unit="s").strftime("%a %b %d %H:%M:%S +0000 %Y")
    df = pd.DataFrame(
        {
            "tweet_id": ids,
            "author_id": author,
            "inbound": np.where(inbound, "True", "False"),
            "created_at": created,
            "text": np.where(inbound, "@" + brands + " help please", "@customer we are on it"),
            "response_tweet_id": np.where(last, "", (ids + 1).astype(str)),
            "in_response_to_tweet_id": np.where(pos == 0, "", (ids - 1).astype(str) + ".0"),
        }
    )
    df.iloc[rng.permutation(n)].to_csv(p, index=False)
    return p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tweets", type=int, default=1_000_000)
    args = ap.parse_args()
    import cxkit as cx

    p = make_file(args.tweets)
    rows = []
    t0, c0 = time.perf_counter(), time.process_time()
    res = cx.load(p, preset="twitter_support", pseudonym_key=b"bench")
    rows.append(
        {
            "step": "load twitter_support (threads, roles, brand)",
            "wall_s": time.perf_counter() - t0,
            "cpu_s": time.process_time() - c0,
        }
    )
    t0, c0 = time.perf_counter(), time.process_time()
    w = cx.reply_waits(res.data)
    rows.append(
        {
            "step": "reply_waits, calendar hours",
            "wall_s": time.perf_counter() - t0,
            "cpu_s": time.process_time() - c0,
        }
    )
    cal = cx.Calendar(
        time_zone="UTC", hours={d: "08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}
    )
    t0, c0 = time.perf_counter(), time.process_time()
    cx.reply_waits(res.data, business_hours=True, calendar=cal)
    rows.append(
        {
            "step": "reply_waits, business hours",
            "wall_s": time.perf_counter() - t0,
            "cpu_s": time.process_time() - c0,
        }
    )
    t0, c0 = time.perf_counter(), time.process_time()
    cx.metric(res, "public_response_rate", by=("brand",))
    rows.append(
        {
            "step": "public_response_rate by brand",
            "wall_s": time.perf_counter() - t0,
            "cpu_s": time.process_time() - c0,
        }
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n## Conversations: {res.rows_read:,} tweets, {res.data.conversation_id.nunique():,} threads, "
        f"{len(w):,} customer runs; peak RSS {peak_mb:,.0f} MB\n"
    )
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f"))


if __name__ == "__main__":
    main()
