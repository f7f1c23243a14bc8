"""The interval history a forecast needs, built from what the team loaded, and the calendar's say.

:func:`interval_history` counts arrivals (contacts offered, tickets created, or an interval
report's ``offered``) and handle time per channel and interval on a complete grid of local
wall-clock intervals, with 0 where nothing arrived, so that every row of the input is in exactly
one interval. :func:`calendar_days` reads a charter calendar's public holidays and special days;
:func:`channel_forecast` puts the two together with :func:`cxkit.plan.forecast.forecast_arrivals`.

>>> import cxkit as cx
>>> h = interval_history(cx.sample_dir(), channel="phone", interval_min=30)
>>> int(h.arrivals.sum()), h.interval_start.dt.day_of_week.nunique()
(16039, 5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import holidays as holidays_lib
import numpy as np
import pandas as pd

from cxkit.charter.calendar import business_seconds_between, day_ranges
from cxkit.charter.model import Calendar, Charter
from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError, MissingTimeZoneError
from cxkit.plan.async_work import async_backlog_by_day
from cxkit.plan.forecast import (
    FORECAST_METHODS,
    accuracy_table,
    backtest,
    forecast_arrivals,
    forecast_handle_time,
    recommend_method,
    season_grid,
)

__all__ = [
    "async_backlog_forecast",
    "best_method",
    "calendar_days",
    "channel_backtest",
    "channel_forecast",
    "interval_history",
]

_OFFERED_OUTCOMES_EXCLUDED = ("self_service",)


def _local(ts: pd.Series, time_zone: str | None, what: str) -> pd.Series:
    """Wall-clock local time (naive) of tz-aware timestamps, in ``time_zone`` or their own zone."""
    if ts.dt.tz is None:
        if time_zone is None:
            raise MissingTimeZoneError(
                f"{what} has naive times; give time_zone= (an IANA name such as 'Europe/Helsinki')"
            )
        return ts
    return ts.dt.tz_convert(time_zone or ts.dt.tz).dt.tz_localize(None)


def _from_contacts(c: pd.DataFrame, channel: str, tz: str | None) -> pd.DataFrame:
    rows = c[(c["channel"] == channel) & ~c["outcome"].isin(_OFFERED_OUTCOMES_EXCLUDED)]
    answered = rows["outcome"].eq("answered")
    if "handle_s" in rows.columns:
        handle = rows["handle_s"].astype(float)
    else:
        parts = [p for p in ("talk_s", "hold_s", "acw_s") if p in rows.columns]
        handle = rows[parts].astype(float).sum(axis=1, min_count=1) if parts else np.nan
    return pd.DataFrame(
        {
            "time": _local(rows["arrival"], tz, "contacts.arrival"),
            "arrivals": 1.0,
            "handled": (answered & pd.Series(handle, index=rows.index).notna()).astype(float),
            "handle_sum_s": pd.Series(handle, index=rows.index).where(answered, 0.0).fillna(0.0),
        }
    )


def _from_tickets(t: pd.DataFrame, channel: str, tz: str | None) -> pd.DataFrame:
    rows = t[t["channel"] == channel]
    handle = rows["handle_s"].astype(float) if "handle_s" in rows.columns else None
    return pd.DataFrame(
        {
            "time": _local(rows["created"], tz, "tickets.created"),
            "arrivals": 1.0,
            "handled": 0.0 if handle is None else handle.notna().astype(float),
            "handle_sum_s": 0.0 if handle is None else handle.fillna(0.0),
        }
    )


def _from_intervals(
    iv: pd.DataFrame, channel: str, tz: str | None, interval_min: int
) -> pd.DataFrame:
    rows = iv[iv["queue"] == channel] if "queue" in iv.columns else iv
    length = (rows["interval_end"] - rows["interval_start"]).dt.total_seconds() / 60
    if len(rows) and (interval_min % length != 0).any():
        raise MissingDataError(
            f"the interval report has {sorted(set(length))}-minute intervals; they cannot be cut into "
            f"{interval_min}-minute ones: use interval_min={int(length.max())} or a multiple of it"
        )
    return pd.DataFrame(
        {
            "time": _local(rows["interval_start"], tz, "intervals.interval_start"),
            "arrivals": rows["offered"].astype(float),
            "handled": rows["answered"].astype(float) if "answered" in rows else 0.0,
            "handle_sum_s": rows["handle_sum_s"].astype(float) if "handle_sum_s" in rows else 0.0,
        }
    )


def _pick_source(tables: dict[str, pd.DataFrame], channel: str, source: str | None) -> str:
    if source is not None:
        if source not in tables:
            raise MissingDataError(
                f"source={source!r}: no such table loaded; have {sorted(tables)}"
            )
        return source
    for name in ("contacts", "tickets"):
        if name in tables and (tables[name]["channel"] == channel).any():
            return name
    iv = tables.get("intervals")
    if iv is not None and "queue" in iv.columns and (iv["queue"] == channel).any():
        return "intervals"
    raise MissingDataError(
        f"no contacts, tickets or interval report rows for channel {channel!r}; "
        "check the channel id or load its data"
    )


def _grid(events: pd.DataFrame, interval_min: int, trim: bool) -> pd.DataFrame:
    start = events["time"].dt.floor(f"{interval_min}min")
    counts = (
        events.assign(interval_start=start)
        .groupby("interval_start")[["arrivals", "handled", "handle_sum_s"]]
        .sum()
    )
    days = pd.date_range(start.min().normalize(), start.max().normalize(), freq="D")
    slots = pd.timedelta_range(0, periods=24 * 60 // interval_min, freq=f"{interval_min}min")
    if trim:  # weekdays and times of day on which nothing ever arrived are outside the grid
        busy = counts.index[counts["arrivals"] > 0]
        days = days[np.isin(days.day_of_week, np.unique(busy.day_of_week))]
        offsets = pd.TimedeltaIndex(busy - busy.normalize())
        slots = slots[(slots >= offsets.min()) & (slots <= offsets.max())]
    full = pd.DatetimeIndex([d + s for d in days for s in slots], name="interval_start")
    lost = counts.index.difference(full)
    if len(lost) and counts.loc[lost, "arrivals"].sum() > 0:  # pragma: no cover - trim keeps them
        raise MissingDataError(f"{len(lost)} intervals with arrivals fell outside the grid")
    out = counts.reindex(full, fill_value=0.0).reset_index()
    return out


def interval_history(
    data: Any,
    *,
    channel: str,
    interval_min: int = 30,
    time_zone: str | None = None,
    source: str | None = None,
    trim: bool = True,
    queue: str | None = None,
) -> pd.DataFrame:
    """Arrivals and handle time per interval of one channel, on a complete grid of intervals.

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded (anything :func:`cxkit.as_tables` takes).
    channel : str
        Channel id (for an interval report: its ``queue``).
    interval_min : int
        Interval length, minutes (15, 30, 60, or 1440 for days).
    time_zone : str or None
        Zone whose wall clock the intervals follow; by default the data's own zone.
    source : str or None
        ``contacts``, ``tickets`` or ``intervals``; by default the first of them that has the
        channel. Contacts count all offered (everything but ``self_service``) at ``arrival``;
        tickets count ``created``; an interval report counts ``offered``.
    trim : bool
        Leave out weekdays and times of day on which nothing ever arrived (a weekday-only
        line gets a 5-day week, its night is not forecast). Only empty intervals are left out.
    queue : str or None
        Only the contacts of this ``queue`` of the channel (contacts only).

    Returns
    -------
    pandas.DataFrame
        One row per interval: ``channel`` (and ``queue`` when given), ``interval_start`` (local wall-clock time, naive;
        the zone is in ``attrs["time_zone"]``), ``arrivals`` (contacts), ``handled`` (contacts
        with a handle time), ``handle_sum_s`` (their summed handle time, s), ``aht_s``
        (``handle_sum_s / handled``, s; NaN without handled contacts) and ``interval_min``.
        The sum of ``arrivals`` is every counted row of the input. ``attrs["empty_days"]``
        lists the days with no arrivals on a weekday that usually has 14 or more (closed, or a
        gap in the data): the forecasts leave them out of the fit.
    """
    if 1440 % interval_min:
        raise MissingDataError(f"interval_min={interval_min}: use a divisor of a day (15, 30, 60)")
    tables = as_tables(data)
    src = _pick_source(tables, channel, source)
    tz = time_zone
    if queue is not None:
        if src != "contacts" or "queue" not in tables[src].columns:
            raise MissingDataError(f"queue={queue!r} needs contacts with a 'queue' column")
        tables = {**tables, src: tables[src][tables[src]["queue"] == queue]}
    if src == "contacts":
        events = _from_contacts(tables[src], channel, tz)
    elif src == "tickets":
        events = _from_tickets(tables[src], channel, tz)
    else:
        events = _from_intervals(tables[src], channel, tz, interval_min)
    if events.empty:
        raise MissingDataError(f"{src} has no rows for channel {channel!r}")
    col = {"contacts": "arrival", "tickets": "created", "intervals": "interval_start"}[src]
    zone = time_zone or str(tables[src][col].dt.tz)
    out = _grid(events, interval_min, trim)
    out.insert(0, "channel", channel)
    if queue is not None:
        out.insert(1, "queue", queue)
    out["aht_s"] = out["handle_sum_s"] / out["handled"].where(out["handled"] > 0)
    out["interval_min"] = interval_min
    out.attrs["time_zone"] = zone
    out.attrs["source"] = src
    out.attrs["empty_days"] = _empty_days(out)
    return out


def _empty_days(hist: pd.DataFrame) -> list[dt.date]:
    """Days with no arrivals at all on a weekday that usually has 14 or more.

    Under Poisson arrivals a day expecting 14 brings none with probability below 1e-6: such a day
    was closed (a holiday the calendar may not know) or is a gap in the data, not a quiet day.
    """
    day = hist.groupby(hist["interval_start"].dt.date)["arrivals"].sum()
    weekday = pd.to_datetime(pd.Series(day.index)).dt.day_of_week.to_numpy()
    typical = day.groupby(weekday).transform("median").to_numpy()
    return [
        d
        for d, n, med in zip(day.index, day.to_numpy(), typical, strict=True)
        if n == 0 and med >= 14
    ]


def calendar_days(
    calendar: Calendar, first: dt.date, last: dt.date, *, arrivals_stop: bool = True
) -> tuple[list[dt.date], list[dt.date]]:
    """Closed and special dates of a charter calendar, for the forecast.

    Parameters
    ----------
    calendar : Calendar
        The channel's calendar (public holidays, special days).
    first, last : datetime.date
        Dates to look at (inclusive).
    arrivals_stop : bool
        True for a channel customers cannot reach while it is closed (phone, chat): a holiday or
        special closed day is closed. False for email and forms: arrivals go on, so such a day
        is special.

    Returns
    -------
    (list of datetime.date, list of datetime.date)
        Closed dates, and special dates (open with other hours, or holidays of an async
        channel). Weekdays that are closed every week are in neither.

    Examples
    --------
    >>> cal = Calendar(holidays={"country": "FI"}, hours={d: "08:00-16:00" for d in
    ...                ("mon", "tue", "wed", "thu", "fri")}, special_days={dt.date(2026, 12, 23): "08:00-12:00"})
    >>> calendar_days(cal, dt.date(2026, 12, 21), dt.date(2026, 12, 27))
    ([datetime.date(2026, 12, 24), datetime.date(2026, 12, 25)], [datetime.date(2026, 12, 23)])
    """
    years = list(range(first.year, last.year + 1))
    hol = (
        holidays_lib.country_holidays(
            calendar.holidays.country, subdiv=calendar.holidays.subdiv, years=years
        )
        if calendar.holidays
        else None
    )
    closed, special = [], []
    for d in pd.date_range(first, last, freq="D").date:
        usual = calendar.ranges(("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d.weekday()])
        today = day_ranges(calendar, d, hol)
        if today == usual:
            continue
        if not today and arrivals_stop:
            closed.append(d)
        else:
            special.append(d)
    return closed, special


def _open_mask(calendar: Calendar, starts: pd.Series, interval_min: float) -> np.ndarray:
    """Whether each local interval overlaps the calendar's opening hours."""
    hol = (
        holidays_lib.country_holidays(
            calendar.holidays.country,
            subdiv=calendar.holidays.subdiv,
            years=sorted(set(starts.dt.year)),
        )
        if calendar.holidays
        else None
    )
    out = np.zeros(len(starts), dtype=bool)
    for i, t in enumerate(pd.DatetimeIndex(starts)):
        end = t + pd.Timedelta(minutes=interval_min)
        for a, b in day_ranges(calendar, t.date(), hol):
            lo = pd.Timestamp(dt.datetime.combine(t.date(), a))
            hi = (
                pd.Timestamp(dt.datetime.combine(t.date(), b))
                if b
                else t.normalize() + pd.Timedelta(days=1)
            )
            out[i] |= bool(t < hi and end > lo)
    return out


