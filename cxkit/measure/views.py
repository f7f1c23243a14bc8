"""Views of the scorecard and the data behind it, as small tables for charts and widgets.

Every roll-up is recomputed from counts: ratios from summed numerators and denominators, means
weighted by ``n``; percentiles and snapshots, which cannot be combined, take the worst status.
Rates are percent (0-100).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxkit.charter.model import Charter
from cxkit.data.tables import as_tables
from cxkit.measure.metrics import service_level
from cxkit.measure.scorecard import check_target, status_of, summary
from cxkit.measure.ticket_rows import done_at

__all__ = [
    "local_naive",
    "async_daily",
    "backlog_profile",
    "bullet_frame",
    "drilldown",
    "sl_profile",
    "weekly_rollup",
]


def local_naive(times: pd.Series) -> pd.Series:
    """Zone-aware times (possibly in several zones, with gaps) as naive local wall-clock times.

    The scorecard holds each channel's periods in its own calendar zone, so a column can mix zones;
    charts and roll-ups want the local date and hour. Missing values stay missing.

    Parameters
    ----------
    times : pandas.Series
        Timestamps (any zones) or missing values.

    Returns
    -------
    pandas.Series
        ``datetime64`` without a zone, aligned with ``times``.

    >>> s = pd.Series([pd.Timestamp("2026-03-02", tz="Europe/Helsinki"), None,
    ...                pd.Timestamp("2026-03-02", tz="America/New_York")], dtype=object)
    >>> local_naive(s).dt.strftime("%Y-%m-%d %H:%M").tolist()
    ['2026-03-02 00:00', nan, '2026-03-02 00:00']
    """
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        return times.dt.tz_localize(None)
    vals = [pd.NaT if v is None or pd.isna(v) else pd.Timestamp(v).tz_localize(None) for v in times]
    return pd.Series(pd.to_datetime(vals), index=times.index)


def weekly_rollup(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Scorecard rows rolled up to one row per target and week, recomputed from counts.

    Daily (or shorter) scorecard rows are combined per Monday-to-Sunday week: ratios from summed
    numerators and denominators, means weighted by ``n``. Metrics that cannot be combined from their
    periods (percentiles, backlog snapshots) take the worst status of the week. Periods without data
    (``no_data``) add nothing to the counts. Columns: ``target_id, period_start, status, actual,
    threshold, unit, n``.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (needs ``target_id, period_start, status, actual,
        numerator, denominator, n, threshold, amber, unit, direction, kind``).

    Returns
    -------
    pandas.DataFrame
        One row per target and week:

        - ``target_id``: the target.
        - ``period_start``: Monday of the week (local date, midnight, no time zone).
        - ``status``: ``met``, ``near``, ``missed`` or ``no_data``, judged on the week's ``actual``
          against the target (the worst daily status where ``actual`` is NaN).
        - ``actual``: the week's value in ``unit`` (percent 0-100 for rates); NaN for metrics whose
          periods cannot be combined and for weeks without data.
        - ``threshold``: the target's threshold, in ``unit``.
        - ``unit``: the metric's unit (``%``, ``s``, ``h``, ``score``, ``points``...).
        - ``n``: observations behind the week, summed over its judged periods (count).

    Examples
    --------
    >>> sc = pd.DataFrame({"target_id": "sl", "unit": "%", "direction": "higher", "kind": "ratio",
    ...     "period_start": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-09"]),
    ...     "status": ["met", "missed", "met"], "actual": [90.0, 60.0, 85.0],
    ...     "numerator": [90.0, 30.0, 85.0], "denominator": [100.0, 50.0, 100.0],
    ...     "n": [100, 50, 100], "threshold": 80.0, "amber": 70.0})
    >>> weekly_rollup(sc)[["period_start", "status", "actual", "n"]]
      period_start status  actual    n
    0   2026-03-02    met    80.0  150
    1   2026-03-09    met    85.0  100
    """
    sc = scorecard.copy()
    local = local_naive(sc.period_start)
    sc["period_start"] = local.dt.normalize() - pd.to_timedelta(local.dt.day_of_week, unit="D")
    judged = sc[sc.status != "no_data"]
    sc["w_num"] = judged.numerator
    sc["w_den"] = judged.denominator
    sc["w_sum"] = judged.actual * judged.n
    sc["w_n"] = judged.n
    rank = sc.status.map({"missed": 3, "near": 2, "met": 1, "no_data": 0})
    sc["rank"] = rank
    g = (
        sc.groupby(["target_id", "period_start"], sort=False)
        .agg(
            num=("w_num", "sum"),
            den=("w_den", "sum"),
            s=("w_sum", "sum"),
            n=("w_n", "sum"),
            worst=("rank", "max"),
            threshold=("threshold", "first"),
            amber=("amber", "first"),
            unit=("unit", "first"),
            direction=("direction", "first"),
            kind=("kind", "first"),
        )
        .reset_index()
    )
    ratio = g.kind.isin(["ratio", "sum_ratio", "nps"]) & (g.den > 0)
    mean = (g.kind == "mean") & (g.n > 0)
    scale = np.where(g.kind.isin(["ratio", "nps"]), 100.0, 1.0)
    g["actual"] = np.where(
        ratio, scale * g.num / g.den.where(ratio), np.where(mean, g.s / g.n.where(mean), np.nan)
    )
    g["status"] = status_of(g.actual, g.threshold, g.amber, g.direction)
    other = ~ratio & ~mean
    g.loc[other, "status"] = g.loc[other, "worst"].map(
        {3: "missed", 2: "near", 1: "met", 0: "no_data"}
    )
    g.loc[other, "actual"] = np.nan
    return g[["target_id", "period_start", "status", "actual", "threshold", "unit", "n"]]


