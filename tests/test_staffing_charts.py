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
    assert spec["spec"]["encoding"]["y"]["title"] == "Agents (count)"
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 20 * 3 and set(rows[0]) == {"time", "day", "series", "value"}  # 3 series
    assert rows[0]["time"] == "08:00"  # the local clock as text: the same in every browser


def test_agents_chart_keeps_the_channel_clock_and_skips_closed_hours():
    iv = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(
                ["2026-03-06 08:00", "2026-03-06 17:30", "2026-03-09 08:00"]
            ).tz_localize("Europe/Helsinki"),
            "offered": 100,
            "aht_s": 180,
            "interval_min": 30,
        }
    )
    chart = agents_chart(staffing_table(iv, service_level=0.8, shrinkage=0.3), lang="fi")
    spec = chart.to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {r["time"] for r in rows} == {"08:00", "17:30"}  # 08:00 Helsinki, not 06:00 UTC
    assert spec["facet"]["column"]["sort"] == ["pe 6.3.", "ma 9.3."]  # one panel per day
    assert spec["title"] == "Tarvittavat asiantuntijat jaksoittain"


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
