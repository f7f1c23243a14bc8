"""The review: a lint of the charter itself, before anyone is measured by it.

Each finding has a ``code``, a ``level`` (``info``, ``warning``, ``error``), the ``subject`` (a
target or channel path) and a ``message`` a manager understands.

Each rule is a function declared once with :func:`rule`, which registers it in :data:`RULES` under
its code, name and level; :func:`review` runs the registry, and :data:`CODES` and
:func:`rules_frame` are read from it. The rules, with what each catches in its docstring:

>>> print(rules_frame()[["code", "name", "level"]].to_string(index=False))
 code                     name   level
CX001         no-counterweight   error
CX002   channel-without-target warning
CX003     metric-kind-mismatch   error
CX004        slower-than-chase warning
CX005        duplicate-measure   error
CX006            contradiction   error
CX007           implied-target    info
CX008           no-sample-plan warning
CX009         sample-too-small warning
CX010      goal-without-target warning
CX011      target-without-goal    info
CX012         gameable-variant warning
CX013            percent-scale warning
CX014              no-calendar   error
CX015      infeasible-staffing   error
CX016 answered-is-not-resolved warning

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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

from cxkit.catalog import COUNTERWEIGHT_FAMILIES, get_metric
from cxkit.charter.model import Channel, Charter, Target
from cxkit.i18n import Text
from cxkit.i18n import t as t_
from cxkit.i18n import text as _text

__all__ = [
    "CODES",
    "LEVELS",
    "RULES",
    "Check",
    "Finding",
    "Hit",
    "Level",
    "Rule",
    "findings_frame",
    "has_errors",
    "review",
    "rule",
    "rules_frame",
]

Level = Literal["info", "warning", "error"]
LEVELS: tuple[Level, ...] = ("info", "warning", "error")

#: What a rule's check yields for each problem: the subject path and the message.
Hit = tuple[str, str]
#: A rule's check: ``(channel_id, channel)`` in, one :data:`Hit` per problem out.
Check = Callable[[str, Channel], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One review rule, as registered by :func:`rule`.

    Parameters
    ----------
    code : str
        The finding code, ``CX001`` ... .
    name : str
        The short name, e.g. ``no-counterweight``.
    level : {"info", "warning", "error"}
        The level of every finding the rule makes.
    check : callable
        ``check(channel_id, channel)`` yields ``(subject, message)`` pairs, one per problem.
    """

    code: str
    name: str
    level: Level
    check: Check

    @property
    def catches(self) -> str:
        """What the rule catches: the first paragraph of its check's docstring, on one line."""
        doc = (self.check.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(doc.split())

    def run(self, channel_id: str, channel: Channel) -> list[Finding]:
        """Run the rule on one channel.

        Parameters
        ----------
        channel_id : str
            The channel's id in the charter.
        channel : Channel
            The channel to review.

        Returns
        -------
        list of Finding
            One finding per problem, in the order the check found them.
        """
        return [
            Finding(self.code, self.level, subject, message)
            for subject, message in self.check(channel_id, channel)
        ]


#: The registry: every review rule by code, filled by :func:`rule`.
RULES: dict[str, Rule] = {}


def rule(code: str, name: str, level: Level) -> Callable[[Check], Check]:
    """Register a review rule: decorate its check function.

    Parameters
    ----------
    code : str
        A new finding code (``CX016``); registering a code twice raises ``ValueError``.
    name : str
        The rule's short name (``no-counterweight``).
    level : {"info", "warning", "error"}
        The level of the rule's findings.

    Returns
    -------
    callable
        A decorator that registers the check in :data:`RULES` and returns it unchanged. The
        check's docstring says what the rule catches (:func:`rules_frame` shows it).

    Examples
    --------
    >>> @rule("CX999", "demo", "info")
    ... def _demo(cid, ch):
    ...     '''Every channel, for the example.'''
    ...     yield f"channels.{cid}", "a demo finding"
    >>> RULES["CX999"].catches
    'Every channel, for the example.'
    >>> del RULES["CX999"]
    """
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"review rule {code} is already registered ({RULES[code].name})")
        RULES[code] = Rule(code, name, level, check)
        return check

    return register


