"""Check data against the charter: the scorecard.

:func:`check` computes every target's metric with the definition the charter names and returns a
tidy scorecard, one row per target x period x segment::

    target_id, channel, metric, variant, segment, period, period_start, period_end, actual, threshold,
    amber, unit, direction, status, n, numerator, denominator, ci_low, ci_high, min_n, definition, note

``actual``, ``ci_low`` and ``ci_high`` are in the metric's unit (percent for rates). ``status`` is
``met``, ``near``, ``missed`` or ``no_data``: a period without data, or with fewer observations than
the target's ``min_n``, is never called met or missed.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Charter, Target
from cxkit.data.loader import LoadResult
from cxkit.errors import MissingColumnError, MissingDataError
from cxkit.measure.metrics import (
    TIME_COL,
    Rows,
    add_period,
    aggregate,
    journey_frame,
    metric_rows,
)

SCORECARD_COLUMNS = [
    "target_id",
    "channel",
    "metric",
    "variant",
    "segment",
    "period",
    "period_start",
    "period_end",
    "actual",
    "threshold",
    "amber",
    "unit",
    "direction",
    "status",
    "n",
    "numerator",
    "denominator",
    "ci_low",
    "ci_high",
    "min_n",
    "kind",
    "definition",
    "note",
]


def as_tables(data: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """Accept ``{table: DataFrame or LoadResult}``; return DataFrames."""
    return {
        k: (v.data if isinstance(v, LoadResult) else v) for k, v in data.items() if v is not None
    }


# ----------------------------------------------------------------------------- interval reports

_IV_METRICS = ("service_level", "answer_rate", "abandon_rate", "asa", "aht", "offered")


def interval_rows(
    intervals: pd.DataFrame, metric: str, *, within_s: float | None, options: Mapping[str, Any]
) -> Rows:
    """Rows for a metric from an interval report (counts per queue x interval).

    Only what the report's counts give: a service level for the report's own threshold (offered or
    answered variant), answer and abandon rates of offered, ASA and AHT from sums. Anything else raises
    :class:`MissingColumnError` saying what is missing and what would give it.
    """
    iv = intervals.rename(columns={"interval_start": "time"})
    have = [c for c in iv.columns if c.startswith("answered_within_")]
    if metric not in _IV_METRICS:
        raise MissingColumnError(
            f"{metric} cannot be computed from an interval report: it needs contact-level data. "
            f"Load the contact log (cxkit.load(..., table='contacts'))."
        )
    base = iv[["time", *[c for c in ("channel", "queue") if c in iv.columns]]].copy()
    if metric == "service_level":
        col = f"answered_within_{within_s:g}s"
        if col not in iv.columns:
            alt = have[0] if have else None
            t = re.findall(r"[\d.]+", alt)[0] if alt else None
            fix = (
                f"Set threshold_s={t} (within_s: {t}) or load contact-level data."
                if alt
                else "Load contact-level data (waits per contact)."
            )
            raise MissingColumnError(
                f"the interval report has no {col!r}; it has {have or 'no answered_within column'}. {fix}"
            )
        variant = options.get("variant", "offered")
        if variant not in ("offered", "answered"):
            raise MissingColumnError(
                f"service level variant {variant!r} needs abandons within T, which the interval "
                f"report does not count. Use variant 'offered' or 'answered', or load contacts."
            )
        den = iv["offered"] if variant == "offered" else iv["answered"]
        return Rows(
            base.assign(num=iv[col], den=den),
            "ratio",
            "intervals",
            definition=f"service level, variant {variant}, T = {within_s:g} s, from the interval report",
        )
    if metric == "offered":
        return Rows(
            base.assign(value=iv["offered"]), "count", "intervals", definition="contacts offered"
        )
    if metric == "answer_rate":
        return Rows(
            base.assign(num=iv["answered"], den=iv["offered"]),
            "ratio",
            "intervals",
            definition="answered / offered",
        )
    if metric == "abandon_rate":
        if options.get("variant", "of_offered") != "of_offered":
            raise MissingColumnError(
                "only the abandon rate of offered can come from an interval report; short abandons "
                "need contact-level waits. Load contacts or use variant 'of_offered'."
            )
        return Rows(
            base.assign(num=iv["abandoned"], den=iv["offered"]),
            "ratio",
            "intervals",
            definition="abandoned / offered",
        )
    sums = {"asa": "wait_answered_sum_s", "aht": "handle_sum_s"}[metric]
    if sums not in iv.columns:
        raise MissingColumnError(
            f"{metric} from an interval report needs {sums!r} (and answered); the report has "
            f"{list(intervals.columns)}. Load contacts instead."
        )
    # a mean from sums: weight = answered, value = sum / answered
    return Rows(
        base.assign(num=iv[sums], den=iv["answered"]),
        "sum_ratio",
        "intervals",
        definition=f"{sums} / answered, from the interval report",
    )


# ----------------------------------------------------------------------------- one target


def _segment(rows: Rows, target: Target) -> Rows:
    f = rows.frame
    for col, val in target.segment.items():
        if col not in f.columns:
            raise MissingDataError(
                f"segment {col}={val} needs a {col!r} column in the {rows.table} data"
            )
        f = f[f[col].astype(str) == str(val)]
    return Rows(f, rows.kind, rows.table, rows.q, rows.definition)


def _grid(
    span: tuple[pd.Timestamp, pd.Timestamp], period: str, interval_min: int, tz: str
) -> pd.DataFrame:
    lo, hi = span
    times = pd.Series(
        pd.date_range(
            lo.floor("D"), hi, freq=f"{interval_min}min" if period == "interval" else "D", tz=lo.tz
        ).tz_convert(tz)
    )
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
            "value": np.where(has, age_s / 3600, np.nan),
        }
    )


def check_target(
    charter: Charter,
    channel: str,
    target: Target,
    data: Mapping[str, pd.DataFrame],
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
) -> pd.DataFrame:
    """The scorecard rows of one target (``data`` as in ``check``)."""
    data = as_tables(data)
    m = get_metric(target.metric)
    cal = charter.calendar_of(channel)
    tz = cal.time_zone if cal else "Europe/Helsinki"
    interval_min = target.interval_min or 30
    opts = {**m.defaults(), **target.options}
    variant = opts.get("variant")
    seg = ", ".join(f"{k}={v}" for k, v in sorted(target.segment.items()))
    base = {
        "target_id": target.id,
        "channel": channel,
        "metric": target.metric,
        "variant": variant,
        "segment": seg,
        "period": target.period,
        "threshold": target.threshold,
        "amber": target.amber,
        "unit": m.unit,
        "direction": target.direction,
        "min_n": target.min_n,
    }
    try:
        c = data.get("contacts")
        contact_metric = (
            all(i.startswith("contacts.") for i in m.inputs)
            and target.metric not in JOURNEY_METRICS
        )
        use_intervals = (
            contact_metric
            and data.get("intervals") is not None
            and (c is None or "channel" not in c or not (c.channel == channel).any())
        )
        if use_intervals:
            iv = data["intervals"]
            iv = iv.assign(channel=iv["channel"] if "channel" in iv else iv.get("queue"))
            rows = interval_rows(
                iv[iv.channel == channel],
                target.metric,
                within_s=target.within_seconds,
                options=opts,
            )
        else:
            rows = metric_rows(
                data,
                target.metric,
                options=opts,
                within_s=target.within_seconds,
                calendar=cal,
                channel=channel,
                as_of=as_of,
            )
        rows = _segment(rows, target)
    except MissingDataError as err:
        if strict:
            raise
        return pd.DataFrame(
            [{**base, "status": "no_data", "n": 0, "definition": "", "note": str(err)}],
            columns=SCORECARD_COLUMNS,
        )
    f = rows.frame
    if len(f) == 0:
        return pd.DataFrame(
            [
                {
                    **base,
                    "status": "no_data",
                    "n": 0,
                    "definition": rows.definition,
                    "note": f"no {rows.table} for channel {channel}",
                }
            ],
            columns=SCORECARD_COLUMNS,
        )
    span = (f.time.min(), f.time.max())
    grid = _grid(span, target.period, interval_min, tz)
    if rows.kind == "snapshot":
        agg = _backlog(rows, grid, business=bool(opts.get("business_hours")), calendar=cal)
        agg = grid.merge(agg, on="period_end", how="left")
        agg["numerator"] = agg["denominator"] = agg["ci_low"] = agg["ci_high"] = np.nan
    else:
        f = add_period(
            f.assign(time=f.time.dt.tz_convert(tz)),
            target.period,
            time_col="time",
            interval_min=interval_min,
        )
        if rows.kind == "coverage":
            agg = _coverage(f, data, channel, target, opts)
        elif rows.kind == "sum_ratio":
            g = f.groupby("period_start").agg(numerator=("num", "sum"), denominator=("den", "sum"))
            g["value"] = g.numerator / g.denominator.where(g.denominator > 0)
            g["n"] = g.denominator
            g["ci_low"] = g["ci_high"] = np.nan
            agg = g.reset_index()
        else:
            agg = aggregate(Rows(f, rows.kind, rows.table, rows.q), ["period_start"])
        agg = grid.merge(agg, on="period_start", how="left")
    agg["n"] = agg["n"].fillna(0)
    scale = 100.0 if rows.kind == "ratio" else 1.0
    actual = agg["value"] * scale
    out = pd.DataFrame({**{k: [v] * len(agg) for k, v in base.items()}})
    out["period_start"], out["period_end"] = agg.period_start.to_numpy(), agg.period_end.to_numpy()
    out["actual"] = actual.to_numpy()
    out["n"] = agg["n"].astype(int).to_numpy()
    out["numerator"], out["denominator"] = (
        agg["numerator"].to_numpy(),
        agg["denominator"].to_numpy(),
    )
    out["ci_low"], out["ci_high"] = (
        (agg["ci_low"] * scale).to_numpy(),
        (agg["ci_high"] * scale).to_numpy(),
    )
    small = (target.min_n is not None) & (out["n"] < (target.min_n or 0))
    out["status"] = [
        ("no_data" if (sm or n == 0) else target.status_for(a))
        for a, n, sm in zip(out.actual, out.n, small, strict=True)
    ]
    out["note"] = np.where(
        out.n == 0,
        "no data in this period",
        np.where(small, f"n below the sample plan (min_n = {target.min_n})", ""),
    )
    out["definition"] = rows.definition
    out["kind"] = rows.kind
    return out[SCORECARD_COLUMNS]


def _coverage(
    f: pd.DataFrame,
    data: Mapping[str, pd.DataFrame],
    channel: str,
    target: Target,
    opts: Mapping[str, Any],
) -> pd.DataFrame:
    """Evaluations done / planned, planned = per-agent plan x agents who handled contacts in the period."""
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
    g["value"] = g.numerator / g.denominator.where(g.denominator > 0)
    g["n"] = g.numerator
    g["ci_low"] = g["ci_high"] = np.nan
    return g.drop(columns="agents").reset_index()


JOURNEY_METRICS = frozenset({"fcr", "repeat_contact_rate", "chase_rate", "failure_demand"})
_SPLIT_DROP = ("contact_id", "ticket_id", "customer", "source_line", "cause")


def _row_metric(metric: str) -> bool:
    """A metric computed from one channel's own contacts or tickets rows (no journeys, no joins)."""
    inputs = get_metric(metric).inputs
    return (
        metric not in JOURNEY_METRICS
        and bool(inputs)
        and all(i.startswith(("contacts.", "tickets.")) for i in inputs)
    )


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


