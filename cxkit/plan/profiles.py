"""Expected contact arrivals per interval: daily volume x weekday x intraday shape x holidays.

This is the forecast the staffing notebook plans for, and the arrival rate the sample contact
centre draws from. Shapes follow what contact centres see: a Monday peak, a double intraday peak
for phone (mid-morning and early afternoon), email arriving around the clock, social in the evening.

>>> p = arrival_profile("phone", start="2026-03-02", days=7)  # March: month factor 1.05
>>> p.groupby(p.interval_start.dt.day_of_week).expected.sum().round().astype(int).tolist()
[3938, 3308, 3150, 2992, 2472, 0, 0]
"""

from __future__ import annotations

import holidays as holidays_lib
import numpy as np
import pandas as pd

__all__ = ["DAILY_VOLUME", "MONTH_FACTOR", "OPEN_HOURS", "WEEKDAY_FACTOR", "arrival_profile"]

#: Weekday volume of a mid-size Finnish contact centre, contacts per average weekday.
DAILY_VOLUME: dict[str, float] = {
    "phone": 3000,
    "email": 900,
    "chat": 700,
    "social": 120,
    "web_form": 300,
}
#: Weekday factors Mon..Sun.
WEEKDAY_FACTOR: dict[str, tuple[float, ...]] = {
    "phone": (1.25, 1.05, 1.0, 0.95, 0.85, 0.0, 0.0),
    "chat": (1.2, 1.05, 1.0, 0.95, 0.9, 0.35, 0.0),
    "email": (1.3, 1.05, 1.0, 0.95, 0.85, 0.35, 0.3),
    "social": (1.1, 1.0, 1.0, 1.0, 1.0, 0.8, 0.8),
    "web_form": (1.3, 1.05, 1.0, 0.95, 0.85, 0.35, 0.3),
}
#: Opening hours (local) per weekday for the channels that queue in real time.
OPEN_HOURS: dict[str, tuple[tuple[float, float] | None, ...]] = {
    "phone": ((8, 18), (8, 18), (8, 18), (8, 18), (8, 16), None, None),
    "chat": ((8, 20), (8, 20), (8, 20), (8, 20), (8, 18), (10, 15), None),
}
#: Month factors Jan..Dec (an energy company: winter bills and meter readings raise contacts).
MONTH_FACTOR = (1.25, 1.15, 1.05, 0.95, 0.9, 0.85, 0.7, 0.85, 1.0, 1.05, 1.1, 1.0)


def _intraday(channel: str, hours: np.ndarray) -> np.ndarray:
    """Relative arrival intensity by hour of day (continuous, before opening-hours masking)."""

    def bump(mu: float, sd: float) -> np.ndarray:
        return np.exp(-0.5 * ((hours - mu) / sd) ** 2)

    if channel == "phone":
        return 1.0 * bump(10.3, 1.3) + 0.8 * bump(13.5, 1.6) + 0.25
    if channel == "chat":
        return 0.8 * bump(11, 2.0) + 0.9 * bump(19, 2.0) + 0.4
    if channel == "social":
        return 0.4 * bump(12, 3) + 1.0 * bump(20.5, 2.0) + 0.1
    # email, web forms: working hours plus an evening tail, a trickle at night
    return 1.0 * bump(10, 2.0) + 0.7 * bump(14, 2.5) + 0.35 * bump(21, 2.0) + 0.04


def _open_mask(channel: str, weekday: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Whether a real-time channel is open at these weekdays and mid-interval hours."""
    is_open = np.ones(len(hours), dtype=bool)
    for d, oh in enumerate(OPEN_HOURS.get(channel, ())):
        mask = weekday == d
        if oh is None:
            is_open[mask] = False
        else:
            is_open[mask] = (hours[mask] >= oh[0]) & (hours[mask] < oh[1])
    return is_open


def _volume_scale(channel: str, vol: float, interval_min: int) -> float:
    """Factor that makes an average weekday (factor 1) sum to ``vol``."""
    day_hours = (np.arange(24 * 60 // interval_min) * interval_min + interval_min / 2) / 60
    ref_shape = _intraday(channel, day_hours)
    if channel in OPEN_HOURS:
        oh = OPEN_HOURS[channel][2]
        assert oh is not None  # Wednesday is open
        ref_shape = np.where((day_hours >= oh[0]) & (day_hours < oh[1]), ref_shape, 0)
    return vol / ref_shape.sum()


def arrival_profile(
    channel: str,
    *,
    start: str | pd.Timestamp,
    days: int,
    interval_min: int = 30,
    daily_volume: float | None = None,
    country: str | None = "FI",
    time_zone: str = "Europe/Helsinki",
) -> pd.DataFrame:
    """Expected arrivals per interval for ``channel``.

    Public holidays of ``country`` close phone and chat and halve the other channels.

    Parameters
    ----------
    channel : str
        One of :data:`DAILY_VOLUME`: ``phone``, ``email``, ``chat``, ``social``, ``web_form``.
    start : str or pandas.Timestamp
        First day; naive times are local to ``time_zone``.
    days : int
        Days to cover.
    interval_min : int
        Interval length, minutes.
    daily_volume : float or None
        Contacts on an average weekday (factor 1, no month factor); by default
        :data:`DAILY_VOLUME` of the channel.
    country : str or None
        Country of the public holidays (``holidays`` codes), ``None`` for none.
    time_zone : str
        IANA time zone of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per interval: ``interval_start`` (tz-aware local time), ``channel``,
        ``expected`` (mean arrivals in the interval, contacts) and ``open`` (whether a
        real-time channel is open; true for the other channels).
    """
    if channel not in DAILY_VOLUME:
        raise ValueError(f"unknown channel {channel!r}; choose one of {', '.join(DAILY_VOLUME)}")
    vol = DAILY_VOLUME[channel] if daily_volume is None else daily_volume
    start_ts = pd.Timestamp(start)
    if start_ts.tzinfo is None:
        start_ts = start_ts.tz_localize(time_zone)
    idx = pd.date_range(start_ts, periods=days * 24 * 60 // interval_min, freq=f"{interval_min}min")
    hours = (idx.hour + idx.minute / 60 + interval_min / 120).to_numpy(float)
    shape = _intraday(channel, hours)
    weekday = idx.day_of_week.to_numpy()
    is_open = _open_mask(channel, weekday, hours)
    hol = np.zeros(len(idx), dtype=bool)
    if country:
        cal = holidays_lib.country_holidays(country, years=sorted(set(idx.year)))
        hol = np.array([d in cal for d in idx.date])
    norm = _volume_scale(channel, vol, interval_min)
    factor = (
        np.array(WEEKDAY_FACTOR[channel])[weekday]
        * np.array(MONTH_FACTOR)[idx.month.to_numpy() - 1]
    )
    expected = shape * norm * factor
    expected = np.where(is_open, expected, 0.0)
    if channel in OPEN_HOURS:
        is_open &= ~hol
        expected = np.where(hol, 0.0, expected)
    else:
        expected = np.where(hol, expected * 0.5, expected)
    return pd.DataFrame(
        {"interval_start": idx, "channel": channel, "expected": expected, "open": is_open}
    )
