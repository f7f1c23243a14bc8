"""Metric declarations as SQL: the row-level expressions of each catalog metric, for engines that run
where the data is (DuckDB over a Parquet store or pandas frames, Spark SQL on a cluster).

Each declaration mirrors the metric's pandas row builder (:mod:`cxkit.measure.contact_rows`,
:mod:`cxkit.measure.ticket_rows`), which stays the reference: which rows count (``where``), the time a
row is attributed to (``time``), and either the numerator and denominator flags (``num``, ``den``:
0/1 integers, because Spark cannot sum booleans) or the ``value``. The aggregation (``kind``) and the
definition in words come from the pandas builder itself, run on an empty frame of the same columns, so
the two engines can never describe a metric differently. Only the few SQL functions that differ
between engines go through a :class:`Dialect`.

Metrics without a declaration here (:func:`sql_metrics` lists the ones with one) are computed by the
pandas engine on the rows of their channel (see :mod:`cxkit.measure.backends`).

>>> d = sql_rows("service_level", {"variant": "answered", "include_flowouts": True,
...              "short_abandon_s": 5, "comparison": "<=", "include_ring_time": False,
...              "attribution": "arrival"}, within_s=20, columns={"outcome", "wait_s", "arrival"})
>>> print(d.num)
CASE WHEN ((coalesce(outcome, '') = 'answered') AND coalesce(CAST(wait_s AS DOUBLE) <= 20.0, false)) AND (coalesce(outcome, '') = 'answered') THEN 1 ELSE 0 END
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cxkit.catalog import get_metric

__all__ = [
    "DUCKDB",
    "SPARK",
    "Dialect",
    "SqlContext",
    "SqlRows",
    "open_marker",
    "period_expr",
    "sql_for",
    "sql_metrics",
    "sql_rows",
]


@dataclass(frozen=True)
class Dialect:
    """The SQL functions that differ between engines; everything else is shared SQL.

    ``local`` turns a UTC instant into the naive wall time of a zone, ``epoch_us`` gives integer
    microseconds since 1970, ``quantile`` the linearly interpolated quantile (as pandas), ``bucket``
    floors a naive time to ``minutes`` from the epoch, ``string`` quotes a literal, ``timestamp`` makes
    an instant from a UTC ``YYYY-MM-DD HH:MM:SS.ffffff`` text and ``text`` is the string type.
    """

    name: str
    local: Callable[[str, str], str]
    epoch_us: Callable[[str], str]
    quantile: Callable[[str, float], str]
    bucket: Callable[[str, int], str]
    string: Callable[[str], str]
    timestamp: Callable[[str], str]
    text: str


def _duck_string(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _spark_string(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


DUCKDB = Dialect(
    "duckdb",
    local=lambda col, tz: f"timezone({_duck_string(tz)}, CAST({col} AS TIMESTAMPTZ))",
    epoch_us=lambda col: f"epoch_us(CAST({col} AS TIMESTAMPTZ))",
    quantile=lambda col, q: f"quantile_cont({col}, {q!r})",
    bucket=lambda col, m: (
        f"time_bucket(INTERVAL ({int(m)}) MINUTE, {col}, TIMESTAMP '1970-01-01 00:00:00')"
    ),
    string=_duck_string,
    timestamp=lambda utc: f"CAST({_duck_string(utc + '+00:00')} AS TIMESTAMPTZ)",
    text="VARCHAR",
)

SPARK = Dialect(
    "spark",
    local=lambda col, tz: f"from_utc_timestamp({col}, {_spark_string(tz)})",
    epoch_us=lambda col: f"unix_micros({col})",
    quantile=lambda col, q: f"percentile({col}, {q!r})",
    bucket=lambda col, m: (
        f"timestamp_seconds(floor(unix_timestamp({col}) / {60 * int(m)}) * {60 * int(m)})"
    ),
    string=_spark_string,
    timestamp=lambda utc: f"CAST({_spark_string(utc)} AS TIMESTAMP)",
    text="STRING",
)


def period_expr(
    time: str, period: str, tz: str, dialect: Dialect, *, interval_min: int = 30
) -> str:
    """The naive local start of ``time``'s period in ``tz`` (the engine then localises the few starts).

    >>> period_expr("arrival", "day", "Europe/Helsinki", DUCKDB)
    "date_trunc('day', timezone('Europe/Helsinki', CAST(arrival AS TIMESTAMPTZ)))"
    """
    local = dialect.local(time, tz)
    if period == "interval":
        return dialect.bucket(local, interval_min)
    if period not in ("day", "week", "month", "quarter"):
        raise ValueError(f"unknown period {period!r}")
    return f"date_trunc('{period}', {local})"


@dataclass
class SqlContext:
    """What a declaration is given: the metric, its options (catalog defaults filled in), the time
    limit in seconds, the columns the table has and the SQL dialect. ``data_end`` is a SQL literal
    of the moment open items are judged at (set by the engine for metrics that need one)."""

    metric: str
    options: dict[str, Any]
    within_s: float | None
    columns: frozenset[str]
    dialect: Dialect = DUCKDB
    data_end: str | None = None
    clock_ends: list[str] = field(default_factory=list)


@dataclass
class SqlRows:
    """Row-level SQL of one metric: ``where`` (which rows are in, None: all), ``time`` (the time a
    row is attributed to), ``num`` / ``den`` (0/1 integer expressions) or ``value`` (a double), and
    ``table``. ``needs_end``: the declaration reads ``data_end`` (ask again with it set).
    ``clock_ends``: the moments whose open business time the expressions read (through
    :func:`open_marker` placeholders), filled in by the engine from the channel's calendar."""

    table: str
    time: str
    where: str | None = None
    num: str | None = None
    den: str | None = None
    value: str | None = None
    needs_end: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    clock_ends: list[str] = field(default_factory=list)


