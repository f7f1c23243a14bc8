"""The metric engine: one row builder per catalog metric, registered by id, and one way to run it.

The catalog (:mod:`cxkit.catalog`) declares each metric once: its unit, options, the ``table`` its
rows come from and its ``aggregation``. A **row builder** here turns that table into per-row
expressions (which rows count, a numerator and denominator flag, or a value); :func:`aggregate
<cxkit.measure.aggregate.aggregate>` then sums counts per group. Builders register with
:func:`rows_for`; there is no if-chain of metric ids anywhere, and a test checks that every catalog
metric has exactly one builder.

>>> import pandas as pd
>>> t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> c = pd.DataFrame({"contact_id": list("abc"), "channel": "phone", "arrival": t,
...                   "outcome": ["answered", "answered", "abandoned"], "wait_s": [5.0, 40.0, 3.0]})
>>> r = metric_rows({"contacts": c}, "asa")
>>> r.kind, r.table, r.frame["value"].tolist()
('mean', 'contacts', [5.0, 40.0])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from cxkit.catalog import METRICS, get_metric
from cxkit.charter.model import Calendar
from cxkit.data.contracts import TIME_COLUMNS
from cxkit.errors import MissingColumnError, MissingDataError

__all__ = [
    "GROUP_COLUMNS",
    "RowContext",
    "Rows",
    "base_rows",
    "interval_builders",
    "interval_rows_for",
    "metric_rows",
    "need",
    "registered",
    "rows_for",
]

#: Columns a row keeps beside ``time`` so that any of them can be a segment or a drill-down.
GROUP_COLUMNS = ("channel", "queue", "agent", "priority", "segment")


@dataclass
class Rows:
    """Per-row inputs of a metric.

    ``frame`` has ``time`` (zone-aware), the group columns the table has, then ``num``/``den``
    (ratios) or ``value``. ``kind`` is the aggregation (``ratio``, ``mean``, ``quantile``, ``max``,
    ``count``, ``nps``, ``snapshot``, ``coverage`` or ``sum_ratio`` for interval-report means), ``q``
    the quantile (or the plan per agent-month for coverage), ``definition`` the variant in words.
    """

    frame: pd.DataFrame
    kind: str
    table: str
    q: float | None = None
    definition: str = ""
    unit: str | None = None  # when a variant changes the catalog's unit (CSAT as a mean score)
    #: The scale a mean lives on (``(0, 100)`` for a QA score): its interval is clipped to it.
    bounds: tuple[float, float] | None = None

    def replace(self, frame: pd.DataFrame) -> Rows:
        """The same rows' declaration over another frame (a segment, a period-stamped copy)."""
        return Rows(frame, self.kind, self.table, self.q, self.definition, self.unit, self.bounds)


@dataclass
class RowContext:
    """What a row builder is given: the tables, the metric's options (catalog defaults filled in), the
    target's time limit in seconds, the channel's calendar, the channel and an ``as_of`` moment."""

    metric: str
    data: Mapping[str, pd.DataFrame]
    options: dict[str, Any] = field(default_factory=dict)
    within_s: float | None = None
    calendar: Calendar | None = None
    channel: str | None = None
    as_of: pd.Timestamp | None = None

    def table(self, name: str) -> pd.DataFrame | None:
        """Table ``name`` limited to the context's channel (unless it is already one channel's split)."""
        df = self.data.get(name)
        if (
            df is None
            or self.channel is None
            or "channel" not in df.columns
            or df.attrs.get("cxkit_channel") == self.channel
        ):
            return df
        return df[df["channel"] == self.channel]

    def need(self, name: str, cols: Sequence[str], hint: str = "") -> pd.DataFrame:
        """Table ``name`` (channel-limited) with ``cols``, or a :class:`MissingDataError` saying what is missing."""
        return need(self.table(name), cols, name, self.metric, hint)

    def rows(
        self,
        frame: pd.DataFrame,
        definition: str,
        *,
        kind: str | None = None,
        q: float | None = None,
        table: str | None = None,
        unit: str | None = None,
    ) -> Rows:
        """Rows of this context's metric: kind and table from the catalog unless a variant overrides them."""
        m = get_metric(self.metric)
        # a score's catalog range is its scale (QA 0-100, CES 1-7); other ranges bound thresholds only
        bounded = unit is None and m.unit == "score" and m.low is not None and m.high is not None
        bounds = (float(m.low), float(m.high)) if bounded else None  # type: ignore[arg-type]
        return Rows(frame, kind or m.aggregation, table or m.table, q, definition, unit, bounds)