class _CodeNames(Mapping[str, str]):
    """A read-only view of :data:`RULES`: code -> name, in code order."""

    def __getitem__(self, code: str) -> str:
        return RULES[code].name

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(RULES))

    def __len__(self) -> int:
        return len(RULES)

    def __repr__(self) -> str:
        return repr(dict(self))


#: Finding code -> short name, read from :data:`RULES` (``CODES["CX001"] == "no-counterweight"``).
CODES: Mapping[str, str] = _CodeNames()


@dataclass(frozen=True)
class Finding:
    """One review finding.

    Parameters
    ----------
    code : str
        The rule's code, e.g. ``CX001``.
    level : {"info", "warning", "error"}
        How serious it is.
    subject : str
        The path of what it is about: ``channels.phone`` or ``channels.phone.targets[aht]``.
    message : str
        What is wrong and what to do, in words a manager understands.
    """

    code: str
    level: Level
    subject: str
    message: str

    @property
    def name(self) -> str:
        """The finding's short name, e.g. ``no-counterweight``."""
        return CODES[self.code]

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``en`` or ``fi``).

        Parameters
        ----------
        lang : str
            ``en`` or ``fi``.

        Returns
        -------
        str
            :attr:`message` rendered in ``lang`` (English for a message that is plain text).
        """
        return self.message.render(lang) if isinstance(self.message, Text) else self.message

    def as_dict(self) -> dict[str, str]:
        """The finding as a plain dict.

        Returns
        -------
        dict
            Keys ``code``, ``level``, ``subject``, ``message``.
        """
        return asdict(self)


def _kind_word(kind: str) -> dict[str, str]:
    return {"en": kind, "fi": t_(f"{kind}_short", "fi")}


def _subject(cid: str, t: Target | None = None) -> str:
    return f"channels.{cid}" if t is None else f"channels.{cid}.targets[{t.id}]"


# ---------------------------------------------------------------- the rules, in code order


@rule("CX001", "no-counterweight", "error")
def _counterweights(cid: str, ch: Channel) -> Iterator[Hit]:
    """An efficiency or speed target an agent can win by serving customers worse, with no
    resolution, quality or customer-experience target beside it."""
    present = {t.metric for t in ch.targets}
    for t in ch.targets:
        m = get_metric(t.metric)
        if not m.agent_gameable:
            continue
        weights = [
            w for w in present if get_metric(w).family in COUNTERWEIGHT_FAMILIES and w != t.metric
        ]
        if weights:
            continue
        suggested = [c for c in m.counterweights if get_metric(c).family in COUNTERWEIGHT_FAMILIES]
        how = _text("lint_how_sync" if ch.kind == "sync" else "lint_how_async")
        yield (
            _subject(cid, t),
            _text(
                "lint_cx001",
                target=t.describe,
                channel=ch.label,
                how=how,
                suggested=", ".join(suggested[:3]),
            ),
        )


@rule("CX002", "channel-without-target", "warning")
def _no_targets(cid: str, ch: Channel) -> Iterator[Hit]:
    """A channel nobody measures."""
    if not ch.targets:
        yield (
            _subject(cid),
            _text("lint_cx002", channel=ch.label),
        )


#: The metric to suggest instead of one that does not fit the channel kind.
_KIND_ALTERNATIVE = {
    "service_level": "response_service_level (within_h)",
    "asa": "first_response_time",
    "first_response_time": "asa",
    "response_service_level": "service_level (within_s)",
    "abandon_rate": "backlog_age",
    "answer_rate": "social_response_rate",
}


@rule("CX003", "metric-kind-mismatch", "error")
def _kind_mismatch(cid: str, ch: Channel) -> Iterator[Hit]:
    """A metric that does not fit the channel kind (service level in seconds on email)."""
    for t in ch.targets:
        m = get_metric(t.metric)
        if ch.kind in m.kinds:
            continue
        alt = _KIND_ALTERNATIVE.get(m.id) or _text("lint_a_metric_for", kind=_kind_word(ch.kind))
        yield (
            _subject(cid, t),
            _text(
                "lint_cx003",
                metric=m.name,
                kinds=lambda lang, m=m: t_("and_word", lang).join(
                    _kind_word(k)[lang] for k in m.kinds
                ),
                channel=ch.label,
                kind=_kind_word(ch.kind),
                alt=alt,
            ),
        )


def _response_limit_h(t: Target) -> float | None:
    """The response time an async target allows, in hours, or None for other targets."""
    if t.metric == "response_service_level" and t.within_seconds is not None:
        return t.within_seconds / 3600
    if t.metric == "first_response_time":
        return t.threshold
    return None


@rule("CX004", "slower-than-chase", "warning")
def _chase(cid: str, ch: Channel) -> Iterator[Hit]:
    """An async response target slower than customers wait before they chase by phone."""
    chase_h = ch.chase_hours()
    if ch.kind != "async" or chase_h is None:
        return
    for t in ch.targets:
        limit_h = _response_limit_h(t)
        if limit_h is None or limit_h <= chase_h:
            continue
        biz = t.option("business_hours")
        note = _text("lint_business_hours_note") if biz else ""
        yield (
            _subject(cid, t),
            _text(
                "lint_cx004",
                target=t.describe,
                limit=f"{limit_h:g}",
                note=note,
                channel=ch.label,
                chase=f"{chase_h:g}",
            ),
        )


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


def _same_measure(ch: Channel) -> list[list[Target]]:
    """The channel's targets grouped by measure (metric, segment, period, time limit, options)."""
    groups: dict[tuple[object, ...], list[Target]] = defaultdict(list)
    for t in ch.targets:
        groups[_measure_key(t)].append(t)
    return list(groups.values())


