"""Asynchronous work (email, web forms, back office): agent hours for a response target, and the
backlog a given staffing leaves over the week.

>>> async_required_agents(arrivals=400, backlog=100, handle_s=360, open_hours_in_window=8)
6.25
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pandas as pd

__all__ = ["async_backlog", "async_backlog_by_day", "async_required_agents"]


def async_required_agents(
    *, arrivals: float, backlog: float, handle_s: float, open_hours_in_window: float
) -> float:
    """Agents needed on average over the open hours of the target window.

    Agent hours = (arrivals + backlog that must close within the window) x handle time, spread
    over the open hours in the window.

    Parameters
    ----------
    arrivals : float
        Items arriving in the window.
    backlog : float
        Items already waiting that must close within the window.
    handle_s : float
        Handle time per item, seconds.
    open_hours_in_window : float
        Hours the team works in the window, e.g. the sum of ``open_h`` over its intervals.

    Returns
    -------
    float
        Agents on average in the open hours (round up to plan).
    """
    if open_hours_in_window <= 0:
        raise ValueError("the target window has no open hours: widen it or check the calendar")
    return (arrivals + backlog) * handle_s / 3600 / open_hours_in_window


def _work_interval(
    cohorts: deque[list[float | pd.Timestamp]],
    cap: float,
    end: pd.Timestamp,
    within: pd.Timedelta | None,
) -> tuple[float, float]:
    """Close up to ``cap`` items oldest first; items closed and items closed within the target."""
    done = 0.0
    ok = 0.0
    while cap > 1e-12 and cohorts:
        created, n = cohorts[0]
        take = min(cap, float(n))
        cap -= take
        done += take
        if within is not None and (end - created) <= within:
            ok += take
        if take >= float(n) - 1e-12:
            cohorts.popleft()
        else:
            cohorts[0][1] = float(n) - take
    return done, ok


def async_backlog(
    intervals: pd.DataFrame,
    *,
    handle_s: float,
    backlog_start: float = 0.0,
    within_h: float | None = None,
) -> pd.DataFrame:
    """Backlog over time for a given staffing, first in first out.

    Each agent closes ``interval seconds / handle_s`` items per interval; items are served oldest
    first (an interval's arrivals count as arriving at its middle).

    Parameters
    ----------
    intervals : pandas.DataFrame
        Equally long intervals with ``interval_start`` (timestamps), ``arrivals`` (items) and
        ``agents`` (agents working the channel in the interval; 0 when closed, fractions for
        part of the interval).
    handle_s : float
        Handle time per item, seconds.
    backlog_start : float
        Items waiting before the first interval.
    within_h : float or None
        Response target, hours, for ``answered_within`` and ``answered_within_pct``.

    Returns
    -------
    pandas.DataFrame
        The input sorted by ``interval_start`` plus ``handled`` (items closed in the interval),
        ``backlog_end`` (items waiting at its end), ``oldest_age_h`` (age of the oldest waiting
        item at its end, calendar hours) and, with ``within_h``, ``answered_within`` (items
        closed within the target) and ``answered_within_pct`` (% of ``handled``).

    Examples
    --------
    >>> iv = pd.DataFrame({"interval_start": pd.date_range("2026-03-02 08:00", periods=3, freq="h"),
    ...                    "arrivals": [10, 10, 0], "agents": [0, 1, 1]})
    >>> async_backlog(iv, handle_s=360)[["handled", "backlog_end"]].values.tolist()
    [[0.0, 10.0], [10.0, 10.0], [10.0, 0.0]]
    """
    iv = intervals.sort_values("interval_start").reset_index(drop=True).copy()
    starts = pd.DatetimeIndex(iv["interval_start"])
    if len(starts) < 2:
        raise ValueError("async_backlog needs at least two intervals to know their length")
    step = starts[1] - starts[0]
    ends = starts + step
    within = None if within_h is None else pd.Timedelta(hours=within_h)
    cohorts: deque[list[float | pd.Timestamp]] = deque()
    if backlog_start > 0:
        cohorts.append([starts[0], float(backlog_start)])
    handled, backlog, oldest, ok_n, ok_pct = [], [], [], [], []
    for i in range(len(iv)):
        if iv.at[i, "arrivals"] > 0:
            cohorts.append([starts[i] + step / 2, float(iv.at[i, "arrivals"])])
        cap = float(iv.at[i, "agents"]) * step.total_seconds() / handle_s
        done, ok = _work_interval(cohorts, cap, ends[i], within)
        handled.append(done)
        backlog.append(sum(float(c[1]) for c in cohorts))
        oldest.append((ends[i] - cohorts[0][0]).total_seconds() / 3600 if cohorts else 0.0)
        ok_n.append(ok)
        ok_pct.append(100 * ok / done if done > 0 else np.nan)
    iv["handled"] = handled
    iv["backlog_end"] = backlog
    iv["oldest_age_h"] = oldest
    if within_h is not None:
        iv["answered_within"] = ok_n
        iv["answered_within_pct"] = ok_pct
    return iv


def async_backlog_by_day(
    intervals: pd.DataFrame,
    *,
    agents: float,
    handle_s: float,
    within_h: float | None = None,
    backlog_start: float = 0.0,
) -> pd.DataFrame:
    """The backlog day by day when ``agents`` work the channel in its open hours.

    Parameters
    ----------
    intervals : pandas.DataFrame
        Equally long intervals with ``interval_start`` (timestamps, local time), ``arrivals``
        (items) and ``open_h`` (hours the team works in the interval: the interval length when
        open, 0 when closed). A charter's calendar gives ``open_h`` with
        ``cx.business_seconds_between(start, end, calendar) / 3600``.
    agents : float
        Agents working the channel while it is open.
    handle_s : float
        Handle time per item, seconds.
    within_h : float or None
        Response target, hours, for ``answered_within_pct``.
    backlog_start : float
        Items waiting before the first interval.

    Returns
    -------
    pandas.DataFrame
        One row per day: ``day`` (date), ``weekday`` (its English name), ``arrivals`` and
        ``handled`` (items), ``backlog_end`` (items waiting at the day's end), ``oldest_age_h``
        (the day's largest age of the oldest waiting item, h) and, with ``within_h``,
        ``answered_within`` (items) and ``answered_within_pct`` (% of ``handled``).

    Examples
    --------
    >>> iv = pd.DataFrame({"interval_start": pd.date_range("2026-03-02", periods=48, freq="h"),
    ...                    "arrivals": 2.0})
    >>> iv["open_h"] = iv.interval_start.dt.hour.between(8, 15).astype(float)
    >>> async_backlog_by_day(iv, agents=1, handle_s=900)[["weekday", "handled", "backlog_end"]]
         weekday  handled  backlog_end
    0     Monday     32.0         16.0
    1    Tuesday     32.0         32.0
    """
    missing = [c for c in ("interval_start", "arrivals", "open_h") if c not in intervals.columns]
    if missing:
        raise KeyError(
            f"async_backlog_by_day needs columns {missing}; it has {list(intervals.columns)}"
        )
    starts = pd.DatetimeIndex(intervals["interval_start"].sort_values())
    step_h = (starts[1] - starts[0]).total_seconds() / 3600 if len(starts) > 1 else 1.0
    plan = intervals.assign(agents=agents * intervals["open_h"] / step_h)
    out = async_backlog(plan, handle_s=handle_s, backlog_start=backlog_start, within_h=within_h)
    agg = {
        "arrivals": ("arrivals", "sum"),
        "handled": ("handled", "sum"),
        "backlog_end": ("backlog_end", "last"),
        "oldest_age_h": ("oldest_age_h", "max"),
    }
    if within_h is not None:
        agg["answered_within"] = ("answered_within", "sum")
    days = out.groupby(out.interval_start.dt.date).agg(**agg).rename_axis("day").reset_index()
    days.insert(1, "weekday", pd.to_datetime(days["day"]).dt.day_name())
    if within_h is not None:
        days["answered_within_pct"] = (
            100 * days.answered_within / days.handled.where(days.handled > 0)
        )
    return days
