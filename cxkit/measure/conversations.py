"""Conversations (messaging, social): reply waits per customer message run, and per-conversation facts.

A conversation is a thread of messages by the customer, agents and bots (the ``conversations``
contract). **Next reply time** is measured for every customer message, or run of customer messages
with no service reply between them, from the run's first message to the next agent reply; bot
replies do not count (and do not end the run) unless ``include_bots``. The first run's wait is the
conversation's **first response time**. Clocks run in calendar hours or in the charter calendar's
business hours (:func:`cxkit.business_seconds_between`).

>>> t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> m = pd.DataFrame({
...     "conversation_id": ["c1"] * 4, "message_id": list("abcd"), "channel": "social",
...     "author_role": ["customer", "customer", "bot", "agent"],
...     "sent_at": [t, t + pd.Timedelta("10min"), t + pd.Timedelta("11min"), t + pd.Timedelta("1h")]})
>>> w = reply_waits(m)
>>> w[["messages", "reply_h", "first"]].values.tolist()
[[2, 1.0, True]]
>>> reply_waits(m, include_bots=True).reply_h.round(3).tolist()
[0.183]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxkit.charter.model import Calendar
from cxkit.measure.engine import RowContext, Rows, need, rows_for
from cxkit.measure.ticket_rows import hours_between

__all__ = ["conversation_table", "reply_waits"]

_NEEDED = ["conversation_id", "message_id", "author_role", "sent_at"]
#: Columns carried from a conversation's messages to its runs (when the table has them).
_KEEP = ("channel", "brand", "priority", "segment", "queue")


def _ordered(messages: pd.DataFrame, include_bots: bool) -> pd.DataFrame:
    m = need(messages, _NEEDED, "conversations", "conversation metrics")
    roles = {"customer", "agent", "bot"} if include_bots else {"customer", "agent"}
    keep = m["author_role"].isin(roles)
    if "internal" in m.columns:  # internal notes are never replies
        keep &= ~m["internal"].fillna(False).astype(bool)
    m = m[keep]
    m = m.assign(_order=np.arange(len(m)))
    # time order within each conversation; messages sent in the same second keep the file's order
    return m.sort_values(["conversation_id", "sent_at", "_order"], kind="stable").reset_index(
        drop=True
    )


def reply_waits(
    conversations: pd.DataFrame,
    *,
    include_bots: bool = False,
    business_hours: bool = False,
    calendar: Calendar | None = None,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per customer message run and the wait for the next service reply.

    Parameters
    ----------
    conversations : pandas.DataFrame
        Messages of the ``conversations`` contract: ``conversation_id, message_id, author_role``
        (customer, agent, bot), ``sent_at`` (zone-aware); optionally ``channel, brand, visibility,
        priority, agent`` and ``internal`` (internal notes are never replies).
    include_bots : bool
        Count bot messages as replies (by default they are ignored: they neither answer the
        customer nor end the run).
    business_hours : bool
        Measure waits in ``calendar``'s open hours instead of calendar hours.
    calendar : Calendar, optional
        The channel calendar (needed with ``business_hours``).
    as_of : Timestamp, optional
        The moment the conversations are judged at: later messages are left out and unanswered
        runs are aged to it (default: the last message in the data).

    Returns
    -------
    pandas.DataFrame
        ``conversation_id``, the kept columns present (``channel``, ``brand``, ``priority``,
        ``segment``, ``queue``), ``visibility`` (of the run's first message, when the table has it),
        ``run_start`` (time of the run's first customer message), ``messages`` (customer messages in
        the run), ``first`` (bool: the conversation's first customer run, whose wait is the first
        response time), ``replied_at`` (the next service reply, NaT when none yet), ``agent`` (who
        replied, when the table names agents), ``reply_visibility`` (public or private, when known),
        ``reply_h`` (hours to the reply, business or calendar; NaN when unanswered) and ``open_h``
        (hours from the run start to the reply or, unanswered, to ``as_of``).
    """
    m = _ordered(conversations, include_bots)
    if as_of is not None:  # judged as things stood at as_of: later messages are not seen yet
        end = pd.Timestamp(as_of)
        m = m[m["sent_at"] <= end].reset_index(drop=True)
    else:
        end = m["sent_at"].max()
    cust = m["author_role"].eq("customer")
    conv = m["conversation_id"]
    new_conv = conv.ne(conv.shift())
    prev_service = (~cust).shift(fill_value=True)
    start = cust & (new_conv | prev_service)
    # every row knows the next service message of its conversation (backward fill within it)
    svc_time = m["sent_at"].where(~cust)
    nxt = svc_time.groupby(conv).bfill()
    idx = pd.Series(np.where(~cust, np.arange(len(m)), np.nan)).groupby(conv).bfill()
    run_no = start.cumsum()
    runs = m[start].copy()
    runs["messages"] = cust.groupby(run_no).sum().reindex(run_no[start]).to_numpy()
    runs["first"] = ~runs.duplicated("conversation_id")
    runs["replied_at"] = nxt[start]
    reply_row = idx[start]
    answered = reply_row.notna()
    picked = m.iloc[reply_row[answered].astype(int).to_numpy()]
    for col, out in (("agent", "agent"), ("visibility", "reply_visibility")):
        if col in m.columns:
            vals = pd.Series(None, index=runs.index, dtype=object)
            vals[answered.to_numpy()] = picked[col].to_numpy()
            runs[out] = vals
    runs = runs.rename(columns={"sent_at": "run_start"})
    runs["reply_h"] = hours_between(
        runs["run_start"], runs["replied_at"], business=business_hours, calendar=calendar
    )
    runs["open_h"] = hours_between(
        runs["run_start"],
        runs["replied_at"].fillna(end),
        business=business_hours,
        calendar=calendar,
    )
    keep = [c for c in _KEEP if c in runs.columns]
    vis = ["visibility"] if "visibility" in runs.columns else []
    extra = [c for c in ("agent", "reply_visibility") if c in runs.columns]
    cols = ["conversation_id", *keep, *vis, "run_start", "messages", "first", "replied_at"]
    return runs[[*cols, *extra, "reply_h", "open_h"]].reset_index(drop=True)


