"""Altair charts for staffing: cost curves, agents per interval, both channels of a blended day.

Every chart is built from a small pre-aggregated frame, has a title, axis units and the target drawn.

>>> from cxkit.plan.staffing import cost_curve
>>> ch = cost_curve_chart(cost_curve(offered=100, interval_min=30, aht_s=180), target_pct=80)
>>> ch.to_dict()["title"]
'Service level by agents on the phones (target 80 %)'
"""

from __future__ import annotations

import altair as alt
import pandas as pd


def cost_curve_chart(curve: pd.DataFrame, *, target_pct: float = 80) -> alt.LayerChart:
    """Service level (%) against agents, one line per threshold, with the target as a rule."""
    df = curve.assign(
        service_level_pct=100 * curve["service_level"],
        threshold=curve["threshold_s"].map(lambda t: f"within {t:g} s"),
    )
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("agents:Q", title="Agents on the phones", scale=alt.Scale(zero=False)),
            y=alt.Y(
                "service_level_pct:Q", title="Service level (%)", scale=alt.Scale(domain=[0, 100])
            ),
            color=alt.Color("threshold:N", title="Threshold"),
            tooltip=[
                "agents",
                "threshold",
                alt.Tooltip("service_level_pct:Q", format=".1f"),
                alt.Tooltip("asa_s:Q", format=".1f", title="ASA (s)"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [target_pct]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(y="target:Q")
    )
    return (lines + rule).properties(
        title=f"Service level by agents on the phones (target {target_pct:g} %)",
        width=520,
        height=280,
    )


def agents_chart(
    table: pd.DataFrame, *, title: str = "Agents needed per interval"
) -> alt.LayerChart:
    """Required and scheduled agents per interval (``interval_start, agents, scheduled``), with load."""
    df = table[["interval_start", "agents", "scheduled", "load_erlangs"]].melt(
        "interval_start", var_name="series", value_name="value"
    )
    df["series"] = df["series"].map(
        {
            "agents": "required on the phones",
            "scheduled": "scheduled (with shrinkage)",
            "load_erlangs": "load (Erlangs)",
        }
    )
    chart = (
        alt.Chart(df)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("interval_start:T", title="Interval start (local time)"),
            y=alt.Y("value:Q", title="Agents (count)"),
            color=alt.Color("series:N", title=None),
            tooltip=[
                alt.Tooltip("interval_start:T", format="%a %H:%M"),
                "series",
                alt.Tooltip("value:Q", format=".1f"),
            ],
        )
    )
    return chart.properties(title=title, width=620, height=260)


def blended_day_chart(
    means: pd.DataFrame,
    *,
    sl_target_pct: float = 80,
    backlog_limit: float | None = None,
    interval_min: float = 30,
    day_start_h: float = 8,
) -> alt.VConcatChart:
    """Phone service level and email backlog over the day, from :meth:`SimulationResult.interval_means`."""
    df = means.copy()
    df["time_h"] = day_start_h + df["interval"] * interval_min / 60
    sl = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("time_h:Q", title="Hour of day (h)"),
            y=alt.Y(
                "phone_service_level_pct:Q",
                title="Phone service level (%)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=[
                alt.Tooltip("time_h:Q", title="hour"),
                alt.Tooltip("phone_service_level_pct:Q", format=".1f"),
            ],
        )
    )
    sl_rule = (
        alt.Chart(pd.DataFrame({"target": [sl_target_pct]}))
        .mark_rule(strokeDash=[5, 3])
        .encode(y="target:Q")
    )
    bl = (
        alt.Chart(df)
        .mark_area(opacity=0.6, color="#b35806")
        .encode(
            x=alt.X("time_h:Q", title="Hour of day (h)"),
            y=alt.Y("email_backlog_end:Q", title="Email backlog (items)"),
            tooltip=[
                alt.Tooltip("time_h:Q", title="hour"),
                alt.Tooltip("email_backlog_end:Q", format=".0f"),
            ],
        )
    )
    layers = [bl]
    if backlog_limit is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"limit": [backlog_limit]}))
            .mark_rule(strokeDash=[5, 3])
            .encode(y="limit:Q")
        )
    return alt.vconcat(
        (sl + sl_rule).properties(
            title=f"Phone service level by interval (target {sl_target_pct:g} %)",
            width=560,
            height=200,
        ),
        alt.layer(*layers).properties(
            title="Email backlog at the end of each interval", width=560, height=160
        ),
    )
