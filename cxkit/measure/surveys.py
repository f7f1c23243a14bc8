"""Customer scores with honest uncertainty: CSAT, NPS and CES per group, the survey response rate beside
them, and differences between groups or periods with an interval, so a workshop does not celebrate noise.

Every figure is recomputed from counts (promoters and detractors summed, never period NPS averaged);
intervals come from :mod:`cxkit.stats`: Wilson for the CSAT top-box share, the NPS standard error
``sqrt((p + d - (p - d)^2) / n)``, t for means; differences use Newcombe's interval (proportions),
``sqrt(SE1^2 + SE2^2)`` (NPS) and Welch's t (means).

>>> when = pd.Timestamp("2026-03-02 12:00", tz="Europe/Helsinki")
>>> s = pd.DataFrame({"response_id": [f"r{i}" for i in range(200)], "responded_at": when,
...                   "channel": "phone", "nps": [10] * 90 + [8] * 70 + [3] * 40})
>>> row = survey_scores({"surveys": s}, measures=("nps",)).iloc[0]
>>> round(float(row.value), 1), round(float(row.ci_high - row.ci_low) / 2, 1), int(row.n)
(25.0, 10.6, 200)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxkit.data.tables import as_tables
from cxkit.i18n import t
from cxkit.measure.aggregate import PERIODS, add_period, grouped
from cxkit.measure.engine import Rows, metric_rows
from cxkit.stats import newcombe_difference, nps_difference, welch_difference, wilson

__all__ = ["MEASURES", "handled_rows", "score_differences", "survey_scores"]

#: The survey measures: (catalog metric, options, unit).
MEASURES: dict[str, tuple[str, dict[str, Any], str]] = {
    "csat": ("csat", {"statistic": "top_box"}, "%"),
    "csat_mean": ("csat", {"statistic": "mean"}, "score"),
    "nps": ("nps", {}, "points"),
    "ces": ("ces", {}, "score"),
}


def _surveys_with(tables: dict[str, pd.DataFrame], cols: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The surveys with group columns they lack (``queue``...) taken from their contact or ticket."""
    s = tables.get("surveys")
    if s is None or "contact_id" not in s.columns:
        return tables
    s = s.copy()
    for col in cols:
        if col in s.columns or col in PERIODS:
            continue
        found = pd.Series(np.nan, index=s.index, dtype=object)
        for name, key in (("contacts", "contact_id"), ("tickets", "ticket_id")):
            src = tables.get(name)
            if src is not None and col in src.columns and key in src.columns:
                found = found.fillna(
                    s["contact_id"].map(src.drop_duplicates(key).set_index(key)[col])
                )
        s[col] = found
    return {**tables, "surveys": s}


def handled_rows(data: Any) -> pd.DataFrame:
    """Contacts and tickets a survey could follow: answered contacts and tickets with an agent reply.

    Parameters
    ----------
    data : tables
        What :func:`cxkit.as_tables` accepts, with ``contacts`` and/or ``tickets``.

    Returns
    -------
    pandas.DataFrame
        ``time`` (arrival or created), the group columns present (``channel``, ``queue``,
        ``agent``, ``priority``, ``segment``) and ``value`` = 1 (one handled item per row).
    """
    tables = as_tables(data)
    parts = []
    con = tables.get("contacts")
    if con is not None and "outcome" in con.columns:
        c = con[con["outcome"] == "answered"]
        parts.append(c.rename(columns={"arrival": "time"}))
    tk = tables.get("tickets")
    if tk is not None and "first_reply" in tk.columns:
        k = tk[tk["first_reply"].notna()]
        parts.append(k.rename(columns={"created": "time"}))
    cols = ["time", "channel", "queue", "agent", "priority", "segment"]
    if not parts:
        return pd.DataFrame(columns=[*cols, "value"])
    frames = [p[[c for c in cols if c in p.columns]] for p in parts]
    return pd.concat(frames, ignore_index=True).assign(value=1)


def _response_rates(tables: dict[str, pd.DataFrame], by: list[str]) -> pd.DataFrame | None:
    handled = handled_rows(tables)
    s = tables.get("surveys")
    if (
        not len(handled)
        or s is None
        or any(k not in handled.columns for k in by if k not in PERIODS)
    ):
        return None
    resp = s.rename(columns={"responded_at": "time"}).assign(value=1)
    keys = [k for k in by if k not in PERIODS]
    resp = resp[["time", *keys, "value"]]
    h = grouped(Rows(handled, "count", "contacts"), by).rename(columns={"value": "handled"})
    r = grouped(Rows(resp, "count", "surveys"), by).rename(columns={"value": "responses"})
    join = [
        c
        for c in h.columns
        if c in r.columns and c not in ("n", "numerator", "denominator", "ci_low", "ci_high")
    ]
    if join:
        out = h[[*join, "handled"]].merge(r[[*join, "responses"]], on=join, how="outer")
    else:  # the whole span
        out = pd.DataFrame(
            {"handled": h["handled"].to_numpy(), "responses": r["responses"].to_numpy()}
        )
    out[["handled", "responses"]] = out[["handled", "responses"]].fillna(0)
    lo, hi = wilson(out["responses"].to_numpy(), out["handled"].to_numpy())
    with np.errstate(invalid="ignore", divide="ignore"):
        out["response_rate_pct"] = 100 * out["responses"] / out["handled"].where(out["handled"] > 0)
    out["response_ci_low_pct"], out["response_ci_high_pct"] = 100 * lo, 100 * hi
    return out.drop(columns="responses")


