"""Erlang C and Erlang A against hand-computed references and independent formulas."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import linalg

from cxkit.plan.staffing import (
    cost_curve,
    erlang_a,
    erlang_b,
    erlang_c,
    estimate_patience_s,
    required_agents,
    required_agents_erlang_a,
    scheduled_agents,
    staffing_table,
    target_costs,
)

LAM = 100 / 1800  # 100 calls per 30 min


def test_reference_case_of_metrics_md():
    r13 = erlang_c(arrivals_per_s=LAM, aht_s=180, agents=13, threshold_s=20)
    assert round(100 * r13["service_level"], 1) == 79.6 and round(r13["asa_s"], 1) == 17.1
    r14 = erlang_c(arrivals_per_s=LAM, aht_s=180, agents=14, threshold_s=20)
    assert round(100 * r14["service_level"], 1) == 88.8
    assert round(r14["asa_s"], 1) == 7.8
    assert round(100 * r14["occupancy"], 1) == 71.4
    assert required_agents(arrivals_per_s=LAM, aht_s=180, service_level=0.8, threshold_s=20) == 14
    assert scheduled_agents(14, shrinkage=0.3) == 20


def _erlang_c_exact(n: int, a: Fraction) -> Fraction:
    """Textbook Erlang C with exact rationals and factorials: an independent formula."""
    top = a**n / math.factorial(n) * Fraction(n) / (n - a)
    bottom = sum(a**k / math.factorial(k) for k in range(n)) + top
    return top / bottom


@pytest.mark.parametrize(
    "n,a", [(1, Fraction(1, 2)), (5, Fraction(4)), (14, Fraction(10)), (40, Fraction(355, 10))]
)
def test_pwait_matches_exact_rational_formula(n, a):
    r = erlang_c(arrivals_per_s=float(a) / 100, aht_s=100, agents=n, threshold_s=0)
    assert r["p_wait"] == pytest.approx(float(_erlang_c_exact(n, a)), rel=1e-12)


def test_erlang_b_known_value():
    assert float(erlang_b(2, 1.0)) == pytest.approx(0.2)
    assert float(erlang_b(0, 3.0)) == 1.0


def test_large_teams_do_not_overflow():
    r = erlang_c(arrivals_per_s=1950 / 300, aht_s=300, agents=2000, threshold_s=20)
    assert 0 < r["service_level"] <= 1 and math.isfinite(r["asa_s"])
    n = required_agents(arrivals_per_s=1950 / 300, aht_s=300, service_level=0.8, threshold_s=20)
    assert 1951 <= n <= 2000


def test_search_starts_at_smallest_stable_n_for_long_thresholds():
    # email-like: 4 h threshold, load 10.5 Erlangs; 11 agents already answer ~100 % within 4 h
    lam = 10.5 / 600
    n = required_agents(arrivals_per_s=lam, aht_s=600, service_level=0.9, threshold_s=4 * 3600)
    assert n == 11
    assert (
        erlang_c(arrivals_per_s=lam, aht_s=600, agents=11, threshold_s=4 * 3600)["service_level"]
        >= 0.9
    )


def test_unstable_queue_gives_zero_service_level():
    r = erlang_c(arrivals_per_s=LAM, aht_s=180, agents=10, threshold_s=20)
    assert r["service_level"] == 0 and r["asa_s"] == math.inf and r["p_wait"] == 1


def test_asa_and_occupancy_constraints():
    n_asa = required_agents(arrivals_per_s=LAM, aht_s=180, asa_s=5)
    assert erlang_c(arrivals_per_s=LAM, aht_s=180, agents=n_asa, threshold_s=0)["asa_s"] <= 5
    assert erlang_c(arrivals_per_s=LAM, aht_s=180, agents=n_asa - 1, threshold_s=0)["asa_s"] > 5
    # occupancy cap 0.6 at load 10 needs at least 17 agents
    assert (
        required_agents(arrivals_per_s=LAM, aht_s=180, service_level=0.8, max_occupancy=0.6) == 17
    )


def test_staffing_table_vectorised_equals_scalar():
    rng = np.random.default_rng(3)
    week = pd.DataFrame(
        {
            "offered": rng.integers(0, 300, 672),
            "aht_s": rng.uniform(120, 600, 672),
            "interval_min": 30,
        }
    )
    tab = staffing_table(week, service_level=0.8, threshold_s=20, shrinkage=0.3)
    for i in rng.choice(672, 25, replace=False):
        if week.offered[i] == 0:
            assert tab.agents[i] == 0
            continue
        lam = week.offered[i] / 1800
        assert tab.agents[i] == required_agents(
            arrivals_per_s=lam, aht_s=week.aht_s[i], service_level=0.8
        )
    assert (tab.service_level_pct.dropna() >= 80).all()
    assert set(tab.columns) >= {
        "load_erlangs",
        "agents",
        "service_level_pct",
        "asa_s",
        "abandon_pct",
        "occupancy_pct",
        "scheduled",
    }


def test_staffing_table_evaluates_given_agents_with_erlang_a():
    iv = pd.DataFrame({"offered": [100, 100], "aht_s": 180, "interval_min": 30, "agents": [9, 12]})
    tab = staffing_table(iv, patience_s=120, threshold_s=20)
    assert tab.abandon_pct[0] > tab.abandon_pct[1] > 0
    assert tab.service_level_pct[0] < tab.service_level_pct[1]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 60),
    load_frac=st.floats(0.05, 0.99),
    t1=st.floats(0, 600),
    dt=st.floats(0, 600),
)
def test_service_level_monotone_in_threshold_and_agents(n, load_frac, t1, dt):
    a = n * load_frac
    lam = a / 200
    s1 = erlang_c(arrivals_per_s=lam, aht_s=200, agents=n, threshold_s=t1)["service_level"]
    s2 = erlang_c(arrivals_per_s=lam, aht_s=200, agents=n, threshold_s=t1 + dt)["service_level"]
    s3 = erlang_c(arrivals_per_s=lam, aht_s=200, agents=n + 1, threshold_s=t1)["service_level"]
    assert 0 <= s1 <= s2 + 1e-12 <= 1 + 1e-12
    assert s1 <= s3 + 1e-12


# ---------------------------------------------------------------- Erlang A


def _erlang_a_ctmc(lam, aht, patience, n, t, kmax=160):
    """Independent Erlang A: birth-death stationary law solved as a linear system, abandonment by
    flow balance, ASA by Little's law, and P(served within t) from the tagged caller's absorbing
    chain by a matrix exponential."""
    mu, th = 1 / aht, 1 / patience
    size = n + kmax + 1
    q = np.zeros((size, size))
    for j in range(size):
        if j + 1 < size:
            q[j, j + 1] = lam
        if j > 0:
            q[j, j - 1] = min(j, n) * mu + max(j - n, 0) * th
        q[j, j] = -q[j].sum()
    a_mat = np.vstack([q.T, np.ones(size)])
    b = np.zeros(size + 1)
    b[-1] = 1
    pi = np.linalg.lstsq(a_mat, b, rcond=None)[0]
    queue = np.maximum(np.arange(size) - n, 0)
    p_abandon = th * (pi * queue).sum() / lam
    # tagged caller finding k ahead: state = position (k+1 .. 1), absorbed into "served" or "abandoned"
    served_within = 0.0
    for k in range(0, kmax):
        p_k = pi[n + k]  # PASTA: arrival sees n + k in system
        if p_k < 1e-15:
            break  # the tail of the queue-length law is negligible from here on
        m = k + 1
        g = np.zeros((m + 2, m + 2))  # states 0..m-1 = positions m..1, m = served, m+1 = abandoned
        for s in range(m):
            pos = m - s
            ahead_rate = n * mu + (pos - 1) * th
            if s + 1 < m:
                g[s, s + 1] = ahead_rate
            else:
                g[s, m] = ahead_rate
            g[s, m + 1] = th
            g[s, s] = -(ahead_rate + th)
        p_t = linalg.expm(g * t)[0]
        served_within += p_k * p_t[m]
    p_busy = pi[n:].sum()
    sl = (1 - p_busy) + served_within
    mean_wait_all = (pi * queue).sum() / lam  # Little's law over everyone who queued
    return {
        "p_abandon": p_abandon,
        "service_level": sl,
        "mean_wait_s": mean_wait_all,
        "p_wait": p_busy,
    }


@pytest.mark.parametrize(
    "lam,aht,patience,n,t",
    [
        (LAM, 180, 120, 10, 20),  # overloaded without abandonment, fine with it
        (LAM, 180, 300, 12, 60),
        (0.02, 300, 600, 5, 3600),  # one hour threshold
        (0.01, 600, 5 * 3600, 4, 2 * 3600),  # hours of patience and threshold
    ],
)
def test_erlang_a_matches_independent_ctmc(lam, aht, patience, n, t):
    ours = erlang_a(arrivals_per_s=lam, aht_s=aht, patience_s=patience, agents=n, threshold_s=t)
    ref = _erlang_a_ctmc(lam, aht, patience, n, t)
    for key in ("p_abandon", "service_level", "mean_wait_s", "p_wait"):
        assert ours[key] == pytest.approx(ref[key], rel=1e-6, abs=1e-9), key


def test_erlang_a_tends_to_erlang_c_with_infinite_patience():
    c = erlang_c(arrivals_per_s=LAM, aht_s=180, agents=14, threshold_s=20)
    a = erlang_a(arrivals_per_s=LAM, aht_s=180, patience_s=1e9, agents=14, threshold_s=20)
    assert a["service_level"] == pytest.approx(c["service_level"], abs=1e-6)
    assert a["asa_s"] == pytest.approx(c["asa_s"], rel=1e-4)


def test_erlang_a_may_need_fewer_agents_than_load_and_stays_exact_for_hours():
    n = required_agents_erlang_a(
        arrivals_per_s=LAM, aht_s=180, patience_s=60, service_level=0.5, threshold_s=20
    )
    assert n <= 10  # load is 10 Erlangs
    long = erlang_a(arrivals_per_s=LAM, aht_s=180, patience_s=120, agents=10, threshold_s=5 * 3600)
    assert long["service_level"] == pytest.approx(long["answered"], abs=1e-12)
    assert long["abandon_within_t"] == pytest.approx(long["p_abandon"], abs=1e-12)


def test_patience_estimate():
    assert estimate_patience_s(12_000, 100) == 120
    with pytest.raises(ValueError, match="no abandons"):
        estimate_patience_s(100, 0)


def test_cost_curve_shapes():
    cc = cost_curve(offered=100, interval_min=30, aht_s=180, thresholds_s=(10, 20, 60))
    piv = cc.pivot(index="agents", columns="threshold_s", values="service_level_pct")
    assert (piv.diff().dropna() >= -1e-12).all().all()  # more agents never hurt
    assert (piv[10] <= piv[20] + 1e-12).all() and (piv[20] <= piv[60] + 1e-12).all()


def test_staffing_table_percent_columns_match_the_model_shares():
    iv = pd.DataFrame({"offered": [100, 100], "aht_s": 180, "interval_min": 30, "agents": [13, 14]})
    tab = staffing_table(iv, threshold_s=20)
    for i, n in enumerate((13, 14)):
        r = erlang_c(arrivals_per_s=LAM, aht_s=180, agents=n, threshold_s=20)
        assert tab.service_level_pct[i] == pytest.approx(100 * r["service_level"], rel=1e-12)
        assert tab.occupancy_pct[i] == pytest.approx(100 * r["occupancy"], rel=1e-12)
    assert (tab.abandon_pct == 0).all()
    ea = staffing_table(iv, threshold_s=20, patience_s=120)
    ra = erlang_a(arrivals_per_s=LAM, aht_s=180, patience_s=120, agents=13, threshold_s=20)
    assert ea.abandon_pct[0] == pytest.approx(100 * ra["p_abandon"], rel=1e-12)


def test_cost_curve_percent_columns():
    cc = cost_curve(offered=100, interval_min=30, aht_s=180, thresholds_s=(20,), patience_s=120)
    assert {"service_level_pct", "occupancy_pct", "abandon_pct"} <= set(cc.columns)
    assert cc.service_level_pct.between(0, 100).all() and cc.abandon_pct.between(0, 100).all()


def test_target_costs_agent_hours_and_reference():
    iv = pd.DataFrame({"offered": [100, 0, 150], "aht_s": 180, "interval_min": 30})
    costs = target_costs(iv, ("70/30", "80/20", "90/10"), shrinkage=0.3, reference="80/20")
    tab = staffing_table(iv, service_level=0.8, threshold_s=20, shrinkage=0.3)
    row = costs.set_index("target").loc["80/20"]
    assert row.required_agent_h == tab.agents.sum() * 0.5
    assert row.scheduled_agent_h == tab.scheduled.sum() * 0.5
    assert row.vs_reference_pct == 0 and (row.service_level_pct, row.threshold_s) == (80, 20)
    assert costs.scheduled_agent_h.is_monotonic_increasing
    with pytest.raises(ValueError, match="PERCENT/SECONDS"):
        target_costs(iv, ("80 in 20",))
    with pytest.raises(ValueError, match="not one of the targets"):
        target_costs(iv, ("80/20",), reference="90/10")
