"""Presets for message-level exports of messaging and social channels (the ``conversations`` table).

- ``twitter_support``: a tweet-style support log in the format of the public "Customer Support on
  Twitter" dataset (``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
  in_response_to_tweet_id``; ``created_at`` like ``Tue Oct 31 22:10:47 +0000 2017``;
  ``response_tweet_id`` may hold several comma-separated ids). Threads are built from the reply
  links, whatever order the rows come in; the author's role comes from ``inbound``; the brand of a
  thread is its ``inbound=False`` author (or, for a thread no brand answered, the first known brand
  the opening tweet mentions).
- ``messaging_export``: a Zendesk / Intercom style comment export, one row per comment
  (``conversation_id, comment_id, created_at, author_type, public``...).

>>> tweet_time(pd.Series(["Tue Oct 31 22:10:47 +0200 2017", "bad"])).dt.strftime("%H:%M %Z").tolist()
['20:10 UTC', nan]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxkit.data.context import LoadContext, blank_to_none
from cxkit.data.validate import Checker, parse_bools, parse_times
from cxkit.errors import Reason

__all__ = [
    "MESSAGING_COLUMNS",
    "TWEET_TIME_FORMAT",
    "TWITTER_COLUMNS",
    "convert_messaging",
    "convert_twitter",
    "thread_roots",
    "tweet_time",
]

#: The columns a tweet-style support log must have (``text`` is optional).
TWITTER_COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "response_tweet_id",
    "in_response_to_tweet_id",
)
#: Twitter's ``created_at`` layout (``Tue Oct 31 22:10:47 +0000 2017``).
TWEET_TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"


def tweet_time(text: pd.Series) -> pd.Series:
    """Twitter's ``created_at`` (``Tue Oct 31 22:10:47 +0000 2017``) as UTC times (Arrow's strptime).

    Parameters
    ----------
    text : pandas.Series
        The ``created_at`` values as read.

    Returns
    -------
    pandas.Series
        Zone-aware UTC times with the index of ``text``; NaT where a value is empty or not in
        Twitter's layout (the caller reports those rows).
    """
    s = text.astype("string").str.strip()
    arr = pa.array(s.to_numpy(dtype=object, na_value=None), type=pa.string())
    parsed = pc.strptime(arr, format=TWEET_TIME_FORMAT, unit="s", error_is_null=True)
    out = pd.Series(parsed.to_pandas(), index=text.index)
    return out.astype("datetime64[ns, UTC]")


def _tweet_times(text: pd.Series, chk: Checker, tz: str | None) -> pd.Series:
    """Parsed ``created_at`` in ``tz``, with unparseable and empty values flagged on their rows."""
    t = tweet_time(text)
    s = text.astype("string").str.strip()
    empty = s.isna() | (s == "")
    chk.flag(empty, Reason.MISSING_REQUIRED, "created_at is empty")
    chk.flag(~empty & t.isna(), Reason.UNPARSEABLE_TIME, lambda m: "created_at: " + s[m].fillna(""))
    used = chk.time_formats.setdefault("created_at", {})
    used["Twitter's created_at (Tue Oct 31 22:10:47 +0000 2017)"] = int(t.notna().sum())
    return t.dt.tz_convert(tz) if tz else t


def _ids(s: pd.Series) -> pd.Series:
    """Tweet ids as text: blanks missing, a float's ``.0`` (pandas-written files) removed."""
    return blank_to_none(s.astype("string").str.replace(r"\.0$", "", regex=True))


