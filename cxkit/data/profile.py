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
    """One row per loaded file: ``table, source, rows_read, accepted, quarantined, top_reason, output_rows``.

    Every row read is either accepted or quarantined; the function asserts that the counts add up.

    Parameters
    ----------
    results : mapping of str to LoadResult
        Load results by table name, as :func:`cxkit.load_tables` returns them.

    Returns
    -------
    pandas.DataFrame
        One row per entry of ``results``:

        - ``table``: the key in ``results`` (the contract table).
        - ``source``: the file the table was read from (as given to the loader).
        - ``rows_read``: data rows read from the file (count).
        - ``accepted``: rows that passed the contract (count).
        - ``quarantined``: rows set aside with a reason (count); ``accepted + quarantined ==
          rows_read``.
        - ``top_reason``: the most frequent quarantine reason (the first in alphabetical order on a
          tie); empty text when nothing was quarantined.
        - ``output_rows``: rows in the loaded table (count); differs from ``accepted`` when a preset
          derives one table from many rows (tickets from an event log).

    Examples
    --------
    >>> from cxkit.data.loader import LoadResult
    >>> q = pd.DataFrame({"line": [4], "reason": ["unparseable time"], "detail": [""]})
    >>> r = LoadResult("contacts", pd.DataFrame({"a": [1, 2]}), q, 3, "contacts.csv", "generic")
    >>> row_accounting({"contacts": r}).to_dict("records")[0]
    {'table': 'contacts', 'source': 'contacts.csv', 'rows_read': 3, 'accepted': 2,
     'quarantined': 1, 'top_reason': 'unparseable time', 'output_rows': 2}
    """
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
    cols = ["table", "source", "rows_read", "accepted", "quarantined", "top_reason", "output_rows"]
    out = pd.DataFrame(rows, columns=cols)  # an empty dict gives an empty table, not an error
    return out


def data_quality(df: pd.DataFrame) -> pd.DataFrame:
    """Per column: ``column, dtype, filled_pct, distinct, min, max`` (min/max for numbers and times).

    Parameters
    ----------
    df : pandas.DataFrame
        Any table, typically a loaded contract table (``cx.load_tables(...)["contacts"].data``).

    Returns
    -------
    pandas.DataFrame
        One row per column of ``df``, in order:

        - ``column``: the column name.
        - ``dtype``: its pandas dtype, as text.
        - ``filled_pct``: share of rows with a value, percent (0-100, one decimal).
        - ``distinct``: number of distinct non-missing values (count).
        - ``min``, ``max``: smallest and largest value, in the column's own unit (seconds for
          ``_s`` columns, timestamps for times); ``None`` for text and boolean columns and for
          columns with no value.
    """
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
    ``group, weekday, weekday_no, hour, contacts_per_day``.

    The average divides by the number of distinct dates of that weekday in the whole frame (all
    groups together). Hours are the clock hours of ``time_col`` as stored (local time when the
    column carries a zone). Weekday-hour cells without any contact are absent, not zero.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows to count, one per contact (or ticket).
    time_col : str
        The datetime column to bin (``arrival`` for contacts, ``created`` for tickets).
    by : str
        The column whose values form the groups (``channel`` by default).

    Returns
    -------
    pandas.DataFrame
        One row per group, weekday and hour that has contacts:

        - ``group``: the value of ``by``.
        - ``weekday``: ``Mon`` ... ``Sun``.
        - ``weekday_no``: 0 (Monday) ... 6 (Sunday).
        - ``hour``: hour of day, 0-23.
        - ``contacts_per_day``: contacts in that hour on an average such weekday (contacts per
          hour, averaged over the dates of that weekday).

    Examples
    --------
    >>> t = pd.to_datetime(["2026-03-02 08:10", "2026-03-02 08:50", "2026-03-09 08:05"])
    >>> df = pd.DataFrame({"arrival": t, "channel": "phone"})
    >>> volume_by_day_hour(df).to_dict("records")[0]
    {'group': 'phone', 'weekday': 'Mon', 'weekday_no': 0, 'hour': 8, 'contacts_per_day': 1.5}
    """
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
    """Contacts per calendar day per group: ``day, group, contacts``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows to count, one per contact (or ticket).
    time_col : str
        The datetime column whose calendar date counts (``arrival`` for contacts, ``created`` for
        tickets); local date when the column carries a zone.
    by : str
        The column whose values form the groups (``channel`` by default).

    Returns
    -------
    pandas.DataFrame
        One row per day and group that has contacts (days without any are absent):

        - ``day``: the local calendar date (midnight, no time zone).
        - ``group``: the value of ``by``.
        - ``contacts``: rows on that day (count).

    Examples
    --------
    >>> t = pd.to_datetime(["2026-03-02 08:10", "2026-03-02 17:50", "2026-03-03 09:00"])
    >>> daily_volume(pd.DataFrame({"arrival": t, "channel": "chat"})).contacts.tolist()
    [2, 1]
    """
    g = frame.groupby(
        [
            frame[time_col].dt.tz_localize(None).dt.normalize().rename("day"),
            frame[by].rename("group"),
        ]
    ).size()
    return g.rename("contacts").reset_index()
