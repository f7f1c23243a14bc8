from __future__ import annotations

import pandas as pd

from cxkit.plan.staffing import cost_curve, staffing_table
from cxkit.ui.staffing_charts import agents_chart, blended_day_chart, cost_curve_chart


def _layers(spec):
    return spec.get("layer") or [spec]


def test_cost_curve_chart_has_title_units_and_target():
    spec = cost_curve_chart(
        cost_curve(offered=100, interval_min=30, aht_s=180), target_pct=80
    ).to_dict()
    assert "target 80" in spec["title"]
    line, rule = spec["layer"]
    assert line["encoding"]["y"]["title"] == "Service level (%)"
    assert rule["mark"]["type"] == "rule"
    assert spec["datasets"][rule["data"]["name"]][0]["target"] == 80


def test_agents_chart_small_frame():
    iv = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-03-02 08:00", periods=20, freq="30min"),
            "offered": 100,
            "aht_s": 180,
            "interval_min": 30,
        }
    )
    spec = agents_chart(staffing_table(iv, service_level=0.8, shrinkage=0.3)).to_dict()
    assert spec["encoding"]["y"]["title"] == "Agents (count)"
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 20 and set(rows[0]) == {
        "interval_start",
        "agents",
        "scheduled",
        "load_erlangs",
    }
    assert spec["transform"][0]["fold"] == ["agents", "scheduled", "load_erlangs"]  # 3 series


def test_blended_day_chart_has_target():
    means = pd.DataFrame(
        {
            "interval": range(4),
            "start_h": [8, 8.5, 9, 9.5],
            "phone_service_level_pct": [80, 70, 90, 85],
            "email_backlog_end": [5, 10, 8, 2],
        }
    )
    spec = blended_day_chart(means, sl_target_pct=80).to_dict()
    titles = [p["title"] for p in spec["vconcat"]]
    assert any("target 80" in t for t in titles)
    assert spec["vconcat"][0]["layer"][0]["encoding"]["x"]["field"] == "start_h"


def test_cost_curve_chart_draws_the_percent_column_as_given():
    curve = cost_curve(offered=100, interval_min=30, aht_s=180, thresholds_s=(20,))
    spec = cost_curve_chart(curve).to_dict()
    rows = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert [r["service_level_pct"] for r in rows] == curve.service_level_pct.tolist()
