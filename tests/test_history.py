"""Interval history from loaded tables, calendar days, the channel forecast, and the real data."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cxkit as cx
from cxkit.charter.model import Calendar
from cxkit.errors import MissingDataError, MissingTimeZoneError
from cxkit.measure.history import (
    async_backlog_forecast,
    calendar_days,
    channel_forecast,
    interval_history,
)
from cxkit.plan.forecast import accuracy_table, backtest
from cxkit.plan.forecast_plan import blend_intervals, plan_cost, plan_on_forecast

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture(scope="module")
def tables():
    return cx.load_tables([cx.sample_dir()])


def test_every_contact_is_in_one_interval(tables):
    c = tables["contacts"].data
    h = interval_history(tables, channel="phone", interval_min=30)
    offered = c[(c.channel == "phone") & (c.outcome != "self_service")]
    assert h.arrivals.sum() == len(offered)
    assert h.handled.sum() == (offered.outcome == "answered").sum()
    assert h.handle_sum_s.sum() == pytest.approx(
        offered.loc[offered.outcome == "answered", "handle_s"].sum()
    )
    # weekday line: 5 weekdays, 08:00-17:30 slots, a complete grid
    assert h.interval_start.dt.day_of_week.nunique() == 5
    assert h.interval_start.dt.time.min() == dt.time(8) and len(h) == 15 * 20
    assert h.attrs["time_zone"] == "Europe/Helsinki"


def test_history_from_tickets_and_interval_report(tables):
    t = interval_history(tables, channel="email", interval_min=60)
    assert t.attrs["source"] == "tickets" and len(t) == 21 * 24
    assert t.arrivals.sum() == (tables["tickets"].data.channel == "email").sum()
    iv = interval_history(tables, channel="phone", source="intervals", interval_min=60)
    assert iv.arrivals.sum() == tables["intervals"].data.offered.sum()
    with pytest.raises(MissingDataError, match="cannot be cut"):
        interval_history(tables, channel="phone", source="intervals", interval_min=15)


def test_history_of_one_queue(tables):
    c = tables["contacts"].data
    q = c.loc[c.channel == "chat", "queue"].mode().iloc[0]
    h = interval_history(tables, channel="chat", queue=q)
    assert h.arrivals.sum() == ((c.channel == "chat") & (c.queue == q)).sum()
    assert (h["queue"] == q).all()
    with pytest.raises(MissingDataError, match="queue"):
        interval_history(tables, channel="email", queue="x")


def test_history_errors(tables):
    with pytest.raises(MissingDataError, match="no contacts"):
        interval_history(tables, channel="fax")
    naive = tables["contacts"].data.assign(arrival=lambda d: d.arrival.dt.tz_localize(None))
    with pytest.raises(MissingTimeZoneError):
        interval_history({"contacts": naive}, channel="phone")
    assert (
        interval_history({"contacts": naive}, channel="phone", time_zone="UTC").arrivals.sum() > 0
    )


def test_calendar_days_holiday_and_special():
    cal = Calendar(
        holidays={"country": "FI"},
        hours={d: "08:00-16:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        special_days={dt.date(2026, 4, 2): "08:00-12:00"},
    )
    closed, special = calendar_days(cal, dt.date(2026, 3, 30), dt.date(2026, 4, 6))
    assert closed == [dt.date(2026, 4, 3), dt.date(2026, 4, 6)]  # Good Friday, Easter Monday
    assert special == [dt.date(2026, 4, 2)]
    closed, special = calendar_days(
        cal, dt.date(2026, 3, 30), dt.date(2026, 4, 6), arrivals_stop=False
    )
    assert closed == [] and dt.date(2026, 4, 3) in special


def test_channel_forecast_plan_and_cost(tables):
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    f = channel_forecast(tables, channel="phone", charter=charter, horizon_days=7)
    assert len(f) == 5 * 20 and f.interval_start.iloc[0] == pd.Timestamp("2026-03-23 08:00")
    # a week like the three before it, within 15 %
    weekly = f.attrs["history"].arrivals.sum() / 3
    assert abs(f.arrivals.sum() / weekly - 1) < 0.15
    assert (f.aht_s > 0).all() and (f.arrivals_high >= f.arrivals).all()
    plan = plan_on_forecast(f, targets=("80/20", "90/10"), shrinkage=0.3)
    cost = plan_cost(plan, cost_per_agent_h=35).set_index(["target", "scenario"])
    assert (
        cost.loc[("80/20", "high"), "scheduled_agent_h"]
        > cost.loc[("80/20", "mean"), "scheduled_agent_h"]
    )
    assert cost.loc[("90/10", "mean"), "cost"] > cost.loc[("80/20", "mean"), "cost"]
    mean80 = plan[(plan.target == "80/20") & (plan.scenario == "mean")]
    assert (mean80.service_level_pct.dropna() >= 80).all()
    # staffing_table reads the forecast's own column when told to
    direct = cx.staffing_table(f, offered_column="arrivals_high", service_level=0.8, shrinkage=0.3)
    high80 = plan[(plan.target == "80/20") & (plan.scenario == "high")]
    assert direct.agents.tolist() == high80.agents.tolist()


def test_channel_not_in_the_charter(tables):
    charter = cx.load_charter(cx.example_charter("small_service_desk"))  # phone and email only
    with pytest.raises(MissingDataError, match="no channel 'chat'"):
        channel_forecast(tables, channel="chat", charter=charter)


def test_blended_day_on_the_forecast(tables):
    phone = channel_forecast(tables, channel="phone", horizon_days=3)
    email = channel_forecast(tables, channel="email", horizon_days=1)
    day = blend_intervals(
        phone, email, day="2026-03-23", phone_agents=10, email_agents=2, blended_agents=3
    )
    assert len(day) == 20 and day.email_arrivals.sum() > 0
    team = cx.BlendedTeam(day, interval_min=30, phone_aht_s=290, email_handle_s=400, patience_s=150)
    s = team.run(replications=2, seed=3).summary.set_index("metric")
    assert 0 <= s.loc["phone_service_level_pct", "mean"] <= 100


def test_email_backlog_on_the_forecast(tables):
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    few = async_backlog_forecast(tables, channel="email", charter=charter, agents=2, handle_s=420)
    many = async_backlog_forecast(tables, channel="email", charter=charter, agents=9, handle_s=420)
    high = async_backlog_forecast(
        tables, channel="email", charter=charter, agents=9, handle_s=420, scenario="high"
    )
    assert len(few) == 7 and few.weekday.iloc[0] == "Monday"
    assert few.arrivals.sum() == pytest.approx(many.arrivals.sum())
    assert few.backlog_end.iloc[-1] > many.backlog_end.iloc[-1]
    assert (high.arrivals >= many.arrivals).all()
    # nobody works at the weekend: Saturday and Sunday handle nothing
    assert (many.set_index("weekday").loc[["Saturday", "Sunday"], "handled"] == 0).all()
    # items are conserved: what arrived is handled or still waiting
    assert many.arrivals.sum() == pytest.approx(many.handled.sum() + many.backlog_end.iloc[-1])


def _real_script():
    spec = importlib.util.spec_from_file_location(
        "forecast_real", ROOT / "benchmarks" / "forecast_real.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not (REAL / "na-bank-calls-5min-2003").exists(), reason="real data not present")
def test_real_bank_calls_backtest():
    mod = _real_script()
    hist = mod.bank_history(30)
    raw = pd.read_csv(mod.BANK)
    assert hist.arrivals.sum() == raw.calls_handled.sum()  # every 5-minute count kept
    # 164 weekdays x 29 half hours (07:00 ... the short 21:00 slot)
    assert len(hist) == 164 * 29
    acc = accuracy_table(backtest(hist, methods=["seasonal_naive", "mstl_arima"], origins=2))
    assert np.isfinite(acc[["wmape_pct", "mase", "coverage_pct"]].to_numpy()).all()
    naive = acc.set_index("method").loc["seasonal_naive"]
    assert 3 < naive.wmape_pct < 30 and 0.5 < naive.mase < 2  # a real, noisy, but regular series
    assert (acc.coverage_pct > 40).all()


@pytest.mark.skipif(
    not (REAL / "technion-anonymous-bank-1999").exists(), reason="real data not present"
)
def test_real_technion_history_and_backtest():
    mod = _real_script()
    hist = mod.technion_history(60)
    # 11 and 12 January have no calls (the README counts 29 days with data in January)
    assert hist.attrs["empty_days"] == [dt.date(1999, 1, 11), dt.date(1999, 1, 12)]
    assert hist.interval_start.min().date() == dt.date(1999, 1, 1)
    assert hist.interval_start.max().date() == dt.date(1999, 2, 28)
    acc = accuracy_table(backtest(hist, methods=["seasonal_naive"], origins=2))
    assert np.isfinite(acc[["wmape_pct", "mase", "coverage_pct"]].to_numpy()).all()


def _synthetic_calls(first: str, last: str, closed: set[dt.date], seed: int = 5) -> pd.DataFrame:
    """Calls on weekdays 08-16 local (Helsinki), 12 per hour, none on ``closed`` days."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in pd.bdate_range(first, last):
        if day.date() in closed:
            continue
        for hour in range(8, 16):
            n = rng.poisson(12 * (1.3 if day.day_of_week == 0 else 1.0))
            minutes = np.sort(rng.uniform(0, 60, n))
            rows += [day + pd.Timedelta(hours=hour, minutes=float(m)) for m in minutes]
    arrival = pd.DatetimeIndex(rows).tz_localize("Europe/Helsinki")
    return pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(len(arrival))],
            "channel": "phone",
            "arrival": arrival,
            "outcome": "answered",
            "handle_s": 240.0,
        }
    )


