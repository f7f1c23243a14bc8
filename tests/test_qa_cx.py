"""QA against customer experience: pairs, correlations with Fisher-z intervals, disagreements."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import cxkit as cx
from cxkit.stats import fisher_z_interval

TZ = "Europe/Helsinki"


def _data(qa, csat, agents=None):
    t0 = pd.Timestamp("2026-03-02 10:00", tz=TZ)
    n = len(qa)
    agents = agents or [f"A{i % 5}" for i in range(n)]
    ev = pd.DataFrame(
        {
            "evaluation_id": [f"E{i}" for i in range(n)],
            "agent": agents,
            "evaluator": "Tarja",
            "evaluated_at": t0,
            "contact_id": [f"c{i}" for i in range(n)],
            "question_id": "q1",
            "earned": qa,
            "possible": 100.0,
        }
    )
    s = pd.DataFrame(
        {
            "response_id": [f"s{i}" for i in range(n)],
            "contact_id": [f"c{i}" for i in range(n)],
            "agent": agents,
            "channel": "phone",
            "responded_at": t0,
            "csat": csat,
        }
    )
    return {"evaluations": ev, "surveys": s}


def test_fisher_z_reference():
    lo, hi = fisher_z_interval(0.5, 50)
    z = np.arctanh(0.5)
    assert (lo, hi) == pytest.approx(
        (np.tanh(z - 1.959964 / np.sqrt(47)), np.tanh(z + 1.959964 / np.sqrt(47)))
    )
    slo, shi = fisher_z_interval(0.5, 50, spearman=True)
    assert slo < lo and shi > hi  # Bonett-Wright: wider for ranks
    assert np.isnan(fisher_z_interval(0.5, 3)[0])


def test_pairs_and_contact_level_correlation_match_scipy():
    rng = np.random.default_rng(3)
    qa = rng.uniform(50, 100, 60).round()
    csat = np.clip(np.rint(1 + 4 * (qa - 50) / 50 + rng.normal(0, 0.8, 60)), 1, 5)
    d = _data(list(qa), list(csat))
    pairs = cx.qa_cx_pairs(d)
    assert len(pairs) == 60 and pairs.qa_score.tolist() == pytest.approx(list(qa))
    a = cx.qa_cx_association(d).set_index("level")
    rho = stats.spearmanr(qa, csat)[0]
    assert a.loc["contact", "r"] == pytest.approx(rho) and a.loc["contact", "n"] == 60
    assert (a.loc["contact", "ci_low"], a.loc["contact", "ci_high"]) == pytest.approx(
        fisher_z_interval(rho, 60, spearman=True)
    )
    assert a.loc["contact", "verdict"] == "higher QA goes with better customer scores"
    assert a.loc["agent", "n"] == 5 and a.loc["agent", "verdict"] == "not enough data"
    p = cx.qa_cx_association(d, method="pearson").set_index("level")
    assert p.loc["contact", "r"] == pytest.approx(stats.pearsonr(qa, csat)[0])


def test_disagreements_are_listed_worst_first():
    d = _data([95.0, 90.0, 40.0, 88.0, 70.0], [1, 2, 5, 5, 3])
    out = cx.qa_cx_disagreements(d)
    assert out.contact_id.tolist() == ["c0", "c2", "c1"]
    assert out.disagreement.tolist() == [
        "qa_good_customer_bad",
        "qa_bad_customer_good",
        "qa_good_customer_bad",
    ]


def test_missing_links_are_a_clear_error():
    d = _data([90.0], [5])
    d["surveys"] = d["surveys"].drop(columns="contact_id")
    with pytest.raises(cx.MissingDataError, match="contact_id"):
        cx.qa_cx_pairs(d)


def test_on_the_sample_the_overlap_is_small_and_said_so():
    tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
    a = cx.qa_cx_association(tables).set_index("level")
    assert a.loc["contact", "n"] < 10 and a.loc["contact", "verdict"] == "not enough data"
    assert a.loc["agent", "n"] >= 20
