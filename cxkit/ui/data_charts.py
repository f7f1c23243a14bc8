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
    """Heatmap of :func:`volume_by_day_hour`, one panel per group."""
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
    """Line chart of :func:`daily_volume`."""
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