def test_charter_holidays_in_history_and_horizon():
    # Easter 2026 in the history (Good Friday 3 April, Easter Monday 6 April: closed, no calls);
    # May Day (Friday 1 May) in the horizon
    closed = {dt.date(2026, 4, 3), dt.date(2026, 4, 6)}
    calls = _synthetic_calls("2026-02-23", "2026-04-10", closed)
    charter = cx.loads_charter(
        """
name: t
calendars:
  office: {time_zone: Europe/Helsinki, holidays: {country: FI},
           hours: {mon: "08:00-16:00", tue: "08:00-16:00", wed: "08:00-16:00", thu: "08:00-16:00", fri: "08:00-16:00"}}
channels:
  phone: {label: {en: Phone, fi: Puhelin}, kind: sync, calendar: office}
"""
    )
    for method in ("mstl_ets", "seasonal_naive"):
        f = channel_forecast(
            {"contacts": calls}, charter=charter, channel="phone", horizon_days=21, method=method
        )
        day = f.groupby(f.interval_start.dt.date).arrivals.sum()
        assert day[dt.date(2026, 5, 1)] == 0  # the holidays package knows May Day
        # the Monday after Easter Monday is an ordinary Monday (8 h x 12 x 1.3): the holiday's
        # zero in the history did not leak into it, not even for seasonal naive
        assert abs(day[dt.date(2026, 4, 13)] / (96 * 1.3) - 1) < 0.2, method
        assert abs(day[dt.date(2026, 4, 30)] / 96 - 1) < 0.2, method


