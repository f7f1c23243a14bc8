"""Quality monitoring against the customer's view: do agents and contacts with higher QA scores get
better customer scores, and which contacts does QA call good while the customer says bad?

QA scores come from :func:`cxkit.evaluation_scores` (one score per evaluation, 0-100). Associations
are rank (Spearman) or linear (Pearson) correlations with a Fisher-z 95 % interval (Bonett-Wright
standard error for Spearman), so "QA predicts CSAT" is only said when the interval keeps clear of 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as sps

from cxkit.data.tables import as_tables
from cxkit.errors import MissingDataError
from cxkit.i18n import t
from cxkit.measure.qa import evaluation_scores
from cxkit.stats import fisher_z_interval

__all__ = ["qa_cx_association", "qa_cx_disagreements", "qa_cx_pairs"]


def qa_cx_pairs(data: Any, *, measure: str = "csat") -> pd.DataFrame:
    """Evaluated contacts that also have a survey response: the QA score beside the customer's.

    Parameters
    ----------
    data : tables
        What :func:`cxkit.as_tables` accepts, with ``evaluations`` (answers with ``contact_id``)
        and ``surveys`` (``contact_id`` and the ``measure`` column).
    measure : str
        The survey column: ``csat``, ``nps`` or ``ces``.

    Returns
    -------
    pandas.DataFrame
        One row per evaluation of a surveyed contact: ``evaluation_id``, ``contact_id``, ``agent``,
        ``evaluator`` (when known), ``qa_score`` (0-100), ``critical_failed`` (bool) and the
        customer's ``measure`` score (the first response when a contact has several).
    """
    tables = as_tables(data)
    ev, s = tables.get("evaluations"), tables.get("surveys")
    if ev is None or s is None or "contact_id" not in s.columns or measure not in s.columns:
        raise MissingDataError(
            f"QA against CX needs evaluations and surveys linked by contact_id, with {measure}"
        )
    scores = evaluation_scores(ev)
    if "contact_id" not in scores.columns:
        raise MissingDataError("the evaluations have no contact_id: they cannot meet the surveys")
    resp = s[s[measure].notna()].drop_duplicates("contact_id").set_index("contact_id")[measure]
    pairs = scores[scores["contact_id"].isin(resp.index)].copy()
    pairs[measure] = pairs["contact_id"].map(resp).astype(float)
    cols = ["evaluation_id", "contact_id", "agent", "evaluator", "critical_failed", "score"]
    cols = [c for c in cols if c in pairs.columns]
    return pairs[[*cols, measure]].rename(columns={"score": "qa_score"}).reset_index(drop=True)


def _association(x: pd.Series, y: pd.Series, method: str) -> tuple[float, float, float, float]:
    ok = x.notna() & y.notna()
    x, y = x[ok], y[ok]
    n = len(x)
    if n < 4 or x.nunique() < 2 or y.nunique() < 2:
        return float("nan"), float("nan"), float("nan"), float("nan")
    res = sps.spearmanr(x, y) if method == "spearman" else sps.pearsonr(x, y)
    r, p = float(res[0]), float(res[1])
    lo, hi = fisher_z_interval(r, n, spearman=method == "spearman")
    return r, lo, hi, p


def qa_cx_association(
    data: Any,
    *,
    measure: str = "csat",
    method: str = "spearman",
    top_box_min: float = 4,
    min_n: int = 10,
    lang: str = "en",
) -> pd.DataFrame:
    """Does QA agree with the customer? The correlation per contact and per agent, with intervals.

    Parameters
    ----------
    data : tables
        What :func:`qa_cx_pairs` takes.
    measure : str
        ``csat``, ``nps`` or ``ces``.
    method : {"spearman", "pearson"}
        Rank or linear correlation.
    top_box_min : float
        For ``csat`` per agent: the agent's customer figure is the top-box share (scores at or
        above this); other measures use the agent's mean score.
    min_n : int
        Fewer pairs than this get the verdict "not enough data" (the interval is still given).
    lang : str
        Language of ``verdict``.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``level`` ``contact`` (evaluated and surveyed contacts) and ``agent`` (each
        agent's mean QA score against the customers' figure over all of the agent's responses):
        ``method``, ``n`` (pairs), ``r`` (-1..1), ``ci_low``, ``ci_high`` (Fisher-z 95 %),
        ``p_value`` and ``verdict`` (``higher``: higher QA goes with better customer scores,
        ``lower``, no evidence, or not enough data).
    """
    if method not in ("spearman", "pearson"):
        raise ValueError(f"method must be 'spearman' or 'pearson', not {method!r}")
    pairs = qa_cx_pairs(data, measure=measure)
    tables = as_tables(data)
    s = tables["surveys"]
    s = s[s[measure].notna() & s.get("agent", pd.Series(index=s.index)).notna()]
    if measure == "csat":
        cx_by_agent = (s[measure] >= top_box_min).groupby(s["agent"]).mean()
    else:
        cx_by_agent = s[measure].astype(float).groupby(s["agent"]).mean()
    qa_by_agent = evaluation_scores(tables["evaluations"]).groupby("agent")["score"].mean()
    agents = qa_by_agent.index.intersection(cx_by_agent.index)
    rows = []
    for level, x, y in (
        ("contact", pairs["qa_score"], pairs[measure]),
        ("agent", qa_by_agent.loc[agents], cx_by_agent.loc[agents]),
    ):
        r, lo, hi, p = _association(x.reset_index(drop=True), y.reset_index(drop=True), method)
        n = int((x.notna().to_numpy() & y.notna().to_numpy()).sum())
        rows.append(
            {
                "level": level,
                "method": method,
                "n": n,
                "r": r,
                "ci_low": lo,
                "ci_high": hi,
                "p_value": p,
                "verdict": _verdict(n, lo, hi, min_n, lang),
            }
        )
    return pd.DataFrame(rows)


def _verdict(n: int, lo: float, hi: float, min_n: int, lang: str) -> str:
    if n < min_n or np.isnan(lo):
        return t("cx_no_data", lang)
    if lo > 0:
        return t("qa_cx_agree", lang)
    if hi < 0:
        return t("qa_cx_disagree", lang)
    return t("qa_cx_no_evidence", lang)


def qa_cx_disagreements(
    data: Any, *, qa_good: float = 85, csat_bad: float = 2, measure: str = "csat"
) -> pd.DataFrame:
    """Contacts where QA says good and the customer says bad (and the reverse), worst first.

    Parameters
    ----------
    data : tables
        What :func:`qa_cx_pairs` takes.
    qa_good : float
        A QA score at or above this (0-100) is "good".
    csat_bad : float
        A customer score at or below this is "bad" (CSAT 1-2 on 1-5; for ``nps`` use 6, detractors).
    measure : str
        ``csat`` or ``nps`` (higher is better).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`qa_cx_pairs` where the two disagree, with ``disagreement``:
        ``qa_good_customer_bad`` or ``qa_bad_customer_good`` (QA below ``qa_good`` minus 25 points
        and the customer in the top box), sorted by the gap (QA score minus the customer score
        scaled to 0-100).
    """
    pairs = qa_cx_pairs(data, measure=measure)
    top = 10 if measure == "nps" else 5
    scaled = 100 * pairs[measure] / top
    good_bad = (pairs["qa_score"] >= qa_good) & (pairs[measure] <= csat_bad)
    bad_good = (pairs["qa_score"] < qa_good - 25) & (pairs[measure] >= top - 1)
    out = pairs[good_bad | bad_good].copy()
    out["disagreement"] = np.where(
        good_bad[out.index], "qa_good_customer_bad", "qa_bad_customer_good"
    )
    gap = (out["qa_score"] - scaled[out.index]).abs()
    return (
        out.assign(_gap=gap)
        .sort_values("_gap", ascending=False)
        .drop(columns="_gap")
        .reset_index(drop=True)
    )
