from __future__ import annotations

import pandas as pd
import pytest

from cxkit.plan.async_work import async_backlog, async_backlog_by_day, async_required_agents


def test_required_agents_formula():
    # 400 arrivals + 100 backlog, 6 min each = 50 agent hours over an 8-hour day = 6.25 agents
    assert (
        async_required_agents(arrivals=400, backlog=100, handle_s=360, open_hours_in_window=8)
        == 6.25
    )
    with pytest.raises(ValueError, match="no open hours"):
        async_required_agents(arrivals=1, backlog=0, handle_s=1, open_hours_in_window=0)


def test_backlog_fifo_and_conservation():
    iv = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-03-02 00:00", periods=48, freq="h"),
            "arrivals": [5.0] * 48,
        }
    )
    iv["agents"] = [(1 if 8 <= ts.hour < 16 else 0) for ts in iv.interval_start]
    out = async_backlog(iv, handle_s=360, backlog_start=20, within_h=8)
    # conservation: start + arrivals = handled + final backlog
    assert 20 + out.arrivals.sum() == pytest.approx(out.handled.sum() + out.backlog_end.iloc[-1])
    assert (out.backlog_end >= 0).all()
    overnight = out[(out.interval_start.dt.hour == 7) & (out.interval_start.dt.day == 3)]
    assert (overnight.oldest_age_h > 8).all()  # items from yesterday afternoon wait overnight


def test_backlog_counts_answered_within():
    iv = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-03-02 00:00", periods=48, freq="h"),
            "arrivals": [5.0] * 48,
            "agents": 1,
        }
    )
    out = async_backlog(iv, handle_s=600, within_h=2)
    done = out[out.handled > 0]
    assert done.answered_within_pct.to_numpy() == pytest.approx(
        (100 * done.answered_within / done.handled).to_numpy()
    )


def test_backlog_by_day_from_open_hours():
    iv = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-03-02 00:00", periods=72, freq="h"),
            "arrivals": 3.0,
        }
    )
    iv["open_h"] = iv.interval_start.dt.hour.between(8, 15).astype(float)
    days = async_backlog_by_day(iv, agents=1, handle_s=600, within_h=24)
    # the same as async_backlog with the agents on in the open hours, summed per day
    by_iv = async_backlog(iv.assign(agents=iv.open_h), handle_s=600, within_h=24)
    assert days.weekday.tolist() == ["Monday", "Tuesday", "Wednesday"]
    assert days.handled.sum() == pytest.approx(by_iv.handled.sum())
    assert days.backlog_end.iloc[-1] == by_iv.backlog_end.iloc[-1]
    assert days.answered_within_pct.iloc[0] == pytest.approx(
        100 * by_iv.answered_within[:24].sum() / by_iv.handled[:24].sum()
    )
    half = async_backlog_by_day(iv.assign(open_h=iv.open_h / 2), agents=2, handle_s=600)
    assert half.handled.tolist() == pytest.approx(
        days.handled.tolist()
    )  # half open, twice the team
    with pytest.raises(KeyError, match="open_h"):
        async_backlog_by_day(iv.drop(columns="open_h"), agents=1, handle_s=600)
