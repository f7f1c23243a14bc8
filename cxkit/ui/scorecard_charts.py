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

from cxkit.i18n import t
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


def _status_colour(lang: str) -> alt.Color:
    """Colour by status, with the legend's words in ``lang`` (the data keeps the status codes)."""
    labels = {s: t(s, lang) for s in STATUS_COLOURS}
    expr = " : ".join(f"datum.label == '{s}' ? '{w}'" for s, w in labels.items()) + " : datum.label"
    return alt.Color(
        "status:N",
        scale=_status_scale(),
        title=t("col_status", lang),
        legend=alt.Legend(labelExpr=expr),
    )


def status_heatmap(
    scorecard: pd.DataFrame,
    *,
    title: str | None = None,
    max_cells: int = 3000,
    lang: str = "en",
) -> alt.Chart:
    """Targets x periods coloured by status.

    Beyond ``max_cells`` cells (a year of daily targets) the periods are rolled up to weeks from
    counts (``weekly_rollup``) so the chart stays small.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (``target_id, period_start, status, actual,
        threshold, unit, n``; for the weekly roll-up also the count columns and ``kind``).
    title : str, optional
        The chart title (by default "Targets by period: met, near, missed or no data" in
        ``lang``); `` (by week, recomputed from counts)`` is appended when rolled up.
    max_cells : int
        Most scorecard rows (one cell each) drawn as they are; above it, weeks are drawn.
    lang : str
        Language of the title, axes, legend and tooltips, ``en`` or ``fi``.

    Returns
    -------
    altair.Chart
        A heatmap titled ``title``: x = period start (date, local), y = target id, colour = status
        against the target's threshold (``met`` green, ``near`` orange, ``missed`` red, ``no_data``
        grey, see :data:`STATUS_COLOURS`). The target is drawn as the status of each cell; the
        tooltip shows the actual, the threshold, the unit and n.
    """
    cols = ["target_id", "period_start", "status", "actual", "threshold", "unit", "n"]
    title = title or t("title_status_heatmap", lang)
    if len(scorecard) > max_cells:
        df = weekly_rollup(scorecard)
        title = f"{title} {t('by_week_from_counts', lang)}"
    else:
        df = scorecard[cols].copy()
        df["period_start"] = local_naive(df.period_start)
        df = df[df.period_start.notna()]  # a target the data cannot give has no periods
    df = df.assign(
        status_label=df.status.map(lambda s: t(s, lang)),
        day=df.period_start.dt.strftime("%Y-%m-%d"),  # local dates as text: no browser zone
    )
    return (
        alt.Chart(df)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("day:O", title=t("axis_period_start_date", lang)),
            y=alt.Y("target_id:N", title=t("target", lang)),
            color=_status_colour(lang),
            tooltip=[
                alt.Tooltip("target_id:N", title=t("target", lang)),
                alt.Tooltip("day:O", title=t("period", lang)),
                alt.Tooltip("status_label:N", title=t("col_status", lang)),
                alt.Tooltip("actual:Q", format=".1f", title=t("col_actual", lang)),
                alt.Tooltip("threshold:Q", title=t("threshold", lang)),
                alt.Tooltip("unit:N", title=t("unit", lang)),
                alt.Tooltip("n:Q", title="n"),
            ],
        )
        .properties(
            title=title, width=alt.Step(18 if len(df) <= 60 * df.target_id.nunique() else 6)
        )
    )