def _note(n: float, rate: float, *, min_n: int, low_pct: float, lang: str) -> str:
    notes = []
    if n < min_n:
        notes.append(t("cx_small_sample", lang).format(n=int(n), min_n=min_n))
    if np.isfinite(rate) and rate < low_pct:
        text = f"{rate:.1f}"
        notes.append(
            t("cx_low_response", lang).format(rate=text.replace(".", ",") if lang == "fi" else text)
        )
    return "; ".join(notes)


def survey_scores(
    data: Any,
    *,
    by: Sequence[str] = ("channel",),
    measures: Sequence[str] = ("csat", "nps", "ces"),
    top_box_min: float = 4,
    min_n: int = 30,
    low_response_pct: float = 10.0,
    lang: str = "en",
) -> pd.DataFrame:
    """CSAT, NPS and CES per group with n, 95 % intervals and the survey response rate beside them.

    Parameters
    ----------
    data : tables
        What :func:`cxkit.as_tables` accepts, with ``surveys`` (and ``contacts`` / ``tickets`` for
        the response rate and for group columns the surveys lack, such as ``queue``).
    by : sequence of str
        Group columns (``channel``, ``queue``, ``agent``...) and at most one period (``day``,
        ``week``, ``month``: by the response time).
    measures : sequence of str
        Keys of :data:`MEASURES`: ``csat`` (top-box share), ``csat_mean``, ``nps``, ``ces``.
    top_box_min : float
        Lowest CSAT score in the top box (4 on 1-5).
    min_n : int
        Fewer responses than this are flagged as a small sample.
    low_response_pct : float
        A response rate under this (percent) is flagged: who answers may not be like who did not.
    lang : str
        Language of ``note`` (``en`` or ``fi``).

    Returns
    -------
    pandas.DataFrame
        One row per group and measure: the ``by`` columns (``period_start`` for a period),
        ``measure``, ``n`` (responses with that score), ``value`` (percent for ``csat``, NPS points
        -100..100, the scale's score for means), ``ci_low``, ``ci_high`` (95 %, same unit),
        ``unit``, ``handled`` (answered contacts and replied tickets in the group, in a period by
        their arrival or creation; NaN without contact data), ``response_rate_pct`` = responses /
        handled (percent, NaN without contact data) with ``response_ci_low_pct``, ``response_ci_high_pct`` (Wilson), and ``note`` (small
        sample and low response rate warnings in ``lang``; empty text when none).
    """
    by = list(by)
    tables = _surveys_with(as_tables(data), by)
    out = []
    for key in measures:
        metric, opts, unit = MEASURES[key]
        if metric == "csat":
            opts = {**opts, "top_box_min": top_box_min}
        g = grouped(metric_rows(tables, metric, options=opts), by)
        g = g.assign(measure=key, unit=unit)
        out.append(g)
    scores = pd.concat(out, ignore_index=True)
    keys = [c for c in scores.columns if c in by or c == "period_start"]
    rates = _response_rates(tables, by)
    if rates is not None and keys:
        scores = scores.merge(rates, on=keys, how="left")
    elif rates is not None:  # the whole span: one row of rates for every measure
        scores = scores.assign(**rates.iloc[0].to_dict())
    else:
        scores = scores.assign(
            handled=np.nan,
            response_rate_pct=np.nan,
            response_ci_low_pct=np.nan,
            response_ci_high_pct=np.nan,
        )
    scores["note"] = [
        _note(n, r, min_n=min_n, low_pct=low_response_pct, lang=lang)
        for n, r in zip(scores["n"], scores["response_rate_pct"], strict=True)
    ]
    cols = [*keys, "measure", "n", "value", "ci_low", "ci_high", "unit", "handled"]
    cols += ["response_rate_pct", "response_ci_low_pct", "response_ci_high_pct", "note"]
    return scores[cols]


# ----------------------------------------------------------------------------- differences