def _channel_days(
    hist: pd.DataFrame, charter: Charter | None, channel: str, horizon_days: int
) -> tuple[Calendar | None, bool, list[dt.date], list[dt.date]]:
    """The channel's calendar, whether it is sync, and its closed (with the history's empty days)
    and special dates."""
    if charter is not None and channel not in charter.channels:
        raise MissingDataError(
            f"the charter has no channel {channel!r}; it has {sorted(charter.channels)}"
        )
    cal = charter.calendar_of(channel) if charter is not None else None
    sync = charter is None or charter.channels[channel].kind == "sync"
    empty = list(hist.attrs.get("empty_days", []))
    if cal is None:
        return None, sync, empty, []
    first = hist.interval_start.min().date()
    last = hist.interval_start.max().date() + dt.timedelta(days=horizon_days)
    closed, special = calendar_days(cal, first, last, arrivals_stop=sync)
    return cal, sync, sorted(set(closed) | set(empty)), [d for d in special if d not in empty]


def channel_backtest(
    data: Any,
    *,
    channel: str,
    charter: Charter | None = None,
    interval_min: int = 30,
    origins: int = 4,
    methods: Sequence[str] = FORECAST_METHODS,
    level: float = 80.0,
    time_zone: str | None = None,
    train_weeks: int | None = 8,
) -> pd.DataFrame:
    """Rolling-origin backtest of one channel's history, with its calendar's closed and special days.

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded.
    channel : str
        Channel id.
    charter : Charter or None
        Its channel's calendar: public holidays are closed days (sync channels) or special days
        (async), known in advance as they would be in planning.
    interval_min, time_zone
        As for :func:`interval_history`.
    origins, methods, level, train_weeks
        As for :func:`cxkit.plan.forecast.backtest`.

    Returns
    -------
    pandas.DataFrame
        What :func:`cxkit.plan.forecast.backtest` returns (score it with
        :func:`cxkit.plan.forecast.accuracy_table`).
    """
    hist = interval_history(data, channel=channel, interval_min=interval_min, time_zone=time_zone)
    _, _, closed, special = _channel_days(hist, charter, channel, 0)
    return backtest(
        hist.drop(columns="channel"),
        methods=methods,
        origins=origins,
        level=level,
        closed_dates=closed,
        special_dates=special,
        train_weeks=train_weeks,
    )