def bullet_frame(scorecard: pd.DataFrame) -> pd.DataFrame:
    """One row per target for ``bullet_chart``: its actual over the whole span against the target.

    ``actual`` is the whole span recomputed from counts (``summary``'s ``overall``: summed counts
    for ratios, ``n``-weighted for means), its status judged against the target; for metrics whose
    periods cannot be combined (percentiles, snapshots) it is the latest judged period's value.
    Targets with no data are left out.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check`.

    Returns
    -------
    pandas.DataFrame
        One row per target that has data, in :func:`cxkit.summary` order:

        - ``target_id``: the target.
        - ``unit``: the metric's unit (``%`` percent 0-100, ``s``, ``h``, ``score``, ``points``...).
        - ``threshold``: the target's threshold, in ``unit``.
        - ``amber``: the edge of the near band, in ``unit`` (NaN when the target has none).
        - ``direction``: ``higher`` or ``lower`` (which way is better).
        - ``actual``: the figure drawn, in ``unit``.
        - ``basis``: ``whole span`` or ``latest period``, saying which figure ``actual`` is.
        - ``status``: ``met``, ``near`` or ``missed`` for ``actual``.

    Examples
    --------
    >>> sc = pd.DataFrame({"target_id": "sl", "unit": "%", "direction": "higher", "kind": "ratio",
    ...     "period_start": pd.to_datetime(["2026-03-02", "2026-03-03"]), "channel": "phone",
    ...     "metric": "service_level", "status": ["met", "missed"], "actual": [90.0, 60.0],
    ...     "numerator": [90.0, 30.0], "denominator": [100.0, 50.0], "n": [100, 50],
    ...     "threshold": 80.0, "amber": 70.0})
    >>> bullet_frame(sc)[["target_id", "actual", "basis", "status"]]
      target_id  actual       basis status
    0        sl    80.0  whole span    met
    """
    s = summary(scorecard)
    last = (
        scorecard[scorecard.status != "no_data"]
        .sort_values("period_start")
        .groupby("target_id")
        .tail(1)
        .set_index("target_id")
    )
    first = scorecard.drop_duplicates("target_id").set_index("target_id")
    out = s[["target_id", "unit", "threshold"]].copy()
    out["amber"] = out.target_id.map(first.amber)
    out["direction"] = out.target_id.map(first.direction)
    overall = s.overall
    out["actual"] = overall.where(
        overall.notna(), out.target_id.map(last.actual)
    )  # no_data periods never count
    out["basis"] = (overall.notna()).map({True: "whole span", False: "latest period"})
    out["status"] = status_of(out.actual, out.threshold, out.amber, out.direction)
    return out.dropna(subset=["actual"]).reset_index(drop=True)


