"""Pictures of what was loaded: volume by weekday and hour, and contacts per day.

The tables come from :mod:`cxkit.data.profile`; these functions only draw them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["daily_volume_chart", "volume_heatmap"]


def volume_heatmap(
    vol: pd.DataFrame, *, title: str = "Contacts per hour, average day"
) -> alt.Chart:
    """Heatmap of :func:`volume_by_day_hour`, one panel per group.

    Parameters
    ----------
    vol : pandas.DataFrame
        The frame of :func:`cxkit.volume_by_day_hour` (``group, weekday, hour,
        contacts_per_day``).
    title : str
        The chart title.

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
    return (
        alt.Chart(vol)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="Hour of day (local time)"),
            y=alt.Y(
                "weekday:N", sort=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], title=None
            ),
            color=alt.Color(
                "contacts_per_day:Q", title="Contacts per hour", scale=alt.Scale(scheme="blues")
            ),
            tooltip=["group", "weekday", "hour", alt.Tooltip("contacts_per_day:Q", format=".1f")],
            facet=alt.Facet("group:N", columns=2, title=None),
        )
        .properties(title=title, width=300, height=140)
    )


def daily_volume_chart(daily: pd.DataFrame, *, title: str = "Contacts per day") -> alt.Chart:
    """Line chart of :func:`daily_volume`.

    Parameters
    ----------
    daily : pandas.DataFrame
        The frame of :func:`cxkit.daily_volume` (``day, group, contacts``).
    title : str
        The chart title.

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
    return (
        alt.Chart(daily)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title="Day"),
            y=alt.Y("contacts:Q", title="Contacts (count)"),
            color=alt.Color("group:N", title="Channel"),
            tooltip=["day:T", "group", "contacts"],
        )
        .properties(title=title, width=560, height=220)
    )
