"""Backtest the forecasts on the real datasets: accuracy per method against seasonal naive.

    .venv/bin/python benchmarks/forecast_real.py            # both datasets, 30-min and 15-min
    .venv/bin/python benchmarks/forecast_real.py --origins 4 --interval-min 30 --by-slot

Reads ``../shared/data/real/`` (never copied into the repository). Prints one table per dataset
and interval length: wMAPE (%), MASE, coverage of the 80 % prediction interval (%), and wMAPE
relative to seasonal naive (%), over 4 rolling origins each forecasting one week.

- **na-bank-calls-5min-2003**: calls handled per 5 minutes, 07:00-21:05, 164 weekdays. The file
  has no calendar dates, only ``day_index``; the days are laid out as consecutive weekdays from
  Monday 3 March 2003 (the README's start), so the week is the 5-day weekday week. The last
  5-minute interval (21:00-21:05) makes a short last slot of the day.
- **technion-anonymous-bank-1999** (``technion`` preset, Asia/Jerusalem): January and February
  1999; arrivals are the calls offered to agents (the preset's non-self-service contacts). Two
  weekdays have no calls at all (11 and 12 January: the data's gap, the README counts 29 days in
  January); ``interval_history`` lists them in ``attrs["empty_days"]`` and they are left out of
  the fit, as the charter's closed days would be.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
sys.path.insert(0, str(ROOT))

from cxkit.data.tables import load_tables  # noqa: E402
from cxkit.measure.history import interval_history  # noqa: E402
from cxkit.plan.forecast import accuracy_table, backtest, recommend_method  # noqa: E402

BANK = REAL / "na-bank-calls-5min-2003" / "bank_calls_5min_weekdays_2003.csv.gz"
TECHNION = REAL / "technion-anonymous-bank-1999"


def bank_history(interval_min: int, path: Path = BANK) -> pd.DataFrame:
    """The bank's 5-minute counts summed to ``interval_min`` on consecutive weekdays.

    Parameters
    ----------
    interval_min : int
        15 or 30 (a multiple of 5 that divides a day).
    path : Path
        The dataset's CSV.

    Returns
    -------
    pandas.DataFrame
        ``interval_start`` (naive, consecutive weekdays from 2003-03-03) and ``arrivals``
        (calls handled in the interval); every 5-minute row is in exactly one interval.
        ``attrs["empty_days"]`` is empty: every day of the file has calls.
    """
    raw = pd.read_csv(path)
    days = pd.bdate_range("2003-03-03", periods=int(raw.day_index.max()))
    start = days[raw.day_index.to_numpy() - 1] + pd.to_timedelta(
        (raw.interval_start + ":00").to_numpy()
    )
    hist = (
        pd.DataFrame(
            {"interval_start": start.floor(f"{interval_min}min"), "arrivals": raw.calls_handled}
        )
        .groupby("interval_start", as_index=False)
        .arrivals.sum()
    )
    assert hist.arrivals.sum() == raw.calls_handled.sum()
    hist.attrs["empty_days"] = []
    return hist


def technion_history(interval_min: int, folder: Path = TECHNION) -> pd.DataFrame:
    """Calls offered to agents per interval in January and February 1999 (technion preset).

    Parameters
    ----------
    interval_min : int
        Interval length, minutes.
    folder : Path
        The dataset's folder.

    Returns
    -------
    pandas.DataFrame
        What :func:`cxkit.measure.history.interval_history` returns for the phone channel.
    """
    files = [folder / "january_1999.txt.gz", folder / "february_1999.txt.gz"]
    # load_tables keys its answer by table: load each month on its own and stack them
    parts = [load_tables([f], preset="technion")["contacts"].data for f in files]
    contacts = pd.concat(parts, ignore_index=True)
    channel = contacts.channel.mode().iloc[0]
    return interval_history({"contacts": contacts}, channel=channel, interval_min=interval_min)


def table(
    hist: pd.DataFrame, *, origins: int, train_weeks: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accuracy table of a backtest of ``hist``, and wMAPE (%) per time of day and method."""
    res = backtest(
        hist[["interval_start", "arrivals"]],
        origins=origins,
        train_weeks=train_weeks,
        closed_dates=hist.attrs.get("empty_days", ()),
    )
    by_slot = accuracy_table(res, by=("slot",)).pivot(
        index="slot", columns="method", values="wmape_pct"
    )
    return accuracy_table(res), by_slot


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--origins", type=int, default=4)
    p.add_argument("--interval-min", type=int, action="append", default=None)
    p.add_argument("--train-weeks", type=int, default=8)
    p.add_argument("--by-slot", action="store_true", help="also wMAPE per time of day")
    args = p.parse_args(argv)
    pd.set_option("display.width", 160)
    for interval_min in args.interval_min or [30, 15]:
        for name, build, ok in (
            ("na-bank-calls-5min-2003", bank_history, BANK.exists()),
            ("technion-anonymous-bank-1999", technion_history, TECHNION.exists()),
        ):
            if not ok:
                print(f"{name}: not found under {REAL}, skipped")
                continue
            t0 = time.perf_counter()
            hist = build(interval_min)
            acc, by_slot = table(hist, origins=args.origins, train_weeks=args.train_weeks)
            best = recommend_method(acc)
            print(
                f"\n{name}, {interval_min}-min intervals, {args.origins} origins x 1 week, "
                f"80 % intervals, fit on the last {args.train_weeks} weeks "
                f"({len(hist)} intervals, {time.perf_counter() - t0:.1f} s)"
            )
            print(acc.round(3).to_string(index=False))
            print(f"recommended: {best or 'none beats seasonal naive; plan on seasonal naive'}")
            if args.by_slot:
                print("wMAPE (%) per time of day:")
                print(by_slot.round(1).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