def sl_profile(
    contacts: pd.DataFrame,
    *,
    channel: str,
    threshold_s: float,
    target_pct: float,
    variant: str = "offered",
    interval_min: int = 30,
) -> pd.DataFrame:
    """Service level of one channel by time of day and by weekday, from counts.

    Columns: ``dimension, key, answered_within, offered, service_level_pct, ci_low_pct, ci_high_pct,
    target_pct``. Times are the clock times of ``arrival`` in its own zone (local time).

    Parameters
    ----------
    contacts : pandas.DataFrame or LoadResult
        The contact log (``channel``, ``arrival``, ``outcome``, ``wait_s``...), or the
        ``LoadResult`` holding it.
    channel : str
        The channel to profile (a value of ``contacts.channel``).
    threshold_s : float
        The time limit T in seconds.
    target_pct : float
        The target service level, percent (0-100); copied into ``target_pct`` for the chart.
    variant : str
        The service-level variant (the denominator), ``offered`` by default; see
        ``cx.get_metric("service_level").options["variant"]``.
    interval_min : int
        Length of the time-of-day intervals, minutes.

    Returns
    -------
    pandas.DataFrame
        Rows for each interval of the day with contacts, then each weekday with contacts:

        - ``dimension``: ``time_of_day`` or ``weekday``.
        - ``key``: interval start as ``HH:MM`` (local time), or ``Mon`` ... ``Sun``.
        - ``answered_within``: contacts answered within T (the variant's numerator; count).
        - ``offered``: contacts in the variant's denominator (count).
        - ``service_level_pct``: ``answered_within / offered``, percent (0-100).
        - ``ci_low_pct``, ``ci_high_pct``: Wilson 95 % interval, percent (0-100).
        - ``target_pct``: ``target_pct``, percent (0-100), the same on every row.
    """
    contacts = getattr(contacts, "data", contacts)  # a LoadResult or its DataFrame
    c = contacts[contacts.channel == channel].copy()
    local = c.arrival.dt.tz_localize(None)
    c["time_of_day"] = local.dt.floor(f"{interval_min}min").dt.strftime("%H:%M")
    c["weekday"] = local.dt.day_name().str[:3]
    out = []
    for dim in ("time_of_day", "weekday"):
        g = service_level(c, threshold_s=threshold_s, variant=variant, by=(dim,))
        out.append(
            pd.DataFrame(
                {
                    "dimension": dim,
                    "key": g[dim],
                    "answered_within": g.answered_within,
                    "offered": g.offered,
                    "service_level_pct": g.service_level_pct,
                    "ci_low_pct": g.ci_low_pct,
                    "ci_high_pct": g.ci_high_pct,
                }
            )
        )
    df = pd.concat(out, ignore_index=True)
    df["target_pct"] = target_pct
    return df


