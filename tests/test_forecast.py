"""Forecasts and backtest: known seasonality recovered, holidays, hand-computed wMAPE and MASE."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cxkit.plan.forecast import (
    FORECAST_METHODS,
    ForecastError,
    accuracy_table,
    backtest,
    forecast_arrivals,
    forecast_handle_time,
    recommend_method,
    season_grid,
)

WEEKDAY = np.array([1.3, 1.1, 1.0, 1.0, 0.9])  # Mon..Fri


def _truth(idx: pd.DatetimeIndex) -> np.ndarray:
    """A weekday line 08-16 in hourly intervals: a known weekly x intraday shape."""
    h = idx.hour.to_numpy()
    return (
        30 * WEEKDAY[idx.day_of_week.to_numpy()] * (1 + 0.6 * np.exp(-0.5 * ((h - 10) / 1.5) ** 2))
    )


def _grid(weeks: int, start: str = "2026-01-05") -> pd.DatetimeIndex:
    days = pd.bdate_range(start, periods=5 * weeks)
    return pd.DatetimeIndex([d + pd.Timedelta(hours=h) for d in days for h in range(8, 16)])


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    idx = _grid(6)
    rng = np.random.default_rng(7)
    return pd.DataFrame({"interval_start": idx, "arrivals": rng.poisson(_truth(idx))})


def test_grid_shape_and_missing_interval(history):
    g = season_grid(history)
    assert (g.intervals_per_day, g.season_length, g.interval_min) == (8, 40, 60.0)
    with pytest.raises(ForecastError, match="misses 1 interval"):
        season_grid(history.drop(index=5))
    with pytest.raises(ForecastError, match="more than once"):
        season_grid(pd.concat([history, history.iloc[:1]]))


@pytest.mark.parametrize("method", ["mstl_ets", "mstl_arima"])
def test_forecast_recovers_known_seasonality(history, method):
    f = forecast_arrivals(history, method=method, horizon_days=7, train_weeks=None)
    truth = _truth(pd.DatetimeIndex(f.interval_start))
    assert len(f) == 40 and f.interval_start.iloc[0] == pd.Timestamp("2026-02-16 08:00")
    # weekly and daily shape: each day's total within 6 %, the 10:00 peak the largest hour
    days = f.groupby(f.interval_start.dt.day_of_week).arrivals.sum().to_numpy()
    want = pd.Series(truth).groupby(f.interval_start.dt.day_of_week.to_numpy()).sum().to_numpy()
    assert np.all(np.abs(days / want - 1) < 0.06)
    by_hour = f.groupby(f.interval_start.dt.hour).arrivals.mean()
    assert by_hour.idxmax() == 10
    # a sensible 80 % interval: contains the truth mostly and brackets the mean
    assert (f.arrivals_low <= f.arrivals).all() and (f.arrivals <= f.arrivals_high).all()
    assert 0.6 <= np.mean((truth >= f.arrivals_low) & (truth <= f.arrivals_high)) <= 1.0


def test_seasonal_naive_is_last_week(history):
    f = forecast_arrivals(history, method="seasonal_naive", horizon_days=7)
    assert f.arrivals.tolist() == history.arrivals.iloc[-40:].astype(float).tolist()


def test_holiday_in_history_and_in_horizon(history):
    # Good Friday-like: the Friday of week 5 is closed in the history, the Wednesday of next week too
    hist = history.copy()
    hol_past = dt.date(2026, 2, 13)
    hol_next = dt.date(2026, 2, 18)
    hist.loc[hist.interval_start.dt.date == hol_past, "arrivals"] = 0
    naive = forecast_arrivals(hist, method="seasonal_naive", closed_dates=[hol_past, hol_next])
    f = forecast_arrivals(hist, method="mstl_ets", closed_dates=[hol_past, hol_next])
    on = f.interval_start.dt.date == hol_next
    assert (f.loc[on, ["arrivals", "arrivals_low", "arrivals_high"]] == 0).all().all()
    # next Friday is an ordinary day: the closed Friday of the history did not spoil it,
    # not for seasonal naive (which takes the Friday before) nor for MSTL
    fri = f.interval_start.dt.day_of_week == 4
    want = _truth(pd.DatetimeIndex(f.interval_start[fri])).sum()
    assert abs(f.loc[fri, "arrivals"].sum() / want - 1) < 0.08
    assert naive.loc[fri.to_numpy(), "arrivals"].sum() > 0.8 * want


def test_open_special_day_gets_the_ratio_it_had(history):
    hist = history.copy()
    past = dt.date(2026, 2, 4)  # a Wednesday at half volume
    hist.loc[hist.interval_start.dt.date == past, "arrivals"] = (
        hist.loc[hist.interval_start.dt.date == past, "arrivals"] // 2
    )
    nxt = dt.date(2026, 2, 18)
    f = forecast_arrivals(hist, method="mstl_ets", special_dates=[past, nxt])
    assert 0.4 < f.attrs["special_factor"] < 0.6
    wed = f[f.interval_start.dt.date == nxt].arrivals.sum()
    thu = f[f.interval_start.dt.date == dt.date(2026, 2, 19)].arrivals.sum()
    assert 0.4 < wed / thu < 0.6


def test_backtest_by_hand():
    # a line open on Mondays only, two intervals (m = 2): three Mondays, one origin
    idx = pd.date_range("2026-03-02 08:00", periods=3, freq="7D")
    idx = pd.DatetimeIndex([t + pd.Timedelta(hours=h) for t in idx for h in (0, 1)])
    hist = pd.DataFrame({"interval_start": idx, "arrivals": [10, 20, 14, 18, 12, 24]})
    r = backtest(hist, methods=["seasonal_naive"], origins=1)
    # forecast of day 3 = day 2: (14, 18); errors |12-14| = 2, |24-18| = 6
    assert r.forecast.tolist() == [14.0, 18.0]
    # in-sample seasonal naive: |14-10| = 4, |18-20| = 2 -> scale 3
    assert r.scale.unique().tolist() == [3.0]
    acc = accuracy_table(r)
    assert acc.wmape_pct.iloc[0] == pytest.approx(100 * 8 / 36)
    assert acc.mase.iloc[0] == pytest.approx((2 / 3 + 6 / 3) / 2)
    assert recommend_method(acc) is None


def test_backtest_compares_with_naive_and_recommends(history):
    r = backtest(history, origins=2, train_weeks=None)
    assert set(r.method) == set(FORECAST_METHODS)
    assert r.groupby("method").size().unique().tolist() == [80]
    acc = accuracy_table(r)
    assert acc.loc[acc.method == "seasonal_naive", "wmape_vs_naive_pct"].iloc[0] == 0
    assert np.isfinite(acc[["wmape_pct", "mase", "coverage_pct"]].to_numpy()).all()
    # on a stable Poisson series a smoothed seasonal beats last week's noisy copy
    best = recommend_method(acc)
    assert best in ("mstl_ets", "mstl_arima")
    by_slot = accuracy_table(r, by=("slot",))
    assert set(by_slot.slot) == {f"{h:02d}:00" for h in range(8, 16)}


def test_backtest_needs_enough_weeks(history):
    with pytest.raises(ForecastError, match="fewer origins"):
        backtest(history, origins=6)
    with pytest.raises(ForecastError, match="unknown method"):
        forecast_arrivals(history, method="prophet")


def test_mstl_needs_more_than_two_weeks():
    idx = _grid(2)
    h = pd.DataFrame({"interval_start": idx, "arrivals": 5})
    with pytest.raises(ForecastError, match="more than two weeks"):
        forecast_arrivals(h, method="mstl_ets")


def test_several_series_and_structural_zero():
    idx = pd.date_range("2026-01-05", periods=5 * 7 * 4, freq="6h")
    a = pd.DataFrame(
        {"interval_start": idx, "arrivals": np.where(idx.hour == 0, 0, 7), "channel": "a"}
    )
    b = a.assign(channel="b", arrivals=3)
    f = forecast_arrivals(pd.concat([a, b]), method="mstl_ets", horizon_days=1)
    assert f.channel.tolist() == ["a"] * 4 + ["b"] * 4
    assert f.arrivals.iloc[0] == 0  # midnight was empty in every week: it stays empty
    assert f.arrivals.iloc[1:4].round().tolist() == [7, 7, 7]
    assert f[f.channel == "b"].arrivals.round().tolist() == [3, 3, 3, 3]


def test_handle_time_ratio_of_sums():
    idx = pd.date_range("2026-03-02", periods=14, freq="D")
    h = pd.DataFrame(
        {"interval_start": idx, "handled": [1, 3] * 7, "handle_sum_s": [100.0, 900.0] * 7}
    )
    nxt = pd.date_range("2026-03-16", periods=7, freq="D")
    # Mondays 2 and 9 March: 1 contact / 100 s and 3 / 900 s -> (100 + 900) / (1 + 3)
    assert forecast_handle_time(h, nxt, weeks=2)[0] == pytest.approx(250.0)
    # the last week only: Monday 9 March is 900 / 3, Tuesday 10 March 100 / 1
    assert forecast_handle_time(h, nxt, weeks=1)[:2].tolist() == pytest.approx([300.0, 100.0])
    empty = h.assign(handled=0, handle_sum_s=0.0)
    assert np.isnan(forecast_handle_time(empty, idx[:2])).all()


def test_input_not_mutated(history):
    before = history.copy()
    forecast_arrivals(history, method="seasonal_naive")
    backtest(history, methods=["seasonal_naive"], origins=1)
    pd.testing.assert_frame_equal(history, before)
