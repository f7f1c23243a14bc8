"""Calibration: how far evaluators agree when they score the same contacts.

Agreement is chance-corrected with Krippendorff's alpha (the ``krippendorff`` package): per question
(nominal for yes/no items, ordinal for 1-5 scales) and overall on the evaluation scores (interval).
Each evaluator's bias is their score minus the reference's (a named expert) or, without one, minus
the consensus (the mean of the *other* evaluators on that contact); the share within +-5 points
says how often they land near it.

Krippendorff's own worked example (4 coders x 12 units with missing values):

>>> import numpy as np
>>> d = [[1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
...      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
...      [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
...      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan]]
>>> [round(krippendorff_alpha(d, level=lv), 3) for lv in ("nominal", "ordinal", "interval")]
[0.743, 0.815, 0.849]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import krippendorff
import numpy as np
import pandas as pd

from cxkit.measure.qa import evaluation_scores

__all__ = [
    "AGREEMENT_OK",
    "krippendorff_alpha",
    "calibration_report",
    "evaluator_bias",
    "question_agreement",
]

#: Alpha at or above this is commonly taken as reliable enough to rely on (Krippendorff: 0.800;
#: 0.667 the lowest for tentative conclusions).
AGREEMENT_OK = 0.8


def krippendorff_alpha(
    reliability_data: Sequence[Sequence[float]] | np.ndarray,
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "interval",
) -> float:
    """Krippendorff's alpha of a coders x units matrix (NaN = not coded).

    Parameters
    ----------
    reliability_data : array-like
        One row per coder, one column per unit; NaN where a coder did not code the unit.
    level : {"nominal", "ordinal", "interval", "ratio"}
        The level of measurement.

    Returns
    -------
    float
        Alpha (1 perfect agreement, 0 chance, below 0 systematic disagreement); NaN when no unit
        was coded by two coders or every value is the same (no variation to agree on).
    """
    data = np.asarray(reliability_data, dtype=float)
    pairable = (np.isfinite(data).sum(axis=0) >= 2).any()
    values = data[np.isfinite(data)]
    if not pairable or np.unique(values).size < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def _matrix(frame: pd.DataFrame, value: str) -> np.ndarray:
    return frame.pivot_table(
        index="evaluator", columns="contact_id", values=value, aggfunc="first"
    ).to_numpy(dtype=float)


def question_agreement(items: pd.DataFrame) -> pd.DataFrame:
    """Agreement per question, the questions people disagree on most first.

    Parameters
    ----------
    items : pandas.DataFrame
        Calibration items from :func:`cxkit.measure.qa.fit_answers`: ``contact_id``, ``evaluator``,
        ``question_id``, ``earned`` (share 0-1; NaN for N/A), ``kind``.

    Returns
    -------
    pandas.DataFrame
        ``question_id``, ``kind``, ``level`` (``nominal`` for yes/no, ``ordinal`` for scales),
        ``contacts`` (scored by two or more evaluators), ``alpha`` (NaN when there is no variation),
        ``agree_pct`` (percent of those contacts where every evaluator gave the same answer),
        sorted by ``alpha`` then ``agree_pct``, lowest first.
    """
    rows = []
    for q, g in items.groupby("question_id", sort=False):
        kind = str(g["kind"].iloc[0])
        level: Literal["nominal", "ordinal"] = "nominal" if kind == "yes_no" else "ordinal"
        m = _matrix(g, "earned")
        both = np.isfinite(m).sum(axis=0) >= 2
        same = [np.unique(col[np.isfinite(col)]).size == 1 for col in m.T[both]]
        rows.append(
            {
                "question_id": q,
                "kind": kind,
                "level": level,
                "contacts": int(both.sum()),
                "alpha": krippendorff_alpha(m, level=level),
                "agree_pct": 100 * float(np.mean(same)) if same else float("nan"),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["alpha", "agree_pct"], na_position="last", kind="stable").reset_index(
        drop=True
    )


def evaluator_bias(
    scores: pd.DataFrame, *, reference: str | None = None, within: float = 5.0
) -> pd.DataFrame:
    """Each evaluator's deviation from the reference (or the consensus of the others).

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per evaluator and contact: ``contact_id``, ``evaluator``, ``score`` (0-100 points,
        from :func:`cxkit.measure.qa.evaluation_scores`).
    reference : str, optional
        The evaluator whose scores are the standard (an expert). Without one, each evaluator is
        compared with the mean of the other evaluators on the same contact.
    within : float
        The band, in points, that counts as agreeing (default 5).

    Returns
    -------
    pandas.DataFrame
        One row per evaluator (the reference left out): ``evaluator``, ``contacts`` (compared),
        ``mean_diff`` (mean of score - reference, points; > 0 lenient, < 0 strict), ``mean_abs_diff``
        (points), ``within_pct`` (percent of contacts within +-``within`` points), ``compared_with``
        (the reference's name or ``consensus``), sorted by ``mean_abs_diff``, largest first.
    """
    s = scores[scores.score.notna()][["contact_id", "evaluator", "score"]]
    if reference is not None:
        ref = s[s.evaluator == reference].set_index("contact_id").score
        s = s[s.evaluator != reference].assign(ref=lambda x: x.contact_id.map(ref))
    else:
        tot = s.groupby("contact_id").score.agg(["sum", "size"])
        t = s.join(tot, on="contact_id")
        s = s.assign(ref=((t["sum"] - t.score) / (t["size"] - 1)).where(t["size"] > 1))
    s = s[s.ref.notna()].assign(diff=lambda x: x.score - x.ref)
    out = (
        s.groupby("evaluator")
        .agg(
            contacts=("diff", "size"),
            mean_diff=("diff", "mean"),
            mean_abs_diff=("diff", lambda d: d.abs().mean()),
            within_pct=("diff", lambda d: 100 * (d.abs() <= within).mean()),
        )
        .reset_index()
    )
    out["compared_with"] = reference or "consensus"
    return out.sort_values("mean_abs_diff", ascending=False).reset_index(drop=True)


def calibration_report(
    items: pd.DataFrame, *, reference: str | None = None, within: float = 5.0
) -> dict[str, object]:
    """Everything a calibration session says, in one call.

    Parameters
    ----------
    items : pandas.DataFrame
        Calibration items from :func:`cxkit.measure.qa.fit_answers` (several evaluators per contact).
    reference : str, optional
        The reference evaluator; the consensus of the others when omitted.
    within : float
        The agreement band for :func:`evaluator_bias`, points.

    Returns
    -------
    dict
        ``overall_alpha`` (float: interval alpha of the evaluation scores, units = contacts),
        ``questions`` (:func:`question_agreement`), ``evaluators`` (:func:`evaluator_bias`),
        ``scores`` (one row per evaluator and contact, from
        :func:`cxkit.measure.qa.evaluation_scores`), ``contacts`` and ``evaluator_count`` (ints).
    """
    scores = evaluation_scores(items)
    return {
        "overall_alpha": krippendorff_alpha(_matrix(scores, "score"), level="interval"),
        "questions": question_agreement(items),
        "evaluators": evaluator_bias(scores, reference=reference, within=within),
        "scores": scores,
        "contacts": int(scores.contact_id.nunique()),
        "evaluator_count": int(scores.evaluator.nunique()),
    }
