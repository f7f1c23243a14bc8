"""Does an internal target hurt the customer? For each speed or efficiency target of a charter, the CSAT
of surveyed contacts that met it against those that did not, overall and per agent, with Newcombe's
interval of the difference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.model import Calendar, Charter, Target
from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.i18n import t
from cxkit.measure.drivers import driver_frame
from cxkit.measure.ticket_rows import hours_between
from cxkit.stats import newcombe_difference

__all__ = ["target_vs_cx"]


def _within(value: pd.Series, limit: float, target: Target) -> pd.Series:
    lt = target.options.get("comparison", "<=") == "<"
    met = value < limit if lt else value <= limit
    return met.where(value.notna())


def _reply_h(tk: pd.DataFrame, target: Target, calendar: Calendar | None) -> pd.Series:
    business = bool(
        target.options.get(
            "business_hours", get_metric(target.metric).defaults().get("business_hours", False)
        )
    )
    return hours_between(tk["created"], tk["first_reply"], business=business, calendar=calendar)


Rule = Callable[[pd.DataFrame, Target, "Calendar | None"], pd.Series]
#: Per-contact rule of a speed or efficiency target, and the table its surveys follow: did this
#: contact (or ticket) meet it? NaN: not judged (an unanswered ticket has no reply time yet).
_RULES: dict[str, tuple[str, Rule]] = {
    "service_level": (
        "contacts",
        lambda c, tg, cal: _within(c["wait_s"], float(tg.within_s or 0), tg),
    ),
    "asa": ("contacts", lambda c, tg, cal: _within(c["wait_s"], tg.threshold, tg)),
    "aht": ("contacts", lambda c, tg, cal: _within(c["handle_s"], tg.threshold, tg)),
    "response_service_level": (
        "tickets",
        lambda k, tg, cal: _within(_reply_h(k, tg, cal), float(tg.within_h or 0), tg),
    ),
    "first_response_time": (
        "tickets",
        lambda k, tg, cal: _within(_reply_h(k, tg, cal), tg.threshold, tg),
    ),
}


def _ticket_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Survey responses that follow a ticket, with the ticket's channel, agent, creation and reply."""
    s, tk = tables.get("surveys"), tables.get("tickets")
    if s is None or tk is None or "contact_id" not in s.columns or "first_reply" not in tk.columns:
        return pd.DataFrame(columns=["channel", "agent", "csat", "created", "first_reply"])
    tk = tk.drop_duplicates("ticket_id").set_index("ticket_id")
    s = s[s["contact_id"].isin(tk.index)]
    k = tk.loc[s["contact_id"]]
    out = pd.DataFrame(
        {
            "channel": k["channel"].to_numpy(),
            "agent": k["agent"].to_numpy() if "agent" in k.columns else None,
            "csat": s["csat"].to_numpy(dtype=float) if "csat" in s.columns else np.nan,
            "created": k["created"].to_numpy(),
            "first_reply": k["first_reply"].to_numpy(),
            "visibility": k["visibility"].to_numpy() if "visibility" in k.columns else None,
        }
    )
    for col in ("created", "first_reply"):
        out[col] = pd.to_datetime(out[col], utc=True)
    return out


