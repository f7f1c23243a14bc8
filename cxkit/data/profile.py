"""What was loaded: row accounting, a data-quality summary, and volume by day and hour.

>>> import pandas as pd
>>> df = pd.DataFrame({"a": [1, None, 3], "b": ["x", "x", None]})
>>> data_quality(df).set_index("column").filled_pct.tolist()
[66.7, 66.7]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from cxkit.data.loader import LoadResult

__all__ = ["daily_volume", "data_quality", "row_accounting", "volume_by_day_hour"]


def row_accounting(results: Mapping[str, LoadResult]) -> pd.DataFrame:
    """One row per loaded file: ``table, source, rows_read, accepted, quarantined, top_reason, output_rows``."""
    rows = []
    for name, r in results.items():
        top = max(r.reasons.items(), key=lambda kv: kv[1])[0] if r.reasons else ""
        rows.append(
            {
                "table": name,
                "source": r.source,
                "rows_read": r.rows_read,
                "accepted": r.accepted,
                "quarantined": r.quarantined,
                "top_reason": top,
                "output_rows": len(r.data),
            }
        )
    out = pd.DataFrame(rows)
    assert (out.rows_read == out.accepted + out.quarantined).all()
    return out


def data_quality(df: pd.DataFrame) -> pd.DataFrame:
    """Per column: ``column, dtype, filled_pct, distinct, min, max`` (min/max for numbers and times)."""
    rows = []
    for col in df.columns:
        s = df[col]
        numeric_or_time = (
            pd.api.types.is_numeric_dtype(s)
            and not pd.api.types.is_bool_dtype(s)
            or pd.api.types.is_datetime64_any_dtype(s)
        )
        rows.append(
            {
                "column": col,
                "dtype": str(s.dtype),
                "filled_pct": round(100 * s.notna().mean(), 1),
                "distinct": int(s.nunique(dropna=True)),
                "min": s.min() if numeric_or_time and s.notna().any() else None,
                "max": s.max() if numeric_or_time and s.notna().any() else None,
            }
        )
    return pd.DataFrame(rows)


def volume_by_day_hour(
    frame: pd.DataFrame, *, time_col: str = "arrival", by: str = "channel"
) -> pd.DataFrame:
    """Contacts per weekday x hour (averaged over the weeks in the data) per ``by`` group:
    ``group, weekday, weekday_no, hour, contacts_per_day``."""
    t = frame[time_col]
    days = t.dt.normalize()
    n_days = days.groupby(t.dt.day_of_week).nunique()
    g = frame.groupby(
        [frame[by], t.dt.day_of_week.rename("weekday_no"), t.dt.hour.rename("hour")]
    ).size()
    g = g.rename("contacts").reset_index().rename(columns={by: "group"})
    g["contacts_per_day"] = g.contacts / g.weekday_no.map(n_days)
    g["weekday"] = g.weekday_no.map(
        dict(enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]))
    )
    return g[["group", "weekday", "weekday_no", "hour", "contacts_per_day"]]


def daily_volume(
    frame: pd.DataFrame, *, time_col: str = "arrival", by: str = "channel"
) -> pd.DataFrame:
    """Contacts per calendar day per group: ``day, group, contacts``."""
    g = frame.groupby(
        [
            frame[time_col].dt.tz_localize(None).dt.normalize().rename("day"),
            frame[by].rename("group"),
        ]
    ).size()
    return g.rename("contacts").reset_index()