def bullet_chart(
    summary: pd.DataFrame, *, title: str | None = None, lang: str = "en"
) -> alt.LayerChart:
    """One bullet per target, drawn as percent of its threshold so every unit fits one axis.

    Seconds, percent and scores cannot share an axis (a 300 s AHT would squash every rate), so each
    target is drawn relative to its own threshold: 100 % is the threshold; the near band runs from
    the near band edge to 100 %; the actual, in the metric's own unit, is in the label and the
    tooltip.

    Parameters
    ----------
    summary : pandas.DataFrame
        The frame of :func:`cxkit.bullet_frame` (``target_id, unit, actual, threshold, amber,
        status``).
    title : str, optional
        The chart title (by default "Each target: actual as percent of its threshold" in ``lang``).
    lang : str
        Language of the title, axis, legend and tooltips, ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        One row per target, labelled ``target_id: actual unit``. x = percent of the threshold
        (%; 100 = the threshold). Layers: a pale yellow band from ``amber`` to the threshold (the
        near band, as percent of the threshold), a bar at the actual coloured by status, and a
        black tick at 100 % (the threshold).

    Examples
    --------
    >>> b = pd.DataFrame({"target_id": ["sl", "aht"], "unit": ["%", "s"], "threshold": [80.0, 300.0],
    ...                   "amber": [70.0, 330.0], "status": ["met", "near"], "actual": [82.0, 310.0]})
    >>> spec = bullet_chart(b).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'bar', 'tick']
    >>> sorted(round(v, 1) for v in bullet_chart(b).data.actual_of_target_pct)
    [102.5, 103.3]
    """
    from cxkit.i18n import format_value

    df = summary.copy()
    thr = df.threshold.astype(float).where(df.threshold.astype(float) != 0)
    df["actual_of_target_pct"] = 100 * df.actual.astype(float) / thr
    df["amber_of_target_pct"] = 100 * df.amber.astype(float) / thr
    df["target_pct"] = 100.0
    df["label"] = [
        f"{tid}: {format_value(a, u, lang)}"
        for tid, a, u in zip(df.target_id, df.actual, df.unit, strict=True)
    ]
    df["status_label"] = df.status.map(lambda v: t(v, lang))
    df = df[
        [
            "label",
            "target_id",
            "actual_of_target_pct",
            "amber_of_target_pct",
            "target_pct",
            "status",
            "status_label",
            "actual",
            "threshold",
            "unit",
        ]
    ]
    base = alt.Chart(df).encode(y=alt.Y("label:N", title=None, sort=None))
    band = base.mark_bar(color="#fee08b", opacity=0.6).encode(
        x=alt.X("amber_of_target_pct:Q", title=t("axis_pct_of_target", lang)), x2="target_pct:Q"
    )
    bar = base.mark_bar(size=10).encode(
        x="actual_of_target_pct:Q",
        color=_status_colour(lang),
        tooltip=[
            alt.Tooltip("target_id:N", title=t("target", lang)),
            alt.Tooltip("actual:Q", format=".1f", title=t("col_actual", lang)),
            alt.Tooltip("threshold:Q", title=t("threshold", lang)),
            alt.Tooltip("unit:N", title=t("unit", lang)),
            alt.Tooltip("status_label:N", title=t("col_status", lang)),
        ],
    )
    tick = base.mark_tick(color="black", thickness=2, size=22).encode(x="target_pct:Q")
    chart = alt.layer(band, bar, tick).properties(title=title or t("title_bullet", lang), width=420)
    return cast(alt.LayerChart, chart)