def drilldown(
    contacts: pd.DataFrame,
    *,
    channel: str,
    day: pd.Timestamp,
    threshold_s: float,
    target_pct: float,
    variant: str = "offered",
    interval_min: int = 30,
) -> pd.DataFrame:
    """Service level per interval and queue of one day, with each interval's shortfall.

    For a missed day: service level per interval and queue of that day, from counts, with the
    shortfall each interval contributes (contacts that would have had to be answered within T).

    Parameters
    ----------
    contacts : pandas.DataFrame or LoadResult
        The contact log (``channel``, ``arrival``, ``outcome``, ``wait_s``, optionally ``queue``),
        or the ``LoadResult`` holding it.
    channel : str
        The channel to drill into.
    day : pandas.Timestamp
        Any time on the day (its local calendar date is used; a zone, if any, is dropped without
        conversion).
    threshold_s : float
        The time limit T in seconds.
    target_pct : float
        The target service level, percent (0-100).
    variant : str
        The service-level variant (the denominator), ``offered`` by default.
    interval_min : int
        Length of an interval in minutes (15, 30 or 60).

    Returns
    -------
    pandas.DataFrame
        One row per interval (and queue, when ``contacts`` has a ``queue`` column) with contacts:

        - ``period_start``: start of the interval (local time, with the data's zone).
        - ``queue``: the queue (only when ``contacts`` has that column).
        - ``answered_within``: contacts answered within T (the variant's numerator; count).
        - ``offered``: contacts in the variant's denominator (count).
        - ``n``: contacts behind the figure (count).
        - ``service_level_pct``: percent (0-100).
        - ``ci_low_pct``, ``ci_high_pct``: Wilson 95 % interval, percent (0-100).
        - ``shortfall``: ``target_pct / 100 * offered - answered_within``, at least 0: contacts
          that would have had to be answered within T for the interval to meet the target.
        - ``target_pct``: ``target_pct``, percent (0-100), the same on every row.
    """
    contacts = getattr(contacts, "data", contacts)  # a LoadResult or its DataFrame
    c = contacts[
        (contacts.channel == channel)
        & (
            contacts.arrival.dt.tz_localize(None).dt.normalize()
            == pd.Timestamp(day).tz_localize(None).normalize()
        )
    ]
    g = service_level(
        c,
        threshold_s=threshold_s,
        variant=variant,
        by=("interval", *(["queue"] if "queue" in c else [])),
        interval_min=interval_min,
    )
    g["shortfall"] = (target_pct / 100 * g.offered - g.answered_within).clip(lower=0)
    g["target_pct"] = target_pct
    return g


def async_daily(charter: Charter, data: Any, target_id: str) -> pd.DataFrame:
    """Why an asynchronous response target is missed, day by day.

    Columns: ``day, created, replied, open_end, responded_within, judged, response_sl_pct,
    threshold_pct, arrivals_per_day``.

    ``responded_within / judged`` is the target's own metric (its definition, business hours and calendar)
    for the items *created* that day; ``replied`` counts first replies sent that day and ``open_end`` the
    items still waiting for a first reply at the end of the day (local time). ``open_end`` follows from
    counts: created up to the day end minus replied up to the day end, so the backlog adds up.

    Parameters
    ----------
    charter : Charter
        The charter holding the target.
    data : mapping, LoadResult, DataFrame or folder
        Anything :func:`cxkit.as_tables` accepts, with a ``tickets`` table.
    target_id : str
        A ``response_service_level`` target of the charter; raises ``ValueError`` for a target of
        another metric.

    Returns
    -------
    pandas.DataFrame
        One row per day of the target's daily scorecard (the target recomputed with
        ``period="day"``):

        - ``day``: the local calendar date (midnight, no time zone).
        - ``created``: items of the channel created that day (count).
        - ``replied``: first replies sent that day (count).
        - ``open_end``: items waiting for a first reply at the end of the day (count).
        - ``responded_within``: items created that day answered within T (the metric's numerator;
          count).
        - ``judged``: items created that day that the metric judges (its denominator; count).
        - ``response_sl_pct``: ``responded_within / judged``, percent (0-100); NaN on days with
          nothing judged.
        - ``threshold_pct``: the target's threshold, percent (0-100).
        - ``arrivals_per_day``: mean of ``created`` over the days shown (items per day).
    """
    found = [cid for cid, _, tg in charter.iter_targets() if tg.id == target_id]
    if not found:
        ids = ", ".join(tg.id for _, _, tg in charter.iter_targets())
        raise ValueError(f"no target {target_id!r} in the charter; its targets are: {ids}")
    channel = found[0]
    target = charter.target(target_id)
    if target.metric != "response_service_level":
        raise ValueError(
            f"{target_id} measures {target.metric}; async_daily needs a response_service_level target"
        )
    tables = as_tables(data)
    daily = check_target(charter, channel, target.model_copy(update={"period": "day"}), tables)
    tk = tables["tickets"]
    tk = tk[tk.channel == channel]
    tz = daily.period_start.dt.tz
    created = tk.created.dt.tz_convert(tz).dt.tz_localize(None).sort_values().to_numpy()
    replied = (
        tk.first_reply.dropna().dt.tz_convert(tz).dt.tz_localize(None).sort_values().to_numpy()
    )
    starts = daily.period_start.dt.tz_localize(None).to_numpy()
    ends = daily.period_end.dt.tz_localize(None).to_numpy()
    c_end, c_start = (
        np.searchsorted(created, ends, "left"),
        np.searchsorted(created, starts, "left"),
    )
    r_end, r_start = (
        np.searchsorted(replied, ends, "left"),
        np.searchsorted(replied, starts, "left"),
    )
    out = pd.DataFrame(
        {
            "day": daily.period_start.dt.tz_localize(None).to_numpy(),
            "created": c_end - c_start,
            "replied": r_end - r_start,
            "open_end": c_end - r_end,
            "responded_within": daily.numerator.fillna(0).astype(int).to_numpy(),
            "judged": daily.denominator.fillna(0).astype(int).to_numpy(),
            "response_sl_pct": daily.actual.to_numpy(),
            "threshold_pct": target.threshold,
        }
    )
    out["arrivals_per_day"] = out.created.mean()
    return out


