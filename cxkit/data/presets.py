"""Presets: how real systems' exports map onto cxkit's contracts.

Each preset names the columns it needs, converts text to typed values (flagging what it cannot
convert) and, for event logs, reduces events to one row per ticket.

>>> sorted(PRESETS)[:4]
['amazon_connect', 'bpic2013', 'generic', 'genesys_cloud']
>>> suggest_preset(["Case ID", "Activity", "Complete Timestamp", "Resource"])
'helpdesk_italian'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from cxkit.data.context import LoadContext, blank_to_none
from cxkit.data.contracts import CONTRACTS
from cxkit.data.conversation_presets import (
    MESSAGING_COLUMNS,
    TWITTER_COLUMNS,
    convert_messaging,
    convert_twitter,
)
from cxkit.data.validate import (
    Checker,
    blank,
    duration_hms,
    parse_bools,
    parse_numbers,
    parse_times,
)
from cxkit.errors import Reason

Convert = Callable[[pd.DataFrame, Checker, LoadContext], pd.DataFrame]
Reduce = Callable[[pd.DataFrame], tuple[pd.DataFrame, dict[str, pd.DataFrame]]]


#: A duration longer than this (30 days) is no contact's wait, talk or handle time: quarantined.
MAX_DURATION_S = 30 * 86400.0


@dataclass(frozen=True)
class Preset:
    """A mapping from one system's export to a contract table (``*`` = the table option)."""

    name: str
    table: str
    description: str
    columns: tuple[str, ...]
    convert: Convert
    time_zone: str | None = None  # where the system records naive local times; None = ask
    reduce: Reduce | None = None
    row_table: str | None = None  # contract of the rows as read, when a reduce builds the table
    notes: tuple[str, ...] = ()
    signature: tuple[str, ...] = field(default=())

    def required_columns(self, ctx: LoadContext) -> list[str]:
        if self.table == "*":
            return CONTRACTS[ctx.options.get("table", "contacts")].required
        return list(self.columns)


# ----------------------------------------------------------------------------- generic