def best_method(
    data: Any,
    *,
    channel: str,
    charter: Charter | None = None,
    interval_min: int = 30,
    origins: int = 4,
    time_zone: str | None = None,
) -> tuple[str, pd.DataFrame]:
    """The method to plan on: the backtest's recommendation, else seasonal naive.

    Uses as many origins (up to ``origins``) as the history allows: each MSTL fit needs more than
    two weeks before its origin.

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded.
    channel : str
        Channel id.
    charter : Charter or None
        For the calendar's closed and special days.
    interval_min, time_zone
        As for :func:`interval_history`.
    origins : int
        Most origins to backtest.

    Returns
    -------
    (str, pandas.DataFrame)
        The method, and the :func:`cxkit.plan.forecast.accuracy_table` it was chosen from
        (empty when the history is too short for any backtest: then seasonal naive).
    """
    hist = interval_history(data, channel=channel, interval_min=interval_min, time_zone=time_zone)
    weeks = len(hist) // season_grid(hist.drop(columns="channel")).season_length
    n = min(origins, weeks - 3)
    if n < 1:
        return "seasonal_naive", pd.DataFrame()
    acc = accuracy_table(
        channel_backtest(
            data,
            channel=channel,
            charter=charter,
            interval_min=interval_min,
            origins=n,
            time_zone=time_zone,
        )
    )
    return recommend_method(acc) or "seasonal_naive", acc


