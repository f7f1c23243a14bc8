"""Check data against the charter: the scorecard.

:func:`check` computes every target's metric with the definition the charter names and returns a
tidy scorecard, one row per target x period x segment, with the columns of :data:`SCORECARD_COLUMNS`:

- ``target_id``, ``channel``, ``metric``, ``variant``, ``segment``, ``period``, ``period_start``,
  ``period_end`` (zone-aware, the channel calendar's zone)
- ``actual``, ``ci_low``, ``ci_high`` (95 %), ``threshold``, ``amber``: in ``unit``, the metric's unit
  (``%`` for every rate, 0-100; ``s``; ``h``; ``score``; ``points`` for NPS; ``count``)
- ``direction`` (``higher`` or ``lower`` is better), ``status`` (``met``, ``near``, ``missed`` or
  ``no_data``: a period without data, or with fewer observations than ``min_n``, is never judged)
- ``n`` (observations), ``numerator``, ``denominator`` (the counts a roll-up recomputes ratios from),
  ``min_n``, ``kind`` (the aggregation), ``definition`` (the variant in words), ``note``
"""

from __future__ import annotations

import contextlib
import warnings
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Calendar, Charter, Target
from cxkit.data.context import check_time_zone
from cxkit.data.contracts import TIME_COLUMNS
from cxkit.data.tables import as_tables
from cxkit.errors import CxkitWarning, MissingDataError
from cxkit.measure.aggregate import add_period, aggregate
from cxkit.measure.engine import Rows, metric_rows
from cxkit.measure.journeys import journey_frame

__all__ = ["SCORECARD_COLUMNS", "check", "check_target", "restatus", "status_of", "summary"]

SCORECARD_COLUMNS = [
    "target_id", "channel", "metric", "variant", "segment", "period", "period_start", "period_end",
    "actual", "threshold", "amber", "unit", "direction", "status", "n", "numerator", "denominator",
    "ci_low", "ci_high", "min_n", "kind", "definition", "note",
]  # fmt: skip


def _segment(rows: Rows, target: Target) -> Rows:
    f = rows.frame
    for col, val in target.segment.items():
        if col not in f.columns:
            raise MissingDataError(
                f"segment {col}={val} needs a {col!r} column in the {rows.table} data"
            )
        f = f[f[col].astype(str) == str(val)]
    return rows.replace(f)


def _grid(
    span: tuple[pd.Timestamp, pd.Timestamp], period: str, interval_min: int, tz: str
) -> pd.DataFrame:
    """Every period from the one holding ``span[0]`` to the one holding ``span[1]``, in ``tz``.

    Built from local calendar days in ``tz`` (not from the data's own zone), so every item lands in
    exactly one period whatever the zones."""
    lo, hi = pd.Timestamp(span[0]).tz_convert(tz), pd.Timestamp(span[1]).tz_convert(tz)
    if period == "interval":
        first = pd.Series([lo]).dt.floor(
            f"{interval_min}min", ambiguous=True, nonexistent="shift_forward"
        )
        times = pd.Series(pd.date_range(first.iloc[0], hi, freq=f"{interval_min}min"))
    else:
        days = pd.date_range(
            lo.tz_localize(None).normalize(), hi.tz_localize(None).normalize(), freq="D"
        )
        times = pd.Series(days.tz_localize(tz, ambiguous=True, nonexistent="shift_forward"))
    g = add_period(
        pd.DataFrame({"time": times}), period, time_col="time", interval_min=interval_min
    )
    return g[["period_start", "period_end"]].drop_duplicates("period_start").reset_index(drop=True)