def backlog_profile(
    tickets: Any,
    *,
    as_of: pd.Timestamp | str | None = None,
    channel: str | None = None,
    bands_d: tuple[float, ...] = (1, 3, 5),
) -> pd.DataFrame:
    """Open items at a moment by age: how old the backlog is, not only how big.

    Parameters
    ----------
    tickets : DataFrame or LoadResult
        The tickets table (``created``, ``solved``; ``closed`` counts as done when there is no solve).
    as_of : Timestamp or str, optional
        The moment (zone-aware, or in the data's zone); default: the data's last moment.
    channel : str, optional
        Keep one channel.
    bands_d : tuple of float
        Band edges in days (calendar days); default 0-1, 1-3, 3-5 and over 5 days as in metrics.md.

    Returns
    -------
    pandas.DataFrame
        One row per band: ``band`` (e.g. ``1-3 d``), ``open_items`` (items) and ``share_pct`` (percent of
        the open items), plus ``as_of`` (the moment).

    >>> t0 = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> tk = pd.DataFrame({"created": [t0 - pd.Timedelta(days=d) for d in (0.5, 2, 4, 9)]})
    >>> tk["solved"] = pd.Series(pd.NaT, index=tk.index, dtype="datetime64[ns, UTC]")
    >>> backlog_profile(tk, as_of=t0).open_items.tolist()
    [1, 1, 1, 1]
    """
    tk = getattr(tickets, "data", tickets)
    if channel is not None:
        tk = tk[tk.channel == channel]
    done = done_at(tk)
    tz = tk["created"].dt.tz
    if as_of is None:
        at = max(tk["created"].max(), done.max()) if done.notna().any() else tk["created"].max()
    else:
        at = pd.Timestamp(as_of)
        at = at.tz_localize(tz) if at.tz is None else at
    open_ = (tk["created"] <= at) & (done.isna() | (done > at))
    age_d = (at - tk.loc[open_, "created"]).dt.total_seconds() / 86400
    edges = [0.0, *bands_d, float("inf")]
    labels = [f"{lo:g}-{hi:g} d" for lo, hi in zip(edges[:-2], edges[1:-1], strict=True)]
    labels.append(f"over {edges[-2]:g} d")
    counts = (
        pd.cut(age_d, edges, labels=labels, right=False)
        .value_counts()
        .reindex(labels, fill_value=0)
    )
    out = pd.DataFrame({"band": labels, "open_items": counts.to_numpy().astype(int)})
    total = out.open_items.sum()
    out["share_pct"] = 100 * out.open_items / total if total else np.nan
    out["as_of"] = at
    return out
