"""The blended simulation: validated against Erlang C and Erlang A, and the blending policy."""

from __future__ import annotations

import pandas as pd
import pytest

from cxkit.plan.blending import BlendedTeam
from cxkit.plan.staffing import erlang_a, erlang_c


def _flat(n, phone, email, p_agents, e_agents=0, blended=0):
    return pd.DataFrame(
        {
            "phone_arrivals": [phone] * n,
            "email_arrivals": [email] * n,
            "phone_agents": [p_agents] * n,
            "email_agents": [e_agents] * n,
            "blended_agents": [blended] * n,
        }
    )


def _ci(res, metric):
    return res.summary.set_index("metric").loc[metric, ["mean", "ci_low", "ci_high"]]


def test_mmc_agrees_with_erlang_c():
    res = BlendedTeam(
        _flat(48, 100, 0, 13), interval_min=30, phone_aht_s=180, patience_s=None, warmup_intervals=4
    ).run(replications=12, seed=11)
    sl = _ci(res, "phone_service_level_pct")
    ref = (
        100
        * erlang_c(arrivals_per_s=100 / 1800, aht_s=180, agents=13, threshold_s=20)["service_level"]
    )
    assert (
        sl.ci_low - 1.0 <= ref <= sl.ci_high + 1.0
    )  # within the CI (1 point allowance for start-up)
    assert _ci(res, "phone_abandon_pct")["mean"] == 0


def test_mmc_m_agrees_with_erlang_a():
    res = BlendedTeam(
        _flat(48, 100, 0, 11), interval_min=30, phone_aht_s=180, patience_s=120, warmup_intervals=4
    ).run(replications=12, seed=5)
    ref = erlang_a(arrivals_per_s=100 / 1800, aht_s=180, patience_s=120, agents=11, threshold_s=20)
    sl, ab = _ci(res, "phone_service_level_pct"), _ci(res, "phone_abandon_pct")
    assert sl.ci_low - 1.0 <= 100 * ref["service_level"] <= sl.ci_high + 1.0
    assert ab.ci_low - 0.5 <= 100 * ref["p_abandon"] <= ab.ci_high + 0.5


def test_reproducible_with_seed_and_counts_add_up():
    team = BlendedTeam(
        _flat(8, 80, 20, 9, 1, 2), interval_min=30, phone_aht_s=180, email_handle_s=300
    )
    a = team.run(replications=3, seed=42)
    b = team.run(replications=3, seed=42)
    pd.testing.assert_frame_equal(a.intervals, b.intervals)
    iv = a.intervals
    assert (iv.phone_answered + iv.phone_abandoned).sum() == iv.phone_offered.sum()


def test_blending_helps_phones_and_reserve_protects_them():
    # 12 phone agents are too few at peak; 4 email agents could help
    iv = _flat(16, 120, 30, 12, 4, 0)
    sep = BlendedTeam(iv, interval_min=30, phone_aht_s=180, email_handle_s=300, patience_s=180).run(
        replications=6, seed=1
    )
    blend_iv = _flat(16, 120, 30, 12, 0, 4)
    low = BlendedTeam(
        blend_iv, interval_min=30, phone_aht_s=180, email_handle_s=300, patience_s=180, reserve=0
    ).run(replications=6, seed=1)
    high = BlendedTeam(
        blend_iv, interval_min=30, phone_aht_s=180, email_handle_s=300, patience_s=180, reserve=3
    ).run(replications=6, seed=1)
    sl = {
        k: _ci(r, "phone_service_level_pct")["mean"]
        for k, r in (("sep", sep), ("low", low), ("high", high))
    }
    backlog = {
        k: _ci(r, "email_backlog_end")["mean"]
        for k, r in (("sep", sep), ("low", low), ("high", high))
    }
    assert sl["high"] > sl["sep"]  # blending lifts the phones
    assert sl["high"] >= sl["low"]  # a larger reserve protects the phones more
    assert backlog["high"] >= backlog["low"]  # ... and leaves more email waiting


def test_no_phantom_capacity_at_shift_change():
    # 10 agents for one interval, then 0: nobody answers new calls after the change
    iv = pd.DataFrame(
        {
            "phone_arrivals": [60, 60],
            "email_arrivals": [0, 0],
            "phone_agents": [10, 0],
            "email_agents": [0, 0],
            "blended_agents": [0, 0],
        }
    )
    res = BlendedTeam(iv, interval_min=30, phone_aht_s=300, patience_s=60).run(
        replications=3, seed=3
    )
    second = res.intervals[res.intervals.interval == 1]
    # callers of the empty interval are only answered by agents still finishing the previous interval's
    # calls, which they do not do: leaving agents take no new work
    assert (second.phone_answered == 0).all()
    assert (second.phone_abandoned == second.phone_offered).all()


def test_missing_columns_error():
    with pytest.raises(KeyError, match="blended_agents"):
        BlendedTeam(
            pd.DataFrame(
                {
                    "phone_arrivals": [1],
                    "email_arrivals": [1],
                    "phone_agents": [1],
                    "email_agents": [1],
                }
            )
        )


def test_interval_means_recompute_ratios_and_place_intervals():
    res = BlendedTeam(_flat(4, 80, 20, 9, 1, 2), interval_min=15, phone_aht_s=180).run(
        replications=2, seed=7
    )
    means = res.interval_means(day_start_h=8)
    assert means.start_h.tolist() == [8.0, 8.25, 8.5, 8.75]
    sums = res.intervals.groupby("interval").sum()
    assert means.phone_service_level_pct.tolist() == pytest.approx(
        (100 * sums.phone_answered_within / sums.phone_offered).tolist()
    )
