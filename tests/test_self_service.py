"""The sample's IVR: self-served calls added in front of the phones, and what containment makes of them."""

from __future__ import annotations

import pandas as pd
import pytest

from cxkit.measure.paths import containment
from cxkit.sample.self_service import IVR_MENU, add_ivr_calls


def test_ivr_calls_on_the_sample(sample_tables):
    c = sample_tables["contacts"].data
    before = c.copy()
    out = add_ivr_calls(c, contained_pct=20, came_back_pct=30)
    pd.testing.assert_frame_equal(c, before)  # the input is not changed
    ivr = out[out.outcome == "self_service"]
    phone = c[(c.channel == "phone") & (c.outcome != "self_service")]
    assert len(out) == len(c) + len(ivr)
    assert len(ivr) == round(len(phone) * 20 / 80)
    assert set(ivr.reason) <= set(IVR_MENU) and ivr.contact_id.is_unique
    r = containment(out, window_days=7).set_index("channel").loc["phone"]
    assert r.containment_pct == pytest.approx(20, abs=0.05)
    # 30 % of the self-served callers reached an agent within two days: at most about 70 % hold
    assert 60 < r.held_pct < 72
    # the same seed gives the same calls; another seed other calls
    again = add_ivr_calls(c, contained_pct=20, came_back_pct=30)
    pd.testing.assert_frame_equal(out, again)
    other = add_ivr_calls(c, seed=1, contained_pct=20, came_back_pct=30)
    assert not other.customer.equals(out.customer)


def test_ivr_options_are_checked():
    c = pd.DataFrame(
        {
            "contact_id": ["a"],
            "channel": "phone",
            "customer": ["K"],
            "outcome": "answered",
            "arrival": [pd.Timestamp("2026-03-02 09:00", tz="UTC")],
        }
    )
    with pytest.raises(ValueError, match="contained_pct"):
        add_ivr_calls(c, contained_pct=100)
    assert len(add_ivr_calls(c, contained_pct=0)) == 1
