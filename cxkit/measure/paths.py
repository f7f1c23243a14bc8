"""Channel paths, channel mix and self-service containment: how customers move between channels.

A **journey episode** is a run of one customer's contacts, across channels, each within the window
W of the one before (the same W as repeat contacts). Its **path** is the channels in order
(``email > phone > phone``); it is **resolved** at its first contact flagged resolved (a ticket:
solved), and **contacts to resolve** counts the contacts up to and including that one.

Censoring (``metrics.md``): an episode whose last contact is within W of the data's end may not be
over yet, and one whose first contact is within W of the data's start may have begun before it;
both leave the path tables by default (``censor="include"`` keeps them and says so).

>>> import pandas as pd
>>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
>>> c = pd.DataFrame({"contact_id": ["a", "b", "c"], "channel": ["chat", "phone", "phone"],
...                   "customer": ["K", "K", "L"], "outcome": "answered",
...                   "arrival": [t, t + pd.Timedelta(hours=2), t], "resolved": [False, True, True]})
>>> e = journey_episodes({"contacts": c}, censor="include")
>>> e[["path", "contacts", "contacts_to_resolve"]].values.tolist()
[['chat > phone', 2, 2.0], ['phone', 1, 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from cxkit.data.contracts import OUTCOMES
from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.measure.aggregate import PERIODS, add_period
from cxkit.measure.journeys import journey_frame
from cxkit.stats import wilson

__all__ = ["channel_mix", "channel_paths", "containment", "journey_episodes", "path_transitions"]

_SEP = " > "


def journey_episodes(
    data: Mapping[str, pd.DataFrame],
    *,
    window_days: float = 7,
    max_steps: int = 5,
    censor: str = "exclude",
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per journey episode: its channel path, length and resolution.

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets`` with a ``customer`` key.
    window_days : float
        Contacts of a customer within W of the previous one belong to the same episode.
    max_steps : int
        Channels kept in ``path``; a longer episode's path ends with ``> ...``.
    censor : {"exclude", "include"}
        Leave out episodes that touch the first or last W of the data (default) or keep them.
    as_of : Timestamp, optional
        The end of the data (default: the last contact).

    Returns
    -------
    pandas.DataFrame
        ``customer``, ``start`` (UTC, the first contact), ``end`` (UTC, the last contact),
        ``path`` (channels in order, ``" > "`` between them), ``first_channel``, ``contacts``,
        ``channels`` (distinct channels), ``resolved`` (bool: a contact of the episode was
        resolved), ``contacts_to_resolve`` (contacts up to the first resolved one; missing when
        unresolved) and ``time_to_resolution_h`` (hours from the start to the answer of the
        resolving contact; missing when unresolved).
    """
    if censor not in ("exclude", "include"):
        raise ValueError(f"censor must be 'exclude' or 'include', not {censor!r}")
    j = journey_frame(as_tables(data))
    w = pd.Timedelta(days=float(window_days))
    cust = pd.factorize(j.customer)[0]
    gap = j.time.diff()
    new = np.r_[True, cust[1:] != cust[:-1]] | (gap > w).to_numpy()
    ep = np.cumsum(new) - 1
    step = pd.Series(np.arange(len(j))).groupby(ep).cumcount().to_numpy()
    ch_codes, ch_names = pd.factorize(j.channel)
    res = j.resolved.astype("boolean").fillna(False).to_numpy(dtype=bool)
    frame = pd.DataFrame({"ep": ep, "step": step, "ch": ch_codes, "res": res})
    g = frame.groupby("ep", sort=True)
    first_res = frame[frame.res].groupby("ep").step.min()
    t_ns = pd.DatetimeIndex(j.time).as_unit("ns").asi8  # int64 ns (UTC): no Timestamp objects
    done_ns = pd.DatetimeIndex(j.answered_at.fillna(j.time)).as_unit("ns").asi8
    idx = np.flatnonzero(new)
    end_ns = pd.Series(t_ns).groupby(ep).max().to_numpy()
    out = pd.DataFrame(
        {
            "customer": j.customer.to_numpy()[new],
            "start": pd.to_datetime(t_ns[idx], utc=True),
            "end": pd.to_datetime(end_ns, utc=True),
            "contacts": g.size().to_numpy(),
            "channels": g.ch.nunique().to_numpy(),
        }
    )
    out["path"] = _paths(frame, ch_names, max_steps, len(out))
    out["first_channel"] = np.asarray(ch_names)[ch_codes[new]]
    fr = first_res.reindex(range(len(out)))
    out["resolved"] = fr.notna().to_numpy()
    out["contacts_to_resolve"] = (fr + 1).to_numpy(dtype=float)
    at = np.where(fr.notna(), idx + fr.fillna(0).to_numpy(dtype=int), 0)
    ttr = (done_ns[at] - t_ns[idx]) / 3.6e12
    out["time_to_resolution_h"] = np.where(out.resolved, ttr, np.nan)
    if censor == "exclude":
        end = pd.Timestamp(as_of).tz_convert("UTC") if as_of is not None else j.time.max()
        out = out[(out.end <= end - w) & (out.start >= j.time.min() + w)]
    cols = ["customer", "start", "end", "path", "first_channel", "contacts", "channels"]
    return out[[*cols, "resolved", "contacts_to_resolve", "time_to_resolution_h"]].reset_index(
        drop=True
    )


