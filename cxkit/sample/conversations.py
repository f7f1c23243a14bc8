"""The sample centre's conversation log: the messages of its chats and social media items.

Every conversation is one of the sample's contacts or tickets, so the log agrees with them: a chat
opens at the contact's arrival with a bot greeting, the agent's first message is the contact's
answer time and the last message comes before it ended; an abandoned chat has no agent message. A
social item opens at the ticket's creation, public or private as the ticket is, the agent's first
reply is the ticket's first reply, and about half the customers write again, answered within the
team's weekday office hours (08-16 Helsinki). Its own random stream (``[seed, 14]``) leaves the other
tables of the sample unchanged.

>>> from cxkit.sample.generate import generate
>>> t = generate(days=2, seed=1, scale=0.03)
>>> sorted(conversation_log(t, seed=1).author_role.unique())
['agent', 'bot', 'customer']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["BRAND", "CONVERSATION_COLUMNS", "conversation_log"]

#: The account the sample's social media conversations are with.
BRAND = "EnergiaOy"
#: Columns of :func:`conversation_log`, in order.
CONVERSATION_COLUMNS = [
    "conversation_id",
    "message_id",
    "channel",
    "author_role",
    "direction",
    "visibility",
    "sent_at",
    "brand",
    "in_reply_to",
    "customer",
    "agent",
    "priority",
    "resolved",
]
_OPEN_H = (8, 16)  # the social team's weekday hours, local time


def _next_open(t: pd.Timestamp) -> pd.Timestamp:
    """``t`` if the social team is at work then, else the next weekday 08:00 (local time)."""
    while t.dayofweek >= 5 or not (_OPEN_H[0] <= t.hour < _OPEN_H[1]):
        day = t.normalize()
        if t.dayofweek < 5 and t.hour < _OPEN_H[0]:
            t = day + pd.Timedelta(hours=_OPEN_H[0])
        else:
            t = day + pd.Timedelta(days=1, hours=_OPEN_H[0])
    return t


def _chat(c: pd.Series, rng: np.random.Generator) -> list[dict]:
    """Messages of one chat contact: customer opens, the bot greets, the agent answers, a few turns."""
    msgs = [(c.arrival, "customer"), (c.arrival + pd.Timedelta(seconds=2), "bot")]
    if c.outcome == "answered":
        t, end = c.answered_at, c.ended_at
        msgs.append((t, "agent"))
        for _ in range(int(rng.integers(1, 4))):
            lines = int(rng.integers(1, 3))  # sometimes two customer lines in a row
            gaps = rng.uniform(5, 30, lines).cumsum() + float(rng.uniform(20, 120))
            reply = float(rng.lognormal(np.log(45), 0.6))
            if t + pd.Timedelta(seconds=float(gaps[-1]) + reply) >= end:
                break
            msgs += [(t + pd.Timedelta(seconds=float(g)), "customer") for g in gaps]
            t = t + pd.Timedelta(seconds=float(gaps[-1]) + reply)
            msgs.append((t, "agent"))
    return [{"sent_at": when, "author_role": role, "visibility": "private"} for when, role in msgs]


def _social(tk: pd.Series, end: pd.Timestamp, rng: np.random.Generator) -> list[dict]:
    """Messages of one social item: the post, the first reply, maybe a follow-up and its answer."""
    vis = tk.visibility
    msgs = [(tk.created, "customer")]
    if pd.notna(tk.first_reply):
        msgs.append((tk.first_reply, "agent"))
        if rng.random() < 0.5:
            again = tk.first_reply + pd.Timedelta(hours=float(rng.lognormal(np.log(2), 0.8)))
            if again < end:
                msgs.append((again, "customer"))
                reply = _next_open(again) + pd.Timedelta(
                    minutes=float(rng.lognormal(np.log(40), 0.8))
                )
                if reply < end:
                    msgs.append((reply, "agent"))
    return [{"sent_at": when, "author_role": role, "visibility": vis} for when, role in msgs]


def conversation_log(tables: dict[str, pd.DataFrame], *, seed: int) -> pd.DataFrame:
    """The messages of the sample's chat contacts and social media tickets.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The sample's ``contacts`` (chat rows are used) and ``tickets`` (social rows), as
        :func:`cxkit.sample.generate.generate` returns them.
    seed : int
        The sample's seed; the log draws from its own stream ``[seed, 14]``.

    Returns
    -------
    pandas.DataFrame
        One row per message, columns :data:`CONVERSATION_COLUMNS`: ``conversation_id`` (the
        contact or ticket id), ``message_id``, ``channel`` (chat or social), ``author_role``
        (customer, agent, bot), ``direction`` (inbound, outbound), ``visibility`` (private for chat,
        the ticket's for social), ``sent_at`` (zone-aware), ``brand``, ``in_reply_to`` (the message
        before), ``customer``, ``agent`` (on agent messages), ``priority`` (``high`` for about one
        social item in five, else ``normal``) and ``resolved`` (the contact's or ticket's).
    """
    rng = np.random.default_rng([seed, 14])
    con, tk = tables["contacts"], tables["tickets"]
    end = max(con["ended_at"].max(), tk["created"].max())
    rows = []
    chats = con[(con.channel == "chat") & con.outcome.isin(["answered", "abandoned"])]
    for c in chats.itertuples(index=False):
        for m in _chat(c, rng):
            rows.append(
                {
                    **m,
                    "conversation_id": c.contact_id,
                    "channel": "chat",
                    "customer": c.customer,
                    "agent": c.agent,
                    "priority": "normal",
                    "resolved": bool(c.resolved) if c.outcome == "answered" else False,
                }
            )
    for k in tk[tk.channel == "social"].itertuples(index=False):
        prio = "high" if rng.random() < 0.2 else "normal"
        for m in _social(k, end, rng):
            rows.append(
                {
                    **m,
                    "conversation_id": k.ticket_id,
                    "channel": "social",
                    "customer": k.customer,
                    "agent": k.agent,
                    "priority": prio,
                    "resolved": bool(k.resolved) if pd.notna(k.resolved) else False,
                }
            )
    log = pd.DataFrame(rows)
    log = log.sort_values(["conversation_id", "sent_at"], kind="stable").reset_index(drop=True)
    log["message_id"] = [f"M{i:07d}" for i in range(len(log))]
    first = log["conversation_id"].ne(log["conversation_id"].shift())
    log["in_reply_to"] = log["message_id"].shift().where(~first)
    log["direction"] = np.where(log["author_role"] == "customer", "inbound", "outbound")
    log["brand"] = BRAND
    log["agent"] = log["agent"].where(log["author_role"] == "agent")
    log["customer"] = log["customer"].where(log["author_role"] == "customer")
    return log.sort_values("sent_at", kind="stable").reset_index(drop=True)[CONVERSATION_COLUMNS]