def channel_forecast(
    data: Any,
    *,
    channel: str,
    charter: Charter | None = None,
    horizon_days: int = 7,
    interval_min: int = 30,
    method: str = "mstl_ets",
    level: float = 80.0,
    time_zone: str | None = None,
    train_weeks: int | None = 8,
) -> pd.DataFrame:
    """Next days of one channel from its own history: arrivals with an interval, and handle time.

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded.
    channel : str
        Channel id.
    charter : Charter or None
        Its channel's calendar gives closed days and special days (and, for a phone or chat
        channel, zero arrivals outside its opening hours).
    horizon_days, method, level, train_weeks
        As for :func:`cxkit.plan.forecast.forecast_arrivals`.
    interval_min, time_zone
        As for :func:`interval_history`.

    Returns
    -------
    pandas.DataFrame
        What :func:`cxkit.plan.forecast.forecast_arrivals` returns plus ``channel`` and
        ``aht_s`` (forecast average handle time, s, see
        :func:`cxkit.plan.forecast.forecast_handle_time`); ``attrs["history"]`` is the history.
    """
    hist = interval_history(data, channel=channel, interval_min=interval_min, time_zone=time_zone)
    cal, sync, closed, special = _channel_days(hist, charter, channel, horizon_days)
    f = forecast_arrivals(
        hist.drop(columns="channel"),
        horizon_days=horizon_days,
        method=method,
        level=level,
        closed_dates=closed,
        special_dates=special,
        train_weeks=train_weeks,
    )
    if cal is not None and sync:
        shut = ~_open_mask(cal, f["interval_start"], interval_min)
        f.loc[shut, ["arrivals", "arrivals_low", "arrivals_high"]] = 0.0
    f.insert(0, "channel", channel)
    f["aht_s"] = forecast_handle_time(hist, f["interval_start"])
    f.attrs["history"] = hist
    f.attrs["time_zone"] = hist.attrs["time_zone"]
    return f


