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

__all__ = ["goals_frame", "targets_frame"]


def goals_frame(charter: Charter, *, lang: str = "en") -> pd.DataFrame:
    """The charter's goals, one row per goal in channel order.

    Parameters
    ----------
    charter : Charter
        The charter.
    lang : {"en", "fi"}
        Language of the channel labels.

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``channel`` (str): the channel id
        - ``channel_label`` (str): the channel's label in ``lang``
        - ``goal`` (str): the goal in the team's words
        - ``why`` (str): why it matters, ``""`` when not given
        - ``targets`` (str): the linked target ids, comma-separated
    """
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
    """The charter's targets, one row per target in channel order.

    Parameters
    ----------
    charter : Charter
        The charter.
    lang : {"en", "fi"}
        Language of the metric names and statements.

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``target_id`` (str): the target id
        - ``channel`` (str): the channel id
        - ``metric`` (str): the catalog metric id
        - ``metric_name`` (str): the metric's name in ``lang``
        - ``variant`` (str or None): the definition variant, None for metrics without variants
        - ``threshold`` (float): in the metric's unit
        - ``unit`` (str): the metric's unit (``%``, ``s``, ``h``, ``score``...)
        - ``within_s`` (float or None): the time limit T in seconds, whichever unit the charter used
        - ``amber`` (float or None): the edge of the near band
        - ``direction`` (str): ``higher`` or ``lower`` is better
        - ``period`` (str): ``interval``, ``day``, ``week``, ``month`` or ``quarter``
        - ``owner`` (str or None): who answers for it
        - ``statement`` (str): the target in one line, e.g. ``Service level >= 80 % within 20 s per day``
    """
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
