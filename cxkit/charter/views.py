"""Tidy views of a charter: its goals and its targets as DataFrames.

>>> from cxkit.charter.model import load_charter
>>> from cxkit.settings import example_charter
>>> c = load_charter(example_charter("small_service_desk"))
>>> row = targets_frame(c).iloc[0]
>>> row.target_id, row.metric, float(row.threshold), float(row.within_s)
('phone-sl', 'service_level', 80.0, 30.0)
"""

from __future__ import annotations

import pandas as pd

from cxkit.catalog import get_metric
from cxkit.charter.model import Charter


def goals_frame(charter: Charter, *, lang: str = "en") -> pd.DataFrame:
    """One row per goal: ``channel, channel_label, goal, why, targets`` (the linked target ids)."""
    rows = [
        {
            "channel": cid,
            "channel_label": ch.label(lang),
            "goal": g.text,
            "why": g.why or "",
            "targets": ", ".join(g.targets),
        }
        for cid, ch in charter.channels.items()
        for g in ch.goals
    ]
    return pd.DataFrame(rows, columns=["channel", "channel_label", "goal", "why", "targets"])


def targets_frame(charter: Charter, *, lang: str = "en") -> pd.DataFrame:
    """One row per target: ``target_id, channel, metric, metric_name, variant, threshold, unit,
    within_s, amber, direction, period, owner, statement``."""
    rows = []
    for cid, _, t in charter.iter_targets():
        m = get_metric(t.metric)
        rows.append(
            {
                "target_id": t.id,
                "channel": cid,
                "metric": t.metric,
                "metric_name": m.name(lang),
                "variant": t.variant,
                "threshold": t.threshold,
                "unit": m.unit,
                "within_s": t.within_seconds,
                "amber": t.amber,
                "direction": t.direction,
                "period": t.period,
                "owner": t.owner,
                "statement": t.describe(lang),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "target_id",
            "channel",
            "metric",
            "metric_name",
            "variant",
            "threshold",
            "unit",
            "within_s",
            "amber",
            "direction",
            "period",
            "owner",
            "statement",
        ],
    )
