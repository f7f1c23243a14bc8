"""Every metric of the catalog, computed from counts so that any grouping is exact.

Each metric first builds **rows**: one per contact (ticket, response, evaluation) with a numerator
and denominator flag (rates), a value (means, percentiles) or a score (NPS). :func:`aggregate` then
sums counts per group, so a month's ratio is always the ratio of its days' summed counts, and
intervals come from the counts (Wilson), the values (t) or the NPS standard error.

>>> import pandas as pd
>>> t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> c = pd.DataFrame({"contact_id": list("abcde"), "channel": "phone", "arrival": t,
...                   "outcome": ["answered", "answered", "answered", "abandoned", "abandoned"],
...                   "wait_s": [5.0, 20.0, 40.0, 3.0, 60.0]})
>>> sl = service_level(c, threshold_s=20, variant="offered", by=("channel",))
>>> sl[["offered", "answered_within", "service_level"]].values.tolist()
[[5.0, 2.0, 0.4]]
>>> compare_variants(c, threshold_s=20).set_index("variant").value.round(3).to_dict()
{'offered': 0.4, 'answered': 0.667, 'ignore_abandons_within_T': 0.5, 'ignore_short_abandons': 0.5, 'positive_abandon': 0.6, 'removed_from_queue': 0.6}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Calendar
from cxkit.errors import MissingDataError
from cxkit.stats import nps_interval, t_interval, wilson

SL_VARIANTS = (
    "offered",
    "answered",
    "ignore_abandons_within_T",
    "ignore_short_abandons",
    "positive_abandon",
    "removed_from_queue",
)
PERIODS = ("interval", "day", "week", "month", "quarter")
TIME_COL = {
    "contacts": "arrival",
    "tickets": "created",
    "surveys": "responded_at",
    "evaluations": "evaluated_at",
    "intervals": "interval_start",
}


@dataclass
class Rows:
    """Per-row inputs of a metric. ``kind`` is ratio | mean | quantile | max | nps | snapshot."""

    frame: pd.DataFrame  # time, channel, group columns, then num/den or value
    kind: str
    table: str
    q: float | None = None
    definition: str = ""


# ----------------------------------------------------------------------------- helpers


def _need(
    df: pd.DataFrame | None, cols: Sequence[str], table: str, metric: str, hint: str = ""
) -> pd.DataFrame:
    if df is None or len(df.columns) == 0:
        raise MissingDataError(
            f"{metric} needs a {table} table; load one with cxkit.load(...).{hint}"
        )
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise MissingDataError(
            f"{metric} needs column(s) {missing} in the {table} table; it has "
            f"{[c for c in df.columns][:15]}.{hint}"
        )
    return df


def add_period(
    df: pd.DataFrame, period: str, *, time_col: str, interval_min: int = 30, tz: str | None = None
) -> pd.DataFrame:
    """Add ``period_start`` and ``period_end`` (local time of ``tz`` or the data's own zone)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    t = df[time_col]
    if tz is not None:
        t = t.dt.tz_convert(tz)
    out = df.copy()
    if period == "interval":
        start = t.dt.floor(f"{interval_min}min", ambiguous="NaT", nonexistent="shift_forward")
        end = start + pd.Timedelta(minutes=interval_min)
    else:
        # a year has a few hundred periods: find each row's naive local period start, then localise and
        # step each distinct start once instead of every row
        local = t.dt.tz_localize(None)
        day = local.dt.normalize()
        if period == "day":
            s = day
        elif period == "week":
            s = day - pd.to_timedelta(local.dt.day_of_week, unit="D")
        elif period == "month":
            s = day - pd.to_timedelta(local.dt.day - 1, unit="D")
        else:
            s = pd.to_datetime(local.dt.to_period("Q").dt.start_time)
        codes, uniq = pd.factorize(s)
        us = pd.DatetimeIndex(uniq)
        step = {
            "day": pd.Timedelta(days=1),
            "week": pd.Timedelta(days=7),
            "month": pd.offsets.MonthBegin(1),
            "quarter": pd.offsets.QuarterBegin(1, startingMonth=1),
        }[period]
        ue = us + step
        zone = t.dt.tz
        ustart = us.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
        uend = ue.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
        start = pd.Series(ustart.take(codes, allow_fill=True, fill_value=pd.NaT), index=df.index)
        end = pd.Series(uend.take(codes, allow_fill=True, fill_value=pd.NaT), index=df.index)
    out["period_start"] = start
    out["period_end"] = end
    return out


def _hours(
    start: pd.Series, end: pd.Series, *, business: bool, calendar: Calendar | None
) -> pd.Series:
    if business:
        if calendar is None:
            raise MissingDataError(
                "business hours need the channel calendar; pass calendar= or set business_hours=False"
            )
        return business_seconds_between(start, end, calendar) / 3600
    return (end - start).dt.total_seconds() / 3600


# ----------------------------------------------------------------------------- contact-level status


def sl_flags(
    contacts: pd.DataFrame,
    *,
    threshold_s: float,
    variant: str = "offered",
    include_flowouts: bool = True,
    short_abandon_s: float = 5,
    comparison: str = "<=",
    include_ring_time: bool = False,
    with_status: bool = True,
) -> pd.DataFrame:
    """Numerator and denominator flags of the service level per contact, and its ``status``
    (``met``, ``missed``, ``excluded``; left out with ``with_status=False`` when only counts are wanted).
    Contacts that never reached the queue (self_service) are excluded."""
    if variant not in SL_VARIANTS:
        raise ValueError(
            f"unknown service-level variant {variant!r}; use one of {', '.join(SL_VARIANTS)}"
        )
    c = _need(contacts, ["outcome", "wait_s"], "contacts", "service_level")
    w = c["wait_s"].astype(float)
    if include_ring_time:
        _need(
            c,
            ["ring_s"],
            "contacts",
            "service_level with include_ring_time",
            " Set include_ring_time=False or load ring times.",
        )
        w = w + c["ring_s"].fillna(0)
    within = (w <= threshold_s) if comparison == "<=" else (w < threshold_s)
    a, ab, f = c.outcome.eq("answered"), c.outcome.eq("abandoned"), c.outcome.eq("flowout")
    offered = a | ab | (f if include_flowouts else False)
    sab = ab & (w <= short_abandon_s)
    num = a & within
    if variant == "answered":
        den = a
    elif variant == "offered":
        den = offered
    elif variant == "ignore_abandons_within_T":
        den = offered & ~(ab & within)
    elif variant == "ignore_short_abandons":
        den = offered & ~sab
    elif variant == "positive_abandon":
        num = (a | ab) & within
        den = offered
    else:  # removed_from_queue
        num = (a | ab | f) & within
        den = offered | f
    num = num & den
    out = pd.DataFrame({"num": num.astype(int), "den": den.astype(int)}, index=c.index)
    if with_status:
        out["status"] = pd.Categorical.from_codes(
            np.where(~den, 0, np.where(num, 1, 2)), ["excluded", "met", "missed"]
        )
    return out


# ----------------------------------------------------------------------------- row builders


def _base(df: pd.DataFrame, table: str) -> pd.DataFrame:
    cols = [TIME_COL[table]] + [
        c for c in ("channel", "queue", "agent", "priority", "segment") if c in df.columns
    ]
    return df[cols].rename(columns={TIME_COL[table]: "time"})


def metric_rows(
    data: Mapping[str, pd.DataFrame],
    metric: str,
    *,
    options: Mapping[str, Any] | None = None,
    within_s: float | None = None,
    calendar: Calendar | None = None,
    channel: str | None = None,
    as_of: pd.Timestamp | None = None,
) -> Rows:
    """The per-row inputs of ``metric`` under ``options`` (catalog defaults for the rest)."""
    m = get_metric(metric)
    opts = {**m.defaults(), **(options or {})}
    contacts = data.get("contacts")
    tickets = data.get("tickets")

    def only(df: pd.DataFrame | None) -> pd.DataFrame | None:
        if (
            df is None
            or channel is None
            or "channel" not in df.columns
            or df.attrs.get("cxkit_channel") == channel
        ):
            return df  # no filter asked, or already one channel's rows (split once by check)
        return df[df["channel"] == channel]

    c = only(contacts)
    tk = only(tickets)
    if metric == "service_level":
        if within_s is None:
            raise ValueError("service_level needs within_s (the threshold T in seconds)")
        c = _need(c, ["outcome", "wait_s"], "contacts", metric)
        fl = sl_flags(
            c,
            threshold_s=within_s,
            variant=opts["variant"],
            include_flowouts=opts["include_flowouts"],
            short_abandon_s=opts["short_abandon_s"],
            comparison=opts["comparison"],
            include_ring_time=opts["include_ring_time"],
            with_status=False,
        )
        rows = _base(c, "contacts").assign(num=fl.num, den=fl.den)
        if opts["attribution"] == "answer" and "answered_at" in c.columns:
            rows["time"] = c["answered_at"].fillna(c["arrival"])
        return Rows(
            rows,
            "ratio",
            "contacts",
            definition=f"service level, variant {opts['variant']}, "
            f"T = {within_s:g} s ({opts['comparison']}), flow-outs {'in' if opts['include_flowouts'] else 'out of'} O, "
            f"short abandons <= {opts['short_abandon_s']:g} s",
        )
    if metric in (
        "answer_rate",
        "abandon_rate",
        "asa",
        "average_wait",
        "wait_percentile",
        "longest_wait",
        "average_abandon_time",
        "aht",
        "acw",
        "hold",
        "transfer_rate",
        "short_contact_rate",
        "offered",
    ):
        c = _need(c, ["outcome"], "contacts", metric)
        a, ab, f = c.outcome.eq("answered"), c.outcome.eq("abandoned"), c.outcome.eq("flowout")
        rows = _base(c, "contacts")
        if metric == "offered":
            return Rows(
                rows.assign(value=(a | ab | f).astype(int)),
                "count",
                "contacts",
                definition="contacts offered",
            )
        if metric == "answer_rate":
            den = a | ab | (f if opts["include_flowouts"] else False)
            return Rows(
                rows.assign(num=(a & den).astype(int), den=den.astype(int)),
                "ratio",
                "contacts",
                definition="answered / offered",
            )
        if metric == "abandon_rate":
            _need(c, ["wait_s"], "contacts", metric)
            sab = ab & (c.wait_s <= opts["short_abandon_s"])
            v = opts["variant"]
            if v == "of_offered":
                num, den = ab, a | ab | f
            elif v == "exclude_short":
                num, den = ab & ~sab, (a | ab | f) & ~sab
            else:
                num, den = ab, a | ab
            return Rows(
                rows.assign(num=num.astype(int), den=den.astype(int)),
                "ratio",
                "contacts",
                definition=f"abandon rate, variant {v}",
            )
        if metric in ("asa", "wait_percentile"):
            _need(c, ["wait_s"], "contacts", metric)
            r = rows[a].assign(value=c.loc[a, "wait_s"].astype(float))
            if metric == "asa":
                return Rows(r, "mean", "contacts", definition="mean wait of answered contacts")
            return Rows(
                r,
                "quantile",
                "contacts",
                q=float(opts["quantile"]),
                definition=f"p{100 * float(opts['quantile']):g} wait of answered contacts",
            )
        if metric in ("average_wait", "longest_wait"):
            _need(c, ["wait_s"], "contacts", metric)
            sel = a | ab
            r = rows[sel].assign(value=c.loc[sel, "wait_s"].astype(float))
            return Rows(
                r,
                "mean" if metric == "average_wait" else "max",
                "contacts",
                definition="wait of answered and abandoned contacts",
            )
        if metric == "average_abandon_time":
            _need(c, ["wait_s"], "contacts", metric)
            return Rows(
                rows[ab].assign(value=c.loc[ab, "wait_s"].astype(float)),
                "mean",
                "contacts",
                definition="mean wait of abandoned contacts",
            )
        if metric in ("aht", "acw", "hold"):
            need = {"aht": ["talk_s"], "acw": ["acw_s"], "hold": ["hold_s"]}[metric]
            _need(c, need, "contacts", metric)
            if metric == "aht":
                v = c[[x for x in ("talk_s", "hold_s", "acw_s") if x in c.columns]].sum(
                    axis=1, min_count=1
                )
            else:
                v = c[need[0]].astype(float)
            return Rows(
                rows[a].assign(value=v[a].astype(float)),
                "mean",
                "contacts",
                definition={
                    "aht": "(talk + hold + ACW) / handled",
                    "acw": "ACW / handled",
                    "hold": "hold / handled",
                }[metric],
            )
        if metric == "transfer_rate":
            _need(c, ["transferred"], "contacts", metric)
            return Rows(
                rows[a].assign(num=c.loc[a, "transferred"].fillna(False).astype(int), den=1),
                "ratio",
                "contacts",
                definition="transferred / handled",
            )
        _need(c, ["talk_s"], "contacts", metric)
        return Rows(
            rows[a].assign(num=(c.loc[a, "talk_s"] < opts["short_talk_s"]).astype(int), den=1),
            "ratio",
            "contacts",
            definition=f"answered with talk < {opts['short_talk_s']:g} s / answered",
        )
    if metric in ("occupancy", "contacts_per_hour"):
        raise MissingDataError(
            f"{metric} needs agent state data (logged-in, idle and handle time per agent), which "
            "cxkit does not load yet; track it in the ACD's agent report for now."
        )
    if metric in (
        "first_response_time",
        "resolution_time",
        "response_service_level",
        "social_response_rate",
        "next_reply_time",
        "backlog_age",
    ):
        return _ticket_rows(tk, metric, opts, within_s=within_s, calendar=calendar, as_of=as_of)
    if metric in ("fcr", "repeat_contact_rate", "chase_rate", "failure_demand"):
        return _journey_rows(data, metric, opts, channel=channel)
    if metric in ("csat", "nps", "ces"):
        s = only(data.get("surveys"))
        s = _need(s, [metric], "surveys", metric)
        s = s[s[metric].notna()]
        rows = _base(s, "surveys")
        if metric == "csat" and opts["statistic"] == "top_box":
            return Rows(
                rows.assign(num=(s.csat >= opts["top_box_min"]).astype(int), den=1),
                "ratio",
                "surveys",
                definition=f"share of CSAT responses >= {opts['top_box_min']:g}",
            )
        if metric == "nps":
            return Rows(
                rows.assign(value=s.nps.astype(float)),
                "nps",
                "surveys",
                definition="% promoters (9-10) - % detractors (0-6)",
            )
        return Rows(
            rows.assign(value=s[metric].astype(float)),
            "mean",
            "surveys",
            definition=f"mean {metric.upper()}"
            + (f" ({opts['scale']})" if metric == "ces" else ""),
        )
    if metric in ("qa_score", "critical_fail_rate", "evaluation_coverage"):
        return _qa_rows(data, metric, opts, channel=channel)
    raise MissingDataError(f"{metric} has no computation yet")


def _ticket_rows(
    tk: pd.DataFrame | None,
    metric: str,
    opts: Mapping[str, Any],
    *,
    within_s: float | None,
    calendar: Calendar | None,
    as_of: pd.Timestamp | None,
) -> Rows:
    if metric == "next_reply_time":
        raise MissingDataError(
            "next_reply_time needs message-level events (customer and agent messages); "
            "the tickets table has only the first reply. Load ticket events with authors."
        )
    tk = _need(tk, ["created"], "tickets", metric)
    rows = _base(tk, "tickets")
    business = bool(opts.get("business_hours", False))
    clock = "business" if business else "calendar"
    end = (
        as_of
        if as_of is not None
        else max(tk["created"].max(), tk.get("first_reply", tk["created"]).max())
    )
    if metric == "first_response_time":
        _need(
            tk, ["first_reply"], "tickets", metric, " This system's export has no first-reply time."
        )
        h = _hours(tk["created"], tk["first_reply"], business=business, calendar=calendar)
        ok = h.notna()
        return _stat_rows(
            rows[ok].assign(value=h[ok]),
            opts,
            f"created -> first agent reply, {clock} hours",
            "tickets",
        )
    if metric == "resolution_time":
        _need(tk, ["solved"], "tickets", metric)
        h = _hours(tk["created"], tk["solved"], business=business, calendar=calendar)
        if opts.get("pause_statuses") and "paused_s" in tk.columns:
            h = h - tk["paused_s"].fillna(0) / 3600
        ok = h.notna()
        return _stat_rows(
            rows[ok].assign(value=h[ok].clip(lower=0)),
            opts,
            f"created -> solved, {clock} hours"
            + (", paused time removed" if opts.get("pause_statuses") else ""),
            "tickets",
        )
    if metric == "response_service_level":
        if within_s is None:
            raise ValueError("response_service_level needs within_h (the threshold T in hours)")
        _need(tk, ["first_reply"], "tickets", metric)
        t = tk
        if opts.get("visibility", "all") != "all" and "visibility" in t.columns:
            keep = t["visibility"] == opts["visibility"]
            t, rows = t[keep], rows[keep]
        replied = t["first_reply"].notna()
        took = (
            _hours(
                t["created"],
                t["first_reply"].where(replied, end),
                business=business,
                calendar=calendar,
            )
            * 3600
        )
        within = took <= within_s if opts.get("comparison", "<=") == "<=" else took < within_s
        num = replied & within
        # unanswered items past T are misses; unanswered items younger than T are not yet judged
        den = replied | (~replied & ~within)
        return Rows(
            rows.assign(num=num.astype(int), den=den.astype(int)),
            "ratio",
            "tickets",
            definition=f"responded within {within_s / 3600:g} {clock} h; open items younger than T excluded",
        )
    if metric == "social_response_rate":
        _need(tk, ["first_reply", "visibility"], "tickets", metric)
        keep = tk["visibility"] == opts["visibility"]
        return Rows(
            rows[keep].assign(num=tk.loc[keep, "first_reply"].notna().astype(int), den=1),
            "ratio",
            "tickets",
            definition=f"{opts['visibility']} items replied / items",
        )
    # backlog_age: snapshot of open items at each period end, computed in check
    _need(tk, ["solved"], "tickets", metric)
    return Rows(
        tk[["created", "solved", *[c for c in ("channel",) if c in tk.columns]]].rename(
            columns={"created": "time"}
        ),
        "snapshot",
        "tickets",
        definition=f"age of the oldest open item at the period end, {clock} hours",
    )


def _stat_rows(rows: pd.DataFrame, opts: Mapping[str, Any], definition: str, table: str) -> Rows:
    stat = opts.get("statistic", "mean")
    if stat == "mean":
        return Rows(rows, "mean", table, definition=f"mean {definition}")
    q = 0.5 if stat == "median" else 0.9
    return Rows(rows, "quantile", table, q=q, definition=f"{stat} {definition}")


def journey_frame(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """All contacts of all channels in one stream: ``time, channel, customer, answered, resolved, handle_s, source``.

    Sync contacts that reached the queue and async tickets; customers without a key cannot be linked
    and are left out.
    """
    parts = []
    c = data.get("contacts")
    if c is not None and "customer" in c.columns:
        cc = c[c.outcome.isin(["answered", "abandoned", "flowout"]) & c.customer.notna()]
        handle = cc[[x for x in ("talk_s", "hold_s", "acw_s") if x in cc.columns]].sum(
            axis=1, min_count=1
        )
        parts.append(
            pd.DataFrame(
                {
                    "time": cc.arrival,
                    "channel": cc.channel,
                    "customer": cc.customer,
                    "answered": cc.outcome.eq("answered"),
                    "answered_at": cc["answered_at"]
                    if "answered_at" in cc
                    else cc.arrival.where(cc.outcome.eq("answered")),
                    "resolved": cc["resolved"].astype("boolean") if "resolved" in cc else pd.NA,
                    "handle_s": handle.fillna(0.0),
                    "agent": cc.get("agent"),
                    "source": "contacts",
                }
            )
        )
    t = data.get("tickets")
    if t is not None and "customer" in t.columns:
        tt = t[t.customer.notna()]
        parts.append(
            pd.DataFrame(
                {
                    "time": tt.created,
                    "channel": tt.channel,
                    "customer": tt.customer,
                    "answered": tt["first_reply"].notna() if "first_reply" in tt else False,
                    "answered_at": tt.get("first_reply", pd.NaT),
                    "resolved": tt["solved"].notna() if "solved" in tt else pd.NA,
                    "handle_s": tt.get("handle_s", pd.Series(0.0, index=tt.index))
                    .astype(float)
                    .fillna(0.0),
                    "agent": tt.get("agent"),
                    "source": "tickets",
                }
            )
        )
    if not parts:
        raise MissingDataError("journeys need contacts or tickets with a customer key")
    j = pd.concat(parts, ignore_index=True)
    j["time"] = j["time"].dt.tz_convert("UTC")
    j["answered_at"] = pd.to_datetime(j["answered_at"], utc=True)
    # sort by customer, then time: integer codes of the keys sort far faster than the strings
    codes, _ = pd.factorize(j["customer"], sort=True)
    order = np.lexsort((pd.DatetimeIndex(j["time"]).asi8, codes))
    return j.take(order).reset_index(drop=True)


def _journey_rows(
    data: Mapping[str, pd.DataFrame], metric: str, opts: Mapping[str, Any], *, channel: str | None
) -> Rows:
    if metric == "fcr" and opts["variant"] == "agent_flag":
        c = _need(data.get("contacts"), ["resolved", "outcome"], "contacts", "fcr (agent_flag)")
        c = c[c.outcome.eq("answered") & (c.channel == channel if channel else True)]
        return Rows(
            _base(c, "contacts").assign(num=c.resolved.fillna(False).astype(int), den=1),
            "ratio",
            "contacts",
            definition="agent-flagged resolved / handled",
        )
    if metric == "fcr" and opts["variant"] == "survey":
        s = _need(data.get("surveys"), ["fcr_reported"], "surveys", "fcr (survey)")
        s = s[s.fcr_reported.notna() & (s.channel == channel if channel else True)]
        return Rows(
            _base(s, "surveys").assign(num=s.fcr_reported.astype(int), den=1),
            "ratio",
            "surveys",
            definition="customers who said it was resolved / responses",
        )
    j = data["journeys"] if isinstance(data.get("journeys"), pd.DataFrame) else journey_frame(data)
    window = pd.Timedelta(days=float(opts["window_days"]))
    same_channel = opts.get("scope", "any_channel") == "same_channel"
    key = ["customer", "channel"] if same_channel else ["customer"]
    js = (
        j.sort_values([*key, "time"], kind="stable") if same_channel else j
    )  # j is sorted by customer, time
    nxt = js.groupby(key, sort=False)["time"].shift(-1)
    prev_t = js.groupby(key, sort=False)["time"].shift(1)
    js = js.assign(repeated=(nxt - js.time) <= window, is_repeat=(js.time - prev_t) <= window)
    # chasers: a contact within W of the same customer's previous contact, which was in another channel
    # and was still unanswered at the moment of this one, or was answered but not resolved
    g = j.groupby("customer", sort=False)
    p_ch, p_t, p_ans_at, p_res = (
        g["channel"].shift(1),
        g["time"].shift(1),
        g["answered_at"].shift(1),
        g["resolved"].shift(1),
    )
    from_ch = opts.get("from_channel", "any")
    unanswered_then = p_ans_at.isna() | (p_ans_at > j.time)
    chase = ((j.time - p_t) <= window) & (p_ch != j.channel) & (unanswered_then | (p_res == False))  # noqa: E712
    if from_ch != "any":
        chase &= p_ch == from_ch
    chase = chase.fillna(False).astype(bool)
    # the same event seen from the first contact: it caused a chase
    caused = chase.groupby(j.customer, sort=False).shift(-1).fillna(False).astype(bool)
    js = js.join(pd.DataFrame({"chase": chase, "caused_chase": caused}))
    if channel is not None:
        js = js[js.channel == channel]
    base = js[["time", "channel", "customer"]].copy()
    if "agent" in js:
        base["agent"] = js["agent"]
    if metric == "fcr":
        handled = js.answered.astype(bool)
        return Rows(
            base[handled].assign(num=(~js.repeated[handled]).astype(int), den=1),
            "ratio",
            "journeys",
            definition=f"handled contacts with no contact by the same customer within {opts['window_days']:g} days"
            f" ({'same' if same_channel else 'any'} channel)",
        )
    if metric == "repeat_contact_rate":
        handled = js.answered.astype(bool)
        return Rows(
            base[handled].assign(num=js.repeated[handled].astype(int), den=1),
            "ratio",
            "journeys",
            definition=f"handled contacts followed by another within {opts['window_days']:g} days",
        )
    if metric == "chase_rate":
        if from_ch == channel and channel is not None:
            # a target on the origin channel: the share of its contacts that made the customer chase elsewhere
            return Rows(
                base.assign(num=js.caused_chase.astype(int), den=1),
                "ratio",
                "journeys",
                definition=f"{channel} contacts followed within {opts['window_days']:g} days by a contact in "
                f"another channel while unanswered or unresolved",
            )
        return Rows(
            base.assign(num=js.chase.astype(int), den=1),
            "ratio",
            "journeys",
            definition=f"contacts within {opts['window_days']:g} days after an unanswered or unresolved contact "
            f"in {'another channel' if from_ch == 'any' else from_ch}",
        )
    fd = js.is_repeat.fillna(False) | js.chase
    return Rows(
        base.assign(num=fd.astype(int), den=1, hours=np.where(fd, js.handle_s / 3600, 0.0)),
        "ratio",
        "journeys",
        definition=f"contacts that repeat or chase a contact of the last {opts['window_days']:g} days",
    )


def evaluation_scores(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per evaluation: ``evaluation_id, agent, evaluator, evaluated_at, score, critical_failed,
    items`` with score = sum(earned x weight) / sum(possible x weight) x 100 over answered non-critical
    items, and 0 when a critical item failed."""
    e = _need(
        evaluations, ["evaluation_id", "agent", "earned", "possible"], "evaluations", "qa_score"
    )
    e = e.copy()
    w = e["weight"].fillna(1.0) if "weight" in e else 1.0
    na = e["na"].fillna(False).astype(bool) if "na" in e else False
    crit = (
        e["critical"].fillna(False).astype(bool)
        if "critical" in e
        else pd.Series(False, index=e.index)
    )
    scored = ~na & ~crit & e.earned.notna()
    e["num"] = np.where(scored, e.earned * w, 0.0)
    e["den"] = np.where(scored, e.possible * w, 0.0)
    e["crit_fail"] = crit & (e.earned < e.possible)
    keys = [
        "evaluation_id",
        "agent",
        *[c for c in ("evaluator", "evaluated_at", "contact_id", "channel") if c in e.columns],
    ]
    g = e.groupby("evaluation_id", sort=False).agg(
        num=("num", "sum"),
        den=("den", "sum"),
        critical_failed=("crit_fail", "any"),
        items=("num", "size"),
    )
    first = e.drop_duplicates("evaluation_id").set_index("evaluation_id")[keys[1:]]
    out = first.join(g).reset_index()
    out["score"] = np.where(out.critical_failed, 0.0, 100 * out.num / out.den.where(out.den > 0))
    return out.drop(columns=["num", "den"])


def _qa_rows(
    data: Mapping[str, pd.DataFrame], metric: str, opts: Mapping[str, Any], *, channel: str | None
) -> Rows:
    ev = evaluation_scores(data.get("evaluations"))  # type: ignore[arg-type]
    ev = ev.rename(columns={"evaluated_at": "time"})
    if (
        channel is not None
        and "channel" not in ev.columns
        and data.get("contacts") is not None
        and "contact_id" in ev
    ):
        chan = data["contacts"].set_index("contact_id")["channel"]
        ev["channel"] = ev.contact_id.map(chan)
    if channel is not None and "channel" in ev.columns:
        ev = ev[ev.channel == channel]
    base = ev[["time", "agent", *[c for c in ("channel", "evaluator") if c in ev.columns]]]
    if metric == "qa_score":
        return Rows(
            base.assign(value=ev.score),
            "mean",
            "evaluations",
            definition="weighted form score 0-100, 0 on a critical fail",
        )
    if metric == "critical_fail_rate":
        return Rows(
            base.assign(num=ev.critical_failed.astype(int), den=1),
            "ratio",
            "evaluations",
            definition="evaluations with a failed critical item / evaluations",
        )
    return Rows(
        base.assign(value=1),
        "coverage",
        "evaluations",
        definition=f"evaluations / ({opts['planned_per_agent_month']:g} per agent per month)",
        q=float(opts["planned_per_agent_month"]),
    )


# ----------------------------------------------------------------------------- aggregation


def aggregate(rows: Rows, by: Sequence[str]) -> pd.DataFrame:
    """Sum the rows' counts (or collect values) per group.

    Returns ``by`` plus ``n`` (rows), ``numerator``, ``denominator`` (ratios), ``value`` (share for
    ratios, mean/quantile/max/NPS points otherwise) and ``ci_low``, ``ci_high``.
    """
    f = rows.frame
    by = list(by)
    if rows.kind == "ratio":
        g = f.groupby(by, sort=True, dropna=False, observed=True).agg(
            numerator=("num", "sum"), denominator=("den", "sum"), n=("den", "sum")
        )
        g["value"] = g.numerator / g.denominator.where(g.denominator > 0)
        g["ci_low"], g["ci_high"] = wilson(g.numerator.to_numpy(), g.denominator.to_numpy())
    elif rows.kind in ("mean", "coverage"):
        v = f.assign(sq=f["value"].astype(float) ** 2)
        g = v.groupby(by, sort=True, dropna=False, observed=True).agg(
            total=("value", "sum"), total_sq=("sq", "sum"), n=("value", "count")
        )
        g["value"] = g.total / g.n.where(g.n > 0)
        g["ci_low"], g["ci_high"] = t_interval(
            g.total.to_numpy(), g.total_sq.to_numpy(), g.n.to_numpy()
        )
        g["numerator"], g["denominator"] = g.total, g.n
        g = g.drop(columns=["total", "total_sq"])
    elif rows.kind in ("quantile", "max"):
        gb = f.groupby(by, sort=True, dropna=False, observed=True)["value"]
        g = pd.DataFrame(
            {"value": gb.quantile(rows.q) if rows.kind == "quantile" else gb.max(), "n": gb.count()}
        )
        g["numerator"] = g["denominator"] = np.nan
        g["ci_low"] = g["ci_high"] = np.nan
    elif rows.kind == "count":
        g = f.groupby(by, sort=True, dropna=False, observed=True).agg(
            value=("value", "sum"), n=("value", "sum")
        )
        g["numerator"] = g["denominator"] = g["ci_low"] = g["ci_high"] = np.nan
    elif rows.kind == "nps":
        v = f.assign(p=(f["value"] >= 9).astype(int), d=(f["value"] <= 6).astype(int))
        g = v.groupby(by, sort=True, dropna=False, observed=True).agg(
            promoters=("p", "sum"), detractors=("d", "sum"), n=("value", "count")
        )
        p, d = g.promoters / g.n, g.detractors / g.n
        g["value"] = 100 * (p - d)
        lo, hi = nps_interval(p.to_numpy(), d.to_numpy(), g.n.to_numpy())
        g["ci_low"], g["ci_high"] = 100 * lo, 100 * hi
        g["numerator"], g["denominator"] = g.promoters - g.detractors, g.n
        g = g.drop(columns=["promoters", "detractors"])
    else:
        raise ValueError(f"aggregate cannot handle {rows.kind!r} rows")
    return g.reset_index()


def _grouped(rows: Rows, by: Sequence[str], *, interval_min: int = 30) -> pd.DataFrame:
    periods = [b for b in by if b in PERIODS]
    if len(periods) > 1:
        raise ValueError(f"group by one period at a time, not {periods}")
    f = rows.frame
    keys = [b for b in by if b not in PERIODS]
    if periods:
        f = add_period(f, periods[0], time_col="time", interval_min=interval_min)
        keys = ["period_start", *keys]
    return aggregate(Rows(f, rows.kind, rows.table, rows.q, rows.definition), keys)


# ----------------------------------------------------------------------------- public metric functions


def service_level(
    contacts: pd.DataFrame,
    *,
    threshold_s: float = 20,
    variant: str = "offered",
    by: Sequence[str] = ("channel", "day"),
    **options: Any,
) -> pd.DataFrame:
    """Service level per group, from counts.

    Returns ``by`` columns (``period_start`` for a period), ``offered`` (the denominator of the
    variant), ``answered_within`` (its numerator), ``service_level`` (share), ``ci_low``,
    ``ci_high`` (Wilson, 95 %), ``n``.
    """
    rows = metric_rows(
        {"contacts": contacts},
        "service_level",
        options={"variant": variant, **options},
        within_s=threshold_s,
    )
    extra = [k for k in by if k not in PERIODS and k not in rows.frame.columns]
    if extra:  # group by any other column of the contacts (a derived time-of-day, a segment...)
        missing = [k for k in extra if k not in contacts.columns]
        if missing:
            raise KeyError(f"cannot group by {missing}: not columns of the contacts")
        rows = Rows(
            rows.frame.join(contacts[extra]), rows.kind, rows.table, rows.q, rows.definition
        )
    g = _grouped(rows, by)
    return g.rename(
        columns={"numerator": "answered_within", "denominator": "offered", "value": "service_level"}
    )


def compare_variants(
    data: Any,
    metric: str = "service_level",
    *,
    threshold_s: float = 20,
    channel: str | None = None,
    by: Sequence[str] = (),
    **options: Any,
) -> pd.DataFrame:
    """Every variant of ``metric`` side by side on the same data: ``variant, by..., numerator,
    denominator, value, ci_low, ci_high, n``. The table that ends arguments about whose number is right.
    ``data`` is a contacts DataFrame (or LoadResult) or ``{table: ...}``; ``channel`` keeps one channel."""
    data = getattr(data, "data", data)
    d = (
        {"contacts": data}
        if isinstance(data, pd.DataFrame)
        else {k: getattr(v, "data", v) for k, v in data.items()}
    )
    if channel is not None:
        d = {
            k: (v[v.channel == channel] if isinstance(v, pd.DataFrame) and "channel" in v else v)
            for k, v in d.items()
        }
    m = get_metric(metric)
    variants = m.options["variant"].choices if "variant" in m.options else (None,)
    out = []
    for v in variants:
        opts = {**options, **({"variant": v} if v else {})}
        rows = metric_rows(d, metric, options=opts, within_s=threshold_s if m.within else None)
        if by:
            g = _grouped(rows, by)
        else:
            g = aggregate(
                Rows(rows.frame.assign(_all=1), rows.kind, rows.table, rows.q), ["_all"]
            ).drop(columns="_all")
        g.insert(0, "variant", v)
        g["definition"] = rows.definition
        out.append(g)
    return pd.concat(out, ignore_index=True)


def metric(
    data: Mapping[str, pd.DataFrame],
    metric_id: str,
    *,
    by: Sequence[str] = ("channel", "day"),
    options: Mapping[str, Any] | None = None,
    within_s: float | None = None,
    calendar: Calendar | None = None,
    interval_min: int = 30,
) -> pd.DataFrame:
    """Any catalog metric per group: ``by`` columns plus ``n, numerator, denominator, value, ci_low, ci_high``."""
    rows = metric_rows(data, metric_id, options=options, within_s=within_s, calendar=calendar)
    return _grouped(rows, by, interval_min=interval_min)