def check(
    charter: Charter,
    data: Mapping[str, Any],
    *,
    as_of: pd.Timestamp | None = None,
    strict: bool = False,
) -> pd.DataFrame:
    """Compute every target of ``charter`` on ``data`` (``{"contacts": ..., "tickets": ..., "surveys": ...,
    "evaluations": ..., "intervals": ...}`` as DataFrames or LoadResults). With ``strict`` a target the data
    cannot give raises; otherwise it is a ``no_data`` row whose ``note`` says what is missing."""
    tables = as_tables(data)
    for name, df in tables.items():
        col = TIME_COL.get(name)
        if col and col in df.columns and len(df) and df[col].dt.tz is None:
            raise ValueError(
                f"{name}.{col} has no time zone; load files with cxkit.data.loader so times are zone-aware"
            )
    targets = list(charter.iter_targets())
    # Work channel by channel and release each channel's split, and the shared journey frame, after the
    # last target that needs it: the peak holds the input plus one of them, not all of them.
    row = [_row_metric(t.metric) for _, _, t in targets]
    left = Counter(cid for (cid, _, _), r in zip(targets, row, strict=True) if r)
    journeys_left = sum(t.metric in JOURNEY_METRICS for _, _, t in targets)
    order = sorted(range(len(targets)), key=lambda i: (not row[i], targets[i][0]))
    split: dict[str, dict[str, pd.DataFrame]] = {}
    journeys: pd.DataFrame | None = None
    parts: list[pd.DataFrame | None] = [None] * len(targets)
    for i in order:
        cid, _, t = targets[i]
        if row[i]:
            if cid not in split:
                split[cid] = _channel_tables(tables, cid)
            parts[i] = check_target(charter, cid, t, split[cid], as_of=as_of, strict=strict)
            left[cid] -= 1
            if not left[cid]:
                del split[cid]
            continue
        data_t = tables
        if t.metric in JOURNEY_METRICS:
            if journeys is None:
                with contextlib.suppress(
                    MissingDataError
                ):  # without customer keys the target says so itself
                    journeys = journey_frame(tables)  # sorted once, shared by every journey target
            if journeys is not None:
                data_t = {**tables, "journeys": journeys}
            journeys_left -= 1
        parts[i] = check_target(charter, cid, t, data_t, as_of=as_of, strict=strict)
        if not journeys_left:
            journeys = None
    if not parts:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def status_of(
    actual: pd.Series,
    threshold: pd.Series | float,
    amber: pd.Series | float | None,
    direction: pd.Series | str,
) -> pd.Series:
    """``met``, ``near``, ``missed`` or ``no_data`` for each actual: ``Target.status_for``, vectorised.

    >>> status_of(pd.Series([85.0, 75.0, 60.0, float("nan")]), 80, 70, "higher").tolist()
    ['met', 'near', 'missed', 'no_data']
    >>> status_of(pd.Series([300.0, 330.0]), 300, None, "lower").tolist()
    ['met', 'missed']
    """
    idx = actual.index
    direction = direction if isinstance(direction, pd.Series) else pd.Series(direction, index=idx)
    threshold = (
        threshold
        if isinstance(threshold, pd.Series)
        else pd.Series(threshold, index=idx, dtype=float)
    )
    amber = (
        amber
        if isinstance(amber, pd.Series)
        else pd.Series(np.nan if amber is None else amber, index=idx, dtype=float)
    )
    sign = direction.map({"higher": 1.0, "lower": -1.0}).fillna(1.0)
    a, t, b = (
        actual.astype(float) * sign,
        threshold.astype(float) * sign,
        amber.astype(float) * sign,
    )
    out = pd.Series("missed", index=idx, dtype=object)
    out[b.notna() & (a >= b)] = "near"
    out[a >= t] = "met"
    out[actual.isna()] = "no_data"
    return out


def restatus(
    scorecard: pd.DataFrame, target_id: str, *, threshold: float, amber: float | None = None
) -> pd.DataFrame:
    """The scorecard with one target's threshold moved and its statuses recomputed from the stored actuals
    (no data is touched again, so this is instant on a year of data). ``amber`` defaults to keeping the
    near band as wide as it was. Periods without data or below the sample plan stay ``no_data``."""
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
    """Per target: periods met, near, missed and without data, and ``overall``, the whole span's actual:
    recomputed from summed counts for ratios, weighted by ``n`` for means, NaN where periods cannot be
    combined (percentiles, backlog snapshots)."""
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
    overall[g.kind == "sum_ratio"] = g.num / g.den
    overall[g.kind == "mean"] = g.w / g.n
    return (
        first.join(counts[["met", "near", "missed", "no_data"]])
        .assign(overall=overall)
        .reset_index()
    )
