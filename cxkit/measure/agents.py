"""The gaming diagnostic: per-agent signals against the team, funnel-plot limits, multi-signal flags.

An agent can win a speed contest by hanging up: short calls, calls the agent ended, customers who
call again, low satisfaction. No single signal proves anything (a specialist takes the hard calls,
a new agent transfers more), so, as ``metrics.md`` ("Gaming signals") says, each signal is a rate
``p_i`` over the agent's ``n_i`` contacts compared with the team's rate ``p`` on a **funnel plot**:
control limits ``p +- z sqrt(p (1 - p) / n_i)`` at z = 1.96 and 3.09 (95 % and 99.8 %), widened by
an overdispersion factor when the agents differ more than chance allows, and an agent is **flagged
only when two or more independent signals** are outside the 99.8 % limit.

Independence: signals computed from the same measurement are one piece of evidence, not two
(a hung-up call is short *and* has no after-call work). Each signal belongs to a ``family``, and the
flag counts families: ``duration`` (short contacts, after-call work), ``disconnect`` (who ended the
call), ``transfer``, ``hold`` (calls with a hold), ``repeat`` (the customer came back; after contacts
the agent closed as resolved), ``survey`` (CSAT, survey responses per contact). Each signal has a
concern side (``direction``): short contacts, agent-ended calls, transfers, holds and repeats are
judged when too high, CSAT when too low, after-call work and survey responses either way.

Overdispersion (Spiegelhalter 2005, *Funnel plots for comparing institutional performance*):
``phi`` = the mean of the agents' squared z-scores after winsorising them at the 10th and 90th
percentiles (so that one extreme agent cannot hide himself by widening everyone's limits). When
``I phi`` exceeds the 95 % point of chi-square with ``I - 1`` degrees of freedom, the limits become
``p +- z sqrt(phi p (1 - p) / n_i)``.

>>> import pandas as pd
>>> f = funnel_limits(pd.DataFrame({"k": [10, 12, 60], "n": [100, 100, 100]}), overdispersion="none")
>>> round(float(f.team_value.iloc[0]), 1), f.outside_998_high.tolist()
(27.3, [False, False, True])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
from scipy import stats as sps

from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.measure.aggregate import PERIODS, add_period
from cxkit.measure.journeys import linked_journeys
from cxkit.measure.qa import evaluation_scores
from cxkit.stats import nps_interval, t_interval, wilson

__all__ = [
    "SIGNALS",
    "Z95",
    "Z998",
    "AgentSignal",
    "agent_signals",
    "agent_table",
    "funnel_curve",
    "funnel_limits",
    "gaming_flags",
    "signal_availability",
]

#: The two-sided 95 % and 99.8 % normal quantiles of ``metrics.md`` (1.96 and 3.09).
Z95 = 1.96
Z998 = 3.09


@dataclass(frozen=True)
class AgentSignal:
    """One gaming signal.

    Attributes
    ----------
    id : str
        Signal id (``short_contact``, ``agent_disconnect``...).
    family : str
        The measurement it comes from; flags count families, not signals.
    kind : str
        ``rate`` (a share of contacts, percent) or ``mean`` (seconds).
    direction : str
        Which side is the concern: ``high``, ``low`` or ``both``.
    needs : tuple of str
        ``table.column`` inputs it needs.
    """

    id: str
    family: str
    kind: str
    direction: str
    needs: tuple[str, ...]


#: The gaming signals of ``metrics.md``, in display order.
SIGNALS: dict[str, AgentSignal] = {
    s.id: s
    for s in (
        AgentSignal("short_contact", "duration", "rate", "high", ("contacts.talk_s",)),
        AgentSignal("acw_s", "duration", "mean", "both", ("contacts.acw_s",)),
        AgentSignal("agent_disconnect", "disconnect", "rate", "high", ("contacts.disconnect",)),
        AgentSignal("hold_disconnect", "disconnect", "rate", "high", ("contacts.hold_disconnect",)),
        AgentSignal("transfer", "transfer", "rate", "high", ("contacts.transferred",)),
        AgentSignal("hold", "hold", "rate", "high", ("contacts.hold_s",)),
        AgentSignal("repeat_contact", "repeat", "rate", "high", ("contacts.customer",)),
        AgentSignal(
            "repeat_after_resolved",
            "repeat",
            "rate",
            "high",
            ("contacts.customer", "contacts.resolved"),
        ),
        AgentSignal("csat_top2", "survey", "rate", "low", ("surveys.csat",)),
        AgentSignal("survey_response", "survey", "rate", "both", ("surveys.contact_id",)),
    )
}


# ---------------------------------------------------------------- the funnel


def _phi(z: np.ndarray) -> float:
    """Winsorised overdispersion factor (1 when there is no evidence of overdispersion)."""
    z = z[np.isfinite(z)]
    if len(z) < 3:
        return 1.0
    lo, hi = np.percentile(z, [10, 90])
    zw = np.clip(z, lo, hi)
    phi = float(np.mean(zw * zw))
    return phi if len(z) * phi > sps.chi2.ppf(0.95, len(z) - 1) and phi > 1 else 1.0


def funnel_limits(
    frame: pd.DataFrame,
    *,
    kind: str = "rate",
    overdispersion: str = "auto",
    team_sd: float | None = None,
) -> pd.DataFrame:
    """Funnel-plot control limits for each row (an agent) against the rows' pooled value.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per agent: ``k`` (events for a rate, the sum of values for a mean) and ``n``
        (contacts).
    kind : {"rate", "mean"}
        A rate: team value ``p = sum k / sum n`` and standard error ``sqrt(p (1 - p) / n)``; a mean:
        ``m = sum k / sum n`` and ``team_sd / sqrt(n)``.
    overdispersion : {"auto", "none"}
        ``auto`` widens the limits by ``sqrt(phi)`` when the agents are overdispersed (see the
        module's notes); ``none`` never does.
    team_sd : float, optional
        The standard deviation of single contacts' values (needed for a mean).

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``value`` (the agent's rate in percent, or mean in the values'
        unit), ``team_value`` (same unit), ``z`` (the agent's z-score before the adjustment),
        ``phi`` (the overdispersion factor used, 1 for none), ``lim95_low``, ``lim95_high``,
        ``lim998_low``, ``lim998_high`` (limits in the value's unit; a rate's clipped to 0-100) and
        ``outside_95_low``, ``outside_95_high``, ``outside_998_low``, ``outside_998_high`` (bool).
        A team value of 0 % or 100 % leaves no spread to compare with: nobody is outside.
    """
    if overdispersion not in ("auto", "none"):
        raise ValueError(f"overdispersion must be 'auto' or 'none', not {overdispersion!r}")
    k = frame["k"].to_numpy(dtype=float)
    n = frame["n"].to_numpy(dtype=float)
    tot = n.sum()
    p = k.sum() / tot if tot > 0 else np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        if kind == "rate":
            se = np.sqrt(p * (1 - p) / n)
        else:
            se = (team_sd if team_sd is not None else np.nan) / np.sqrt(n)
        value = k / n
        z = np.where(se > 0, (value - p) / se, np.nan)
    phi = _phi(z) if overdispersion == "auto" else 1.0
    scale = 100.0 if kind == "rate" else 1.0
    out = frame.copy()
    out["value"] = scale * value
    out["team_value"] = scale * p
    out["z"] = z
    out["phi"] = phi
    for name, zz in (("95", Z95), ("998", Z998)):
        half = zz * np.sqrt(phi) * se
        low, high = p - half, p + half
        if kind == "rate":
            low, high = np.clip(low, 0, 1), np.clip(high, 0, 1)
        ok = se > 0
        out[f"lim{name}_low"] = scale * low
        out[f"lim{name}_high"] = scale * high
        out[f"outside_{name}_low"] = ok & (value < low)
        out[f"outside_{name}_high"] = ok & (value > high)
    return out


def funnel_curve(
    team_value: float,
    *,
    kind: str = "rate",
    phi: float = 1.0,
    team_sd: float | None = None,
    n_max: float = 1000,
    points: int = 60,
) -> pd.DataFrame:
    """The funnel's limit curves over a range of volumes, for drawing.

    Parameters
    ----------
    team_value : float
        The team's rate (percent) or mean (the values' unit).
    kind : {"rate", "mean"}
        As for :func:`funnel_limits`.
    phi : float
        The overdispersion factor in force.
    team_sd : float, optional
        The standard deviation of single contacts (for a mean).
    n_max : float
        The largest volume to draw to (contacts).
    points : int
        Points on each curve.

    Returns
    -------
    pandas.DataFrame
        ``n`` (contacts), ``lim95_low``, ``lim95_high``, ``lim998_low``, ``lim998_high`` (the
        value's unit: percent for a rate).

    Examples
    --------
    >>> c = funnel_curve(20.0, n_max=100, points=2)
    >>> round(float(c.lim998_high.iloc[-1]), 1)
    32.4
    """
    n = np.unique(np.geomspace(5, max(n_max, 6), points).round())
    if kind == "rate":
        p = team_value / 100
        se = np.sqrt(p * (1 - p) / n)
    else:
        p, se = team_value, (team_sd if team_sd is not None else np.nan) / np.sqrt(n)
    scale = 100.0 if kind == "rate" else 1.0
    out = pd.DataFrame({"n": n})
    for name, zz in (("95", Z95), ("998", Z998)):
        half = zz * np.sqrt(phi) * se
        low, high = p - half, p + half
        if kind == "rate":
            low, high = np.clip(low, 0, 1), np.clip(high, 0, 1)
        out[f"lim{name}_low"], out[f"lim{name}_high"] = scale * low, scale * high
    return out


# ---------------------------------------------------------------- per-contact inputs


def _handled(data: Mapping[str, pd.DataFrame], channel: str | None) -> pd.DataFrame:
    c = data.get("contacts")
    if c is None or not {"outcome", "arrival"} <= set(c.columns):
        raise MissingDataError(
            "the agent diagnostic needs a contacts table with outcome and arrival; load the "
            "contact log with cx.load_tables([...])"
        )
    if "agent" not in c.columns:
        raise MissingDataError(
            f"the agent diagnostic needs an 'agent' column in the contacts; it has "
            f"{list(c.columns)[:15]}. Map the export's agent column with --map SRC=agent."
        )
    h = c[c.outcome.eq("answered") & c.agent.notna()]
    if channel is not None:
        h = h[h.channel == channel]
    return h


def _col(h: pd.DataFrame, col: str) -> pd.Series | None:
    return h[col] if col in h.columns and h[col].notna().any() else None


def _contact_signals(h: pd.DataFrame, short_s: float) -> Iterator[pd.DataFrame]:
    """Rows ``time, channel, agent, signal, k, n`` (one per contact and signal) from the contact log."""
    base = pd.DataFrame({"time": h.arrival, "channel": h.channel, "agent": h.agent})
    talk = _col(h, "talk_s")
    if talk is not None:
        ok = talk.notna()
        yield base[ok].assign(signal="short_contact", k=(talk[ok] < short_s).astype(float))
    acw = _col(h, "acw_s")
    if acw is not None:
        ok = acw.notna()
        yield base[ok].assign(signal="acw_s", k=acw[ok].astype(float))
    disc = _col(h, "disconnect")
    if disc is not None:
        ok = disc.notna()
        yield base[ok].assign(signal="agent_disconnect", k=(disc[ok] == "agent").astype(float))
    hold = _col(h, "hold_disconnect")
    if hold is not None:
        ok = hold.notna()
        yield base[ok].assign(signal="hold_disconnect", k=hold[ok].astype(bool) * 1.0)
    hold_s = _col(h, "hold_s")
    if hold_s is not None:
        ok = hold_s.notna()
        yield base[ok].assign(signal="hold", k=(hold_s[ok] > 0).astype(float))
    tr = _col(h, "transferred")
    if tr is not None:
        ok = tr.notna()
        yield base[ok].assign(signal="transfer", k=tr[ok].astype(bool) * 1.0)


def _repeat_signals(
    data: Mapping[str, pd.DataFrame],
    h: pd.DataFrame,
    window_days: float,
    censor: str,
    as_of: pd.Timestamp | None,
) -> Iterator[pd.DataFrame]:
    """Repeat contacts after the agent's contacts (and after those closed as resolved), censored."""
    if "customer" not in h.columns or not h.customer.notna().any():
        return
    js = linked_journeys(data, window_days=window_days, as_of=as_of)
    js = js[js.source.eq("contacts")][["id", "repeated", "late"]]
    m = h[["contact_id", "arrival", "channel", "agent", *(["resolved"] if "resolved" in h else [])]]
    m = m.merge(js, left_on="contact_id", right_on="id", how="inner")  # customer-less calls leave
    if censor == "exclude":
        m = m[~m.late]
    base = pd.DataFrame({"time": m.arrival, "channel": m.channel, "agent": m.agent})
    yield base.assign(signal="repeat_contact", k=m.repeated.astype(float))
    if "resolved" in m.columns and m.resolved.notna().any():
        ok = m.resolved.fillna(False).astype(bool).to_numpy()
        yield base[ok].assign(signal="repeat_after_resolved", k=m.repeated[ok].astype(float))


def _survey_signals(data: Mapping[str, pd.DataFrame], h: pd.DataFrame) -> Iterator[pd.DataFrame]:
    """CSAT top-2 share of the agent's responses, and responses per handled contact."""
    s = data.get("surveys")
    if s is None or len(s) == 0:
        return
    linked = "contact_id" in s.columns and s.contact_id.notna().any()
    if linked:
        got = h.contact_id.isin(set(s.contact_id.dropna()))
        base = pd.DataFrame({"time": h.arrival, "channel": h.channel, "agent": h.agent})
        yield base.assign(signal="survey_response", k=got.astype(float))
    if "csat" in s.columns:
        r = s[s.csat.notna()]
        if linked:  # the agent and time of the contact the response is about
            r = r.merge(
                h[["contact_id", "arrival", "channel", "agent"]],
                on="contact_id",
                how="inner",
                suffixes=("_s", ""),
            )
            base = pd.DataFrame({"time": r.arrival, "channel": r.channel, "agent": r.agent})
        elif "agent" in r.columns:
            r = r[r.agent.notna()]
            base = pd.DataFrame(
                {"time": r.responded_at, "channel": r.get("channel"), "agent": r.agent}
            )
        else:
            return
        yield base.assign(signal="csat_top2", k=(r.csat >= 4).astype(float))


def _count(
    part: pd.DataFrame, keys: list[str], period: str | None, time_zone: str | None, tz: object
) -> pd.DataFrame:
    """One signal's per-contact rows as ``k`` (sum), ``k2`` (sum of squares) and ``n`` per agent."""
    if tz is not None:  # one zone for every part (survey times may come in another)
        part = part.assign(time=part.time.dt.tz_convert(tz))
    rows = _with_period(part, period, time_zone)
    rows = rows.assign(k2=rows.k * rows.k)
    return (
        rows.groupby([*keys, "signal", "agent"], sort=True, dropna=False)
        .agg(k=("k", "sum"), k2=("k2", "sum"), n=("k", "size"))
        .reset_index()
    )


def _keys(period: str | None) -> list[str]:
    return ["channel", "period_start"] if period else ["channel"]


def _with_period(f: pd.DataFrame, period: str | None, tz: str | None) -> pd.DataFrame:
    if period is None:
        return f
    if period not in PERIODS:
        raise ValueError(f"period must be None or one of {PERIODS}, not {period!r}")
    return add_period(f, period, time_col="time", tz=tz).drop(columns="period_end")


# ---------------------------------------------------------------- the per-agent signals


def agent_signals(
    data: Mapping[str, pd.DataFrame],
    *,
    period: str | None = None,
    channel: str | None = None,
    window_days: float = 7,
    short_s: float = 10,
    censor: str = "exclude",
    overdispersion: str = "auto",
    min_n: int = 30,
    as_of: pd.Timestamp | None = None,
    time_zone: str | None = None,
) -> pd.DataFrame:
    """Every gaming signal per agent (and period), with its interval and funnel limits.

    Agents are compared with their own channel's team (phone agents with the phone team), per
    period when ``period`` is given. Only answered contacts with an agent count; each signal
    counts the contacts that carry its input (a call with no ``disconnect`` value is not in the
    disconnect rate's ``n``).

    Parameters
    ----------
    data : mapping of str to DataFrame or LoadResult
        What :func:`cxkit.load_tables` gives (or a folder, see :func:`cxkit.as_tables`):
        ``contacts`` (``contact_id, channel, arrival, outcome, agent`` and any of ``talk_s, acw_s,
        disconnect, transferred, resolved, customer``), optionally ``tickets`` (for repeats in other
        channels) and ``surveys`` (``csat``, ``contact_id`` or ``agent``).
    period : {None, "day", "week", "month", "quarter"}
        None for the whole span.
    channel : str, optional
        Keep one channel's agents.
    window_days : float
        The repeat window W, days.
    short_s : float
        A contact with talk under this many seconds is short (``metrics.md``: 10 s).
    censor : {"exclude", "include"}
        Contacts within W of the data's end cannot show a repeat yet: excluded from the repeat
        signals by default.
    overdispersion : {"auto", "none"}
        See :func:`funnel_limits`.
    min_n : int
        Agents with fewer contacts in a signal are shown but not judged on it.
    as_of : Timestamp, optional
        The end of the data (default: the last contact).
    time_zone : str, optional
        Zone the periods are cut in (default: the data's own).

    Returns
    -------
    pandas.DataFrame
        One row per comparison group (``channel``, and ``period_start`` when ``period`` is
        given), agent and signal: ``agent``, ``signal``, ``family``, ``kind``, ``direction``,
        ``unit`` (``%`` or ``s``), ``k`` (events, or the sum of seconds), ``n`` (contacts),
        ``value`` (rate in percent or mean in seconds), ``ci_low``, ``ci_high`` (Wilson 95 % for
        a rate, t 95 % for a mean; the value's unit), ``team_value``, ``z``, ``phi``,
        ``lim95_low``, ``lim95_high``, ``lim998_low``, ``lim998_high`` (funnel limits, the value's
        unit), ``judged`` (bool: n >= ``min_n``) and ``outside_95``, ``outside_998`` (bool: judged
        and beyond the limit on the signal's concern side).
    """
    if censor not in ("exclude", "include"):
        raise ValueError(f"censor must be 'exclude' or 'include', not {censor!r}")
    data = as_tables(data)
    h = _handled(data, channel)
    if h.empty:
        raise MissingDataError(
            "no answered contact has an agent"
            + (f" in channel {channel!r}" if channel else "")
            + ": the diagnostic compares agents on the contacts they handled"
        )
    keys = _keys(period)
    # each signal's rows are counted per agent as soon as they are made: memory stays at one signal
    built = chain(
        _contact_signals(h, short_s),
        _repeat_signals(data, h, window_days, censor, as_of),
        _survey_signals(data, h),
    )
    counted = [_count(p, keys, period, time_zone, h.arrival.dt.tz) for p in built]
    if not counted:
        raise MissingDataError(
            "no gaming signal can be computed: the contacts have none of talk_s, acw_s, "
            "disconnect, transferred or a customer key; see cx.signal_availability(tables)"
        )
    per = pd.concat(counted, ignore_index=True)
    out = [
        _judge(g, SIGNALS[sig], overdispersion, min_n)
        for (*_, sig), g in per.groupby([*keys, "signal"], sort=True, dropna=False)
    ]
    res = pd.concat(out, ignore_index=True)
    order = {s: i for i, s in enumerate(SIGNALS)}
    res = res.sort_values(
        [*keys, "signal", "agent"], key=lambda s: s.map(order) if s.name == "signal" else s
    )
    return res.reset_index(drop=True)


def _judge(g: pd.DataFrame, sig: AgentSignal, overdispersion: str, min_n: int) -> pd.DataFrame:
    """Funnel limits, intervals and outside flags of one signal within one comparison group."""
    n_all, k_all, k2_all = g.n.sum(), g.k.sum(), g.k2.sum()
    sd = None
    if sig.kind == "mean":
        mean = k_all / n_all
        sd = float(np.sqrt(max(k2_all - n_all * mean * mean, 0) / max(n_all - 1, 1)))
    f = funnel_limits(g, kind=sig.kind, overdispersion=overdispersion, team_sd=sd)
    if sig.kind == "rate":
        lo, hi = wilson(f.k.to_numpy(), f.n.to_numpy())
        f["ci_low"], f["ci_high"] = 100 * lo, 100 * hi
    else:
        f["ci_low"], f["ci_high"] = t_interval(f.k.to_numpy(), f.k2.to_numpy(), f.n.to_numpy())
    f["judged"] = f.n >= min_n
    for lvl in ("95", "998"):
        low, high = f[f"outside_{lvl}_low"], f[f"outside_{lvl}_high"]
        side = {"high": high, "low": low, "both": low | high}[sig.direction]
        f[f"outside_{lvl}"] = f.judged & side
    f = f.assign(
        family=sig.family,
        kind=sig.kind,
        direction=sig.direction,
        unit="%" if sig.kind == "rate" else "s",
    )
    keys = [c for c in ("channel", "period_start") if c in f.columns]
    cols = [*keys, "agent", "signal", "family", "kind", "direction", "unit", "k", "n", "value"]
    cols += ["ci_low", "ci_high", "team_value", "z", "phi", "lim95_low", "lim95_high"]
    cols += ["lim998_low", "lim998_high", "judged", "outside_95", "outside_998"]
    return f[cols]


def gaming_flags(signals: pd.DataFrame, *, min_families: int = 2) -> pd.DataFrame:
    """Which agents have two or more independent signals outside the 99.8 % limit.

    Parameters
    ----------
    signals : pandas.DataFrame
        From :func:`agent_signals`.
    min_families : int
        How many independent families (see the module's notes) must be outside before an agent
        is flagged; ``metrics.md`` says 2.

    Returns
    -------
    pandas.DataFrame
        One row per comparison group and agent: ``signals_outside`` (the signal ids outside the
        99.8 % limit, comma-separated, empty for none), ``families_outside`` (how many distinct
        families they come from), ``signals_outside_95`` (ids outside the 95 % limit) and
        ``flagged`` (bool).

    Examples
    --------
    >>> s = pd.DataFrame({"channel": "phone", "agent": ["A", "A", "B"],
    ...                   "signal": ["short_contact", "repeat_contact", "short_contact"],
    ...                   "family": ["duration", "repeat", "duration"],
    ...                   "outside_95": True, "outside_998": [True, True, True]})
    >>> gaming_flags(s)[["agent", "families_outside", "flagged"]].values.tolist()
    [['A', 2, True], ['B', 1, False]]
    """
    keys = [c for c in ("channel", "period_start") if c in signals.columns]
    by = [*keys, "agent"]
    out998 = signals[signals.outside_998.astype(bool)].groupby(by, sort=True, dropna=False)
    out95 = signals[signals.outside_95.astype(bool)].groupby(by, sort=True, dropna=False)
    out = (
        signals[by]
        .drop_duplicates()
        .merge(
            out998.agg(
                signals_outside=("signal", ", ".join), families_outside=("family", "nunique")
            ).reset_index(),
            on=by,
            how="left",
        )
        .merge(
            out95.signal.agg(", ".join).rename("signals_outside_95").reset_index(),
            on=by,
            how="left",
        )
    )
    out = out.fillna({"signals_outside": "", "signals_outside_95": "", "families_outside": 0})
    out["families_outside"] = out.families_outside.astype(int)
    out["flagged"] = out.families_outside >= min_families
    return out.sort_values(by, kind="stable")[[*by, *_FLAG_COLUMNS]].reset_index(drop=True)


_FLAG_COLUMNS = ("signals_outside", "families_outside", "signals_outside_95", "flagged")


# ---------------------------------------------------------------- the per-agent table


def _context(
    data: Mapping[str, pd.DataFrame], h: pd.DataFrame, period: str | None, tz: str | None
) -> pd.DataFrame:
    """Handled contacts, AHT with its t interval and the agent-flagged resolved share per agent."""
    handle = h[[c for c in ("talk_s", "hold_s", "acw_s") if c in h.columns]].sum(
        axis=1, min_count=1
    )
    f = pd.DataFrame({"time": h.arrival, "channel": h.channel, "agent": h.agent, "x": handle})
    f["res"] = h.resolved.astype("boolean").astype(float) if "resolved" in h else np.nan
    f = _with_period(f, period, tz)
    f["x2"] = f.x * f.x
    keys = [*_keys(period), "agent"]
    g = (
        f.groupby(keys, sort=True, dropna=False)
        .agg(
            handled=("x", "size"),
            sx=("x", "sum"),
            sx2=("x2", "sum"),
            nx=("x", "count"),
            resolved=("res", "sum"),
            nres=("res", "count"),
        )
        .reset_index()
    )
    g["aht_s"] = g.sx / g.nx.where(g.nx > 0)
    g["aht_ci_low_s"], g["aht_ci_high_s"] = t_interval(g.sx, g.sx2, g.nx)
    g["resolved_pct"] = 100 * g.resolved / g.nres.where(g.nres > 0)
    g = g.drop(columns=["sx", "sx2", "nx", "resolved", "nres"])
    g = g.merge(_nps(data, h, period, tz), on=keys, how="left")
    return g.merge(_qa(data, period, tz), on=[k for k in keys if k != "channel"], how="left")


def _nps(
    data: Mapping[str, pd.DataFrame], h: pd.DataFrame, period: str | None, tz: str | None
) -> pd.DataFrame:
    """NPS (points, -100..100) of the responses about the agent's contacts, with its 95 % interval."""
    keys = [*_keys(period), "agent"]
    cols = [*keys, "nps", "nps_n", "nps_ci_low", "nps_ci_high"]
    s = data.get("surveys")
    if s is None or "nps" not in s.columns or "contact_id" not in s.columns:
        return pd.DataFrame(columns=cols)
    r = s[s.nps.notna()][["contact_id", "nps"]].merge(
        h[["contact_id", "arrival", "channel", "agent"]], on="contact_id", how="inner"
    )
    f = _with_period(
        pd.DataFrame(
            {
                "time": r.arrival,
                "channel": r.channel,
                "agent": r.agent,
                "pro": (r.nps >= 9).astype(float),
                "det": (r.nps <= 6).astype(float),
            }
        ),
        period,
        tz,
    )
    g = f.groupby(keys, sort=True).agg(
        pro=("pro", "mean"), det=("det", "mean"), nps_n=("pro", "size")
    )
    g = g.reset_index()
    lo, hi = nps_interval(g.pro.to_numpy(), g.det.to_numpy(), g.nps_n.to_numpy())
    g["nps"] = 100 * (g.pro - g.det)
    g["nps_ci_low"], g["nps_ci_high"] = 100 * lo, 100 * hi
    return g[cols]


def _qa(data: Mapping[str, pd.DataFrame], period: str | None, tz: str | None) -> pd.DataFrame:
    keys = ["period_start", "agent"] if period else ["agent"]
    cols = [*keys, "qa_score", "qa_n", "qa_ci_low", "qa_ci_high"]
    ev = data.get("evaluations")
    if ev is None or len(ev) == 0 or "agent" not in ev.columns:
        return pd.DataFrame(columns=cols)
    sc = evaluation_scores(ev)
    if period:
        if "evaluated_at" not in sc.columns:
            return pd.DataFrame(columns=cols)
        sc = _with_period(sc.rename(columns={"evaluated_at": "time"}), period, tz)
    sc = sc[sc.score.notna()].assign(s2=lambda d: d.score**2)
    g = sc.groupby(keys, sort=True).agg(
        sx=("score", "sum"), sx2=("s2", "sum"), qa_n=("score", "size")
    )
    g = g.reset_index()
    g["qa_score"] = g.sx / g.qa_n
    g["qa_ci_low"], g["qa_ci_high"] = t_interval(g.sx, g.sx2, g.qa_n)
    return g[cols]


def agent_table(
    data: Mapping[str, pd.DataFrame],
    *,
    period: str | None = None,
    channel: str | None = None,
    window_days: float = 7,
    short_s: float = 10,
    censor: str = "exclude",
    overdispersion: str = "auto",
    min_n: int = 30,
    min_families: int = 2,
    as_of: pd.Timestamp | None = None,
    time_zone: str | None = None,
    signals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per agent (and period): volume, AHT, QA, every signal with its n, and the flag.

    Parameters
    ----------
    data : mapping of str to DataFrame
        As for :func:`agent_signals` (plus ``evaluations`` for the QA score).
    period, channel, window_days, short_s, censor, overdispersion, min_n, as_of, time_zone
        As for :func:`agent_signals`.
    min_families : int
        As for :func:`gaming_flags`.
    signals : pandas.DataFrame, optional
        The result of :func:`agent_signals` when already computed with the same options.

    Returns
    -------
    pandas.DataFrame
        One row per ``channel`` (and ``period_start``) and ``agent``, flagged agents first:
        ``handled`` (answered contacts), ``aht_s`` (mean talk + hold + ACW, s), ``aht_ci_low_s``,
        ``aht_ci_high_s`` (t 95 %, s), ``resolved_pct`` (agent-flagged, percent), ``qa_score``
        (mean evaluation score, 0-100), ``qa_n`` (evaluations), ``qa_ci_low``, ``qa_ci_high``
        (t 95 %, points), ``nps`` (NPS of the responses about the agent's contacts, points
        -100..100), ``nps_n`` (responses), ``nps_ci_low``, ``nps_ci_high`` (95 %, points); for each
        signal present ``<signal>`` (its value: percent for a rate,
        seconds for ``acw_s``), ``<signal>_n`` (contacts), ``<signal>_ci_low``,
        ``<signal>_ci_high`` (same unit); then ``signals_outside``, ``families_outside``,
        ``signals_outside_95`` and ``flagged`` of :func:`gaming_flags`.
    """
    data = as_tables(data)
    sig = (
        signals
        if signals is not None
        else agent_signals(
            data,
            period=period,
            channel=channel,
            window_days=window_days,
            short_s=short_s,
            censor=censor,
            overdispersion=overdispersion,
            min_n=min_n,
            as_of=as_of,
            time_zone=time_zone,
        )
    )
    keys = [*_keys(period), "agent"]
    ctx = _context(data, _handled(data, channel), period, time_zone)
    wide = sig.pivot_table(
        index=keys, columns="signal", values=["value", "n", "ci_low", "ci_high"], aggfunc="first"
    )
    present = [s for s in SIGNALS if s in set(sig.signal)]
    flat = pd.DataFrame(index=wide.index)
    for s in present:
        flat[s] = wide[("value", s)]
        flat[f"{s}_n"] = wide[("n", s)]
        flat[f"{s}_ci_low"] = wide[("ci_low", s)]
        flat[f"{s}_ci_high"] = wide[("ci_high", s)]
    out = ctx.merge(flat.reset_index(), on=keys, how="left")
    out = out.merge(gaming_flags(sig, min_families=min_families), on=keys, how="left")
    out["flagged"] = out.flagged.fillna(False).astype(bool)
    out["families_outside"] = out.families_outside.fillna(0).astype(int)
    out = out.sort_values(
        ["flagged", "families_outside", *keys], ascending=[False, False, *[True] * len(keys)]
    )
    return out.reset_index(drop=True)


def signal_availability(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Which gaming signals the data can give, and why the others are missing.

    Parameters
    ----------
    data : mapping of str to DataFrame
        The loaded tables.

    Returns
    -------
    pandas.DataFrame
        One row per signal of :data:`SIGNALS`: ``signal``, ``family``, ``present`` (bool),
        ``rows`` (rows carrying the input) and ``missing`` (the inputs that are absent or empty,
        ``table.column``; empty when present).

    Examples
    --------
    >>> c = pd.DataFrame({"contact_id": ["a"], "channel": "phone", "outcome": "answered",
    ...                   "arrival": pd.Timestamp("2026-03-02", tz="UTC"), "agent": "X", "talk_s": 5.0})
    >>> a = signal_availability({"contacts": c}).set_index("signal")
    >>> bool(a.present["short_contact"]), a.missing["csat_top2"]
    (True, 'surveys.csat')
    """
    data = as_tables(data)
    rows = []
    for s in SIGNALS.values():
        missing, counts = [], []
        for need in s.needs:
            table, col = need.split(".")
            df = data.get(table)
            got = 0 if df is None or col not in df.columns else int(df[col].notna().sum())
            counts.append(got)
            if got == 0:
                missing.append(need)
        rows.append(
            {
                "signal": s.id,
                "family": s.family,
                "present": not missing,
                "rows": min(counts) if counts else 0,
                "missing": ", ".join(missing),
            }
        )
    return pd.DataFrame(rows)