@rule("CX005", "duplicate-measure", "error")
def _duplicates(cid: str, ch: Channel) -> Iterator[Hit]:
    """The same measure with two different thresholds."""
    for ts in _same_measure(ch):
        same_dir: dict[str, list[Target]] = defaultdict(list)
        for t in ts:
            same_dir[t.direction].append(t)
        for group in same_dir.values():
            if len({t.threshold for t in group}) > 1:
                yield (
                    _subject(cid, group[1]),
                    _text(
                        "lint_cx005",
                        ids=lambda lang, g=group: t_("and_word", lang).join(x.id for x in g),
                        thresholds=", ".join(f"{x.threshold:g}" for x in group),
                    ),
                )


def _sl_pairs(ch: Channel) -> Iterator[tuple[Target, Target]]:
    """Pairs ``(a, b)`` of comparable service-level targets where ``a`` has the shorter limit.

    Service level is non-decreasing in the time limit T: whatever is answered within T is answered
    within any longer T.
    """
    sls = [t for t in ch.targets if t.metric in ("service_level", "response_service_level")]
    for a in sls:
        for b in sls:
            if a is b or a.metric != b.metric or a.period != b.period or a.segment != b.segment:
                continue
            if a.variant != b.variant or a.within_seconds is None or b.within_seconds is None:
                continue
            if a.within_seconds < b.within_seconds:
                yield a, b


def _sl_answer_pairs(ch: Channel) -> Iterator[tuple[Target, Target]]:
    """Pairs ``(sl, ar)`` of an offered service level and an answer rate over the same contacts.

    The service level of offered contacts is never above the answer rate.
    """
    answer = [t for t in ch.targets if t.metric == "answer_rate"]
    for sl in (t for t in ch.targets if t.metric == "service_level" and t.variant == "offered"):
        for ar in answer:
            if ar.period == sl.period and ar.segment == sl.segment:
                yield sl, ar


def _two_sided_contradictions(cid: str, ch: Channel) -> Iterator[Hit]:
    for ts in _same_measure(ch):
        lows = [t for t in ts if t.direction == "higher"]
        highs = [t for t in ts if t.direction == "lower"]
        for lo in lows:
            for hi in highs:
                if lo.threshold > hi.threshold:
                    yield (
                        _subject(cid, hi),
                        _text(
                            "lint_cx006_two_sided",
                            lo=lo.id,
                            lo_t=f"{lo.threshold:g}",
                            hi=hi.id,
                            hi_t=f"{hi.threshold:g}",
                        ),
                    )


def _sl_pair_params(a: Target, b: Target) -> dict[str, str]:
    """The two service-level targets' ids, thresholds and time limits, as CX006/CX007 messages name them."""
    return {
        "a": a.id,
        "a_t": f"{a.threshold:g}",
        "a_w": f"{a.within_seconds:g}",
        "b": b.id,
        "b_t": f"{b.threshold:g}",
        "b_w": f"{b.within_seconds:g}",
    }