def _convert_generic(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    table = ctx.options.get("table", "contacts")
    contract = CONTRACTS[table]
    out = pd.DataFrame(index=df.index)
    known = {c.name: c for c in contract.columns}
    extra: dict[str, pd.Series] = {}  # added at once: one insert per column fragments the frame
    for col in df.columns:
        if col == "_line":
            continue
        spec = known.get(col)
        if (
            spec is None
            and table == "intervals"
            and col.startswith(("answered_within_", "abandoned_within_", "callbacks_within_"))
        ):
            spec = known["answered_within_s"]
        if spec is None:
            extra[col] = blank_to_none(df[col])  # extra columns are kept as text (segments)
            continue
        if spec.type == "time":
            out[col] = parse_times(df[col], col, chk, tz=ctx.time_zone, formats=ctx.time_formats)
        elif spec.type in ("seconds", "count", "number"):
            out[col] = parse_numbers(
                df[col],
                col,
                chk,
                decimal=ctx.decimal,
                minimum=0.0 if spec.type != "number" else None,
                reason_negative=Reason.NEGATIVE_DURATION
                if spec.type == "seconds"
                else Reason.NEGATIVE_COUNT,
                maximum=MAX_DURATION_S if spec.type == "seconds" else None,
            )
        elif spec.type == "bool":
            out[col] = parse_bools(df[col], col, chk)
        else:
            out[col] = blank_to_none(df[col])
            if spec.type == "category" and spec.allowed and col != "outcome":
                vals = out[col].astype("string").str.lower()
                out[col] = vals.astype(object).where(vals.notna(), None)
                chk.flag(
                    vals.notna() & ~vals.isin(spec.allowed),
                    Reason.UNKNOWN_VALUE,
                    _allowed_detail(df, col, spec.allowed),
                )
    if extra:
        out = pd.concat([out, pd.DataFrame(extra, index=df.index)], axis=1)
    if table == "contacts":
        if "outcome" in out.columns:
            out["outcome"] = out["outcome"].astype("string").str.lower().astype(object)
        if "wait_s" not in out.columns and "answered_at" in out.columns:
            out["wait_s"] = (out["answered_at"] - out["arrival"]).dt.total_seconds()
        _handle(out)
    return out


def _handle(out: pd.DataFrame) -> None:
    parts = [c for c in ("talk_s", "hold_s", "acw_s") if c in out.columns]
    if parts:
        out["handle_s"] = out[parts].sum(axis=1, min_count=1)


# ----------------------------------------------------------------------------- Technion

_TECHNION = (
    "vru+line",
    "call_id",
    "customer_id",
    "priority",
    "type",
    "date",
    "vru_entry",
    "vru_exit",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
)


def _convert_technion(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    chk.flag(
        df["outcome"].str.strip() == "PHANTOM",
        Reason.PHANTOM_CALL,
        "outcome PHANTOM: a virtual record, not a call",
    )
    vru_time = (
        parse_numbers(df["vru_time"], "vru_time", chk, minimum=None)
        if "vru_time" in df.columns
        else None
    )
    day = pd.to_datetime(df["date"].str.strip(), format="%y%m%d", errors="coerce")
    chk.flag(day.isna(), Reason.UNPARSEABLE_TIME, "date: " + df["date"])
    day_s = day.dt.strftime("%Y-%m-%d").fillna("")

    def at(col: str) -> pd.Series:
        t = parse_times(
            day_s + " " + df[col].str.strip(),
            col,
            chk,
            tz=ctx.time_zone,
            formats=("%Y-%m-%d %H:%M:%S",),
        )
        return t

    vru_entry = at("vru_entry")
    vru_exit_raw = at("vru_exit")
    bad_vru = (vru_time < 0) if vru_time is not None else pd.Series(False, index=df.index)
    # the earliest event of the call anchors midnight crossing; a VRU exit logged before its entry
    # (negative vru_time, a logging defect) means the entry cannot be trusted as the anchor
    vru_entry = vru_entry.where(~bad_vru, vru_exit_raw)
    chk.warn(bad_vru, "negative VRU time: vru_s left empty", "vru_time")

    def after_entry(t: pd.Series) -> pd.Series:
        # a time earlier than the VRU entry belongs to the next day (the call crossed midnight)
        return t.where(~(t < vru_entry - pd.Timedelta(minutes=1)), t + pd.Timedelta(days=1))

    queued = df["q_start"].str.strip() != "0:00:00"
    served = df["outcome"].str.strip() == "AGENT"
    q_start = after_entry(at("q_start"))
    vru_exit = after_entry(at("vru_exit"))
    for col in ("ser_start", "ser_exit"):
        at(
            col
        )  # validated (an unparseable time is reported) but not used: the agent clock is skewed
    q_exit = after_entry(at("q_exit"))
    q_time = parse_numbers(df["q_time"], "q_time", chk)
    ser_time = parse_numbers(df["ser_time"], "ser_time", chk)
    outcome = np.select(
        [served, queued & (df["outcome"].str.strip() == "HANG")],
        ["answered", "abandoned"],
        default="self_service",
    )
    chk.flag(
        ~df["outcome"].str.strip().isin(["AGENT", "HANG", "PHANTOM"]),
        Reason.UNKNOWN_OUTCOME,
        "outcome " + df["outcome"],
    )
    out = pd.DataFrame(index=df.index)
    # call_id restarts per VRU line: the pair is the key
    out["contact_id"] = df["vru+line"].str.strip() + "-" + df["call_id"].str.strip()
    out["channel"] = "phone"
    out["queue"] = df["type"].str.strip()
    out["priority"] = df["priority"].str.strip()
    out["customer"] = (
        df["customer_id"].str.strip().where(df["customer_id"].str.strip() != "0", None)
    )
    out["agent"] = df["server"].str.strip().where(df["server"].str.strip() != "NO_SERVER", None)
    # Two clocks: the queue log (vru/q times) and the agent log (ser times) run 1-2 s apart, so mixing
    # them puts answers before arrivals. All timestamps here are on the queue clock, with the logged
    # durations added: answered = queue exit (q_start + q_time, or the VRU exit when not queued),
    # ended = answered + ser_time. wait_s is the logged q_time.
    entry = q_start.where(queued, vru_exit)
    out["arrival"] = entry
    out["outcome"] = outcome
    out["wait_s"] = np.where(outcome == "self_service", np.nan, np.where(queued, q_time, 0.0))
    answered_at = entry + pd.to_timedelta(out["wait_s"].fillna(0.0), unit="s")
    out["answered_at"] = answered_at.where(served)
    out["ended_at"] = (answered_at + pd.to_timedelta(ser_time.fillna(0.0), unit="s")).where(
        served, q_exit.where(queued, vru_exit)
    )
    out["talk_s"] = ser_time.where(served)
    out["handle_s"] = out["talk_s"]
    out["vru_s"] = vru_time.where(~bad_vru) if vru_time is not None else np.nan
    return out


# ----------------------------------------------------------------------------- NHS 111 (monthly)

_NHS = (
    "Periodname",
    "Provider Org Code",
    "Commissioner Org Code",
    "Nhs1 Number Calls Offered SUM",
    "Nhs1 Abandoned Calls SUM",
    "Nhs1 Answered Calls SUM",
    "Nhs1 Answered 60sec SUM",
)


def _convert_nhs(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    start = pd.to_datetime(df["Periodname"].str.strip(), format="%b-%y", errors="coerce")
    chk.flag(start.isna(), Reason.UNPARSEABLE_TIME, "Periodname: " + df["Periodname"])
    out = pd.DataFrame(index=df.index)
    out["interval_start"] = start.dt.tz_localize(ctx.time_zone)
    out["interval_end"] = (start + pd.offsets.MonthBegin(1)).dt.tz_localize(ctx.time_zone)
    out["queue"] = (
        df["Provider Org Code"].str.strip() + "/" + df["Commissioner Org Code"].str.strip()
    )
    out["provider"] = df.get("Provider Name", pd.Series("", index=df.index)).str.strip()
    out["area"] = df.get("Commissioner Org Name", pd.Series("", index=df.index)).str.strip()
    cols = {
        "offered": "Nhs1 Number Calls Offered SUM",
        "answered": "Nhs1 Answered Calls SUM",
        "abandoned": "Nhs1 Abandoned Calls SUM",
        "answered_within_60s": "Nhs1 Answered 60sec SUM",
        "callbacks_offered": "Nhs1 Person Offered Call Back SUM",
        "callbacks_within_600s": "Nhs1 Calls Back Within 10mins SUM",
    }
    for ours, theirs in cols.items():
        if theirs in df.columns:
            out[ours] = parse_numbers(
                df[theirs], theirs, chk, minimum=0, reason_negative=Reason.NEGATIVE_COUNT
            )
    return out


# ----------------------------------------------------------------------------- ticket event logs


def _tickets_from_events(
    ev: pd.DataFrame,
    *,
    first_reply: pd.Series | None,
    solved: pd.Series,
    closed: pd.Series | None = None,
    pause: pd.Series | None = None,
    channel: str = "email",
    extra: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per ticket from typed events (``ticket_id, time`` plus boolean event masks)."""
    ev = ev.sort_values(["ticket_id", "time"], kind="stable")
    g = ev.groupby("ticket_id", sort=True)
    tickets = pd.DataFrame({"created": g["time"].min()})
    if first_reply is not None:
        tickets["first_reply"] = (
            ev.loc[first_reply.reindex(ev.index, fill_value=False)]
            .groupby("ticket_id")["time"]
            .min()
        )
    solves = ev.loc[solved.reindex(ev.index, fill_value=False)].groupby("ticket_id")["time"]
    tickets["first_solved"] = solves.min()  # before any reopen
    tickets["solved"] = solves.max()  # the last solve: a reopened ticket is open until then
    if closed is not None:
        tickets["closed"] = (
            ev.loc[closed.reindex(ev.index, fill_value=False)].groupby("ticket_id")["time"].max()
        )
    if pause is not None:
        nxt = g["time"].shift(-1)
        in_pause = pause.reindex(ev.index, fill_value=False)
        dur = (nxt - ev["time"]).dt.total_seconds().where(in_pause, 0.0).fillna(0.0)
        tickets["paused_s"] = dur.groupby(ev["ticket_id"]).sum()
    tickets["events"] = g.size()
    for col, how in (extra or {}).items():
        tickets[col] = g[col].agg(how)
    tickets["channel"] = channel
    return tickets.reset_index()


_SN = (
    "number",
    "incident_state",
    "sys_mod_count",
    "opened_at",
    "contact_type",
    "caller_id",
    "resolved_at",
    "closed_at",
    "made_sla",
    "reopen_count",
    "priority",
    "assignment_group",
)


def _convert_servicenow(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    q = df.replace({"?": ""})
    fmt = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
    out = pd.DataFrame(index=df.index)
    out["ticket_id"] = blank_to_none(q["number"])
    out["status"] = blank_to_none(q["incident_state"])
    out["sys_mod_count"] = parse_numbers(q["sys_mod_count"], "sys_mod_count", chk)
    out["created"] = parse_times(
        q["opened_at"], "opened_at", chk, tz=ctx.time_zone, formats=fmt, required=True
    )
    out["solved"] = parse_times(q["resolved_at"], "resolved_at", chk, tz=ctx.time_zone, formats=fmt)
    out["closed"] = parse_times(q["closed_at"], "closed_at", chk, tz=ctx.time_zone, formats=fmt)
    out["channel"] = (
        q["contact_type"]
        .str.strip()
        .str.lower()
        .str.replace(" ", "_")
        .where(~blank(q["contact_type"]), None)
    )
    out["customer"] = blank_to_none(q["caller_id"])
    out["made_sla"] = parse_bools(q["made_sla"], "made_sla", chk)
    out["reopens"] = parse_numbers(q["reopen_count"], "reopen_count", chk)
    out["priority"] = blank_to_none(q["priority"])
    out["group"] = blank_to_none(q["assignment_group"])
    if "reassignment_count" in q.columns:
        out["reassignments"] = parse_numbers(q["reassignment_count"], "reassignment_count", chk)
    return out


def _reduce_servicenow(ev: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    # the incident's state is its last update (highest sys_mod_count, then the later row)
    last = (
        ev.sort_values(["ticket_id", "sys_mod_count", "source_line"]).groupby("ticket_id").tail(1)
    )
    tickets = last.drop(columns=["sys_mod_count"]).sort_values("ticket_id").reset_index(drop=True)
    return tickets, {"ticket_events": ev}


_HD = ("Case ID", "Activity", "Complete Timestamp", "Resource")


def _convert_helpdesk(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["ticket_id"] = blank_to_none(df["Case ID"])
    out["time"] = parse_times(
        df["Complete Timestamp"], "Complete Timestamp", chk, tz=ctx.time_zone, required=True
    )
    out["activity"] = blank_to_none(df["Activity"])
    out["resource"] = blank_to_none(df["Resource"])
    return out


def _reduce_helpdesk(ev: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    t = _tickets_from_events(
        ev,
        first_reply=ev["activity"].eq("Take in charge ticket"),
        solved=ev["activity"].eq("Resolve ticket"),
        closed=ev["activity"].eq("Closed"),
        pause=ev["activity"].eq("Wait"),
        channel="web_form",
    )
    return t, {"ticket_events": ev}


_BPIC = ("SR Number", "Change Date+Time", "Status", "Sub Status")


def _convert_bpic(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["ticket_id"] = blank_to_none(df["SR Number"])
    out["time"] = parse_times(
        df["Change Date+Time"], "Change Date+Time", chk, tz=ctx.time_zone, required=True
    )
    out["status"] = blank_to_none(df["Status"])
    out["activity"] = df["Status"].str.strip() + "-" + df["Sub Status"].str.strip()
    out["sub_status"] = blank_to_none(df["Sub Status"])
    for c, name in (
        ("ST Level", "level"),
        ("SR Latest Impact", "impact"),
        ("Involved ST", "group"),
    ):
        if c in df.columns:
            out[name] = blank_to_none(df[c])
    return out


def _reduce_bpic(ev: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    extra = {c: "last" for c in ("impact", "group") if c in ev.columns}
    if "level" in ev.columns:
        extra["level"] = "max"
    t = _tickets_from_events(
        ev,
        first_reply=ev["status"].eq("Accepted") & ev["sub_status"].eq("In Progress"),
        solved=ev["status"].eq("Completed"),
        closed=ev["status"].eq("Completed"),
        pause=ev["sub_status"].astype("string").str.startswith("Wait").fillna(False),
        channel="email",
        extra=extra,
    )
    return t, {"ticket_events": ev}


# ----------------------------------------------------------------------------- cloud contact centres

_AC = (
    "ContactId",
    "Channel",
    "InitiationTimestamp",
    "DisconnectTimestamp",
    "Queue.EnqueueTimestamp",
    "Agent.ConnectedToAgentTimestamp",
)
_AC_CHANNEL = {"VOICE": "phone", "CHAT": "chat", "TASK": "back_office", "EMAIL": "email"}
_AC_DISCONNECT = {"CUSTOMER_DISCONNECT": "customer", "AGENT_DISCONNECT": "agent"}


def _convert_amazon_connect(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """Amazon Connect contact records (CTR) flattened with dotted names, as the Kinesis/S3 export gives them."""

    def col(name: str) -> pd.Series:
        return df[name] if name in df.columns else pd.Series("", index=df.index)

    out = pd.DataFrame(index=df.index)
    out["contact_id"] = blank_to_none(df["ContactId"])
    ch = df["Channel"].str.strip().str.upper()
    out["channel"] = ch.map(_AC_CHANNEL)
    chk.flag(out["channel"].isna(), Reason.UNKNOWN_CHANNEL, "Channel " + df["Channel"])
    init = parse_times(
        df["InitiationTimestamp"], "InitiationTimestamp", chk, tz=ctx.time_zone, required=True
    )
    enq = parse_times(df["Queue.EnqueueTimestamp"], "Queue.EnqueueTimestamp", chk, tz=ctx.time_zone)
    deq = parse_times(
        col("Queue.DequeueTimestamp"), "Queue.DequeueTimestamp", chk, tz=ctx.time_zone
    )
    conn = parse_times(
        df["Agent.ConnectedToAgentTimestamp"],
        "Agent.ConnectedToAgentTimestamp",
        chk,
        tz=ctx.time_zone,
    )
    end = parse_times(df["DisconnectTimestamp"], "DisconnectTimestamp", chk, tz=ctx.time_zone)
    queued = enq.notna()
    transferred_out = (
        col("DisconnectReason").str.strip().str.upper().isin(["TRANSFER", "CONTACT_FLOW_TRANSFER"])
    )
    out["outcome"] = np.select(
        [conn.notna(), queued & transferred_out, queued],
        ["answered", "flowout", "abandoned"],
        default="self_service",
    )
    out["arrival"] = enq.where(queued, init)
    out["answered_at"] = conn
    out["ended_at"] = end
    qdur = parse_numbers(col("Queue.Duration"), "Queue.Duration", chk)
    out["wait_s"] = qdur.where(
        qdur.notna(),
        (conn.where(conn.notna(), deq.where(deq.notna(), end)) - enq).dt.total_seconds(),
    )
    out["wait_s"] = out["wait_s"].where(queued)
    out["talk_s"] = parse_numbers(
        col("Agent.AgentInteractionDuration"), "Agent.AgentInteractionDuration", chk
    )
    out["hold_s"] = parse_numbers(
        col("Agent.CustomerHoldDuration"), "Agent.CustomerHoldDuration", chk
    )
    out["acw_s"] = parse_numbers(
        col("Agent.AfterContactWorkDuration"), "Agent.AfterContactWorkDuration", chk
    )
    out["queue"] = blank_to_none(col("Queue.Name"))
    out["agent"] = blank_to_none(col("Agent.Username"))
    out["customer"] = blank_to_none(col("CustomerEndpoint.Address"))
    out["disconnect"] = (
        col("DisconnectReason")
        .str.strip()
        .str.upper()
        .map(_AC_DISCONNECT)
        .fillna("system")
        .where(end.notna(), None)
    )
    out["transferred"] = transferred_out | ~blank(col("TransferredToEndpoint.Address"))
    _handle(out)
    return out


_GC = ("conversationId", "conversationStart", "mediaType", "tAcd", "tAnswered", "tAbandon")
_GC_MEDIA = {
    "voice": "phone",
    "chat": "chat",
    "email": "email",
    "message": "messaging",
    "callback": "callback",
}


def _convert_genesys(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """Genesys Cloud analytics conversation detail, one row per conversation, metrics in milliseconds
    (tAcd time in queue, tAnswered, tAbandon, tTalk, tHeld, tAcw) as the analytics API names them."""

    def col(name: str) -> pd.Series:
        return df[name] if name in df.columns else pd.Series("", index=df.index)

    def ms(name: str) -> pd.Series:
        return parse_numbers(col(name), name, chk) / 1000.0

    out = pd.DataFrame(index=df.index)
    out["contact_id"] = blank_to_none(df["conversationId"])
    media = df["mediaType"].str.strip().str.lower()
    out["channel"] = media.map(_GC_MEDIA)
    chk.flag(out["channel"].isna(), Reason.UNKNOWN_CHANNEL, "mediaType " + df["mediaType"])
    start = parse_times(
        df["conversationStart"], "conversationStart", chk, tz=ctx.time_zone, required=True
    )
    end = parse_times(col("conversationEnd"), "conversationEnd", chk, tz=ctx.time_zone)
    t_acd, t_ans, t_ab = ms("tAcd"), ms("tAnswered"), ms("tAbandon")
    flow = col("tFlowOut").str.strip() != ""
    out["outcome"] = np.select(
        [t_ans.notna(), t_ab.notna(), flow],
        ["answered", "abandoned", "flowout"],
        default="self_service",
    )
    out["arrival"] = start
    out["wait_s"] = t_ans.where(t_ans.notna(), t_ab.where(t_ab.notna(), t_acd))
    out["answered_at"] = start + pd.to_timedelta(t_ans, unit="s")
    out["ended_at"] = end
    out["talk_s"], out["hold_s"], out["acw_s"] = ms("tTalk"), ms("tHeld"), ms("tAcw")
    out["queue"] = blank_to_none(col("queueName"))
    out["agent"] = blank_to_none(col("userName"))
    out["customer"] = blank_to_none(col("ani"))
    disc = col("disconnectType").str.strip().str.lower()
    out["disconnect"] = (
        disc.map(
            {
                "client": "customer",
                "customer": "customer",
                "endpoint": "customer",
                "peer": "agent",
                "agent": "agent",
            }
        )
        .where(disc != "", None)
        .fillna("system")
        .where(disc != "", None)
    )
    out["transferred"] = parse_numbers(col("nTransferred"), "nTransferred", chk).fillna(0) > 0
    _handle(out)
    return out


_ZD = ("id", "created_at", "status", "via.channel")
_ZD_CHANNEL = {
    "email": "email",
    "web": "web_form",
    "chat": "chat",
    "native_messaging": "messaging",
    "twitter": "social",
    "facebook": "social",
    "instagram_dm": "social",
    "voice": "phone",
    "api": "web_form",
}


def _convert_zendesk(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """Zendesk tickets joined with their ticket metrics, flattened with dotted names (API field names)."""

    def col(name: str) -> pd.Series:
        return df[name] if name in df.columns else pd.Series("", index=df.index)

    out = pd.DataFrame(index=df.index)
    out["ticket_id"] = blank_to_none(df["id"])
    out["created"] = parse_times(
        df["created_at"], "created_at", chk, tz=ctx.time_zone, required=True
    )
    via = df["via.channel"].str.strip().str.lower()
    out["channel"] = via.map(_ZD_CHANNEL)
    chk.flag(out["channel"].isna(), Reason.UNKNOWN_CHANNEL, "via.channel " + df["via.channel"])
    reply_min = parse_numbers(
        col("metric_set.reply_time_in_minutes.calendar"), "reply_time_in_minutes", chk
    )
    out["first_reply"] = out["created"] + pd.to_timedelta(reply_min, unit="min")
    out["solved"] = parse_times(
        col("metric_set.solved_at"), "metric_set.solved_at", chk, tz=ctx.time_zone
    )
    out["status"] = blank_to_none(df["status"])
    out["priority"] = blank_to_none(col("priority"))
    out["customer"] = blank_to_none(col("requester_id"))
    out["agent"] = blank_to_none(col("assignee_id"))
    out["group"] = blank_to_none(col("group_id"))
    out["reopens"] = parse_numbers(col("metric_set.reopens"), "metric_set.reopens", chk)
    out["visibility"] = np.where(via.isin(["twitter", "facebook"]), "public", "private")
    return out


# ----------------------------------------------------------------------------- QA answers

_QA_KEYS = ("evaluation_id", "agent", "evaluator", "evaluated_at", "form_id", "form_version")


def _convert_qa_long(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """One row per answer: the evaluations contract's own names (``question_id``, ``answer``)."""
    return _convert_generic(df, chk, replace(ctx, options={**ctx.options, "table": "evaluations"}))


def _convert_qa_wide(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """One row per evaluation: the keys typed, every other column kept as that question's answer."""
    return _convert_generic(
        df, chk, replace(ctx, options={**ctx.options, "table": "evaluation_rows"})
    )


def _reduce_qa_wide(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """One row per answer from one row per evaluation; a blank cell is a question not asked (the
    form check says whether the form wanted an answer there)."""
    keys = [c.name for c in CONTRACTS["evaluation_rows"].columns if c.name in rows.columns]
    questions = [c for c in rows.columns if c not in keys and c != "source_line"]
    long = rows.melt(
        id_vars=[*keys, "source_line"],
        value_vars=questions,
        var_name="question_id",
        value_name="answer",
    )
    long = long[long.answer.notna()]
    long = long.sort_values(["source_line"], kind="stable").reset_index(drop=True)
    return long, {"evaluation_rows": rows}


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "generic",
            "*",
            "Columns already named as the contract (or renamed with mapping=); table= picks the contract.",
            (),
            _convert_generic,
        ),
        Preset(
            "technion",
            "contacts",
            "Technion SEE lab 'Anonymous Bank' call log (1999), tab-separated.",
            _TECHNION,
            _convert_technion,
            time_zone="Asia/Jerusalem",
            notes=(
                "PHANTOM rows are virtual calls and are quarantined.",
                "Calls that ended in the VRU without queueing are self_service: not offered to agents.",
            ),
            signature=("vru+line", "q_start", "ser_start"),
        ),
        Preset(
            "nhs111",
            "intervals",
            "NHS 111 Minimum Data Set, area x month (answered within 60 s, call-backs within 10 min).",
            _NHS,
            _convert_nhs,
            time_zone="Europe/London",
            signature=("Nhs1 Number Calls Offered SUM",),
        ),
        Preset(
            "servicenow",
            "tickets",
            "ServiceNow incident audit log (one row per update); reduced to the last state per incident.",
            _SN,
            _convert_servicenow,
            time_zone="UTC",
            reduce=_reduce_servicenow,
            row_table="ticket_updates",
            notes=(
                "The incident log has no first-reply time: first_response_time cannot be computed from it.",
            ),
            signature=("sys_mod_count", "incident_state"),
        ),
        Preset(
            "helpdesk_italian",
            "tickets",
            "Helpdesk event log (Case ID, Activity, Complete Timestamp, Resource).",
            _HD,
            _convert_helpdesk,
            time_zone="UTC",
            reduce=_reduce_helpdesk,
            row_table="ticket_events",
            notes=(
                "first_reply is the first 'Take in charge ticket' (a first-response proxy); 'Wait' pauses the clock.",
            ),
            signature=("Case ID", "Complete Timestamp"),
        ),
        Preset(
            "bpic2013",
            "tickets",
            "BPI Challenge 2013 Volvo IT incidents event log.",
            _BPIC,
            _convert_bpic,
            time_zone="Europe/Stockholm",
            reduce=_reduce_bpic,
            row_table="ticket_events",
            notes=(
                "first_reply is the first Accepted/In Progress; sub-statuses starting 'Wait' pause the clock.",
            ),
            signature=("SR Number", "Change Date+Time"),
        ),
        Preset(
            "amazon_connect",
            "contacts",
            "Amazon Connect contact records (CTR), flattened with dotted field names.",
            _AC,
            _convert_amazon_connect,
            time_zone="UTC",
            signature=("ContactId", "InitiationTimestamp"),
        ),
        Preset(
            "genesys_cloud",
            "contacts",
            "Genesys Cloud conversation detail, one row per conversation, metrics in ms.",
            _GC,
            _convert_genesys,
            time_zone="UTC",
            signature=("conversationId", "tAcd"),
        ),
        Preset(
            "qa_long",
            "evaluations",
            "QA answers, one row per answer: evaluation_id, agent, evaluator, evaluated_at, form_id, "
            "form_version, question_id, answer (check them with cx.fit_answers against the charter's forms).",
            (*_QA_KEYS, "question_id", "answer"),
            _convert_qa_long,
            notes=("Answers are checked against the charter's forms by cx.fit_answers.",),
            signature=("question_id", "answer", "form_version"),
        ),
        Preset(
            "qa_wide",
            "evaluations",
            "QA answers, one row per evaluation: the keys, then one column per question id.",
            _QA_KEYS,
            _convert_qa_wide,
            reduce=_reduce_qa_wide,
            row_table="evaluation_rows",
            notes=(
                "Each question column becomes one answer row; blank cells are questions not asked.",
                "Answers are checked against the charter's forms by cx.fit_answers.",
            ),
            signature=("evaluation_id", "form_version", "evaluator"),
        ),
        Preset(
            "zendesk",
            "tickets",
            "Zendesk tickets with their ticket metrics, flattened with dotted field names.",
            _ZD,
            _convert_zendesk,
            time_zone="UTC",
            signature=("via.channel", "created_at"),
        ),
        Preset(
            "twitter_support",
            "conversations",
            "Tweet-style support log (the 'Customer Support on Twitter' format): threads and roles "
            "from the reply links, brand from the inbound=False author.",
            TWITTER_COLUMNS,
            convert_twitter,
            time_zone="UTC",
            notes=(
                "A thread's id is its first tweet's id (or the id of a tweet it replies to that is "
                "missing from the export).",
                "Every tweet is public; the text is dropped unless kept (keep_text=('text',)).",
            ),
            signature=("tweet_id", "inbound", "in_response_to_tweet_id"),
        ),
        Preset(
            "messaging_export",
            "conversations",
            "Messaging comments, Zendesk / Intercom style: one row per comment with author type "
            "and public flag.",
            MESSAGING_COLUMNS,
            convert_messaging,
            notes=("Comment bodies are dropped unless kept (keep_text=('body',)).",),
            signature=("comment_id", "author_type"),
        ),
    )
}


def _allowed_detail(
    df: pd.DataFrame, col: str, allowed: tuple[str, ...]
) -> Callable[[pd.Series], pd.Series]:
    """Detail of rows whose ``col`` is not one of ``allowed``: the column, its value and the choices."""

    def detail(m: pd.Series) -> pd.Series:
        return f"{col} " + df.loc[m, col].astype(str) + f"; allowed: {', '.join(allowed)}"

    return detail


def suggest_preset(columns: list[str] | Any) -> str | None:
    """The preset whose signature columns all appear in ``columns``, if any.

    Parameters
    ----------
    columns : list of str
        A file's column names.

    Returns
    -------
    str or None
        A preset name (``generic`` when the contract's own required columns are there), or None.
    """
    cols = set(columns)
    for p in PRESETS.values():
        if p.signature and set(p.signature) <= cols:
            return p.name
    if set(CONTRACTS["contacts"].required) <= cols:
        return "generic"
    return None


def presets_frame() -> pd.DataFrame:
    """The presets, as a table for the notebooks.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``table`` (the contract it fills), ``time_zone`` (its default zone), ``description``
        and ``columns`` (the export columns it reads).
    """
    return pd.DataFrame(
        [
            {
                "name": p.name,
                "table": p.table,
                "time_zone": p.time_zone,
                "description": p.description,
                "columns": ", ".join(p.columns),
            }
            for p in PRESETS.values()
        ]
    )


__all__ = ["MAX_DURATION_S", "PRESETS", "Preset", "duration_hms", "presets_frame", "suggest_preset"]
