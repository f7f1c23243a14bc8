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

from cxkit.i18n import t

__all__ = ["agents_chart", "blended_day_chart", "cost_curve_chart"]

_SERIES = ("agents", "scheduled", "load_erlangs")


def _target_rule(value: float, *, field: str = "target") -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({field: [value]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(y=f"{field}:Q")
    )


def cost_curve_chart(
    curve: pd.DataFrame, *, target_pct: float = 80, lang: str = "en"
) -> alt.LayerChart:
    """Service level (%) against agents, one line per threshold, with the target as a rule.

    Parameters
    ----------
    curve : pandas.DataFrame
        From :func:`cxkit.plan.staffing.cost_curve`: ``agents``, ``threshold_s`` (s),
        ``service_level_pct`` (%) and ``asa_s`` (s).
    target_pct : float
        Service-level target, percent.
    lang : str
        Language of the title, axes and legend, ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Lines of service level by agents and the target rule.
    """
    lines = (
        alt.Chart(curve[["agents", "threshold_s", "service_level_pct", "asa_s"]])
        .transform_calculate(threshold=f"'{t('within_word', lang)} ' + datum.threshold_s + ' s'")
        .mark_line(point=True)
        .encode(
            x=alt.X("agents:Q", title=t("axis_agents_phones", lang), scale=alt.Scale(zero=False)),
            y=alt.Y(
                "service_level_pct:Q",
                title=t("axis_sl_pct", lang),
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color("threshold:N", title=t("threshold", lang)),
            tooltip=[
                alt.Tooltip("agents:Q", title=t("axis_agents", lang)),
                alt.Tooltip("threshold:N", title=t("threshold", lang)),
                alt.Tooltip("service_level_pct:Q", format=".1f", title=t("axis_sl_pct", lang)),
                alt.Tooltip("asa_s:Q", format=".1f", title="ASA (s)"),
            ],
        )
    )
    return (lines + _target_rule(target_pct)).properties(
        title=t("title_cost_curve", lang).format(target=f"{target_pct:g}"),
        width=520,
        height=280,
    )


def agents_chart(
    table: pd.DataFrame, *, title: str | None = None, lang: str = "en"
) -> alt.FacetChart:
    """Required and scheduled agents per interval, with the load: one panel per day.

    The time axis is the channel's own local clock, sent as text (``08:30``), so every browser
    shows the same hours whatever its own time zone; each day is its own panel, so no line is drawn
    across the hours the channel is closed (nights, weekends).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`cxkit.plan.staffing.staffing_table`: ``interval_start`` (local time, with or
        without a zone), ``agents``, ``scheduled`` (counts) and ``load_erlangs`` (Erlangs); only
        the open intervals.
    title : str, optional
        Chart title (by default "Agents needed per interval" in ``lang``).
    lang : str
        Language of the title, axes, series and weekday names, ``en`` or ``fi``.

    Returns
    -------
    altair.FacetChart
        One column per local date (``Mon 2 Mar``), x = interval start (local clock, ``HH:MM``),
        y = agents (count); one step line per series: required on the phones, scheduled with
        shrinkage, load in Erlangs.

    Examples
    --------
    >>> tb = pd.DataFrame({"interval_start": pd.to_datetime(["2026-03-02 08:00", "2026-03-02 08:30",
    ...     "2026-03-03 08:00"]).tz_localize("Europe/Helsinki"), "agents": [10, 12, 9],
    ...     "scheduled": [15, 18, 13], "load_erlangs": [8.0, 10.1, 7.2]})
    >>> sorted(set(agents_chart(tb).data.time))
    ['08:00', '08:30']
    """
    from cxkit.measure.views import local_naive

    local = local_naive(table.interval_start)
    names = {k: t(f"series_{k}", lang) for k in _SERIES}
    long = (
        table[list(_SERIES)]
        .assign(
            time=local.dt.strftime("%H:%M"),
            day=[f"{t('wd_' + d.strftime('%a'), lang)} {d.day}.{d.month}." for d in local],
            order=local.dt.normalize(),
        )
        .melt(id_vars=["time", "day", "order"], var_name="series", value_name="value")
    )
    long["series"] = long.series.map(names)
    days = list(dict.fromkeys(long.sort_values("order").day))
    long = long.drop(columns="order")
    chart = (
        alt.Chart(long)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X(
                "time:O", title=t("axis_interval_local", lang), axis=alt.Axis(labelOverlap=True)
            ),
            y=alt.Y("value:Q", title=t("axis_agents_count", lang)),
            color=alt.Color("series:N", title=None, sort=list(names.values())),
            tooltip=[
                alt.Tooltip("day:N", title=t("day", lang)),
                alt.Tooltip("time:O", title=t("axis_interval_local", lang)),
                alt.Tooltip("series:N", title=t("series", lang)),
                alt.Tooltip("value:Q", format=".1f", title=t("axis_agents", lang)),
            ],
        )
        .properties(width=max(90, 560 // max(len(days), 1)), height=240)
    )
    return chart.facet(column=alt.Column("day:N", title=None, sort=days)).properties(
        title=title or t("title_agents", lang)
    )


def blended_day_chart(
    means: pd.DataFrame,
    *,
    sl_target_pct: float = 80,
    backlog_limit: float | None = None,
    lang: str = "en",
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
    lang : str
        Language of the titles and axes, ``en`` or ``fi``.

    Returns
    -------
    altair.VConcatChart
        Service level by interval above the email backlog at each interval's end.
    """
    df = means[["start_h", "phone_service_level_pct", "email_backlog_end"]]
    x = alt.X("start_h:Q", title=t("axis_hour_of_day", lang))
    sl = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y(
                "phone_service_level_pct:Q",
                title=t("axis_phone_sl_pct", lang),
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=[
                alt.Tooltip("start_h:Q", title=t("axis_hour_of_day", lang)),
                alt.Tooltip(
                    "phone_service_level_pct:Q", format=".1f", title=t("axis_phone_sl_pct", lang)
                ),
            ],
        )
    )
    bl = (
        alt.Chart(df)
        .mark_area(opacity=0.6, color="#b35806")
        .encode(
            x=x,
            y=alt.Y("email_backlog_end:Q", title=t("axis_email_backlog", lang)),
            tooltip=[
                alt.Tooltip("start_h:Q", title=t("axis_hour_of_day", lang)),
                alt.Tooltip(
                    "email_backlog_end:Q", format=".0f", title=t("axis_email_backlog", lang)
                ),
            ],
        )
    )
    layers: list[alt.Chart] = [bl]
    if backlog_limit is not None:
        layers.append(_target_rule(backlog_limit, field="limit"))
    return alt.vconcat(
        (sl + _target_rule(sl_target_pct)).properties(
            title=t("title_blend_sl", lang).format(target=f"{sl_target_pct:g}"),
            width=560,
            height=200,
        ),
        alt.layer(*layers).properties(title=t("title_blend_backlog", lang), width=560, height=160),
    )
