"""Charts of the gaming diagnostic and journeys: titles, units, limits, labels, both languages."""

from __future__ import annotations

import json

import pytest

from cxkit.charter.incentives import IncentiveRule
from cxkit.measure.agents import agent_signals, agent_table
from cxkit.measure.incentives import incentive_what_if
from cxkit.measure.journeys import failure_demand_cost
from cxkit.measure.paths import channel_mix, channel_paths, journey_episodes, path_transitions
from cxkit.sample.generate import GAMER, generate
from cxkit.ui.agent_charts import (
    agent_grid_chart,
    channel_mix_chart,
    failure_demand_chart,
    flow_chart,
    funnel_chart,
    incentive_chart,
    path_chart,
)


@pytest.fixture(scope="module")
def centre():
    d = generate(days=10, seed=5, scale=0.2)
    sig = agent_signals(d)
    return d, sig, agent_table(d, signals=sig)


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [])


def _data(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_funnel_chart_labels_the_flagged_agent(centre, lang):
    _, sig, tab = centre
    flagged = tuple(tab[tab.flagged].agent)
    spec = funnel_chart(sig, "short_contact", channel="phone", flagged=flagged, lang=lang).to_dict()
    title = spec["title"]
    assert ("99.8 %" in title) if lang == "en" else ("99,8 %" in title)
    limits, team, points, labels = _layers(spec)
    assert "(%)" in points["encoding"]["y"]["title"]
    assert points["encoding"]["x"]["title"] == (
        "Contacts (n)" if lang == "en" else "Yhteydenotot (n)"
    )
    assert [r["agent"] for r in _data(spec, labels)] == [GAMER]
    assert _data(spec, team)[0]["value"] == pytest.approx(
        sig[(sig.signal == "short_contact") & (sig.channel == "phone")].team_value.iloc[0]
    )
    lims = _data(spec, limits)
    assert {r["limit"] for r in lims} == (
        {"95 % limit", "99.8 % limit"} if lang == "en" else {"95 %:n raja", "99,8 %:n raja"}
    )


def test_funnel_chart_of_a_mean_signal_in_seconds(centre):
    _, sig, _ = centre
    spec = funnel_chart(sig, "acw_s", channel="phone").to_dict()
    assert "(s)" in spec["layer"][2]["encoding"]["y"]["title"]


def test_funnel_chart_says_which_signals_there_are(centre):
    _, sig, _ = centre
    with pytest.raises(ValueError, match="hold_disconnect"):
        funnel_chart(sig, "hold_disconnect", channel="phone")


def test_agent_grid_has_a_panel_per_signal(centre):
    _, sig, _ = centre
    spec = agent_grid_chart(sig, channel="phone").to_dict()
    assert "phone" in spec["title"]
    panels = {r["panel"] for r in spec["datasets"][spec["data"]["name"]]}
    assert "Short contacts (talk under 10 s) (%)" in panels and "After-call work (s)" in panels
    assert spec["resolve"]["scale"]["x"] == "independent"


def test_path_flow_and_mix_charts(centre):
    d, _, _ = centre
    e = journey_episodes(d, window_days=2)  # ten days of data: a 7-day W would censor all
    p = path_chart(channel_paths(e), lang="fi").to_dict()
    assert p["title"].startswith("Yleisimmät kanavapolut")
    assert p["encoding"]["x"]["title"] == "Asiointiketjut (n)"
    f = flow_chart(path_transitions(e)).to_dict()
    assert f["title"].startswith("How journeys move")
    links = f["datasets"][f["layer"][0]["data"]["name"]]
    assert {r["channel"] for r in links} >= {"phone", "email", "end"}
    m = channel_mix_chart(channel_mix(d, period="week")).to_dict()
    assert "week" in m["title"]
    top, bottom = m["vconcat"]
    assert top["encoding"]["y"]["scale"]["domain"] == [0, 100]
    assert "(%)" in top["encoding"]["y"]["title"] and "(n)" in bottom["encoding"]["y"]["title"]


def test_failure_demand_and_incentive_charts(centre):
    d, _, tab = centre
    fd = failure_demand_chart(
        failure_demand_cost(d, cost_per_agent_h=38, by=("channel",))
    ).to_dict()
    assert fd["encoding"]["x"]["title"] == "Agent hours (h)"
    rule = IncentiveRule(id="speed", measure="aht", rank="lowest", top=3, channel="phone")
    w = incentive_what_if(rule, tab)
    spec = incentive_chart(
        w, tab.set_index("agent").aht_s, rule=rule.describe(), repeat_target_pct=15
    ).to_dict()
    assert "lowest AHT" in spec["title"]
    pts, labels, target = spec["layer"]
    assert GAMER in [r["agent"] for r in spec["datasets"][labels["data"]["name"]]]
    assert spec["datasets"][target["data"]["name"]] == [{"target": 15}]
    assert json.dumps(spec)  # serialisable as it is
