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

from cxkit.measure.views import local_naive, weekly_rollup

__all__ = [
    "STATUS_COLOURS",
    "async_daily_chart",
    "bullet_chart",
    "drilldown_chart",
    "sl_profile_chart",
    "status_heatmap",
    "trend_chart",
]

#: Colour of each status in every chart and in the report: green, orange, red and grey.
STATUS_COLOURS = {"met": "#1a9850", "near": "#fdae61", "missed": "#d73027", "no_data": "#d9d9d9"}


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))


def status_heatmap(
    scorecard: pd.DataFrame,
    *,
    title: str = "Targets by period: met, near, missed or no data",
    max_cells: int = 3000,
) -> alt.Chart:
    """Targets x periods coloured by status.

    Beyond ``max_cells`` cells (a year of daily targets) the periods are rolled up to weeks from
    counts (``weekly_rollup``) so the chart stays small.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (``target_id, period_start, status, actual,
        threshold, unit, n``; for the weekly roll-up also the count columns and ``kind``).
    title : str
        The chart title; `` (by week, recomputed from counts)`` is appended when rolled up.
    max_cells : int
        Most scorecard rows (one cell each) drawn as they are; above it, weeks are drawn.

    Returns
    -------
    altair.Chart
        A heatmap titled ``title``: x = period start (date, local), y = target id, colour = status
        against the target's threshold (``met`` green, ``near`` orange, ``missed`` red, ``no_data``
        grey, see :data:`STATUS_COLOURS`). The target is drawn as the status of each cell; the
        tooltip shows the actual, the threshold, the unit and n.
    """
    cols = ["target_id", "period_start", "status", "actual", "threshold", "unit", "n"]
    if len(scorecard) > max_cells:
        df = weekly_rollup(scorecard)
        title = f"{title} (by week, recomputed from counts)"
    else:
        df = scorecard[cols].copy()
        df["period_start"] = local_naive(df.period_start)
        df = df[df.period_start.notna()]  # a target the data cannot give has no periods
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
    """One bullet per target: the actual as a bar against the threshold as a tick.

    One bullet per target (``target_id, actual, threshold, amber, unit, status``): bar = actual,
    tick = threshold, shaded band = the near band. Targets in different units get their own rows.

    Parameters
    ----------
    summary : pandas.DataFrame
        The frame of :func:`cxkit.bullet_frame` (``target_id, unit, actual, threshold, amber,
        status``).
    title : str
        The chart title.

    Returns
    -------
    altair.LayerChart
        Titled ``title``; one row per target, labelled ``target_id (unit)``. The x axis ("Actual
        (metric unit)") shows each row in its own target's unit (percent 0-100, seconds...) on one
        shared scale. Layers: a pale yellow band from ``amber`` to ``threshold`` (the near band), a
        bar at ``actual`` coloured by status, and a black tick at the target's ``threshold``.

    Examples
    --------
    >>> b = pd.DataFrame({"target_id": ["sl"], "unit": ["%"], "threshold": [80.0],
    ...                   "amber": [70.0], "status": ["met"], "actual": [82.0]})
    >>> [layer["mark"]["type"] for layer in bullet_chart(b).to_dict()["layer"]]
    ['bar', 'bar', 'tick']
    """
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
    """Service level by interval of the day and by weekday, with CI bars and the target line.

    Parameters
    ----------
    profile : pandas.DataFrame
        The frame of :func:`cxkit.sl_profile` (``dimension, key, offered, service_level_pct,
        ci_low_pct, ci_high_pct, target_pct``).
    title : str, optional
        The chart title; by default ``Service level by interval and weekday (target T %)``.

    Returns
    -------
    altair.HConcatChart
        Two panels side by side: left x = interval of the day (local time, ``HH:MM``), right x =
        weekday (Mon to Sun); y = service level, percent (0-100). Bars are green where the service
        level reaches ``target_pct`` and red below it; a vertical rule spans each bar's Wilson
        95 % interval; the target is drawn as a dashed horizontal line.

    Examples
    --------
    >>> prof = pd.DataFrame({"dimension": ["time_of_day", "weekday"], "key": ["08:00", "Mon"],
    ...     "offered": [100, 500], "service_level_pct": [80.0, 80.0], "ci_low_pct": [71.0, 76.0],
    ...     "ci_high_pct": [87.0, 83.0], "target_pct": 80.0})
    >>> sl_profile_chart(prof).to_dict()["title"]
    'Service level by interval and weekday (target 80 %)'
    """
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
    """One target over its periods: actual with its confidence band, threshold and near band edge.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (``target_id, period_start, actual, ci_low,
        ci_high, threshold, amber, unit, status, n``).
    target_id : str
        The target to draw; its periods without observations (``n`` = 0) are left out.

    Returns
    -------
    altair.LayerChart
        Titled ``<target_id>: actual with 95 % interval, threshold dashed``: x = period start, y =
        actual in the target's unit (axis "Actual (<unit>)", percent 0-100 for rates). Layers: the
        95 % interval as a shaded band, the actual as a grey line with points coloured by status,
        the target's threshold as a dashed rule and, when the target has one, the near band edge
        (``amber``) as an orange dotted rule.

    Examples
    --------
    >>> sc = pd.DataFrame({"target_id": "sl", "unit": "%", "threshold": 80.0, "amber": 70.0,
    ...     "period_start": pd.to_datetime(["2026-03-02", "2026-03-03"]), "n": [100, 50],
    ...     "status": ["met", "missed"], "actual": [85.0, 60.0], "ci_low": [80.0, 55.0],
    ...     "ci_high": [89.0, 65.0]})
    >>> trend_chart(sc, "sl").to_dict()["title"]
    'sl: actual with 95 % interval, threshold dashed'
    """
    cols = ["period_start", "actual", "ci_low", "ci_high", "status", "n", "threshold", "amber"]
    sel = (scorecard.target_id == target_id) & (scorecard.n > 0)
    unit = scorecard.loc[sel, "unit"].iloc[0] if sel.any() else ""
    d = scorecard.loc[sel, cols].copy()  # only what is drawn: no zone-aware objects for the spec
    d["period_start"] = local_naive(d.period_start)
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
    """Service level of each interval of one day against the target.

    Parameters
    ----------
    dd : pandas.DataFrame
        The frame of :func:`cxkit.drilldown` (``period_start, service_level_pct, offered,
        shortfall, target_pct``).
    title : str
        The chart title; `` (target T %)`` is appended.

    Returns
    -------
    altair.LayerChart
        Bars per interval: x = interval start (local time, ``HH:MM``), y = service level, percent
        (0-100), green where it reaches ``target_pct`` and red below it; the target is drawn as a
        dashed horizontal line. The tooltip shows offered contacts and the shortfall (contacts).

    Examples
    --------
    >>> dd = pd.DataFrame({"period_start": pd.to_datetime(["2026-03-02 08:00", "2026-03-02 08:30"]),
    ...     "service_level_pct": [60.0, 85.0], "offered": [100, 80], "shortfall": [20.0, 0.0],
    ...     "target_pct": 80.0})
    >>> drilldown_chart(dd).to_dict()["title"]
    'Where the day was lost: service level by interval (target 80 %)'
    """
    d = dd.copy()
    d["period_start"] = local_naive(d.period_start)
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
    """The daily response level of an asynchronous channel, and the backlog behind it.

    Top: the share of each day's items answered within the target (bars, target dashed). Bottom:
    items waiting for a first reply at the end of each day, against one average day of arrivals
    (dashed).

    Parameters
    ----------
    daily : pandas.DataFrame
        The frame of :func:`cxkit.async_daily` (``day, created, replied, open_end, judged,
        response_sl_pct, threshold_pct, arrivals_per_day``).
    title : str
        The title over both panels.

    Returns
    -------
    altair.VConcatChart
        Two panels over a shared x = day created (local date). Top, titled "Answered within target
        (target T %)": y = items answered within T, percent (0-100), green bars where the day
        reaches ``threshold_pct`` and red below; the target is a dashed line. Bottom: y = items
        waiting for a first reply at day end (items), with one average day of arrivals
        (``arrivals_per_day``) as a dashed line.

    Examples
    --------
    >>> ad = pd.DataFrame({"day": pd.to_datetime(["2026-03-02", "2026-03-03"]),
    ...     "created": [300, 310], "replied": [3, 390], "open_end": [297, 217],
    ...     "judged": [300, 310], "response_sl_pct": [41.0, 82.0], "threshold_pct": 90.0,
    ...     "arrivals_per_day": 305.0})
    >>> async_daily_chart(ad).to_dict()["vconcat"][0]["title"]
    'Answered within target (target 90 %)'
    """
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
