"""Customer scores: hand-computed CSAT, NPS (with its standard error) and CES, response rates,
differences with their intervals, and the summary's overall NPS from summed counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cxkit as cx
from cxkit.measure.surveys import score_differences, survey_scores
from cxkit.stats import newcombe_difference, nps_difference, welch_difference

TZ = "Europe/Helsinki"
T0 = pd.Timestamp("2026-03-02 12:00", tz=TZ)  # a Monday


def _surveys(channel, nps=None, csat=None, ces=None, start=T0, prefix="r"):
    n = len(next(v for v in (nps, csat, ces) if v is not None))
    d = {
        "response_id": [f"{prefix}{i}" for i in range(n)],
        "responded_at": [start] * n,
        "channel": channel,
    }
    for k, v in (("nps", nps), ("csat", csat), ("ces", ces)):
        if v is not None:
            d[k] = v
    return pd.DataFrame(d)


def test_nps_by_hand_with_its_standard_error():
    # n = 200, 45 % promoters, 20 % detractors: NPS 25, SE sqrt((0.65 - 0.25^2)/200) = 5.42 points
    s = _surveys("phone", nps=[9] * 45 + [10] * 45 + [7] * 35 + [8] * 35 + [0] * 10 + [6] * 30)
    row = survey_scores({"surveys": s}, measures=("nps",)).iloc[0]
    se = np.sqrt((0.45 + 0.20 - 0.25**2) / 200)
    assert row.value == pytest.approx(25.0)
    assert (row.ci_high - row.ci_low) / 2 == pytest.approx(100 * 1.959964 * se, rel=1e-5)
    assert round((row.ci_high - row.ci_low) / 2, 1) == 10.6 and row.n == 200


def test_ces_and_csat_by_hand():
    s = _surveys("chat", csat=[5, 5, 4, 4, 4, 4, 5, 4, 2, 1], ces=[1, 2, 2, 3, 5, 1, 2, 2, 3, 5])
    out = survey_scores({"surveys": s}, measures=("csat", "csat_mean", "ces")).set_index("measure")
    assert out.loc["csat", "value"] == 80.0
    assert (round(out.loc["csat", "ci_low"], 1), round(out.loc["csat", "ci_high"], 1)) == (
        49.0,
        94.3,
    )
    assert out.loc["csat_mean", "value"] == pytest.approx(3.8)
    # CES: mean 2.6, sample variance 1.6 (sum of squares 14.4 / 9), t(9) = 2.262
    v = np.array([1, 2, 2, 3, 5, 1, 2, 2, 3, 5.0])
    half = 2.262157 * v.std(ddof=1) / np.sqrt(10)
    assert out.loc["ces", "value"] == pytest.approx(2.6)
    assert out.loc["ces", "ci_low"] == pytest.approx(2.6 - half, abs=1e-5)
    assert (out.unit.to_dict()) == {"csat": "%", "csat_mean": "score", "ces": "score"}


def test_response_rate_beside_the_scores_with_a_bias_warning():
    s = _surveys("phone", csat=[5, 4, 1])
    s["contact_id"] = ["c0", "c1", "c2"]
    contacts = pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(120)],
            "channel": "phone",
            "arrival": T0 - pd.Timedelta("1h"),
            "outcome": ["answered"] * 100 + ["abandoned"] * 20,
            "wait_s": 10.0,
        }
    )
    row = survey_scores({"surveys": s, "contacts": contacts}, measures=("csat",)).iloc[0]
    assert row.handled == 100 and row.response_rate_pct == pytest.approx(3.0)
    lo, hi = cx.wilson(3, 100)
    assert row.response_ci_low_pct == pytest.approx(100 * lo)
    assert "response rate 3.0 %" in row.note and "bias" in row.note and "n = 3" in row.note
    fi = survey_scores({"surveys": s, "contacts": contacts}, measures=("csat",), lang="fi")
    assert "vastausprosentti 3,0 %" in fi.note.iloc[0] and "pieni otos" in fi.note.iloc[0]


def test_no_contacts_means_no_response_rate_not_a_made_up_one():
    s = _surveys("phone", csat=[5, 4, 1])
    row = survey_scores({"surveys": s}, measures=("csat",)).iloc[0]
    assert np.isnan(row.response_rate_pct) and np.isnan(row.handled)


def test_newcombe_reference_values():
    # Newcombe (1998) table II: 56/70 - 48/80 -> 0.0524 to 0.3339; 9/10 - 3/10 -> 0.1705 to 0.8090
    assert [round(x, 4) for x in newcombe_difference(56, 70, 48, 80)] == [0.0524, 0.3339]
    assert [round(x, 4) for x in newcombe_difference(9, 10, 3, 10)] == [0.1705, 0.809]


def test_nps_difference_se_is_the_root_of_summed_variances():
    lo, hi = nps_difference(0.45, 0.20, 200, 0.30, 0.30, 100)
    se1 = np.sqrt((0.65 - 0.25**2) / 200)
    se2 = np.sqrt((0.60 - 0.0**2) / 100)
    assert (hi - lo) / 2 == pytest.approx(1.959964 * np.sqrt(se1**2 + se2**2), rel=1e-6)
    assert (lo + hi) / 2 == pytest.approx(0.25)


def test_welch_against_scipy():
    from scipy import stats

    a = np.array([2.0, 3, 3, 4, 5, 1, 2])
    b = np.array([1.0, 1, 2, 2, 3, 1, 1, 2, 1])
    lo, hi = welch_difference(a.mean(), a.var(ddof=1), len(a), b.mean(), b.var(ddof=1), len(b))
    ref = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert (lo, hi) == pytest.approx((ref.low, ref.high))


def test_channel_differences_with_verdicts():
    phone = _surveys("phone", csat=[5] * 160 + [2] * 40, prefix="p")  # 80 %
    chat = _surveys("chat", csat=[5] * 41 + [2] * 9, prefix="c")  # 82 %
    email = _surveys("email", csat=[5] * 50 + [1] * 50, prefix="e")  # 50 %
    s = pd.concat([phone, chat, email], ignore_index=True)
    d = score_differences({"surveys": s}, measure="csat", by="channel").set_index("group")
    assert (d.reference == "phone").all()  # the largest group is the reference
    assert d.loc["chat", "difference"] == pytest.approx(2.0)
    lo, hi = newcombe_difference(41, 50, 160, 200)
    assert d.loc["chat", "diff_ci_low"] == pytest.approx(100 * lo)
    assert d.loc["chat", "verdict"] == "no evidence of a change"
    assert d.loc["email", "verdict"] == "lower" and d.loc["email", "diff_ci_high"] < 0
    fi = score_differences({"surveys": s}, measure="csat", by="channel", lang="fi")
    assert set(fi.verdict) == {"ei näyttöä muutoksesta", "matalampi"}


def test_period_differences_compare_each_week_with_the_one_before():
    w1 = _surveys("phone", nps=[10] * 50 + [0] * 50, start=T0, prefix="a")  # NPS 0
    w2 = _surveys("phone", nps=[10] * 70 + [0] * 30, start=T0 + pd.Timedelta(days=7), prefix="b")
    d = score_differences({"surveys": pd.concat([w1, w2])}, measure="nps", by="week")
    assert len(d) == 1 and d.difference.item() == pytest.approx(40.0)
    lo, hi = nps_difference(0.7, 0.3, 100, 0.5, 0.5, 100)
    assert (d.diff_ci_low.item(), d.diff_ci_high.item()) == pytest.approx((100 * lo, 100 * hi))
    assert d.verdict.item() == "higher" and d.unit.item() == "points"


_CHARTER = """
schema_version: 1
name: NPS test
calendars:
  office: {time_zone: Europe/Helsinki, hours: {mon: 08:00-16:00}}
