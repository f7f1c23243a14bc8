"""Quality charts: titles, axis units and the target or plan drawn, checked through to_dict()."""

from __future__ import annotations

import pandas as pd

from cxkit.ui.quality_charts import (
    agreement_chart,
    coaching_chart,
    coverage_chart,
    evaluator_bias_chart,
    qa_scores_chart,
)


def _layers(chart):
    return chart.to_dict()["layer"]


def test_scores_chart_has_target_axis_units_and_fades_too_few():
    s = pd.DataFrame(
        {
            "agent": ["a", "b"],
            "n": [2, 8],
            "score": [70.0, 90.0],
            "ci_low": [float("nan"), 80.0],
            "ci_high": [float("nan"), 97.0],
            "too_few": [True, False],
        }
    )
    d = qa_scores_chart(s, target=85, lang="fi").to_dict()
    assert d["title"] == "Laatupisteet asiantuntijoittain (tavoitetaso 85)"
    assert d["layer"][0]["encoding"]["y"]["title"] == "Laatupisteet (0-100)"
    assert any(
        layer["mark"]["type"] == "rule" and "strokeDash" in layer["mark"] for layer in d["layer"]
    )
    assert "opacity" in d["layer"][1]["encoding"]


def test_coverage_bias_and_agreement_charts():
    cov = pd.DataFrame(
        {
            "agent": ["a"],
            "month": ["2026-03"],
            "evaluations": [3],
            "planned": [4.0],
            "coverage_pct": [75.0],
        }
    )
    d = coverage_chart(cov).to_dict()
    assert (
        "plan = 100 %" in d["title"]
        and d["layer"][0]["encoding"]["y"]["title"] == "Coverage (% of plan)"
    )
    b = pd.DataFrame(
        {"evaluator": ["P"], "mean_diff": [12.0], "within_pct": [10.0], "contacts": [6]}
    )
    d = evaluator_bias_chart(b).to_dict()
    assert (
        "(±5 points)" in d["title"]
        and d["layer"][2]["encoding"]["x"]["title"] == "Mean deviation (points)"
    )
    q = pd.DataFrame(
        {"question_id": ["x"], "alpha": [0.6], "agree_pct": [50.0], "level": ["ordinal"]}
    )
    d = agreement_chart(q).to_dict()
    assert d["title"].endswith("(reliable from 0.8)") and d["layer"][1]["mark"]["type"] == "rule"


def test_coaching_heat_map_is_on_the_score_scale():
    s = pd.DataFrame(
        {
            "agent": ["a", "a"],
            "section": ["x", "y"],
            "n": [4, 1],
            "score": [60.0, 90.0],
            "too_few": [False, True],
        }
    )
    d = coaching_chart(s, lang="fi").to_dict()
    assert d["title"].startswith("Osioiden pisteet")
    assert d["encoding"]["color"]["scale"]["domain"] == [0, 100]
    assert d["encoding"]["color"]["title"] == "Laatupisteet (0-100)"
