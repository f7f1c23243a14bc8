"""What moves the customer's score, and whether an internal target hurts it.

:func:`driver_frame` joins every survey response to the contact it followed (wait, handle time,
transfer, repeat contact, resolution, channel, queue, time of day). :func:`drivers` fits a logistic
regression (statsmodels) of an outcome (a detractor, a top-box CSAT) on those factors and reports
each factor's **odds ratio** with its 95 % interval, next to a **risk ratio** from a modified Poisson
regression with robust errors (Zou 2004), so the plain sentence can honestly say "as likely"
(an odds ratio is not a ratio of likelihoods unless the outcome is rare). :func:`target_vs_cx` asks,
for each efficiency or speed target of a charter, how customers scored the contacts that met it
against those that did not, overall and per agent.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxkit.data.tables import as_tables
from cxkit.errors import CxkitError, MissingDataError
from cxkit.i18n import t

__all__ = ["FACTORS", "OUTCOMES", "driver_frame", "drivers"]

#: The binary factors :func:`driver_frame` derives, with the i18n key of their plain wording.
FACTORS = (
    "waited_over_2min",
    "long_handle",
    "short_contact",
    "transferred",
    "repeat_contact",
    "not_resolved",
    "after_16",
)
#: Outcomes :func:`drivers` can model: (survey column, rule, i18n key of the wording).
OUTCOMES: dict[str, tuple[str, Callable[[pd.Series], pd.Series], str]] = {
    "detractor": ("nps", lambda s: s <= 6, "drv_outcome_detractor"),
    "top_box": ("csat", lambda s: s >= 4, "drv_outcome_top_box"),
    "low_csat": ("csat", lambda s: s <= 2, "drv_outcome_low_csat"),
    "high_effort": ("ces", lambda s: s >= 4, "drv_outcome_high_effort"),
}


def _repeat_flags(tables: dict[str, pd.DataFrame], window_days: float) -> pd.Series:
    """Contact id -> whether the same customer had a contact in any channel in the window before."""
    parts = []
    for name, key, time in (
        ("contacts", "contact_id", "arrival"),
        ("tickets", "ticket_id", "created"),
    ):
        df = tables.get(name)
        if df is not None and "customer" in df.columns:
            d = df[df["customer"].notna()]
            if "outcome" in d.columns:  # self-service never reached the service
                d = d[d["outcome"] != "self_service"]
            parts.append(pd.DataFrame({"id": d[key], "customer": d["customer"], "time": d[time]}))
    if not parts:
        return pd.Series(dtype=bool)
    j = pd.concat(parts, ignore_index=True)
    j["time"] = j["time"].dt.tz_convert("UTC")
    j = j.sort_values(["customer", "time"], kind="stable")
    gap = j.groupby("customer", sort=False)["time"].diff()
    flag = (gap <= pd.Timedelta(days=window_days)).to_numpy()
    return pd.Series(flag, index=j["id"].to_numpy())


def driver_frame(
    data: Any,
    *,
    wait_over_s: float = 120,
    handle_over_s: float = 600,
    short_talk_s: float = 10,
    window_days: float = 7,
) -> pd.DataFrame:
    """One row per survey response that follows a contact of the contact log, with its factors.

    Parameters
    ----------
    data : tables
        What :func:`cxkit.as_tables` accepts, with ``surveys`` (``contact_id``) and ``contacts``
        (``arrival, wait_s``; optionally ``talk_s, hold_s, acw_s, transferred, resolved, queue,
        customer``); ``tickets`` join the customer history for repeat contacts.
    wait_over_s : float
        A wait over this many seconds sets ``waited_over_2min``.
    handle_over_s : float
        A handle time (talk + hold + after-contact work) over this many seconds sets ``long_handle``.
    short_talk_s : float
        Talk under this many seconds sets ``short_contact`` (a contact cut short).
    window_days : float
        A contact by the same customer within this many days before makes this one a repeat.

    Returns
    -------
    pandas.DataFrame
        ``response_id``, ``contact_id``, ``channel``, ``queue`` and ``agent`` (when known), the
        scores (``csat``, ``nps``, ``ces`` as present), ``wait_s`` and ``handle_s`` (seconds) and the
        0/1 factors of :data:`FACTORS` the data can give (``after_16``: arrived 16:00 or later,
        local time of the data). ``attrs["unlinked"]`` counts responses with no contact in the
        contact log (ticket surveys, unknown ids), which are left out.
    """
    tables = as_tables(data)
    s = tables.get("surveys")
    c = tables.get("contacts")
    if s is None or c is None or "contact_id" not in s.columns:
        raise MissingDataError(
            "a driver analysis needs surveys with contact_id and the contact log (contacts) they follow"
        )
    c = c.drop_duplicates("contact_id").set_index("contact_id")
    linked = s["contact_id"].isin(c.index)
    s = s[linked]
    con = c.loc[s["contact_id"]]
    out = pd.DataFrame(
        {"response_id": s["response_id"].to_numpy(), "contact_id": s["contact_id"].to_numpy()}
    )
    out["channel"] = con["channel"].to_numpy()
    for col in ("queue", "agent"):
        if col in con.columns:
            out[col] = con[col].to_numpy()
    for col in ("csat", "nps", "ces"):
        if col in s.columns:
            out[col] = s[col].to_numpy(dtype=float)
    out["wait_s"] = con["wait_s"].to_numpy(dtype=float) if "wait_s" in con.columns else np.nan
    parts = [p for p in ("talk_s", "hold_s", "acw_s") if p in con.columns]
    out["handle_s"] = con[parts].sum(axis=1, min_count=1).to_numpy() if parts else np.nan
    out["waited_over_2min"] = (out["wait_s"] > wait_over_s).astype(int)
    if parts:
        out["long_handle"] = (out["handle_s"] > handle_over_s).astype(int)
    if "talk_s" in con.columns:  # cut short: the gaming signal of metrics.md (talk under 10 s)
        out["short_contact"] = (con["talk_s"].to_numpy(dtype=float) < short_talk_s).astype(int)
    if "transferred" in con.columns:
        out["transferred"] = con["transferred"].fillna(False).astype(bool).astype(int).to_numpy()
    rep = _repeat_flags(tables, window_days)
    if len(rep):
        out["repeat_contact"] = out["contact_id"].map(rep).fillna(False).astype(int)
    if "resolved" in con.columns:
        out["not_resolved"] = (~con["resolved"].fillna(False).astype(bool)).astype(int).to_numpy()
    out["after_16"] = (con["arrival"].dt.hour >= 16).astype(int).to_numpy()
    out.attrs["unlinked"] = int((~linked).sum())
    return out


def _design(
    df: pd.DataFrame, factors: Sequence[str], categorical: Sequence[str]
) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """The design matrix (constant, 0/1 factors, dummies vs the largest level) and what was dropped."""
    cols = [f for f in factors if f in df.columns and df[f].nunique() > 1]
    dropped = [f for f in factors if f in df.columns and f not in cols]
    x = df[cols].astype(float)
    refs: dict[str, str] = {}
    for cat in categorical:
        if cat not in df.columns or df[cat].nunique() < 2:
            continue
        ref = str(df[cat].value_counts().idxmax())
        refs[cat] = ref
        for level in sorted(str(v) for v in df[cat].dropna().unique()):
            if level != ref:
                x[f"{cat}={level}"] = (df[cat].astype(str) == level).astype(float)
    x.insert(0, "const", 1.0)
    same = (
        x.T.duplicated()
    )  # a level that repeats another column (queue = channel) says nothing new
    dropped += [c for c in x.columns[same.to_numpy()]]
    return x.loc[:, ~same.to_numpy()], dropped, refs


def _label(term: str, refs: dict[str, str], lang: str) -> str:
    if "=" in term:
        cat, level = term.split("=", 1)
        return t("drv_level", lang).format(what=t(cat, lang).lower(), level=level, ref=refs[cat])
    return t(f"drv_{term}", lang)


def drivers(
    data: Any,
    *,
    outcome: str = "detractor",
    factors: Sequence[str] = FACTORS,
    categorical: Sequence[str] = ("channel",),
    lang: str = "en",
    **frame_options: Any,
) -> pd.DataFrame:
    """Which contact factors move the customer's score: odds ratios (logistic regression) and risk
    ratios (modified Poisson), each with its 95 % interval and a plain sentence.

    Parameters
    ----------
    data : tables or DataFrame
        What :func:`driver_frame` takes, or a frame it returned.
    outcome : str
        A key of :data:`OUTCOMES`: ``detractor`` (NPS 0-6), ``top_box`` (CSAT 4-5), ``low_csat``
        (CSAT 1-2) or ``high_effort`` (CES 4-5 on the 1-5 effort scale).
    factors : sequence of str
        Binary factors to put in the model (of :data:`FACTORS`); a factor that does not vary is
        left out (``attrs["dropped"]`` lists them).
    categorical : sequence of str
        Columns entered as levels against their most common level (``channel``, ``queue``).
    lang : str
        Language of ``factor`` and ``sentence``.
    **frame_options
        Passed to :func:`driver_frame` (``wait_over_s``, ``handle_over_s``, ``short_talk_s``,
        ``window_days``).

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term`` (the factor, or ``channel=chat``), ``factor`` (plain words in
        ``lang``), ``exposed_n`` (responses with the factor), ``exposed_rate_pct`` and
        ``unexposed_rate_pct`` (outcome share with / without it, percent), ``odds_ratio``,
        ``or_ci_low``, ``or_ci_high`` (NaN when everyone with or without the factor had the same
        outcome: separation, no finite estimate), ``risk_ratio``, ``rr_ci_low``, ``rr_ci_high`` (adjusted for
        the other terms, 95 %; NaN when a group has no outcome at all), ``p_value`` (of the
        logistic coefficient; NaN when separated) and ``sentence``.
        ``attrs``: ``n`` (responses in the model), ``events``, ``outcome``, ``dropped``,
        ``unlinked``.
    """
    import statsmodels.api as sm

    df = (
        data
        if isinstance(data, pd.DataFrame) and "response_id" in data.columns
        else driver_frame(data, **frame_options)
    )
    col, rule, outcome_key = OUTCOMES[outcome]
    df = df[df[col].notna()] if col in df.columns else df.iloc[0:0]
    if len(df) < 20:
        raise MissingDataError(
            f"a driver analysis of {outcome} needs at least 20 responses with {col} linked to "
            f"contacts; there are {len(df)}"
        )
    y = rule(df[col]).astype(float)
    x, dropped, refs = _design(df, factors, categorical)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logit = sm.Logit(y, x).fit(disp=0, maxiter=200)
            pois = sm.GLM(y, x, family=sm.families.Poisson()).fit(cov_type="HC0")
    except np.linalg.LinAlgError:
        raise CxkitError(
            f"the driver model of {outcome} cannot be fitted: some factors are combinations of "
            f"others ({', '.join(x.columns[1:])}); leave one out with factors= or categorical="
        ) from None
    with np.errstate(over="ignore"):  # a separated term's bound may overflow; it is blanked below
        or_ci, rr_ci = np.exp(logit.conf_int()), np.exp(pois.conf_int())
    rows = []
    for term in x.columns[1:]:
        exposed = x[term] == 1
        # (quasi-)separation: when everyone with (or without) the factor had the same outcome the
        # logistic coefficient runs off to infinity; its odds ratio is not estimable, say so
        separated = y[exposed].nunique() < 2 or y[~exposed].nunique() < 2
        odds = np.nan if separated else float(np.exp(logit.params[term]))
        olo, ohi = (
            (np.nan, np.nan)
            if separated
            else (float(or_ci.loc[term, 0]), float(or_ci.loc[term, 1]))
        )
        # the Poisson risk ratio runs off to 0 (or infinity) when a group has no outcome at all
        no_rr = y[exposed].sum() == 0 or y[~exposed].sum() == 0
        rr = (
            (np.nan, np.nan, np.nan)
            if no_rr
            else (
                float(np.exp(pois.params[term])),
                float(rr_ci.loc[term, 0]),
                float(rr_ci.loc[term, 1]),
            )
        )
        rows.append(
            {
                "term": term,
                "factor": _label(term, refs, lang),
                "exposed_n": int(exposed.sum()),
                "exposed_rate_pct": 100 * float(y[exposed].mean()),
                "unexposed_rate_pct": 100 * float(y[~exposed].mean()),
                "odds_ratio": odds,
                "or_ci_low": olo,
                "or_ci_high": ohi,
                "risk_ratio": rr[0],
                "rr_ci_low": rr[1],
                "rr_ci_high": rr[2],
                "p_value": np.nan if separated else float(logit.pvalues[term]),
            }
        )
    out = pd.DataFrame(rows)
    out["sentence"] = [_sentence(r, outcome_key, lang) for r in out.itertuples()]
    out.attrs.update(
        n=len(df),
        events=int(y.sum()),
        outcome=outcome,
        dropped=dropped,
        unlinked=df.attrs.get("unlinked", 0),
    )
    return out


def _num(x: float, lang: str) -> str:
    s = f"{x:.2f}" if x < 10 else f"{x:.1f}"
    return s.replace(".", ",") if lang == "fi" else s


def _pct(x: float, lang: str) -> str:
    s = f"{x:.1f}"
    return s.replace(".", ",") if lang == "fi" else s


def _sentence(r: Any, outcome_key: str, lang: str) -> str:
    if not np.isfinite(r.risk_ratio):
        return t("drv_sentence_separated", lang).format(
            who=r.factor,
            pct=_pct(r.exposed_rate_pct, lang),
            base=_pct(r.unexposed_rate_pct, lang),
            n=r.exposed_n,
        )
    covers = r.rr_ci_low <= 1 <= r.rr_ci_high
    if np.isfinite(r.odds_ratio):
        odds = t("drv_odds", lang).format(
            odds=_num(r.odds_ratio, lang), olo=_num(r.or_ci_low, lang), ohi=_num(r.or_ci_high, lang)
        )
    else:
        odds = t("drv_odds_separated", lang).format(n=r.exposed_n)
    return t("drv_sentence_unclear" if covers else "drv_sentence", lang).format(
        who=r.factor,
        ratio=_num(r.risk_ratio, lang),
        outcome=t(outcome_key, lang),
        lo=_num(r.rr_ci_low, lang),
        hi=_num(r.rr_ci_high, lang),
        odds=odds,
    )
