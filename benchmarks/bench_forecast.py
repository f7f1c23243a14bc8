"""Forecast benchmark: a year of 15-minute intervals for 5 channels, one week ahead, wall time.

    python benchmarks/bench_forecast.py [--weeks 52]      # or: python benchmarks/run.py forecast

The history is Poisson counts around ``cxkit.plan.profiles.arrival_profile`` (weekday, intraday,
month and Finnish holiday factors; seeded), every 15-minute interval of the year for phone, chat,
email, social and web forms (35,040 intervals each, zeros while a channel is closed). Each method
forecasts the next 7 days of every channel, fitted on the whole year and on the last 8 weeks; the
table gives the wall time for the 5 channels together and per channel.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cxkit.plan.forecast import FORECAST_METHODS, forecast_arrivals
from cxkit.plan.profiles import DAILY_VOLUME, arrival_profile


def make_history(weeks: int = 52, *, seed: int = 17) -> pd.DataFrame:
    """Every 15-minute interval of ``weeks`` weeks for the 5 channels, Poisson around the profile.

    Parameters
    ----------
    weeks : int
        Weeks of history from Monday 5 January 2026.
    seed : int
        Seed of the Poisson draws.

    Returns
    -------
    pandas.DataFrame
        ``channel``, ``interval_start`` (naive local time) and ``arrivals`` (contacts).
    """
    rng = np.random.default_rng([seed, 17])
    parts = []
    for ch in DAILY_VOLUME:
        # a wall clock without DST (UTC), so every day has its 96 intervals
        p = arrival_profile(
            ch, start="2026-01-05", days=7 * weeks, interval_min=15, time_zone="UTC"
        )
        parts.append(
            pd.DataFrame(
                {
                    "channel": ch,
                    "interval_start": p.interval_start.dt.tz_localize(None),
                    "arrivals": rng.poisson(p.expected.to_numpy()),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def bench(weeks: int = 52) -> str:
    """Time each method on the 5 channels; return a markdown table.

    Parameters
    ----------
    weeks : int
        Weeks of history.

    Returns
    -------
    str
        The table.
    """
    hist = make_history(weeks)
    n_channels = hist.channel.nunique()
    rows = []
    for train_weeks in (None, 8):
        for method in FORECAST_METHODS:
            t0 = time.perf_counter()
            f = forecast_arrivals(hist, method=method, horizon_days=7, train_weeks=train_weeks)
            wall = time.perf_counter() - t0
            rows.append(
                {
                    "method": method,
                    "fit on": "all" if train_weeks is None else f"last {train_weeks} weeks",
                    "channels": n_channels,
                    "history intervals": len(hist),
                    "forecast intervals": len(f),
                    "wall s": wall,
                    "s per channel": wall / n_channels,
                }
            )
    title = f"\n## Forecast: {weeks} weeks of 15-minute intervals, {n_channels} channels, 7 days ahead\n\n"
    return title + pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3g") + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weeks", type=int, default=52)
    print(bench(p.parse_args().weeks))


if __name__ == "__main__":
    main()
