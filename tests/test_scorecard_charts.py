from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

from cxkit.charter.model import loads_charter
from cxkit.measure.scorecard import summary
from cxkit.measure.views import async_daily, drilldown, sl_profile, weekly_rollup
from cxkit.ui.scorecard_charts import (
    async_daily_chart,
    bullet_chart,
    drilldown_chart,
    sl_profile_chart,
    status_heatmap,
    trend_chart,
)


def _layers(spec: dict) -> list[dict]:
    out = [spec]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            out += _layers(sub)
    return out


def _axis_titles(spec: dict) -> set[str]:
    titles = set()
    for layer in _layers(spec):
        for ch in ("x", "y"):
            t = layer.get("encoding", {}).get(ch, {}).get("title")
            if t:
                titles.add(t)
    return titles


def _datasets_rows(spec: dict) -> int:
    return sum(len(v) for v in spec.get("datasets", {}).values())


def test_heatmap_has_title_and_one_cell_per_target_period(sample_scorecard):
    spec = status_heatmap(sample_scorecard).to_dict()
    assert spec["title"].startswith("Targets by period")
    assert {"Period start (date)", "Target"} <= _axis_titles(spec)
    assert _datasets_rows(spec) == len(sample_scorecard)


def _year_scorecard(n_targets: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    days = pd.date_range("2026-01-01", periods=365, freq="D", tz="Europe/Helsinki")
    rows = []
    for t in range(n_targets):
        den = rng.integers(0, 500, len(days))
        num = rng.binomial(den, 0.8)
        actual = np.where(den > 0, 100 * num / np.maximum(den, 1), np.nan)
        rows.append(
            pd.DataFrame(
                {
                    "target_id": f"t{t:02d}",
                    "metric": "service_level",
                    "period_start": days,
                    "actual": actual,
                    "threshold": 80.0,
                    "amber": 75.0,
                    "unit": "%",
                    "direction": "higher",
                    "n": den,
                    "numerator": num.astype(float),
                    "denominator": den.astype(float),
                    "kind": "ratio",
                    "status": np.where(
                        den == 0,
                        "no_data",
                        np.where(actual >= 80, "met", np.where(actual >= 75, "near", "missed")),
                    ),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def test_heatmap_of_a_year_rolls_up_to_weeks_from_counts():
    sc = _year_scorecard()
    chart = status_heatmap(sc)
    spec = chart.to_dict()  # no MaxRowsError
    assert "by week" in spec["title"]
    assert _datasets_rows(spec) <= 30 * 54
    wk = weekly_rollup(sc)
    one = sc[sc.target_id == "t03"]
    first_week = one[
        one.period_start.dt.tz_localize(None) < pd.Timestamp("2026-01-05")
    ]  # Thu 1 Jan - Sun 4 Jan
    r = wk[(wk.target_id == "t03")].sort_values("period_start").iloc[0]
    assert r.period_start == pd.Timestamp("2025-12-29")  # weeks start on Monday
    assert r.actual == pytest.approx(
        100 * first_week.numerator.sum() / first_week.denominator.sum()
    )
    assert r.n == first_week.n.sum()


def test_rollup_of_means_weights_by_n_and_percentiles_take_the_worst_day():
    days = pd.date_range("2026-03-02", periods=2, freq="D", tz="Europe/Helsinki")
    base = {
        "period_start": days,
        "threshold": 30.0,
        "amber": 40.0,
        "unit": "s",
        "direction": "lower",
        "numerator": np.nan,
        "denominator": np.nan,
    }
    sc = pd.concat(
        [
            pd.DataFrame(
                {
                    **base,
                    "target_id": "asa",
                    "kind": "mean",
                    "actual": [20.0, 50.0],
                    "n": [300, 100],
                    "status": ["met", "missed"],
                }
            ),
            pd.DataFrame(
                {
                    **base,
                    "target_id": "p90",
                    "kind": "percentile",
                    "actual": [20.0, 35.0],
                    "n": [300, 100],
                    "status": ["met", "near"],
                }
            ),
        ]
    )
    wk = weekly_rollup(sc).set_index("target_id")
    assert wk.loc["asa", "actual"] == pytest.approx((20 * 300 + 50 * 100) / 400)  # 27.5 s: met
    assert wk.loc["asa", "status"] == "met"
    assert wk.loc["p90", "status"] == "near" and np.isnan(wk.loc["p90", "actual"])


def test_bullet_chart_draws_threshold_and_band(sample_scorecard):
    s = summary(sample_scorecard)
    s = s.assign(actual=s.overall, amber=s.threshold * 0.9, status="met").dropna(subset=["actual"])
    spec = bullet_chart(s).to_dict()
    assert spec["title"]
    marks = [
        la.get("mark", {}).get("type") if isinstance(la.get("mark"), dict) else la.get("mark")
        for la in _layers(spec)
    ]
    assert "tick" in marks  # the threshold
    assert any("percent of the threshold" in t for t in _axis_titles(spec))  # one unit for all


def test_sl_profile_from_counts_and_target_line(sample_tables):
    c = sample_tables["contacts"]
    prof = sl_profile(c, channel="phone", threshold_s=20, target_pct=80)
    tod = prof[prof.dimension == "time_of_day"]
    assert tod.offered.sum() == prof[prof.dimension == "weekday"].offered.sum()
    assert (
        (tod.ci_low_pct <= tod.service_level_pct) & (tod.service_level_pct <= tod.ci_high_pct)
    ).all()
    spec = sl_profile_chart(prof).to_dict()
    assert (
        "target 80" in spec["title"]["text"]
        if isinstance(spec["title"], dict)
        else "target 80" in spec["title"]
    )
    assert {"Service level (%)", "Interval of the day (local time)", "Weekday"} <= _axis_titles(
        spec
    )
    rules = [
        la
        for la in _layers(spec)
        if la.get("mark") in ("rule",)
        or (isinstance(la.get("mark"), dict) and la["mark"].get("type") == "rule")
    ]
    assert len(rules) >= 2


def test_trend_and_drilldown(sample_scorecard, sample_tables):
    spec = trend_chart(sample_scorecard, "phone-sl").to_dict()
    assert "phone-sl" in spec["title"] and "Actual (%)" in _axis_titles(spec)
    sl = sample_scorecard[
        (sample_scorecard.target_id == "phone-sl") & (sample_scorecard.status == "missed")
    ]
    day = sl.period_start.iloc[0]
    dd = drilldown(
        sample_tables["contacts"], channel="phone", day=day, threshold_s=20, target_pct=80
    )
    row = sl.iloc[0]
    assert dd.offered.sum() == row.denominator and dd.answered_within.sum() == row.numerator
    assert (dd.shortfall >= 0).all() and dd.shortfall.sum() > 0
    spec = drilldown_chart(dd).to_dict()
    assert "target 80" in spec["title"] and "Service level (%)" in _axis_titles(spec)


def test_charts_render_offline_to_svg(sample_scorecard):
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(status_heatmap(sample_scorecard).to_dict())
    assert svg.startswith("<svg") and "Targets by period" in svg


def test_alt_is_not_globally_unlimited():
    assert alt.data_transformers.active == "default"


def _tickets(rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    tz = "Europe/Helsinki"
    return pd.DataFrame(
        {
            "ticket_id": [f"t{i}" for i in range(len(rows))],
            "channel": "email",
            "created": pd.to_datetime([c for c, _ in rows]).tz_localize(tz),
            "first_reply": pd.to_datetime([r for _, r in rows]).tz_localize(tz),
        }
    )


def test_async_daily_by_hand(minimal_doc):
    import yaml

    charter = loads_charter(yaml.safe_dump(minimal_doc))  # email office: Mon and Tue 8-16
    tk = _tickets(
        [
            ("2026-03-02 09:00", "2026-03-02 10:00"),  # 1 business hour: within
            ("2026-03-02 15:00", "2026-03-03 15:00"),  # 1 + 7 = 8 business hours: within (<=)
            ("2026-03-02 15:30", "2026-03-03 16:00"),  # 0.5 + 8 = 8.5: missed
            ("2026-03-03 12:00", None),  # open, 4 business hours old at the data end: not judged
        ]
    )
    d = async_daily(charter, {"tickets": tk}, "email-rsl").set_index("day")
    mon, tue = d.loc["2026-03-02"], d.loc["2026-03-03"]
    assert (mon.created, mon.replied, mon.open_end, mon.responded_within, mon.judged) == (
        3,
        1,
        2,
        2,
        3,
    )
    assert mon.response_sl_pct == pytest.approx(200 / 3)
    assert (tue.created, tue.replied, tue.open_end, tue.judged) == (1, 2, 1, 0)
    assert np.isnan(tue.response_sl_pct)
    with pytest.raises(ValueError, match="response_service_level"):
        async_daily(charter, {"tickets": tk}, "sl")


def test_async_daily_on_the_sample_adds_up(sample_tables, sample_scorecard):
    from cxkit.charter.model import load_charter
    from cxkit.settings import example_charter

    charter = load_charter(example_charter("finnish_contact_centre"))
    d = async_daily(charter, sample_tables, "email-response")
    tk = sample_tables["tickets"].data
    email = tk[tk.channel == "email"]
    assert d.created.sum() == len(email) and d.replied.sum() == email.first_reply.notna().sum()
    assert (
        d.open_end.iloc[-1]
        == email.first_reply.isna().sum()
        + (
            email.first_reply > d.day.max().tz_localize("Europe/Helsinki") + pd.Timedelta(days=1)
        ).sum()
    )
    weekly = sample_scorecard[sample_scorecard.target_id == "email-response"]
    assert (
        d.responded_within.sum() == weekly.numerator.sum()
        and d.judged.sum() == weekly.denominator.sum()
    )
    spec = async_daily_chart(d).to_dict()
    assert spec["title"] and len(pd.DataFrame(d)) < 400
    assert "Answered within target (%)" in _axis_titles(
        spec
    ) and "Open items at day end (items)" in _axis_titles(spec)


def test_drilldown_honours_the_interval_length(sample_tables):
    """Regression: drilldown accepted interval_min but always cut 30-minute intervals."""
    c = sample_tables["contacts"].data
    day = c.arrival.iloc[0]
    g30 = drilldown(c, channel="phone", day=day, threshold_s=20, target_pct=80)
    g60 = drilldown(c, channel="phone", day=day, threshold_s=20, target_pct=80, interval_min=60)
    assert g60.period_start.nunique() < g30.period_start.nunique()
    assert g60.offered.sum() == g30.offered.sum()