def _sl_contradictions(cid: str, ch: Channel) -> Iterator[Hit]:
    for a, b in _sl_pairs(ch):
        if a.direction == "higher" and b.direction == "lower" and a.threshold > b.threshold:
            yield (
                _subject(cid, b),
                _text("lint_cx006_sl", **_sl_pair_params(a, b)),
            )
    for sl, ar in _sl_answer_pairs(ch):
        if ar.direction == "lower" and sl.direction == "higher" and sl.threshold > ar.threshold:
            yield (
                _subject(cid, ar),
                _text(
                    "lint_cx006_answer",
                    sl=sl.id,
                    sl_t=f"{sl.threshold:g}",
                    sl_w=f"{sl.within_seconds:g}",
                    ar=ar.id,
                    ar_t=f"{ar.threshold:g}",
                ),
            )


def _over_100_percent(cid: str, ch: Channel) -> Iterator[Hit]:
    answer = [t for t in ch.targets if t.metric == "answer_rate"]
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
                yield (
                    _subject(cid, ab),
                    _text(
                        "lint_cx006_100",
                        ar=ar.id,
                        ab=ab.id,
                        ar_t=f"{ar.threshold:g}",
                        ab_t=f"{ab.threshold:g}",
                    ),
                )


@rule("CX006", "contradiction", "error")
def _contradictions(cid: str, ch: Channel) -> Iterator[Hit]:
    """Thresholds that cannot all hold at once: at least and at most the same measure, service
    levels against each other or the answer rate, answered plus abandoned above 100 %."""
    yield from _two_sided_contradictions(cid, ch)
    yield from _sl_contradictions(cid, ch)
    yield from _over_100_percent(cid, ch)


@rule("CX007", "implied-target", "info")
def _implied(cid: str, ch: Channel) -> Iterator[Hit]:
    """A target already implied by a stricter one."""
    for a, b in _sl_pairs(ch):
        if a.direction == b.direction == "higher" and a.threshold >= b.threshold:
            yield (
                _subject(cid, b),
                _text("lint_cx007_sl", **_sl_pair_params(a, b)),
            )
    for sl, ar in _sl_answer_pairs(ch):
        if ar.direction == sl.direction == "higher" and sl.threshold >= ar.threshold:
            yield (
                _subject(cid, ar),
                _text("lint_cx007_answer", ar=ar.id, ar_t=f"{ar.threshold:g}", sl=sl.id),
            )


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


def _sampled(m_family: str) -> Text:
    return _text("lint_evaluations" if m_family == "quality" else "lint_responses")


@rule("CX008", "no-sample-plan", "warning")
def _no_sample_plan(cid: str, ch: Channel) -> Iterator[Hit]:
    """A survey or QA target without ``min_n``."""
    for t in ch.targets:
        m = get_metric(t.metric)
        if not m.sample_based or t.min_n is not None:
            continue
        yield (
            _subject(cid, t),
            _text(
                "lint_cx008",
                target=t.describe,
                n=4 if t.metric in ("qa_score", "critical_fail_rate") else 200,
                sampled=_sampled(m.family),
            ),
        )


@rule("CX009", "sample-too-small", "warning")
def _sample_too_small(cid: str, ch: Channel) -> Iterator[Hit]:
    """The planned sample's margin of error is wider than the near band: status would flip on
    noise."""
    for t in ch.targets:
        m = get_metric(t.metric)
        if not m.sample_based or t.min_n is None:
            continue
        margin = _margin_95(t, t.min_n)
        band = None if t.amber is None else abs(t.threshold - t.amber)
        if margin is not None and band is not None and margin > band:
            yield (
                _subject(cid, t),
                _text(
                    "lint_cx009",
                    n=t.min_n,
                    sampled=_sampled(m.family),
                    metric=m.name,
                    margin=f"{margin:.1f}",
                    band=f"{band:g}",
                ),
            )


@rule("CX010", "goal-without-target", "warning")
def _goal_without_target(cid: str, ch: Channel) -> Iterator[Hit]:
    """A goal nothing measures."""
    for i, g in enumerate(ch.goals):
        if not g.targets:
            yield (
                f"channels.{cid}.goals[{i}]",
                _text("lint_cx010", goal=g.text),
            )


