"""Asynchronous work (email, web forms, back office): agent hours for a response target, and the
backlog a given staffing leaves over the week.

>>> async_required_agents(arrivals=400, backlog=100, handle_s=360, open_hours_in_window=8)
6.25
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pandas as pd


def async_required_agents(
    *, arrivals: float, backlog: float, handle_s: float, open_hours_in_window: float
) -> float:
    """Agents needed on average over the open hours of the target window.

    Agent hours = (arrivals + backlog that must close within the window) x handle time; spread
    over the open hours in the window.
    """
    if open_hours_in_window <= 0:
        raise ValueError("the target window has no open hours: widen it or check the calendar")
    return (arrivals + backlog) * handle_s / 3600 / open_hours_in_window


def async_backlog(
    intervals: pd.DataFrame,
    *,
    handle_s: float,
    backlog_start: float = 0.0,
    within_h: float | None = None,
) -> pd.DataFrame:
    """Backlog over time for a given staffing, first in first out.

    ``intervals`` has ``interval_start`` (timestamps), ``arrivals`` and ``agents`` (agents working the
    channel in that interval; 0 when closed). Each agent closes ``interval seconds / handle_s`` items
    per interval; items are served oldest first. Returns the input plus ``handled, backlog_end,
    oldest_age_h`` (age at the interval's end of the oldest open item, calendar hours) and, with
    ``within_h``, ``answered_within_pct`` of the items answered in that interval.

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
    cohorts: deque[list[float | pd.Timestamp]] = deque()
    if backlog_start > 0:
        cohorts.append([starts[0], float(backlog_start)])
    handled, backlog, oldest, within = [], [], [], []
    for i in range(len(iv)):
        mid = starts[i] + step / 2
        if iv.at[i, "arrivals"] > 0:
            cohorts.append([mid, float(iv.at[i, "arrivals"])])
        cap = float(iv.at[i, "agents"]) * step.total_seconds() / handle_s
        done = 0.0
        ok = 0.0
        while cap > 1e-12 and cohorts:
            created, n = cohorts[0]
            take = min(cap, float(n))
            cap -= take
            done += take
            if within_h is not None and (ends[i] - created) <= pd.Timedelta(hours=within_h):
                ok += take
            if take >= float(n) - 1e-12:
                cohorts.popleft()
            else:
                cohorts[0][1] = float(n) - take
        handled.append(done)
        remaining = sum(float(c[1]) for c in cohorts)
        backlog.append(remaining)
        oldest.append((ends[i] - cohorts[0][0]).total_seconds() / 3600 if cohorts else 0.0)
        within.append(100 * ok / done if done > 0 else np.nan)
    iv["handled"] = handled
    iv["backlog_end"] = backlog
    iv["oldest_age_h"] = oldest
    if within_h is not None:
        iv["answered_within_pct"] = within
    return iv
