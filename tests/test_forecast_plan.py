"""Plans on a forecast: each scenario is staffing_table on its column; hours and cost by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cxkit.plan.forecast_plan import blend_intervals, plan_cost, plan_on_forecast
from cxkit.plan.staffing import staffing_table


@pytest.fixture
def fc() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-03-23 08:00", periods=3, freq="30min"),
            "arrivals": [100.0, 50.0, 0.0],
            "arrivals_low": [90.0, 40.0, 0.0],
            "arrivals_high": [120.0, 60.0, 0.0],
            "aht_s": 180.0,
            "interval_min": 30.0,
        }
    )


def test_each_scenario_is_staffing_table_on_its_column(fc):
    plan = plan_on_forecast(fc, targets=("80/20", "90/10"), shrinkage=0.3)
    assert len(plan) == 2 * 2 * 3
    for target, sl, thr in (("80/20", 0.8, 20), ("90/10", 0.9, 10)):
        for scen, col in (("mean", "arrivals"), ("high", "arrivals_high")):
            got = plan[(plan.target == target) & (plan.scenario == scen)]
            want = staffing_table(
                fc, offered_column=col, service_level=sl, threshold_s=thr, shrinkage=0.3
            )
            assert got.agents.tolist() == want.agents.tolist()
            assert got.scheduled.tolist() == want.scheduled.tolist()
    # the reference case of metrics.md: 100 calls / 30 min, AHT 180 s, 80/20 -> 14 agents, 20 at 30 %
    first = plan[(plan.target == "80/20") & (plan.scenario == "mean")].iloc[0]
    assert (first.agents, first.scheduled) == (14, 20)


def test_cost_by_hand(fc):
    plan = plan_on_forecast(fc, targets=("80/20",), scenarios=("mean",), shrinkage=0.3)
    cost = plan_cost(plan, cost_per_agent_h=40.0).iloc[0]
    # agents 14, 8, 0 -> 11 h on the phones; scheduled 20, 12, 0 -> 16 h; one day -> one week
    assert cost.required_agent_h == 11.0 and cost.scheduled_agent_h == 16.0
    assert cost.days == 7.0 and cost.cost == 640.0 and cost.cost_per_week == 640.0
    two_weeks = plan_cost(plan, cost_per_agent_h=40.0, days=14).iloc[0]
    assert two_weeks.cost_per_week == 320.0


def test_plan_errors(fc):
    with pytest.raises(ValueError, match="unknown scenario"):
        plan_on_forecast(fc, scenarios=("p99",))
    with pytest.raises(ValueError, match="aht_s NaN"):
        plan_on_forecast(fc.assign(aht_s=float("nan")))


def test_blend_intervals(fc):
    email = fc.assign(arrivals=[5.0, 6.0, 7.0])
    day = blend_intervals(
        fc, email, day="2026-03-23", phone_agents=[10, 6, 0], email_agents=2, blended_agents=1
    )
    assert day.phone_arrivals.tolist() == [100.0, 50.0, 0.0]
    assert day.email_arrivals.tolist() == [5.0, 6.0, 7.0]
    assert day.phone_agents.tolist() == [10, 6, 0] and day.blended_agents.tolist() == [1, 1, 1]
    high = blend_intervals(
        fc,
        email,
        day="2026-03-23",
        phone_agents=1,
        email_agents=1,
        blended_agents=0,
        scenario="high",
    )
    assert high.phone_arrivals.tolist() == [120.0, 60.0, 0.0]
    with pytest.raises(ValueError, match="no intervals"):
        blend_intervals(
            fc, email, day="2026-03-24", phone_agents=1, email_agents=1, blended_agents=1
        )