def thread_roots(message_id: pd.Series, parent: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The root of each message's reply chain, by pointer doubling (any row order).

    Parameters
    ----------
    message_id : pandas.Series
        Message ids (text).
    parent : pandas.Series
        The id each message replies to (missing for an opening message); a parent that is not in
        ``message_id`` (a tweet missing from the export) becomes the root of its replies.

    Returns
    -------
    tuple of (pandas.Series, pandas.Series)
        ``root`` (the thread's id for each row, text) and ``loop`` (bool: the row's chain runs in a
        circle, so it has no root), both with the index of ``message_id``.

    Examples
    --------
    >>> ids = pd.Series(["3", "1", "2", "9"])
    >>> root, loop = thread_roots(ids, pd.Series(["2", None, "1", "8"]))
    >>> root.tolist(), loop.tolist()
    (['1', '1', '1', '8'], [False, False, False, False])
    """
    up = pd.Series(parent.where(parent.notna(), message_id).to_numpy(), index=message_id.to_numpy())
    up = up[~up.index.duplicated(keep="first")]
    missing = pd.Index(up.to_numpy()).difference(up.index)
    up = pd.concat([up, pd.Series(missing, index=missing)])  # unknown parents are their own root
    for _ in range(64):  # doubling: 2^64 exceeds any chain
        nxt = up.map(up)
        if nxt.equals(up):
            break
        up = nxt
    root = message_id.map(up)
    # a true root opens its thread (no parent) or is missing from the export; a root that still
    # has a parent was reached by going round a loop
    first_parent = pd.Series(parent.to_numpy(), index=message_id.to_numpy())
    first_parent = first_parent[~first_parent.index.duplicated(keep="first")]
    loop = root.map(first_parent).notna()
    return root.where(~loop, None), loop


def _brands(out: pd.DataFrame, text: pd.Series | None) -> pd.Series:
    """Each thread's brand: its first outbound author; else the first known brand the opening mentions."""
    order = out.sort_values("sent_at", kind="stable")
    outbound = order[order["direction"] == "outbound"]
    by_thread = outbound.groupby("conversation_id")["_author"].first()
    brand = out["conversation_id"].map(by_thread)
    if text is not None and brand.isna().any():
        known = set(outbound["_author"].dropna())
        opening = order[order["direction"] == "inbound"].drop_duplicates("conversation_id")
        opening = opening[~opening["conversation_id"].isin(by_thread.index)]
        mentions = text.reindex(opening.index).astype("string").str.findall(r"@(\w+)")
        first = [
            next((m for m in ms if m in known), None) if isinstance(ms, list) else None
            for ms in mentions
        ]
        guess = pd.Series(first, index=opening["conversation_id"].to_numpy(), dtype=object)
        guessed = out["conversation_id"].map(guess).astype(object)
        brand = brand.astype(object).where(brand.notna(), guessed)
    return brand.astype(object).where(brand.notna(), None)


def convert_twitter(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """Messages of a tweet-style support log, threaded by their reply links.

    Parameters
    ----------
    df : pandas.DataFrame
        The raw rows (text fields, see :data:`TWITTER_COLUMNS`).
    chk : Checker
        Collects the rows' problems (unparseable times and booleans, reply loops).
    ctx : LoadContext
        The load's zone and options (``channel``, default ``social``; ``visibility``, default
        ``public``).

    Returns
    -------
    pandas.DataFrame
        ``conversations`` contract columns: ``message_id, conversation_id`` (the thread's root
        tweet id), ``author_role`` (customer when ``inbound``, else agent), ``direction``,
        ``sent_at``, ``channel``, ``visibility``, ``brand``, ``in_reply_to``, ``customer`` (the
        inbound author, pseudonymised on load) and ``text`` when the export has it (dropped on load
        unless kept).
    """
    out = pd.DataFrame(index=df.index)
    out["message_id"] = _ids(df["tweet_id"])
    inbound = parse_bools(df["inbound"], "inbound", chk)
    chk.flag(inbound.isna(), Reason.MISSING_REQUIRED, "inbound is empty")
    out["sent_at"] = _tweet_times(df["created_at"], chk, ctx.time_zone)
    parent = _ids(df["in_response_to_tweet_id"])
    # a reply the parent lists but that does not name its parent still belongs to the thread
    listed = _ids(df["response_tweet_id"]).astype("string").str.split(",").explode().str.strip()
    listed = listed[listed.notna() & (listed != "")]
    parent_of = pd.Series(
        out["message_id"].reindex(listed.index).to_numpy(), index=listed.to_numpy()
    )
    parent_of = parent_of[~parent_of.index.duplicated(keep="first")]
    parent = parent.where(parent.notna(), out["message_id"].map(parent_of))
    out["in_reply_to"] = parent.astype(object).where(parent.notna(), None)
    root, loop = thread_roots(out["message_id"], parent)
    chk.flag(loop, Reason.IMPLAUSIBLE, "reply links run in a loop: the tweet has no thread start")
    out["conversation_id"] = root
    is_in = inbound.fillna(True).astype(bool)
    out["author_role"] = np.where(is_in, "customer", "agent")
    out["direction"] = np.where(is_in, "inbound", "outbound")
    out["channel"] = str(ctx.options.get("channel", "social"))
    out["visibility"] = str(ctx.options.get("visibility", "public"))
    author = blank_to_none(df["author_id"])
    out["_author"] = author
    text = df["text"] if "text" in df.columns else None
    out["brand"] = _brands(out, text)
    out["customer"] = author.where(is_in, None)
    out = out.drop(columns="_author")
    if text is not None:
        out["text"] = text
    return out


#: The columns a generic messaging export (one row per comment) must have.
MESSAGING_COLUMNS = ("conversation_id", "comment_id", "created_at", "author_type")
_AUTHOR_TYPES = {
    "end-user": "customer",
    "end_user": "customer",
    "user": "customer",
    "lead": "customer",
    "contact": "customer",
    "customer": "customer",
    "requester": "customer",
    "agent": "agent",
    "admin": "agent",
    "teammate": "agent",
    "bot": "bot",
    "system": "bot",
    "trigger": "bot",
    "operator": "bot",
}


def convert_messaging(df: pd.DataFrame, chk: Checker, ctx: LoadContext) -> pd.DataFrame:
    """Messages of a Zendesk / Intercom style comment export.

    Parameters
    ----------
    df : pandas.DataFrame
        The raw rows: ``conversation_id, comment_id, created_at`` (ISO 8601), ``author_type``
        (Zendesk ``end-user`` / ``agent``, Intercom ``user`` / ``lead`` / ``admin`` / ``bot``...);
        optionally ``public`` (true / false), ``author_id``, ``agent_name``, ``channel``,
        ``brand``, ``priority``, ``in_reply_to``, ``status`` (``solved`` / ``closed`` marks the
        conversation resolved) and ``body``.
    chk : Checker
        Collects the rows' problems.
    ctx : LoadContext
        The load's zone and options (``channel`` when the export has no channel column,
        ``visibility``).

    Returns
    -------
    pandas.DataFrame
        ``conversations`` contract columns (``message_id`` from ``comment_id``, ``author_role``,
        ``direction``, ``sent_at``, ``visibility`` (the ``visibility`` option, default
        ``private``: a messaging thread is seen by the customer only), ``internal`` (``public`` =
        false: an internal note, never a reply), ``customer`` from an end user's ``author_id``,
        ``agent``, ``resolved``...) and ``body`` (free text, dropped on load unless kept).
    """

    def col(name: str) -> pd.Series:
        return df[name] if name in df.columns else pd.Series("", index=df.index, dtype=object)

    out = pd.DataFrame(index=df.index)
    out["conversation_id"] = blank_to_none(df["conversation_id"])
    out["message_id"] = blank_to_none(df["comment_id"])
    out["sent_at"] = parse_times(
        df["created_at"], "created_at", chk, tz=ctx.time_zone, required=True
    )
    kind = df["author_type"].astype("string").str.strip().str.lower()
    role = kind.map(_AUTHOR_TYPES)
    chk.flag(
        role.isna() & kind.notna() & (kind != ""),
        Reason.UNKNOWN_VALUE,
        lambda m: (
            "author_type "
            + df.loc[m, "author_type"].astype(str)
            + "; known: "
            + ", ".join(sorted(_AUTHOR_TYPES))
        ),
    )
    out["author_role"] = role.astype(object).where(role.notna(), None)
    out["direction"] = np.where(role.eq("customer").fillna(False), "inbound", "outbound")
    if "public" in df.columns:  # Zendesk's public=false is an internal note, not a reply
        pub = parse_bools(df["public"], "public", chk)
        out["internal"] = (~pub.fillna(True)).astype(bool)
    out["visibility"] = str(ctx.options.get("visibility", "private"))
    channel = blank_to_none(col("channel"))
    out["channel"] = channel.where(channel.notna(), ctx.options.get("channel", "messaging"))
    for ours, theirs in (
        ("brand", "brand"),
        ("priority", "priority"),
        ("in_reply_to", "in_reply_to"),
    ):
        if theirs in df.columns:
            out[ours] = blank_to_none(df[theirs])
    author = blank_to_none(col("author_id"))
    out["customer"] = author.where(role.eq("customer").fillna(False).to_numpy(), None)
    if "agent_name" in df.columns:
        out["agent"] = blank_to_none(df["agent_name"]).where(role.eq("agent").fillna(False), None)
    if "status" in df.columns:
        st = df["status"].astype("string").str.strip().str.lower()
        out["resolved"] = st.isin(["solved", "closed", "resolved"]).fillna(False).astype(bool)
    if "body" in df.columns:
        out["body"] = df["body"]
    return out
