"""From rows to figures: periods, and counts summed per group so that every ratio is exact.

A month's service level is the ratio of its days' summed counts, never an average of daily
percentages; means are sums over counts; intervals come from the counts (Wilson), the values (t)
or the NPS standard error. Rates come out in **percent** (0-100).

>>> import pandas as pd
>>> from cxkit.measure.engine import Rows
>>> f = pd.DataFrame({"g": ["a", "a", "b"], "num": [1, 0, 1], "den": [1, 1, 1]})
>>> aggregate(Rows(f, "ratio", "contacts"), ["g"])[["g", "numerator", "denominator", "value"]].values.tolist()
[['a', 1, 2, 50.0], ['b', 1, 1, 100.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxkit.measure.engine import Rows
from cxkit.stats import nps_interval, quantile_interval, t_interval, wilson

__all__ = ["PERIODS", "add_period", "aggregate", "from_counts", "grouped"]

#: The periods a target or a grouping can use.
PERIODS = ("interval", "day", "week", "month", "quarter")


def add_period(
    df: pd.DataFrame, period: str, *, time_col: str, interval_min: int = 30, tz: str | None = None
) -> pd.DataFrame:
    """Add ``period_start`` and ``period_end`` (local time of ``tz`` or the data's own zone)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    t = df[time_col]
    if tz is not None:
        t = t.dt.tz_convert(tz)
    out = df.copy()
    if period == "interval":
        start = t.dt.floor(f"{interval_min}min", ambiguous="NaT", nonexistent="shift_forward")
        end = start + pd.Timedelta(minutes=interval_min)
    else:
        # a year has a few hundred periods: find each row's naive local period start, then localise and
        # step each distinct start once instead of every row
        local = t.dt.tz_localize(None)
        day = local.dt.normalize()
        if period == "day":
            s = day
        elif period == "week":
            s = day - pd.to_timedelta(local.dt.day_of_week, unit="D")
        elif period == "month":
            s = day - pd.to_timedelta(local.dt.day - 1, unit="D")
        else:
            s = pd.to_datetime(local.dt.to_period("Q").dt.start_time)
        codes, uniq = pd.factorize(s)
        us = pd.DatetimeIndex(uniq)
        step = {
            "day": pd.Timedelta(days=1),
            "week": pd.Timedelta(days=7),
            "month": pd.offsets.MonthBegin(1),
            "quarter": pd.offsets.QuarterBegin(1, startingMonth=1),
        }[period]
        ue = us + step
        zone = t.dt.tz
        ustart = us.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
        uend = ue.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
        start = pd.Series(ustart.take(codes, allow_fill=True, fill_value=pd.NaT), index=df.index)
        end = pd.Series(uend.take(codes, allow_fill=True, fill_value=pd.NaT), index=df.index)
    out["period_start"] = start
    out["period_end"] = end
    return out


def _groups(f: pd.DataFrame, by: list[str]) -> Any:
    return f.groupby(by, sort=True, dropna=False, observed=True)


def _ratio(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    g = _groups(f, by).agg(numerator=("num", "sum"), denominator=("den", "sum"))
    return _ratio_of(g)


def _ratio_of(g: pd.DataFrame) -> pd.DataFrame:
    g["n"] = g.denominator
    g["value"] = 100 * g.numerator / g.denominator.where(g.denominator > 0)
    lo, hi = wilson(g.numerator.to_numpy(), g.denominator.to_numpy())
    g["ci_low"], g["ci_high"] = 100 * lo, 100 * hi
    return g


def _sum_ratio(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    """A mean from an interval report's sums: sum / count (no interval without the values)."""
    g = _groups(f, by).agg(numerator=("num", "sum"), denominator=("den", "sum"))
    return _sum_ratio_of(g)


def _sum_ratio_of(g: pd.DataFrame) -> pd.DataFrame:
    g["value"] = g.numerator / g.denominator.where(g.denominator > 0)
    g["n"] = g.denominator
    g["ci_low"] = g["ci_high"] = np.nan
    return g


def _mean(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    v = f.assign(sq=f["value"].astype(float) ** 2)
    g = _groups(v, by).agg(total=("value", "sum"), total_sq=("sq", "sum"), n=("value", "count"))
    return _mean_of(g)


def _mean_of(g: pd.DataFrame) -> pd.DataFrame:
    g["value"] = g.total / g.n.where(g.n > 0)
    g["ci_low"], g["ci_high"] = t_interval(
        g.total.to_numpy(), g.total_sq.to_numpy(), g.n.to_numpy()
    )
    g["numerator"], g["denominator"] = g.total, g.n
    return g.drop(columns=["total", "total_sq"])


def _order_statistic(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    v = _groups(f, by)["value"]
    g = pd.DataFrame(
        {"value": v.quantile(rows.q) if rows.kind == "quantile" else v.max(), "n": v.count()}
    )
    g["numerator"] = g["denominator"] = g["ci_low"] = g["ci_high"] = np.nan
    if rows.kind == "quantile":  # order statistics bracket a quantile; a maximum has no interval
        bounds = v.apply(lambda s: quantile_interval(s.to_numpy(), float(rows.q or 0.5)))
        g["ci_low"] = [b[0] for b in bounds]
        g["ci_high"] = [b[1] for b in bounds]
    return g


def _count(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    g = _groups(f, by).agg(value=("value", "sum"))
    return _count_of(g)


def _count_of(g: pd.DataFrame) -> pd.DataFrame:
    g["n"] = g["value"]
    g["numerator"] = g["denominator"] = g["ci_low"] = g["ci_high"] = np.nan
    return g


def _nps(f: pd.DataFrame, by: list[str], rows: Rows) -> pd.DataFrame:
    v = f.assign(p=(f["value"] >= 9).astype(int), d=(f["value"] <= 6).astype(int))
    g = _groups(v, by).agg(promoters=("p", "sum"), detractors=("d", "sum"), n=("value", "count"))
    return _nps_of(g)


def _nps_of(g: pd.DataFrame) -> pd.DataFrame:
    p, d = g.promoters / g.n, g.detractors / g.n
    g["value"] = 100 * (p - d)
    lo, hi = nps_interval(p.to_numpy(), d.to_numpy(), g.n.to_numpy())
    g["ci_low"], g["ci_high"] = 100 * lo, 100 * hi
    g["numerator"], g["denominator"] = g.promoters - g.detractors, g.n
    return g.drop(columns=["promoters", "detractors"])


#: How each kind of rows becomes one figure per group.
_AGGREGATORS: dict[str, Callable[[pd.DataFrame, list[str], Rows], pd.DataFrame]] = {
    "ratio": _ratio,
    "sum_ratio": _sum_ratio,
    "mean": _mean,
    "quantile": _order_statistic,
    "max": _order_statistic,
    "count": _count,
    "nps": _nps,
}


#: How summed counts become one figure per group (the second half of each aggregator).
_FROM_COUNTS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "ratio": _ratio_of,
    "sum_ratio": _sum_ratio_of,
    "mean": _mean_of,
    "count": _count_of,
    "nps": _nps_of,
}


def from_counts(kind: str, counts: pd.DataFrame) -> pd.DataFrame:
    """The figures of :func:`aggregate` from counts already summed per group (by a SQL engine).

    Parameters
    ----------
    kind : str
        ``ratio`` and ``sum_ratio`` (columns ``numerator``, ``denominator``), ``mean`` (``total``,
        ``total_sq``, ``n``), ``count`` (``value``) or ``nps`` (``promoters``, ``detractors``, ``n``).
    counts : pandas.DataFrame
        One row per group with those columns (and any key columns, kept).

    Returns
    -------
    pandas.DataFrame
        A new frame with the columns of :func:`aggregate`: ``n``, ``numerator``, ``denominator``,
        ``value`` (percent for ratios), ``ci_low``, ``ci_high``, computed with the same formulas.

    >>> from_counts("ratio", pd.DataFrame({"numerator": [1], "denominator": [4]}))["value"].tolist()
    [25.0]
    """
    if kind not in _FROM_COUNTS:
        raise ValueError(f"from_counts cannot handle {kind!r}; use one of {sorted(_FROM_COUNTS)}")
    return _FROM_COUNTS[kind](counts.copy())


def aggregate(rows: Rows, by: Sequence[str]) -> pd.DataFrame:
    """Sum the rows' counts (or collect values) per group.

    Parameters
    ----------
    rows : Rows
        Per-row inputs from :func:`cxkit.measure.engine.metric_rows`.
    by : sequence of str
        Columns of ``rows.frame`` to group by.

    Returns
    -------
    pandas.DataFrame
        ``by`` plus ``n`` (observations), ``numerator`` and ``denominator`` (summed counts of ratios;
        sum and count of means; promoters - detractors and responses for NPS), ``value`` in the
        metric's unit (**percent** 0-100 for ratios and coverage, seconds / hours / score for means,
        NPS points) and ``ci_low``, ``ci_high`` (95 %: Wilson for ratios, t for means, the NPS standard
        error; NaN for quantiles, maxima and counts, which have no interval from counts).
    """
    if rows.kind == "coverage":
        raise ValueError(
            "evaluation_coverage needs the plan per agent and period (agents who handled contacts); "
            "compute it with cx.check on a charter target"
        )
    if rows.kind not in _AGGREGATORS:
        raise ValueError(f"aggregate cannot handle {rows.kind!r} rows")
    return _AGGREGATORS[rows.kind](rows.frame, list(by), rows).reset_index()


def grouped(rows: Rows, by: Sequence[str], *, interval_min: int = 30) -> pd.DataFrame:
    """:func:`aggregate` grouped by columns and at most one period (``interval``, ``day``, ``week``,
    ``month``, ``quarter``), which becomes ``period_start``."""
    periods = [b for b in by if b in PERIODS]
    if len(periods) > 1:
        raise ValueError(f"group by one period at a time, not {periods}")
    f = rows.frame
    keys = [b for b in by if b not in PERIODS]
    if periods:
        f = add_period(f, periods[0], time_col="time", interval_min=interval_min)
        keys = ["period_start", *keys]
    if not keys:  # the whole span as one group
        return aggregate(rows.replace(f.assign(_all=1)), ["_all"]).drop(columns="_all")
    return aggregate(rows.replace(f), keys)