Declaration = Callable[[SqlContext], SqlRows]
_DECLARATIONS: dict[str, Declaration] = {}


def sql_for(*metric_ids: str) -> Callable[[Declaration], Declaration]:
    """Register a SQL declaration for catalog metrics (a decorator)."""

    def deco(fn: Declaration) -> Declaration:
        for mid in metric_ids:
            get_metric(mid)
            if mid in _DECLARATIONS:
                raise RuntimeError(f"a SQL declaration for {mid!r} registered twice")
            _DECLARATIONS[mid] = fn
        return fn

    return deco


def sql_metrics() -> frozenset[str]:
    """Metric ids that have a SQL declaration (the others fall back to the pandas engine)."""
    return frozenset(_DECLARATIONS)


def sql_rows(
    metric: str,
    options: Mapping[str, Any],
    *,
    within_s: float | None,
    columns: set[str] | frozenset[str],
    dialect: Dialect = DUCKDB,
    data_end: str | None = None,
) -> SqlRows:
    """The SQL declaration of ``metric`` under ``options`` for a table with ``columns``.

    Parameters
    ----------
    metric : str
        A catalog metric id with a SQL declaration (see :func:`sql_metrics`).
    options : mapping
        The definition options, catalog defaults filled in.
    within_s : float, optional
        The time limit T in seconds (service levels).
    columns : set of str
        The columns of the metric's table.
    dialect : Dialect
        :data:`DUCKDB` or :data:`SPARK`.
    data_end : str, optional
        A SQL timestamp literal: the moment open items are judged at.

    Returns
    -------
    SqlRows
        The row-level expressions.
    """
    if metric not in _DECLARATIONS:
        raise KeyError(f"{metric!r} has no SQL declaration; the pandas engine computes it")
    ctx = SqlContext(metric, dict(options), within_s, frozenset(columns), dialect, data_end)
    rows = _DECLARATIONS[metric](ctx)
    rows.clock_ends = list(ctx.clock_ends)
    return rows


# --- the contact log -------------------------------------------------------------------------------

_A = "(coalesce(outcome, '') = 'answered')"
_AB = "(coalesce(outcome, '') = 'abandoned')"
_F = "(coalesce(outcome, '') = 'flowout')"
_FALSE = "(1 = 0)"


def _flag(cond: str) -> str:
    return f"CASE WHEN {cond} THEN 1 ELSE 0 END"


