"""Altair charts for forecasts: history and forecast with its interval band, accuracy against
seasonal naive, agents per interval on the forecast. English and Finnish (``lang``).

Every chart draws a small frame made by :mod:`cxkit.plan.forecast` or
:mod:`cxkit.plan.forecast_plan`; the only work here is picking columns.

>>> acc = pd.DataFrame({"method": ["seasonal_naive", "mstl_ets"], "wmape_pct": [12.0, 10.0],
...                     "mase": [1.1, 0.9], "coverage_pct": [70.0, 80.0], "beats_naive": [False, True]})
>>> accuracy_chart(acc, lang="fi").to_dict()["title"]
'Ennustevirhe verrattuna kausinaiiviin (sama jakso viime viikolla)'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.i18n import t
from cxkit.plan.forecast import recommend_method

__all__ = ["accuracy_chart", "forecast_agents_chart", "forecast_chart", "recommendation"]


def forecast_chart(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    *,
    history_days: int = 7,
    channel: str = "",
    lang: str = "en",
) -> alt.LayerChart:
    """The last days of history, the forecast mean and its prediction interval as a band.

    Parameters
    ----------
    history : pandas.DataFrame
        ``interval_start`` and ``arrivals`` (contacts per interval).
    forecast : pandas.DataFrame
        From :func:`cxkit.plan.forecast.forecast_arrivals`: ``interval_start``, ``arrivals``,
        ``arrivals_low``, ``arrivals_high`` (contacts) and ``level_pct`` (%).
    history_days : int
        Calendar days of history shown before the forecast.
    channel : str
        Channel name for the title.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        History line, forecast line and band.
    """
    last = pd.Timestamp(history["interval_start"].max())
    h = history.loc[
        history["interval_start"] > last - pd.Timedelta(days=history_days),
        ["interval_start", "arrivals"],
    ].assign(series=t("fc_history", lang))
    f = forecast[["interval_start", "arrivals", "arrivals_low", "arrivals_high"]].assign(
        series=t("fc_forecast", lang)
    )
    x = alt.X("interval_start:T", title=t("fc_time", lang))
    y_title = t("fc_arrivals_axis", lang)
    band = (
        alt.Chart(f)
        .mark_area(opacity=0.25)
        .encode(x=x, y=alt.Y("arrivals_low:Q", title=y_title), y2="arrivals_high:Q")
    )
    lines = (
        alt.Chart(pd.concat([h, f[["interval_start", "arrivals", "series"]]], ignore_index=True))
        .mark_line()
        .encode(
            x=x,
            y=alt.Y("arrivals:Q", title=y_title),
            color=alt.Color("series:N", title=""),
            tooltip=["interval_start:T", alt.Tooltip("arrivals:Q", format=".1f"), "series:N"],
        )
    )
    level = float(forecast["level_pct"].iloc[0]) if "level_pct" in forecast else 80.0
    return (band + lines).properties(
        title=t("fc_title", lang).format(channel=channel, level=level), width=640, height=260
    )


def accuracy_chart(accuracy: pd.DataFrame, *, lang: str = "en") -> alt.LayerChart:
    """wMAPE per method as bars, seasonal naive's wMAPE drawn as the line to beat.

    Parameters
    ----------
    accuracy : pandas.DataFrame
        From :func:`cxkit.plan.forecast.accuracy_table` (one row per method): ``method``,
        ``wmape_pct`` (%), ``mase``, ``coverage_pct`` (%) and ``beats_naive``.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.LayerChart
        Bars and the seasonal-naive rule.
    """
    data = accuracy[["method", "wmape_pct", "mase", "coverage_pct", "beats_naive"]]
    naive = float(data.loc[data.method == "seasonal_naive", "wmape_pct"].iloc[0])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("method:N", title=t("fc_method", lang), sort=None),
            y=alt.Y("wmape_pct:Q", title=t("fc_wmape_axis", lang)),
            color=alt.Color("beats_naive:N", legend=None),
            tooltip=[
                "method:N",
                alt.Tooltip("wmape_pct:Q", format=".1f"),
                alt.Tooltip("mase:Q", format=".2f"),
                alt.Tooltip("coverage_pct:Q", format=".1f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"naive": [naive], "label": [t("fc_naive_rule", lang)]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(y="naive:Q", tooltip=["label:N"])
    )
    return (bars + rule).properties(title=t("fc_accuracy_title", lang), width=360, height=240)


def forecast_agents_chart(plan: pd.DataFrame, *, target: str, lang: str = "en") -> alt.Chart:
    """Scheduled agents per interval for one target, the mean and the high scenario.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`cxkit.plan.forecast_plan.plan_on_forecast`: ``target``, ``scenario``,
        ``interval_start`` and ``scheduled`` (agents).
    target : str
        The target to draw (``"80/20"``); it is in the title.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    altair.Chart
        Step lines of scheduled agents, one per scenario.
    """
    p = plan.loc[plan["target"] == target, ["interval_start", "scenario", "scheduled"]]
    if p.empty:
        raise ValueError(f"the plan has no target {target!r}; it has {sorted(set(plan.target))}")
    p = p.assign(
        scenario=p["scenario"].map({"mean": t("fc_mean", lang), "high": t("fc_high", lang)})
    )
    return (
        alt.Chart(p)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("interval_start:T", title=t("fc_time", lang)),
            y=alt.Y("scheduled:Q", title=t("fc_agents_axis", lang)),
            color=alt.Color("scenario:N", title=t("fc_scenario", lang)),
            tooltip=["interval_start:T", "scenario:N", "scheduled:Q"],
        )
        .properties(title=t("fc_agents_title", lang).format(target=target), width=640, height=240)
    )


def recommendation(accuracy: pd.DataFrame, *, lang: str = "en") -> str:
    """The sentence that says which method to plan on, or that none beats seasonal naive.

    Parameters
    ----------
    accuracy : pandas.DataFrame
        From :func:`cxkit.plan.forecast.accuracy_table` (one row per method).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    str
        One sentence.

    Examples
    --------
    >>> acc = pd.DataFrame({"method": ["seasonal_naive", "mstl_ets"], "wmape_pct": [12.0, 13.0],
    ...                     "beats_naive": [False, False]})
    >>> recommendation(acc)
    "No method beats seasonal naive: plan on last week's pattern"
    """
    best = recommend_method(accuracy)
    return t("fc_recommend", lang).format(method=best) if best else t("fc_recommend_none", lang)
