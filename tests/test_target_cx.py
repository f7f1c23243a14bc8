"""Does an internal target hurt CX: met against missed contacts, per agent, with Newcombe intervals."""

from __future__ import annotations

import pytest

import cxkit as cx
from cxkit.measure.target_cx import target_vs_cx
from cxkit.stats import newcombe_difference
from tests.test_drivers import _data

_CHARTER = """
schema_version: 1
name: AHT test
calendars:
  office: {time_zone: Europe/Helsinki, hours: {mon: 08:00-16:00}}
channels:
  phone:
    label: {en: Phone, fi: Puhelin}
    kind: sync
    medium: phone
    calendar: office
    targets:
      - {id: phone-aht, metric: aht, threshold: 300, period: month}
      - {id: phone-sl, metric: service_level, threshold: 80, within_s: 20, period: day}
      - {id: phone-csat, metric: csat, threshold: 80, period: month}
"""


def test_target_vs_cx_met_against_missed_per_agent():
    d = _data()
    charter = cx.loads_charter(_CHARTER)
    out = target_vs_cx(charter, d)
    assert set(out.target_id) == {"phone-aht", "phone-sl"}  # CSAT is no efficiency target
    sl = out[(out.target_id == "phone-sl") & (out.agent == "all")].iloc[0]
    # within 20 s = the fast contacts: 170 of 200 top box; missed = slow: 60 of 100
    assert (sl.met_n, sl.missed_n) == (200, 100)
    assert sl.met_csat_pct == pytest.approx(85.0) and sl.missed_csat_pct == pytest.approx(60.0)
    lo, hi = newcombe_difference(170, 200, 60, 100)
    assert (sl.diff_ci_low, sl.diff_ci_high) == pytest.approx((100 * lo, 100 * hi))
    assert sl.verdict == "higher"
    assert set(out[out.target_id == "phone-sl"].agent) == {"all", "Aino", "Eero"}
    aht = out[(out.target_id == "phone-aht") & (out.agent == "all")].iloc[0]
    handle = d["contacts"].talk_s
    assert aht.met_n == (handle <= 300).sum()


def test_verdicts_in_finnish_and_on_the_sample():
    tables = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    out = target_vs_cx(charter, tables, lang="fi").set_index(["target_id", "agent"])
    assert out.loc[("phone-sl", "all"), "verdict"] == "korkeampi"
    assert out.loc[("phone-aht", "all"), "verdict"] == "ei näyttöä muutoksesta"
    all_rows = out.xs("all", level="agent")
    per_agent = out.drop(index="all", level="agent")
    for tid in ("phone-sl", "phone-aht"):
        assert per_agent.loc[tid].met_n.sum() == all_rows.loc[tid, "met_n"]


_TICKETS = """
schema_version: 1
name: Email test
calendars:
  office: {time_zone: Europe/Helsinki, hours: {mon: 08:00-16:00, tue: 08:00-16:00}}
channels:
  email:
    label: {en: Email, fi: Sähköposti}
    kind: async
    medium: email
    calendar: office
    targets:
      - {id: email-8h, metric: response_service_level, threshold: 90, within_h: 8, period: week,
         options: {business_hours: true}}
      - {id: email-public, metric: response_service_level, threshold: 90, within_h: 8,
         period: week, options: {business_hours: false, visibility: public}}
"""


def test_ticket_targets_are_judged_per_ticket_in_business_hours():
    import pandas as pd

    tz = "Europe/Helsinki"
    created = pd.Timestamp("2026-03-02 15:00", tz=tz)  # Monday 15:00
    # replies: Mon 15:30 (0.5 business h), Tue 12:00 (1 + 4 = 5), Wed 09:00 (1 + 8 = 9: the
    # office calendar has no Wednesday hours)
    replies = ["2026-03-02 15:30", "2026-03-03 12:00", "2026-03-04 09:00"]
    tickets = pd.DataFrame(
        {
            "ticket_id": ["t1", "t2", "t3"],
            "channel": "email",
            "created": created,
            "first_reply": [pd.Timestamp(r, tz=tz) for r in replies],
            "agent": "Anu",
            "visibility": ["private", "private", "public"],
        }
    )
    surveys = pd.DataFrame(
        {
            "response_id": ["s1", "s2", "s3"],
            "contact_id": ["t1", "t2", "t3"],
            "channel": "email",
            "responded_at": created + pd.Timedelta(days=3),
            "csat": [5, 4, 1],
        }
    )
    out = target_vs_cx(cx.loads_charter(_TICKETS), {"tickets": tickets, "surveys": surveys})
    row = out.set_index(["target_id", "agent"]).loc[("email-8h", "all")]
    assert (row.met_n, row.missed_n) == (2, 1)
    assert (row.met_csat_pct, row.missed_csat_pct) == (100.0, 0.0)
    public = out.set_index(["target_id", "agent"]).loc[("email-public", "all")]
    assert (public.met_n, public.missed_n) == (0, 1)  # only the public item, 42 calendar hours