Builder = Callable[[RowContext], Rows]
_BUILDERS: dict[str, Builder] = {}
_INTERVAL_BUILDERS: dict[str, Builder] = {}


def _register(
    registry: dict[str, Builder], ids: Sequence[str], what: str
) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        for metric_id in ids:
            get_metric(metric_id)  # unknown ids fail at import, not at check time
            if metric_id in registry:
                raise RuntimeError(f"{what} for {metric_id!r} registered twice")
            registry[metric_id] = fn
        return fn

    return deco


def rows_for(*metric_ids: str) -> Callable[[Builder], Builder]:
    """Register a row builder for catalog metrics (a decorator)."""
    return _register(_BUILDERS, metric_ids, "a row builder")


def interval_rows_for(*metric_ids: str) -> Callable[[Builder], Builder]:
    """Register a builder that gives a metric from an interval report's counts (a decorator)."""
    return _register(_INTERVAL_BUILDERS, metric_ids, "an interval-report builder")


def registered() -> frozenset[str]:
    """Metric ids that have a row builder."""
    return frozenset(_BUILDERS)


def interval_builders() -> frozenset[str]:
    """Metric ids that an interval report can give."""
    return frozenset(_INTERVAL_BUILDERS)


def need(
    df: pd.DataFrame | None, cols: Sequence[str], table: str, metric: str, hint: str = ""
) -> pd.DataFrame:
    """``df`` if it has ``cols``; else a :class:`MissingDataError` naming the table, the columns and the fix."""
    if df is None or len(df.columns) == 0:
        raise MissingDataError(
            f"{metric} needs a {table} table; load one with cx.load(..., table={table!r}) "
            f"or cx.load_tables([...]).{hint}"
        )
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise MissingDataError(
            f"{metric} needs column(s) {missing} in the {table} table; it has "
            f"{list(df.columns)[:15]}.{hint}"
        )
    return df


def base_rows(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``time`` (the table's time column) and the group columns ``df`` has."""
    time_col = TIME_COLUMNS[table]
    cols = [time_col, *[c for c in GROUP_COLUMNS if c in df.columns]]
    return df[cols].rename(columns={time_col: "time"})


def metric_rows(
    data: Mapping[str, pd.DataFrame],
    metric: str,
    *,
    options: Mapping[str, Any] | None = None,
    within_s: float | None = None,
    calendar: Calendar | None = None,
    channel: str | None = None,
    as_of: pd.Timestamp | None = None,
    source: str = "rows",
) -> Rows:
    """The per-row inputs of ``metric`` under ``options`` (catalog defaults for the rest).

    Parameters
    ----------
    data : mapping of str to DataFrame
        The tables (``contacts``, ``tickets``, ``surveys``, ``evaluations``, ``intervals``...).
    metric : str
        A catalog metric id.
    options : mapping, optional
        Definition options (variant, thresholds...); the catalog's defaults fill the rest.
    within_s : float, optional
        The time limit T in seconds (service levels).
    calendar : Calendar, optional
        The channel's calendar, for business-hours clocks.
    channel : str, optional
        Keep one channel's rows.
    as_of : Timestamp, optional
        The moment open items are judged at (default: the data's end).
    source : {"rows", "intervals"}
        ``intervals`` computes the metric from the interval report's counts.

    Returns
    -------
    Rows
        See :class:`Rows`.
    """
    m = get_metric(metric)
    registry = _INTERVAL_BUILDERS if source == "intervals" else _BUILDERS
    builder = registry.get(metric)
    if builder is None:
        if source == "intervals":
            raise MissingColumnError(
                f"{metric} cannot be computed from an interval report: it needs contact-level data. "
                "Load the contact log (cx.load(..., table='contacts'))."
            )
        raise MissingDataError(f"cxkit has no row builder for {metric!r} yet")
    ctx = RowContext(
        metric, data, {**m.defaults(), **(options or {})}, within_s, calendar, channel, as_of
    )
    return builder(ctx)


def check_registry() -> list[str]:
    """Catalog metrics without a row builder (an empty list when the registry is complete)."""
    return [mid for mid in METRICS if mid not in _BUILDERS]
