"""Cross-channel journeys: every contact and ticket of a customer in time order, and the resolution
metrics that read them (FCR, repeat contacts, chasers, failure demand).

A repeat is a contact by the same customer within the window W after a handled contact; a chaser
is a contact in another channel while the customer's previous contact was still unanswered (or
answered but not resolved).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.measure.engine import RowContext, Rows, base_rows, rows_for
from cxkit.stats import wilson

__all__ = ["failure_demand_cost", "journey_frame", "journey_table", "linked_journeys"]


def _reason(df: pd.DataFrame, cols: tuple[str, ...]) -> pd.Series:
    """The contact reason: the first of ``cols`` the table has (a queue or group stands in for a
    reason when the export has none), else missing."""
    for col in cols:
        if col in df.columns:
            return df[col].astype("string")
    return pd.Series(pd.NA, index=df.index, dtype="string")


def _contact_stream(c: pd.DataFrame) -> pd.DataFrame:
    cc = c[c.outcome.isin(["answered", "abandoned", "flowout"]) & c.customer.notna()]
    handle = cc[[x for x in ("talk_s", "hold_s", "acw_s") if x in cc.columns]].sum(
        axis=1, min_count=1
    )
    answered = cc.outcome.eq("answered")
    return pd.DataFrame(
        {
            "time": cc.arrival,
            "channel": cc.channel,
            "customer": cc.customer,
            "answered": answered,
            "answered_at": cc["answered_at"] if "answered_at" in cc else cc.arrival.where(answered),
            "resolved": cc["resolved"].astype("boolean") if "resolved" in cc else pd.NA,
            "handle_s": handle.fillna(0.0),
            "agent": cc.get("agent"),
            "source": "contacts",
            "id": cc.get("contact_id", pd.NA),
            "reason": _reason(cc, ("reason", "queue")),
        }
    )


def _ticket_stream(t: pd.DataFrame) -> pd.DataFrame:
    tt = t[t.customer.notna()]
    handle = tt.get("handle_s", pd.Series(0.0, index=tt.index)).astype(float).fillna(0.0)
    return pd.DataFrame(
        {
            "time": tt.created,
            "channel": tt.channel,
            "customer": tt.customer,
            "answered": tt["first_reply"].notna() if "first_reply" in tt else False,
            "answered_at": tt.get("first_reply", pd.NaT),
            "resolved": tt["solved"].notna() if "solved" in tt else pd.NA,
            "handle_s": handle,
            "agent": tt.get("agent"),
            "source": "tickets",
            "id": tt.get("ticket_id", pd.NA),
            "reason": _reason(tt, ("reason", "group")),
        }
    )


def journey_frame(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """All contacts of all channels in one stream, sorted by customer and time.

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets`` with a ``customer`` key. Customers without a key cannot be
        linked and are left out; contacts that never reached the queue (self_service) too.

    Returns
    -------
    pandas.DataFrame
        ``time`` (UTC), ``channel``, ``customer``, ``answered`` (bool), ``answered_at`` (UTC),
        ``resolved`` (bool or missing), ``handle_s`` (seconds), ``agent``, ``source``
        (``contacts`` or ``tickets``), ``id`` (the ``contact_id`` or ``ticket_id``) and ``reason``
        (the ``reason`` column, else the queue of a contact or the group of a ticket, else missing).
    """
    tables = data
    parts = []
    c = tables.get("contacts")
    if c is not None and "customer" in c.columns:
        parts.append(_contact_stream(c))
    t = tables.get("tickets")
    if t is not None and "customer" in t.columns:
        parts.append(_ticket_stream(t))
    if not parts:
        raise MissingDataError("journeys need contacts or tickets with a customer key")
    j = pd.concat(parts, ignore_index=True)
    j["time"] = j["time"].dt.tz_convert("UTC")
    j["answered_at"] = pd.to_datetime(j["answered_at"], utc=True)
    # sort by customer, then time: integer codes of the keys sort far faster than the strings
    codes, _ = pd.factorize(j["customer"], sort=True)
    order = np.lexsort((pd.DatetimeIndex(j["time"]).asi8, codes))
    return j.take(order).reset_index(drop=True)


def _linked(ctx: RowContext) -> pd.DataFrame:
    """The journey frame with ``repeated``, ``is_repeat``, ``chase`` and ``caused_chase`` per contact."""
    data = ctx.data
    j = data["journeys"] if isinstance(data.get("journeys"), pd.DataFrame) else journey_frame(data)
    opts = ctx.options
    window = pd.Timedelta(days=float(opts["window_days"]))
    same_channel = opts.get("scope", "any_channel") == "same_channel"
    key = ["customer", "channel"] if same_channel else ["customer"]
    js = j.sort_values([*key, "time"], kind="stable") if same_channel else j  # j: by customer, time
    nxt = js.groupby(key, sort=False)["time"].shift(-1)
    prev_t = js.groupby(key, sort=False)["time"].shift(1)
    js = js.assign(repeated=(nxt - js.time) <= window, is_repeat=(js.time - prev_t) <= window)
    # chasers: a contact within W of the same customer's previous contact, which was in another
    # channel and was still unanswered at the moment of this one, or was answered but not resolved
    g = j.groupby("customer", sort=False)
    p_ch, p_t = g["channel"].shift(1), g["time"].shift(1)
    p_ans_at, p_res = g["answered_at"].shift(1), g["resolved"].shift(1)
    unanswered_then = p_ans_at.isna() | (p_ans_at > j.time)
    chase = ((j.time - p_t) <= window) & (p_ch != j.channel) & (unanswered_then | (p_res == False))  # noqa: E712
    from_ch = opts.get("from_channel", "any")
    if from_ch != "any":
        chase &= p_ch == from_ch
    chase = chase.fillna(False).astype(bool)
    # the same event seen from the first contact: it caused a chase
    caused = chase.groupby(j.customer, sort=False).shift(-1).fillna(False).astype(bool)
    js = js.join(pd.DataFrame({"chase": chase, "caused_chase": caused}))
    # censoring: near the data's end a contact cannot show a repeat yet; near its start one cannot be
    # seen to repeat an earlier contact (that contact is outside the data)
    end = pd.Timestamp(ctx.as_of).tz_convert("UTC") if ctx.as_of is not None else j.time.max()
    js = js.assign(late=js.time > end - window, early=js.time < j.time.min() + window)
    if ctx.channel is not None:
        js = js[js.channel == ctx.channel]
    return js


def _censored(ctx: RowContext, js: pd.DataFrame, edge: str) -> tuple[pd.Series, str]:
    """Rows that stay, and the words for the definition. ``edge``: ``late`` (a measure that looks
    forward, such as a repeat) or ``early`` (one that looks back, such as a chase)."""
    w = ctx.options["window_days"]
    where = "before the data's end" if edge == "late" else "after the data's start"
    if ctx.options.get("censor", "exclude") == "include":
        return pd.Series(
            True, index=js.index
        ), f"; contacts within {w:g} days {where} kept (censor: include)"
    return ~js[edge], f"; contacts within {w:g} days {where} excluded (censored)"


def _base(js: pd.DataFrame) -> pd.DataFrame:
    base = js[["time", "channel", "customer"]].copy()
    if "agent" in js:
        base["agent"] = js["agent"]
    return base


def _fcr_flagged(ctx: RowContext) -> Rows:
    c = ctx.need("contacts", ["resolved", "outcome"])
    c = c[c.outcome.eq("answered")]
    rows = base_rows(c, "contacts").assign(num=c.resolved.fillna(False).astype(int), den=1)
    return ctx.rows(rows, "agent-flagged resolved / handled", table="contacts")


def _fcr_survey(ctx: RowContext) -> Rows:
    s = ctx.need("surveys", ["fcr_reported"])
    s = s[s.fcr_reported.notna()]
    rows = base_rows(s, "surveys").assign(num=s.fcr_reported.astype(int), den=1)
    return ctx.rows(rows, "customers who said it was resolved / responses", table="surveys")


@rows_for("fcr")
def _fcr(ctx: RowContext) -> Rows:
    variant = ctx.options["variant"]
    if variant == "agent_flag":
        return _fcr_flagged(ctx)
    if variant == "survey":
        return _fcr_survey(ctx)
    js = _linked(ctx)
    keep, note = _censored(ctx, js, "late")
    handled = js.answered.astype(bool) & keep
    scope = "same" if ctx.options.get("scope", "any_channel") == "same_channel" else "any"
    rows = _base(js)[handled].assign(num=(~js.repeated[handled]).astype(int), den=1)
    return ctx.rows(
        rows,
        f"handled contacts with no contact by the same customer within "
        f"{ctx.options['window_days']:g} days ({scope} channel){note}",
    )


@rows_for("repeat_contact_rate")
def _repeats(ctx: RowContext) -> Rows:
    js = _linked(ctx)
    keep, note = _censored(ctx, js, "late")
    handled = js.answered.astype(bool) & keep
    rows = _base(js)[handled].assign(num=js.repeated[handled].astype(int), den=1)
    return ctx.rows(
        rows,
        f"handled contacts followed by another within {ctx.options['window_days']:g} days{note}",
    )


@rows_for("chase_rate")
def _chases(ctx: RowContext) -> Rows:
    js = _linked(ctx)
    w = ctx.options["window_days"]
    from_ch = ctx.options.get("from_channel", "any")
    if from_ch == ctx.channel and ctx.channel is not None:
        # a target on the origin channel: the share of its contacts that made the customer chase elsewhere
        keep, note = _censored(ctx, js, "late")
        return ctx.rows(
            _base(js)[keep].assign(num=js.caused_chase[keep].astype(int), den=1),
            f"{ctx.channel} contacts followed within {w:g} days by a contact in another "
            f"channel while unanswered or unresolved{note}",
        )
    keep, note = _censored(ctx, js, "early")
    where = "another channel" if from_ch == "any" else from_ch
    return ctx.rows(
        _base(js)[keep].assign(num=js.chase[keep].astype(int), den=1),
        f"contacts within {w:g} days after an unanswered or unresolved contact in {where}{note}",
    )


@rows_for("failure_demand")
def _failure_demand(ctx: RowContext) -> Rows:
    js = _linked(ctx)
    keep, note = _censored(ctx, js, "early")
    js = js[keep]
    fd = js.is_repeat.fillna(False) | js.chase
    rows = _base(js).assign(num=fd.astype(int), den=1, hours=np.where(fd, js.handle_s / 3600, 0.0))
    return ctx.rows(
        rows,
        f"contacts that repeat or chase a contact of the last {ctx.options['window_days']:g} days{note}",
    )


# ---------------------------------------------------------------- public views of the linked journeys


def linked_journeys(
    data: Mapping[str, pd.DataFrame],
    *,
    window_days: float = 7,
    scope: str = "any_channel",
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The journey frame with the links between each contact and the customer's next one.

    The same links the ``repeat_contact_rate``, ``chase_rate`` and ``failure_demand`` metrics
    count, so a table built on them agrees with the scorecard.

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets`` with a ``customer`` key (see :func:`journey_frame`).
    window_days : float
        The window W, days.
    scope : {"any_channel", "same_channel"}
        Whether the repeat must come in the same channel.
    as_of : Timestamp, optional
        The end of the data (default: the last contact).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`journey_frame` plus ``repeated`` (bool: the customer came back within
        W), ``is_repeat`` (bool or missing: this contact came within W of the previous one),
        ``chase`` (bool: a contact in another channel while the previous one was unanswered or
        unresolved), ``caused_chase`` (bool), ``late`` (bool: within W of the data's end, so it
        cannot show a repeat yet) and ``early`` (bool: within W of the data's start).

    Examples
    --------
    >>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> c = pd.DataFrame({"contact_id": ["a", "b"], "channel": "phone", "customer": "C1",
    ...                   "arrival": [t, t + pd.Timedelta(days=1)], "outcome": "answered"})
    >>> linked_journeys({"contacts": c}).repeated.tolist()
    [True, False]
    """
    opts = {"window_days": window_days, "scope": scope, "from_channel": "any"}
    return _linked(RowContext("repeat_contact_rate", data, opts, as_of=as_of))