def conversation_table(
    conversations: pd.DataFrame,
    *,
    include_bots: bool = False,
    business_hours: bool = False,
    calendar: Calendar | None = None,
) -> pd.DataFrame:
    """One row per conversation: when it started, its first response, replies and resolution.

    Parameters
    ----------
    conversations : pandas.DataFrame
        Messages of the ``conversations`` contract (see :func:`reply_waits`); optionally
        ``visibility`` and ``resolved``.
    include_bots : bool
        Count bot messages as replies.
    business_hours : bool
        Measure the first response in ``calendar``'s open hours.
    calendar : Calendar, optional
        The channel calendar (needed with ``business_hours``).

    Returns
    -------
    pandas.DataFrame
        ``conversation_id``, the kept columns present (``channel``, ``brand``, ``priority``...),
        ``started_at`` (first message), ``first_customer_at`` (first customer message; NaT for a
        conversation the service opened and the customer never answered), ``visibility`` (of the
        first customer message, when known), ``customer_messages`` and ``replies`` (agent messages,
        bots too with ``include_bots``; counts), ``first_response_at`` and ``first_response_h``
        (hours to the first reply after the first customer message; NaN when none),
        ``public_reply`` (bool: a public service reply at or after the first customer message,
        when visibility is known) and ``resolved`` (bool, when the table has it: any message of the conversation
        marked resolved).
    """
    m = _ordered(conversations, include_bots)
    g = m.groupby("conversation_id", sort=True)
    cust = m["author_role"].eq("customer")
    out = pd.DataFrame({"started_at": g["sent_at"].min()})
    for col in _KEEP:
        if col in m.columns:
            out[col] = g[col].first()
    out["first_customer_at"] = m[cust].groupby("conversation_id")["sent_at"].min()
    out["customer_messages"] = cust.groupby(m["conversation_id"]).sum()
    out["replies"] = (~cust).groupby(m["conversation_id"]).sum()
    waits = reply_waits(
        m.drop(columns="_order"),
        include_bots=include_bots,
        business_hours=business_hours,
        calendar=calendar,
    )
    first = waits[waits["first"]].set_index("conversation_id")
    if "visibility" in m.columns:
        out["visibility"] = first["visibility"]
        after = m["sent_at"] >= m["conversation_id"].map(out["first_customer_at"])
        pub = (~cust) & m["visibility"].eq("public") & after
        out["public_reply"] = pub.groupby(m["conversation_id"]).any()
    out["first_response_at"] = first["replied_at"]
    out["first_response_h"] = first["reply_h"]
    if "resolved" in m.columns:
        out["resolved"] = (
            m["resolved"].fillna(False).astype(bool).groupby(m["conversation_id"]).any()
        )
    return out.reset_index()


# ----------------------------------------------------------------------------- catalog metrics


