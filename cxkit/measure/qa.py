"""Quality monitoring: evaluation scores from form answers, and the QA metrics that read them.

Score = sum(earned x weight) / sum(possible x weight) x 100 over answered, non-critical items; an
N/A answer leaves both sums; a failed critical item sets the evaluation's score to 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxkit.measure.engine import RowContext, Rows, need, rows_for

__all__ = ["evaluation_scores"]


def evaluation_scores(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per evaluation, scored.

    Parameters
    ----------
    evaluations : pandas.DataFrame
        One row per answer: ``evaluation_id``, ``agent``, ``earned``, ``possible`` (and optionally
        ``weight``, ``na``, ``critical``, ``evaluator``, ``evaluated_at``, ``contact_id``, ``channel``).

    Returns
    -------
    pandas.DataFrame
        ``evaluation_id``, ``agent``, the optional key columns present, ``critical_failed`` (bool),
        ``items`` (answers) and ``score`` (0-100 points; 0 when a critical item failed).
    """
    e = need(
        evaluations, ["evaluation_id", "agent", "earned", "possible"], "evaluations", "qa_score"
    )
    e = e.copy()
    w = e["weight"].fillna(1.0) if "weight" in e else 1.0
    na = e["na"].fillna(False).astype(bool) if "na" in e else False
    crit = (
        e["critical"].fillna(False).astype(bool)
        if "critical" in e
        else pd.Series(False, index=e.index)
    )
    scored = ~na & ~crit & e.earned.notna()
    e["num"] = np.where(scored, e.earned * w, 0.0)
    e["den"] = np.where(scored, e.possible * w, 0.0)
    e["crit_fail"] = crit & (e.earned < e.possible)
    optional = [c for c in ("evaluator", "evaluated_at", "contact_id", "channel") if c in e.columns]
    g = e.groupby("evaluation_id", sort=False).agg(
        num=("num", "sum"),
        den=("den", "sum"),
        critical_failed=("crit_fail", "any"),
        items=("num", "size"),
    )
    first = e.drop_duplicates("evaluation_id").set_index("evaluation_id")[["agent", *optional]]
    out = first.join(g).reset_index()
    out["score"] = np.where(out.critical_failed, 0.0, 100 * out.num / out.den.where(out.den > 0))
    return out.drop(columns=["num", "den"])


def _scored(ctx: RowContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    ev = evaluation_scores(ctx.data.get("evaluations"))  # type: ignore[arg-type]
    ev = ev.rename(columns={"evaluated_at": "time"})
    contacts = ctx.data.get("contacts")
    if (
        ctx.channel is not None
        and "channel" not in ev.columns
        and contacts is not None
        and "contact_id" in ev
    ):
        ev["channel"] = ev.contact_id.map(contacts.set_index("contact_id")["channel"])
    if ctx.channel is not None and "channel" in ev.columns:
        ev = ev[ev.channel == ctx.channel]
    return ev, ev[["time", "agent", *[c for c in ("channel", "evaluator") if c in ev.columns]]]


@rows_for("qa_score")
def _qa_score(ctx: RowContext) -> Rows:
    ev, base = _scored(ctx)
    return ctx.rows(base.assign(value=ev.score), "weighted form score 0-100, 0 on a critical fail")


@rows_for("critical_fail_rate")
def _critical(ctx: RowContext) -> Rows:
    ev, base = _scored(ctx)
    return ctx.rows(
        base.assign(num=ev.critical_failed.astype(int), den=1),
        "evaluations with a failed critical item / evaluations",
    )


@rows_for("evaluation_coverage")
def _coverage(ctx: RowContext) -> Rows:
    _, base = _scored(ctx)
    plan = float(ctx.options["planned_per_agent_month"])
    return ctx.rows(base.assign(value=1), f"evaluations / ({plan:g} per agent per month)", q=plan)
