"""Real-system export formats written from the sample, so a workshop can practise loading them.

:func:`tweet_export` writes public social conversations in the layout of the public "Customer Support
on Twitter" dataset: rows shuffled (replies before what they answer, as in real dumps), Twitter's
``created_at`` format and parent ids written as floats (``1234.0``), as pandas wrote them. Loading it with ``preset="twitter_support"`` must give back the same
threads and the same reply times.

>>> t0 = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> conv = pd.DataFrame({"conversation_id": "T1", "message_id": ["M0000001", "M0000002"],
...     "author_role": ["customer", "agent"], "visibility": "public", "brand": "EnergiaOy",
...     "sent_at": [t0, t0 + pd.Timedelta("1h")], "customer": ["c_1", None]})
>>> tweet_export(conv, seed=0)[["tweet_id", "inbound", "created_at", "in_response_to_tweet_id"]].values.tolist()
[['1', 'True', 'Mon Mar 02 07:00:00 +0000 2026', ''], ['2', 'False', 'Mon Mar 02 08:00:00 +0000 2026', '1.0']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["tweet_export"]


def tweet_export(conversations: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """Public social conversations as a tweet-style support log.

    Parameters
    ----------
    conversations : pandas.DataFrame
        Messages of the ``conversations`` contract (the sample's); only public threads of
        customers and agents are written (bots do not tweet in this format).
    seed : int
        Seed of the row shuffle.

    Returns
    -------
    pandas.DataFrame
        Text columns ``tweet_id`` (the digits of ``message_id``), ``author_id`` (the customer key,
        or the brand for agent tweets), ``inbound`` (``True`` / ``False``), ``created_at``
        (``Tue Oct 31 22:10:47 +0000 2017``, UTC), ``text`` (a made-up placeholder),
        ``response_tweet_id`` (comma-separated ids of the tweets answering this one) and
        ``in_response_to_tweet_id`` (the previous tweet of the thread as ``1234.0``, empty for an
        opening tweet), rows in shuffled order.
    """
    c = conversations
    c = c[c["author_role"].isin(["customer", "agent"]) & c["visibility"].eq("public")]
    c = c.sort_values(["conversation_id", "sent_at"], kind="stable")
    ids = c["message_id"].astype(str).str.replace(r"\D", "", regex=True).str.lstrip("0")
    first = c["conversation_id"].ne(c["conversation_id"].shift())
    parent = ids.shift().where(~first)
    child = ids.shift(-1).where(~first.shift(-1, fill_value=True))
    inbound = c["author_role"].eq("customer")
    brand = c["brand"].fillna("brand").astype(str)
    author = c["customer"].astype(object).where(inbound, brand).fillna("unknown")
    text = np.where(
        inbound,
        "@" + brand + " (sample customer message)",
        "@" + author.shift().fillna("") + " (sample reply from " + brand + ")",
    )
    out = pd.DataFrame(
        {
            "tweet_id": ids.to_numpy(),
            "author_id": author.astype(str).to_numpy(),
            "inbound": np.where(inbound, "True", "False"),
            "created_at": c["sent_at"]
            .dt.tz_convert("UTC")
            .dt.strftime("%a %b %d %H:%M:%S +0000 %Y")
            .to_numpy(),
            "text": text,
            "response_tweet_id": child.fillna("").to_numpy(),
            "in_response_to_tweet_id": (parent + ".0").fillna("").to_numpy(),
        }
    )
    order = np.random.default_rng(seed).permutation(len(out))
    return out.iloc[order].reset_index(drop=True)
