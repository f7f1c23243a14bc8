"""The review: a lint of the charter itself, before anyone is measured by it.

Each finding has a ``code``, a ``level`` (``info``, ``warning``, ``error``), the ``subject`` (a
target or channel path) and a ``message`` a manager understands.

Finding codes:

========  ======================  =======  =====================================================
code      name                    level    what it catches
========  ======================  =======  =====================================================
CX001     no-counterweight        error    an efficiency or speed target an agent can win by
                                           serving customers worse, with no resolution, quality
                                           or customer-experience target beside it
CX002     channel-without-target  warning  a channel nobody measures
CX003     metric-kind-mismatch    error    a metric that does not fit the channel kind
                                           (service level in seconds on email)
CX004     slower-than-chase       warning  an async response target slower than customers wait
                                           before they chase by phone
CX005     duplicate-measure       error    the same measure with two different thresholds
CX006     contradiction           error    thresholds that cannot all hold at once
CX007     implied-target          info     a target already implied by a stricter one
CX008     no-sample-plan          warning  a survey or QA target without ``min_n``
CX009     sample-too-small        warning  the planned sample's margin of error is wider than
                                           the near band: status would flip on noise
CX010     goal-without-target     warning  a goal nothing measures
CX011     target-without-goal     info     a target no goal explains
CX012     gameable-variant        warning  a definition option that rewards the wrong behaviour
CX013     percent-scale           warning  a rate threshold that looks like a share (0.8, not 80)
CX014     no-calendar             error    a business-hours target on a channel without a
                                           calendar
CX015     infeasible-staffing     error    the planned agents cannot meet a service-level or
                                           ASA target under Erlang C
========  ======================  =======  =====================================================

>>> from cxkit.charter.model import Charter
>>> only_aht = Charter.model_validate({"name": "x", "channels": {"phone": {
...     "label": {"en": "Phone", "fi": "Puhelin"}, "kind": "sync",
...     "targets": [{"id": "aht", "metric": "aht", "threshold": 300}]}}})
>>> [(f.code, f.level) for f in review(only_aht)]
[('CX001', 'error'), ('CX011', 'info')]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

from cxkit.catalog import COUNTERWEIGHT_FAMILIES, get_metric
from cxkit.charter.model import Channel, Charter, Target

Level = Literal["info", "warning", "error"]
LEVELS: tuple[Level, ...] = ("info", "warning", "error")

CODES: dict[str, str] = {
    "CX001": "no-counterweight",
    "CX002": "channel-without-target",
    "CX003": "metric-kind-mismatch",
    "CX004": "slower-than-chase",
    "CX005": "duplicate-measure",
    "CX006": "contradiction",
    "CX007": "implied-target",
    "CX008": "no-sample-plan",
    "CX009": "sample-too-small",
    "CX010": "goal-without-target",
    "CX011": "target-without-goal",
    "CX012": "gameable-variant",
    "CX013": "percent-scale",
    "CX014": "no-calendar",
    "CX015": "infeasible-staffing",
}


@dataclass(frozen=True)
class Finding:
    """One review finding."""

    code: str
    level: Level
    subject: str
    message: str

    @property
    def name(self) -> str:
        """The finding's short name, e.g. ``no-counterweight``."""
        return CODES[self.code]

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _subject(cid: str, t: Target | None = None) -> str:
    return f"channels.{cid}" if t is None else f"channels.{cid}.targets[{t.id}]"


def _measure_key(t: Target) -> tuple[object, ...]:
    opts = tuple(sorted((k, str(v)) for k, v in t.options.items()))
    return (
        t.metric,
        tuple(sorted(t.segment.items())),
        t.period,
        t.interval_min,
        t.within_seconds,
        opts,
    )


def _counterweights(cid: str, ch: Channel, charter: Charter) -> list[Finding]:
    out = []
    present = {t.metric for t in ch.targets}
    for t in ch.targets:
        m = get_metric(t.metric)
        if not m.agent_gameable:
            continue
        weights = [
            w for w in present if get_metric(w).family in COUNTERWEIGHT_FAMILIES and w != t.metric
        ]
        if not weights:
            suggested = [
                c for c in m.counterweights if get_metric(c).family in COUNTERWEIGHT_FAMILIES
            ]
            how = (
                "rushes or hangs up on customers"
                if ch.kind == "sync"
                else "sends a quick reply that does not solve anything"
            )
            out.append(
                Finding(
                    "CX001",
                    "error",
                    _subject(cid, t),
                    f"{t.describe()} on {ch.label.en} has no counterweight: an agent who {how} wins it. Add a resolution, quality or customer-experience target on "
                    f"the same channel, e.g. {', '.join(suggested[:3])}.",
                )
            )
    return out