def target_vs_cx(
    charter: Charter,
    data: Any,
    *,
    top_box_min: float = 4,
    by_agent: bool = True,
    lang: str = "en",
) -> pd.DataFrame:
    """For each speed or efficiency target of the charter: the CSAT top-box share of surveyed contacts
    that met it against those that did not, with the difference's interval, overall and per agent.

    Parameters
    ----------
    charter : Charter
        Its ``service_level``, ``asa`` and ``aht`` targets are judged per contact (a wait within
        T, a handle time within the threshold), ``response_service_level`` and
        ``first_response_time`` per ticket (the first reply within the limit, in the channel
        calendar's business hours when the target says so, public or private items only when
        its ``visibility`` option says so); other targets are not judged
        contact by contact and are left out.
    data : tables
        What :func:`cxkit.driver_frame` takes, plus ``tickets`` for the ticket targets (surveys
        whose ``contact_id`` is a ``ticket_id``).
    top_box_min : float
        Lowest CSAT score in the top box.
    by_agent : bool
        Add one row per agent of the channel beside the ``all agents`` row.
    lang : str
        Language of ``verdict``.

    Returns
    -------
    pandas.DataFrame
        ``target_id``, ``channel``, ``metric``, ``agent`` (``all`` for the whole channel),
        ``met_n`` and ``missed_n`` (surveyed contacts or tickets), ``met_csat_pct`` and
        ``missed_csat_pct`` (top-box share, percent), ``difference_pp`` (met - missed, percentage
        points), ``diff_ci_low``, ``diff_ci_high`` (Newcombe 95 %, points) and ``verdict``
        (``higher``, ``lower`` or no evidence of a change, in ``lang``).
    """
    tables = as_tables(data)
    try:
        contacts = driver_frame(tables)
    except MissingDataError:  # no contact log: only ticket targets can be judged
        contacts = pd.DataFrame(columns=["channel", "agent", "csat", "wait_s", "handle_s"])
    frames = {"contacts": contacts, "tickets": _ticket_frame(tables)}
    frames = {
        k: f[f["csat"].notna()] if "csat" in f.columns else f.iloc[0:0] for k, f in frames.items()
    }
    rows = []
    for cid, channel in charter.channels.items():
        for tg in channel.targets:
            if tg.metric not in _RULES:
                continue
            table, rule = _RULES[tg.metric]
            sub = frames[table][frames[table]["channel"] == cid]
            vis = tg.options.get("visibility", "all")
            if table == "tickets" and vis != "all":  # a public-posts target judges public posts
                sub = sub[sub["visibility"] == vis]
            if not len(sub):
                continue
            met = rule(sub, tg, charter.calendar_of(cid))
            top = (sub["csat"] >= top_box_min).astype(int)
            groups = [("all", sub.index)]
            if by_agent and "agent" in sub.columns:
                groups += [(str(a), g.index) for a, g in sub.groupby("agent", sort=True)]
            for agent, idx in groups:
                rows.append(_met_vs_missed(tg, cid, agent, met.loc[idx], top.loc[idx], lang))
    cols = ["target_id", "channel", "metric", "agent", "met_n", "missed_n", "met_csat_pct"]
    cols += ["missed_csat_pct", "difference_pp", "diff_ci_low", "diff_ci_high", "verdict"]
    return pd.DataFrame(rows, columns=cols)


def _met_vs_missed(
    tg: Target, channel: str, agent: str, met: pd.Series, top: pd.Series, lang: str
) -> dict[str, Any]:
    judged = met.notna()
    m, k = met[judged].astype(bool), top[judged]
    n1, k1 = int(m.sum()), int(k[m].sum())
    n2, k2 = int((~m).sum()), int(k[~m].sum())
    lo, hi = newcombe_difference(k1, n1, k2, n2)
    if np.isnan(lo):
        verdict = t("cx_no_data", lang)
    else:
        verdict = t(
            "cx_no_change" if lo <= 0 <= hi else ("cx_higher" if lo > 0 else "cx_lower"), lang
        )
    return {
        "target_id": tg.id,
        "channel": channel,
        "metric": tg.metric,
        "agent": agent,
        "met_n": n1,
        "missed_n": n2,
        "met_csat_pct": 100 * k1 / n1 if n1 else np.nan,
        "missed_csat_pct": 100 * k2 / n2 if n2 else np.nan,
        "difference_pp": 100 * (k1 / n1 - k2 / n2) if n1 and n2 else np.nan,
        "diff_ci_low": 100 * lo,
        "diff_ci_high": 100 * hi,
        "verdict": verdict,
    }
