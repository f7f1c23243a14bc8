from __future__ import annotations

import pandas as pd
import pytest

from cxkit.plan.async_work import async_backlog, async_required_agents


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