def journey_table(
    data: Mapping[str, pd.DataFrame],
    *,
    window_days: float = 7,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Every contact and ticket of each customer in time order, with what came next.

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets`` with a (pseudonymised) ``customer`` key.
    window_days : float
        The window W for repeats and chasers, days.
    as_of : Timestamp, optional
        The end of the data (default: the last contact).

    Returns
    -------
    pandas.DataFrame
        One row per contact, sorted by customer and time: ``customer``, ``step`` (1 for the
        customer's first contact), ``time`` (UTC), ``channel``, ``reason``, ``agent``, ``id``,
        ``answered`` (bool), ``resolved`` (bool or missing), ``handle_s`` (s), ``next_channel``,
        ``gap_to_next_h`` (hours to the customer's next contact; missing for the last),
        ``next_is_repeat`` (bool: the next contact came within W), ``next_is_chase`` (bool: it
        chased this one in another channel), ``channel_switch`` (bool: the next contact is in
        another channel) and ``censored`` (bool: within W of the data's end, so whether a repeat
        follows is not known yet).

    Examples
    --------
    >>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> c = pd.DataFrame({"contact_id": ["a", "b"], "channel": ["chat", "phone"],
    ...                   "customer": "C1", "arrival": [t, t + pd.Timedelta(hours=3)],
    ...                   "outcome": "answered"})
    >>> journey_table({"contacts": c})[["step", "gap_to_next_h", "channel_switch"]].values.tolist()
    [[1, 3.0, True], [2, nan, False]]
    """
    js = linked_journeys(as_tables(data), window_days=window_days, as_of=as_of)
    g = js.groupby("customer", sort=False)
    nxt_t, nxt_ch = g["time"].shift(-1), g["channel"].shift(-1)
    nxt_chase = g["chase"].shift(-1).fillna(False).astype(bool)
    out = pd.DataFrame(
        {
            "customer": js.customer,
            "step": g.cumcount() + 1,
            "time": js.time,
            "channel": js.channel,
            "reason": js.reason,
            "agent": js.agent,
            "id": js["id"],
            "answered": js.answered.astype(bool),
            "resolved": js.resolved,
            "handle_s": js.handle_s,
            "next_channel": nxt_ch,
            "gap_to_next_h": (nxt_t - js.time).dt.total_seconds() / 3600,
            "next_is_repeat": js.repeated.astype(bool),
            "next_is_chase": nxt_chase,
            "channel_switch": nxt_ch.notna() & (nxt_ch != js.channel),
            "censored": js.late.astype(bool),
        }
    )
    return out.reset_index(drop=True)


def failure_demand_cost(
    data: Mapping[str, pd.DataFrame],
    *,
    cost_per_agent_h: float | None = None,
    window_days: float = 7,
    by: tuple[str, ...] = ("channel", "reason"),
    censor: str = "exclude",
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Failure demand (repeats and chasers) per channel and reason, in contacts, agent hours and money.

    A contact is failure demand when it repeats a contact of the same customer of the last W days
    or chases one (``metrics.md``); its handle time is what it cost. Contacts within W of the
    data's start cannot be seen to repeat anything (their cause is outside the data): they leave
    the count by default (``censor="include"`` keeps them and the figures say less).

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets`` with a ``customer`` key and handle times.
    cost_per_agent_h : float, optional
        What one agent hour costs (loaded wage, in the team's currency); without it the money
        column is missing.
    window_days : float
        The window W, days.
    by : tuple of str
        Columns of the journey frame to group by (``channel``, ``reason``, ``agent``, ``source``).
    censor : {"exclude", "include"}
        What to do with contacts within W of the data's start.
    as_of : Timestamp, optional
        The end of the data (default: the last contact).

    Returns
    -------
    pandas.DataFrame
        One row per group, largest cost first: the ``by`` columns, ``contacts`` (counted),
        ``repeats``, ``chases`` and ``failure`` (repeats or chases; a contact that is both counts
        once), ``failure_pct`` (percent of contacts), ``ci_low_pct``, ``ci_high_pct`` (Wilson 95 %),
        ``handle_h`` (agent hours of all contacts), ``failure_agent_h`` (agent hours of the failure
        demand) and ``failure_cost`` (``failure_agent_h`` x ``cost_per_agent_h``, currency).

    Examples
    --------
    >>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> c = pd.DataFrame({"contact_id": ["a", "b"], "channel": "phone", "customer": "C1",
    ...                   "arrival": [t, t + pd.Timedelta(days=1)], "outcome": "answered",
    ...                   "talk_s": [360.0, 720.0]})
    >>> f = failure_demand_cost({"contacts": c}, cost_per_agent_h=40, by=("channel",),
    ...                         censor="include")
    >>> f[["failure", "failure_agent_h", "failure_cost"]].values.tolist()
    [[1.0, 0.2, 8.0]]
    """
    if censor not in ("exclude", "include"):
        raise ValueError(f"censor must be 'exclude' or 'include', not {censor!r}")
    js = linked_journeys(as_tables(data), window_days=window_days, as_of=as_of)
    if censor == "exclude":
        js = js[~js.early]
    rep = js.is_repeat.fillna(False).astype(bool)
    fd = rep | js.chase
    keys = list(by)
    frame = js[keys].copy()
    for k in keys:  # a missing reason is a group of its own, not a dropped row
        frame[k] = frame[k].astype("string").fillna("(none)")
    frame = frame.assign(
        contacts=1,
        repeats=rep.astype(int),
        chases=js.chase.astype(int),
        failure=fd.astype(int),
        handle_h=js.handle_s / 3600,
        failure_agent_h=np.where(fd, js.handle_s / 3600, 0.0),
    )
    out = frame.groupby(keys, sort=True, dropna=False).sum(numeric_only=True).reset_index()
    out[["contacts", "repeats", "chases", "failure"]] = out[
        ["contacts", "repeats", "chases", "failure"]
    ].astype(float)
    lo, hi = wilson(out.failure.to_numpy(), out.contacts.to_numpy())
    out["failure_pct"] = 100 * out.failure / out.contacts
    out["ci_low_pct"], out["ci_high_pct"] = 100 * lo, 100 * hi
    out["failure_cost"] = (
        out.failure_agent_h * cost_per_agent_h if cost_per_agent_h is not None else np.nan
    )
    cols = [*keys, "contacts", "repeats", "chases", "failure", "failure_pct", "ci_low_pct"]
    cols += ["ci_high_pct", "handle_h", "failure_agent_h", "failure_cost"]
    return (
        out[cols]
        .sort_values("failure_agent_h", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
