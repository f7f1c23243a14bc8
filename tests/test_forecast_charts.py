"""Forecast charts and the planner widget: titles, axes with units, the baseline drawn, Finnish."""

from __future__ import annotations

import pandas as pd
import pytest

import cxkit as cx
from cxkit.ui.forecast_charts import accuracy_chart, forecast_agents_chart, forecast_chart
from cxkit.ui.forecast_widgets import ForecastPlanner


@pytest.fixture(scope="module")
def forecast():
    return cx.channel_forecast(cx.sample_dir(), channel="phone", horizon_days=7)


def _layers(spec):
    return spec.get("layer", [spec])


def test_forecast_chart_has_band_lines_title_and_units(forecast):
    spec = forecast_chart(forecast.attrs["history"], forecast, channel="phone").to_dict()
    assert spec["title"] == "phone: history and forecast, 80 % prediction interval"
    band, lines = _layers(spec)
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "arrivals_high"
    assert lines["encoding"]["y"]["title"] == "Contacts per interval"
    assert lines["encoding"]["x"]["title"] == "Interval start (local time)"
    fi = forecast_chart(forecast.attrs["history"], forecast, channel="puhelin", lang="fi").to_dict()
    assert fi["title"].startswith("puhelin: toteuma ja ennuste")


def test_accuracy_chart_draws_seasonal_naive():
    acc = pd.DataFrame(
        {
            "method": ["seasonal_naive", "mstl_ets"],
            "wmape_pct": [12.0, 10.0],
            "mase": [1.1, 0.9],
            "coverage_pct": [70.0, 80.0],
            "beats_naive": [False, True],
        }
    )
    spec = accuracy_chart(acc).to_dict()
    bars, rule = _layers(spec)
    assert rule["mark"]["type"] == "rule"
    assert spec["datasets"][rule["data"]["name"]][0]["naive"] == 12.0
    assert bars["encoding"]["y"]["title"] == "wMAPE (%), lower is better"


def test_agents_chart_and_planner(forecast):
    plan = cx.plan_on_forecast(forecast, targets=("80/20",), shrinkage=0.3)
    spec = forecast_agents_chart(plan, target="80/20", lang="fi").to_dict()
    assert spec["title"] == "Agentit jaksoittain tavoitetasolle 80/20 ennusteella"
    assert spec["encoding"]["y"]["title"] == "Vuoroon agentteja (poissaolot mukana)"
    with pytest.raises(ValueError, match="no target"):
        forecast_agents_chart(plan, target="90/10")
    w = ForecastPlanner(cx.sample_dir(), channel="phone", cost_per_agent_h=30, lang="fi")
    w.horizon.value, w.target.value = 3, "90/10"
    w.button.click()
    assert w.plan is not None and set(w.plan.target) == {"90/10"}
    cost = w.run()
    assert (cost.cost_per_week > 0).all()