def _waits(ctx: RowContext) -> pd.DataFrame:
    msgs = ctx.need("conversations", _NEEDED)
    business = bool(ctx.options.get("business_hours", False))
    return reply_waits(
        msgs,
        include_bots=bool(ctx.options.get("include_bots", False)),
        business_hours=business,
        calendar=ctx.calendar,
        as_of=ctx.as_of,
    )


def _time_rows(df: pd.DataFrame, time_col: str, **values: Any) -> pd.DataFrame:
    groups = ("channel", "queue", "agent", "priority", "segment", "brand", "visibility")
    cols = [c for c in groups if c in df.columns]
    return df[[time_col, *cols]].rename(columns={time_col: "time"}).assign(**values)


def _clock_words(ctx: RowContext) -> str:
    clock = "business" if ctx.options.get("business_hours") else "calendar"
    bots = ", bot replies count" if ctx.options.get("include_bots") else ", bot replies ignored"
    return f"{clock} hours{bots}"


def _statistic(ctx: RowContext, rows: pd.DataFrame, definition: str) -> Rows:
    stat = ctx.options.get("statistic", "mean")
    if stat == "mean":
        return ctx.rows(rows, f"mean {definition}", kind="mean")
    return ctx.rows(
        rows, f"{stat} {definition}", kind="quantile", q=0.5 if stat == "median" else 0.9
    )


@rows_for("next_reply_time")
def _next_reply(ctx: RowContext) -> Rows:
    w = _waits(ctx)
    w = w[w["reply_h"].notna()]
    rows = _time_rows(w, "run_start", value=w["reply_h"])
    return _statistic(ctx, rows, f"customer message run -> next agent reply, {_clock_words(ctx)}")


@rows_for("conversation_first_response_time")
def _first_response(ctx: RowContext) -> Rows:
    w = _waits(ctx)
    w = w[w["first"] & w["reply_h"].notna()]
    rows = _time_rows(w, "run_start", value=w["reply_h"])
    return _statistic(
        ctx, rows, f"first customer message -> first agent reply, {_clock_words(ctx)}"
    )


@rows_for("reply_service_level")
def _reply_sl(ctx: RowContext) -> Rows:
    if ctx.within_s is None:
        raise ValueError("reply_service_level needs within_h (the threshold T in hours)")
    w = _waits(ctx)
    vis = ctx.options.get("visibility", "all")
    if vis != "all":
        if "visibility" not in w.columns:
            raise ValueError(
                f"visibility={vis!r} needs a visibility column (public / private) in the "
                "conversations table"
            )
        w = w[w["visibility"] == vis]
    took_s = 3600 * w["open_h"]
    lt = ctx.options.get("comparison", "<=") == "<"
    within = took_s < ctx.within_s if lt else took_s <= ctx.within_s
    replied = w["reply_h"].notna()
    den = replied | ~within  # unanswered runs younger than T are not judged yet
    rows = _time_rows(w, "run_start", num=(replied & within).astype(int), den=den.astype(int))
    return ctx.rows(
        rows,
        f"{vis} customer message runs replied within {ctx.within_s / 3600:g} h "
        f"({_clock_words(ctx)}); unanswered runs younger than T excluded",
    )


def _conversations(ctx: RowContext) -> pd.DataFrame:
    msgs = ctx.need("conversations", _NEEDED)
    return conversation_table(msgs, include_bots=bool(ctx.options.get("include_bots", False)))


@rows_for("public_response_rate")
def _public_response(ctx: RowContext) -> Rows:
    c = _conversations(ctx)
    if "visibility" not in c.columns:
        raise ValueError(
            "public_response_rate needs a visibility column (public / private) in the "
            "conversations table"
        )
    c = c[c["visibility"].eq("public")]
    rows = _time_rows(c, "first_customer_at", num=c["public_reply"].astype(int), den=1)
    return ctx.rows(rows, "public conversations with a public agent reply / public conversations")


@rows_for("replies_per_conversation")
def _replies(ctx: RowContext) -> Rows:
    c = _conversations(ctx)
    c = c[c["first_customer_at"].notna()]
    rows = _time_rows(c, "first_customer_at", value=c["replies"].astype(float))
    return ctx.rows(rows, "mean agent replies per conversation a customer started or answered")


@rows_for("conversation_resolution_rate")
def _resolution(ctx: RowContext) -> Rows:
    msgs = ctx.need("conversations", [*_NEEDED, "resolved"])
    c = conversation_table(msgs)
    rows = _time_rows(c, "started_at", num=c["resolved"].astype(int), den=1)
    return ctx.rows(rows, "conversations marked resolved / conversations")
