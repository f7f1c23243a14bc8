"""Does an internal target hurt the customer? For each speed or efficiency target of a charter, the CSAT
of surveyed contacts that met it against those that did not, overall and per agent, with Newcombe's
interval of the difference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from cxkit.charter.model import Charter, Target
from cxkit.i18n import t
from cxkit.measure.drivers import driver_frame
from cxkit.stats import newcombe_difference

__all__ = ["target_vs_cx"]


def _within(value: pd.Series, limit: float, target: Target) -> pd.Series:
    lt = target.options.get("comparison", "<=") == "<"
    met = value < limit if lt else value <= limit
    return met.where(value.notna())


#: Per-contact rule of an efficiency or speed target: did this contact meet it? (NaN: not judged)
_CONTACT_RULES: dict[str, Callable[[pd.DataFrame, Target], pd.Series]] = {
    "service_level": lambda c, tg: _within(c["wait_s"], float(tg.within_s or 0), tg),
    "asa": lambda c, tg: _within(c["wait_s"], tg.threshold, tg),
    "aht": lambda c, tg: _within(c["handle_s"], tg.threshold, tg),
}


def target_vs_cx(
    charter: Charter,
    data: Any,
    *,
    top_box_min: float = 4,
    by_agent: bool = True,
    lang: str = "en",
) -> pd.DataFrame:
    """For each efficiency or speed target of the charter: the CSAT top-box share of surveyed contacts
    that met it against those that did not, with the difference's interval, overall and per agent.

    Parameters
    ----------
    charter : Charter
        Its ``service_level``, ``asa`` and ``aht`` targets are judged per contact (a wait within
        T, a handle time within the threshold); other targets are not judged contact by contact.
    data : tables
        What :func:`driver_frame` takes.
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
        ``met_n`` and ``missed_n`` (surveyed contacts), ``met_csat_pct`` and ``missed_csat_pct``
        (top-box share, percent), ``difference_pp`` (met - missed, percentage points),
        ``diff_ci_low``, ``diff_ci_high`` (Newcombe 95 %, points) and ``verdict`` (``higher``,
        ``lower`` or no evidence of a change, in ``lang``).
    """
    df = driver_frame(data)
    df = df[df["csat"].notna()] if "csat" in df.columns else df.iloc[0:0]
    top = (df["csat"] >= top_box_min).astype(int)
    rows = []
    for cid, channel in charter.channels.items():
        for tg in channel.targets:
            rule = _CONTACT_RULES.get(tg.metric)
            if rule is None:
                continue
            sub = df[df["channel"] == cid]
            met = rule(sub, tg)
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
