"""Driver analysis: odds and risk ratios against 2x2 tables, plain sentences, and 'does this target hurt CX?'."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cxkit as cx
from cxkit.measure.drivers import driver_frame, drivers

TZ = "Europe/Helsinki"


def _data(n_slow=(40, 60), n_fast=(30, 170), resolved_all=True):
    """Answered phone contacts with surveys: (detractors, others) among slow (wait > 120 s) and fast."""
    rows, surveys = [], []
    t0 = pd.Timestamp("2026-03-02 09:00", tz=TZ)
    i = 0
    for slow, (det, other) in ((True, n_slow), (False, n_fast)):
        for k in range(det + other):
            cid = f"c{i}"
            rows.append(
                {
                    "contact_id": cid,
                    "channel": "phone",
                    "arrival": t0 + pd.Timedelta(minutes=i),
                    "outcome": "answered",
                    "wait_s": 200.0 if slow else 10.0,
                    "talk_s": 100.0 + (i % 7) * 60,
                    "agent": "Aino" if i % 2 else "Eero",
                    "customer": f"K{i}",
                    "resolved": True if resolved_all else bool(i % 3),
                }
            )
            surveys.append(
                {
                    "response_id": f"s{i}",
                    "contact_id": cid,
                    "channel": "phone",
                    "responded_at": t0 + pd.Timedelta(minutes=i, hours=1),
                    "nps": 3 if k < det else 9,
                    "csat": 2 if k < det else 5,
                }
            )
            i += 1
    return {"contacts": pd.DataFrame(rows), "surveys": pd.DataFrame(surveys)}


def test_driver_frame_links_surveys_to_contacts():
    d = _data()
    d["surveys"] = pd.concat(
        [d["surveys"], d["surveys"].iloc[:1].assign(response_id="x", contact_id="T1")]
    )
    f = driver_frame(d)
    assert len(f) == 300 and f.attrs["unlinked"] == 1
    assert f.waited_over_2min.sum() == 100
    assert set(f.columns) >= {"wait_s", "handle_s", "not_resolved", "after_16", "repeat_contact"}


def test_one_factor_model_matches_the_two_by_two_table():
    # slow: 40 detractors of 100; fast: 30 of 200 -> RR = 0.40 / 0.15, OR = (40*170)/(60*30)
    d = drivers(_data(), outcome="detractor", factors=("waited_over_2min",), categorical=())
    r = d.set_index("term").loc["waited_over_2min"]
    assert r.risk_ratio == pytest.approx(0.40 / 0.15, rel=1e-6)
    assert r.odds_ratio == pytest.approx(40 * 170 / (60 * 30), rel=1e-6)
    se = np.sqrt(1 / 40 + 1 / 60 + 1 / 30 + 1 / 170)  # Woolf's standard error of log OR
    assert np.log(r.or_ci_high) - np.log(r.odds_ratio) == pytest.approx(1.959964 * se, rel=1e-4)
    assert r.exposed_n == 100 and r.exposed_rate_pct == pytest.approx(40.0)
    assert d.attrs["n"] == 300 and d.attrs["events"] == 70


def test_constant_factors_are_dropped_and_said():
    d = drivers(_data(), factors=("waited_over_2min", "transferred", "not_resolved"))
    assert "not_resolved" in d.attrs["dropped"]  # every contact resolved: nothing to learn
    assert "not_resolved" not in d.term.tolist()


def test_plain_sentences_in_english_and_finnish():
    d = drivers(_data(), factors=("waited_over_2min",), categorical=())
    s = d.sentence.item()
    assert s.startswith("Customers who waited over 2 minutes are 2.67x as likely to be detractors")
    assert "95 % CI" in s and "odds ratio 3.78" in s
    fi = drivers(_data(), factors=("waited_over_2min",), categorical=(), lang="fi").sentence.item()
    assert fi.startswith("Asiakkaat, jotka jonottivat yli 2 minuuttia") and "2,67-kertainen" in fi


def test_an_unclear_factor_says_so():
    d = drivers(
        _data(n_slow=(15, 85), n_fast=(30, 170)), factors=("waited_over_2min",), categorical=()
    )
    assert "no clear effect" in d.sentence.item() and d.rr_ci_low.item() < 1 < d.rr_ci_high.item()


def test_too_few_responses_is_a_clear_error():
    with pytest.raises(cx.MissingDataError, match="at least 20"):
        drivers(_data(n_slow=(2, 3), n_fast=(2, 3)))


def test_sample_driver_analysis_finds_the_built_in_drivers():
    tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
    d = drivers(tables, outcome="detractor").set_index("term")
    # the sample's scores fall with wait and unresolved contacts, and nothing else
    assert d.loc["waited_over_2min", "rr_ci_low"] > 1 and d.loc["not_resolved", "rr_ci_low"] > 1
    assert d.loc["transferred", "rr_ci_low"] < 1 < d.loc["transferred", "rr_ci_high"]


def test_a_level_that_repeats_another_column_is_dropped():
    d = _data()
    d["contacts"]["queue"] = d["contacts"]["agent"]  # queue says the same as agent
    out = drivers(d, factors=("waited_over_2min",), categorical=("agent", "queue"))
    assert out.term.tolist() == ["waited_over_2min", "agent=Eero"] or out.term.tolist() == [
        "waited_over_2min",
        "agent=Aino",
    ]
    assert any(c.startswith("queue=") for c in out.attrs["dropped"])


def test_high_effort_outcome_reads_ces():
    d = _data()
    d["surveys"]["ces"] = [5 if n <= 6 else 2 for n in d["surveys"]["nps"]]
    out = drivers(d, outcome="high_effort", factors=("waited_over_2min",), categorical=())
    assert out.risk_ratio.item() == pytest.approx(0.40 / 0.15)
    assert "report high effort (CES 4-5)" in out.sentence.item()


def test_separation_gives_no_ratio_and_says_why():
    d = _data()
    # the first 10 slow contacts are cut short, and all of them are detractors
    d["contacts"].loc[:9, "talk_s"] = 5.0
    out = drivers(
        d, outcome="top_box", factors=("waited_over_2min", "short_contact"), categorical=()
    )
    r = out.set_index("term").loc["short_contact"]
    assert r.exposed_rate_pct == 0.0 and np.isnan(r.odds_ratio) and np.isnan(r.risk_ratio)
    assert "too clean" in r.sentence and "all 10 of them" in r.sentence
    fine = out.set_index("term").loc["waited_over_2min"]
    assert np.isfinite(fine.odds_ratio) and np.isfinite(fine.risk_ratio)
    det = drivers(
        d, outcome="detractor", factors=("waited_over_2min", "short_contact"), categorical=()
    )
    s = det.set_index("term").loc["short_contact"]
    assert np.isnan(s.odds_ratio) and np.isfinite(s.risk_ratio)  # all exposed had it: RR exists
    assert "no odds ratio: all 10 of them had the same outcome" in s.sentence