def _kind_mismatch(cid: str, ch: Channel) -> list[Finding]:
    out = []
    for t in ch.targets:
        m = get_metric(t.metric)
        if ch.kind not in m.kinds:
            alt = {
                "service_level": "response_service_level (within_h)",
                "asa": "first_response_time",
                "first_response_time": "asa",
                "response_service_level": "service_level (within_s)",
                "abandon_rate": "backlog_age",
                "answer_rate": "social_response_rate",
            }.get(m.id, "a metric for " + ch.kind + " channels")
            out.append(
                Finding(
                    "CX003",
                    "error",
                    _subject(cid, t),
                    f"{m.name_en} is a metric for {' and '.join(m.kinds)} channels, but {ch.label.en} is "
                    f"{ch.kind}: its contacts do not queue in real time. Use {alt} instead.",
                )
            )
    return out


def _chase(cid: str, ch: Channel) -> list[Finding]:
    chase_h = ch.chase_hours()
    if ch.kind != "async" or chase_h is None:
        return []
    out = []
    for t in ch.targets:
        limit_h: float | None = None
        if t.metric == "response_service_level" and t.within_seconds is not None:
            limit_h = t.within_seconds / 3600
        elif t.metric == "first_response_time":
            limit_h = t.threshold
        if limit_h is None or limit_h <= chase_h:
            continue
        biz = t.option("business_hours")
        note = " (business hours: longer still in calendar time)" if biz else ""
        out.append(
            Finding(
                "CX004",
                "warning",
                _subject(cid, t),
                f"{t.describe()} allows {limit_h:g} h{note}, but customers of {ch.label.en} typically chase "
                f"by phone after {chase_h:g} h: the slow reply turns into a second contact. Tighten the "
                f"target or track chase_rate beside it.",
            )
        )
    return out


def _duplicates_and_contradictions(cid: str, ch: Channel) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[object, ...], list[Target]] = defaultdict(list)
    for t in ch.targets:
        groups[_measure_key(t)].append(t)
    for ts in groups.values():
        same_dir: dict[str, list[Target]] = defaultdict(list)
        for t in ts:
            same_dir[t.direction].append(t)
        for group in same_dir.values():
            if len({t.threshold for t in group}) > 1:
                out.append(
                    Finding(
                        "CX005",
                        "error",
                        _subject(cid, group[1]),
                        f"{' and '.join(t.id for t in group)} measure the same thing with different thresholds "
                        f"({', '.join(f'{t.threshold:g}' for t in group)}): nobody will know which one counts.",
                    )
                )
        lows = [t for t in ts if t.direction == "higher"]
        highs = [t for t in ts if t.direction == "lower"]
        for lo in lows:
            for hi in highs:
                if lo.threshold > hi.threshold:
                    out.append(
                        Finding(
                            "CX006",
                            "error",
                            _subject(cid, hi),
                            f"{lo.id} asks for at least {lo.threshold:g} and {hi.id} for at most "
                            f"{hi.threshold:g} of the same measure: both cannot hold.",
                        )
                    )
    # service level is non-decreasing in T, and never above the answer rate (offered variant)
    sls = [t for t in ch.targets if t.metric in ("service_level", "response_service_level")]
    for a in sls:
        for b in sls:
            if a is b or a.metric != b.metric or a.period != b.period or a.segment != b.segment:
                continue
            if a.variant != b.variant or a.within_seconds is None or b.within_seconds is None:
                continue
            if a.within_seconds < b.within_seconds:
                if a.direction == "higher" and b.direction == "lower" and a.threshold > b.threshold:
                    out.append(
                        Finding(
                            "CX006",
                            "error",
                            _subject(cid, b),
                            f"{a.id} needs {a.threshold:g} % within {a.within_seconds:g} s, so at least as many are "
                            f"within the longer {b.within_seconds:g} s, but {b.id} caps that at {b.threshold:g} %.",
                        )
                    )
                if a.direction == b.direction == "higher" and a.threshold >= b.threshold:
                    out.append(
                        Finding(
                            "CX007",
                            "info",
                            _subject(cid, b),
                            f"{b.id} ({b.threshold:g} % within {b.within_seconds:g} s) always holds when {a.id} "
                            f"({a.threshold:g} % within {a.within_seconds:g} s) does: it adds nothing.",
                        )
                    )
    answer = [t for t in ch.targets if t.metric == "answer_rate"]
    for sl in (t for t in ch.targets if t.metric == "service_level" and t.variant == "offered"):
        for ar in answer:
            if ar.period != sl.period or ar.segment != sl.segment:
                continue
            if ar.direction == "lower" and sl.direction == "higher" and sl.threshold > ar.threshold:
                out.append(
                    Finding(
                        "CX006",
                        "error",
                        _subject(cid, ar),
                        f"{sl.id} needs {sl.threshold:g} % of offered contacts answered within "
                        f"{sl.within_seconds:g} s, more than the {ar.threshold:g} % answer rate {ar.id} allows.",
                    )
                )
            if ar.direction == sl.direction == "higher" and sl.threshold >= ar.threshold:
                out.append(
                    Finding(
                        "CX007",
                        "info",
                        _subject(cid, ar),
                        f"{ar.id} (answer rate >= {ar.threshold:g} %) always holds when {sl.id} does: the "
                        f"service level of offered contacts is never above the answer rate.",
                    )
                )
    for ab in (
        t for t in ch.targets if t.metric == "abandon_rate" and t.option("variant") == "of_offered"
    ):
        for ar in answer:
            if (
                ar.period == ab.period
                and ar.segment == ab.segment
                and ar.direction == "higher"
                and ab.direction == "higher"
                and ar.threshold + ab.threshold > 100
            ):
                out.append(
                    Finding(
                        "CX006",
                        "error",
                        _subject(cid, ab),
                        f"{ar.id} and {ab.id} ask for more than 100 % of offered contacts "
                        f"({ar.threshold:g} % answered plus {ab.threshold:g} % abandoned).",
                    )
                )
    return out


