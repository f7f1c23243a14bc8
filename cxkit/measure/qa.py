"""Quality monitoring: evaluation scores from form answers, and the QA metrics that read them.

Score = sum(earned x weight) / sum(possible x weight) x 100 over answered, non-critical items; an
N/A answer leaves both sums; a failed critical item sets the evaluation's score to 0, or only its
section's items to 0 where the form's ``critical_scope`` is ``section``.

Answers exported against a charter form (``answer`` = yes/no, 1-5 or N/A) become scorable items
with :func:`fit_answers`; rows that do not fit the form are quarantined with their line and reason.
:func:`section_scores`, :func:`qa_summary` and :func:`question_pass_rates` give bounded intervals
(a t interval clipped to 0-100, Wilson for pass rates) and say "too few" below a minimum n.

>>> import pandas as pd
>>> items = pd.DataFrame({"evaluation_id": "E1", "agent": "Aino", "question_id": list("abc"),
...     "earned": [1.0, 0.5, None], "possible": 1.0, "weight": [1.0, 3.0, 2.0],
...     "na": [False, False, True], "critical": False})
>>> float(evaluation_scores(items).score.iloc[0])  # (1 x 1 + 0.5 x 3) / (1 + 3) x 100
62.5
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from cxkit.charter.forms import EvaluationForm, form_items, parse_answer
from cxkit.errors import MissingColumnError, MissingDataError, Reason
from cxkit.measure.aggregate import add_period
from cxkit.measure.engine import RowContext, Rows, need, rows_for
from cxkit.stats import t_interval, wilson

__all__ = [
    "PASS_SHARE",
    "coaching_view",
    "evaluation_context",
    "evaluation_coverage",
    "evaluation_scores",
    "fit_answers",
    "qa_summary",
    "question_pass_rates",
    "sampling_plan",
    "section_scores",
]

#: An answer passes when it earns at least this share of its question: yes, or 4-5 on a 1-5 scale.
PASS_SHARE = 0.75
_KEYS = ("evaluator", "evaluated_at", "contact_id", "channel", "form_id", "form_version")


def _item_flags(e: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(weight, N/A, critical) of each item, with the defaults of a plain export."""
    w = e["weight"].astype(float).fillna(1.0) if "weight" in e else pd.Series(1.0, index=e.index)
    na = (
        e["na"].astype("boolean").fillna(False).astype(bool)
        if "na" in e
        else pd.Series(False, index=e.index)
    )
    crit = (
        e["critical"].astype("boolean").fillna(False).astype(bool)
        if "critical" in e
        else pd.Series(False, index=e.index)
    )
    return w, na, crit


def _with_scope(e: pd.DataFrame) -> pd.DataFrame:
    """Items with ``num``/``den`` (weighted earned and possible), ``crit_fail`` and, where the form
    says ``critical_scope: section``, the items of a section with a failed critical item at 0."""
    w, na, crit = _item_flags(e)
    scored = ~na & ~crit & e.earned.notna()
    e = e.assign(
        num=np.where(scored, e.earned.astype(float) * w, 0.0),
        den=np.where(scored, e.possible.astype(float) * w, 0.0),
        crit_fail=crit & ~na & (e.earned.astype(float) < e.possible.astype(float)),
    )
    if "critical_scope" in e and "section" in e:
        per_section = (e.critical_scope == "section").to_numpy()
        failed = e.groupby(["evaluation_id", "section"], sort=False).crit_fail.transform("any")
        zero = per_section & failed.to_numpy()
        e["num"] = np.where(zero, 0.0, e["num"])
        e["eval_fail"] = e.crit_fail & ~per_section
    else:
        e["eval_fail"] = e.crit_fail
    return e


