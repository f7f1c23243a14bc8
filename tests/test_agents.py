"""The gaming diagnostic: hand-computed per-agent rates, funnel limits, flags, the sample's gamer,
an honest agent of the same volume, and the real Technion call log."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxkit.data.loader import load
from cxkit.errors import MissingDataError
from cxkit.measure.agents import (
    SIGNALS,
    agent_signals,
    agent_table,
    funnel_curve,
    funnel_limits,
    gaming_flags,
    signal_availability,
)
from cxkit.sample.generate import GAMER, generate

from .conftest import REAL

T0 = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
TECHNION = REAL / "technion-anonymous-bank-1999"


def _hand() -> dict[str, pd.DataFrame]:
    """Two phone agents, A (4 calls) and B (3 calls), one abandoned call, three survey responses.

    The data ends on day 21; with W = 7 days calls after day 14 cannot show a repeat yet (censored).
    """
    rows = [  # contact, day, agent, customer, talk, acw, disconnect, transferred, resolved
        ("c0", 0, "A", "X", 5.0, 0.0, "agent", False, True),
        ("c1", 2, "A", "X", 10.0, 30.0, "customer", True, False),
        ("c2", 5, "A", "Z", 200.0, 60.0, "agent", False, True),
        ("c3", 20, "A", "X", 9.99, np.nan, None, False, True),
        ("c4", 10, "B", "Y", 100.0, 10.0, "customer", False, True),
        ("c5", 1, "B", "W", 100.0, 10.0, "customer", False, True),
        ("c6", 21, "B", "V", 3.0, 10.0, "customer", False, True),
        ("c7", 3, None, "U", np.nan, np.nan, None, None, None),
    ]
    cols = ["contact_id", "day", "agent", "customer", "talk_s", "acw_s", "disconnect"]
    c = pd.DataFrame(rows, columns=[*cols, "transferred", "resolved"])
    c["arrival"] = [T0 + pd.Timedelta(days=d) for d in c.pop("day")]
    c["channel"] = "phone"
    c["outcome"] = ["answered"] * 7 + ["abandoned"]
    c["hold_s"] = [0.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0, np.nan]
    s = pd.DataFrame(
        {
            "response_id": ["s1", "s2", "s3"],
            "responded_at": T0 + pd.Timedelta(days=1),
            "contact_id": ["c0", "c2", "c4"],
            "csat": [4, 2, 5],
            "nps": [10, 3, 9],
        }
    )
    return {"contacts": c, "surveys": s}


def _sig(sig: pd.DataFrame, agent: str, signal: str) -> pd.Series:
    return sig[(sig.agent == agent) & (sig.signal == signal)].iloc[0]


def test_every_per_agent_rate_by_hand():
    d = _hand()
    sig = agent_signals(d, min_n=1, overdispersion="none")
    kn = {(r.agent, r.signal): (r.k, r.n) for r in sig.itertuples()}
    # short: A 5 and 9.99 (10.0 is not under 10 s); B 3 s
    assert kn["A", "short_contact"] == (2, 4) and kn["B", "short_contact"] == (1, 3)
    # agent ended: A 2 of the 3 calls that say who ended them; B none
    assert kn["A", "agent_disconnect"] == (2, 3) and kn["B", "agent_disconnect"] == (0, 3)
    assert kn["A", "transfer"] == (1, 4) and kn["B", "transfer"] == (0, 3)
    assert kn["A", "acw_s"] == (90, 3) and _sig(sig, "A", "acw_s").value == 30
    assert kn["A", "hold"] == (1, 4) and kn["B", "hold"] == (0, 3)  # c1 was put on hold
    # repeats: the data ends on day 21; day 20 (A) and 21 (B) are censored.
    # A: X day 0 -> X day 2 (repeat), X day 2 -> X day 20 (18 days: no), Z day 5 (no) -> 1 of 3
    # B: Y day 10 (no), W day 1 (no) -> 0 of 2
    assert kn["A", "repeat_contact"] == (1, 3) and kn["B", "repeat_contact"] == (0, 2)
    # after resolved: A's day-0 call was resolved and X came back; the day-2 call was not resolved
    assert kn["A", "repeat_after_resolved"] == (1, 2)
    # CSAT top-2 box: c0 (4) and c2 (2) are A's; c4 (5) is B's
    assert kn["A", "csat_top2"] == (1, 2) and kn["B", "csat_top2"] == (1, 1)
    assert kn["A", "survey_response"] == (2, 4) and kn["B", "survey_response"] == (1, 3)
    r = _sig(sig, "A", "short_contact")
    assert r.value == 50 and r.team_value == pytest.approx(300 / 7)
    lo, hi = r.ci_low, r.ci_high
    assert (round(lo, 1), round(hi, 1)) == (15.0, 85.0)  # Wilson 2 of 4


def test_censor_include_keeps_the_last_days():
    sig = agent_signals(_hand(), min_n=1, censor="include")
    kn = {(r.agent, r.signal): (r.k, r.n) for r in sig.itertuples()}
    assert kn["A", "repeat_contact"] == (1, 4) and kn["B", "repeat_contact"] == (0, 3)


def test_agent_table_context_by_hand():
    d = _hand()
    # QA: A has two evaluations (4 of 5 points -> 80, 5 of 5 -> 100), B none
    d["evaluations"] = pd.DataFrame(
        {
            "evaluation_id": ["e1", "e1", "e2"],
            "agent": "A",
            "evaluator": "Q",
            "evaluated_at": T0,
            "question_id": ["q1", "q2", "q1"],
            "earned": [1.0, 3.0, 5.0],
            "possible": [2.0, 3.0, 5.0],
        }
    )
    tab = agent_table(d, min_n=1).set_index("agent")
    assert (tab.loc["A", "qa_score"], tab.loc["A", "qa_n"]) == (90, 2)
    assert np.isnan(tab.loc["B", "qa_score"])
    assert tab.loc["A", "handled"] == 4 and tab.loc["B", "handled"] == 3
    # AHT = talk + hold + acw: A (5 + 0 + 0, 10 + 30 + 30, 200 + 60, 9.99) / 4
    assert tab.loc["A", "aht_s"] == pytest.approx((5 + 70 + 260 + 9.99) / 4)
    assert tab.loc["A", "resolved_pct"] == 75
    assert tab.loc["A", "short_contact"] == 50 and tab.loc["A", "short_contact_n"] == 4
    # NPS: A has a promoter (10) and a detractor (3): 0 points over 2; B one promoter: 100
    assert (tab.loc["A", "nps"], tab.loc["A", "nps_n"], tab.loc["B", "nps"]) == (0, 2, 100)
    se = math.sqrt((0.5 + 0.5 - 0) / 2)
    assert tab.loc["A", "nps_ci_high"] == pytest.approx(100 * 1.959964 * se, rel=1e-5)
    assert not tab.flagged.any()


def test_funnel_limits_by_hand_and_edges():
    f = funnel_limits(
        pd.DataFrame({"k": [10, 12, 60], "n": [100, 100, 100]}), overdispersion="none"
    )
    p = 82 / 300
    se = math.sqrt(p * (1 - p) / 100)
    assert f.team_value.iloc[0] == pytest.approx(100 * p)
    assert f.lim998_high.iloc[0] == pytest.approx(100 * (p + 3.09 * se))
    assert f.lim95_low.iloc[0] == pytest.approx(100 * (p - 1.96 * se))
    assert f.z.iloc[2] == pytest.approx((0.6 - p) / se)
    assert f.outside_998_high.tolist() == [False, False, True]
    assert f.outside_998_low.tolist() == [True, True, False]  # 10 % and 12 % < 13.5 %
    # a team rate of 0 leaves no spread: nobody is outside, nothing divides by zero
    z = funnel_limits(pd.DataFrame({"k": [0, 0], "n": [10, 20]}))
    assert not z.outside_998_high.any() and (z.lim998_high == 0).all()
    # limits of a rate stay within 0-100
    assert funnel_curve(50.0, n_max=10).lim998_high.le(100).all()
    with pytest.raises(ValueError, match="overdispersion"):
        funnel_limits(pd.DataFrame({"k": [1], "n": [2]}), overdispersion="maybe")


def test_overdispersion_widens_only_when_agents_differ_beyond_chance():
    # twenty agents on the same rate: no overdispersion, phi stays 1
    same = pd.DataFrame({"k": [50] * 20, "n": [500] * 20})
    assert funnel_limits(same).phi.iloc[0] == 1
    # agents spread far beyond binomial noise: phi = mean of the winsorised z^2 (> 1)
    k = np.array([20, 30, 40, 50, 60, 70, 80, 90, 100, 110] * 2)
    spread = pd.DataFrame({"k": k, "n": [500] * 20})
    f = funnel_limits(spread)
    p = k.sum() / 10_000
    z = (k / 500 - p) / math.sqrt(p * (1 - p) / 500)
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    assert f.phi.iloc[0] == pytest.approx(phi) and phi > 1
    half = 3.09 * math.sqrt(phi * p * (1 - p) / 500)
    assert f.lim998_high.iloc[0] == pytest.approx(100 * (p + half))
    assert funnel_limits(spread, overdispersion="none").phi.iloc[0] == 1


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "D"]),
            st.floats(0, 600),
            st.sampled_from(["agent", "customer", None]),
            st.booleans(),
            st.sampled_from(["X", "Y", "Z", None]),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_per_agent_counts_sum_to_the_team(rows):
    c = pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(len(rows))],
            "channel": "phone",
            "arrival": [T0 + pd.Timedelta(days=r[5], minutes=i) for i, r in enumerate(rows)],
            "outcome": "answered",
            "agent": [r[0] for r in rows],
            "talk_s": [r[1] for r in rows],
            "disconnect": [r[2] for r in rows],
            "transferred": [r[3] for r in rows],
            "customer": [r[4] for r in rows],
        }
    )
    sig = agent_signals({"contacts": c}, min_n=1)
    for _, g in sig.groupby("signal"):
        # team rate = sum of the agents' events / sum of their contacts (never a mean of rates)
        assert g.team_value.iloc[0] == pytest.approx(100 * g.k.sum() / g.n.sum())
    short = sig[sig.signal == "short_contact"]
    assert short.n.sum() == len(c) and short.k.sum() == (c.talk_s < 10).sum()
    disc = sig[sig.signal == "agent_disconnect"]
    assert disc.n.sum() == c.disconnect.notna().sum()
    assert disc.k.sum() == (c.disconnect == "agent").sum()
    tab = agent_table({"contacts": c}, min_n=1)
    assert tab.handled.sum() == len(c)


def _centre(rates: dict[str, dict[str, float]], n: int, seed: int) -> dict[str, pd.DataFrame]:
    """A generated centre of agents with ``n`` calls each and the given per-signal rates."""
    rng = np.random.default_rng(seed)
    frames = []
    for i, (agent, r) in enumerate(rates.items()):
        short = rng.random(n) < r["short"]
        frames.append(
            pd.DataFrame(
                {
                    "contact_id": [f"{agent}-{j}" for j in range(n)],
                    "channel": "phone",
                    "arrival": T0 + pd.to_timedelta(rng.uniform(0, 28 * 86400, n), unit="s"),
                    "outcome": "answered",
                    "agent": agent,
                    "customer": [f"K{i}-{j}" for j in range(n)],
                    "talk_s": np.where(short, rng.uniform(2, 9, n), rng.lognormal(5.3, 0.7, n)),
                    "acw_s": np.where(short, 0.0, rng.lognormal(3.6, 0.5, n)),
                    "disconnect": np.where(
                        short | (rng.random(n) < r["agent_end"]), "agent", "customer"
                    ),
                    "transferred": rng.random(n) < 0.06,
                }
            )
        )
    return {"contacts": pd.concat(frames, ignore_index=True)}


def test_gamer_flagged_and_an_honest_agent_of_the_same_volume_is_not():
    honest = {
        f"H{i:02d}": {"short": 0.005, "agent_end": float(a)}
        for i, a in enumerate(np.linspace(0.25, 0.35, 24))
    }
    honest["GAMER"] = {"short": 0.3, "agent_end": 0.3}
    tab = agent_table(_centre(honest, 600, seed=3)).set_index("agent")
    assert tab.loc["GAMER", "flagged"]
    assert tab.loc["GAMER", "families_outside"] >= 2
    assert tab.flagged.sum() == 1
    # the honest agent with the most agent-ended calls is still not flagged: one family is not enough
    assert not tab.loc["H23", "flagged"]


def test_the_generated_centres_gamer_is_found_with_no_hint():
    for seed in (5, 11):
        d = generate(days=10, seed=seed, scale=0.2)
        tab = agent_table(d).set_index("agent")
        assert tab.loc[GAMER, "flagged"], seed
        assert tab.flagged.sum() == 1, tab[tab.flagged].index.tolist()
        # an honest phone agent of about the gamer's volume is not flagged
        phone = tab[(tab.channel == "phone") & (tab.index != GAMER)]
        twin = (phone.handled - tab.loc[GAMER, "handled"]).abs().idxmin()
        assert not tab.loc[twin, "flagged"] and tab.loc[twin, "families_outside"] <= 1


def test_the_bundled_samples_gamer(sample_tables):
    data = {k: v.data for k, v in sample_tables.items()}
    tab = agent_table(data).set_index("agent")
    v = tab.loc[GAMER]
    assert v.flagged and tab.flagged.sum() == 1
    assert set(v.signals_outside.split(", ")) >= {
        "short_contact",
        "agent_disconnect",
        "repeat_contact",
    }
    assert round(v.short_contact, 1) == 30.8 and round(v.agent_disconnect) == 52
    others = tab[(tab.channel == "phone") & (tab.index != GAMER)]
    assert others.short_contact.max() == 0 and others.repeat_contact.max() <= 15
    assert v.repeat_contact > 30
    assert v.csat_top2 == tab[tab.channel == "phone"].csat_top2.min()
    avail = signal_availability(data).set_index("signal")
    assert not avail.present["hold_disconnect"] and avail.present["csat_top2"]


def test_periods_compare_within_each_period():
    d = generate(days=10, seed=5, scale=0.2)
    sig = agent_signals(d, period="week")
    assert "period_start" in sig.columns and sig.period_start.nunique() >= 2
    flags = gaming_flags(sig)
    assert flags[flags.flagged].agent.unique().tolist() == [GAMER]


def test_missing_inputs_are_said_plainly():
    c = pd.DataFrame(
        {
            "contact_id": ["a"],
            "channel": "phone",
            "arrival": [T0],
            "outcome": "answered",
        }
    )
    with pytest.raises(MissingDataError, match="agent"):
        agent_signals({"contacts": c})
    with pytest.raises(MissingDataError, match="signal_availability"):
        agent_signals({"contacts": c.assign(agent="A")})
    with pytest.raises(ValueError, match="censor"):
        agent_signals({"contacts": c.assign(agent="A", talk_s=5.0)}, censor="maybe")
    with pytest.raises(MissingDataError, match="no answered contact has an agent"):
        agent_signals({"contacts": c.assign(agent=None, talk_s=5.0)})
    a = signal_availability({"contacts": c}).set_index("signal")
    assert a.missing["agent_disconnect"] == "contacts.disconnect"
    assert list(a.index) == list(SIGNALS)


@pytest.mark.skipif(not TECHNION.exists(), reason="real Technion data not present")
def test_technion_real_call_log():
    """Two real months: only short calls and repeats can be measured; nobody has two families out."""
    parts = [
        load(TECHNION / f, preset="technion")
        for f in ("january_1999.txt.gz", "february_1999.txt.gz")
    ]
    c = pd.concat([p.data for p in parts], ignore_index=True)
    data = {"contacts": c}
    avail = signal_availability(data).set_index("signal")
    assert avail.present[["short_contact", "repeat_contact"]].all()
    for s in ("agent_disconnect", "transfer", "csat_top2", "acw_s"):
        assert not avail.present[s]
    sig = agent_signals(data)
    tab = agent_table(data, signals=sig)
    answered = c[(c.outcome == "answered") & c.agent.notna()]
    assert tab.handled.sum() == len(answered)
    assert tab.agent.nunique() == answered.agent.nunique() >= 24
    short = sig[sig.signal == "short_contact"]
    assert short.k.sum() == (answered.talk_s < 10).sum()
    assert 3 < short.team_value.iloc[0] < 8  # about 5 % of the bank's calls are under 10 s
    assert not tab.flagged.any()  # some agents are out on one signal, none on two families
    assert tab.families_outside.max() == 1


def test_cli_agents_json_and_text(capsys):
    from cxkit.cli import main
    from cxkit.settings import example_charter, sample_dir

    charter = str(example_charter("finnish_contact_centre"))
    assert main(["agents", charter, str(sample_dir()), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["flagged"] == [GAMER] and out["window_days"] == 7
    assert out["signals_missing"] == {"hold_disconnect": "contacts.hold_disconnect"}
    first = out["agents"][0]
    assert first["agent"] == GAMER and first["flagged"] and first["short_contact_n"] > 0
    speed = next(r for r in out["incentives"] if r["id"] == "speed-bonus")
    assert GAMER in speed["rewarded"]
    assert main(["agents", charter, str(sample_dir()), "--lang", "fi", "--channel", "phone"]) == 0
    text = capsys.readouterr().out
    assert "1 liputettu" in text and f"* phone    {GAMER}" in text
    assert main(["agents", charter, str(sample_dir()), "--window-days", "0"]) == 2
    assert "--window-days" in capsys.readouterr().err


def test_the_agents_benchmark_runs(tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench_agents
    import bench_check

    monkeypatch.setattr(bench_check, "WORK", tmp_path)
    cp, tp = bench_check.make_files(20_000)
    r = bench_agents.run("agents", cp, tp)
    assert r["rows"] > 100 and r["flagged"] == 0 and r["wall_s"] > 0 and r["peak_mb"] > 0


@pytest.mark.skipif(not TECHNION.exists(), reason="real Technion data not present")
def test_cli_agents_on_two_real_months(capsys):
    """Both months count (each file is loaded on its own and the contacts concatenated)."""
    from cxkit.cli import main
    from cxkit.settings import example_charter

    files = [str(TECHNION / f) for f in ("january_1999.txt.gz", "february_1999.txt.gz")]
    charter = str(example_charter("small_service_desk"))
    assert main(["agents", charter, *files, "--preset", "technion", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["flagged"] == [] and out["signals_present"] == ["short_contact", "repeat_contact"]
    handled = sum(a["handled"] for a in out["agents"])
    one = sum(
        a["handled"]
        for a in agent_table({"contacts": load(files[0], preset="technion").data}).to_dict(
            "records"
        )
    )
    assert handled > 1.9 * one  # January and February, not February alone