channels:
  phone:
    label: {en: Phone, fi: Puhelin}
    kind: sync
    medium: phone
    calendar: office
    targets:
      - {id: phone-nps, metric: nps, threshold: 20, period: week, min_n: 5}
      - {id: phone-csat, metric: csat, threshold: 80, period: week, min_n: 5}
"""


def test_summary_overall_nps_is_from_summed_promoters_and_detractors():
    # week 1: 10 responses, 5 promoters, 1 detractor (NPS 40); week 2: 100, 20 P, 50 D (NPS -30)
    w1 = _surveys("phone", nps=[10] * 5 + [7] * 4 + [0], start=T0, prefix="a")
    w2 = _surveys(
        "phone", nps=[9] * 20 + [8] * 30 + [3] * 50, start=T0 + pd.Timedelta(days=7), prefix="b"
    )
    s = pd.concat([w1, w2], ignore_index=True)
    s["csat"] = 5
    charter = cx.loads_charter(_CHARTER)
    sc = cx.check(charter, {"surveys": s})
    weekly = sc[sc.target_id == "phone-nps"].actual.round(6).tolist()
    assert weekly == [40.0, -30.0]
    overall = cx.summary(sc).set_index("target_id").overall
    assert overall["phone-nps"] == pytest.approx(100 * (25 - 51) / 110)  # not (40 - 30) / 2 = 5
    assert not np.isnan(overall["phone-csat"])


def test_summary_on_the_sample_gives_a_number_for_nps():
    tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
    charter = cx.loads_charter(_CHARTER.replace("period: week, min_n: 5", "period: month"))
    sc = cx.check(charter, tables)
    overall = cx.summary(sc).set_index("target_id").overall
    phone = tables["surveys"].data
    phone = phone[phone.channel == "phone"].nps
    expected = 100 * ((phone >= 9).sum() - (phone <= 6).sum()) / phone.notna().sum()
    assert overall["phone-nps"] == pytest.approx(expected)


def test_scores_by_queue_take_the_queue_from_the_contact():
    s = _surveys("phone", csat=[5, 5, 1, 4])
    s["contact_id"] = ["c0", "c1", "c2", "c3"]
    contacts = pd.DataFrame(
        {
            "contact_id": ["c0", "c1", "c2", "c3", "c4"],
            "channel": "phone",
            "queue": ["billing", "billing", "moving", "moving", "moving"],
            "arrival": T0 - pd.Timedelta("1h"),
            "outcome": "answered",
            "wait_s": 10.0,
        }
    )
    out = survey_scores(
        {"surveys": s, "contacts": contacts}, by=("queue",), measures=("csat",)
    ).set_index("queue")
    assert out.value.to_dict() == {"billing": 100.0, "moving": 50.0}
    assert out.handled.to_dict() == {"billing": 2, "moving": 3}
    assert out.response_rate_pct["moving"] == pytest.approx(200 / 3)


def test_scores_by_agent_and_week_sum_to_the_whole():
    tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
    whole = survey_scores(tables, by=(), measures=("nps",))
    weekly = survey_scores(tables, by=("week",), measures=("nps",))
    assert weekly.n.sum() == whole.n.item()
    agents = survey_scores(tables, by=("agent",), measures=("csat",))
    assert agents.n.sum() == tables["surveys"].data.csat.notna().sum()


def test_an_unknown_reference_is_a_clear_error():
    s = _surveys("phone", csat=[5, 4, 1])
    with pytest.raises(
        ValueError, match="reference 'fax' has no csat responses; the channel values are phone"
    ):
        score_differences({"surveys": s}, by="channel", reference="fax")
