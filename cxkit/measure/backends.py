"""Run the charter's targets where the data is: one SQL query per target on DuckDB or Spark.

An :class:`SqlEngine` holds the tables (pandas frames, which DuckDB reads in place, or a Parquet store
on disk) and runs the SQL declarations of :mod:`cxkit.measure.sql`; only counts per period leave the
engine (``n``, summed numerators and denominators, sums and sums of squares, a quantile and the two
order statistics of its interval). The figures, intervals and statuses are then computed by the same
functions the pandas engine uses (:func:`cxkit.measure.aggregate.from_counts`, the scorecard's
judging), so a scorecard from either engine is the same.

Business-hours clocks join a calendar table of minutes (UTC) with the open microseconds before each
minute: the open time before any moment is one equi-join and a subtraction, in DuckDB and Spark alike.

Metrics without a SQL declaration (journeys, surveys, evaluations, backlog age, offered, agent
states...) fall back to the pandas engine on that channel's rows, which are read out of the engine for
that target only; :func:`fallback_metrics` lists them and the row's ``definition`` says so.

>>> import cxkit as cx
>>> charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
>>> tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
>>> with DuckDBEngine(tables) as eng:
...     sc = check_on(charter, eng)
>>> sc.equals(cx.check(charter, tables))
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxkit.catalog import METRICS, get_metric
from cxkit.charter.calendar import open_intervals
from cxkit.charter.model import Calendar, Charter, Target
from cxkit.data.loader import LoadResult
from cxkit.errors import CxkitWarning, MissingDataError
from cxkit.measure.aggregate import add_period, from_counts
from cxkit.measure.engine import Rows, metric_rows
from cxkit.measure.sql import DUCKDB, SPARK, Dialect, SqlRows, open_marker, sql_metrics, sql_rows
from cxkit.stats import quantile_ranks

__all__ = [
    "ENGINES",
    "DuckDBEngine",
    "SparkEngine",
    "SqlEngine",
    "check_on",
    "engine_from_env",
    "fallback_metrics",
    "minute_calendar",
    "run_check",
]

#: The engines :func:`cxkit.check` can run on (``pandas`` is the reference).
ENGINES = ("pandas", "duckdb", "spark")

#: Tables the SQL declarations read; other tables stay pandas frames.
_SQL_TABLES = ("contacts", "tickets")


def fallback_metrics() -> list[str]:
    """Catalog metrics computed by the pandas engine even on DuckDB or Spark (no SQL declaration).

    Returns
    -------
    list of str
        Metric ids, sorted: their targets run on the rows of their channel read out of the engine.

    >>> "repeat_contact_rate" in fallback_metrics(), "service_level" in fallback_metrics()
    (True, False)
    """
    return sorted(m for m in METRICS if m not in sql_metrics())


class SqlEngine:
    """Tables in a SQL engine. Subclasses set :attr:`dialect` and implement the four primitives."""

    dialect: Dialect = DUCKDB

    def __init__(self) -> None:
        self.probes: dict[str, pd.DataFrame] = {}
        self.small: dict[
            str, pd.DataFrame
        ] = {}  # tables that stay in pandas (surveys, intervals...)
        self._n_small = 0
        self._memo: dict[Any, Any] = {}
        self.inputs: dict[str, pd.DataFrame] = {}  # the pandas frames given, for the input checks

    # primitives -----------------------------------------------------------------------------------
    def query(self, sql: str) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def register(self, name: str, df: pd.DataFrame) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def relation(self, table: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def frame(self, table: str, channel: str | None) -> pd.DataFrame:  # pragma: no cover
        """The table's rows (one channel's) as a pandas frame, for metrics without SQL."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the engine's resources (the Spark session is the caller's)."""

    # shared ---------------------------------------------------------------------------------------
    def __enter__(self) -> SqlEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def memo(self, key: Any, make: Any) -> Any:
        """``make()``, computed once per engine for ``key`` (spans, data ends, calendar tables)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def has(self, table: str) -> bool:
        return table in self.probes

    def tables(self) -> list[str]:
        return [*self.probes, *self.small]

    def temp(self, df: pd.DataFrame) -> str:
        """Register a small helper frame under a fresh name and return the name."""
        self._n_small += 1
        name = f"__cx_tmp{self._n_small}"
        self.register(name, df)
        return name

    def pandas_tables(self, channel: str | None = None) -> dict[str, pd.DataFrame]:
        """Every table as pandas (SQL tables limited to ``channel``), for the pandas fallback."""
        out = {t: self.frame(t, channel) for t in self.probes}
        if channel is not None:
            for df in out.values():
                df.attrs["cxkit_channel"] = channel
        return {**out, **self.small}

    def _split_small(self, tables: Mapping[str, Any]) -> dict[str, Any]:
        sql: dict[str, Any] = {}
        for name, v in tables.items():
            v = v.data if isinstance(v, LoadResult) else v
            if name in _SQL_TABLES:
                sql[name] = v
            elif isinstance(v, pd.DataFrame):
                self.small[name] = v
        return sql


class DuckDBEngine(SqlEngine):
    """DuckDB over pandas frames (read in place) and Parquet stores.

    Parameters
    ----------
    tables : mapping
        ``{table: DataFrame | LoadResult | path}``: a path is a Parquet file, folder or glob.
    threads : int, optional
        DuckDB worker threads (default: DuckDB's own choice).
    memory_limit : str, optional
        DuckDB's memory limit, e.g. ``"2GB"``; beyond it DuckDB spills to disk.
    """

    dialect = DUCKDB

    def __init__(
        self,
        tables: Mapping[str, Any],
        *,
        threads: int | None = None,
        memory_limit: str | None = None,
    ) -> None:
        import duckdb

        super().__init__()
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self._frames: dict[str, pd.DataFrame] = {}
        self._paths: dict[str, str] = {}
        for name, v in self._split_small(tables).items():
            if isinstance(v, pd.DataFrame):
                self._frames[name] = self.inputs[name] = v
                self.con.register(f"cx_{name}", v)
                self.probes[name] = v.iloc[:0]
            else:
                glob = _parquet_glob(Path(v))
                self._paths[name] = glob
                self.con.execute(
                    f"CREATE VIEW cx_{name} AS SELECT * FROM read_parquet('{glob}', "
                    "hive_partitioning = false, union_by_name = true)"
                )
                self.probes[name] = _parquet_probe(glob)

    def query(self, sql: str) -> pd.DataFrame:
        return self.con.execute(sql).df()

    def register(self, name: str, df: pd.DataFrame) -> None:
        self.con.register(name, df)

    def relation(self, table: str) -> str:
        return f"cx_{table}"

    def frame(self, table: str, channel: str | None) -> pd.DataFrame:
        if table in self._frames:
            df = self._frames[table]
            if channel is not None and "channel" in df.columns:
                df = df[df["channel"] == channel]
            return df
        where = ""
        if channel is not None and "channel" in self.probes[table].columns:
            where = f" WHERE channel = {self.dialect.string(channel)}"
        out = self.query(f"SELECT * FROM cx_{table}{where}")
        return _as_probe_types(out, self.probes[table])

    def close(self) -> None:
        self.con.close()


def _parquet_glob(p: Path) -> str:
    p = p.resolve()
    if p.is_dir():
        return str(p / "**" / "*.parquet")
    return str(p)


def _parquet_probe(glob: str) -> pd.DataFrame:
    import pyarrow.dataset as ds

    files = sorted(Path("/").glob(glob.lstrip("/"))) if "*" in glob else [Path(glob)]
    if not files:
        raise MissingDataError(f"no Parquet files at {glob}")
    schema = ds.dataset([str(f) for f in files], format="parquet").schema
    probe = schema.empty_table().to_pandas()
    for col in probe.columns:  # figures and periods in nanoseconds, as from cx.load
        if isinstance(probe[col].dtype, pd.DatetimeTZDtype):
            probe[col] = probe[col].dt.as_unit("ns")
    return probe


def _as_probe_types(df: pd.DataFrame, probe: pd.DataFrame) -> pd.DataFrame:
    """Times back in the zone they were stored in (engines hand them out in UTC)."""
    for col in probe.columns:
        tz = getattr(probe[col].dtype, "tz", None)
        if tz is not None and col in df.columns:
            s = pd.to_datetime(df[col])
            s = s.dt.tz_localize("UTC") if s.dt.tz is None else s
            df[col] = s.dt.tz_convert(tz).dt.as_unit(probe[col].dtype.unit)
    return df


class SparkEngine(SqlEngine):
    """Spark SQL over pandas frames (copied into Spark) or Parquet files Spark reads.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
        A session (``spark.sql.session.timeZone`` is set to UTC for the engine's queries).
    tables : mapping
        ``{table: DataFrame | LoadResult | path}``.
    cache : bool
        Cache the tables in Spark (each target's query reads them again); ``close`` releases them.
    """

    dialect = SPARK

    def __init__(self, spark: Any, tables: Mapping[str, Any], *, cache: bool = True) -> None:
        super().__init__()
        self._cache = cache
        self._views: list[Any] = []
        self.spark = spark
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
        for name, v in self._split_small(tables).items():
            if isinstance(v, pd.DataFrame):
                self.probes[name] = v.iloc[:0]
                self.inputs[name] = v
                self.register(f"cx_{name}", v)
            else:
                glob = _parquet_glob(Path(v))
                self.probes[name] = _parquet_probe(glob)
                df = spark.read.parquet(str(Path(v)))
                if cache:  # every target reads the table again: decode the Parquet once
                    df = df.cache()
                    self._views.append(df)
                df.createOrReplaceTempView(f"cx_{name}")

    def query(self, sql: str) -> pd.DataFrame:
        out = self.spark.sql(sql).toPandas()
        for col in out.columns:  # Spark hands out session-zone (UTC) wall times
            if pd.api.types.is_datetime64_any_dtype(out[col]) and out[col].dt.tz is None:
                out[col] = out[col].dt.tz_localize(None)
        return out

    def register(self, name: str, df: pd.DataFrame) -> None:
        sdf = self.spark.createDataFrame(_spark_ready(df))
        if self._cache and name.startswith("cx_"):
            sdf = sdf.cache()
            self._views.append(sdf)
        sdf.createOrReplaceTempView(name)

    def close(self) -> None:
        """Drop the engine's cached tables (the session stays the caller's)."""
        for df in self._views:
            df.unpersist()
        self._views.clear()

    def relation(self, table: str) -> str:
        return f"cx_{table}"

    def frame(self, table: str, channel: str | None) -> pd.DataFrame:
        where = ""
        if channel is not None and "channel" in self.probes[table].columns:
            where = f" WHERE channel = {self.dialect.string(channel)}"
        out = self.spark.sql(f"SELECT * FROM cx_{table}{where}").toPandas()
        out = out[
            [c for c in out.columns if c in self.probes[table].columns]
        ]  # no partition columns
        return _as_probe_types(out, self.probes[table])


def _spark_ready(df: pd.DataFrame) -> pd.DataFrame:
    """A copy Spark's Arrow conversion takes: UTC times, plain object strings and nullable numbers."""
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        s = df[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[col] = s.dt.tz_convert("UTC").dt.as_unit("us")
        elif (
            isinstance(s.dtype, pd.CategoricalDtype)
            or pd.api.types.is_string_dtype(s)
            or (pd.api.types.is_bool_dtype(s) and s.isna().any())
        ):
            out[col] = s.astype(object).where(s.notna(), None)
        else:
            out[col] = s
    return out.reset_index(drop=True)


# --- one target --------------------------------------------------------------------------------------


def minute_calendar(calendar: Calendar, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The calendar as a table of UTC minutes: ``m`` (minutes since 1970, UTC), ``cum_us`` (open
    microseconds before the minute, counted from ``first``'s day) and ``is_open`` (1 when the minute
    is open).

    Opening hours start and end on whole minutes, so the open time before a moment ``t`` is
    ``cum_us[m] + is_open[m] * (t - m)`` with ``m`` the minute holding ``t``: the same figure as
    :func:`cxkit.charter.calendar.business_seconds_between`, as one join.

    Parameters
    ----------
    calendar : Calendar
        The channel's calendar (weekly hours, holidays, special days, time zone with DST).
    first, last : Timestamp
        Zone-aware moments the table must cover.

    Returns
    -------
    pandas.DataFrame
        Columns ``m``, ``cum_us``, ``is_open`` (int64), one row per minute.
    """
    lo = first.tz_convert(calendar.time_zone).date() - dt.timedelta(days=1)
    hi = last.tz_convert(calendar.time_zone).date() + dt.timedelta(days=1)
    s, e = open_intervals(calendar, lo, hi)
    m0 = pd.Timestamp(lo).tz_localize("UTC") - pd.Timedelta(days=1)
    m1 = pd.Timestamp(hi).tz_localize("UTC") + pd.Timedelta(days=2)
    minutes = np.arange(m0.value // 60_000_000_000, m1.value // 60_000_000_000, dtype=np.int64)
    ns = minutes * 60_000_000_000
    if len(s) == 0:
        zeros = np.zeros(len(minutes), dtype=np.int64)
        return pd.DataFrame({"m": minutes, "cum_us": zeros, "is_open": zeros})
    cum = np.concatenate([[0], np.cumsum(e - s)[:-1]])
    k = np.searchsorted(s, ns, side="right") - 1
    kc = np.clip(k, 0, None)
    before = np.where(k >= 0, cum[kc] + np.clip(ns - s[kc], 0, e[kc] - s[kc]), 0)
    is_open = ((k >= 0) & (ns < e[kc])).astype(np.int64)
    return pd.DataFrame({"m": minutes, "cum_us": before // 1000, "is_open": is_open})


def _literal_utc(t: pd.Timestamp) -> str:
    return t.tz_convert("UTC").strftime("%Y-%m-%d %H:%M:%S.%f")


class _Target:
    """One target on one engine: the probe, the SQL, the counts and the judged rows."""

    def __init__(
        self,
        eng: SqlEngine,
        charter: Charter,
        channel: str,
        target: Target,
        as_of: pd.Timestamp | None,
        time_zone: str | None,
    ) -> None:
        self.eng, self.channel, self.target = eng, channel, target
        self.m = get_metric(target.metric)
        self.cal = charter.calendar_of(channel)
        self.opts = {**self.m.defaults(), **target.options}
        self.as_of, self.time_zone = as_of, time_zone
        self.d = eng.dialect

    def _filters(self, probe: pd.DataFrame, segment: bool = True) -> list[str]:
        out = []
        if "channel" in probe.columns:
            out.append(f"channel = {self.d.string(self.channel)}")
        if segment:
            for col, val in self.target.segment.items():
                out.append(f"CAST({col} AS {self.d.text}) = {self.d.string(str(val))}")
        return out

    def _data_end(self, table: str, probe: pd.DataFrame) -> str:
        if self.as_of is not None:
            end = pd.Timestamp(self.as_of)
        else:
            rel = self.eng.relation(table)
            reply = "first_reply" if "first_reply" in probe.columns else "created"
            where = " AND ".join(self._filters(probe, segment=False)) or "1 = 1"
            sql = f"SELECT max(created) AS a, max({reply}) AS b FROM {rel} WHERE {where}"
            got = self.eng.memo(sql, lambda: self.eng.query(sql))
            a, b = (_utc(got["a"].iloc[0]), _utc(got["b"].iloc[0]))
            end = max(a, b)
            if pd.isna(end):
                end = a
        return self.d.timestamp(_literal_utc(pd.Timestamp(end)))

    def _clock_joins(self, decl: SqlRows, table: str, probe: pd.DataFrame) -> tuple[str, SqlRows]:
        """The calendar joins of a business-hours declaration, with the placeholders filled in."""
        if not decl.clock_ends:
            return "", decl
        if self.cal is None:
            raise MissingDataError(
                "business hours need the channel calendar; pass calendar= or set business_hours=False"
            )
        rel = self.eng.relation(table)
        cols = [c for c in probe.columns if isinstance(probe[c].dtype, pd.DatetimeTZDtype)]
        where = " AND ".join(self._filters(probe, segment=False)) or "1 = 1"
        span_sql = (
            "SELECT "
            + ", ".join(f"min({c}) AS lo_{c}, max({c}) AS hi_{c}" for c in cols)
            + f" FROM {rel} WHERE {where}"
        )
        span = self.eng.memo(span_sql, lambda: self.eng.query(span_sql).iloc[0])
        moments = [_utc(v) for v in span.to_numpy() if pd.notna(v)]
        if self.as_of is not None:
            moments.append(_utc(self.as_of))
        if not moments:
            moments = [pd.Timestamp("2000-01-01", tz="UTC")]
        lo, hi, cal = min(moments), max(moments), self.cal
        cal_name = self.eng.memo(
            ("calendar", cal.model_dump_json(), lo, hi),
            lambda: self.eng.temp(minute_calendar(cal, lo, hi)),
        )
        joins, fills = [], {}
        us = self.d.epoch_us
        for i, moment in enumerate(decl.clock_ends):
            k = f"__k{i}"
            minute = f"CAST(floor({us(moment)} / 60000000) AS BIGINT)"
            joins.append(f"LEFT JOIN {cal_name} AS {k} ON {k}.m = {minute}")
            fills[open_marker(i)] = (
                f"({k}.cum_us + {k}.is_open * ({us(moment)} - {k}.m * 60000000))"
            )

        def fill(x: str | None) -> str | None:
            if x is None:
                return None
            for mark, sql in fills.items():
                x = x.replace(mark, sql)
            return x

        filled = SqlRows(
            decl.table,
            decl.time,
            fill(decl.where),
            fill(decl.num),
            fill(decl.den),
            fill(decl.value),
        )
        return " " + " ".join(joins), filled

    def counts(self, rows: Rows, tz: str) -> tuple[pd.DataFrame, str]:
        """Per naive local period: ``n_rows``, ``t_min``, ``t_max`` and the kind's sums."""
        table = self.m.table
        probe = self.eng.probes[table]
        t = self.target
        decl = sql_rows(
            t.metric, self.opts, within_s=t.within_seconds, columns=set(probe.columns),
            dialect=self.d,
        )  # fmt: skip
        if decl.needs_end:
            decl = sql_rows(
                t.metric, self.opts, within_s=t.within_seconds, columns=set(probe.columns),
                dialect=self.d, data_end=self._data_end(table, probe),
            )  # fmt: skip
        joins, decl = self._clock_joins(decl, table, probe)
        where = " AND ".join(f"({w})" for w in [*self._filters(probe), decl.where] if w)
        period = _period_sql(decl.time, t.period, tz, self.d, t.interval_min or 30)
        cols = [f"{decl.time} AS t", f"{period} AS p"]
        if decl.num is not None:
            cols += [f"{decl.num} AS num", f"{decl.den} AS den"]
        else:
            cols.append(f"{decl.value} AS v")
        base = f"SELECT {', '.join(cols)} FROM {self.eng.relation(table)}{joins}"
        base += f" WHERE {where}" if where else ""
        aggs = _aggregates(rows.kind, rows.q, self.d)
        sql = (
            f"WITH b AS ({base}) SELECT p, count(*) AS n_rows, min(t) AS t_min, max(t) AS t_max, "
            f"{aggs} FROM b GROUP BY p"
        )
        got = self.eng.query(sql)
        if rows.kind == "quantile" and len(got):
            got = got.merge(self._order_stats(base, got, float(rows.q or 0.5)), on="p", how="left")
        return got, self._definition(decl, probe)

    def _order_stats(self, base: str, got: pd.DataFrame, q: float) -> pd.DataFrame:
        """The two order statistics that bound each period's quantile (ranks from the counts)."""
        have = got[got["n"] > 0]
        lo, hi = quantile_ranks(have["n"].to_numpy(), q)
        ranks = self.eng.temp(
            pd.DataFrame({"p": have["p"].to_numpy(), "lo": lo, "hi": hi}).astype(
                {"lo": "int64", "hi": "int64"}
            )
        )
        sql = (
            f"WITH b AS ({base}), r AS (SELECT p, v, row_number() OVER (PARTITION BY p ORDER BY v)"
            f" AS rn FROM b WHERE v IS NOT NULL) SELECT r.p AS p, "
            "max(CASE WHEN r.rn = k.lo THEN r.v END) AS ci_low, "
            "max(CASE WHEN r.rn = k.hi THEN r.v END) AS ci_high "
            f"FROM r JOIN {ranks} AS k ON r.p = k.p WHERE r.rn = k.lo OR r.rn = k.hi GROUP BY r.p"
        )
        return self.eng.query(sql)

    def _definition(self, decl: SqlRows, probe: pd.DataFrame) -> str:
        """Data-dependent words the pandas builder adds (AHT's count of 0 s talk), from a count."""
        if "zero_talk" not in decl.extra:
            return ""
        where = " AND ".join(self._filters(probe, segment=False)) or "1 = 1"
        got = self.eng.query(
            f"SELECT CAST(sum({decl.extra['zero_talk']}) AS BIGINT) AS z "
            f"FROM {self.eng.relation(self.m.table)} WHERE {where}"
        )
        z = got["z"].iloc[0]
        z = 0 if pd.isna(z) else int(z)
        return f"; includes {z:,} answered contacts with 0 s talk" if z else ""


def _utc(v: Any) -> pd.Timestamp:
    t = pd.Timestamp(v)
    if pd.isna(t):
        return t
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def _period_sql(time: str, period: str, tz: str, d: Dialect, interval_min: int) -> str:
    from cxkit.measure.sql import period_expr

    return period_expr(time, period, tz, d, interval_min=interval_min)


def _aggregates(kind: str, q: float | None, d: Dialect) -> str:
    if kind == "ratio":
        return "CAST(sum(num) AS BIGINT) AS numerator, CAST(sum(den) AS BIGINT) AS denominator"
    if kind == "mean":
        s = "fsum" if d.name == "duckdb" else "sum"
        return f"{s}(v) AS total, {s}(v * v) AS total_sq, count(v) AS n"
    if kind == "quantile":
        return f"{d.quantile('v', float(q or 0.5))} AS value, count(v) AS n"
    if kind == "max":
        return "max(v) AS value, count(v) AS n"
    if kind == "count":
        return "CAST(sum(v) AS BIGINT) AS value"
    raise ValueError(f"no SQL aggregation for {kind!r} rows")


def _localise(
    got: pd.DataFrame, period: str, tz: str, interval_min: int, unit: str
) -> pd.DataFrame:
    """Zone-aware ``period_start``/``period_end`` from naive local starts, exactly as
    :func:`cxkit.measure.aggregate.add_period` makes them (in the data's time ``unit``)."""
    naive = pd.to_datetime(got["p"]).dt.tz_localize(None).dt.as_unit(unit)
    if period == "interval":
        start = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        out = got.assign(period_start=start, period_end=start + pd.Timedelta(minutes=interval_min))
    else:
        # the start's own period (a start is in its period): add_period localises it the same way
        moment = naive.dt.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
        g = add_period(pd.DataFrame({"time": moment}), period, time_col="time")
        out = got.assign(period_start=g["period_start"], period_end=g["period_end"])
    return out.drop(columns="p")


_ADDITIVE = {
    "ratio": ["numerator", "denominator"],
    "mean": ["total", "total_sq", "n"],
    "count": ["value"],
}


def _figures(got: pd.DataFrame, kind: str) -> pd.DataFrame:
    """From per-period sums to the aggregate columns (periods that localise to the same start, the
    repeated hour when clocks go back, are summed as pandas groups them)."""
    if kind in _ADDITIVE:
        cols = _ADDITIVE[kind]
        g = got.groupby("period_start", dropna=False, sort=True)
        sums = g[cols].sum(min_count=0).reset_index()
        if kind == "mean":
            sums["n"] = sums["n"].astype("int64")
        else:
            sums[cols] = sums[cols].astype("int64")
        return from_counts(kind, sums)
    g = got.sort_values("period_start").reset_index(drop=True)
    g["n"] = g["n"].astype("int64")
    g["numerator"] = g["denominator"] = np.nan
    if "ci_low" not in g:
        g["ci_low"] = g["ci_high"] = np.nan
    else:
        g["ci_low"] = g["ci_low"].astype(float)
        g["ci_high"] = g["ci_high"].astype(float)
    g["value"] = g["value"].astype(float)
    return g[["period_start", "value", "n", "numerator", "denominator", "ci_low", "ci_high"]]


def _sql_target(
    eng: SqlEngine,
    charter: Charter,
    channel: str,
    target: Target,
    *,
    as_of: pd.Timestamp | None,
    strict: bool,
    time_zone: str | None,
) -> pd.DataFrame:
    from cxkit.measure import scorecard as sc

    job = _Target(eng, charter, channel, target, as_of, time_zone)
    base = sc._target_base(channel, target, job.m.unit, job.opts.get("variant"))
    table = job.m.table
    try:
        probe = eng.probes[table]
        probe = probe[[c for c in probe.columns if c not in sc._SPLIT_DROP]]  # as check splits it
        rows = metric_rows(
            {table: probe},
            target.metric,
            options=job.opts,
            within_s=target.within_seconds,
            calendar=job.cal,
            as_of=as_of,
        )
        rows = sc._segment(rows, target)
        if rows.unit:
            base["unit"] = rows.unit
        tz = sc._zone(job.cal, time_zone, rows)
        got, extra = job.counts(rows, tz)
    except MissingDataError as err:
        if strict:
            raise
        return sc._no_data(base, str(err))
    rows = Rows(rows.frame, rows.kind, rows.table, rows.q, rows.definition + extra, rows.unit)
    if len(got) == 0 or int(got["n_rows"].sum()) == 0:
        return sc._no_data(base, f"no {rows.table} for channel {channel}", rows.definition)
    if rows.kind == "mean":
        got[["total", "total_sq"]] = got[["total", "total_sq"]].fillna(0.0)
    unit = getattr(rows.frame["time"].dtype, "unit", "ns")
    span = (
        _utc(got["t_min"].min()).as_unit(unit).tz_convert(tz),
        _utc(got["t_max"].max()).as_unit(unit).tz_convert(tz),
    )
    got = got.drop(columns=["n_rows", "t_min", "t_max"])
    interval_min = target.interval_min or 30
    agg = _figures(_localise(got, target.period, tz, interval_min, unit), rows.kind)
    grid = sc._grid(span, target.period, interval_min, tz)
    agg = grid.merge(agg, on="period_start", how="left")
    return sc._judge(base, agg, rows, target)


def _uses_sql(eng: SqlEngine, channel: str, target: Target) -> bool:
    m = get_metric(target.metric)
    if target.metric not in sql_metrics() or not eng.has(m.table):
        return False
    if m.table == "contacts" and "intervals" in eng.small:  # a channel only in the interval report
        probe = eng.probes["contacts"]
        if "channel" not in probe.columns:
            return True
        got = eng.query(
            f"SELECT count(*) AS n FROM {eng.relation('contacts')} "
            f"WHERE channel = {eng.dialect.string(channel)}"
        )
        return int(got["n"].iloc[0]) > 0
    return True


def check_on(
    charter: Charter,
    engine: SqlEngine,
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
    time_zone: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """The scorecard of ``charter`` computed on ``engine`` (same columns and rows as :func:`cxkit.check`).

    Parameters
    ----------
    charter : Charter
        The charter.
    engine : SqlEngine
        A :class:`DuckDBEngine` or :class:`SparkEngine` holding the tables.
    as_of, strict, time_zone
        As in :func:`cxkit.check`.
    progress : bool
        Show a progress bar over the targets (tqdm).

    Returns
    -------
    pandas.DataFrame
        The scorecard, columns :data:`cxkit.measure.scorecard.SCORECARD_COLUMNS`. Targets whose metric
        has no SQL declaration are computed by the pandas engine on their channel's rows (read out of
        the engine), and a :class:`cxkit.errors.CxkitWarning` names those whose rows had to be read
        out of the store or Spark (on pandas frames the fallback reads nothing, and says nothing).
    """
    from cxkit.measure import scorecard as sc

    probes = {**eng_probes(engine), **engine.inputs, **engine.small}
    sc._check_inputs(charter, probes)  # naive times refused, missing tables said
    targets = list(charter.iter_targets())
    fell_back: list[str] = []
    cache: dict[str, dict[str, pd.DataFrame]] = {}
    sql = [_uses_sql(engine, cid, t) for cid, _, t in targets]
    keys = [
        None if sql[i] else _fallback_key(engine, cid, t) for i, (cid, _, t) in enumerate(targets)
    ]
    # SQL targets first, then the others grouped by the rows they need (each read out once)
    order = sorted(range(len(targets)), key=lambda i: (not sql[i], str(keys[i])))
    parts: list[pd.DataFrame | None] = [None] * len(targets)
    for i in _progress(order, progress):
        cid, _, t = targets[i]
        if sql[i]:
            parts[i] = _sql_target(
                engine, charter, cid, t, as_of=as_of, strict=strict, time_zone=time_zone
            )
            continue
        key = keys[i]
        if key not in cache:
            cache.clear()  # one channel's (or all) rows at a time
            cache[key] = _fallback_tables(engine, key)
        data = cache[key]
        if get_metric(t.metric).table == "journeys" and "journeys" not in data:
            with contextlib.suppress(MissingDataError):  # without customer keys the target says so
                data["journeys"] = sc.journey_frame(data)
        fell_back.append(t.id)
        parts[i] = sc.check_target(
            charter, cid, t, data, as_of=as_of, strict=strict, time_zone=time_zone
        )
    # on pandas frames DuckDB holds, the fallback reads nothing out: no need to say it each time
    reads_out = isinstance(engine, SparkEngine) or bool(set(engine.probes) - set(engine.inputs))
    if fell_back and reads_out:
        warnings.warn(
            f"{len(fell_back)} target(s) computed by the pandas engine on rows read out of the "
            f"{engine.dialect.name} engine (their metrics have no SQL declaration yet): "
            f"{', '.join(fell_back)}",
            CxkitWarning,
            stacklevel=2,
        )
    if not parts:
        return pd.DataFrame(columns=sc.SCORECARD_COLUMNS)
    return pd.concat([p for p in parts if p is not None], ignore_index=True)


def _fallback_key(engine: SqlEngine, channel: str, target: Target) -> str:
    """Which rows a pandas-computed target needs: one channel's (``ch:<id>``) for contact and ticket
    metrics, else every row (``all``: journeys link channels; surveys and QA read contacts too)."""
    if get_metric(target.metric).table in _SQL_TABLES:
        return f"ch:{channel}"
    return "all"


def _fallback_tables(engine: SqlEngine, key: str) -> dict[str, pd.DataFrame]:
    return engine.pandas_tables(key[3:] if key.startswith("ch:") else None)


def eng_probes(engine: SqlEngine) -> dict[str, pd.DataFrame]:
    """The engine's SQL tables as empty frames of their columns and types."""
    return dict(engine.probes)


def _progress(items: list[Any], on: bool) -> Iterator[Any]:
    if not on:
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, desc="targets", unit="target")


def engine_from_env() -> str:
    """The engine ``CXKIT_ENGINE`` names (``pandas`` when unset)."""
    name = os.environ.get("CXKIT_ENGINE", "pandas").strip().lower() or "pandas"
    if name not in ENGINES:
        warnings.warn(
            f"CXKIT_ENGINE={name!r} is not one of {', '.join(ENGINES)}; using pandas",
            CxkitWarning,
            stacklevel=2,
        )
        return "pandas"
    return name


def run_check(
    charter: Charter,
    data: Any,
    engine: Any,
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
    time_zone: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """:func:`check_on` an engine made for ``data`` (what :func:`cxkit.check` calls for ``engine=``).

    Parameters
    ----------
    charter : Charter
        The charter.
    data : tables or Store
        What :func:`cxkit.check` takes, or a :class:`cxkit.data.store.Store`.
    engine : str or SqlEngine or None
        ``duckdb``, ``spark`` (the active Spark session), an engine, or None (``CXKIT_ENGINE``, and
        ``duckdb`` for a store).
    as_of, strict, time_zone, progress
        As in :func:`check_on`.

    Returns
    -------
    pandas.DataFrame
        The scorecard.
    """
    from cxkit.data.store import Store
    from cxkit.data.tables import as_tables

    if isinstance(engine, SqlEngine):
        return check_on(charter, engine, as_of=as_of, strict=strict, time_zone=time_zone,
                        progress=progress)  # fmt: skip
    name = engine or engine_from_env()
    if name == "pandas":
        name = "duckdb"  # a store has no pandas frames to run on
    if isinstance(data, Store):
        tables: dict[str, Any] = {
            t: (data.table_path(t) if t in _SQL_TABLES else data.to_pandas(t)) for t in data.tables
        }
    else:
        tables = as_tables(data)
    if name == "duckdb":
        eng: SqlEngine = DuckDBEngine(tables)
    elif name == "spark":
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
        if spark is None:
            raise ValueError(
                "engine='spark' needs an active Spark session; start one, or pass "
                "engine=cx.SparkEngine(spark, tables)"
            )
        eng = SparkEngine(spark, tables)
    else:
        raise ValueError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    with eng:
        return check_on(charter, eng, as_of=as_of, strict=strict, time_zone=time_zone,
                        progress=progress)  # fmt: skip
