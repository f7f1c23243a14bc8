"""Altair charts for staffing: cost curves, agents per interval, both channels of a blended day.

Every chart draws a small pre-aggregated frame made by :mod:`cxkit.plan` (no computation here),
has a title, axis units and the target drawn.

>>> from cxkit.plan.staffing import cost_curve
>>> ch = cost_curve_chart(cost_curve(offered=100, interval_min=30, aht_s=180), target_pct=80)
>>> ch.to_dict()["title"]
'Service level by agents on the phones (target 80 %)'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["agents_chart", "blended_day_chart", "cost_curve_chart"]

_SERIES = {
    "agents": "required on the phones",
    "scheduled": "scheduled (with shrinkage)",
    "load_erlangs": "load (Erlangs)",
}


def _target_rule(value: float, *, field: str = "target") -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({field: [value]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(y=f"{field}:Q")
    )


def cost_curve_chart(curve: pd.DataFrame, *, target_pct: float = 80) -> alt.LayerChart:
    """Service level (%) against agents, one line per threshold, with the target as a rule.

    Parameters
    ----------
    curve : pandas.DataFrame
        From :func:`cxkit.plan.staffing.cost_curve`: ``agents``, ``threshold_s`` (s),
        ``service_level_pct`` (%) and ``asa_s`` (s).
    target_pct : float
        Service-level target, percent.

    Returns
    -------
    altair.LayerChart
        Lines of service level by agents and the target rule.
    """
    lines = (
        alt.Chart(curve[["agents", "threshold_s", "service_level_pct", "asa_s"]])
        .transform_calculate(threshold="'within ' + datum.threshold_s + ' s'")
        .mark_line(point=True)
        .encode(
            x=alt.X("agents:Q", title="Agents on the phones", scale=alt.Scale(zero=False)),
            y=alt.Y(
                "service_level_pct:Q", title="Service level (%)", scale=alt.Scale(domain=[0, 100])
            ),
            color=alt.Color("threshold:N", title="Threshold"),
            tooltip=[
                "agents:Q",
                "threshold:N",
                alt.Tooltip("service_level_pct:Q", format=".1f"),
                alt.Tooltip("asa_s:Q", format=".1f", title="ASA (s)"),
            ],
        )
    )
    return (lines + _target_rule(target_pct)).properties(
        title=f"Service level by agents on the phones (target {target_pct:g} %)",
        width=520,
        height=280,
    )


def agents_chart(table: pd.DataFrame, *, title: str = "Agents needed per interval") -> alt.Chart:
    """Required and scheduled agents per interval, with the load.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`cxkit.plan.staffing.staffing_table`: ``interval_start`` (local time),
        ``agents``, ``scheduled`` (counts) and ``load_erlangs`` (Erlangs).
    title : str
        Chart title.

    Returns
    -------
    altair.Chart
        One step line per series.
    """
    label = " : ".join(f"datum.series == '{k}' ? '{v}'" for k, v in _SERIES.items())
    chart = (
        alt.Chart(table[["interval_start", *_SERIES]])
        .transform_fold(list(_SERIES), as_=["series", "value"])
        .transform_calculate(series=f"{label} : datum.series")
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("interval_start:T", title="Interval start (local time)"),
            y=alt.Y("value:Q", title="Agents (count)"),
            color=alt.Color("series:N", title=None),
            tooltip=[
                alt.Tooltip("interval_start:T", format="%a %H:%M"),
                "series:N",
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
) -> alt.VConcatChart:
    """Phone service level and email backlog over the day.

    Parameters
    ----------
    means : pandas.DataFrame
        From :meth:`cxkit.plan.blending.SimulationResult.interval_means`: ``start_h`` (interval
        start, hour of day), ``phone_service_level_pct`` (%) and ``email_backlog_end`` (emails).
    sl_target_pct : float
        Phone service-level target, percent.
    backlog_limit : float or None
        A backlog limit (emails) to draw as a rule.

    Returns
    -------
    altair.VConcatChart
        Service level by interval above the email backlog at each interval's end.
    """
    df = means[["start_h", "phone_service_level_pct", "email_backlog_end"]]
    x = alt.X("start_h:Q", title="Hour of day (h)")
    sl = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y(
                "phone_service_level_pct:Q",
                title="Phone service level (%)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=[
                alt.Tooltip("start_h:Q", title="hour"),
                alt.Tooltip("phone_service_level_pct:Q", format=".1f"),
            ],
        )
    )
    bl = (
        alt.Chart(df)
        .mark_area(opacity=0.6, color="#b35806")
        .encode(
            x=x,
            y=alt.Y("email_backlog_end:Q", title="Email backlog (items)"),
            tooltip=[
                alt.Tooltip("start_h:Q", title="hour"),
                alt.Tooltip("email_backlog_end:Q", format=".0f"),
            ],
        )
    )
    layers: list[alt.Chart] = [bl]
    if backlog_limit is not None:
        layers.append(_target_rule(backlog_limit, field="limit"))
    return alt.vconcat(
        (sl + _target_rule(sl_target_pct)).properties(
            title=f"Phone service level by interval (target {sl_target_pct:g} %)",
            width=560,
            height=200,
        ),
        alt.layer(*layers).properties(
            title="Email backlog at the end of each interval", width=560, height=160
        ),
    )
