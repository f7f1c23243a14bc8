"""Teaching stories for the workshop, each computed from generated contacts.

The speed contest: five agents are ranked by average handle time. One of them hangs up on a third
of the callers after a few seconds. He wins the contest, and his customers call back.

>>> contacts = speed_contest_contacts(seed=1)
>>> board = speed_contest_board(contacts)
>>> board.sort_values("aht_s").agent.iloc[0]
'Ville'
>>> bool(board.set_index("agent").loc["Ville", "repeat_contact_pct"] > board.repeat_contact_pct.median())
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import altair as alt

__all__ = [
    "AGENTS",
    "GAMER",
    "broken_export",
    "speed_contest_board",
    "speed_contest_chart",
    "speed_contest_contacts",
]

#: The five agents of the speed contest.
AGENTS = ("Aino", "Eero", "Liisa", "Mikko", "Ville")
#: The agent who hangs up on callers.
GAMER = "Ville"


def speed_contest_contacts(
    *, days: int = 20, calls_per_agent_day: int = 40, hangup_share: float = 0.35, seed: int = 0
) -> pd.DataFrame:
    """Generate calls of five agents; :data:`GAMER` hangs up on ``hangup_share`` of his callers.

    Unresolved callers call back within a few days (a new row, answered by a random agent), so
    repeats emerge from what each agent did, not from a drawn repeat rate.

    Parameters
    ----------
    days : int
        Working days (8:00-16:00) from Monday 2 March 2026.
    calls_per_agent_day : int
        New calls per agent and day.
    hangup_share : float
        Share (0-1) of his callers the gamer hangs up on.
    seed : int
        Seed; the same seed gives the same calls.

    Returns
    -------
    pandas.DataFrame
        One row per call: ``contact_id`` (int), ``customer`` (int), ``agent``, ``arrival``
        (naive local time), ``talk_s``, ``acw_s``, ``handle_s`` (s), ``agent_hung_up`` and
        ``resolved`` (bool).
    """
    rng = np.random.default_rng(seed)
    rows = []
    cid = 0
    start = pd.Timestamp("2026-03-02 08:00")
    pending: list[tuple[pd.Timestamp, int]] = []
    next_customer = 0
    for day in range(days):
        day_start = start + pd.Timedelta(days=day)
        n = calls_per_agent_day * len(AGENTS)
        arrivals = sorted(day_start + pd.to_timedelta(rng.uniform(0, 8 * 3600, n), unit="s"))
        # callers whose first call failed call again on this day
        todays = [(t, c) for t, c in pending if t.normalize() == day_start.normalize()]
        pending = [(t, c) for t, c in pending if t.normalize() != day_start.normalize()]
        callers = [(t, None) for t in arrivals] + todays
        for t, customer in sorted(callers, key=lambda x: x[0]):
            if customer is None:
                customer = next_customer
                next_customer += 1
            agent = AGENTS[rng.integers(len(AGENTS))]
            need_s = rng.lognormal(np.log(220), 0.5)
            hung_up = agent == GAMER and rng.random() < hangup_share
            if hung_up:
                talk = rng.uniform(3, 12)
                resolved = False
            else:
                talk = need_s * rng.uniform(0.9, 1.1)
                resolved = rng.random() < 0.85
            acw = 0.0 if hung_up else rng.gamma(4, 10)
            rows.append(
                {
                    "contact_id": cid,
                    "customer": customer,
                    "agent": agent,
                    "arrival": t,
                    "talk_s": talk,
                    "acw_s": acw,
                    "handle_s": talk + acw,
                    "agent_hung_up": hung_up,
                    "resolved": resolved,
                }
            )
            cid += 1
            if not resolved and rng.random() < 0.8:
                back = t + pd.Timedelta(hours=float(rng.uniform(0.5, 60)))
                if back.hour < 8 or back.hour >= 16:
                    back = back.normalize() + pd.Timedelta(days=1, hours=8 + rng.uniform(0, 8))
                pending.append((back, customer))
    return pd.DataFrame(rows)


def speed_contest_board(
    contacts: pd.DataFrame, *, window_days: float = 7, short_talk_s: float = 10
) -> pd.DataFrame:
    """The contest's leaderboard and its counterweight: AHT and repeat contacts per agent.

    A contact is a repeat trigger when the same customer calls again within the window; it is
    charged to the agent who handled the first contact. Ratios come from counts.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Calls with ``contact_id, customer, agent, arrival, talk_s, handle_s``.
    window_days : float
        Repeat window, days.
    short_talk_s : float
        Talk shorter than this counts as a short contact, seconds.

    Returns
    -------
    pandas.DataFrame
        One row per agent: ``agent``, ``handled`` (calls), ``aht_s`` (s), ``short_contact_pct``
        and ``repeat_contact_pct`` (% of handled).
    """
    c = contacts.sort_values(["customer", "arrival"]).copy()
    nxt = c.groupby("customer")["arrival"].shift(-1)
    c["repeat"] = (nxt - c["arrival"]) <= pd.Timedelta(days=window_days)
    c["short"] = c["talk_s"] < short_talk_s
    g = (
        c.groupby("agent")
        .agg(
            handled=("contact_id", "size"),
            handle_sum_s=("handle_s", "sum"),
            short=("short", "sum"),
            repeats=("repeat", "sum"),
        )
        .reset_index()
    )
    g["aht_s"] = g.handle_sum_s / g.handled
    g["short_contact_pct"] = 100 * g.short / g.handled
    g["repeat_contact_pct"] = 100 * g.repeats / g.handled
    return g[["agent", "handled", "aht_s", "short_contact_pct", "repeat_contact_pct"]]


def speed_contest_chart(
    board: pd.DataFrame,
    *,
    aht_target_s: float = 300,
    repeat_target_pct: float = 15,
    lang: str = "en",
) -> alt.HConcatChart:
    """Two bar charts side by side: AHT (the contest) and repeat contacts (its counterweight).

    Parameters
    ----------
    board : pandas.DataFrame
        From :func:`speed_contest_board`.
    aht_target_s : float
        AHT target, seconds, drawn as a rule.
    repeat_target_pct : float
        Repeat-contact target, percent, drawn as a rule.
    lang : str
        Language of the titles and axes, ``en`` or ``fi``.

    Returns
    -------
    altair.HConcatChart
        AHT bars and repeat-contact bars, the gamer highlighted.
    """
    import altair as alt

    from cxkit.i18n import t

    base = alt.Chart(board).encode(y=alt.Y("agent:N", sort="x", title=None))
    aht = base.mark_bar().encode(
        x=alt.X("aht_s:Q", title=t("axis_aht_s", lang)),
        color=alt.condition(alt.datum.agent == GAMER, alt.value("#d6604d"), alt.value("#4393c3")),
        tooltip=["agent", alt.Tooltip("aht_s:Q", format=".0f"), "handled"],
    )
    aht_rule = (
        alt.Chart(pd.DataFrame({"target": [aht_target_s]}))
        .mark_rule(strokeDash=[4, 3])
        .encode(x="target:Q")
    )
    rep = base.mark_bar().encode(
        x=alt.X("repeat_contact_pct:Q", title=t("axis_repeat_7d_pct", lang)),
        color=alt.condition(alt.datum.agent == GAMER, alt.value("#d6604d"), alt.value("#4393c3")),
        tooltip=["agent", alt.Tooltip("repeat_contact_pct:Q", format=".1f")],
    )
    rep_rule = (
        alt.Chart(pd.DataFrame({"target": [repeat_target_pct]}))
        .mark_rule(strokeDash=[4, 3])
        .encode(x="target:Q")
    )
    return alt.hconcat(
        (aht + aht_rule).properties(
            title=t("title_contest", lang).format(target=f"{aht_target_s:g}"), width=260
        ),
        (rep + rep_rule).properties(
            title=t("title_contest_cost", lang).format(target=f"{repeat_target_pct:g}"),
            width=260,
        ),
    )


def broken_export(path: str) -> str:
    """Write a small, realistically broken ACD export for the workshop.

    A Finnish Excel CSV (``;`` and decimal comma, cp1252) with a duplicate id, a time in the
    spring DST gap, a negative duration, a misspelt outcome, a row cut short and an answer
    before the arrival.

    Parameters
    ----------
    path : str
        File to write.

    Returns
    -------
    str
        ``path``.
    """
    rows = [
        "Puhelu;Kanava;Saapui;Tulos;Jono_s;Puhe_s",
        "1001;phone;2.3.2026 9:00:05;answered;12,5;180",
        "1002;phone;2.3.2026 9:00:40;abandoned;48,0;",
        "1003;phone;2.3.2026 9:01:10;answered;-3;200",
        "1002;phone;2.3.2026 9:02:00;answered;4;150",
        "1004;phone;29.3.2026 3:15:00;answered;5;100",
        "1005;phone;2.3.2026 9:03:00;anwsered;5;100",
        "1006;phone;2.3.2026 9:04:00",
        "1007;chat;2.3.2026 9:05:00;answered;30,2;420",
    ]
    with open(path, "w", encoding="cp1252") as f:
        f.write("\r\n".join(rows) + "\r\n")
    return path
