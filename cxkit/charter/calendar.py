"""Business hours: open seconds between two moments under a channel calendar, vectorised.

The calendar's opening ranges are laid out once as UTC intervals with a running total of open
seconds; the open time before any moment is then a binary search plus arithmetic, so millions of
(start, end) pairs take one ``searchsorted`` each. Weekly hours, public holidays from
``holidays``, special days and DST changes are all in the layout.

>>> from cxkit.charter.model import Calendar
>>> cal = Calendar(time_zone="Europe/Helsinki", holidays={"country": "FI"},
...                hours={d: "08:00-16:00" for d in ("mon", "tue", "wed", "thu", "fri")})
>>> s = pd.Series(pd.to_datetime(["2027-12-03 15:00", "2027-12-03 15:00"]).tz_localize("Europe/Helsinki"))
>>> e = pd.Series(pd.to_datetime(["2027-12-06 09:00", "2027-12-07 09:00"]).tz_localize("Europe/Helsinki"))
>>> (business_seconds_between(s, e, cal) / 3600).tolist()  # Fri 15-16; Mon 6.12.2027 is Independence Day
[1.0, 2.0]
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays as holidays_lib
import numpy as np
import pandas as pd

from cxkit.charter.model import WEEKDAYS, Calendar, parse_ranges

__all__ = ["business_seconds_between", "day_ranges", "open_intervals"]


def day_ranges(
    cal: Calendar, day: dt.date, hol: holidays_lib.HolidayBase | None
) -> list[tuple[dt.time, dt.time | None]]:
    """Opening ranges of one local date.

    Parameters
    ----------
    cal : Calendar
        The channel's calendar.
    day : datetime.date
        A date in the calendar's time zone.
    hol : holidays.HolidayBase or None
        The public holidays in force (None: no holidays).

    Returns
    -------
    list of (datetime.time, datetime.time or None)
        The special day's ranges if it is one, else none on a public holiday, else the weekday's;
        an end of None is midnight.
    """
    if day in cal.special_days:
        return parse_ranges(cal.special_days[day])
    if hol is not None and day in hol:
        return []
    return cal.ranges(WEEKDAYS[day.weekday()])


def open_intervals(cal: Calendar, first: dt.date, last: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Every opening range of the local dates ``first..last``, in UTC.

    Parameters
    ----------
    cal : Calendar
        The channel's calendar; its public holidays are looked up for the years spanned.
    first, last : datetime.date
        The first and last local date (inclusive).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Start and end of each range as int64 UTC nanoseconds, in time order. Opening hours in a
        DST gap start when the clock resumes; hours repeated when clocks go back count once.
    """
    years = list(range(first.year, last.year + 1))
    hol = (
        holidays_lib.country_holidays(cal.holidays.country, subdiv=cal.holidays.subdiv, years=years)
        if cal.holidays
        else None
    )
    starts: list[pd.Timestamp] = []
    ends: list[pd.Timestamp] = []
    day = first
    while day <= last:
        for a, b in day_ranges(cal, day, hol):
            starts.append(pd.Timestamp(dt.datetime.combine(day, a)))
            ends.append(
                pd.Timestamp(
                    dt.datetime.combine(
                        day + dt.timedelta(days=1) if b is None else day, b or dt.time(0)
                    )
                )
            )
        day += dt.timedelta(days=1)
    if not starts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    # opening hours that fall in a DST gap start when the clock resumes; repeated hours count once
    s = pd.DatetimeIndex(starts).tz_localize(
        cal.time_zone, nonexistent="shift_forward", ambiguous=True
    )
    e = pd.DatetimeIndex(ends).tz_localize(
        cal.time_zone, nonexistent="shift_forward", ambiguous=False
    )
    return s.tz_convert("UTC").as_unit("ns").asi8, e.tz_convert("UTC").as_unit("ns").asi8


@lru_cache(maxsize=32)
def _layout(
    cal_json: str, first: dt.date, last: dt.date
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cal = Calendar.model_validate_json(cal_json)
    s, e = open_intervals(cal, first, last)
    cum = np.concatenate([[0], np.cumsum(e - s)[:-1]]) if len(s) else np.empty(0, dtype=np.int64)
    return s, e, cum


def _open_before(t: np.ndarray, s: np.ndarray, e: np.ndarray, cum: np.ndarray) -> np.ndarray:
    k = np.searchsorted(s, t, side="right") - 1
    kc = np.clip(k, 0, None)
    inside = np.clip(t - s[kc], 0, e[kc] - s[kc])
    return np.where(k >= 0, cum[kc] + inside, 0)


def business_seconds_between(start: pd.Series, end: pd.Series, calendar: Calendar) -> pd.Series:
    """Open seconds of ``calendar`` between ``start`` and ``end``, row by row.

    Parameters
    ----------
    start, end : pandas.Series
        Time-zone-aware moments, aligned row by row.
    calendar : Calendar
        The opening hours, public holidays and special days to count.

    Returns
    -------
    pandas.Series
        Float seconds of business time with the index of ``start``: NaN where either end is
        missing, negative where ``end`` is before ``start`` (the caller decides whether that is
        an error).

    Raises
    ------
    ValueError
        When ``start`` or ``end`` is not time-zone-aware.
    """
    st = pd.to_datetime(start)
    en = pd.to_datetime(end)
    if st.dt.tz is None or en.dt.tz is None:
        raise ValueError(
            "business_seconds_between needs time-zone-aware times; load data with cxkit.data.loader"
        )
    both = st.notna() & en.notna()
    out = pd.Series(np.nan, index=start.index)
    if not both.any():
        return out
    s_utc = st[both].dt.tz_convert("UTC").dt.as_unit("ns")
    e_utc = en[both].dt.tz_convert("UTC").dt.as_unit("ns")
    lo = min(s_utc.min(), e_utc.min()).tz_convert(calendar.time_zone).date() - dt.timedelta(days=1)
    hi = max(s_utc.max(), e_utc.max()).tz_convert(calendar.time_zone).date() + dt.timedelta(days=1)
    s, e, cum = _layout(calendar.model_dump_json(), lo, hi)
    if len(s) == 0:
        out[both] = 0.0
        return out
    a = pd.DatetimeIndex(s_utc).asi8
    b = pd.DatetimeIndex(e_utc).asi8
    out[both] = (_open_before(b, s, e, cum) - _open_before(a, s, e, cum)) / 1e9
    return out