def _le(col: str, limit: float, comparison: str = "<=") -> str:
    """A comparison that is false (never NULL) for a missing value, as in pandas."""
    op = "<=" if comparison == "<=" else "<"
    return f"coalesce({col} {op} {float(limit)!r}, false)"


def _wait(ctx: SqlContext) -> str:
    if ctx.options.get("include_ring_time"):
        if "ring_s" not in ctx.columns:
            return "CAST(wait_s AS DOUBLE)"  # the pandas builder has already refused this
        return "(CAST(wait_s AS DOUBLE) + coalesce(CAST(ring_s AS DOUBLE), 0))"
    return "CAST(wait_s AS DOUBLE)"


@sql_for("service_level")
def _service_level(ctx: SqlContext) -> SqlRows:
    o = ctx.options
    w = _wait(ctx)
    within = _le(w, float(ctx.within_s or 0), o["comparison"])
    sab = f"({_AB} AND {_le(w, o['short_abandon_s'])})"
    offered = f"({_A} OR {_AB}" + (f" OR {_F})" if o["include_flowouts"] else ")")
    num = f"({_A} AND {within})"
    den = {
        "answered": _A,
        "offered": offered,
        "ignore_abandons_within_T": f"({offered} AND NOT ({_AB} AND {within}))",
        "ignore_short_abandons": f"({offered} AND NOT {sab})",
        "positive_abandon": offered,
        "removed_from_queue": f"({offered} OR {_F})",
    }[o["variant"]]
    if o["variant"] == "positive_abandon":
        num = f"(({_A} OR {_AB}) AND {within})"
    elif o["variant"] == "removed_from_queue":
        num = f"(({_A} OR {_AB} OR {_F}) AND {within})"
    time = "arrival"
    if o["attribution"] == "answer" and "answered_at" in ctx.columns:
        time = "coalesce(answered_at, arrival)"
    return SqlRows("contacts", time, num=_flag(f"{num} AND {den}"), den=_flag(den))


@sql_for("answer_rate")
def _answer_rate(ctx: SqlContext) -> SqlRows:
    den = f"({_A} OR {_AB}" + (f" OR {_F})" if ctx.options["include_flowouts"] else ")")
    return SqlRows("contacts", "arrival", num=_flag(f"{_A} AND {den}"), den=_flag(den))


@sql_for("abandon_rate")
def _abandon_rate(ctx: SqlContext) -> SqlRows:
    sab = f"({_AB} AND {_le('CAST(wait_s AS DOUBLE)', ctx.options['short_abandon_s'])})"
    num, den = {
        "of_offered": (_AB, f"({_A} OR {_AB} OR {_F})"),
        "exclude_short": (f"({_AB} AND NOT {sab})", f"(({_A} OR {_AB} OR {_F}) AND NOT {sab})"),
    }.get(ctx.options["variant"], (_AB, f"({_A} OR {_AB})"))
    return SqlRows("contacts", "arrival", num=_flag(num), den=_flag(den))


_WAIT_ROWS = {
    "asa": _A,
    "wait_percentile": _A,
    "average_wait": f"({_A} OR {_AB})",
    "longest_wait": f"({_A} OR {_AB})",
    "average_abandon_time": _AB,
}


@sql_for(*_WAIT_ROWS)
def _waits(ctx: SqlContext) -> SqlRows:
    return SqlRows(
        "contacts", "arrival", where=_WAIT_ROWS[ctx.metric], value="CAST(wait_s AS DOUBLE)"
    )


@sql_for("aht", "acw", "hold")
def _handle(ctx: SqlContext) -> SqlRows:
    if ctx.metric != "aht":
        col = {"acw": "acw_s", "hold": "hold_s"}[ctx.metric]
        return SqlRows("contacts", "arrival", where=_A, value=f"CAST({col} AS DOUBLE)")
    parts = [c for c in ("talk_s", "hold_s", "acw_s") if c in ctx.columns]
    total = " + ".join(f"coalesce(CAST({c} AS DOUBLE), 0)" for c in parts)
    none = " AND ".join(f"{c} IS NULL" for c in parts)
    value = f"CASE WHEN {none} THEN NULL ELSE {total} END"
    return SqlRows(
        "contacts",
        "arrival",
        where=_A,
        value=value,
        extra={"zero_talk": _flag(f"{_A} AND coalesce(talk_s = 0, false)")},
    )


