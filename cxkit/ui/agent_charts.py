"""Altair charts of the gaming diagnostic and of journeys: funnel plots, per-agent small multiples,
channel paths and flows, the channel mix, failure demand and the incentive what-if.

Every chart draws a small frame made by :mod:`cxkit.measure.agents`, :mod:`cxkit.measure.paths`,
:mod:`cxkit.measure.journeys` or :mod:`cxkit.measure.incentives` (no computation on rows here), has
a title and axis units in English or Finnish, and draws its reference (the team's value, the
limits, a target) where there is one.

>>> import pandas as pd
>>> s = pd.DataFrame({"channel": "phone", "agent": ["A", "B", "C"], "signal": "short_contact",
...                   "kind": "rate", "k": [1, 2, 30], "n": [100, 120, 110]})
>>> from cxkit.measure.agents import funnel_limits
>>> s = funnel_limits(s, overdispersion="none").assign(outside_998=lambda d: d.outside_998_high)
>>> funnel_chart(s, "short_contact").to_dict()["title"]
'Short contacts (talk under 10 s) per agent against the team (phone), 95 % and 99.8 % limits'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.i18n import t
from cxkit.measure.agents import SIGNALS, funnel_curve

__all__ = [
    "agent_grid_chart",
    "channel_mix_chart",
    "failure_demand_chart",
    "flow_chart",
    "funnel_chart",
    "incentive_chart",
    "path_chart",
]


def _unit(signal: str) -> str:
    return "%" if SIGNALS[signal].kind == "rate" else "s"


def funnel_chart(
    signals: pd.DataFrame,
    signal: str,
    *,
    channel: str | None = None,
    flagged: tuple[str, ...] = (),
    lang: str = "en",
) -> alt.LayerChart:
    """A funnel plot of one signal: each agent's value against volume, the team line and the limits.

    Agents outside the 99.8 % limit on the signal's concern side are red; they and the agents in
    ``flagged`` are labelled with their names.

    Parameters
    ----------
    signals : pandas.DataFrame
        From :func:`cxkit.measure.agents.agent_signals` (whole span): ``channel``, ``agent``,
        ``signal``, ``n``, ``value``, ``team_value``, ``phi`` and ``outside_998``.
    signal : str
        The signal to draw (a key of :data:`cxkit.measure.agents.SIGNALS`).
    channel : str, optional
        The comparison group; default the first channel that has the signal.
    flagged : tuple of str
        Agents flagged by the multi-signal rule (labelled even when inside on this signal).
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.LayerChart
        Points (agents), the team rule, and 95 % / 99.8 % limit curves.
    """
    s = signals[signals.signal == signal]
    if channel is None and len(s):
        channel = str(s.channel.iloc[0])
    s = s[s.channel == channel]
    if s.empty:
        raise ValueError(
            f"no {signal!r} signal for channel {channel!r}; the signals have "
            f"{sorted(set(signals.signal))} in {sorted(set(signals.channel))}"
        )
    unit = _unit(signal)
    kind = SIGNALS[signal].kind
    team, phi = float(s.team_value.iloc[0]), float(s.phi.iloc[0])
    sd = None
    if kind == "mean":  # the limits' spread, back from the agents' own limits
        r = s.iloc[0]
        sd = (r.lim998_high - r.team_value) / (3.09 * phi**0.5) * float(r.n) ** 0.5
    curve = funnel_curve(team, kind=kind, phi=phi, team_sd=sd, n_max=float(s.n.max()) * 1.1)
    long = curve.melt("n", var_name="limit", value_name="value")
    long["limit"] = long.limit.map(
        lambda c: t("ag_limit_95", lang) if "95" in c else t("ag_limit_998", lang)
    )
    long["side"] = long.index.map(lambda i: i // len(curve))
    sig_label = t(f"sig_{signal}", lang)
    y_title = f"{sig_label} ({unit})"
    x = alt.X("n:Q", title=t("ag_contacts_n", lang))
    y = alt.Y("value:Q", title=y_title)
    limits = (
        alt.Chart(long)
        .mark_line(strokeDash=[4, 3])
        .encode(x=x, y=y, detail="side:N", color=alt.Color("limit:N", title=""))
    )
    team_rule = (
        alt.Chart(pd.DataFrame({"value": [team], "label": [t("ag_team_rate", lang)]}))
        .mark_rule(color="black")
        .encode(y="value:Q")
    )
    pts = s[["agent", "n", "value", "outside_998"]].assign(
        show=lambda d: d.outside_998.astype(bool) | d.agent.isin(flagged),
    )
    points = (
        alt.Chart(pts)
        .mark_circle(size=60)
        .encode(
            x=x,
            y=y,
            color=alt.condition("datum.outside_998", alt.value("#d62728"), alt.value("#4c78a8")),
            tooltip=["agent:N", "n:Q", alt.Tooltip("value:Q", format=".1f")],
        )
    )
    labels = (
        alt.Chart(pts[pts.show])
        .mark_text(align="left", dx=6, dy=-6, fontWeight="bold")
        .encode(x="n:Q", y="value:Q", text="agent:N")
    )
    title = t("ag_funnel_title", lang).format(signal=sig_label, channel=channel)
    return (limits + team_rule + points + labels).properties(title=title, width=480, height=280)


def agent_grid_chart(
    signals: pd.DataFrame, *, channel: str, lang: str = "en", columns: int = 3
) -> alt.FacetChart:
    """Small multiples: every signal per agent with its 95 % interval and the team's value.

    Parameters
    ----------
    signals : pandas.DataFrame
        From :func:`cxkit.measure.agents.agent_signals` (whole span): ``channel``, ``agent``,
        ``signal``, ``value``, ``ci_low``, ``ci_high``, ``team_value``, ``outside_998``.
    channel : str
        The team to draw.
    lang : {"en", "fi"}
        Language of the title and labels.
    columns : int
        Panels per row.

    Returns
    -------
    altair.FacetChart
        One panel per signal (its own value scale: percent or seconds), agents on the y axis.
    """
    s = signals[signals.channel == channel][
        ["agent", "signal", "value", "ci_low", "ci_high", "team_value", "outside_998"]
    ].copy()
    s["panel"] = s.signal.map(lambda x: f"{t(f'sig_{x}', lang)} ({_unit(x)})")
    outside, inside = t("ag_outside_998", lang), t("ag_inside", lang)
    s["state"] = s.outside_998.map({True: outside, False: inside})
    y = alt.Y("agent:N", title=t("ag_agent", lang), sort="ascending")
    x = alt.X("value:Q", title=t("ag_value_axis", lang), scale=alt.Scale(zero=False))
    bars = alt.Chart().mark_rule().encode(x=alt.X("ci_low:Q", title=""), x2="ci_high:Q", y=y)
    dots = (
        alt.Chart()
        .mark_circle(size=40)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "state:N",
                title="",
                scale=alt.Scale(domain=[outside, inside], range=["#d62728", "#4c78a8"]),
            ),
            tooltip=["agent:N", alt.Tooltip("value:Q", format=".1f")],
        )
    )
    team = alt.Chart().mark_rule(color="black", strokeDash=[4, 3]).encode(x="mean(team_value):Q")
    return (
        alt.layer(bars, dots, team, data=s)
        .properties(width=200, height=max(120, 12 * s.agent.nunique()))
        .facet(facet=alt.Facet("panel:N", title=None), columns=columns)
        .resolve_scale(x="independent")
        .properties(title=t("ag_agent_grid_title", lang).format(channel=channel))
    )


def path_chart(paths: pd.DataFrame, *, window_days: float = 7, lang: str = "en") -> alt.Chart:
    """The most common channel paths as bars, coloured by the contacts they take to resolve.

    Parameters
    ----------
    paths : pandas.DataFrame
        From :func:`cxkit.measure.paths.channel_paths`: ``path``, ``journeys``,
        ``contacts_to_resolve_mean``, ``resolved_pct``, ``time_to_resolution_median_h``.
    window_days : float
        The window the episodes were cut with (for the title).
    lang : {"en", "fi"}
        Language.

    Returns
    -------
    altair.Chart
        Horizontal bars, most common path on top.
    """
    return (
        alt.Chart(paths)
        .mark_bar()
        .encode(
            y=alt.Y("path:N", title=t("ag_path", lang), sort=list(paths.path)),
            x=alt.X("journeys:Q", title=t("ag_journeys_n", lang)),
            color=alt.Color(
                "contacts_to_resolve_mean:Q",
                title=t("ag_contacts_to_resolve", lang),
                scale=alt.Scale(scheme="oranges"),
            ),
            tooltip=[
                "path:N",
                "journeys:Q",
                alt.Tooltip("resolved_pct:Q", format=".1f"),
                alt.Tooltip("contacts_to_resolve_mean:Q", format=".2f"),
                alt.Tooltip("time_to_resolution_median_h:Q", format=".1f"),
            ],
        )
        .properties(
            title=t("ag_paths_title", lang).format(window=f"{window_days:g}"), width=420, height=260
        )
    )


def flow_chart(transitions: pd.DataFrame, *, lang: str = "en") -> alt.LayerChart:
    """Journeys moving from channel to channel, step by step: one line per move, as thick as its count.

    Parameters
    ----------
    transitions : pandas.DataFrame
        From :func:`cxkit.measure.paths.path_transitions`: ``step``, ``from_channel``,
        ``to_channel``, ``journeys``.
    lang : {"en", "fi"}
        Language.

    Returns
    -------
    altair.LayerChart
        Lines from (step, channel) to (step + 1, next channel) and the nodes.
    """
    tr = transitions.reset_index(drop=True)
    end = t("ag_end_of_journey", lang)
    a = pd.DataFrame(
        {"link": tr.index, "x": tr.step, "channel": tr.from_channel, "journeys": tr.journeys}
    )
    b = pd.DataFrame(
        {
            "link": tr.index,
            "x": tr.step + 1,
            "channel": tr.to_channel.replace({"end": end}),
            "journeys": tr.journeys,
        }
    )
    links = pd.concat([a, b], ignore_index=True)
    x = alt.X("x:O", title=t("ag_step", lang))
    y = alt.Y("channel:N", title=t("channel", lang))
    lines = (
        alt.Chart(links)
        .mark_line(opacity=0.5)
        .encode(
            x=x,
            y=y,
            detail="link:N",
            strokeWidth=alt.StrokeWidth(
                "journeys:Q", title=t("ag_journeys_n", lang), scale=alt.Scale(range=[0.5, 14])
            ),
            tooltip=["journeys:Q"],
        )
    )
    nodes = (
        alt.Chart(links.groupby(["x", "channel"], as_index=False).journeys.sum())
        .mark_circle(color="black")
        .encode(x=x, y=y, size=alt.Size("journeys:Q", legend=None))
    )
    return (lines + nodes).properties(title=t("ag_flow_title", lang), width=420, height=240)


def channel_mix_chart(
    mix: pd.DataFrame, *, period: str = "week", lang: str = "en"
) -> alt.VConcatChart:
    """Each channel's share of contacts per period (stacked), above the total volume.

    Parameters
    ----------
    mix : pandas.DataFrame
        From :func:`cxkit.measure.paths.channel_mix`: ``period_start``, ``channel``,
        ``contacts``, ``total``, ``share_pct``.
    period : str
        The period the mix was cut in (for the title).
    lang : {"en", "fi"}
        Language.

    Returns
    -------
    altair.VConcatChart
        Stacked shares (percent, 0-100) and a line of all contacts per period.
    """
    m = mix.assign(period_start=mix.period_start.dt.tz_localize(None))
    x = alt.X("period_start:T", title=t(period, lang))
    shares = (
        alt.Chart(m)
        .mark_area()
        .encode(
            x=x,
            y=alt.Y(
                "share_pct:Q",
                title=t("ag_share_pct", lang),
                stack="zero",
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color("channel:N", title=t("channel", lang)),
            tooltip=["channel:N", "contacts:Q", alt.Tooltip("share_pct:Q", format=".1f")],
        )
        .properties(width=480, height=200)
    )
    tot = m.drop_duplicates("period_start")[["period_start", "total"]]
    total = (
        alt.Chart(tot)
        .mark_line(point=True, color="black")
        .encode(x=x, y=alt.Y("total:Q", title=t("ag_total_contacts", lang)))
        .properties(width=480, height=100)
    )
    return alt.vconcat(shares, total).properties(
        title=t("ag_mix_title", lang).format(period=t(period, lang))
    )


def failure_demand_chart(cost: pd.DataFrame, *, lang: str = "en") -> alt.Chart:
    """Agent hours of failure demand per channel (and reason), the costliest first.

    Parameters
    ----------
    cost : pandas.DataFrame
        From :func:`cxkit.measure.journeys.failure_demand_cost`: ``channel`` (and ``reason``),
        ``failure_agent_h``, ``failure_pct``, ``failure_cost``.
    lang : {"en", "fi"}
        Language.

    Returns
    -------
    altair.Chart
        Horizontal bars of agent hours.
    """
    c = cost.copy()
    c["group"] = c.channel + (" / " + c.reason if "reason" in c.columns else "")
    return (
        alt.Chart(c)
        .mark_bar(color="#d62728")
        .encode(
            y=alt.Y("group:N", title=t("channel", lang), sort="-x"),
            x=alt.X("failure_agent_h:Q", title=t("ag_agent_hours", lang)),
            tooltip=[
                "group:N",
                alt.Tooltip("failure_agent_h:Q", format=".1f"),
                alt.Tooltip("failure_pct:Q", format=".1f"),
                alt.Tooltip("failure_cost:Q", format=",.0f"),
            ],
        )
        .properties(title=t("ag_failure_title", lang), width=420, height=180)
    )


def incentive_chart(
    what_if: pd.DataFrame,
    aht: pd.Series,
    *,
    rule: str,
    repeat_target_pct: float | None = None,
    lang: str = "en",
) -> alt.LayerChart:
    """Who a bonus rewards: each agent's AHT against their customers' repeat contacts.

    Parameters
    ----------
    what_if : pandas.DataFrame
        From :func:`cxkit.measure.incentives.incentive_what_if`: ``agent``, ``rewarded``,
        ``repeat_contact`` (percent).
    aht : pandas.Series
        AHT (s) by agent (the agent table's ``aht_s`` indexed by agent).
    rule : str
        The rule in words (for the title).
    repeat_target_pct : float, optional
        The charter's repeat-contact target, drawn as a rule.
    lang : {"en", "fi"}
        Language.

    Returns
    -------
    altair.LayerChart
        Points (rewarded agents coloured and labelled) and the repeat target.
    """
    w = what_if[["agent", "rewarded", "repeat_contact"]].copy()
    w["aht_s"] = w.agent.map(aht).astype(float)
    yes, no = t("ag_rewarded", lang), t("ag_not_rewarded", lang)
    w["state"] = w.rewarded.map({True: yes, False: no})
    x = alt.X("aht_s:Q", title=t("ag_aht_axis", lang), scale=alt.Scale(zero=False))
    y = alt.Y("repeat_contact:Q", title=t("ag_repeat_axis", lang))
    pts = (
        alt.Chart(w)
        .mark_circle(size=70)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "state:N", title="", scale=alt.Scale(domain=[yes, no], range=["#d62728", "#9e9e9e"])
            ),
            tooltip=[
                "agent:N",
                alt.Tooltip("aht_s:Q", format=".0f"),
                alt.Tooltip("repeat_contact:Q", format=".1f"),
            ],
        )
    )
    labels = (
        alt.Chart(w[w.rewarded])
        .mark_text(align="left", dx=6, dy=-6)
        .encode(x="aht_s:Q", y="repeat_contact:Q", text="agent:N")
    )
    layers = pts + labels
    if repeat_target_pct is not None:
        layers += (
            alt.Chart(pd.DataFrame({"target": [repeat_target_pct]}))
            .mark_rule(color="black", strokeDash=[5, 3])
            .encode(y="target:Q")
        )
    return layers.properties(
        title=t("ag_incentive_title", lang).format(rule=rule), width=460, height=280
    )
