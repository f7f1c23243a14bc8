"""Altair charts for quality monitoring: scores by agent, coverage, evaluator bias, agreement.

Every chart draws a small pre-aggregated frame from :mod:`cxkit.measure.qa` or
:mod:`cxkit.measure.calibration`, has a title, axis units and the target (or plan) drawn.

>>> import pandas as pd
>>> s = pd.DataFrame({"agent": ["Aino"], "n": [6], "score": [84.0], "ci_low": [75.0],
...                   "ci_high": [93.0], "too_few": [False]})
>>> qa_scores_chart(s, target=85).to_dict()["title"]
'Quality score by agent (target 85)'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.i18n import t

__all__ = [
    "agreement_chart",
    "coaching_chart",
    "coverage_chart",
    "evaluator_bias_chart",
    "qa_scores_chart",
]


def _rule(value: float, axis: str = "y") -> alt.Chart:
    enc = {axis: alt.Y("v:Q") if axis == "y" else alt.X("v:Q")}
    return (
        alt.Chart(pd.DataFrame({"v": [value]}))
        .mark_rule(color="black", strokeDash=[5, 3])
        .encode(**enc)
    )


def qa_scores_chart(
    summary: pd.DataFrame, *, target: float | None = None, lang: str = "en"
) -> alt.LayerChart:
    """Mean quality score per agent with its 95 % interval, faded where there are too few evaluations.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`cxkit.measure.qa.qa_summary` by ``agent``: ``agent``, ``n``, ``score``,
        ``ci_low``, ``ci_high`` (points 0-100), ``too_few`` (bool).
    target : float, optional
        The QA target (points), drawn as a dashed rule.
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.LayerChart
        Interval bars, mean points and the target rule.
    """
    f = summary[["agent", "n", "score", "ci_low", "ci_high", "too_few"]].assign(
        evidence=lambda d: d.too_few.map({True: t("qa_too_few", lang), False: t("qa_enough", lang)})
    )
    x = alt.X("agent:N", title=t("qa_agent", lang), sort=alt.EncodingSortField("score"))
    y_scale = alt.Scale(domain=[0, 100])
    bars = (
        alt.Chart(f)
        .mark_rule()
        .encode(
            x=x, y=alt.Y("ci_low:Q", title=t("qa_score_axis", lang), scale=y_scale), y2="ci_high:Q"
        )
    )
    pts = (
        alt.Chart(f)
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=alt.Y("score:Q", scale=y_scale),
            opacity=alt.Opacity(
                "evidence:N", title=t("qa_evaluations", lang), scale=alt.Scale(range=[1.0, 0.35])
            ),
            tooltip=["agent", "n", alt.Tooltip("score:Q", format=".1f"), "ci_low", "ci_high"],
        )
    )
    layers: list[alt.Chart] = [bars, pts]
    title = t("qa_scores_title", lang)
    if target is not None:
        layers.append(_rule(target))
        title = f"{title} ({t('qa_target', lang)} {target:g})"
    chart = alt.LayerChart(layer=layers)
    return chart.properties(title=title, width=560, height=260)


def coverage_chart(coverage: pd.DataFrame, *, lang: str = "en") -> alt.LayerChart:
    """Coverage per agent in percent of the plan, with the plan (100 %) drawn.

    Parameters
    ----------
    coverage : pandas.DataFrame
        From :func:`cxkit.measure.qa.evaluation_coverage`: ``agent``, ``month``, ``evaluations``,
        ``planned``, ``coverage_pct`` (percent).
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.LayerChart
        Bars of coverage per agent and the 100 % plan rule.
    """
    f = coverage[["agent", "month", "evaluations", "planned", "coverage_pct"]]
    bars = (
        alt.Chart(f)
        .mark_bar()
        .encode(
            x=alt.X(
                "agent:N", title=t("qa_agent", lang), sort=alt.EncodingSortField("coverage_pct")
            ),
            y=alt.Y(
                "coverage_pct:Q",
                title=t("qa_coverage_axis", lang),
                scale=alt.Scale(domain=[0, 120]),
            ),
            color=alt.Color("month:N", title=t("month", lang)),
            tooltip=[
                "agent",
                "month",
                "evaluations",
                "planned",
                alt.Tooltip("coverage_pct:Q", format=".0f"),
            ],
        )
    )
    title = f"{t('qa_coverage_title', lang)} ({t('qa_plan', lang)} = 100 %)"
    chart = alt.LayerChart(layer=[bars, _rule(100.0)])
    return chart.properties(title=title, width=560, height=240)


def evaluator_bias_chart(
    bias: pd.DataFrame, *, within: float = 5.0, lang: str = "en"
) -> alt.LayerChart:
    """Each evaluator's mean deviation from the reference, with the +-``within`` band shaded.

    Parameters
    ----------
    bias : pandas.DataFrame
        From :func:`cxkit.measure.calibration.evaluator_bias`: ``evaluator``, ``mean_diff``
        (points), ``within_pct`` (percent), ``contacts``.
    within : float
        The agreement band in points (the target: every evaluator inside it).
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.LayerChart
        The band, a zero rule and a bar per evaluator.
    """
    f = bias[["evaluator", "mean_diff", "within_pct", "contacts"]]
    band = (
        alt.Chart(pd.DataFrame({"lo": [-within], "hi": [within]}))
        .mark_rect(opacity=0.15)
        .encode(x="lo:Q", x2="hi:Q")
    )
    bars = (
        alt.Chart(f)
        .mark_bar()
        .encode(
            y=alt.Y("evaluator:N", title=t("qa_evaluator", lang)),
            x=alt.X("mean_diff:Q", title=t("qa_bias_axis", lang)),
            tooltip=[
                "evaluator",
                "contacts",
                alt.Tooltip("mean_diff:Q", format=".1f"),
                "within_pct",
            ],
        )
    )
    title = f"{t('qa_bias_title', lang)} (±{within:g} {t('unit_points', lang)})"
    chart = alt.LayerChart(layer=[band, _rule(0.0, "x"), bars])
    return chart.properties(title=title, width=480, height=160)


def agreement_chart(
    questions: pd.DataFrame, *, ok: float = 0.8, lang: str = "en"
) -> alt.LayerChart:
    """Krippendorff's alpha per question, lowest first, with the reliability line drawn.

    Parameters
    ----------
    questions : pandas.DataFrame
        From :func:`cxkit.measure.calibration.question_agreement`: ``question_id``, ``alpha``,
        ``agree_pct`` (percent), ``level``.
    ok : float
        The alpha taken as reliable (0.8), drawn as a rule.
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.LayerChart
        A bar per question and the rule at ``ok``.
    """
    f = questions[["question_id", "alpha", "agree_pct", "level"]]
    bars = (
        alt.Chart(f)
        .mark_bar()
        .encode(
            y=alt.Y(
                "question_id:N", title=t("qa_question", lang), sort=alt.EncodingSortField("alpha")
            ),
            x=alt.X("alpha:Q", title=t("qa_alpha_axis", lang), scale=alt.Scale(domain=[-0.2, 1])),
            color=alt.Color("level:N"),
            tooltip=["question_id", "level", alt.Tooltip("alpha:Q", format=".2f"), "agree_pct"],
        )
    )
    title = f"{t('qa_alpha_title', lang)} ({t('qa_reliable_from', lang)} {ok:g})"
    chart = alt.LayerChart(layer=[bars, _rule(ok, "x")])
    return chart.properties(title=title, width=480, height=240)


def coaching_chart(sections: pd.DataFrame, *, lang: str = "en") -> alt.Chart:
    """Mean section score per agent as a heat map: where each agent is weakest shows at a glance.

    Parameters
    ----------
    sections : pandas.DataFrame
        From :func:`cxkit.measure.qa.qa_summary` of section scores by ``agent`` and ``section``:
        ``agent``, ``section``, ``n``, ``score`` (mean, points 0-100), ``too_few``.
    lang : {"en", "fi"}
        Language of the title and axes.

    Returns
    -------
    altair.Chart
        One cell per agent and section, coloured by the mean score on the 0-100 scale (cells with too
        few evaluations are faded).
    """
    f = sections[["agent", "section", "n", "score", "too_few"]]
    return (
        alt.Chart(f)
        .mark_rect()
        .encode(
            x=alt.X("section:N", title=t("qa_section", lang)),
            y=alt.Y("agent:N", title=t("qa_agent", lang)),
            color=alt.Color(
                "score:Q",
                title=t("qa_score_axis", lang),
                scale=alt.Scale(domain=[0, 100], scheme="redyellowgreen"),
            ),
            opacity=alt.condition("datum.too_few", alt.value(0.4), alt.value(1.0)),
            tooltip=["agent", "section", "n", alt.Tooltip("score:Q", format=".0f")],
        )
        .properties(title=t("qa_coaching_title", lang), width=360, height=420)
    )
