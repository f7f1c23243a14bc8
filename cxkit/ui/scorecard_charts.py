"""Altair charts of the scorecard: heatmap, bullets, service level by interval and weekday, trend,
drill-down, and the daily response level and backlog of an asynchronous channel. Each draws a small
pre-aggregated frame from :mod:`cxkit.measure.views` (a year of data is a few hundred rows), has a
title and axis units, and draws the target. Chart modules only draw.

>>> import pandas as pd
>>> sc = pd.DataFrame({"target_id": ["a", "a"], "period_start": pd.to_datetime(["2026-03-02", "2026-03-03"]),
...                    "status": ["met", "missed"], "actual": [85.0, 70.0], "threshold": [80.0, 80.0],
...                    "unit": ["%", "%"], "n": [100, 90]})
>>> status_heatmap(sc).to_dict()["title"]
'Targets by period: met, near, missed or no data'
"""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from cxkit.measure.views import weekly_rollup

__all__ = [
    "STATUS_COLOURS",
    "async_daily_chart",
    "bullet_chart",
    "drilldown_chart",
    "sl_profile_chart",
    "status_heatmap",
    "trend_chart",
]

STATUS_COLOURS = {"met": "#1a9850", "near": "#fdae61", "missed": "#d73027", "no_data": "#d9d9d9"}


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))


def status_heatmap(
    scorecard: pd.DataFrame,
    *,
    title: str = "Targets by period: met, near, missed or no data",
    max_cells: int = 3000,
) -> alt.Chart:
    """Targets x periods coloured by status. Beyond ``max_cells`` cells (a year of daily targets) the
    periods are rolled up to weeks from counts (``weekly_rollup``) so the chart stays small."""
    cols = ["target_id", "period_start", "status", "actual", "threshold", "unit", "n"]
    if len(scorecard) > max_cells:
        df = weekly_rollup(scorecard)
        title = f"{title} (by week, recomputed from counts)"
    else:
        df = scorecard[cols].copy()
        start = pd.to_datetime(df.period_start)
        df["period_start"] = start.dt.tz_localize(None) if start.dt.tz is not None else start
    return (
        alt.Chart(df)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("yearmonthdate(period_start):O", title="Period start (date)"),
            y=alt.Y("target_id:N", title="Target"),
            color=alt.Color("status:N", scale=_status_scale(), title="Status"),
            tooltip=[
                "target_id",
                alt.Tooltip("period_start:T", title="period"),
                "status",
                alt.Tooltip("actual:Q", format=".1f"),
                "threshold",
                "unit",
                "n",
            ],
        )
        .properties(
            title=title, width=alt.Step(18 if len(df) <= 60 * df.target_id.nunique() else 6)
        )
    )


def bullet_chart(
    summary: pd.DataFrame, *, title: str = "Each target: overall actual against its threshold"
) -> alt.LayerChart:
    """One bullet per target (``target_id, actual, threshold, amber, unit, status``): bar = actual,
    tick = threshold, shaded band = the near band. Targets in different units get their own rows."""
    df = summary.copy()
    df["label"] = df.target_id + " (" + df.unit + ")"
    base = alt.Chart(df).encode(y=alt.Y("label:N", title=None))
    band = base.mark_bar(color="#fee08b", opacity=0.6).encode(
        x=alt.X("amber:Q", title="Actual (metric unit)"), x2="threshold:Q"
    )
    bar = base.mark_bar(size=10).encode(
        x="actual:Q",
        color=alt.Color("status:N", scale=_status_scale(), title="Status"),
        tooltip=["target_id", alt.Tooltip("actual:Q", format=".1f"), "threshold", "amber", "unit"],
    )
    tick = base.mark_tick(color="black", thickness=2, size=22).encode(x="threshold:Q")
    return alt.layer(band, bar, tick).resolve_scale(x="shared").properties(title=title, width=420)