def _margin_95(t: Target, n: int) -> float | None:
    """Half-width (in the target's unit) of a 95 % interval at sample size ``n``, worst case."""
    z = 1.959964
    if t.metric == "nps":
        return 100 * z * math.sqrt(1.0 / n)  # worst case p + d = 1, p = d
    if t.metric in ("csat", "critical_fail_rate", "fcr"):
        if t.metric == "csat" and t.option("statistic") == "mean":
            return None
        p = min(max(t.threshold / 100, 0.0), 1.0)
        return 100 * z * math.sqrt(p * (1 - p) / n)
    if t.metric == "qa_score":
        return z * 10.0 / math.sqrt(n)  # typical within-agent SD of QA scores: 10 points
    return None


def _samples(cid: str, ch: Channel) -> list[Finding]:
    out = []
    for t in ch.targets:
        m = get_metric(t.metric)
        if not m.sample_based:
            continue
        if t.min_n is None:
            out.append(
                Finding(
                    "CX008",
                    "warning",
                    _subject(cid, t),
                    f"{t.describe()} is judged on a sample but has no sample-size plan: add min_n "
                    f"(e.g. {4 if t.metric in ('qa_score', 'critical_fail_rate') else 200}) so that a month "
                    f"with a handful of {'evaluations' if m.family == 'quality' else 'responses'} is not "
                    f"called met or missed.",
                )
            )
            continue
        margin = _margin_95(t, t.min_n)
        band = None if t.amber is None else abs(t.threshold - t.amber)
        if margin is not None and band is not None and margin > band:
            out.append(
                Finding(
                    "CX009",
                    "warning",
                    _subject(cid, t),
                    f"with {t.min_n} {'evaluations' if m.family == 'quality' else 'responses'} the 95 % margin of "
                    f"{m.name_en} is about ±{margin:.1f}, wider than the {band:g}-point near band: the status "
                    f"will flip on chance alone. Plan a larger sample or a longer period.",
                )
            )
    return out


def _goals(cid: str, ch: Channel) -> list[Finding]:
    out = []
    linked = {tid for g in ch.goals for tid in g.targets}
    for i, g in enumerate(ch.goals):
        if not g.targets:
            out.append(
                Finding(
                    "CX010",
                    "warning",
                    f"channels.{cid}.goals[{i}]",
                    f'the goal "{g.text}" has no target: link the targets that show whether it is reached.',
                )
            )
    for t in ch.targets:
        if t.id not in linked:
            out.append(
                Finding(
                    "CX011",
                    "info",
                    _subject(cid, t),
                    f"{t.id} is not linked to any goal of {ch.label.en}: say which goal it measures, "
                    f"or ask whether it is needed.",
                )
            )
    return out


def _variants(cid: str, ch: Channel) -> list[Finding]:
    out = []
    for t in ch.targets:
        if t.metric == "service_level" and t.variant == "answered":
            out.append(
                Finding(
                    "CX012",
                    "warning",
                    _subject(cid, t),
                    f"{t.id} uses the 'answered' service level: callers who give up vanish from it, so the "
                    f"figure improves as service gets worse. Use 'offered' or pair it with abandon_rate.",
                )
            )
        if (
            t.metric in ("service_level", "abandon_rate")
            and t.option("short_abandon_s") > 20
            and (
                t.variant in ("ignore_short_abandons", "exclude_short")
                or t.metric == "abandon_rate"
                and t.option("variant") == "exclude_short"
            )
        ):
            out.append(
                Finding(
                    "CX012",
                    "warning",
                    _subject(cid, t),
                    f"{t.id} ignores abandons up to {t.option('short_abandon_s'):g} s; beyond about 20 s these "
                    f"are real customers who gave up, not misdials.",
                )
            )
        if t.metric == "service_level" and t.option("include_flowouts") is False:
            out.append(
                Finding(
                    "CX012",
                    "warning",
                    _subject(cid, t),
                    f"{t.id} leaves flow-outs (callbacks, voicemail, overflow) out of the count: routing callers "
                    f"away then raises the service level.",
                )
            )
    return out