def test_history_across_the_autumn_clock_change():
    # every 20 minutes through the night clocks go back in Helsinki (25 Oct 2026, 04:00 -> 03:00)
    utc = pd.date_range(
        "2026-10-19 00:00", "2026-11-02 00:00", freq="20min", tz="UTC", inclusive="left"
    )
    calls = pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(len(utc))],
            "channel": "email",
            "arrival": utc.tz_convert("Europe/Helsinki"),
            "outcome": "answered",
        }
    )
    h = interval_history({"contacts": calls}, channel="email", interval_min=60)
    assert h.arrivals.sum() == len(calls)  # nothing lost
    assert len(h) == 15 * 24  # one row per wall-clock hour of the 15 local dates touched
    assert (
        h.set_index("interval_start").arrivals[pd.Timestamp("2026-10-25 03:00")] == 6
    )  # the hour lived twice


def test_a_day_without_data_is_left_out_of_the_fit():
    gap = dt.date(2026, 3, 25)  # a Wednesday with no calls at all, and no calendar to say why
    calls = _synthetic_calls("2026-02-23", "2026-03-27", {gap})
    h = interval_history({"contacts": calls}, channel="phone", interval_min=60)
    assert h.attrs["empty_days"] == [gap]
    f = channel_forecast({"contacts": calls}, channel="phone", method="seasonal_naive")
    wed = f[f.interval_start.dt.date == dt.date(2026, 4, 1)].arrivals.sum()
    assert abs(wed / 96 - 1) < 0.2  # last week's copy comes from the Wednesday before the gap
    quiet = calls[calls.arrival.dt.day_of_week != 2].iloc[::40]  # a few calls a day: zeros happen
    assert interval_history({"contacts": quiet}, channel="phone").attrs["empty_days"] == []
