"""Any catalog metric per group, from counts so that any grouping is exact; and every variant side by side.

Rates come out in percent (0-100); every frame names its ``unit``.

>>> import pandas as pd
>>> t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> c = pd.DataFrame({"contact_id": list("abcde"), "channel": "phone", "arrival": t,
...                   "outcome": ["answered", "answered", "answered", "abandoned", "abandoned"],
...                   "wait_s": [5.0, 20.0, 40.0, 3.0, 60.0]})
>>> sl = service_level(c, threshold_s=20, variant="offered", by=("channel",))
>>> sl[["offered", "answered_within", "service_level_pct"]].values.tolist()
[[5.0, 2.0, 40.0]]
>>> compare_variants(c, threshold_s=20).set_index("variant").value.round(1).to_dict()
{'offered': 40.0, 'answered': 66.7, 'ignore_abandons_within_T': 50.0, 'ignore_short_abandons': 50.0, 'positive_abandon': 60.0, 'removed_from_queue': 60.0}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.model import Calendar
from cxkit.data.tables import as_tables
from cxkit.measure.aggregate import PERIODS, grouped
from cxkit.measure.engine import metric_rows

__all__ = ["compare_variants", "metric", "service_level"]


def service_level(
    contacts: pd.DataFrame,
    *,
    threshold_s: float = 20,
    variant: str = "offered",
    by: Sequence[str] = ("channel", "day"),
    interval_min: int = 30,
    **options: Any,
) -> pd.DataFrame:
    """Service level per group, from counts.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contact log (``arrival``, ``outcome``, ``wait_s``...).
    threshold_s : float
        The time limit T in seconds.
    variant : str
        A service-level variant (``offered`` by default; see ``cx.get_metric("service_level")``).
    by : sequence of str
        Columns of the contacts and at most one period (``interval``, ``day``, ``week``, ``month``,
        ``quarter``, which becomes ``period_start``).
    interval_min : int
        Interval length in minutes when ``by`` has ``interval`` (15, 30 or 60).
    **options
        Other definition options (``include_flowouts``, ``short_abandon_s``, ``comparison``...).

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``offered`` (the variant's denominator, contacts), ``answered_within`` (its
        numerator, contacts), ``service_level_pct`` (percent), ``ci_low_pct``, ``ci_high_pct``
        (Wilson 95 %, percent) and ``n``.
    """
    rows = metric_rows(
        {"contacts": contacts},
        "service_level",
        options={"variant": variant, **options},
        within_s=threshold_s,
    )
    extra = [k for k in by if k not in PERIODS and k not in rows.frame.columns]
    if extra:  # group by any other column of the contacts (a derived time-of-day, a segment...)
        missing = [k for k in extra if k not in contacts.columns]
        if missing:
            raise KeyError(f"cannot group by {missing}: not columns of the contacts")
        rows = rows.replace(rows.frame.join(contacts[extra]))
    g = grouped(rows, by, interval_min=interval_min)
    return g.rename(
        columns={
            "numerator": "answered_within",
            "denominator": "offered",
            "value": "service_level_pct",
            "ci_low": "ci_low_pct",
            "ci_high": "ci_high_pct",
        }
    )


def compare_variants(
    data: Any,
    metric: str = "service_level",
    *,
    threshold_s: float = 20,
    channel: str | None = None,
    by: Sequence[str] = (),
    **options: Any,
) -> pd.DataFrame:
    """Every variant of ``metric`` side by side on the same data: the table that ends arguments about
    whose number is right.

    Parameters
    ----------
    data : DataFrame, LoadResult, mapping or folder
        A contacts DataFrame, a ``LoadResult``, ``{table: ...}`` or ``cx.load_tables(...)``.
    metric : str
        A catalog metric with a ``variant`` option (service level by default).
    threshold_s : float
        The time limit T in seconds, for metrics that have one.
    channel : str, optional
        Keep one channel.
    by : sequence of str
        Group columns and at most one period; empty for one row per variant.
    **options
        Other definition options, the same for every variant.

    Returns
    -------
    pandas.DataFrame
        ``variant``, ``by`` columns, ``numerator``, ``denominator`` (contacts), ``value``, ``ci_low``,
        ``ci_high`` (in ``unit``: percent for rates), ``n``, ``unit`` and ``definition``.
    """
    d = as_tables(data)
    if channel is not None:
        d = {k: (v[v.channel == channel] if "channel" in v else v) for k, v in d.items()}
    m = get_metric(metric)
    variants = (m.options["variant"].choices or ()) if "variant" in m.options else (None,)
    out = []
    for v in variants:
        opts = {**options, **({"variant": v} if v else {})}
        rows = metric_rows(d, metric, options=opts, within_s=threshold_s if m.within else None)
        g = grouped(rows, by)
        g.insert(0, "variant", v)
        g["unit"] = m.unit
        g["definition"] = rows.definition
        out.append(g)
    return pd.concat(out, ignore_index=True)


def metric(
    data: Any,
    metric_id: str,
    *,
    by: Sequence[str] = ("channel", "day"),
    options: dict[str, Any] | None = None,
    within_s: float | None = None,
    calendar: Calendar | None = None,
    interval_min: int = 30,
) -> pd.DataFrame:
    """Any catalog metric per group.

    Parameters
    ----------
    data : DataFrame, LoadResult, mapping or folder
        The tables the metric reads (see :func:`cxkit.as_tables`).
    metric_id : str
        A catalog metric id (``cx.catalog_frame()`` lists them).
    by : sequence of str
        Group columns and at most one period.
    options : dict, optional
        Definition options; the catalog's defaults fill the rest.
    within_s : float, optional
        The time limit T in seconds (service levels).
    calendar : Calendar, optional
        The channel calendar, for business-hours clocks.
    interval_min : int
        Interval length in minutes when ``by`` has ``interval``.

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``n``, ``numerator``, ``denominator``, ``value``, ``ci_low``, ``ci_high`` (in
        ``unit``: percent for rates, seconds, hours, score or NPS points) and ``unit``.
    """
    rows = metric_rows(
        as_tables(data), metric_id, options=options, within_s=within_s, calendar=calendar
    )
    return grouped(rows, by, interval_min=interval_min).assign(
        unit=rows.unit or get_metric(metric_id).unit
    )
