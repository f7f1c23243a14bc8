"""Journeys across channels: the journey table, failure demand in hours and money, episodes and
channel paths, channel mix and self-service containment, by hand and on the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxkit.data.loader import load
from cxkit.measure.engine import metric_rows
from cxkit.measure.journeys import failure_demand_cost, journey_table, linked_journeys
from cxkit.measure.paths import (
    channel_mix,
    channel_paths,
    containment,
    journey_episodes,
    path_transitions,
)

from .conftest import REAL

T0 = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")


def _h(hours: float) -> pd.Timestamp:
    return T0 + pd.Timedelta(hours=hours)


def _toy() -> dict[str, pd.DataFrame]:
    """Customer A: email (h 0, replied h 30) -> phone (h 20, a chaser) -> phone (h 100, resolved).
    Customer B: chat (h 10, resolved). Customer C: phone h 400 (the data's end)."""
    c = pd.DataFrame(
        {
            "contact_id": ["p1", "p2", "c1", "p3"],
            "channel": ["phone", "phone", "chat", "phone"],
            "queue": ["billing", "billing", "chat", "moving"],
            "customer": ["A", "A", "B", "C"],
            "arrival": [_h(20), _h(100), _h(10), _h(400)],
            "outcome": "answered",
            "answered_at": [_h(20), _h(100), _h(10), _h(400)],
            "talk_s": [600.0, 1200.0, 300.0, 60.0],
            "acw_s": [0.0, 0.0, 0.0, 0.0],
            "resolved": [False, True, True, True],
            "agent": ["X", "Y", "Z", "X"],
        }
    )
    t = pd.DataFrame(
        {
            "ticket_id": ["e1"],
            "channel": "email",
            "customer": ["A"],
            "created": [_h(0)],
            "first_reply": [_h(30)],
            "solved": [pd.NaT],
            "handle_s": [1800.0],
        }
    )
    return {"contacts": c, "tickets": t}


def test_journey_table_by_hand():
    jt = journey_table(_toy(), window_days=7)
    a = jt[jt.customer == "A"]
    assert a.channel.tolist() == ["email", "phone", "phone"] and a.step.tolist() == [1, 2, 3]
    assert a.gap_to_next_h.tolist()[:2] == [20.0, 80.0] and np.isnan(a.gap_to_next_h.iloc[2])
    assert a.next_is_repeat.tolist() == [True, True, False]
    assert a.next_is_chase.tolist() == [True, False, False]  # the call while the email waited
    assert a.channel_switch.tolist() == [True, False, False]
    assert a.reason.isna().tolist() == [True, False, False]  # a ticket without a group has none
    assert a.reason.iloc[1] == "billing"  # a contact's queue stands in for the reason
    # the data ends at h 400: everything after h 400 - 168 is censored
    assert jt.set_index("id").censored.to_dict() == {
        "e1": False,
        "p1": False,
        "c1": False,
        "p2": False,
        "p3": True,
    }


def test_linked_journeys_agree_with_the_repeat_metric():
    d = _toy()
    js = linked_journeys(d, window_days=7)
    rows = metric_rows(d, "repeat_contact_rate", options={"window_days": 7}).frame
    handled = js[js.answered.astype(bool) & ~js.late]
    assert rows.num.sum() == handled.repeated.sum() and len(rows) == len(handled)


def test_failure_demand_in_hours_and_money_by_hand():
    d = _toy()
    f = failure_demand_cost(d, cost_per_agent_h=40, by=("channel",), censor="include")
    f = f.set_index("channel")
    # phone: p1 (repeat and chase of the email, 600 s) and p2 (80 h after p1: a repeat, 1200 s)
    assert f.loc["phone", "contacts"] == 3 and f.loc["phone", "failure"] == 2
    assert f.loc["phone", "repeats"] == 2 and f.loc["phone", "chases"] == 1
    assert f.loc["phone", "failure_agent_h"] == pytest.approx(1800 / 3600)
    assert f.loc["phone", "failure_cost"] == pytest.approx(20.0)
    assert f.loc["phone", "handle_h"] == pytest.approx(1860 / 3600)
    assert f.loc["email", "failure"] == 0 and f.loc["chat", "failure"] == 0
    assert f.index[0] == "phone"  # the costliest first
    # by reason: a missing reason is its own group, nothing dropped
    r = failure_demand_cost(d, by=("channel", "reason"), censor="include")
    assert r.contacts.sum() == 5 and r.failure_cost.isna().all()
    assert "(none)" in set(r.reason)


def test_failure_demand_is_censored_at_the_data_start():
    # with W = 7 days, contacts in the first 168 h cannot be seen to repeat an earlier contact
    f = failure_demand_cost(_toy(), by=("channel",), window_days=7)
    assert f.contacts.sum() == 1  # only p3 (h 400) is past the first week
    with pytest.raises(ValueError, match="censor"):
        failure_demand_cost(_toy(), censor="maybe")


def test_failure_demand_matches_the_metric():
    d = _toy()
    f = failure_demand_cost(d, by=("channel",), censor="include", window_days=7)
    rows = metric_rows(d, "failure_demand", options={"window_days": 7, "censor": "include"}).frame
    assert f.failure.sum() == rows.num.sum() and f.contacts.sum() == len(rows)
    assert f.failure_agent_h.sum() == pytest.approx(rows.hours.sum())


def test_episodes_and_paths_by_hand():
    e = journey_episodes(_toy(), window_days=7, censor="include").set_index("customer")
    assert e.loc["A", "path"] == "email > phone > phone"
    assert e.loc["A", "contacts"] == 3 and e.loc["A", "channels"] == 2
    assert e.loc["A", "contacts_to_resolve"] == 3
    assert e.loc["A", "time_to_resolution_h"] == pytest.approx(100.0)
    assert e.loc["B", "path"] == "chat" and e.loc["B", "time_to_resolution_h"] == 0
    # a gap longer than W starts a new episode
    e2 = journey_episodes(_toy(), window_days=3, censor="include")
    assert sorted(e2[e2.customer == "A"].path) == ["email > phone", "phone"]
    # censored by default: A and B start in the first week, C ends in the last
    assert len(journey_episodes(_toy(), window_days=7)) == 0
    short = journey_episodes(_toy(), window_days=7, max_steps=2, censor="include")
    assert short.set_index("customer").loc["A", "path"] == "email > phone > ..."


def test_unresolved_episode_has_no_resolution_time():
    d = _toy()
    d["contacts"] = d["contacts"].assign(resolved=False)
    e = journey_episodes(d, censor="include").set_index("customer")
    assert not e.loc["A", "resolved"] and np.isnan(e.loc["A", "contacts_to_resolve"])
    assert np.isnan(e.loc["A", "time_to_resolution_h"])


def test_channel_paths_and_transitions():
    e = journey_episodes(_toy(), censor="include")
    p = channel_paths(e).set_index("path")
    assert p.journeys.sum() == 3 and p.share_pct.sum() == pytest.approx(100)
    assert p.loc["email > phone > phone", "contacts_to_resolve_mean"] == 3
    tr = path_transitions(e)
    assert tr[(tr.step == 1) & (tr.from_channel == "email")].to_channel.tolist() == ["phone"]
    assert tr[tr.to_channel == "end"].journeys.sum() == 3  # every episode ends once


def test_channel_mix_by_hand():
    c = pd.DataFrame(
        {
            "channel": ["phone", "phone", "chat", "phone", "phone"],
            "arrival": [T0, T0, T0, T0 + pd.Timedelta(days=7), T0],
            "outcome": ["answered", "abandoned", "answered", "answered", "self_service"],
        }
    )
    t = pd.DataFrame({"channel": ["email"], "created": [T0]})
    m = channel_mix({"contacts": c, "tickets": t}, period="week")
    w1 = m[m.period_start == m.period_start.min()].set_index("channel")
    assert w1.contacts.to_dict() == {"chat": 1, "email": 1, "phone": 2}  # self-service not offered
    assert (w1.total == 4).all() and w1.share_pct.sum() == pytest.approx(100)
    assert m[m.period_start == m.period_start.max()].share_pct.tolist() == [100.0]
    with pytest.raises(ValueError, match="period"):
        channel_mix({"contacts": c}, period="interval")


def test_containment_by_hand():
    c = pd.DataFrame(
        {
            "channel": "phone",
            "customer": ["A", "B", None, "A", "C", "D"],
            "arrival": [T0, T0, T0, T0 + pd.Timedelta(days=1), T0, T0 + pd.Timedelta(days=30)],
            "outcome": [
                "self_service",
                "self_service",
                "self_service",
                "answered",
                "answered",
                "answered",
            ],
        }
    )
    r = containment(c, window_days=7).iloc[0]
    assert (r.entered, r.self_service) == (6, 3)
    assert r.containment_pct == 50
    # A came back to an agent the next day: not held; B held; the one without a key cannot be judged
    assert (r.judged, r.held, r.held_pct) == (2, 1, 50.0)


def test_sample_journeys(sample_tables):
    data = {k: v.data for k, v in sample_tables.items()}
    jt = journey_table(data)
    assert len(jt) == data["contacts"].outcome.isin(
        ["answered", "abandoned", "flowout"]
    ).sum() + len(data["tickets"])
    f = failure_demand_cost(data, cost_per_agent_h=38)
    assert f.loc[f.failure_agent_h.idxmax(), "channel"] == "phone"
    e = journey_episodes(data)
    p = channel_paths(e)
    assert p.path.iloc[0] == "phone"
    assert "email > phone" in set(p.path)  # the chasers
    m = channel_mix(data, period="week")
    assert m.groupby("period_start").share_pct.sum().round(6).eq(100).all()


@pytest.mark.skipif(not (REAL / "technion-anonymous-bank-1999").exists(), reason="no real data")
def test_technion_containment_from_the_vru():
    c = load(REAL / "technion-anonymous-bank-1999" / "january_1999.txt.gz", preset="technion").data
    r = containment(c).iloc[0]
    assert r.entered == len(c) and r.self_service == (c.outcome == "self_service").sum()
    assert 2 < r.containment_pct < 6  # 1,081 calls a day, 1,040 offered to agents (the README)


def test_failure_demand_finds_the_samples_true_causes(sample_tables):
    """The generator records why each contact came (``cause``): detection is checked against it."""
    data = {k: v.data for k, v in sample_tables.items()}
    js = linked_journeys(data, window_days=7)
    cause = pd.concat(
        [
            data["contacts"][["contact_id", "cause"]].rename(columns={"contact_id": "id"}),
            data["tickets"][["ticket_id", "cause"]].rename(columns={"ticket_id": "id"}),
        ]
    )
    m = js.merge(cause, on="id", how="left", validate="one_to_one")
    m = m[~m.early]  # censored: their cause may lie before the data
    found = m.is_repeat.fillna(False).astype(bool) | m.chase
    truth = m.cause.isin(["repeat", "retry", "chase"])
    assert (found & truth).sum() / found.sum() > 0.99  # precision
    assert (found & truth).sum() / truth.sum() > 0.99  # recall
    assert (m.chase & m.cause.eq("chase")).sum() / m.cause.eq("chase").sum() > 0.85