def evaluation_scores(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per evaluation, scored.

    Parameters
    ----------
    evaluations : pandas.DataFrame
        One row per answer: ``evaluation_id``, ``agent``, ``earned``, ``possible`` (and optionally
        ``weight``, ``na``, ``critical``, ``section`` and ``critical_scope`` (``evaluation`` or
        ``section``, as :func:`fit_answers` gives them), ``evaluator``, ``evaluated_at``,
        ``contact_id``, ``channel``, ``form_id``, ``form_version``).

    Returns
    -------
    pandas.DataFrame
        ``evaluation_id``, ``agent``, the optional key columns present, ``critical_failed`` (bool:
        any critical item failed, whatever its scope), ``items`` (answers) and ``score`` (0-100
        points; 0 when a critical item with evaluation scope failed; NaN when every item was N/A).
    """
    e = need(
        evaluations, ["evaluation_id", "agent", "earned", "possible"], "evaluations", "qa_score"
    )
    e = _with_scope(e.copy())
    optional = [c for c in _KEYS if c in e.columns]
    g = e.groupby("evaluation_id", sort=False).agg(
        num=("num", "sum"),
        den=("den", "sum"),
        critical_failed=("crit_fail", "any"),
        eval_fail=("eval_fail", "any"),
        items=("num", "size"),
    )
    first = e.drop_duplicates("evaluation_id").set_index("evaluation_id")[["agent", *optional]]
    out = first.join(g).reset_index()
    out["score"] = np.where(out.eval_fail, 0.0, 100 * out.num / out.den.where(out.den > 0))
    return out.drop(columns=["num", "den", "eval_fail"])


def section_scores(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per evaluation and section, scored like the evaluation.

    Parameters
    ----------
    evaluations : pandas.DataFrame
        As for :func:`evaluation_scores`, with ``section``.

    Returns
    -------
    pandas.DataFrame
        ``evaluation_id``, ``agent``, the optional key columns present, ``section``,
        ``critical_failed`` (bool: a critical item of the section failed), ``weight`` (the
        section's possible weighted points, unitless) and ``score`` (0-100 points; 0 when a critical
        item of the section failed and the form's scope is ``section``; NaN for a section with no
        scored answer, e.g. all critical or all N/A).
    """
    e = need(
        evaluations,
        ["evaluation_id", "agent", "section", "earned", "possible"],
        "evaluations",
        "qa_score",
    )
    e = _with_scope(e.copy())
    optional = [c for c in _KEYS if c in e.columns]
    g = (
        e.groupby(["evaluation_id", "section"], sort=False)
        .agg(num=("num", "sum"), den=("den", "sum"), critical_failed=("crit_fail", "any"))
        .reset_index()
    )
    first = e.drop_duplicates("evaluation_id")[["evaluation_id", "agent", *optional]]
    out = first.merge(g, on="evaluation_id", how="right")
    out["weight"] = out.den
    out["score"] = 100 * out.num / out.den.where(out.den > 0)
    return out.drop(columns=["num", "den"])


# ------------------------------------------------------------------ answers against a form

_ANSWER_COLUMNS = ["evaluation_id", "agent", "form_id", "form_version", "question_id", "answer"]


def _form_lookup(forms: Iterable[EvaluationForm]) -> tuple[pd.DataFrame, dict[str, str]]:
    items = [form_items(f).assign(critical_scope=f.critical_scope) for f in forms]
    table = pd.concat(items, ignore_index=True) if items else pd.DataFrame()
    keys: dict[str, str] = {f"{f.id}@{f.version}": str(f.critical_scope) for f in forms}
    return table, keys


def _answer_reasons(a: pd.DataFrame, table: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    """Per answer row: the share earned, and the reason and detail where it does not fit."""
    a = a.assign(
        _key=a.form_id.astype(str)
        + "@"
        + a.form_version.astype("string").str.replace(r"\.0$", "", regex=True)
    )
    spec = table.assign(_key=table.form_id + "@" + table.form_version.astype(str)).drop(
        columns=["form_id", "form_version"]
    )
    m = a.merge(spec, on=["_key", "question_id"], how="left", suffixes=("_data", ""))
    m.index = a.index
    reason = pd.Series(None, index=a.index, dtype=object)
    detail = pd.Series(None, index=a.index, dtype=object)
    share = pd.Series(np.nan, index=a.index)
    unknown_form = ~a["_key"].isin(keys)
    reason[unknown_form] = Reason.UNKNOWN_FORM.value
    detail[unknown_form] = (
        "form " + a["_key"][unknown_form] + f"; the charter has {', '.join(keys) or 'no forms'}"
    )
    off = ~unknown_form & m.kind.isna()
    reason[off] = Reason.NOT_ON_FORM.value
    detail[off] = (
        "question_id " + a.question_id[off].astype(str) + " is not on form " + a["_key"][off]
    )
    checked = ~unknown_form & ~off
    # each distinct (answer, kind, N/A allowed) is read once: a year of answers has a few dozen
    triple = pd.DataFrame(
        {
            "answer": m.answer.astype("string").fillna("\x00"),
            "kind": m.kind,
            "na_allowed": m.na_allowed.astype("boolean").fillna(False),
        }
    )[checked]
    distinct = triple.drop_duplicates().reset_index(drop=True)
    parsed = [
        parse_answer(None if a_ == "\x00" else a_, k, na_allowed=bool(n))
        for a_, k, n in distinct.itertuples(index=False)
    ]
    distinct["_val"] = [np.nan if v is None else v for v, _ in parsed]
    distinct["_why"] = pd.Series([w for _, w in parsed], dtype=object)
    got = triple.merge(distinct, on=["answer", "kind", "na_allowed"], how="left")
    share[checked] = got["_val"].to_numpy()
    why = pd.Series(got["_why"].to_numpy(), index=triple.index, dtype=object)
    unfit = why.notna().reindex(a.index, fill_value=False)
    reason[unfit] = Reason.ANSWER_DOES_NOT_FIT.value
    detail[unfit] = "answer to " + a.question_id[unfit].astype(str) + ": " + why[unfit[checked]]
    dup = reason.isna() & a.duplicated(["evaluation_id", "question_id"], keep=False)
    reason[dup] = Reason.ANSWER_DOES_NOT_FIT.value
    detail[dup] = (
        "question_id " + a.question_id[dup].astype(str) + " is answered twice in the evaluation"
    )
    return m.assign(_reason=reason, _detail=detail, _share=share)


def _wrong_channel(
    m: pd.DataFrame,
    a: pd.DataFrame,
    forms: Sequence[EvaluationForm],
    contacts: pd.DataFrame | None,
) -> None:
    """Flag (in place) answers made on a form that is not used on the contact's channel."""
    if "channel" in a:
        channel = a["channel"]
    elif contacts is not None and "contact_id" in a and "channel" in contacts:
        channel = a.contact_id.map(
            contacts.drop_duplicates("contact_id").set_index("contact_id").channel
        )
    else:
        return
    used = {f"{f.id}@{f.version}": set(f.channels) for f in forms}
    fits = pd.Series(
        [
            k not in used or c is None or c != c or c in used[k]
            for k, c in zip(m["_key"], channel, strict=True)
        ],
        index=m.index,
    )
    wrong = m["_reason"].isna() & ~fits
    m.loc[wrong, "_reason"] = Reason.ANSWER_DOES_NOT_FIT.value
    m.loc[wrong, "_detail"] = (
        "form " + m["_key"][wrong] + " is not used on channel " + channel[wrong].astype(str)
    )


def _incomplete(m: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Evaluations with a row that does not fit, on two forms, or with a question left unanswered:
    all their rows go, each saying why."""
    by_eval = m.groupby("evaluation_id")
    for col, what in (
        ("_key", "forms"),
        ("agent", "agents"),
        ("evaluator", "evaluators"),
        ("contact_id", "contacts"),
    ):
        if col not in m:
            continue
        two = by_eval[col].transform("nunique") > 1
        fresh = m["_reason"].isna() & two
        m.loc[fresh, "_reason"] = Reason.INCONSISTENT_EVALUATION.value
        m.loc[fresh, "_detail"] = (
            "evaluation " + m.evaluation_id[fresh].astype(str) + f" names two {what}"
        )
    expected = table.assign(_key=table.form_id + "@" + table.form_version.astype(str))
    need_n = expected.groupby("_key").size()
    ok = m[m["_reason"].isna()]
    have = ok.groupby("evaluation_id").question_id.nunique()
    want = ok.drop_duplicates("evaluation_id").set_index("evaluation_id")["_key"].map(need_n)
    wanted = want.reindex(have.index).to_numpy(dtype=float)
    short = set(have.index[have.to_numpy(dtype=float) < wanted])
    bad_eval = set(m.evaluation_id[m["_reason"].notna()])
    other = m["_reason"].isna() & m.evaluation_id.isin(bad_eval)
    m.loc[other, "_reason"] = Reason.INCOMPLETE_EVALUATION.value
    m.loc[other, "_detail"] = (
        "another answer of evaluation "
        + m.evaluation_id[other].astype(str)
        + " does not fit the form"
    )
    gap = m["_reason"].isna() & m.evaluation_id.isin(short)
    if gap.any():
        need_q = expected.groupby("_key").question_id.agg(frozenset)
        answered = m[gap].groupby("evaluation_id").question_id.agg(frozenset)
        key_of = m[gap].drop_duplicates("evaluation_id").set_index("evaluation_id")["_key"]
        lacks = {ev: ", ".join(sorted(need_q[key_of[ev]] - q)) for ev, q in answered.items()}
        m.loc[gap, "_reason"] = Reason.INCOMPLETE_EVALUATION.value
        m.loc[gap, "_detail"] = [
            f"evaluation {ev} has no answer to {lacks[ev]}" for ev in m.evaluation_id[gap]
        ]
    return m


def fit_answers(
    answers: pd.DataFrame,
    forms: Sequence[EvaluationForm],
    *,
    contacts: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check exported answers against the charter's forms and turn them into scorable items.

    Every row is either accepted or quarantined with its line and reason; an evaluation is kept
    whole or not at all (one answer that does not fit, a question left unanswered, or rows of one
    evaluation naming two forms, agents, evaluators or contacts quarantine all of its rows, so no
    score is computed from part of an evaluation).

    Parameters
    ----------
    answers : pandas.DataFrame
        One row per answer: ``evaluation_id``, ``agent``, ``form_id``, ``form_version`` (int),
        ``question_id``, ``answer`` (yes/no, kyllä/ei, 1-5, or N/A), optionally ``evaluator``,
        ``evaluated_at``, ``contact_id``, ``channel`` and ``source_line`` (the file's line, from the
        loader; the row's position + 1 otherwise).
    forms : sequence of EvaluationForm
        The charter's forms (``charter.forms``).
    contacts : pandas.DataFrame, optional
        Contacts (``contact_id``, ``channel``): where the answers have no ``channel`` column, the
        evaluated contact's channel comes from here. An evaluation on a form that is not used on
        its contact's channel does not fit.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        ``items``: the accepted rows plus ``section`` (from the form), ``earned`` (share of the
        question earned, 0-1; NaN for N/A), ``possible`` (1), ``weight`` (section x question
        weight), ``na``, ``critical`` (bool), ``kind`` and ``critical_scope``; ready for
        :func:`evaluation_scores`, :func:`section_scores` and ``cx.check``.
        ``quarantine``: ``line``, ``reason`` (a :class:`cxkit.errors.Reason` text), ``detail`` and
        the row's own columns. ``len(items) + len(quarantine) == len(answers)``.

    Raises
    ------
    MissingColumnError
        When a column of the answer contract is missing.
    """
    missing = [c for c in _ANSWER_COLUMNS if c not in answers.columns]
    if missing:
        raise MissingColumnError(
            f"answers need {missing}; an answers export has one row per answer with "
            f"{', '.join(_ANSWER_COLUMNS)} (presets qa_long and qa_wide read such exports)"
        )
    a = answers.reset_index(drop=True)
    line = a["source_line"] if "source_line" in a else pd.Series(a.index + 1, index=a.index)
    table, keys = _form_lookup(forms)
    m = _answer_reasons(a, table, keys)
    _wrong_channel(m, a, forms, contacts)
    m = _incomplete(m, table)
    bad = m["_reason"].notna()
    quarantine = pd.concat(
        [
            pd.DataFrame(
                {
                    "line": line[bad].astype(int),
                    "reason": m["_reason"][bad],
                    "detail": m["_detail"][bad],
                }
            ),
            a[bad],
        ],
        axis=1,
    ).reset_index(drop=True)
    ok = m[~bad]
    items = a[~bad].assign(
        section=ok.section,
        earned=ok["_share"],
        possible=1.0,
        weight=ok.weight,
        na=ok["_share"].isna(),
        critical=ok.critical.astype(bool),
        kind=ok.kind,
        critical_scope=ok.critical_scope,
    )
    return items.reset_index(drop=True), quarantine


# ------------------------------------------------------------------ summaries with intervals


def evaluation_context(
    scores: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    *,
    period: str | None = None,
    teams: dict[str, str] | None = None,
    time_zone: str | None = None,
) -> pd.DataFrame:
    """Scores (or items) with what they are grouped by: channel, contact type, team, period.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`evaluation_scores`, :func:`section_scores` or :func:`fit_answers`: with
        ``contact_id`` to find the contact, ``agent`` and ``evaluated_at``.
    contacts : pandas.DataFrame, optional
        Contacts (``contact_id``, ``channel``, optionally ``queue``): the evaluated contact's channel
        and contact type (its queue). Columns the scores already have are kept.
    period : {"day", "week", "month", "quarter"}, optional
        Adds ``period_start`` and ``period_end`` of ``evaluated_at``.
    teams : dict of str to str, optional
        Agent -> team; adds ``team`` (``None`` for agents not listed).
    time_zone : str, optional
        Where periods are cut; the evaluations' own zone by default.

    Returns
    -------
    pandas.DataFrame
        The rows unchanged plus ``channel`` and ``queue`` (from the contacts, where given),
        ``team`` (where ``teams`` is given), ``period_start``/``period_end`` (where ``period`` is).
    """
    out = scores.copy()
    if contacts is not None and "contact_id" in out:
        c = contacts.drop_duplicates("contact_id").set_index("contact_id")
        for col in ("channel", "queue"):
            if col in c and col not in out:
                out[col] = out.contact_id.map(c[col])
    if teams is not None:
        out["team"] = out.agent.map(teams)
    if period is not None:
        out = add_period(out, period, time_col="evaluated_at", tz=time_zone)
    return out


def qa_summary(
    scores: pd.DataFrame,
    *,
    by: Sequence[str] = ("agent",),
    min_n: int = 5,
    score_col: str = "score",
) -> pd.DataFrame:
    """Mean score per group with n and a 95 % interval that stays on the 0-100 scale.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`evaluation_scores` or :func:`section_scores` (``score`` 0-100 and the ``by``
        columns; ``period_start`` from :func:`cxkit.measure.aggregate.add_period` for periods).
    by : sequence of str
        Grouping columns (agent, team, channel, section, period_start, ...).
    min_n : int
        Below this many scored evaluations a group gets no interval and ``too_few`` is True.
    score_col : str
        The score column.

    Returns
    -------
    pandas.DataFrame
        ``by`` plus ``n`` (scored evaluations), ``score`` (mean, 0-100 points), ``ci_low``,
        ``ci_high`` (Student t 95 % interval clipped to 0-100 points; NaN when too few),
        ``too_few`` (bool: ``n < min_n``).

    Examples
    --------
    >>> s = pd.DataFrame({"agent": ["a", "a"], "score": [0.0, 100.0]})
    >>> r = qa_summary(s, min_n=2).iloc[0]
    >>> float(r.ci_low), float(r.ci_high)  # unclipped: -585 ... 685
    (0.0, 100.0)
    """
    s = scores[scores[score_col].notna()]
    keys = list(by)
    g = (
        s.assign(_sq=s[score_col] ** 2)
        .groupby(keys, sort=True)
        .agg(n=(score_col, "size"), total=(score_col, "sum"), total_sq=("_sq", "sum"))
        .reset_index()
    )
    lo, hi = t_interval(g.total.to_numpy(), g.total_sq.to_numpy(), g.n.to_numpy())
    g["score"] = g.total / g.n
    too_few = g.n < min_n
    g["ci_low"] = np.where(too_few, np.nan, np.clip(lo, 0, 100))
    g["ci_high"] = np.where(too_few, np.nan, np.clip(hi, 0, 100))
    g["too_few"] = too_few
    return g.drop(columns=["total", "total_sq"])


def question_pass_rates(
    items: pd.DataFrame, *, by: Sequence[str] = (), min_n: int = 5
) -> pd.DataFrame:
    """Share of answers that pass, per question (and group), with Wilson intervals.

    Parameters
    ----------
    items : pandas.DataFrame
        Scorable items (:func:`fit_answers`, or a plain export with ``earned`` and ``possible``):
        ``question_id``, ``earned``, ``possible``, the ``by`` columns, optionally ``na``.
    by : sequence of str
        Extra grouping columns (agent, team, channel, period_start).
    min_n : int
        Below this many answers a group gets no interval and ``too_few`` is True.

    Returns
    -------
    pandas.DataFrame
        ``by``, ``question_id``, ``n`` (answers other than N/A), ``passed`` (answers earning at
        least :data:`PASS_SHARE` of the question), ``pass_pct`` (percent 0-100), ``ci_low``,
        ``ci_high`` (Wilson 95 %, percent; NaN when too few), ``too_few`` (bool).
    """
    _, na, _ = _item_flags(items)
    e = items[~na & items.earned.notna()]
    e = e.assign(_pass=(e.earned.astype(float) / e.possible.astype(float)) >= PASS_SHARE - 1e-9)
    keys = [*by, "question_id"]
    g = e.groupby(keys, sort=True).agg(n=("_pass", "size"), passed=("_pass", "sum")).reset_index()
    lo, hi = wilson(g.passed.to_numpy(), g.n.to_numpy())
    too_few = g.n < min_n
    g["pass_pct"] = 100 * g.passed / g.n
    g["ci_low"] = np.where(too_few, np.nan, 100 * lo)
    g["ci_high"] = np.where(too_few, np.nan, 100 * hi)
    g["too_few"] = too_few
    return g


# ------------------------------------------------------------------ coverage, sampling, coaching


def evaluation_coverage(
    scores: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    planned_per_agent_month: float = 4,
    channels: Sequence[str] | None = None,
    time_zone: str | None = None,
) -> pd.DataFrame:
    """Evaluations done per agent and month against the plan, in percent, and who is behind.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per evaluation (:func:`evaluation_scores`): ``agent``, ``evaluated_at``.
    contacts : pandas.DataFrame
        Contacts with ``agent`` and ``arrival``: an agent who handled contacts in a month is planned
        for that month.
    planned_per_agent_month : float
        The plan (the charter's ``planned_per_agent_month``; 4 by default).
    channels : sequence of str, optional
        Only agents who handled contacts on these channels are planned (a form's ``channels``), and
        only evaluations of those contacts count (when ``scores`` has ``channel``); all by default.
    time_zone : str, optional
        Where months are cut; the contacts' own zone by default.

    Returns
    -------
    pandas.DataFrame
        One row per agent and month: ``month`` (``YYYY-MM``), ``agent``, ``contacts`` (handled),
        ``evaluations`` (done), ``planned``, ``coverage_pct`` (done / planned, percent 0-100+),
        ``behind`` (evaluations still missing to reach the plan, >= 0).
    """
    c = contacts[contacts.agent.notna()]
    if channels is not None:
        c = c[c.channel.isin(list(channels))]
        if "channel" in scores:
            scores = scores[scores.channel.isin(list(channels))]
    tz = time_zone or str(c.arrival.dt.tz)
    cm = c.assign(month=c.arrival.dt.tz_convert(tz).dt.strftime("%Y-%m"))
    handled = cm.groupby(["month", "agent"]).size().rename("contacts")
    sm = scores.assign(month=scores.evaluated_at.dt.tz_convert(tz).dt.strftime("%Y-%m"))
    done = sm.groupby(["month", "agent"]).size().rename("evaluations")
    out = pd.concat([handled, done], axis=1).fillna(0).astype(int).reset_index()
    out["planned"] = float(planned_per_agent_month)
    out["coverage_pct"] = 100 * out.evaluations / out.planned
    out["behind"] = np.maximum(out.planned - out.evaluations, 0)
    return out.sort_values(["month", "coverage_pct", "agent"]).reset_index(drop=True)


def _allocate(counts: pd.Series, k: int) -> pd.Series:
    """Largest-remainder allocation of ``k`` draws over strata in proportion to ``counts``."""
    if k <= 0 or counts.sum() == 0:
        return counts * 0
    exact = counts / counts.sum() * k
    base = np.floor(exact).astype(int)
    rest = k - int(base.sum())
    order = (exact - base).sort_values(ascending=False, kind="stable").index[:rest]
    base[order] += 1
    return np.minimum(base, counts)


def sampling_plan(
    contacts: pd.DataFrame,
    *,
    planned_per_agent_month: int = 4,
    random_share: float = 0.25,
    targeted_share: float = 0.25,
    flagged: Iterable[str] = (),
    evaluated: Iterable[str] = (),
    strata: Sequence[str] = ("channel", "queue"),
    seed: int = 0,
) -> pd.DataFrame:
    """Pick next month's contacts to evaluate per agent: random, stratified and targeted, labelled.

    Per agent, ``round(targeted_share x plan)`` come from the ``flagged`` contacts (those the gaming
    diagnostic or customer feedback point to), ``round(random_share x plan)`` are a simple random
    draw, and the rest are stratified over ``strata`` (channel and contact type) in proportion to
    the agent's volume. Targeted evaluations are not a random sample: leave them out of the mean
    (``basis != "targeted"``) when the mean is what you report.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The pool to draw from (``contact_id``, ``agent`` and the ``strata`` columns).
    planned_per_agent_month : int
        Evaluations per agent (4 by default).
    random_share, targeted_share : float
        Shares of the plan drawn at random and from the flagged contacts (0-1 each; the rest is
        stratified). A targeted draw an agent has no flagged contacts for falls to the stratified part.
    flagged : iterable of str
        Contact ids worth a targeted look.
    evaluated : iterable of str
        Contact ids already evaluated: never picked again.
    strata : sequence of str
        The columns that define a stratum.
    seed : int
        Seed of the draw: same pool and seed, same plan.

    Returns
    -------
    pandas.DataFrame
        One row per picked contact: ``agent``, ``contact_id``, the ``strata`` columns, ``basis``
        (``random``, ``stratified`` or ``targeted``).
    """
    if not (
        0 <= random_share <= 1 and 0 <= targeted_share <= 1 and random_share + targeted_share <= 1
    ):
        raise ValueError("random_share and targeted_share are shares 0-1 that add up to at most 1")
    rng = np.random.default_rng(seed)
    flag = set(flagged)
    cols = ["agent", "contact_id", *strata]
    picks: list[pd.DataFrame] = []
    pool = contacts[contacts.agent.notna() & ~contacts.contact_id.isin(set(evaluated))][cols]
    for agent, grp in pool.groupby("agent", sort=True):
        n = min(int(planned_per_agent_month), len(grp))
        hot = grp[grp.contact_id.isin(flag)]
        k_t = min(round(targeted_share * n), len(hot))
        take = [hot.sample(k_t, random_state=rng.integers(1 << 31)).assign(basis="targeted")]
        left = grp.drop(take[0].index)
        k_r = min(round(random_share * n), len(left))
        take.append(left.sample(k_r, random_state=rng.integers(1 << 31)).assign(basis="random"))
        left = left.drop(take[1].index)
        alloc = _allocate(left.groupby(list(strata)).size(), n - k_t - k_r)
        for key, k in alloc[alloc > 0].items():
            key = key if isinstance(key, tuple) else (key,)
            stratum = left[(left[list(strata)] == pd.Series(key, index=list(strata))).all(axis=1)]
            take.append(
                stratum.sample(int(k), random_state=rng.integers(1 << 31)).assign(
                    basis="stratified"
                )
            )
        picks.extend(take)
        del agent
    return pd.concat(picks, ignore_index=True) if picks else pd.DataFrame(columns=[*cols, "basis"])


def coaching_view(sections: pd.DataFrame, *, weakest: int = 2, min_n: int = 3) -> pd.DataFrame:
    """Each agent's weakest sections, with their trend over time: what to coach first.

    Parameters
    ----------
    sections : pandas.DataFrame
        From :func:`section_scores`: ``agent``, ``section``, ``score`` and ``evaluated_at``.
    weakest : int
        How many sections to keep per agent (lowest mean first).
    min_n : int
        Evaluations a section needs before its trend is given.

    Returns
    -------
    pandas.DataFrame
        ``agent``, ``section``, ``n`` (scored evaluations), ``score`` (mean, 0-100 points),
        ``team_score`` (the section's mean over all agents, points), ``gap`` (score - team_score,
        points), ``trend_per_week`` (least-squares slope of the section score over time, points per
        week; NaN below ``min_n`` or when all evaluations fall on one day), ``rank`` (1 = weakest).
    """
    s = sections[sections.score.notna()].copy()
    s["_week"] = (s.evaluated_at - s.evaluated_at.min()).dt.total_seconds() / (7 * 86400)
    team = s.groupby("section").score.mean().rename("team_score")

    def slope(g: pd.DataFrame) -> float:
        if len(g) < min_n or g._week.nunique() < 2:
            return float("nan")
        return float(np.polyfit(g._week, g.score, 1)[0])

    rows = []
    for (agent, section), g in s.groupby(["agent", "section"], sort=True):
        rows.append((agent, section, len(g), g.score.mean(), slope(g)))
    out = pd.DataFrame(rows, columns=["agent", "section", "n", "score", "trend_per_week"])
    out = out.join(team, on="section")
    out["gap"] = out.score - out.team_score
    out["rank"] = out.groupby("agent").score.rank(method="first").astype(int)
    out = out[out["rank"] <= weakest]
    cols = ["agent", "section", "n", "score", "team_score", "gap", "trend_per_week", "rank"]
    return out.sort_values(["agent", "rank"])[cols].reset_index(drop=True)


def _scored(ctx: RowContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = ctx.data.get("evaluations")
    if raw is not None and "answer" in raw and "earned" not in raw:
        raise MissingDataError(
            "the evaluations hold answers, not points: score them on the charter's forms first, "
            "items, rejected = cx.fit_answers(tables['evaluations'].data, charter.forms), and check "
            "with {'evaluations': items, ...}"
        )
    ev = evaluation_scores(raw)  # type: ignore[arg-type]
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
    return ctx.rows(
        base.assign(value=ev.score),
        "weighted form score 0-100, N/A left out; a critical fail sets the evaluation (or its "
        "section, as the form says) to 0",
    )


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