@rule("CX011", "target-without-goal", "info")
def _target_without_goal(cid: str, ch: Channel) -> Iterator[Hit]:
    """A target no goal explains."""
    linked = {tid for g in ch.goals for tid in g.targets}
    for t in ch.targets:
        if t.id not in linked:
            yield (
                _subject(cid, t),
                _text("lint_cx011", id=t.id, channel=ch.label),
            )


def _ignores_long_abandons(t: Target) -> bool:
    """Short abandons are ignored, and "short" reaches beyond 20 s."""
    return (
        t.metric in ("service_level", "abandon_rate")
        and t.option("short_abandon_s") > 20
        and (
            t.variant in ("ignore_short_abandons", "exclude_short")
            or t.metric == "abandon_rate"
            and t.option("variant") == "exclude_short"
        )
    )


@rule("CX012", "gameable-variant", "warning")
def _gameable_variants(cid: str, ch: Channel) -> Iterator[Hit]:
    """A definition option that rewards the wrong behaviour (the service level of answered calls
    only, long abandons ignored, flow-outs left out)."""
    for t in ch.targets:
        if t.metric == "service_level" and t.variant == "answered":
            yield (
                _subject(cid, t),
                _text("lint_cx012_answered", id=t.id),
            )
        if _ignores_long_abandons(t):
            yield (
                _subject(cid, t),
                _text("lint_cx012_short", id=t.id, s=f"{t.option('short_abandon_s'):g}"),
            )
        if t.metric == "service_level" and t.option("include_flowouts") is False:
            yield (
                _subject(cid, t),
                _text("lint_cx012_flowouts", id=t.id),
            )


@rule("CX013", "percent-scale", "warning")
def _percent_scale(cid: str, ch: Channel) -> Iterator[Hit]:
    """A rate threshold that looks like a share (0.8, not 80)."""
    for t in ch.targets:
        if (
            get_metric(t.metric).unit == "%"
            and 0 < t.threshold <= 1
            and t.metric not in ("abandon_rate",)
        ):
            yield (
                _subject(cid, t),
                _text(
                    "lint_cx013",
                    id=t.id,
                    threshold=f"{t.threshold:g}",
                    meant=f"{t.threshold * 100:g}",
                ),
            )


@rule("CX014", "no-calendar", "error")
def _no_calendar(cid: str, ch: Channel) -> Iterator[Hit]:
    """A business-hours target on a channel without a calendar."""
    for t in ch.targets:
        m = get_metric(t.metric)
        if "business_hours" in m.options and t.option("business_hours") and ch.calendar is None:
            yield (
                _subject(cid, t),
                _text("lint_cx014", id=t.id, channel=ch.label),
            )


@rule("CX015", "infeasible-staffing", "error")
def _infeasible_staffing(cid: str, ch: Channel) -> Iterator[Hit]:
    """The planned agents cannot meet a service-level target under Erlang C (needs the channel's
    forecast with planned agents)."""
    fc = ch.forecast
    if fc is None or fc.agents is None or ch.kind != "sync":
        return
    from cxkit.plan.staffing import erlang_c, required_agents

    arrivals_per_s = fc.contacts_per_interval / (fc.interval_min * 60)
    load = _text(
        "lint_load",
        agents=fc.agents,
        contacts=f"{fc.contacts_per_interval:g}",
        minutes=fc.interval_min,
        aht=f"{fc.aht_s:g}",
    )
    for t in ch.targets:
        if t.metric == "service_level" and t.within_seconds is not None and t.direction == "higher":
            res = erlang_c(
                arrivals_per_s=arrivals_per_s,
                aht_s=fc.aht_s,
                agents=fc.agents,
                threshold_s=t.within_seconds,
            )
            value = 100 * float(res["service_level"])
            if value >= t.threshold:
                continue
            need = required_agents(
                arrivals_per_s=arrivals_per_s,
                aht_s=fc.aht_s,
                service_level=t.threshold / 100,
                threshold_s=t.within_seconds,
            )
            got = _text("lint_got_sl", value=f"{value:.1f}", threshold=f"{t.threshold:g}")
        elif t.metric == "asa" and t.direction == "lower":
            res = erlang_c(
                arrivals_per_s=arrivals_per_s, aht_s=fc.aht_s, agents=fc.agents, threshold_s=0
            )
            value = float(res["asa_s"])
            if value <= t.threshold:
                continue
            need = required_agents(arrivals_per_s=arrivals_per_s, aht_s=fc.aht_s, asa_s=t.threshold)
            got = _text("lint_got_asa", value=f"{value:.1f}", threshold=f"{t.threshold:g}")
        else:
            continue
        yield (
            _subject(cid, t),
            _text(
                "lint_cx015",
                load=load,
                got=got,
                need=need,
                scheduled=math.ceil(need / (1 - fc.shrinkage)),
                shrinkage=f"{fc.shrinkage:.0%}",
            ),
        )


