"""business_seconds_between against hand-computed cases and a slow minute-by-minute reference."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Calendar

TZ = "Europe/Helsinki"
CAL = Calendar(
    time_zone=TZ,
    holidays={"country": "FI"},
    hours={
        "mon": "08:00-16:00",
        "tue": "08:00-16:00",
        "wed": "08:00-12:00, 13:00-17:00",
        "thu": "08:00-16:00",
        "fri": "08:00-16:00",
        "sat": "10:00-14:00",
    },
    special_days={dt.date(2026, 12, 24): "closed", dt.date(2026, 12, 31): "08:00-12:00"},
)


def _ts(*values):
    return pd.Series(pd.to_datetime(list(values)).tz_localize(TZ))


@pytest.mark.parametrize(
    "start,end,hours",
    [
        ("2026-03-02 07:00", "2026-03-02 09:30", 1.5),  # before opening
        ("2026-03-04 11:00", "2026-03-04 14:00", 2.0),  # lunch gap on Wednesday
        (
            "2026-03-06 15:00",
            "2026-03-09 09:00",
            1 + 4 + 1,
        ),  # Fri 1 h, Sat 4 h, Sun closed, Mon 1 h
        (
            "2026-04-02 12:00",
            "2026-04-07 10:00",
            4 + 4 + 2,
        ),  # Thu 12-16; Good Friday shut; Sat 4 h; Easter Mon shut; Tue 8-10
        (
            "2026-12-23 15:00",
            "2026-12-28 09:00",
            2 + 1,
        ),  # Wed 15-17; 24th special closed; 25th, Sat 26th holidays; Mon 8-9
        ("2026-12-31 07:00", "2026-12-31 18:00", 4.0),  # special short day
        ("2026-03-02 10:00", "2026-03-02 10:00", 0.0),
    ],
)
def test_hand_computed(start, end, hours):
    got = business_seconds_between(_ts(start), _ts(end), CAL).iloc[0] / 3600
    assert got == pytest.approx(hours)


def test_dst_days_have_real_length():
    night = Calendar(time_zone=TZ, hours={d: "00:00-24:00" for d in ("sat", "sun", "mon")})
    spring = business_seconds_between(_ts("2026-03-29 00:00"), _ts("2026-03-30 00:00"), night).iloc[
        0
    ]
    autumn = business_seconds_between(_ts("2026-10-25 00:00"), _ts("2026-10-26 00:00"), night).iloc[
        0
    ]
    assert spring == 23 * 3600 and autumn == 25 * 3600


def test_missing_and_reversed():
    s = _ts("2026-03-02 09:00", "2026-03-02 12:00")
    e = pd.Series([pd.NaT, pd.Timestamp("2026-03-02 10:00", tz=TZ)])
    out = business_seconds_between(s, e, CAL)
    assert np.isnan(out.iloc[0]) and out.iloc[1] == -2 * 3600


def test_naive_times_refused():
    with pytest.raises(ValueError, match="time-zone-aware"):
        business_seconds_between(
            pd.Series(pd.to_datetime(["2026-03-02"])),
            pd.Series(pd.to_datetime(["2026-03-03"])),
            CAL,
        )


def _slow(start: dt.datetime, end: dt.datetime) -> float:
    """Count open minutes one by one in local time (inputs on whole minutes)."""
    tz = ZoneInfo(TZ)
    fi = holidays.country_holidays("FI", years=range(start.year, end.year + 1))
    t = start.astimezone(dt.UTC)
    stop = end.astimezone(dt.UTC)
    total = 0
    while t < stop:
        local = t.astimezone(tz)
        day = local.date()
        if day in CAL.special_days:
            ranges = CAL.special_days[day]
            spec = "" if ranges == "closed" else ranges
        elif day in fi:
            spec = ""
        else:
            spec = CAL.hours.get(
                ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()], ""
            )
        minute = local.hour * 60 + local.minute
        for part in [p.strip() for p in str(spec).split(",") if p.strip()]:
            a, b = part.split("-")
            lo = int(a[:2]) * 60 + int(a[3:])
            hi = int(b[:2]) * 60 + int(b[3:])
            if lo <= minute < hi:
                total += 60
        t += dt.timedelta(minutes=1)
    return float(total)


@settings(max_examples=25, deadline=None)
@given(start_min=st.integers(0, 60 * 24 * 300), span_min=st.integers(0, 60 * 24 * 45))
def test_matches_slow_reference(start_min, span_min):
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    s = base + dt.timedelta(minutes=start_min)
    e = s + dt.timedelta(minutes=span_min)
    got = business_seconds_between(
        pd.Series([pd.Timestamp(s).tz_convert(TZ)]),
        pd.Series([pd.Timestamp(e).tz_convert(TZ)]),
        CAL,
    ).iloc[0]
    assert got == _slow(s, e)


def test_vectorised_over_many_rows():
    rng = np.random.default_rng(0)
    n = 200_000
    s = pd.Series(
        pd.Timestamp("2026-01-01", tz=TZ)
        + pd.to_timedelta(rng.uniform(0, 300 * 86400, n), unit="s")
    )
    e = s + pd.to_timedelta(rng.exponential(2 * 86400, n), unit="s")
    out = business_seconds_between(s, e, CAL)
    assert (out >= 0).all() and (out <= (e - s).dt.total_seconds() + 1e-6).all()
