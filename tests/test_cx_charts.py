"""Customer-experience charts: titles, axis units, intervals and targets in the spec, both languages."""

from __future__ import annotations

import pandas as pd

from cxkit.ui.cx_charts import driver_forest_chart, response_chart, score_chart


def _data(spec, layer):
    """The rows a layer draws: its own data, or the chart's shared data."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def _scores():
    return pd.DataFrame(
        {
            "channel": ["phone", "chat", "email"],
            "measure": "nps",
            "n": [824, 176, 298],
            "value": [8.4, 16.5, -24.8],
            "ci_low": [2.9, 4.7, -33.6],
            "ci_high": [13.9, 28.3, -16.1],
        }
    )


def test_score_chart_has_intervals_n_and_target():
    spec = score_chart(_scores(), measure="nps", target=20).to_dict()
    assert spec["title"] == "NPS (points) by channel, 95 % intervals (target 20)"
    bars, points, labels, rule = spec["layer"]
    assert bars["mark"]["type"] == "rule" and bars["encoding"]["x2"]["field"] == "ci_high"
    assert bars["encoding"]["x"]["title"] == "NPS (points)"
    assert points["encoding"]["x"]["field"] == "value"
    assert {r["label"] for r in _data(spec, labels)} == {"n = 824", "n = 176", "n = 298"}
    assert _data(spec, rule) == [{"target": 20}]
    assert len(_data(spec, points)) == 3  # a small pre-aggregated frame


def test_score_chart_in_finnish_without_target():
    spec = score_chart(_scores(), measure="nps", lang="fi").to_dict()
    assert spec["title"] == "NPS (pistettä): kanava, 95 %:n luottamusvälit"
    assert len(spec["layer"]) == 3
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Kanava"


def test_response_chart_by_visibility_and_priority():
    f = pd.DataFrame(
        {
            "visibility": ["private", "private", "public", "public"],
            "priority": ["high", "normal", "high", "normal"],
            "n": [108, 438, 81, 282],
            "value": [39.8, 49.3, 58.0, 47.9],
            "ci_low": [31.1, 44.7, 47.2, 42.1],
            "ci_high": [49.2, 54.0, 68.2, 53.7],
        }
    )
    spec = response_chart(f, within_h=1, target_pct=90).to_dict()
    assert spec["title"] == "Customer messages replied within 1 h, 95 % intervals (target 90 %)"
    bars, points, rule = spec["layer"]
    assert bars["encoding"]["x"]["title"] == "Replied within 1 h (%)"
    assert points["encoding"]["color"]["field"] == "priority"
    assert _data(spec, rule) == [{"target": 90}]
    fi = response_chart(f, within_h=1, lang="fi").to_dict()
    assert fi["layer"][0]["encoding"]["color"]["title"] == "Kiireellisyys"


def test_forest_plot_log_scale_and_line_of_no_effect():
    d = pd.DataFrame(
        {
            "factor": ["waited over 2 minutes", "were transferred"],
            "exposed_n": [37, 62],
            "risk_ratio": [2.9, 1.07],
            "rr_ci_low": [2.1, 0.78],
            "rr_ci_high": [4.0, 1.47],
            "odds_ratio": [12.3, 1.06],
            "or_ci_low": [5.4, 0.54],
            "or_ci_high": [28.0, 2.1],
        }
    )
    d.attrs["outcome"] = "detractor"
    spec = driver_forest_chart(d).to_dict()
    assert spec["title"].startswith("What moves the customer's score: how much more likely to be")
    bars, points, one = spec["layer"]
    assert bars["encoding"]["x"]["scale"]["type"] == "log"
    assert bars["encoding"]["x"]["title"] == "Risk ratio (log scale; 1 = no effect)"
    assert _data(spec, one) == [{"no_effect": 1.0}]
    assert [r["ratio"] for r in _data(spec, points)] == [2.9, 1.07]
    odds = driver_forest_chart(d, ratio="odds", lang="fi").to_dict()
    assert odds["layer"][0]["encoding"]["x"]["title"].startswith("Ristitulosuhde")
    assert [r["ratio"] for r in _data(odds, odds["layer"][1])] == [12.3, 1.06]


def test_forest_plot_leaves_out_factors_without_a_ratio():
    d = pd.DataFrame(
        {
            "factor": ["waited over 2 minutes", "cut short"],
            "exposed_n": [37, 15],
            "risk_ratio": [2.9, float("nan")],
            "rr_ci_low": [2.1, float("nan")],
            "rr_ci_high": [4.0, float("nan")],
        }
    )
    spec = driver_forest_chart(d).to_dict()
    assert [r["factor"] for r in _data(spec, spec["layer"][1])] == ["waited over 2 minutes"]