def _backlog(rows: Rows, grid: pd.DataFrame, *, business: bool, calendar: Any) -> pd.DataFrame:
    """Open items and the age of the oldest at each period end, without a pass per period.

    Items sorted by creation; the first item still open at ``e`` is the first whose running maximum of
    ``solved`` (never solved = +inf) exceeds ``e``, so one ``searchsorted`` per period end finds it. The
    oldest open item is the earliest created, and business hours only grow with an earlier start, so its
    age is the largest in both calendar and business hours."""
    f = rows.frame
    created = pd.DatetimeIndex(f.time).as_unit("ns").asi8  # UTC nanoseconds
    order = np.argsort(created, kind="stable")
    created = created[order]
    solved_ix = pd.DatetimeIndex(f.solved).as_unit("ns")
    solved = np.where(solved_ix.isna(), np.iinfo(np.int64).max, solved_ix.asi8)[order]
    running_max = np.maximum.accumulate(solved)
    solved_sorted = np.sort(solved)
    ends_ts = pd.DatetimeIndex(grid.period_end)
    ends = ends_ts.tz_convert("UTC").as_unit("ns").asi8
    n_open = np.searchsorted(created, ends, "right") - np.searchsorted(solved_sorted, ends, "right")
    first = np.searchsorted(running_max, ends, "right")
    has = (n_open > 0) & (first < len(created))
    oldest = pd.Series(
        pd.to_datetime(np.where(has, created[np.minimum(first, len(created) - 1)], 0), utc=True)
    )
    end_s = pd.Series(ends_ts.tz_convert("UTC"))
    if business and calendar is not None:
        age_s = business_seconds_between(oldest, end_s, calendar).to_numpy(dtype=float)
    else:
        age_s = (end_s - oldest).dt.total_seconds().to_numpy()
    return pd.DataFrame(
        {
            "period_end": grid.period_end.to_numpy(),
            "n": n_open,
            # an empty backlog is the best state, not missing data: its oldest item is 0 h old
            "value": np.where(has, age_s / 3600, 0.0),
        }
    )


def _target_base(channel: str, target: Target, unit: str, variant: Any) -> dict[str, Any]:
    return {
        "target_id": target.id, "channel": channel, "metric": target.metric, "variant": variant,
        "segment": ", ".join(f"{k}={v}" for k, v in sorted(target.segment.items())),
        "period": target.period, "threshold": target.threshold, "amber": target.amber, "unit": unit,
        "direction": target.direction, "min_n": target.min_n,
    }  # fmt: skip


def _no_data(base: dict[str, Any], note: str, definition: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        [{**base, "status": "no_data", "n": 0, "definition": definition, "note": note}],
        columns=SCORECARD_COLUMNS,
    )


def _from_intervals(metric: str, channel: str, data: Mapping[str, pd.DataFrame]) -> bool:
    """Use the interval report: a contact-log metric, and the channel has no contact rows (the report
    gives the metric, or says what it lacks)."""
    if get_metric(metric).table != "contacts" or data.get("intervals") is None:
        return False
    c = data.get("contacts")
    return c is None or "channel" not in c or not (c.channel == channel).any()


def _target_rows(
    channel: str,
    target: Target,
    data: Mapping[str, pd.DataFrame],
    opts: dict[str, Any],
    calendar: Calendar | None,
    as_of: pd.Timestamp | None,
) -> Rows:
    if _from_intervals(target.metric, channel, data):
        iv = data["intervals"]
        iv = iv.assign(channel=iv["channel"] if "channel" in iv else iv.get("queue"))
        rows = metric_rows(
            {"intervals": iv[iv.channel == channel]},
            target.metric,
            options=opts,
            within_s=target.within_seconds,
            source="intervals",
        )
    else:
        rows = metric_rows(
            data,
            target.metric,
            options=opts,
            within_s=target.within_seconds,
            calendar=calendar,
            channel=channel,
            as_of=as_of,
        )
    return _segment(rows, target)