def _group_stats(rows: Rows, by: str) -> pd.DataFrame:
    f = rows.frame
    if by in PERIODS:
        f = add_period(f, by, time_col="time")
        by = "period_start"
    if rows.kind == "ratio":
        g = f.groupby(by, sort=True).agg(k=("num", "sum"), n=("den", "sum"))
        g["value"] = g.k / g.n.where(g.n > 0)
    elif rows.kind == "nps":
        v = f["value"]
        g = (
            f.assign(p=(v >= 9).astype(int), d=(v <= 6).astype(int))
            .groupby(by, sort=True)
            .agg(p=("p", "mean"), d=("d", "mean"), n=("value", "count"))
        )
        g["value"] = g.p - g.d
    else:
        g = f.groupby(by, sort=True)["value"].agg(["mean", "var", "count"])
        g = g.rename(columns={"count": "n"}).assign(value=lambda x: x["mean"])
    return g


def _interval(kind: str, a: pd.Series, b: pd.Series) -> tuple[float, float]:
    if kind == "ratio":
        return newcombe_difference(a.k, a.n, b.k, b.n)
    if kind == "nps":
        return nps_difference(a.p, a.d, a.n, b.p, b.d, b.n)
    return welch_difference(a["mean"], a["var"], a.n, b["mean"], b["var"], b.n)


def score_differences(
    data: Any,
    *,
    measure: str = "csat",
    by: str = "channel",
    reference: Any = None,
    top_box_min: float = 4,
    lang: str = "en",
) -> pd.DataFrame:
    """Each group's score against a reference group (or each period against the one before), with the
    interval of the difference and a plain verdict.

    Parameters
    ----------
    data : tables
        What :func:`cxkit.as_tables` accepts, with ``surveys``.
    measure : str
        A key of :data:`MEASURES` (``csat``, ``csat_mean``, ``nps``, ``ces``).
    by : str
        A group column (``channel``, ``agent``, ``queue``...) or a period (``day``, ``week``,
        ``month``).
    reference : optional
        The group everyone is compared with; default: the group with most responses, or for a
        period the previous period.
    top_box_min : float
        Lowest CSAT score in the top box.
    lang : str
        Language of ``verdict`` (``en`` or ``fi``).

    Returns
    -------
    pandas.DataFrame
        One row per compared group: ``group``, ``reference``, ``n``, ``reference_n`` (responses),
        ``value``, ``reference_value`` and ``difference`` (percent and percentage points for
        ``csat``, NPS points, score for means), ``diff_ci_low``, ``diff_ci_high`` (95 %: Newcombe,
        NPS ``sqrt(SE1^2 + SE2^2)``, Welch t), ``unit`` and ``verdict`` (``higher``, ``lower`` or
        "no evidence of a change" when the interval covers 0, in ``lang``).

    Examples
    --------
    >>> when = pd.Timestamp("2026-03-02 12:00", tz="Europe/Helsinki")
    >>> s = pd.DataFrame({"response_id": range(300), "responded_at": when,
    ...                   "channel": ["phone"] * 200 + ["chat"] * 100,
    ...                   "csat": [5] * 160 + [2] * 40 + [5] * 82 + [2] * 18})
    >>> d = score_differences({"surveys": s}, by="channel").iloc[0]
    >>> d.group, d.reference, round(float(d.difference), 1), d.verdict
    ('chat', 'phone', 2.0, 'no evidence of a change')
    """
    metric, opts, unit = MEASURES[measure]
    if metric == "csat":
        opts = {**opts, "top_box_min": top_box_min}
    tables = _surveys_with(as_tables(data), [by])
    rows = metric_rows(tables, metric, options=opts)
    if by not in rows.frame.columns and by not in PERIODS:
        rows = rows.replace(rows.frame.join(tables["surveys"][[by]]))
    g = _group_stats(rows, by)
    scale = 100.0 if rows.kind in ("ratio", "nps") else 1.0
    labels = list(g.index)
    if by in PERIODS:
        pairs = list(zip(labels[1:], labels[:-1], strict=True))
    else:
        ref = reference if reference is not None else g["n"].idxmax()
        if ref not in g.index:
            raise ValueError(
                f"reference {ref!r} has no {measure} responses; the {by} values are "
                f"{', '.join(str(x) for x in labels)}"
            )
        pairs = [(x, ref) for x in labels if x != ref]
    out = []
    for x, ref in pairs:
        a, b = g.loc[x], g.loc[ref]
        lo, hi = _interval(rows.kind, a, b)
        diff = a.value - b.value
        key = "cx_no_change" if not (lo > 0 or hi < 0) else ("cx_higher" if lo > 0 else "cx_lower")
        out.append(
            {
                "group": x,
                "reference": ref,
                "n": int(a.n),
                "reference_n": int(b.n),
                "value": scale * a.value,
                "reference_value": scale * b.value,
                "difference": scale * diff,
                "diff_ci_low": scale * lo,
                "diff_ci_high": scale * hi,
                "unit": unit,
                "verdict": t(key, lang),
            }
        )
    cols = ["group", "reference", "n", "reference_n", "value", "reference_value", "difference"]
    return pd.DataFrame(out, columns=[*cols, "diff_ci_low", "diff_ci_high", "unit", "verdict"])
