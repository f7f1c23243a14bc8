"""Metrics against hand-computed cases, an independent formula, properties, and real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxkit.data.loader import load
from cxkit.errors import MissingDataError
from cxkit.measure.aggregate import add_period
from cxkit.measure.contact_rows import sl_flags
from cxkit.measure.engine import metric_rows
from cxkit.measure.metrics import compare_variants, metric, service_level
from cxkit.measure.qa import evaluation_scores
from cxkit.stats import nps_interval, t_interval, wilson

from .conftest import REAL

TZ = "Europe/Helsinki"
T0 = pd.Timestamp("2026-03-02 09:00", tz=TZ)


def _contacts(outcomes, waits, **extra):
    n = len(outcomes)
    d = {
        "contact_id": [str(i) for i in range(n)],
        "channel": "phone",
        "arrival": [T0] * n,
        "outcome": outcomes,
        "wait_s": waits,
    }
    d.update(extra)
    return pd.DataFrame(d)


# answered at 5, 20, 40 s; abandoned at 3 and 60 s; a callback flow-out at 10 s; a self-service call
HAND = _contacts(
    ["answered", "answered", "answered", "abandoned", "abandoned", "flowout", "self_service"],
    [5.0, 20.0, 40.0, 3.0, 60.0, 10.0, np.nan],
)


@pytest.mark.parametrize(
    "variant,num,den",
    [
        ("offered", 2, 6),  # A(<=20)=2; O = 3 A + 2 Ab + 1 F
        ("answered", 2, 3),
        ("ignore_abandons_within_T", 2, 5),  # the 3 s abandon is within T
        ("ignore_short_abandons", 2, 5),  # the 3 s abandon is short (<= 5 s)
        ("positive_abandon", 3, 6),  # + the abandon within T
        ("removed_from_queue", 4, 6),  # + the flow-out within T
    ],
)
def test_service_level_variants_by_hand(variant, num, den):
    out = compare_variants(HAND, threshold_s=20).set_index("variant").loc[variant]
    assert (out.numerator, out.denominator) == (num, den)


def test_comparison_and_flowouts_option():
    strict = (
        compare_variants(HAND, threshold_s=20, comparison="<").set_index("variant").loc["offered"]
    )
    assert strict.numerator == 1  # the 20 s answer is not < 20
    no_f = (
        compare_variants(HAND, threshold_s=20, include_flowouts=False)
        .set_index("variant")
        .loc["offered"]
    )
    assert no_f.denominator == 5


def test_contact_status_flags():
    st_ = sl_flags(HAND, threshold_s=20).status.tolist()
    assert st_ == ["met", "met", "missed", "missed", "missed", "missed", "excluded"]


def test_other_sync_metrics_by_hand():
    c = _contacts(
        ["answered", "answered", "abandoned"],
        [10.0, 30.0, 50.0],
        talk_s=[100.0, 5.0, np.nan],
        hold_s=[20.0, 0.0, np.nan],
        acw_s=[30.0, 0.0, np.nan],
        transferred=[True, False, False],
    )
    data = {"contacts": c}

    def val(mid, **kw):
        return metric(data, mid, by=("channel",), **kw).value.iloc[0]

    assert val("asa") == 20 and val("average_wait") == 30 and val("longest_wait") == 50
    assert val("average_abandon_time") == 50
    assert val("aht") == (150 + 5) / 2 and val("acw") == 15 and val("hold") == 10
    # rates are percent (0-100) in every public frame
    assert val("answer_rate") == pytest.approx(100 * 2 / 3)
    assert val("abandon_rate") == pytest.approx(100 / 3)
    assert val("transfer_rate") == 50 and val("short_contact_rate") == 50
    assert val("abandon_rate", options={"variant": "of_answered_and_abandoned"}) == pytest.approx(
        100 / 3
    )


def test_month_ratio_equals_ratio_of_summed_days():
    rng = np.random.default_rng(1)
    n = 3000
    c = _contacts(
        rng.choice(["answered", "abandoned"], n, p=[0.85, 0.15]).tolist(),
        rng.exponential(30, n).tolist(),
    )
    c["arrival"] = T0 + pd.to_timedelta(rng.uniform(0, 40 * 86400, n), unit="s")
    days = service_level(c, threshold_s=20, by=("day",))
    days["month"] = days.period_start.dt.strftime("%Y-%m")
    months = service_level(c, threshold_s=20, by=("month",))
    summed = days.groupby("month")[["answered_within", "offered"]].sum()
    for _, r in months.iterrows():
        s = summed.loc[r.period_start.strftime("%Y-%m")]
        assert r.service_level_pct == pytest.approx(100 * s.answered_within / s.offered)
        assert r.service_level_pct != pytest.approx(
            days[days.month == r.period_start.strftime("%Y-%m")].service_level_pct.mean(), abs=1e-9
        )


@settings(max_examples=50, deadline=None)
@given(
    outcomes=st.lists(
        st.sampled_from(["answered", "abandoned", "flowout", "self_service"]),
        min_size=1,
        max_size=40,
    ),
    waits=st.lists(st.floats(0, 600), min_size=40, max_size=40),
    t1=st.floats(0, 300),
    dt=st.floats(0, 300),
)
def test_variants_in_unit_interval_and_monotone_in_threshold(outcomes, waits, t1, dt):
    c = _contacts(outcomes, waits[: len(outcomes)])
    a = compare_variants(c, threshold_s=t1).set_index("variant")
    b = compare_variants(c, threshold_s=t1 + dt).set_index("variant")
    for v in a.index:
        if a.loc[v, "denominator"] > 0:
            assert 0 <= a.loc[v, "value"] <= 100
            assert a.loc[v, "ci_low"] - 1e-9 <= a.loc[v, "value"] <= a.loc[v, "ci_high"] + 1e-9
    for v in (
        "offered",
        "answered",
        "ignore_short_abandons",
        "positive_abandon",
        "removed_from_queue",
    ):
        if a.loc[v, "denominator"] > 0:  # fixed denominators: the share never falls as T grows
            assert b.loc[v, "value"] >= a.loc[v, "value"] - 1e-9


def test_wilson_nps_t_reference_values():
    lo, hi = wilson(8, 10)
    assert (round(lo, 2), round(hi, 2)) == (0.49, 0.94)
    lo, hi = nps_interval(0.45, 0.20, 200)
    assert round(100 * (hi - lo) / 2, 1) == 10.6
    x = np.array([4.0, 5.0, 3.0, 4.0])
    lo, hi = t_interval(np.array([x.sum()]), np.array([(x**2).sum()]), np.array([4]))
    from scipy import stats

    ref = stats.t.interval(0.95, 3, loc=x.mean(), scale=stats.sem(x))
    assert (lo[0], hi[0]) == pytest.approx(ref)


def test_surveys_and_qa_by_hand():
    s = pd.DataFrame(
        {
            "response_id": list("abcde"),
            "responded_at": T0,
            "channel": "phone",
            "csat": [5, 4, 3, 2, 5],
            "nps": [10, 9, 7, 3, 6],
            "ces": [1, 2, 3, 4, 5],
        }
    )
    d = {"surveys": s}
    assert metric(d, "csat", by=("channel",)).value.iloc[0] == 60
    assert metric(d, "csat", by=("channel",), options={"statistic": "mean"}).value.iloc[0] == 19 / 5
    assert metric(d, "nps", by=("channel",)).value.iloc[0] == pytest.approx(100 * (2 / 5 - 2 / 5))
    ev = pd.DataFrame(
        {
            "evaluation_id": ["e1"] * 4 + ["e2"] * 3,
            "agent": "aino",
            "evaluator": "x",
            "evaluated_at": T0,
            "question_id": ["q1", "q2", "q3", "crit"] * 1 + ["q1", "q2", "crit"],
            "earned": [2, 1, np.nan, 1, 2, 2, 0],
            "possible": [2, 2, 2, 1, 2, 2, 1],
            "weight": [1, 3, 1, 1, 1, 1, 1],
            "critical": [False, False, False, True, False, False, True],
            "na": [False, False, True, False, False, False, False],
        }
    )
    sc = evaluation_scores(ev).set_index("evaluation_id")
    assert sc.loc["e1", "score"] == pytest.approx(
        100 * (2 * 1 + 1 * 3) / (2 * 1 + 2 * 3)
    )  # N/A left out
    assert sc.loc["e2", "score"] == 0 and sc.loc["e2", "critical_failed"]


def test_async_response_sl_excludes_young_open_items():
    t = pd.DataFrame(
        {
            "ticket_id": list("abcd"),
            "channel": "email",
            "created": [T0, T0, T0, T0 + pd.Timedelta(hours=20)],
            "first_reply": [
                T0 + pd.Timedelta(hours=2),
                T0 + pd.Timedelta(hours=10),
                pd.NaT,
                pd.NaT,
            ],
        }
    )
    r = metric_rows(
        {"tickets": t},
        "response_service_level",
        within_s=8 * 3600,
        options={"business_hours": False},
        as_of=T0 + pd.Timedelta(hours=24),
    ).frame
    # a: met; b: missed (late); c: missed (open 24 h > 8 h); d: open 4 h -> excluded
    assert r.num.tolist() == [1, 0, 0, 0] and r.den.tolist() == [1, 1, 1, 0]


def test_journeys_repeat_and_chase():
    def ts(h):
        return T0 + pd.Timedelta(hours=h)

    c = pd.DataFrame(
        {
            "contact_id": ["p1", "p2", "p3"],
            "channel": "phone",
            "customer": ["A", "A", "B"],
            "arrival": [ts(0), ts(30), ts(50)],
            "outcome": "answered",
            "wait_s": 1.0,
            "answered_at": [ts(0), ts(30), ts(50)],
            "resolved": [False, True, True],
        }
    )
    t = pd.DataFrame(
        {
            "ticket_id": ["e1"],
            "channel": "email",
            "customer": ["B"],
            "created": [ts(20)],
            "first_reply": [ts(60)],
            "solved": [ts(60)],
        }
    )
    d = {"contacts": c, "tickets": t}
    inc = {"censor": "include"}  # a 50-hour toy: every contact is within W of an edge
    rep = metric_rows(
        d, "repeat_contact_rate", options={"window_days": 7, **inc}, channel="phone"
    ).frame
    assert rep.num.tolist() == [1, 0, 0]  # A called again; B's call was the last
    chase = metric_rows(d, "chase_rate", options={"window_days": 3, **inc}, channel="phone").frame
    assert chase.sort_values("time").num.tolist() == [0, 0, 1]  # B called while the email waited
    caused = metric_rows(
        d, "chase_rate", options={"window_days": 3, "from_channel": "email", **inc}, channel="email"
    ).frame
    assert caused.num.tolist() == [1]


def test_repeats_are_censored_at_the_data_end():
    """Regression: a contact in the last W days cannot yet have a repeat; it counted as 'no repeat'."""
    days = [0, 1, 2, 10, 20, 27, 28, 29]  # customer A calls on these days; the data ends on day 29
    c = pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(len(days))],
            "channel": "phone",
            "customer": "A",
            "arrival": [T0 + pd.Timedelta(days=d) for d in days],
            "outcome": "answered",
            "wait_s": 1.0,
        }
    )
    d = {"contacts": c}
    excl = metric_rows(d, "repeat_contact_rate", options={"window_days": 7}).frame
    incl = metric_rows(
        d, "repeat_contact_rate", options={"window_days": 7, "censor": "include"}
    ).frame
    assert len(incl) == 8 and len(excl) == 5  # days 27, 28, 29 are within 7 days of the end
    assert excl.num.tolist() == [1, 1, 0, 0, 1]  # day 20 -> 27 is a repeat
    assert (
        "excluded (censored)" in metric_rows(d, "fcr", options={"variant": "no_repeat"}).definition
    )
    fd = metric_rows(d, "failure_demand", options={"window_days": 7}).frame
    assert fd.time.min() >= T0 + pd.Timedelta(days=7)  # the first week cannot show what it repeats


def test_missing_data_errors_say_what_to_do():
    with pytest.raises(MissingDataError, match="surveys"):
        metric({"contacts": HAND}, "csat")
    with pytest.raises(MissingDataError, match="agent state"):
        metric({"contacts": HAND}, "occupancy")


def test_periods_respect_local_time_and_dst():
    t = pd.DataFrame(
        {"time": pd.to_datetime(["2026-03-29 23:30", "2026-10-25 23:30"]).tz_localize(TZ)}
    )
    out = add_period(t, "day", time_col="time")
    assert [(e - s) for s, e in zip(out.period_start, out.period_end, strict=True)] == [
        pd.Timedelta(hours=23),
        pd.Timedelta(hours=25),
    ]
    w = add_period(t, "week", time_col="time")
    assert w.period_start.dt.day_of_week.eq(0).all()


@pytest.mark.skipif(not REAL.exists(), reason="shared/data/real not present")
def test_technion_service_level_variants_from_real_data():
    r = load(
        REAL / "technion-anonymous-bank-1999" / "january_1999.txt.gz",
        preset="technion",
        pseudonym_key=b"k",
    )
    v = compare_variants(r.data, threshold_s=20).set_index("variant")
    assert round(v.loc["offered", "value"], 1) == 54.4
    assert round(v.loc["answered", "value"], 1) == 60.6
    asa = metric({"contacts": r.data}, "asa", by=("channel",)).value.iloc[0]
    assert round(asa, 1) == 35.0


def test_percentile_interval_ranks_and_coverage():
    """Percentiles get a distribution-free interval (order statistics), checked for coverage."""
    from cxkit.stats import quantile_interval

    assert quantile_interval(np.arange(1, 101), 0.5) == (
        40.0,
        61.0,
    )  # the textbook ranks for n = 100
    rng = np.random.default_rng(7)
    true_p90 = -60 * np.log(0.1)  # exponential waits with mean 60 s
    hits = 0
    for _ in range(400):
        lo, hi = quantile_interval(rng.exponential(60, 150), 0.9)
        hits += lo <= true_p90 <= hi
    assert hits / 400 >= 0.93
    c = _contacts(["answered"] * 50, list(np.linspace(1, 100, 50)))
    g = metric({"contacts": c}, "wait_percentile", by=("channel",)).iloc[0]
    assert g.ci_low <= g.value <= g.ci_high


def test_resolution_time_which_and_pause_are_honoured():
    """Regressions: `which` was accepted and ignored; 'paused time removed' was said without pause data."""
    t = pd.DataFrame(
        {
            "ticket_id": ["a", "b"],
            "channel": "email",
            "created": [T0, T0],
            "first_solved": [T0 + pd.Timedelta(hours=2), pd.NaT],
            "solved": [T0 + pd.Timedelta(hours=10), T0 + pd.Timedelta(hours=4)],
        }
    )
    d = {"tickets": t}
    base = {"business_hours": False}
    first = metric(
        d, "resolution_time", by=("channel",), options={**base, "which": "first"}
    ).value.iloc[0]
    total = metric(
        d, "resolution_time", by=("channel",), options={**base, "which": "total"}
    ).value.iloc[0]
    assert (first, total) == (3.0, 7.0)  # (2 + 4) / 2 and (10 + 4) / 2
    r = metric_rows(d, "resolution_time", options=base)
    assert "paused" not in r.definition and "first solve" in r.definition
    paused = metric_rows({"tickets": t.assign(paused_s=3600.0)}, "resolution_time", options=base)
    assert "paused time removed" in paused.definition


def test_aht_says_how_many_zero_talk_calls_it_counts():
    c = _contacts(["answered", "answered"], [1.0, 1.0], talk_s=[0.0, 100.0], hold_s=0.0, acw_s=0.0)
    assert "1 answered contacts with 0 s talk" in metric_rows({"contacts": c}, "aht").definition


def test_offered_on_an_async_channel_counts_created_items():
    t = pd.DataFrame({"ticket_id": ["a", "b", "c"], "channel": "email", "created": [T0] * 3})
    assert metric({"tickets": t}, "offered", by=("channel",)).value.iloc[0] == 3
