"""Pictures of what was loaded: volume by weekday and hour, and contacts per day.

The tables come from :mod:`cxkit.data.profile`; these functions only draw them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.i18n import t

__all__ = ["daily_volume_chart", "volume_heatmap"]


def volume_heatmap(vol: pd.DataFrame, *, title: str | None = None, lang: str = "en") -> alt.Chart:
    """Heatmap of :func:`volume_by_day_hour`, one panel per group.

    Parameters
    ----------
    vol : pandas.DataFrame
        The frame of :func:`cxkit.volume_by_day_hour` (``group, weekday, hour,
        contacts_per_day``).
    title : str, optional
        The chart title (by default "Contacts per hour, average day" in ``lang``).
    lang : str
        Language of the title, axes and weekday names, ``en`` or ``fi``.

    Returns
    -------
    altair.Chart
        A faceted heatmap, two panels per row, one panel per ``group`` (channel), titled ``title``:
        x = hour of day (local time, 0-23), y = weekday (Mon to Sun), colour = contacts in that hour
        on an average such weekday (contacts per hour). No target is drawn: this is volume, not a
        metric with a threshold.

    Examples
    --------
    >>> vol = pd.DataFrame({"group": "phone", "weekday": ["Mon", "Tue"], "weekday_no": [0, 1],
    ...                     "hour": [8, 9], "contacts_per_day": [12.5, 9.0]})
    >>> volume_heatmap(vol).to_dict()["encoding"]["x"]["title"]
    'Hour of day (local time)'
    """
    days = [t(f"wd_{d}", lang) for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    df = vol.assign(weekday=vol.weekday.map(lambda d: t(f"wd_{d}", lang)))
    return (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title=t("axis_hour_local", lang)),
            y=alt.Y("weekday:N", sort=days, title=None),
            color=alt.Color(
                "contacts_per_day:Q",
                title=t("axis_contacts_per_hour", lang),
                scale=alt.Scale(scheme="blues"),
            ),
            tooltip=[
                alt.Tooltip("group:N", title=t("channel", lang)),
                alt.Tooltip("weekday:N", title=t("axis_weekday", lang)),
                alt.Tooltip("hour:O", title=t("axis_hour_local", lang)),
                alt.Tooltip(
                    "contacts_per_day:Q", format=".1f", title=t("axis_contacts_per_hour", lang)
                ),
            ],
            facet=alt.Facet("group:N", columns=2, title=None),
        )
        .properties(title=title or t("title_volume_default", lang), width=300, height=140)
    )


def daily_volume_chart(
    daily: pd.DataFrame, *, title: str | None = None, lang: str = "en"
) -> alt.Chart:
    """Line chart of :func:`daily_volume`.

    Parameters
    ----------
    daily : pandas.DataFrame
        The frame of :func:`cxkit.daily_volume` (``day, group, contacts``).
    title : str, optional
        The chart title (by default "Contacts per day" in ``lang``).
    lang : str
        Language of the title, axes and legend, ``en`` or ``fi``.

    Returns
    -------
    altair.Chart
        Lines with points, one colour per ``group`` (channel), titled ``title``: x = calendar day,
        y = contacts that day (count). No target is drawn.

    Examples
    --------
    >>> daily = pd.DataFrame({"day": pd.to_datetime(["2026-03-02", "2026-03-03"]),
    ...                       "group": "chat", "contacts": [120, 95]})
    >>> daily_volume_chart(daily).to_dict()["encoding"]["y"]["title"]
    'Contacts (count)'
    """
    df = daily.assign(date=pd.to_datetime(daily.day).dt.strftime("%Y-%m-%d")).drop(columns="day")
    return (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:O", title=t("axis_day", lang), axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("contacts:Q", title=t("axis_contacts_count", lang)),
            color=alt.Color("group:N", title=t("channel", lang)),
            tooltip=[
                alt.Tooltip("date:O", title=t("axis_day", lang)),
                alt.Tooltip("group:N", title=t("channel", lang)),
                alt.Tooltip("contacts:Q", title=t("axis_contacts_count", lang)),
            ],
        )
        .properties(title=title or t("title_daily_default", lang), width=560, height=220)
    )
