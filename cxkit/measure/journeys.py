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

from cxkit.errors import MissingDataError
from cxkit.measure.engine import RowContext, Rows, base_rows, rows_for

__all__ = ["journey_frame"]


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
        (``contacts`` or ``tickets``).
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