def _per_period(
    rows: Rows,
    target: Target,
    *,
    tz: str,
    data: Mapping[str, pd.DataFrame],
    channel: str,
    opts: dict[str, Any],
    calendar: Calendar | None,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Every period of the data's span (also the empty ones) with ``n, numerator, denominator,
    value, ci_low, ci_high`` in the metric's unit. A backlog runs on to ``as_of`` or the data's last
    moment (its burn-down after the last new item)."""
    f = rows.frame
    interval_min = target.interval_min or 30
    end = f.time.max()
    if rows.kind == "snapshot" and as_of is not None:
        end = pd.Timestamp(as_of)
    elif rows.kind == "snapshot" and f.solved.notna().any():
        end = max(end, f.solved.max())  # the burn-down after the last new item
    grid = _grid((f.time.min(), end), target.period, interval_min, tz)
    if rows.kind == "snapshot":
        agg = _backlog(rows, grid, business=bool(opts.get("business_hours")), calendar=calendar)
        agg = grid.merge(agg, on="period_end", how="left")
        agg["numerator"] = agg["denominator"] = agg["ci_low"] = agg["ci_high"] = np.nan
        return agg
    f = add_period(
        f.assign(time=f.time.dt.tz_convert(tz)),
        target.period,
        time_col="time",
        interval_min=interval_min,
    )
    if rows.kind == "coverage":
        agg = _coverage(f, data, channel, target, opts)
    else:
        agg = aggregate(rows.replace(f), ["period_start"])
    return grid.merge(agg, on="period_start", how="left")


#: Why some figures carry no confidence interval (said in the row's definition).
_NO_INTERVAL = {
    "max": "; no interval: a maximum is one observation, not an estimate",
    "snapshot": "; no interval: a count and an age at a moment, not a sample",
    "count": "; no interval: a count, not a sample",
    "sum_ratio": "; no interval: the interval report gives sums, not the values",
}


def _judge(base: dict[str, Any], agg: pd.DataFrame, rows: Rows, target: Target) -> pd.DataFrame:
    out = pd.DataFrame({k: [v] * len(agg) for k, v in base.items()})
    out["period_start"], out["period_end"] = agg.period_start.to_numpy(), agg.period_end.to_numpy()
    out["actual"] = agg["value"].to_numpy()
    out["n"] = agg["n"].fillna(0).astype(int).to_numpy()
    out["numerator"], out["denominator"] = (
        agg["numerator"].to_numpy(),
        agg["denominator"].to_numpy(),
    )
    out["ci_low"], out["ci_high"] = agg["ci_low"].to_numpy(), agg["ci_high"].to_numpy()
    small = (target.min_n is not None) & (out["n"] < (target.min_n or 0))
    empty = (out["n"] == 0) & (rows.kind != "snapshot")  # a backlog of 0 items is judged
    out["status"] = [
        ("no_data" if (sm or e or pd.isna(a)) else target.status_for(a))
        for a, e, sm in zip(out.actual, empty, small, strict=True)
    ]
    out["note"] = np.where(
        empty,
        "no data in this period",
        np.where(small, f"n below the sample plan (min_n = {target.min_n})", ""),
    )
    out["definition"] = rows.definition + _NO_INTERVAL.get(rows.kind, "")
    out["kind"] = rows.kind
    return out[SCORECARD_COLUMNS]


def _zone(calendar: Calendar | None, time_zone: str | None, rows: Rows) -> str:
    """Where a target's days begin: the channel calendar's zone, else the user's, else the data's own
    (the zone its times were loaded in). Never a guess."""
    if calendar is not None:
        return calendar.time_zone
    if time_zone is not None:
        return time_zone
    return str(rows.frame["time"].dt.tz)


def check_target(
    charter: Charter,
    channel: str,
    target: Target,
    data: Any,
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
    time_zone: str | None = None,
) -> pd.DataFrame:
    """The scorecard rows of one target.

    Parameters
    ----------
    charter : Charter
        The charter the target belongs to (for the channel's calendar).
    channel : str
        The channel id.
    target : Target
        One of the channel's targets.
    data : tables
        As in :func:`check`.
    as_of : Timestamp, optional
        The moment open items are judged at.
    strict : bool
        Raise :class:`MissingDataError` instead of a ``no_data`` row when the data cannot give the metric.
    time_zone : str, optional
        Where days begin when the channel has no calendar (default: the data's own zone).

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :data:`SCORECARD_COLUMNS` (see the module docstring).
    """
    data = as_tables(data)
    m = get_metric(target.metric)
    cal = charter.calendar_of(channel)
    opts = {**m.defaults(), **target.options}
    base = _target_base(channel, target, m.unit, opts.get("variant"))
    try:
        rows = _target_rows(channel, target, data, opts, cal, as_of)
    except MissingDataError as err:
        if strict:
            raise
        return _no_data(base, str(err))
    if rows.unit:
        base["unit"] = rows.unit
    if len(rows.frame) == 0:
        return _no_data(base, f"no {rows.table} for channel {channel}", rows.definition)
    agg = _per_period(
        rows,
        target,
        tz=_zone(cal, time_zone, rows),
        data=data,
        channel=channel,
        opts=opts,
        calendar=cal,
        as_of=as_of,
    )
    return _judge(base, agg, rows, target)


def _coverage(
    f: pd.DataFrame,
    data: Mapping[str, pd.DataFrame],
    channel: str,
    target: Target,
    opts: Mapping[str, Any],
) -> pd.DataFrame:
    """Evaluations done / planned in percent, planned = per-agent plan x agents who handled contacts
    in the period."""
    done = f.groupby("period_start").size().rename("numerator")
    c = data.get("contacts")
    if c is None or "agent" not in c:
        raise MissingDataError(
            "evaluation_coverage needs contacts with agents to know who should be evaluated"
        )
    cc = c[(c.channel == channel) & c.agent.notna()]
    cc = add_period(
        cc.assign(time=cc.arrival.dt.tz_convert(f.time.dt.tz)), target.period, time_col="time"
    )
    months = max(
        {"day": 1 / 30, "week": 7 / 30, "month": 1, "quarter": 3}.get(target.period, 1), 1 / 30
    )
    agents = cc.groupby("period_start").agent.nunique().rename("agents")
    g = pd.concat([done, agents], axis=1).fillna(0)
    g["denominator"] = g.agents * float(opts["planned_per_agent_month"]) * months
    g["value"] = 100 * g.numerator / g.denominator.where(g.denominator > 0)
    g["n"] = g.numerator
    g["ci_low"] = g["ci_high"] = np.nan
    return g.drop(columns="agents").reset_index()


_SPLIT_DROP = ("contact_id", "ticket_id", "customer", "source_line", "cause")


def _is_journey(target: Target) -> bool:
    return get_metric(target.metric).table == "journeys"


def _row_metric(metric: str) -> bool:
    """A metric computed from one channel's own contacts or tickets rows (no journeys, no joins)."""
    return get_metric(metric).table in ("contacts", "tickets")


def _channel_tables(tables: Mapping[str, pd.DataFrame], channel: str) -> dict[str, pd.DataFrame]:
    """One channel's contacts and tickets (without the key columns row metrics never read), split once
    per check instead of once per target; other tables as they are."""
    out: dict[str, pd.DataFrame] = {}
    for name, df in tables.items():
        if name in ("contacts", "tickets") and "channel" in df.columns:
            keep = [c for c in df.columns if c not in _SPLIT_DROP]
            part = df.loc[df["channel"] == channel, keep]
            part.attrs["cxkit_channel"] = channel
            out[name] = part
        else:
            out[name] = df
    return out


def _needed_table(target: Target, tables: Mapping[str, pd.DataFrame]) -> str | None:
    """The input table a target needs that ``tables`` lacks, or None."""
    m = get_metric(target.metric)
    variant = target.options.get("variant", m.defaults().get("variant"))
    if m.table == "journeys":
        table = {"agent_flag": "contacts", "survey": "surveys"}.get(str(variant))
        if table is None:
            return None if ("contacts" in tables or "tickets" in tables) else "contacts or tickets"
    else:
        table = m.table
    if table == "contacts" and "intervals" in tables:
        return None  # the interval report gives it, or the target's note says what it lacks
    if table == "agent_states":
        return None  # not loadable yet: the target's note says so
    return None if table in tables else table


def _check_inputs(charter: Charter, tables: Mapping[str, pd.DataFrame]) -> None:
    """Refuse naive times; say loudly which tables the charter's targets need but were not given."""
    for name, df in tables.items():
        col = TIME_COLUMNS.get(name)
        if col and col in df.columns and len(df) and df[col].dt.tz is None:
            raise ValueError(
                f"{name}.{col} has no time zone; load files with cx.load or "
                "cx.load_tables so times are zone-aware"
            )
    targets = [t for _, _, t in charter.iter_targets()]
    missing: dict[str, list[str]] = {}
    for t in targets:
        table = _needed_table(t, tables)
        if table:
            missing.setdefault(table, []).append(t.id)
    if not missing:
        return
    said = "; ".join(
        f"no {table} table for {len(ids)} target(s): {', '.join(ids)}"
        for table, ids in missing.items()
    )
    given = ", ".join(sorted(tables)) or "none"
    msg = (
        f"{said}. Tables given: {given}. Load them with cx.load_tables([...]) or pass "
        f"{{'contacts': df, 'tickets': df, ...}}."
    )
    if sum(len(ids) for ids in missing.values()) == len(targets):
        raise MissingDataError(f"nothing to check: {msg}")
    warnings.warn(msg, CxkitWarning, stacklevel=3)


def check(
    charter: Charter,
    data: Any,
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
    time_zone: str | None = None,
    engine: Any = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Compute every target of ``charter`` on ``data``: the scorecard.

    Parameters
    ----------
    charter : Charter
        From :func:`cxkit.load_charter`.
    data : tables
        What you hold: the dict from :func:`cxkit.load_tables`, one ``LoadResult``, one table's
        DataFrame, a dict of DataFrames or LoadResults (``contacts``, ``tickets``, ``surveys``,
        ``evaluations``, ``intervals``), or a folder path. Anything else is a ``TypeError``.
    as_of : Timestamp, optional
        The moment open items are judged at (default: the data's end).
    strict : bool
        A target the data cannot give raises; otherwise it is a ``no_data`` row whose ``note`` says
        what is missing. Tables that targets need but were not given are named in a
        :class:`cxkit.errors.CxkitWarning`; when no target has its table, :class:`MissingDataError`.
    time_zone : str, optional
        Where days begin for channels without a calendar in the charter (an IANA name); default:
        the zone the data's times were loaded in. Channels with a calendar use its zone.
    engine : {"pandas", "duckdb", "spark"} or SqlEngine, optional
        Where the metrics are computed (see :mod:`cxkit.measure.backends`): ``pandas`` (the
        reference), ``duckdb`` (one SQL query per target, over the frames or a store) or ``spark``
        (the active Spark session), or an engine object. Default: ``duckdb`` for a
        :class:`cxkit.data.store.Store`, else ``CXKIT_ENGINE`` or ``pandas``. The scorecard is the same.
    progress : bool
        Show a progress bar over the targets (SQL engines).

    Returns
    -------
    pandas.DataFrame
        One row per target x period x segment with the columns of :data:`SCORECARD_COLUMNS` (see the
        module docstring): ``actual`` in ``unit``, the counts, the 95 % interval and the status.
    """
    if engine != "pandas" and (engine is not None or not _pandas_default(data)):
        from cxkit.measure.backends import run_check

        return run_check(
            charter, data, engine, as_of=as_of, strict=strict,
            time_zone=check_time_zone(time_zone), progress=progress,
        )  # fmt: skip
    tables = as_tables(data)
    time_zone = check_time_zone(time_zone)
    _check_inputs(charter, tables)
    targets = list(charter.iter_targets())
    # Work channel by channel and release each channel's split, and the shared journey frame, after the
    # last target that needs it: the peak holds the input plus one of them, not all of them.
    row = [_row_metric(t.metric) for _, _, t in targets]
    left = Counter(cid for (cid, _, _), r in zip(targets, row, strict=True) if r)
    journeys_left = sum(_is_journey(t) for _, _, t in targets)
    order = sorted(range(len(targets)), key=lambda i: (not row[i], targets[i][0]))
    split: dict[str, dict[str, pd.DataFrame]] = {}
    journeys: pd.DataFrame | None = None
    parts: list[pd.DataFrame | None] = [None] * len(targets)
    for i in order:
        cid, _, t = targets[i]
        if row[i]:
            if cid not in split:
                split[cid] = _channel_tables(tables, cid)
            parts[i] = check_target(
                charter, cid, t, split[cid], as_of=as_of, strict=strict, time_zone=time_zone
            )
            left[cid] -= 1
            if not left[cid]:
                del split[cid]
            continue
        data_t = tables
        if _is_journey(t):
            if journeys is None:
                with contextlib.suppress(
                    MissingDataError
                ):  # without customer keys the target says so
                    journeys = journey_frame(tables)  # sorted once, shared by every journey target
            if journeys is not None:
                data_t = {**tables, "journeys": journeys}
            journeys_left -= 1
        parts[i] = check_target(
            charter, cid, t, data_t, as_of=as_of, strict=strict, time_zone=time_zone
        )
        if not journeys_left:
            journeys = None
    if not parts:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def _pandas_default(data: Any) -> bool:
    """No engine named: pandas unless the data is a store or ``CXKIT_ENGINE`` names another."""
    from cxkit.data.store import Store
    from cxkit.measure.backends import engine_from_env

    return not isinstance(data, Store) and engine_from_env() == "pandas"


def status_of(
    actual: pd.Series,
    threshold: pd.Series | float,
    amber: pd.Series | float | None,
    direction: pd.Series | str,
) -> pd.Series:
    """``met``, ``near``, ``missed`` or ``no_data`` for each actual: ``Target.status_for``, vectorised.

    Parameters
    ----------
    actual : pandas.Series
        Figures in the targets' units (NaN is ``no_data``).
    threshold, amber : Series or float
        The target and the near-band edge (``amber`` may be missing: no near band).
    direction : Series or str
        ``higher`` or ``lower`` is better.

    Returns
    -------
    pandas.Series
        The status of each figure, aligned with ``actual``.

    >>> status_of(pd.Series([85.0, 75.0, 60.0, float("nan")]), 80, 70, "higher").tolist()
    ['met', 'near', 'missed', 'no_data']
    >>> status_of(pd.Series([300.0, 330.0]), 300, None, "lower").tolist()
    ['met', 'missed']
    """
    idx = actual.index
    direction = direction if isinstance(direction, pd.Series) else pd.Series(direction, index=idx)
    threshold = (
        pd.Series(threshold, index=idx, dtype=float)
        if not isinstance(threshold, pd.Series)
        else threshold
    )
    amber_s = (
        amber
        if isinstance(amber, pd.Series)
        else pd.Series(np.nan if amber is None else amber, index=idx, dtype=float)
    )
    sign = pd.to_numeric(direction.map({"higher": 1.0, "lower": -1.0}), errors="coerce").fillna(1.0)
    a, t, b = (
        pd.to_numeric(actual, errors="coerce").astype(float) * sign,
        threshold.astype(float) * sign,
        amber_s.astype(float) * sign,
    )
    out = pd.Series("missed", index=idx, dtype=object)
    out[b.notna() & (a >= b)] = "near"
    out[a >= t] = "met"
    out[actual.isna()] = "no_data"
    return out


def restatus(
    scorecard: pd.DataFrame, target_id: str, *, threshold: float, amber: float | None = None
) -> pd.DataFrame:
    """The scorecard with one target's threshold moved and its statuses recomputed from the stored actuals.

    No data is touched again, so this is instant on a year of data. Periods without data or below the
    sample plan stay ``no_data``.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`check`.
    target_id : str
        The target to move.
    threshold : float
        The new threshold, in the target's unit.
    amber : float, optional
        The new near-band edge; by default the band keeps its width.

    Returns
    -------
    pandas.DataFrame
        A copy of ``scorecard`` with that target's ``threshold``, ``amber`` and ``status`` updated.
    """
    sc = scorecard.copy()
    m = sc.target_id == target_id
    if not m.any():
        raise KeyError(f"no target {target_id!r} in the scorecard")
    old_t, old_a = sc.loc[m, "threshold"].iloc[0], sc.loc[m, "amber"].iloc[0]
    if amber is None and pd.notna(old_a):
        amber = float(old_a) + (threshold - float(old_t))
    sc.loc[m, "threshold"] = float(threshold)
    sc.loc[m, "amber"] = np.nan if amber is None else float(amber)
    judged = m & (sc.status != "no_data")
    sc.loc[judged, "status"] = status_of(
        sc.loc[judged, "actual"],
        sc.loc[judged, "threshold"],
        sc.loc[judged, "amber"],
        sc.loc[judged, "direction"],
    )
    return sc


def summary(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Per target: how many periods met, came near, missed or had no data, and the whole span's figure.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`check`.

    Returns
    -------
    pandas.DataFrame
        ``target_id``, ``channel``, ``metric``, ``threshold``, ``unit``, ``met``, ``near``, ``missed``,
        ``no_data`` (periods) and ``overall`` (in ``unit``): recomputed from summed counts for ratios
        (never an average of percentages), weighted by ``n`` for means, NaN where periods cannot be
        combined (percentiles, backlog snapshots). Periods below ``min_n`` do not count.
    """
    counts = scorecard.pivot_table(
        index="target_id", columns="status", values="n", aggfunc="size", fill_value=0
    )
    for s in ("met", "near", "missed", "no_data"):
        if s not in counts:
            counts[s] = 0
    first = scorecard.drop_duplicates("target_id").set_index("target_id")[
        ["channel", "metric", "threshold", "unit"]
    ]
    judged = scorecard[scorecard.status != "no_data"]
    g = (
        judged.assign(_w=judged.actual * judged.n)
        .groupby("target_id")
        .agg(
            num=("numerator", "sum"),
            den=("denominator", "sum"),
            w=("_w", "sum"),
            n=("n", "sum"),
            kind=("kind", "first"),
        )
    )
    overall = pd.Series(np.nan, index=g.index)
    overall[g.kind == "ratio"] = 100 * g.num / g.den
    # NPS: summed promoters - detractors over summed responses, never an average of period NPS
    overall[g.kind == "nps"] = 100 * g.num / g.den
    overall[g.kind == "sum_ratio"] = g.num / g.den
    overall[g.kind == "mean"] = g.w / g.n
    return (
        first.join(counts[["met", "near", "missed", "no_data"]])
        .assign(overall=overall)
        .reset_index()
    )
