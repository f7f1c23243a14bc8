"""Altair charts of customer experience: scores by channel with intervals and the target, replies by
visibility, and the driver forest plot.

Each chart draws a small frame already aggregated by :mod:`cxkit.measure` (no computation here), has a
title and axis units in English or Finnish, and draws the target (or, for ratios, the line of no
effect at 1).

>>> s = pd.DataFrame({"channel": ["phone", "chat"], "measure": "csat", "n": [800, 170],
...                   "value": [79.4, 79.5], "ci_low": [76.5, 73.0], "ci_high": [82.0, 84.8]})
>>> score_chart(s, target=85).to_dict()["title"]
'CSAT (top-box %) by channel, 95 % intervals (target 85)'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.i18n import t

__all__ = ["driver_forest_chart", "response_chart", "score_chart"]

_AXIS = {
    "csat": "chart_csat_axis",
    "csat_mean": "chart_csat_mean_axis",
    "nps": "chart_nps_axis",
    "ces": "chart_ces_axis",
}


def _rule_at(value: float, field: str) -> alt.Chart:
    """A dashed vertical rule at ``value`` (a target, or 1 = no effect), its value in column ``field``."""
    return (
        alt.Chart(pd.DataFrame({field: [value]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(x=f"{field}:Q")
    )


def _points_with_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    color: str | None = None,
    lang: str = "en",
) -> alt.LayerChart:
    base = alt.Chart(frame)
    enc: dict = {"y": alt.Y(f"{y}:N", title=y_title)}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=t(color, lang))
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=x_title), x2="ci_high:Q", **enc
    )
    points = base.mark_point(filled=True, size=70).encode(
        x=f"{x}:Q",
        tooltip=[f"{y}:N", alt.Tooltip(f"{x}:Q", format=".1f"), "n:Q"],
        **enc,
    )
    return bars + points


def score_chart(
    scores: pd.DataFrame,
    *,
    measure: str = "csat",
    by: str = "channel",
    target: float | None = None,
    lang: str = "en",
) -> alt.LayerChart:
    """A customer score per group as a point with its 95 % interval, ``n`` beside it and the target.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`cxkit.survey_scores`: ``by``, ``measure``, ``n``, ``value``, ``ci_low``,
        ``ci_high`` (in the measure's unit).
    measure : str
        ``csat`` (top-box %), ``csat_mean``, ``nps`` (points) or ``ces`` (score).
    by : str
        The group column on the vertical axis.
    target : float, optional
        The charter's target in the measure's unit, drawn as a dashed rule.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Interval rules, points, ``n`` labels and the target rule.
    """
    f = scores[scores["measure"] == measure] if "measure" in scores.columns else scores
    f = f[[by, "n", "value", "ci_low", "ci_high"]].copy()
    f[by] = f[by].astype(str)
    f["label"] = "n = " + f["n"].astype(int).astype(str)
    axis = t(_AXIS[measure], lang)
    layer = _points_with_bars(f, x="value", y=by, x_title=axis, y_title=t(by, lang))
    labels = (
        alt.Chart(f)
        .mark_text(align="left", dx=8, dy=-8, fontSize=10)
        .encode(x="value:Q", y=f"{by}:N", text="label:N")
    )
    layer = layer + labels
    title = t("chart_score_title", lang).format(measure=axis, by=t(by, lang).lower())
    if target is not None:
        layer = layer + _rule_at(target, "target")
        title += f" ({t('cx_target', lang)} {target:g})"
    return layer.properties(title=title, width=480, height=40 + 28 * f[by].nunique())


def response_chart(
    frame: pd.DataFrame,
    *,
    within_h: float,
    target_pct: float | None = None,
    by: str = "visibility",
    color: str | None = "priority",
    lang: str = "en",
) -> alt.LayerChart:
    """Share of customer messages replied within T hours, per visibility (and priority), with intervals.

    Parameters
    ----------
    frame : pandas.DataFrame
        From ``cx.metric(data, "reply_service_level", by=(by, color), within_s=...)``: ``by``,
        ``color`` (optional), ``n``, ``value``, ``ci_low``, ``ci_high`` (percent).
    within_h : float
        The time limit T in hours (for the title).
    target_pct : float, optional
        The charter's target, percent.
    by : str
        The group on the vertical axis (``visibility``).
    color : str, optional
        A second group shown by colour (``priority``); ``None`` for none.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Interval rules and points per group, and the target rule.
    """
    keep = [by, *([color] if color else []), "n", "value", "ci_low", "ci_high"]
    f = frame[keep].copy()
    for c in (by, color):
        if c:
            f[c] = f[c].astype(str)
    axis = t("chart_replied_within_axis", lang).format(h=f"{within_h:g}")
    layer = _points_with_bars(
        f, x="value", y=by, x_title=axis, y_title=t(by, lang), color=color, lang=lang
    )
    title = t("chart_response_title", lang).format(h=f"{within_h:g}")
    if target_pct is not None:
        layer = layer + _rule_at(target_pct, "target")
        title += f" ({t('cx_target', lang)} {target_pct:g} %)"
    return layer.properties(title=title, width=480, height=140)


def driver_forest_chart(
    drivers: pd.DataFrame, *, ratio: str = "risk", lang: str = "en"
) -> alt.LayerChart:
    """Forest plot of a driver analysis: each factor's ratio with its 95 % interval on a log scale,
    and the line of no effect at 1.

    Parameters
    ----------
    drivers : pandas.DataFrame
        From :func:`cxkit.drivers`: ``factor``, ``exposed_n`` and ``risk_ratio``, ``rr_ci_low``,
        ``rr_ci_high`` (or ``odds_ratio``, ``or_ci_low``, ``or_ci_high``); factors without a
        ratio (separation) are left out of the picture.
    ratio : {"risk", "odds"}
        Which ratio to draw.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Interval rules, points and the reference rule at 1.
    """
    col, lo, hi = (
        ("risk_ratio", "rr_ci_low", "rr_ci_high")
        if ratio == "risk"
        else ("odds_ratio", "or_ci_low", "or_ci_high")
    )
    f = drivers[["factor", "exposed_n", col, lo, hi]].rename(
        columns={col: "ratio", lo: "ci_low", hi: "ci_high", "exposed_n": "n"}
    )
    f = f[f["ratio"].notna()]  # a separated factor has no ratio to draw (its sentence says why)
    axis = t(f"chart_{ratio}_ratio_axis", lang)
    scale = alt.Scale(type="log")
    base = alt.Chart(f)
    y = alt.Y("factor:N", title=None, sort=None)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=axis, scale=scale), x2="ci_high:Q", y=y
    )
    points = base.mark_point(filled=True, size=70).encode(
        x=alt.X("ratio:Q", scale=scale),
        y=y,
        tooltip=["factor:N", alt.Tooltip("ratio:Q", format=".2f"), "n:Q"],
    )
    one = _rule_at(1.0, "no_effect")
    outcome = drivers.attrs.get("outcome", "")
    title = t("chart_driver_title", lang).format(outcome=t(f"drv_outcome_{outcome}", lang))
    return (bars + points + one).properties(title=title, width=480, height=30 + 26 * len(f))
