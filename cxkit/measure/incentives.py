"""Would this bonus scheme be gamed? A charter's incentive rule applied to the agents' data, with the
same agents' repeats, CSAT and gaming signals beside who it rewards.

>>> import pandas as pd
>>> from cxkit.charter.incentives import IncentiveRule
>>> tab = pd.DataFrame({"channel": "phone", "agent": ["A", "B", "C"], "handled": [90, 100, 80],
...                     "aht_s": [150.0, 300.0, 280.0], "flagged": [True, False, False]})
>>> r = IncentiveRule(id="speed", measure="aht", rank="lowest", top=1)
>>> incentive_what_if(r, tab)[["agent", "rank", "rewarded"]].values.tolist()
[['A', 1, True], ['C', 2, False], ['B', 3, False]]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cxkit.charter.incentives import IncentiveRule
from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.measure.metrics import service_level

__all__ = ["incentive_what_if"]

_BESIDE = (
    "repeat_contact",
    "csat_top2",
    "short_contact",
    "agent_disconnect",
    "signals_outside",
    "flagged",
)


def incentive_what_if(
    rule: IncentiveRule,
    agents: pd.DataFrame,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Who an incentive rule would reward, next to their repeats, CSAT and gaming signals.

    Parameters
    ----------
    rule : IncentiveRule
        From the charter's ``incentives``.
    agents : pandas.DataFrame
        The per-agent table of :func:`cxkit.measure.agents.agent_table` (whole span, no period).
    data : mapping of str to DataFrame, optional
        The tables; needed for a team service-level rule (the contacts).

    Returns
    -------
    pandas.DataFrame
        One row per agent the rule covers, rewarded first and then by rank: ``channel``,
        ``agent``, ``handled`` (contacts), ``measure`` (the rule's measure), ``value`` (the agent's
        AHT in s or contacts handled; a team rule: the team's service level, percent), ``rank``
        (1 = best by the rule; ties share the better rank), ``rewarded`` (bool) and, where the
        table has them, ``repeat_contact``, ``csat_top2``, ``short_contact``, ``agent_disconnect``
        (percent), ``signals_outside`` and ``flagged``.
    """
    t = agents
    if "period_start" in t.columns:
        raise ValueError("give the whole-span agent table (agent_table(..., period=None))")
    if rule.channel is not None:
        t = t[t.channel == rule.channel]
    if t.empty:
        raise MissingDataError(
            f"incentive {rule.id!r}: no agents in channel {rule.channel!r}; the table has "
            f"{sorted(agents.channel.unique())}"
        )
    if rule.measure == "service_level":
        value, rewarded = _team_rule(rule, t, data)
        asc = False
    else:
        col = "aht_s" if rule.measure == "aht" else "handled"
        value = t[col].astype(float)
        asc = rule.measure == "aht" if rule.rank is None else rule.rank == "lowest"
        rewarded = None
    rank = value.rank(ascending=asc, method="min").astype("Int64")
    if rewarded is None:
        if rule.rank is not None:
            rewarded = rank <= int(rule.top or 0)
        elif rule.measure == "aht":
            rewarded = value <= float(rule.threshold or 0)
        else:
            rewarded = value >= float(rule.threshold or 0)
    beside = [c for c in _BESIDE if c in t.columns]
    out = t[["channel", "agent", "handled", *beside]].assign(
        measure=rule.measure, value=value, rank=rank, rewarded=rewarded.fillna(False).astype(bool)
    )
    out = out[["channel", "agent", "handled", "measure", "value", "rank", "rewarded", *beside]]
    return out.sort_values(
        ["rewarded", "rank"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _team_rule(
    rule: IncentiveRule, t: pd.DataFrame, data: Mapping[str, pd.DataFrame] | None
) -> tuple[pd.Series, pd.Series]:
    """Each agent's team service level (percent) and whether the team met the rule."""
    c = as_tables(data).get("contacts") if data is not None else None
    if c is None:
        raise MissingDataError(
            f"incentive {rule.id!r} is a team service-level rule: give data= with the contacts"
        )
    sl = service_level(c, threshold_s=float(rule.within_s or 0), by=("channel",))
    by_team = sl.set_index("channel").service_level_pct
    value = t.channel.map(by_team).astype(float)
    return value, pd.Series(np.asarray(value >= float(rule.threshold or 0)), index=t.index)