@sql_for("transfer_rate")
def _transfer_rate(ctx: SqlContext) -> SqlRows:
    return SqlRows(
        "contacts",
        "arrival",
        where=_A,
        num=_flag("coalesce(CAST(transferred AS BOOLEAN), false)"),
        den="1",
    )


@sql_for("short_contact_rate")
def _short_contacts(ctx: SqlContext) -> SqlRows:
    short = float(ctx.options["short_talk_s"])
    return SqlRows(
        "contacts",
        "arrival",
        where=_A,
        num=_flag(f"coalesce(CAST(talk_s AS DOUBLE) < {short!r}, false)"),
        den="1",
    )


# --- tickets (calendar-hours clocks; business hours join a calendar table, see backends) ----------


def _hours(ctx: SqlContext, start: str, end: str) -> str:
    """Calendar hours from ``start`` to ``end`` with the pandas operation order (seconds, then / 3600)."""
    us = ctx.dialect.epoch_us
    return f"((CAST({us(end)} - {us(start)} AS DOUBLE) / 1000000.0) / 3600.0)"


def open_marker(i: int) -> str:
    """The placeholder of the ``i``-th business-clock endpoint (the engine joins the calendar there)."""
    return f"__OPEN_US_{i}__"


def _open_us(ctx: SqlContext, moment: str) -> str:
    ctx.clock_ends.append(moment)
    return open_marker(len(ctx.clock_ends) - 1)


def _clock(ctx: SqlContext, start: str, end: str) -> str:
    if ctx.options.get("business_hours"):
        # open microseconds before each end, from the calendar table the engine joins per endpoint
        a, b = _open_us(ctx, start), _open_us(ctx, end)
        return f"((CAST({b} - {a} AS DOUBLE) / 1000000.0) / 3600.0)"
    return _hours(ctx, start, end)


@sql_for("first_response_time")
def _first_response(ctx: SqlContext) -> SqlRows:
    h = _clock(ctx, "created", "first_reply")
    return SqlRows("tickets", "created", where=f"({h}) IS NOT NULL", value=h)


@sql_for("resolution_time")
def _resolution(ctx: SqlContext) -> SqlRows:
    which = ctx.options.get("which", "first")
    solved = "solved"
    if which != "total" and "first_solved" in ctx.columns:
        solved = "coalesce(first_solved, solved)"
    h = _clock(ctx, "created", solved)
    if ctx.options.get("pause_statuses") and "paused_s" in ctx.columns:
        h = f"({h} - coalesce(CAST(paused_s AS DOUBLE), 0) / 3600.0)"
    return SqlRows(
        "tickets",
        "created",
        where=f"({h}) IS NOT NULL",
        value=f"CASE WHEN {h} < 0 THEN 0.0 ELSE {h} END",
    )


@sql_for("response_service_level")
def _response_sl(ctx: SqlContext) -> SqlRows:
    if ctx.data_end is None:
        return SqlRows("tickets", "created", needs_end=True)
    vis = ctx.options.get("visibility", "all")
    where = None
    if vis != "all" and "visibility" in ctx.columns:
        where = f"visibility = {ctx.dialect.string(str(vis))}"
    replied = "(first_reply IS NOT NULL)"
    took = f"(3600.0 * {_clock(ctx, 'created', f'coalesce(first_reply, {ctx.data_end})')})"
    within = _le(took, float(ctx.within_s or 0), ctx.options.get("comparison", "<="))
    den = f"({replied} OR (NOT {replied} AND NOT {within}))"
    return SqlRows(
        "tickets",
        "created",
        where=where,
        num=_flag(f"{replied} AND {within}"),
        den=_flag(den),
        needs_end=True,
    )


@sql_for("social_response_rate")
def _social_response(ctx: SqlContext) -> SqlRows:
    vis = ctx.dialect.string(str(ctx.options["visibility"]))
    return SqlRows(
        "tickets",
        "created",
        where=f"visibility = {vis}",
        num=_flag("first_reply IS NOT NULL"),
        den="1",
    )