def async_backlog_forecast(
    data: Any,
    *,
    channel: str,
    charter: Charter,
    agents: float,
    handle_s: float | None = None,
    within_h: float | None = None,
    horizon_days: int = 7,
    scenario: str = "mean",
    backlog_start: float = 0.0,
    method: str = "mstl_ets",
) -> pd.DataFrame:
    """The backlog day by day that next week's forecast leaves for an async team of ``agents``.

    Arrivals are forecast per hour (email arrives day and night, in a daily and weekly pattern);
    the team works the channel calendar's open hours, first in first out
    (:func:`cxkit.plan.async_work.async_backlog_by_day`).

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded.
    channel : str
        An async channel of ``charter`` with a calendar.
    charter : Charter
        Gives the opening hours the team works.
    agents : float
        Agents working the channel while it is open.
    handle_s : float or None
        Handle time per item, seconds; by default the forecast's mean ``aht_s``.
    within_h : float or None
        Response target, hours, for ``answered_within_pct``.
    horizon_days, method
        As for :func:`channel_forecast`.
    scenario : str
        ``mean`` (forecast mean) or ``high`` (every hour at the upper end of its 80 % interval:
        a pessimistic bound for a backlog, which sums the hours).
    backlog_start : float
        Items waiting when the week starts.

    Returns
    -------
    pandas.DataFrame
        What :func:`cxkit.plan.async_work.async_backlog_by_day` returns (one row per day:
        ``day``, ``weekday``, ``arrivals``, ``handled``, ``backlog_end`` (items),
        ``oldest_age_h`` (h), with ``within_h`` ``answered_within`` and ``answered_within_pct``
        (%)) plus ``scenario``.
    """
    cal = charter.calendar_of(channel)
    if cal is None:
        raise MissingDataError(
            f"channel {channel!r} has no calendar in the charter: the backlog needs its open hours"
        )
    col = {"mean": "arrivals", "high": "arrivals_high"}.get(scenario)
    if col is None:
        raise ValueError(f"scenario {scenario!r}: use 'mean' or 'high'")
    f = channel_forecast(
        data,
        channel=channel,
        charter=charter,
        horizon_days=horizon_days,
        interval_min=60,
        method=method,
    )
    start = f["interval_start"].dt.tz_localize(
        cal.time_zone, nonexistent="shift_forward", ambiguous=False
    )
    open_h = business_seconds_between(start, start + pd.Timedelta(hours=1), cal) / 3600
    iv = pd.DataFrame(
        {"interval_start": start, "arrivals": f[col].to_numpy(), "open_h": open_h.to_numpy()}
    )
    h = float(np.nanmean(f["aht_s"])) if handle_s is None else handle_s
    out = async_backlog_by_day(
        iv, agents=agents, handle_s=h, within_h=within_h, backlog_start=backlog_start
    )
    out.insert(0, "scenario", scenario)
    return out