#: Targets that only show the contact was answered (or answered fast), not that it was resolved.
_ANSWERED_ONLY = ("service_level", "asa", "response_service_level", "first_response_time")
_RESOLVED_OR_FELT = frozenset({"resolution", "customer_experience"})


@rule("CX016", "answered-is-not-resolved", "warning")
def _answered_only(cid: str, ch: Channel) -> Iterator[Hit]:
    """A service level or speed-of-answer target with no resolution or customer-experience target on
    the channel: 80/20 only shows that the call was answered, not that the customer was helped."""
    if any(get_metric(t.metric).family in _RESOLVED_OR_FELT for t in ch.targets):
        return
    for t in ch.targets:
        if t.metric in _ANSWERED_ONLY:
            yield (
                _subject(cid, t),
                _text("lint_cx016", target=t.describe, channel=ch.label),
            )


# ---------------------------------------------------------------- running the review


def review(charter: Charter) -> list[Finding]:
    """Review a charter: run every registered rule on every channel.

    Parameters
    ----------
    charter : Charter
        The charter to review (already validated).

    Returns
    -------
    list of Finding
        Errors first, then warnings, then infos; within a level by code, then subject (a rule's
        findings on one subject keep the order the rule found them in). Empty for a clean charter.
    """
    findings: list[Finding] = []
    for cid, ch in charter.channels.items():
        for code in sorted(RULES):
            findings += RULES[code].run(cid, ch)
    order = {lvl: i for i, lvl in enumerate(reversed(LEVELS))}
    return sorted(findings, key=lambda f: (order[f.level], f.code, f.subject))


def rules_frame() -> pd.DataFrame:
    """The registered review rules, one row per rule in code order.

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``code`` (str): the finding code, ``CX001`` ...
        - ``name`` (str): the short name, e.g. ``no-counterweight``
        - ``level`` (str): ``error``, ``warning`` or ``info``
        - ``catches`` (str): what the rule catches, in a sentence
    """
    return pd.DataFrame(
        [
            {"code": r.code, "name": r.name, "level": r.level, "catches": r.catches}
            for r in (RULES[code] for code in sorted(RULES))
        ],
        columns=["code", "name", "level", "catches"],
    )


def findings_frame(findings: list[Finding], *, lang: str = "en") -> pd.DataFrame:
    """Findings as a tidy table, one row per finding in the given order.

    Parameters
    ----------
    findings : list of Finding
        Usually the result of :func:`review`.
    lang : str
        Language of the ``message`` column, ``en`` (default) or ``fi``; the other columns are
        codes and stay as they are.

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``code`` (str): the finding code, e.g. ``CX001``
        - ``name`` (str): the rule's short name, e.g. ``no-counterweight``
        - ``level`` (str): ``error``, ``warning`` or ``info``
        - ``subject`` (str): the channel or target path, e.g. ``channels.phone.targets[aht]``
        - ``message`` (str): what is wrong and what to do
    """
    return pd.DataFrame(
        [
            {
                "code": f.code,
                "name": f.name,
                "level": f.level,
                "subject": f.subject,
                "message": f.text(lang),
            }
            for f in findings
        ],
        columns=["code", "name", "level", "subject", "message"],
    )


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error.

    Parameters
    ----------
    findings : list of Finding
        Usually the result of :func:`review`.

    Returns
    -------
    bool
        True when at least one finding has level ``error``.
    """
    return any(f.level == "error" for f in findings)
