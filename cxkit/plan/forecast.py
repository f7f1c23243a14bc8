"""Forecasts of arrivals per interval from a team's own history, and an honest backtest of them.

The history is a complete grid of intervals: every date whose weekday the channel works, every
time-of-day slot of the day (``cx.interval_history`` builds it from loaded contacts, interval
reports or tickets, with zeros where nothing arrived). Two seasonal periods follow from the grid:
a day (``intervals_per_day``) and a week (``intervals_per_day x days_per_week``; 5 days for a
weekday-only phone line, 7 for email).

Methods (all fitted on the square root of the counts, which steadies the variance of counts, and
transformed back; the mean is that of the squared normal forecast, cut at 0):

- ``seasonal_naive``: the same interval last week; the baseline every method must beat. Its
  prediction interval comes from the quantiles of the week-on-week differences in the history.
- ``mstl_ets``: statsmodels ``MSTL`` (daily and weekly seasonality) with an ETS(A,N,N) model
  (simple exponential smoothing, additive error) on trend + remainder; the seasonal parts are
  taken from the same interval one week back. The interval adds the spread of that seasonal rule
  in the history to the ETS interval.
- ``mstl_arima``: the same with an ARIMA(1, 0, 1) with a constant on trend + remainder.

Days the channel was closed (public holidays, special days of the charter calendar) are left out
of the fit (replaced by the same interval a week earlier or later) and forecast as 0; special days
that stay open get the ratio their kind of day showed in the history (1 when the history has none).

Accuracy (``metrics.md`` "Forecasting"): a rolling-origin backtest, each origin forecasting one week,
scored by wMAPE = sum|y - f| / sum y and MASE = mean(|y - f| / s) where s is the in-sample mean
|y_t - y_{t-m}| of the origin's history (m one week of intervals), and the empirical coverage of
the prediction interval. Seasonal naive is always in the table.

>>> idx = pd.date_range("2026-03-02 08:00", periods=6 * 7, freq="D")
>>> hist = pd.DataFrame({"interval_start": idx, "arrivals": [10, 12, 11, 9, 8, 3, 2] * 6})
>>> f = forecast_arrivals(hist, method="seasonal_naive", horizon_days=7)
>>> f.arrivals.tolist()
[10.0, 12.0, 11.0, 9.0, 8.0, 3.0, 2.0]
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cxkit.errors import CxkitError, MissingColumnError, MissingDataError

__all__ = [
    "FORECAST_METHODS",
    "ForecastError",
    "SeasonGrid",
    "accuracy_table",
    "backtest",
    "forecast_arrivals",
    "forecast_handle_time",
    "recommend_method",
    "season_grid",
]

#: Forecast methods, the baseline first.
FORECAST_METHODS: tuple[str, ...] = ("seasonal_naive", "mstl_ets", "mstl_arima")


class ForecastError(CxkitError, ValueError):
    """The history cannot be forecast as given; the message says what to change."""


@dataclass(frozen=True)
class SeasonGrid:
    """The shape of a history grid.

    Attributes
    ----------
    slots : tuple of datetime.time
        Time-of-day starts of the intervals of a day.
    weekdays : tuple of int
        Weekdays in the grid (0 Monday .. 6 Sunday).
    interval_min : float
        Interval length, minutes (1440 for daily data).
    dates : tuple of datetime.date
        The dates of the history, in order.
    """

    slots: tuple[dt.time, ...]
    weekdays: tuple[int, ...]
    interval_min: float
    dates: tuple[dt.date, ...]

    @property
    def intervals_per_day(self) -> int:
        """Intervals in a day of the grid."""
        return len(self.slots)

    @property
    def season_length(self) -> int:
        """Intervals in a week of the grid: the seasonal-naive lag m."""
        return len(self.slots) * len(self.weekdays)

    def future(self, horizon_days: int) -> pd.DatetimeIndex:
        """Interval starts of the ``horizon_days`` calendar days after the history (grid weekdays only)."""
        last = self.dates[-1]
        days = [last + dt.timedelta(days=k) for k in range(1, horizon_days + 1)]
        days = [d for d in days if d.weekday() in self.weekdays]
        return pd.DatetimeIndex(
            [dt.datetime.combine(d, s) for d in days for s in self.slots], name="interval_start"
        )


def season_grid(history: pd.DataFrame) -> SeasonGrid:
    """Check that ``history`` is a complete interval grid and return its shape.

    Parameters
    ----------
    history : pandas.DataFrame
        One row per interval of one series: ``interval_start`` (local wall-clock timestamps,
        naive or tz-aware) and ``arrivals`` (contacts).

    Returns
    -------
    SeasonGrid
        Slots, weekdays, interval length and dates.

    Raises
    ------
    ForecastError
        Duplicate intervals, or intervals missing from the grid (with the first one missing).

    Examples
    --------
    >>> idx = pd.date_range("2026-03-02", periods=14 * 24, freq="h")
    >>> g = season_grid(pd.DataFrame({"interval_start": idx, "arrivals": 1}))
    >>> g.intervals_per_day, g.season_length, g.interval_min
    (24, 168, 60.0)
    """
    if "interval_start" not in history.columns:
        raise MissingColumnError(
            f"the history needs an 'interval_start' column; it has {list(history.columns)}"
        )
    ts = pd.DatetimeIndex(history["interval_start"])
    if ts.tz is not None:
        ts = ts.tz_localize(None)
    if ts.has_duplicates:
        raise ForecastError(
            f"the history has the interval {ts[ts.duplicated()][0]} more than once: one row per "
            "interval of one series (group by channel first), on the local wall clock (an hour "
            "repeated when clocks go back is one interval; cx.interval_history does this)"
        )
    if len(ts) < 2:
        raise ForecastError("the history needs at least two intervals")
    times = sorted(set(ts.time))
    dates = sorted(set(ts.date))
    weekdays = sorted({d.weekday() for d in dates})
    if len(times) > 1:
        step = min(
            (dt.datetime.combine(dates[0], b) - dt.datetime.combine(dates[0], a)).total_seconds()
            for a, b in zip(times, times[1:], strict=False)
        )
    else:
        step = 86400.0
    all_days = pd.date_range(dates[0], dates[-1], freq="D").date
    want = [dt.datetime.combine(d, s) for d in all_days if d.weekday() in weekdays for s in times]
    missing = pd.DatetimeIndex(want).difference(ts)
    if len(missing):
        raise ForecastError(
            f"the history misses {len(missing)} interval(s) of its grid, first {missing[0]}: give "
            "every interval of every working day, with 0 where nothing arrived "
            "(cx.interval_history does)"
        )
    return SeasonGrid(
        tuple(times),
        tuple(weekdays),
        step / 60,
        tuple(d for d in all_days if d.weekday() in weekdays),
    )


# ----------------------------------------------------------------------------- the fit


def _impute(z: np.ndarray, unusual: np.ndarray, m: int) -> np.ndarray:
    """Values of unusual intervals replaced by the same interval a week earlier (or later)."""
    out = z.copy()
    for i in np.flatnonzero(unusual):
        for j in (i - m, i + m, i - 2 * m, i + 2 * m):
            if 0 <= j < len(z) and not unusual[j]:
                out[i] = z[j]
                break
    return out


def _seasonal_naive(z: np.ndarray, h: int, m: int, level: float) -> tuple[np.ndarray, ...]:
    idx = len(z) - m + (np.arange(h) % m)
    mu = z[idx]
    diff = z[m:] - z[:-m]
    a = (1 - level / 100) / 2
    if len(diff):
        q_lo, q_hi = np.quantile(diff, [a, 1 - a])
        sd = float(np.std(diff))
    else:
        q_lo = q_hi = sd = 0.0
    return mu, mu + q_lo, mu + q_hi, np.full(h, sd)


def _mstl_periods(grid: SeasonGrid, n: int) -> tuple[int, ...]:
    ipd, m = grid.intervals_per_day, grid.season_length
    periods = tuple(p for p in (ipd, m) if p > 1)
    periods = tuple(dict.fromkeys(periods))
    if not periods or n <= 2 * max(periods):
        raise ForecastError(
            f"MSTL needs more than two weeks of history (over {2 * m} intervals); this one has {n}. "
            "Use method='seasonal_naive' or load more history"
        )
    return periods


def _mstl_model(
    z: np.ndarray, h: int, grid: SeasonGrid, level: float, model: str
) -> tuple[np.ndarray, ...]:
    from statsmodels.tsa.arima.model import ARIMA
    from statsmodels.tsa.seasonal import MSTL

    periods = _mstl_periods(grid, len(z))
    res = MSTL(z, periods=periods).fit()
    # every seasonal part at the same interval one week back: the daily part of a Monday differs
    # from a Sunday's, so repeating the last day would be wrong
    m = grid.season_length
    seas = np.asarray(res.seasonal).reshape(len(z), -1).sum(axis=1)
    future_seas = seas[len(z) - m + (np.arange(h) % m)]
    rest = np.asarray(res.trend) + np.asarray(res.resid)
    alpha = 1 - level / 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter of the optimisers
        if model == "ets":
            mu, lo, hi, extra_var = _daily_ets(rest, h, grid.intervals_per_day, alpha)
        else:
            fit = ARIMA(rest, order=(1, 0, 1), trend="c").fit()
            pred = fit.get_forecast(h).summary_frame(alpha=alpha)
            mu = np.asarray(pred["mean"])
            lo, hi = np.asarray(pred["mean_ci_lower"]), np.asarray(pred["mean_ci_upper"])
            # how much the seasonal pattern moved from one week to the next in the history
            extra_var = float(np.var(seas[m:] - seas[:-m]))
    zq = stats.norm.ppf(1 - alpha / 2)
    sd = np.sqrt(((hi - lo) / (2 * zq)) ** 2 + extra_var)
    # never narrower than the history's own week-ahead error of the rule "seasonal a week back,
    # level of the same day a week back": the model's interval alone trusts the model too much
    sd = np.maximum(sd, _week_ahead_sd(z, seas, rest, grid))
    return mu + future_seas, mu + future_seas - zq * sd, mu + future_seas + zq * sd, sd


def _week_ahead_sd(z: np.ndarray, seas: np.ndarray, rest: np.ndarray, grid: SeasonGrid) -> float:
    """Spread of z_t - seas_(t-m) - (day mean of the rest a week earlier), over the history."""
    m, ipd = grid.season_length, grid.intervals_per_day
    days = len(z) // ipd
    if days * ipd != len(z) or len(z) <= m:
        return 0.0
    day_level = np.repeat(rest.reshape(days, ipd).mean(axis=1), ipd)
    err = z[m:] - seas[:-m] - day_level[:-m]
    return float(np.std(err))


def _daily_ets(
    rest: np.ndarray, h: int, ipd: int, alpha: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """ETS(A,N,N) on the day means of the seasonally adjusted series, spread over the intervals.

    The level moves from day to day; what is left inside a day is noise around it, whose variance
    joins the day level's forecast variance in the interval.
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    days = len(rest) // ipd
    tail = rest[len(rest) - days * ipd :].reshape(days, ipd)
    daily = tail.mean(axis=1)
    noise_var = float(np.var(tail - daily[:, None]))
    fit = ETSModel(pd.Series(daily), error="add", trend=None).fit(disp=False)
    n_days = -(-h // ipd)
    pred = fit.get_prediction(start=days, end=days + n_days - 1).summary_frame(alpha=alpha)
    day_of = np.arange(h) // ipd
    return (
        pred["mean"].to_numpy()[day_of],
        pred["pi_lower"].to_numpy()[day_of],
        pred["pi_upper"].to_numpy()[day_of],
        noise_var,
    )


def _special_factor(y: np.ndarray, imputed_y: np.ndarray, special: np.ndarray) -> float:
    """Ratio of arrivals on open special days to what a normal day would have brought."""
    base = imputed_y[special].sum()
    return float(y[special].sum() / base) if special.any() and base > 0 else 1.0


def _check_method(method: str) -> None:
    if method not in FORECAST_METHODS:
        raise ForecastError(f"unknown method {method!r}; use one of {', '.join(FORECAST_METHODS)}")


def _fit_one(
    y: np.ndarray,
    grid: SeasonGrid,
    *,
    h: int,
    method: str,
    level: float,
    unusual: np.ndarray,
    train_weeks: int | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, low and high forecast of the next ``h`` intervals (counts, before calendar rules)."""
    m = grid.season_length
    z = _impute(np.sqrt(np.clip(y, 0, None)), unusual, m)
    if train_weeks is not None:
        z = z[-train_weeks * m :] if len(z) > train_weeks * m else z
    if method == "seasonal_naive":
        mu, lo, hi, sd = _seasonal_naive(z, h, m, level)
    else:
        mu, lo, hi, sd = _mstl_model(z, h, grid, level, method.removeprefix("mstl_"))
    # a seasonal position that was 0 in every week of the fit is closed: it stays 0
    weeks = len(z) // m
    tail = z[len(z) - weeks * m :].reshape(weeks, m)
    closed = (tail == 0).all(axis=0)[(len(z) - weeks * m + np.arange(h)) % m]
    if method == "seasonal_naive":  # exactly last week's count, no round trip through the root
        mean = np.where(closed, 0.0, np.round(np.clip(mu, 0, None) ** 2, 9))
    else:
        # the mean of max(Z, 0)^2 for Z ~ N(mu, sd^2): the root's forecast squared back
        r = mu / np.where(sd > 0, sd, np.inf)
        sq_mean = (mu**2 + sd**2) * stats.norm.cdf(r) + mu * sd * stats.norm.pdf(r)
        mean = np.where(closed, 0.0, np.where(sd > 0, sq_mean, np.clip(mu, 0, None) ** 2))
    low = np.where(closed, 0.0, np.clip(lo, 0, None) ** 2)
    high = np.where(closed, 0.0, np.clip(hi, 0, None) ** 2)
    return mean, low, high


def _day_flags(index: pd.DatetimeIndex, dates: Collection[dt.date]) -> np.ndarray:
    wanted = set(dates)
    return np.fromiter((d in wanted for d in index.date), dtype=bool, count=len(index))


def _series_forecast(
    history: pd.DataFrame,
    *,
    horizon_days: int,
    method: str,
    level: float,
    closed_dates: Collection[dt.date],
    special_dates: Collection[dt.date],
    train_weeks: int | None,
) -> pd.DataFrame:
    hist = history.sort_values("interval_start")
    grid = season_grid(hist)
    ts = pd.DatetimeIndex(hist["interval_start"])
    tz = ts.tz
    local = ts.tz_localize(None) if tz is not None else ts
    y = hist["arrivals"].to_numpy(float)
    if np.isnan(y).any() or (y < 0).any():
        raise ForecastError("arrivals must be counts >= 0 in every interval (no NaN)")
    closed_h = _day_flags(local, closed_dates)
    special_h = _day_flags(local, special_dates) & ~closed_h
    future = grid.future(horizon_days)
    if len(future) == 0:
        raise ForecastError(
            f"the {horizon_days} day(s) after {grid.dates[-1]} hold none of the history's weekdays: "
            "forecast more days"
        )
    mean, low, high = _fit_one(
        y,
        grid,
        h=len(future),
        method=method,
        level=level,
        unusual=closed_h | special_h,
        train_weeks=train_weeks,
    )
    m = grid.season_length
    factor = _special_factor(y, _impute(y, closed_h | special_h, m), special_h)
    mult = np.where(
        _day_flags(future, closed_dates),
        0.0,
        np.where(_day_flags(future, special_dates), factor, 1.0),
    )
    out = pd.DataFrame(
        {
            "interval_start": future
            if tz is None
            else future.tz_localize(tz, ambiguous=False, nonexistent="shift_forward"),
            "arrivals": mean * mult,
            "arrivals_low": low * mult,
            "arrivals_high": high * mult,
        }
    )
    out["interval_min"] = grid.interval_min
    out["method"] = method
    out["level_pct"] = float(level)
    out.attrs["special_factor"] = factor
    return out


def _groups(history: pd.DataFrame, by: Sequence[str] | None) -> list[str]:
    keys = [c for c in ("channel", "queue") if c in history.columns] if by is None else list(by)
    for k in keys:
        if k not in history.columns:
            raise MissingColumnError(f"by: the history has no column {k!r}")
    return keys


def forecast_arrivals(
    history: pd.DataFrame,
    *,
    horizon_days: int = 7,
    method: str = "mstl_ets",
    level: float = 80.0,
    closed_dates: Collection[dt.date] = (),
    special_dates: Collection[dt.date] = (),
    train_weeks: int | None = 8,
    by: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Arrivals per interval for the days after the history, with a prediction interval.

    Parameters
    ----------
    history : pandas.DataFrame
        A complete interval grid (see :func:`season_grid`) per series: ``interval_start``
        (local wall-clock timestamps), ``arrivals`` (contacts per interval) and, for several
        series, the key columns (``channel``, ``queue``).
    horizon_days : int
        Calendar days to forecast after the last day of the history (only the grid's weekdays
        get intervals: 7 days of a weekday-only line are 5 days of intervals).
    method : str
        One of :data:`FORECAST_METHODS`.
    level : float
        Coverage of the prediction interval, percent (80: from the 10th to the 90th percentile;
        the upper end is the high scenario staffing plans for).
    closed_dates : collection of datetime.date
        Days the channel is closed (holidays, special closed days): left out of the fit and
        forecast as 0.
    special_dates : collection of datetime.date
        Open days that are not ordinary (a holiday on a channel that stays open, a special day):
        left out of the fit; forecast with the ratio such days showed in the history.
    train_weeks : int or None
        Fit on the last ``train_weeks`` weeks only (None: all of it). MSTL needs two weeks.
    by : sequence of str or None
        Series keys; by default ``channel`` and ``queue`` where present.

    Returns
    -------
    pandas.DataFrame
        One row per key x future interval: the key columns, ``interval_start`` (as in the
        history), ``arrivals`` (forecast mean, contacts), ``arrivals_low`` and
        ``arrivals_high`` (the ``level`` % prediction interval, contacts), ``interval_min``
        (minutes), ``method`` and ``level_pct`` (%).

    Examples
    --------
    >>> idx = pd.date_range("2026-03-02", periods=3 * 7, freq="D")
    >>> hist = pd.DataFrame({"interval_start": idx, "arrivals": [5, 4, 4, 4, 3, 0, 0] * 3})
    >>> forecast_arrivals(hist, method="seasonal_naive", horizon_days=2).arrivals.tolist()
    [5.0, 4.0]
    """
    _check_method(method)
    if horizon_days < 1:
        raise ForecastError("horizon_days must be at least 1")
    if "arrivals" not in history.columns:
        raise MissingColumnError(
            f"the history needs an 'arrivals' column; it has {list(history.columns)}"
        )
    keys = _groups(history, by)
    opts: dict[str, Any] = dict(
        horizon_days=horizon_days,
        method=method,
        level=level,
        closed_dates=closed_dates,
        special_dates=special_dates,
        train_weeks=train_weeks,
    )
    if not keys:
        return _series_forecast(history, **opts)
    parts = []
    for key, g in history.groupby(keys, sort=True):
        f = _series_forecast(g, **opts)
        for k, v in zip(keys, key if isinstance(key, tuple) else (key,), strict=True):
            f.insert(0, k, v)
        parts.append(f)
    return pd.concat(parts, ignore_index=True)


def forecast_handle_time(
    history: pd.DataFrame, future: pd.Series | pd.DatetimeIndex, *, weeks: int = 4
) -> np.ndarray:
    """Average handle time per future interval from the same weekday and slot of recent weeks.

    A ratio of sums (handle seconds / handled contacts) over the last ``weeks`` weeks at the same
    weekday and time of day; where those had no contacts, the same time of day over all days;
    then the whole history.

    Parameters
    ----------
    history : pandas.DataFrame
        One series: ``interval_start``, ``handled`` (contacts handled) and ``handle_sum_s``
        (their summed handle time, s).
    future : pandas.Series or pandas.DatetimeIndex
        Interval starts to forecast.
    weeks : int
        Recent weeks to average.

    Returns
    -------
    numpy.ndarray
        Average handle time per future interval, seconds (NaN when the history handled nothing).

    Examples
    --------
    >>> idx = pd.date_range("2026-03-02", periods=14, freq="D")
    >>> h = pd.DataFrame({"interval_start": idx, "handled": 10, "handle_sum_s": 1800.0})
    >>> forecast_handle_time(h, pd.date_range("2026-03-16", periods=2, freq="D")).tolist()
    [180.0, 180.0]
    """
    for col in ("handled", "handle_sum_s"):
        if col not in history.columns:
            raise MissingColumnError(
                f"handle time needs {col!r} in the history; it has {list(history.columns)}"
            )
    ts = pd.DatetimeIndex(history["interval_start"])
    ts = ts.tz_localize(None) if ts.tz is not None else ts
    recent = ts >= ts.max() - pd.Timedelta(days=7 * weeks) + pd.Timedelta(microseconds=1)
    h = pd.DataFrame(
        {
            "wd": ts.day_of_week,
            "slot": ts.time,
            "n": history["handled"].to_numpy(float),
            "s": history["handle_sum_s"].to_numpy(float),
        }
    )
    fut = pd.DatetimeIndex(future)
    fut = fut.tz_localize(None) if fut.tz is not None else fut
    key = pd.MultiIndex.from_arrays([fut.day_of_week, fut.time])
    by_pos = h[recent].groupby(["wd", "slot"])[["n", "s"]].sum()
    by_slot = h.groupby("slot")[["n", "s"]].sum()
    ratio_pos = (by_pos.s / by_pos.n.where(by_pos.n > 0)).reindex(key).to_numpy()
    ratio_slot = (by_slot.s / by_slot.n.where(by_slot.n > 0)).reindex(fut.time).to_numpy()
    total_n = h.n.sum()
    overall = h.s.sum() / total_n if total_n > 0 else np.nan
    return np.where(
        np.isnan(ratio_pos), np.where(np.isnan(ratio_slot), overall, ratio_slot), ratio_pos
    )


# ----------------------------------------------------------------------------- the backtest


def _origin_rows(
    hist: pd.DataFrame, k: int, *, methods: Sequence[str], level: float, opts: dict[str, Any]
) -> list[pd.DataFrame]:
    grid = season_grid(hist)
    m = grid.season_length
    n = len(hist)
    cut = n - k * m
    train, test = hist.iloc[:cut], hist.iloc[cut : cut + m]
    y_train = train["arrivals"].to_numpy(float)
    scale = float(np.mean(np.abs(y_train[m:] - y_train[:-m])))
    days = (
        pd.Timestamp(test["interval_start"].iloc[-1]).date()
        - pd.Timestamp(train["interval_start"].iloc[-1]).date()
    ).days
    rows = []
    for method in methods:
        f = _series_forecast(train, horizon_days=days, method=method, level=level, **opts)
        actual = test["arrivals"].to_numpy(float)
        rows.append(
            pd.DataFrame(
                {
                    "origin": pd.Timestamp(train["interval_start"].iloc[-1]),
                    "interval_start": test["interval_start"].to_numpy(),
                    "method": method,
                    "actual": actual,
                    "forecast": f["arrivals"].to_numpy()[: len(actual)],
                    "low": f["arrivals_low"].to_numpy()[: len(actual)],
                    "high": f["arrivals_high"].to_numpy()[: len(actual)],
                    "scale": scale,
                }
            )
        )
    return rows


def backtest(
    history: pd.DataFrame,
    *,
    methods: Sequence[str] = FORECAST_METHODS,
    origins: int = 4,
    level: float = 80.0,
    closed_dates: Collection[dt.date] = (),
    special_dates: Collection[dt.date] = (),
    train_weeks: int | None = 8,
    by: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rolling-origin backtest: each of the last ``origins`` weeks forecast from the history before it.

    Parameters
    ----------
    history : pandas.DataFrame
        As for :func:`forecast_arrivals`; it needs ``origins`` weeks plus the weeks each method
        needs to fit (one for seasonal naive, two for MSTL).
    methods : sequence of str
        Methods to compare; ``seasonal_naive`` is added when missing.
    origins : int
        Forecast origins, one week apart; each forecasts the following week.
    level, closed_dates, special_dates, train_weeks, by
        As for :func:`forecast_arrivals`.

    Returns
    -------
    pandas.DataFrame
        One row per key x origin x method x interval: the key columns, ``origin`` (last interval
        start of the history used), ``interval_start``, ``method``, ``actual`` and ``forecast``
        (contacts), ``low`` and ``high`` (the prediction interval, contacts) and ``scale`` (the
        in-sample mean |y_t - y_(t-m)| of the origin's history, contacts: MASE's denominator).
    """
    for mth in methods:
        _check_method(mth)
    methods = ["seasonal_naive", *[x for x in methods if x != "seasonal_naive"]]
    if origins < 1:
        raise ForecastError("origins must be at least 1")
    keys = _groups(history, by)
    opts: dict[str, Any] = {
        "closed_dates": closed_dates,
        "special_dates": special_dates,
        "train_weeks": train_weeks,
    }
    groups = history.groupby(keys, sort=True) if keys else [((), history)]
    parts = []
    for key, g in groups:
        g = g.sort_values("interval_start").reset_index(drop=True)
        m = season_grid(g).season_length
        if len(g) < (origins + 1) * m:
            raise ForecastError(
                f"a backtest with {origins} origins needs at least {origins + 1} weeks of history "
                f"({(origins + 1) * m} intervals); this one has {len(g)}: use fewer origins"
            )
        for k in range(origins, 0, -1):
            for f in _origin_rows(g, k, methods=methods, level=level, opts=opts):
                for col, v in zip(keys, key if isinstance(key, tuple) else (key,), strict=True):
                    f.insert(0, col, v)
                parts.append(f)
    return pd.concat(parts, ignore_index=True)


def accuracy_table(results: pd.DataFrame, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """wMAPE, MASE and interval coverage per method, each against seasonal naive.

    Parameters
    ----------
    results : pandas.DataFrame
        What :func:`backtest` returns.
    by : sequence of str
        Extra grouping columns (e.g. ``("channel",)``, or ``("slot",)`` for the time of day,
        derived from ``interval_start``).

    Returns
    -------
    pandas.DataFrame
        One row per group x method: ``method``, ``intervals`` (forecast intervals scored),
        ``actual_sum`` (contacts), ``wmape_pct`` (sum|y - f| / sum y, %), ``mase`` (mean of
        |y - f| / scale), ``coverage_pct`` (share of actuals inside the prediction interval, %,
        over the intervals where something arrived or the interval is not the point 0: a closed
        interval forecast as closed says nothing about coverage); ``wmape_vs_naive_pct`` (wMAPE relative to seasonal
        naive's in the same group, %; negative is better) and ``beats_naive`` (lower wMAPE and
        lower MASE than seasonal naive).

    Examples
    --------
    >>> r = pd.DataFrame({"method": ["seasonal_naive"] * 2 + ["x"] * 2, "actual": [10, 20] * 2,
    ...                   "forecast": [12, 17, 10, 21], "low": 0, "high": [9, 30, 11, 30], "scale": 2.0})
    >>> accuracy_table(r)[["method", "wmape_pct", "mase", "coverage_pct", "beats_naive"]]
               method  wmape_pct  mase  coverage_pct  beats_naive
    0  seasonal_naive  16.666667  1.25          50.0        False
    1               x   3.333333  0.25         100.0         True
    """
    r = results.copy()
    by = list(by)
    if "slot" in by and "slot" not in r.columns:
        r["slot"] = pd.DatetimeIndex(r["interval_start"]).strftime("%H:%M")
    err = (r["actual"] - r["forecast"]).abs()
    r = r.assign(
        abs_err=err,
        scaled=err / r["scale"].where(r["scale"] > 0),
        inside=((r["actual"] >= r["low"] - 1e-9) & (r["actual"] <= r["high"] + 1e-9)).where(
            (r["high"] > 0) | (r["actual"] > 0)
        ),
    )
    g = r.groupby([*by, "method"], sort=False)
    out = g.agg(
        intervals=("actual", "size"),
        actual_sum=("actual", "sum"),
        abs_err_sum=("abs_err", "sum"),
        mase=("scaled", "mean"),
        coverage=("inside", lambda x: x.astype(float).mean()),
    ).reset_index()
    out["wmape_pct"] = 100 * out.abs_err_sum / out.actual_sum.where(out.actual_sum > 0)
    out["coverage_pct"] = 100 * out.coverage
    naive = out[out.method == "seasonal_naive"].set_index(by or ["method"])
    ref = out.set_index(by).index if by else None
    if by:
        nw = naive["wmape_pct"].reindex(ref).to_numpy()
        nm = naive["mase"].reindex(ref).to_numpy()
    else:
        nw = float(naive["wmape_pct"].iloc[0]) if len(naive) else np.nan
        nm = float(naive["mase"].iloc[0]) if len(naive) else np.nan
    out["wmape_vs_naive_pct"] = 100 * (out.wmape_pct / nw - 1)
    out["beats_naive"] = (out.wmape_pct < nw) & (out.mase < nm)
    cols = [*by, "method", "intervals", "actual_sum", "wmape_pct", "mase", "coverage_pct"]
    return out[[*cols, "wmape_vs_naive_pct", "beats_naive"]]


def recommend_method(accuracy: pd.DataFrame) -> str | None:
    """The method with the lowest wMAPE among those that beat seasonal naive, or None.

    Parameters
    ----------
    accuracy : pandas.DataFrame
        What :func:`accuracy_table` returns (without ``by``: one row per method).

    Returns
    -------
    str or None
        The method's name; None when no method beats seasonal naive on both wMAPE and MASE
        (then plan on seasonal naive and say so).

    Examples
    --------
    >>> acc = pd.DataFrame({"method": ["seasonal_naive", "mstl_ets"], "wmape_pct": [20.0, 15.0],
    ...                     "beats_naive": [False, True]})
    >>> recommend_method(acc)
    'mstl_ets'
    """
    if accuracy["method"].duplicated().any():
        raise MissingDataError(
            "recommend_method needs one row per method: call accuracy_table without by"
        )
    ok = accuracy[accuracy["beats_naive"].astype(bool)]
    if ok.empty:
        return None
    return str(ok.sort_values("wmape_pct").iloc[0]["method"])