def _scale(cid: str, ch: Channel) -> list[Finding]:
    out = []
    for t in ch.targets:
        if (
            get_metric(t.metric).unit == "%"
            and 0 < t.threshold <= 1
            and t.metric not in ("abandon_rate",)
        ):
            out.append(
                Finding(
                    "CX013",
                    "warning",
                    _subject(cid, t),
                    f"{t.id} has threshold {t.threshold:g} %; rates are written in percent, so 80 % is 80, "
                    f"not 0.8. Did you mean {t.threshold * 100:g}?",
                )
            )
    return out


def _calendar(cid: str, ch: Channel) -> list[Finding]:
    out = []
    for t in ch.targets:
        m = get_metric(t.metric)
        if "business_hours" in m.options and t.option("business_hours") and ch.calendar is None:
            out.append(
                Finding(
                    "CX014",
                    "error",
                    _subject(cid, t),
                    f"{t.id} counts business hours, but {ch.label.en} has no calendar: add calendar: <id> to the "
                    f"channel or set options.business_hours: false.",
                )
            )
    return out


def _feasibility(cid: str, ch: Channel) -> list[Finding]:
    fc = ch.forecast
    if fc is None or fc.agents is None or ch.kind != "sync":
        return []
    from cxkit.plan.staffing import erlang_c, required_agents

    out = []
    arrivals_per_s = fc.contacts_per_interval / (fc.interval_min * 60)
    for t in ch.targets:
        if t.metric == "service_level" and t.within_seconds is not None and t.direction == "higher":
            res = erlang_c(
                arrivals_per_s=arrivals_per_s,
                aht_s=fc.aht_s,
                agents=fc.agents,
                threshold_s=t.within_seconds,
            )
            value = 100 * float(res["service_level"])
            if value < t.threshold:
                need = required_agents(
                    arrivals_per_s=arrivals_per_s,
                    aht_s=fc.aht_s,
                    service_level=t.threshold / 100,
                    threshold_s=t.within_seconds,
                )
                out.append(
                    Finding(
                        "CX015",
                        "error",
                        _subject(cid, t),
                        f"with {fc.agents} agents on {fc.contacts_per_interval:g} contacts per {fc.interval_min} min "
                        f"(AHT {fc.aht_s:g} s) Erlang C gives a service level of {value:.1f} %, below "
                        f"{t.threshold:g} %: the target needs {need} agents on the phones "
                        f"({math.ceil(need / (1 - fc.shrinkage))} scheduled at {fc.shrinkage:.0%} shrinkage).",
                    )
                )
    return out


def review(charter: Charter) -> list[Finding]:
    """Review a charter and return its findings, errors first.

    Every channel is checked for counterweights (CX001), kind fit (CX003), async targets slower than
    customers chase (CX004), duplicates and contradictions (CX005-CX007), sample plans (CX008-CX009),
    goal links (CX010-CX011), gameable variants (CX012), percent scale (CX013), calendars (CX014) and
    staffing feasibility when a forecast with planned agents is given (CX015).
    """
    findings: list[Finding] = []
    for cid, ch in charter.channels.items():
        if not ch.targets:
            findings.append(
                Finding(
                    "CX002",
                    "warning",
                    _subject(cid),
                    f"{ch.label.en} has no target: nobody will notice when its customers wait. Add at least "
                    f"one accessibility or speed target and one counterweight.",
                )
            )
        for rule in (_counterweights,):
            findings += rule(cid, ch, charter)
        for rule2 in (
            _kind_mismatch,
            _chase,
            _duplicates_and_contradictions,
            _samples,
            _goals,
            _variants,
            _scale,
            _calendar,
            _feasibility,
        ):
            findings += rule2(cid, ch)
    order = {lvl: i for i, lvl in enumerate(reversed(LEVELS))}
    return sorted(findings, key=lambda f: (order[f.level], f.code, f.subject))


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame with columns ``code, name, level, subject, message``."""
    return pd.DataFrame(
        [
            {
                "code": f.code,
                "name": f.name,
                "level": f.level,
                "subject": f.subject,
                "message": f.message,
            }
            for f in findings
        ],
        columns=["code", "name", "level", "subject", "message"],
    )


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.level == "error" for f in findings)