def _paths(frame: pd.DataFrame, names: pd.Index, max_steps: int, n_ep: int) -> np.ndarray:
    """The path text of each episode, built from integer codes (fast for millions of episodes)."""
    base = len(names) + 1
    code = np.zeros(n_ep, dtype=np.int64)
    kept = frame[frame.step < max_steps]
    np.add.at(code, kept.ep.to_numpy(), (kept.ch.to_numpy() + 1) * base ** kept.step.to_numpy())
    longer = np.zeros(n_ep, dtype=bool)
    longer[frame.ep.to_numpy()[frame.step.to_numpy() >= max_steps]] = True
    uniq, inv = np.unique(code * 2 + longer, return_inverse=True)
    text = []
    for u in uniq:
        c, more, parts = int(u) // 2, int(u) % 2, []
        while c:
            parts.append(str(names[c % base - 1]))
            c //= base
        text.append(_SEP.join(parts) + (_SEP + "..." if more else ""))
    return np.asarray(text, dtype=object)[inv]


def channel_paths(episodes: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """The most common channel paths, with how many contacts and hours they take to resolve.

    Parameters
    ----------
    episodes : pandas.DataFrame
        From :func:`journey_episodes`.
    top : int
        Paths kept (the rest are summed into ``other paths``).

    Returns
    -------
    pandas.DataFrame
        One row per path, most common first: ``path``, ``journeys`` (episodes), ``share_pct``
        (percent of episodes), ``contacts_mean`` (contacts per episode), ``resolved_pct``
        (percent resolved), ``contacts_to_resolve_mean`` (of the resolved ones) and
        ``time_to_resolution_median_h`` (hours, of the resolved ones).

    Examples
    --------
    >>> e = pd.DataFrame({"path": ["phone", "phone", "email > phone"], "contacts": [1, 1, 2],
    ...                   "resolved": [True, False, True], "contacts_to_resolve": [1, None, 2],
    ...                   "time_to_resolution_h": [0.1, None, 20.0]})
    >>> channel_paths(e)[["path", "journeys", "resolved_pct"]].values.tolist()
    [['phone', 2, 50.0], ['email > phone', 1, 100.0]]
    """
    e = episodes
    counts = e.path.value_counts()
    keep = set(counts.index[:top])
    label = e.path.where(e.path.isin(keep), "other paths")
    g = e.assign(path=label).groupby("path", sort=False)
    out = pd.DataFrame(
        {
            "journeys": g.size(),
            "contacts_mean": g.contacts.mean(),
            "resolved_pct": 100 * g.resolved.mean(),
            "contacts_to_resolve_mean": g.contacts_to_resolve.mean(),
            "time_to_resolution_median_h": g.time_to_resolution_h.median(),
        }
    ).reset_index()
    out["share_pct"] = 100 * out.journeys / out.journeys.sum()
    out["_other"] = out.path.eq("other paths")
    out = out.sort_values(["_other", "journeys"], ascending=[True, False], kind="stable")
    cols = ["path", "journeys", "share_pct", "contacts_mean", "resolved_pct"]
    return out[[*cols, "contacts_to_resolve_mean", "time_to_resolution_median_h"]].reset_index(
        drop=True
    )


def path_transitions(episodes: pd.DataFrame, *, max_steps: int = 4) -> pd.DataFrame:
    """How episodes move from channel to channel step by step (the input of a flow chart).

    Parameters
    ----------
    episodes : pandas.DataFrame
        From :func:`journey_episodes` (its ``path``).
    max_steps : int
        Steps drawn.

    Returns
    -------
    pandas.DataFrame
        ``step`` (1 for the first move), ``from_channel``, ``to_channel`` (``end`` when the
        episode stops there) and ``journeys`` (episodes making that move).

    Examples
    --------
    >>> e = pd.DataFrame({"path": ["email > phone", "email"]})
    >>> path_transitions(e).values.tolist()
    [[1, 'email', 'end', 1], [1, 'email', 'phone', 1], [2, 'phone', 'end', 1]]
    """
    parts = episodes.path.str.replace(_SEP + "...", "", regex=False).str.split(_SEP)
    rows = []
    for s in range(max_steps):
        here = parts[parts.str.len() > s]
        frm = here.str[s]
        to = here.map(lambda p, s=s: p[s + 1] if len(p) > s + 1 else "end")
        rows.append(pd.DataFrame({"step": s + 1, "from_channel": frm, "to_channel": to}))
    t = pd.concat(rows, ignore_index=True)
    return (
        t.groupby(["step", "from_channel", "to_channel"], sort=True)
        .size()
        .rename("journeys")
        .reset_index()
    )


def channel_mix(
    data: Mapping[str, pd.DataFrame],
    *,
    period: str = "week",
    time_zone: str | None = None,
) -> pd.DataFrame:
    """Each channel's share of contacts per period, with the total volume.

    Counts contacts offered to the service (answered, abandoned, flow-outs; self-service is not
    offered to agents and is left out) and tickets created.

    Parameters
    ----------
    data : mapping of str to DataFrame
        ``contacts`` and/or ``tickets``.
    period : {"day", "week", "month", "quarter"}
        The period.
    time_zone : str, optional
        Zone the periods are cut in (default: each table's own).

    Returns
    -------
    pandas.DataFrame
        One row per period and channel: ``period_start`` (local time), ``channel``,
        ``contacts`` (count), ``total`` (all channels' contacts in the period) and ``share_pct``
        (percent of the period's contacts).

    Examples
    --------
    >>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> c = pd.DataFrame({"channel": ["phone", "phone", "chat"], "arrival": t,
    ...                   "outcome": "answered"})
    >>> channel_mix({"contacts": c})[["channel", "contacts", "share_pct"]].round(1).values.tolist()
    [['chat', 1, 33.3], ['phone', 2, 66.7]]
    """
    if period not in PERIODS or period == "interval":
        raise ValueError(f"period must be one of {PERIODS[1:]}, not {period!r}")
    data = as_tables(data)
    parts = []
    c = data.get("contacts")
    if c is not None and len(c):
        cc = c[c.outcome.isin([o for o in OUTCOMES if o != "self_service"])]
        parts.append(pd.DataFrame({"time": cc.arrival, "channel": cc.channel}))
    t = data.get("tickets")
    if t is not None and len(t):
        parts.append(pd.DataFrame({"time": t.created, "channel": t.channel}))
    if not parts:
        raise MissingDataError("channel mix needs contacts or tickets")
    tz = time_zone or str(parts[0].time.dt.tz)
    f = pd.concat([add_period(p, period, time_col="time", tz=tz) for p in parts], ignore_index=True)
    g = f.groupby(["period_start", "channel"], sort=True).size().rename("contacts").reset_index()
    g["total"] = g.groupby("period_start").contacts.transform("sum")
    g["share_pct"] = 100 * g.contacts / g.total
    return g


def containment(
    contacts: pd.DataFrame,
    *,
    by: Sequence[str] = ("channel",),
    window_days: float | None = None,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """IVR / self-service containment: the share of contacts that ended in self-service.

    ``containment = self_service / (self_service + offered to agents)`` over the contact log's
    ``outcome`` (``self_service`` ended in the IVR, bot or web self-service before reaching an agent
    queue). With ``window_days``, a self-served contact is **held** only when the same customer did
    not come to an agent queue (any channel; answered or not) within W after it; a self-served contact without a customer
    key or within W of the data's end cannot be judged and is left out of ``held_pct``.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Contact log with ``channel``, ``arrival``, ``outcome`` (and ``customer`` for holding).
    by : sequence of str
        Columns to group by.
    window_days : float, optional
        The window W for holding; None to skip it.
    data : mapping of str to DataFrame or LoadResult, optional
        All tables (tickets count as reaching an agent too; its contacts are replaced by
        ``contacts``); default: the contacts alone.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``entered`` (contacts), ``self_service``,
        ``containment_pct`` (percent), ``ci_low_pct``, ``ci_high_pct`` (Wilson 95 %) and, with a
        window, ``judged`` (self-served contacts that could be followed), ``held`` and ``held_pct``.

    Examples
    --------
    >>> t = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    >>> c = pd.DataFrame({"channel": "phone", "arrival": t,
    ...                   "outcome": ["self_service", "self_service", "answered", "abandoned"]})
    >>> containment(c)[["entered", "self_service", "containment_pct"]].values.tolist()
    [[4.0, 2.0, 50.0]]
    """
    keys = list(by)
    f = contacts[contacts.outcome.isin(OUTCOMES)]
    ss = f.outcome.eq("self_service")
    out = (
        f.assign(entered=1, self_service=ss.astype(int))
        .groupby(keys, sort=True)[["entered", "self_service"]]
        .sum()
        .reset_index()
    )
    lo, hi = wilson(out.self_service.to_numpy(), out.entered.to_numpy())
    out["containment_pct"] = 100 * out.self_service / out.entered
    out["ci_low_pct"], out["ci_high_pct"] = 100 * lo, 100 * hi
    if window_days is None:
        return out
    held = _held(contacts, data, window_days)
    h = f[ss].join(held, how="inner").groupby(keys, sort=True)[["judged", "held"]].sum()
    out = out.merge(h.reset_index(), on=keys, how="left").fillna({"judged": 0, "held": 0})
    out["held_pct"] = 100 * out.held / out.judged.where(out.judged > 0)
    return out


def _held(
    contacts: pd.DataFrame, data: Mapping[str, pd.DataFrame] | None, window_days: float
) -> pd.DataFrame:
    """Per self-served contact (by the contacts' index): judged and held (no agent contact within W)."""
    ss = contacts[contacts.outcome.eq("self_service") & contacts.customer.notna()]
    w = pd.Timedelta(days=float(window_days))
    # self-service is not in the journey frame: its rows are the contacts that reached an agent queue
    agent_side = journey_frame({**(as_tables(data) if data else {}), "contacts": contacts})
    end = max(contacts.arrival.max().tz_convert("UTC"), agent_side.time.max())
    a = agent_side[["customer", "time"]].sort_values("time")
    s = pd.DataFrame({"customer": ss.customer, "time": ss.arrival.dt.tz_convert("UTC")})
    s = s.reset_index(names="_row").sort_values("time")
    nxt = pd.merge_asof(
        s,
        a.rename(columns={"time": "next_agent"}),
        left_on="time",
        right_on="next_agent",
        by="customer",
        direction="forward",
        allow_exact_matches=False,
    )
    judged = nxt.time <= end - w
    came_back = (nxt.next_agent - nxt.time) <= w
    res = pd.DataFrame(
        {"judged": judged.astype(int), "held": (judged & ~came_back.fillna(False)).astype(int)}
    )
    res.index = nxt["_row"].to_numpy()
    return res
