from __future__ import annotations

import pandas as pd

from cxkit.ui.staffing_widgets import BlendingWhatIf, StaffingWhatIf


def test_staffing_what_if_reference_and_sliders():
    w = StaffingWhatIf(offered=100, aht_s=180)
    assert w.result()["agents"] == 14 and w.result()["scheduled"] == 20
    assert "14</b> agents" in w.out.value
    w.target_pct.value, w.threshold.value = 90, 10
    assert w.result()["agents"] > 14
    assert "target 90" in w.figure.to_dict()["title"]


def test_blending_what_if_moves_agents_and_resimulates():
    day = pd.DataFrame(
        {
            "phone_arrivals": [120] * 6,
            "email_arrivals": [30] * 6,
            "phone_agents": [11] * 6,
            "email_agents": [5] * 6,
            "blended_agents": [0] * 6,
        }
    )
    w = BlendingWhatIf(day, phone_aht_s=180, email_handle_s=300, patience_s=180, replications=3)
    before = w.last.summary.set_index("metric").loc["phone_service_level_pct", "mean"]
    w.blended.value = 4
    plan = w.plan()
    assert (plan.email_agents == 1).all() and (plan.blended_agents == 4).all()
    after = w.last.summary.set_index("metric").loc["phone_service_level_pct", "mean"]
    assert after > before
    assert "Phone service level" in w.out.value