def sl_profile_chart(profile: pd.DataFrame, *, title: str | None = None) -> alt.HConcatChart:
    """Service level by interval of the day and by weekday, with CI bars and the target line."""
    target = float(profile.target_pct.iloc[0])
    charts = []
    for dim, label, order in (
        ("time_of_day", "Interval of the day (local time)", None),
        ("weekday", "Weekday", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
    ):
        d = profile[profile.dimension == dim]
        x = alt.X("key:N", title=label, sort=order)
        pts = (
            alt.Chart(d)
            .mark_bar()
            .encode(
                x=x,
                y=alt.Y(
                    "service_level_pct:Q",
                    title="Service level (%)",
                    scale=alt.Scale(domain=[0, 100]),
                ),
                color=alt.condition(
                    alt.datum.service_level_pct >= target,
                    alt.value("#1a9850"),
                    alt.value("#d73027"),
                ),
                tooltip=["key", alt.Tooltip("service_level_pct:Q", format=".1f"), "offered"],
            )
        )
        err = alt.Chart(d).mark_rule().encode(x=x, y="ci_low_pct:Q", y2="ci_high_pct:Q")
        rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
        charts.append(
            (pts + err + rule).properties(width=420 if dim == "time_of_day" else 200, height=220)
        )
    return alt.hconcat(*charts).properties(
        title=title or f"Service level by interval and weekday (target {target:g} %)"
    )


def trend_chart(scorecard: pd.DataFrame, target_id: str) -> alt.LayerChart:
    """One target over its periods: actual with its confidence band, threshold and near band edge."""
    d = scorecard[(scorecard.target_id == target_id) & (scorecard.n > 0)].copy()
    unit = d.unit.iloc[0] if len(d) else ""
    d["period_start"] = pd.to_datetime(d.period_start).dt.tz_localize(None)
    base = alt.Chart(d).encode(x=alt.X("period_start:T", title="Period start"))
    band = base.mark_area(opacity=0.25).encode(
        y=alt.Y("ci_low:Q", title=f"Actual ({unit})"), y2="ci_high:Q"
    )
    line = base.mark_line(point=True).encode(
        y="actual:Q",
        color=alt.Color("status:N", scale=_status_scale(), title="Status"),
        tooltip=["period_start:T", alt.Tooltip("actual:Q", format=".1f"), "n", "status"],
    )
    rules = (
        alt.Chart(
            pd.DataFrame({"y": [d.threshold.iloc[0] if len(d) else 0], "what": ["threshold"]})
        )
        .mark_rule(strokeDash=[5, 3])
        .encode(y="y:Q")
    )
    layers = [band, base.mark_line(color="#666").encode(y="actual:Q"), line, rules]
    if len(d) and pd.notna(d.amber.iloc[0]):
        layers.append(
            alt.Chart(pd.DataFrame({"y": [d.amber.iloc[0]]}))
            .mark_rule(color="#fdae61", strokeDash=[2, 2])
            .encode(y="y:Q")
        )
    chart = alt.layer(*layers).properties(
        title=f"{target_id}: actual with 95 % interval, threshold dashed", width=560, height=240
    )
    return cast(alt.LayerChart, chart)


def drilldown_chart(
    dd: pd.DataFrame, *, title: str = "Where the day was lost: service level by interval"
) -> alt.LayerChart:
    d = dd.copy()
    d["period_start"] = pd.to_datetime(d.period_start).dt.tz_localize(None)
    target = float(d.target_pct.iloc[0])
    bars = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("hoursminutes(period_start):O", title="Interval (local time)"),
            y=alt.Y(
                "service_level_pct:Q", title="Service level (%)", scale=alt.Scale(domain=[0, 100])
            ),
            color=alt.condition(
                alt.datum.service_level_pct >= target, alt.value("#1a9850"), alt.value("#d73027")
            ),
            tooltip=[
                alt.Tooltip("period_start:T", format="%H:%M"),
                alt.Tooltip("service_level_pct:Q", format=".1f"),
                "offered",
                alt.Tooltip("shortfall:Q", format=".0f"),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
    return (bars + rule).properties(title=title + f" (target {target:g} %)", width=560, height=220)


def async_daily_chart(
    daily: pd.DataFrame, *, title: str = "Response level by day created, and the backlog behind it"
) -> alt.VConcatChart:
    """Top: the share of each day's items answered within the target (bars, target dashed). Bottom: items
    waiting for a first reply at the end of each day, against one average day of arrivals (dashed)."""
    d = daily.copy()
    target = float(d.threshold_pct.iloc[0])
    x = alt.X("yearmonthdate(day):O", title="Day created (local time)")
    sl = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "response_sl_pct:Q",
                title="Answered within target (%)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.condition(
                alt.datum.response_sl_pct >= target, alt.value("#1a9850"), alt.value("#d73027")
            ),
            tooltip=[
                alt.Tooltip("day:T"),
                alt.Tooltip("response_sl_pct:Q", format=".1f"),
                "judged",
                "created",
            ],
        )
    )
    sl_rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
    bl = (
        alt.Chart(d)
        .mark_bar(color="#4575b4")
        .encode(
            x=x,
            y=alt.Y("open_end:Q", title="Open items at day end (items)"),
            tooltip=[alt.Tooltip("day:T"), "open_end", "created", "replied"],
        )
    )
    bl_rule = (
        alt.Chart(pd.DataFrame({"a": [float(d.arrivals_per_day.iloc[0])]}))
        .mark_rule(strokeDash=[5, 3])
        .encode(y="a:Q")
    )
    return alt.vconcat(
        (sl + sl_rule).properties(
            width=560, height=180, title=f"Answered within target (target {target:g} %)"
        ),
        (bl + bl_rule).properties(
            width=560,
            height=140,
            title="Backlog: items waiting at day end (dashed: one average day of arrivals)",
        ),
    ).properties(title=title)