def sl_profile_chart(
    profile: pd.DataFrame, *, title: str | None = None, lang: str = "en"
) -> alt.HConcatChart:
    """Service level by interval of the day and by weekday, with CI bars and the target line.

    Parameters
    ----------
    profile : pandas.DataFrame
        The frame of :func:`cxkit.sl_profile` (``dimension, key, offered, service_level_pct,
        ci_low_pct, ci_high_pct, target_pct``).
    title : str, optional
        The chart title; by default ``Service level by interval and weekday (target T %)``.
    lang : str
        Language of the title, axes and weekday names, ``en`` or ``fi``.

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
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    charts = []
    for dim, label, order in (
        ("time_of_day", t("axis_interval_of_day", lang), None),
        ("weekday", t("axis_weekday", lang), [t(f"wd_{d}", lang) for d in days]),
    ):
        d = profile[profile.dimension == dim].copy()
        if dim == "weekday":
            d["key"] = d.key.map(lambda k: t(f"wd_{k}", lang))
        x = alt.X("key:N", title=label, sort=order)
        pts = (
            alt.Chart(d)
            .mark_bar()
            .encode(
                x=x,
                y=alt.Y(
                    "service_level_pct:Q",
                    title=t("axis_sl_pct", lang),
                    scale=alt.Scale(domain=[0, 100]),
                ),
                color=alt.condition(
                    alt.datum.service_level_pct >= target,
                    alt.value("#1a9850"),
                    alt.value("#d73027"),
                ),
                tooltip=[
                    alt.Tooltip("key:N", title=label),
                    alt.Tooltip("service_level_pct:Q", format=".1f", title=t("axis_sl_pct", lang)),
                    alt.Tooltip("offered:Q", title=t("col_offered", lang)),
                ],
            )
        )
        err = alt.Chart(d).mark_rule().encode(x=x, y="ci_low_pct:Q", y2="ci_high_pct:Q")
        rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
        charts.append(
            (pts + err + rule).properties(width=420 if dim == "time_of_day" else 200, height=220)
        )
    return alt.hconcat(*charts).properties(
        title=title or t("title_sl_profile_target", lang).format(target=f"{target:g}")
    )


def trend_chart(scorecard: pd.DataFrame, target_id: str, *, lang: str = "en") -> alt.LayerChart:
    """One target over its periods: one line, points coloured by status, threshold and near band.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (``target_id, period_start, actual, ci_low,
        ci_high, threshold, amber, unit, status, n``).
    target_id : str
        The target to draw; its periods without observations (``n`` = 0) are left out.
    lang : str
        Language of the title, axes, legend and tooltips, ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Titled ``<target_id>: actual with 95 % interval, threshold dashed``: x = period start
        (local time of the data, sent without a zone so every browser shows the same clock), y =
        actual in the target's unit (axis "Actual (<unit>)", percent 0-100 for rates). Layers: the
        95 % interval as a shaded band, the actual as **one** grey line through the periods in
        order, a point per period coloured by its status, the target's threshold as a dashed rule
        and, when the target has one, the near band edge (``amber``) as an orange dotted rule.

    Examples
    --------
    >>> sc = pd.DataFrame({"target_id": "sl", "unit": "%", "threshold": 80.0, "amber": 70.0,
    ...     "period_start": pd.to_datetime(["2026-03-02", "2026-03-03"]), "n": [100, 50],
    ...     "status": ["met", "missed"], "actual": [85.0, 60.0], "ci_low": [80.0, 55.0],
    ...     "ci_high": [89.0, 65.0]})
    >>> spec = trend_chart(sc, "sl").to_dict()
    >>> spec["title"]
    'sl: actual with 95 % interval, threshold dashed'
    >>> [(l["mark"]["type"], "color" in l.get("encoding", {})) for l in spec["layer"][1:3]]
    [('line', False), ('point', True)]
    """
    cols = ["period_start", "actual", "ci_low", "ci_high", "status", "n", "threshold", "amber"]
    sel = (scorecard.target_id == target_id) & (scorecard.n > 0)
    unit = scorecard.loc[sel, "unit"].iloc[0] if sel.any() else ""
    d = scorecard.loc[sel, cols].copy()  # only what is drawn: no zone-aware objects for the spec
    d["period_start"] = local_naive(d.period_start)
    d = d.sort_values("period_start")
    d["status_label"] = d.status.map(lambda v: t(v, lang))
    # numeric dates: Vega's month and weekday names are English whatever the language
    x = alt.X(
        "period_start:T",
        title=t("axis_period_start", lang),
        axis=alt.Axis(format="%d.%m." if lang == "fi" else "%b %d", labelOverlap=True),
    )
    base = alt.Chart(d).encode(x=x)
    band = base.mark_area(opacity=0.25).encode(
        y=alt.Y("ci_low:Q", title=t("axis_actual_unit", lang).format(unit=unit)), y2="ci_high:Q"
    )
    line = base.mark_line(color="#666").encode(y="actual:Q")
    points = base.mark_point(filled=True, size=60, opacity=1).encode(
        y="actual:Q",
        color=_status_colour(lang),
        tooltip=[
            alt.Tooltip("period_start:T", title=t("period", lang), format="%Y-%m-%d %H:%M"),
            alt.Tooltip("actual:Q", format=".1f", title=t("col_actual", lang)),
            alt.Tooltip("n:Q", title="n"),
            alt.Tooltip("status_label:N", title=t("col_status", lang)),
        ],
    )
    rules = (
        alt.Chart(
            pd.DataFrame({"y": [d.threshold.iloc[0] if len(d) else 0], "what": ["threshold"]})
        )
        .mark_rule(strokeDash=[5, 3])
        .encode(y="y:Q")
    )
    layers = [band, line, points, rules]
    if len(d) and pd.notna(d.amber.iloc[0]):
        layers.append(
            alt.Chart(pd.DataFrame({"y": [d.amber.iloc[0]]}))
            .mark_rule(color="#fdae61", strokeDash=[2, 2])
            .encode(y="y:Q")
        )
    chart = alt.layer(*layers).properties(
        title=t("title_trend", lang).format(target=target_id), width=560, height=240
    )
    return cast(alt.LayerChart, chart)


def drilldown_chart(
    dd: pd.DataFrame, *, title: str | None = None, lang: str = "en"
) -> alt.LayerChart:
    """Service level of each interval of one day against the target.

    Parameters
    ----------
    dd : pandas.DataFrame
        The frame of :func:`cxkit.drilldown` (``period_start, service_level_pct, offered,
        shortfall, target_pct``).
    title : str, optional
        The chart title (by default "Where the day was lost: service level by interval" in
        ``lang``); `` (target T %)`` is appended.
    lang : str
        Language of the title, axes and tooltips, ``en`` or ``fi``.

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
    d = dd[["period_start", "service_level_pct", "offered", "shortfall", "target_pct"]].copy()
    d["interval"] = local_naive(d.period_start).dt.strftime("%H:%M")  # local clock as text
    d = d.drop(columns="period_start")
    target = float(d.target_pct.iloc[0])
    bars = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("interval:O", title=t("axis_interval_local", lang)),
            y=alt.Y(
                "service_level_pct:Q",
                title=t("axis_sl_pct", lang),
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.condition(
                alt.datum.service_level_pct >= target, alt.value("#1a9850"), alt.value("#d73027")
            ),
            tooltip=[
                alt.Tooltip("interval:O", title=t("axis_interval_local", lang)),
                alt.Tooltip("service_level_pct:Q", format=".1f", title=t("axis_sl_pct", lang)),
                alt.Tooltip("offered:Q", title=t("col_offered", lang)),
                alt.Tooltip("shortfall:Q", format=".0f", title=t("col_shortfall", lang)),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
    head = title or t("title_drilldown_default", lang)
    return (bars + rule).properties(
        title=head + t("target_suffix", lang).format(target=f"{target:g}"), width=560, height=220
    )


def async_daily_chart(
    daily: pd.DataFrame, *, title: str | None = None, lang: str = "en"
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
    title : str, optional
        The title over both panels (by default "Response level by day created, and the backlog
        behind it" in ``lang``).
    lang : str
        Language of the titles, axes and tooltips, ``en`` or ``fi``.

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
    d["date"] = local_naive(d.day).dt.strftime("%Y-%m-%d")  # local dates as text
    d = d.drop(columns="day")
    target = float(d.threshold_pct.iloc[0])
    x = alt.X("date:O", title=t("axis_day_created", lang))
    sl = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "response_sl_pct:Q",
                title=t("axis_within_target_pct", lang),
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.condition(
                alt.datum.response_sl_pct >= target, alt.value("#1a9850"), alt.value("#d73027")
            ),
            tooltip=[
                alt.Tooltip("date:O", title=t("axis_day_created", lang)),
                alt.Tooltip(
                    "response_sl_pct:Q", format=".1f", title=t("col_response_sl_pct", lang)
                ),
                alt.Tooltip("judged:Q", title=t("col_judged", lang)),
                alt.Tooltip("created:Q", title=t("col_created", lang)),
            ],
        )
    )
    sl_rule = alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(strokeDash=[5, 3]).encode(y="t:Q")
    bl = (
        alt.Chart(d)
        .mark_bar(color="#4575b4")
        .encode(
            x=x,
            y=alt.Y("open_end:Q", title=t("axis_open_end", lang)),
            tooltip=[
                alt.Tooltip("date:O", title=t("axis_day_created", lang)),
                alt.Tooltip("open_end:Q", title=t("col_open_end", lang)),
                alt.Tooltip("created:Q", title=t("col_created", lang)),
                alt.Tooltip("replied:Q", title=t("col_replied", lang)),
            ],
        )
    )
    bl_rule = (
        alt.Chart(pd.DataFrame({"a": [float(d.arrivals_per_day.iloc[0])]}))
        .mark_rule(strokeDash=[5, 3])
        .encode(y="a:Q")
    )
    return alt.vconcat(
        (sl + sl_rule).properties(
            width=560,
            height=180,
            title=t("title_within_target", lang).format(target=f"{target:g}"),
        ),
        (bl + bl_rule).properties(
            width=560,
            height=140,
            title=t("title_backlog", lang),
        ),
    ).properties(title=title or t("title_async_default", lang))
