"""Row builders of the asynchronous channels' metrics (email, web form, social, messaging).

Clocks run in calendar hours or, with ``business_hours``, in the channel calendar's open hours
(weekly hours, public holidays, time zone with DST); see :mod:`cxkit.charter.calendar`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Calendar
from cxkit.errors import MissingDataError
from cxkit.measure.engine import RowContext, Rows, base_rows, rows_for

__all__ = ["done_at", "hours_between"]


def done_at(tickets: pd.DataFrame) -> pd.Series:
    """When each item stopped being open: its solve time, or its close time when it was closed
    without a solve (such an item is no longer in the backlog).

    Parameters
    ----------
    tickets : pandas.DataFrame
        ``solved`` and optionally ``closed``.

    Returns
    -------
    pandas.Series
        Zone-aware times, missing for items still open.
    """
    return (
        tickets["solved"].fillna(tickets["closed"])
        if "closed" in tickets.columns
        else tickets["solved"]
    )


def hours_between(
    start: pd.Series, end: pd.Series, *, business: bool, calendar: Calendar | None
) -> pd.Series:
    """Hours from ``start`` to ``end``: business hours of ``calendar`` or calendar hours.

    Raises :class:`MissingDataError` when business hours are asked for without a calendar.
    """
    if business:
        if calendar is None:
            raise MissingDataError(
                "business hours need the channel calendar; pass calendar= or set business_hours=False"
            )
        return business_seconds_between(start, end, calendar) / 3600
    return (end - start).dt.total_seconds() / 3600


def _clock(ctx: RowContext) -> tuple[bool, str]:
    business = bool(ctx.options.get("business_hours", False))
    return business, "business" if business else "calendar"


def _statistic(ctx: RowContext, rows: pd.DataFrame, definition: str) -> Rows:
    stat = ctx.options.get("statistic", "mean")
    if stat == "mean":
        return ctx.rows(rows, f"mean {definition}", kind="mean")
    q = 0.5 if stat == "median" else 0.9
    return ctx.rows(rows, f"{stat} {definition}", kind="quantile", q=q)


@rows_for("first_response_time")
def _first_response(ctx: RowContext) -> Rows:
    tk = ctx.need(
        "tickets", ["created", "first_reply"], " This system's export has no first-reply time."
    )
    business, clock = _clock(ctx)
    h = hours_between(tk["created"], tk["first_reply"], business=business, calendar=ctx.calendar)
    ok = h.notna()
    rows = base_rows(tk, "tickets")[ok].assign(value=h[ok])
    return _statistic(ctx, rows, f"created -> first agent reply, {clock} hours")


def _solved_at(tk: pd.DataFrame, which: str) -> tuple[pd.Series, str]:
    """The solve time ``which`` asks for (``first`` or ``total``), and the words for the definition."""
    if which == "total":
        return tk["solved"], "-> last solve"
    if "first_solved" in tk.columns:
        return tk["first_solved"].fillna(tk["solved"]), "-> first solve"
    # no first-solve time: reopened items count to their last solve (dropping them would flatter the
    # figure, they are the slow ones), and the definition says so
    return tk[
        "solved"
    ], "-> solve (no first-solve time in the export: reopened items count to their last)"


@rows_for("resolution_time")
def _resolution(ctx: RowContext) -> Rows:
    tk = ctx.need("tickets", ["created", "solved"])
    business, clock = _clock(ctx)
    solved, which = _solved_at(tk, ctx.options.get("which", "first"))
    h = hours_between(tk["created"], solved, business=business, calendar=ctx.calendar)
    paused = bool(ctx.options.get("pause_statuses")) and "paused_s" in tk.columns
    if paused:
        h = h - tk["paused_s"].fillna(0) / 3600
    ok = h.notna()
    rows = base_rows(tk, "tickets")[ok].assign(value=h[ok].clip(lower=0))
    return _statistic(
        ctx, rows, f"created {which}, {clock} hours" + (", paused time removed" if paused else "")
    )


def _data_end(tk: pd.DataFrame, as_of: Any) -> pd.Timestamp:
    if as_of is not None:
        return pd.Timestamp(as_of)
    return max(tk["created"].max(), tk.get("first_reply", tk["created"]).max())


@rows_for("response_service_level")
def _response_sl(ctx: RowContext) -> Rows:
    if ctx.within_s is None:
        raise ValueError("response_service_level needs within_h (the threshold T in hours)")
    tk = ctx.need("tickets", ["created", "first_reply"])
    business, clock = _clock(ctx)
    end = _data_end(tk, ctx.as_of)
    if ctx.options.get("visibility", "all") != "all" and "visibility" in tk.columns:
        tk = tk[tk["visibility"] == ctx.options["visibility"]]
    replied = tk["first_reply"].notna()
    took_s = 3600 * hours_between(
        tk["created"],
        tk["first_reply"].where(replied, end),
        business=business,
        calendar=ctx.calendar,
    )
    lt = ctx.options.get("comparison", "<=") != "<="
    within = took_s < ctx.within_s if lt else took_s <= ctx.within_s
    # unanswered items past T are misses; unanswered items younger than T are not yet judged
    den = replied | (~replied & ~within)
    rows = base_rows(tk, "tickets").assign(num=(replied & within).astype(int), den=den.astype(int))
    return ctx.rows(
        rows,
        f"responded within {ctx.within_s / 3600:g} {clock} h; open items younger than T excluded",
    )


@rows_for("social_response_rate")
def _social_response(ctx: RowContext) -> Rows:
    tk = ctx.need("tickets", ["created", "first_reply", "visibility"])
    keep = tk["visibility"] == ctx.options["visibility"]
    num = tk.loc[keep, "first_reply"].notna().astype(int)
    rows = base_rows(tk, "tickets")[keep].assign(num=num, den=1)
    return ctx.rows(rows, f"{ctx.options['visibility']} items replied / items")


@rows_for("backlog_age")
def _backlog(ctx: RowContext) -> Rows:
    tk = ctx.need("tickets", ["created", "solved"])
    _, clock = _clock(ctx)
    rows = tk[["created", *[c for c in ("channel",) if c in tk.columns]]].rename(
        columns={"created": "time"}
    )
    rows["solved"] = done_at(tk)
    return ctx.rows(rows, f"age of the oldest open item at the period end, {clock} hours")
