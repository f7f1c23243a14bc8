"""QA scores against charter forms: hand-computed cases, quarantine, intervals, coverage, plans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cxkit as cx
from cxkit.charter.forms import EvaluationForm
from cxkit.measure.qa import (
    coaching_view,
    evaluation_coverage,
    evaluation_scores,
    fit_answers,
    qa_summary,
    question_pass_rates,
    sampling_plan,
    section_scores,
)

T = pd.Timestamp("2026-03-02 10:00", tz="Europe/Helsinki")


def _form(scope="evaluation"):
    q = lambda i, **k: {"id": i, "text": {"en": i, "fi": i}, **k}  # noqa: E731
    return EvaluationForm.model_validate(
        {
            "id": "f",
            "version": 2,
            "title": {"en": "F", "fi": "F"},
            "channels": ["phone"],
            "critical_scope": scope,
            "sections": [
                {
                    "id": "a",
                    "title": {"en": "A", "fi": "A"},
                    "weight": 2,
                    "questions": [
                        q("q1", weight=3),
                        q("q2", kind="scale_1_5"),
                        q("c1", critical=True),
                    ],
                },
                {
                    "id": "b",
                    "title": {"en": "B", "fi": "B"},
                    "questions": [q("q3", kind="scale_1_5", na_allowed=True), q("q4")],
                },
            ],
        }
    )


def _answers(evals: dict[str, dict[str, str]], version=2) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "evaluation_id": e,
                "agent": "Aino",
                "evaluator": "Tarja",
                "evaluated_at": T,
                "contact_id": f"C{e}",
                "form_id": "f",
                "form_version": version,
                "question_id": q,
                "answer": a,
            }
            for e, ans in evals.items()
            for q, a in ans.items()
        ]
    )


E1 = {"q1": "yes", "q2": "4", "c1": "yes", "q3": "na", "q4": "no"}
E2 = {"q1": "yes", "q2": "4", "c1": "no", "q3": "na", "q4": "yes"}


def test_hand_computed_weights_and_na():
    items, q = fit_answers(_answers({"E1": E1}), [_form()])
    assert q.empty and len(items) == 5
    s = evaluation_scores(items).iloc[0]
    # effective weights 6, 2, (critical), 1 (N/A: out of both sums), 1
    assert s.score == pytest.approx(100 * (6 * 1 + 2 * 0.75 + 1 * 0) / (6 + 2 + 1))  # 83.33
    sec = section_scores(items).set_index("section").score
    assert sec["a"] == pytest.approx(100 * 7.5 / 8) and sec["b"] == 0.0


@pytest.mark.parametrize(
    ("scope", "score", "section_a", "section_b"),
    [("evaluation", 0.0, 93.75, 100.0), ("section", 100 * 1 / 9, 0.0, 100.0)],
)
def test_critical_fail_zeroes_what_the_form_says(scope, score, section_a, section_b):
    items, _ = fit_answers(_answers({"E2": E2}), [_form(scope)])
    s = evaluation_scores(items).iloc[0]
    assert bool(s.critical_failed) and s.score == pytest.approx(score)
    sec = section_scores(items).set_index("section")
    assert sec.score["a"] == pytest.approx(section_a) and sec.score["b"] == pytest.approx(section_b)
    assert bool(sec.critical_failed["a"]) and not bool(sec.critical_failed["b"])


def test_critical_fail_in_check_follows_the_scope():
    items, _ = fit_answers(_answers({"E2": E2}), [_form("section")])
    items = items.assign(channel="phone")
    doc = {
        "schema_version": 1,
        "name": "qa",
        "channels": {
            "phone": {
                "label": {"en": "P", "fi": "P"},
                "kind": "sync",
                "targets": [{"id": "qa", "metric": "qa_score", "threshold": 85, "period": "month"}],
            }
        },
    }
    import yaml

    sc = cx.check(cx.loads_charter(yaml.safe_dump(doc)), {"evaluations": items})
    assert sc.actual.iloc[0] == pytest.approx(100 / 9)


def test_answers_that_do_not_fit_are_quarantined_with_line_and_reason():
    a = _answers({"E1": E1, "E2": E2, "E3": {**E1, "q2": "7"}, "E4": {**E1, "q1": "na"}})
    a = pd.concat([a, _answers({"E5": E1}, version=9), _answers({"E6": {"q1": "yes"}})])
    extra = _answers({"E7": {**E1, "zz": "yes"}})
    a = pd.concat([a, extra], ignore_index=True)
    a["source_line"] = np.arange(len(a)) + 2
    items, q = fit_answers(a, [_form()])
    assert len(items) + len(q) == len(a)  # every row accounted for
    assert set(items.evaluation_id) == {"E1", "E2"}
    why = q.groupby("evaluation_id").reason.agg(set)
    assert "answer does not fit the form" in why["E3"] and "incomplete evaluation" in why["E3"]
    assert "answer does not fit the form" in why["E4"]  # N/A where the form forbids it
    assert why["E5"] == {"unknown form"}
    assert why["E6"] == {"incomplete evaluation"}
    assert "question not on the form" in why["E7"]
    row = q[(q.evaluation_id == "E3") & (q.question_id == "q2")].iloc[0]
    assert row.line == a[(a.evaluation_id == "E3") & (a.question_id == "q2")].source_line.iloc[0]
    assert "outside the 1-5 scale" in row.detail
    assert "no answer to" in q[q.evaluation_id == "E6"].detail.iloc[0]


def test_duplicate_answer_is_quarantined():
    a = _answers({"E1": E1})
    a = pd.concat([a, a.iloc[[0]]], ignore_index=True)
    items, q = fit_answers(a, [_form()])
    assert items.empty and len(q) == 6 and "answered twice" in " ".join(q.detail)


def test_missing_column_says_what_is_needed():
    with pytest.raises(cx.MissingColumnError, match="answer"):
        fit_answers(_answers({"E1": E1}).drop(columns="answer"), [_form()])


def test_intervals_stay_on_the_scale_and_say_too_few():
    s = pd.DataFrame(
        {
            "agent": ["a", "a", "b", "b", "b", "b", "b"],
            "score": [10.0, 100.0, 80.0, 90.0, 100.0, 95.0, 85.0],
        }
    )
    r = qa_summary(s, min_n=5).set_index("agent")
    assert bool(r.too_few["a"]) and np.isnan(r.ci_low["a"])  # n = 2: no interval
    assert r.n["b"] == 5 and r.score["b"] == pytest.approx(90.0)
    lo, hi = cx.t_interval(np.array(450.0), np.array(40750.0), np.array(5))
    assert r.ci_low["b"] == pytest.approx(float(lo)) and r.ci_high["b"] == pytest.approx(
        min(float(hi), 100)
    )
    wide = qa_summary(pd.DataFrame({"agent": "a", "score": [0.0, 100.0, 100.0]}), min_n=2)
    assert wide.ci_low.iloc[0] == 0.0 and wide.ci_high.iloc[0] == 100.0  # clipped, never -172..326


def test_pass_rates_use_wilson():
    items, _ = fit_answers(
        _answers({f"E{i}": E1 if i < 3 else {**E1, "q1": "no"} for i in range(8)}), [_form()]
    )
    r = question_pass_rates(items, min_n=5).set_index("question_id")
    lo, hi = cx.wilson(3, 8)
    assert r.passed["q1"] == 3 and r.pass_pct["q1"] == pytest.approx(37.5)
    assert r.ci_low["q1"] == pytest.approx(100 * lo) and r.ci_high["q1"] == pytest.approx(100 * hi)
    assert "q3" not in r.index  # answered N/A every time: no pass rate to give
    assert r.pass_pct["q2"] == 100.0  # 4 on the 1-5 scale passes


def test_coverage_in_percent_and_who_is_behind():
    contacts = pd.DataFrame(
        {"contact_id": list("abcd"), "agent": ["Aino", "Aino", "Eero", None], "arrival": T}
    )
    scores = pd.DataFrame({"agent": ["Aino"] * 3, "evaluated_at": T})
    cov = evaluation_coverage(scores, contacts, planned_per_agent_month=4).set_index("agent")
    assert cov.coverage_pct["Aino"] == 75.0 and cov.behind["Aino"] == 1
    assert cov.coverage_pct["Eero"] == 0.0 and cov.behind["Eero"] == 4


def test_sample_phone_qa_is_judged_and_coverage_is_percent():
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    tables = cx.load_tables([cx.sample_dir()])
    sc = cx.check(ch, tables)
    qa = sc[sc.target_id == "phone-qa"]
    assert len(qa) and (qa.status != "no_data").all()
    assert 0 <= qa.ci_low.iloc[0] <= qa.actual.iloc[0] <= qa.ci_high.iloc[0] <= 100
    items, q = fit_answers(tables["evaluations"].data, ch.forms, contacts=tables["contacts"].data)
    assert q.empty and len(items) == len(tables["evaluations"].data)  # every form on its channel
    # the answers scored on the form give the same scores as the export's own points
    a = evaluation_scores(items).set_index("evaluation_id").score
    b = (
        evaluation_scores(tables["evaluations"].data.drop(columns="form_id"))
        .set_index("evaluation_id")
        .score
    )
    assert np.allclose(a, b.loc[a.index], equal_nan=True)
    cov = evaluation_coverage(evaluation_scores(items), tables["contacts"].data)
    assert cov.coverage_pct.max() <= 100 and cov.coverage_pct.max() > 1  # percent, not a share


def test_sampling_plan_labels_each_pick():
    c = pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(40)],
            "agent": ["a", "b"] * 20,
            "channel": ["phone"] * 30 + ["chat"] * 10,
            "queue": "q",
        }
    )
    plan = sampling_plan(
        c,
        planned_per_agent_month=8,
        random_share=0.25,
        targeted_share=0.25,
        flagged=["c0", "c2", "c4"],
        seed=1,
    )
    per = plan.groupby(["agent", "basis"]).size()
    assert per["a", "targeted"] == 2 and per["a", "random"] == 2 and per["a", "stratified"] == 4
    assert "targeted" not in per["b"]  # nothing flagged for b: all random or stratified
    assert (plan.groupby("agent").size() == 8).all() and plan.contact_id.is_unique
    assert plan.equals(
        sampling_plan(c, planned_per_agent_month=8, flagged=["c0", "c2", "c4"], seed=1)
    )
    with pytest.raises(ValueError, match="add up"):
        sampling_plan(c, random_share=0.8, targeted_share=0.5)
    again = sampling_plan(c, planned_per_agent_month=8, evaluated=plan.contact_id, seed=1)
    assert not set(again.contact_id) & set(plan.contact_id)


def test_coaching_view_ranks_weakest_sections_with_trend():
    days = pd.to_timedelta([0, 7, 14, 21], unit="D")
    rows = [
        {"agent": "a", "section": "x", "score": s, "evaluated_at": T + d}
        for s, d in zip([40.0, 50.0, 60.0, 70.0], days, strict=True)
    ]
    rows += [{"agent": "a", "section": "y", "score": 90.0, "evaluated_at": T + d} for d in days]
    rows += [{"agent": "b", "section": "x", "score": 100.0, "evaluated_at": T + d} for d in days]
    v = coaching_view(pd.DataFrame(rows), weakest=1)
    a = v[v.agent == "a"].iloc[0]
    assert a.section == "x" and a["rank"] == 1 and a.trend_per_week == pytest.approx(10.0)
    assert a.team_score == pytest.approx(77.5) and a.gap == pytest.approx(55.0 - 77.5)


def test_an_evaluation_on_two_forms_is_refused_whole():
    a = _answers({"E1": E1})
    a.loc[a.question_id == "q4", "form_version"] = 1
    form1 = _form().model_copy(update={"version": 1})
    items, q = fit_answers(a, [_form(), form1])
    assert items.empty and len(q) == 5
    assert set(q.detail) == {"evaluation E1 names two forms"}
    assert set(q.reason) == {"inconsistent evaluation"}


def test_an_evaluation_naming_two_agents_is_refused_whole():
    a = _answers({"E1": E1, "E2": E2})
    a.loc[(a.evaluation_id == "E1") & (a.question_id == "q2"), "agent"] = "Eero"
    items, q = fit_answers(a, [_form()])
    assert set(items.evaluation_id) == {"E2"} and len(q) == 5
    assert "evaluation E1 names two agents" in set(q.detail)


def test_scores_by_channel_team_and_period():
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    tables = cx.load_tables([cx.sample_dir()])
    items, _ = fit_answers(tables["evaluations"].data, ch.forms)
    scores = cx.evaluation_context(
        evaluation_scores(items),
        tables["contacts"].data,
        period="week",
        teams={"Aino": "A", "Ville": "B"},
    )
    assert set(scores.channel) == {"phone", "chat"} and "queue" in scores
    by_channel = qa_summary(scores, by=["channel"]).set_index("channel")
    assert by_channel.n.sum() == len(scores)
    # the mean is recomputed from the evaluations, never averaged from weekly means
    weekly = qa_summary(scores, by=["channel", "period_start"])
    assert weekly.n.sum() == len(scores)
    phone = scores[scores.channel == "phone"].score
    assert by_channel.score["phone"] == pytest.approx(phone.mean())
    team = qa_summary(scores.dropna(subset=["team"]), by=["team"], min_n=1)
    assert set(team.team) == {"A", "B"}
    rates = question_pass_rates(
        cx.evaluation_context(items, tables["contacts"].data), by=["channel"]
    )
    assert set(rates.channel) == {"phone", "chat"}


def test_check_on_raw_answers_says_to_fit_them_first():
    import yaml

    doc = {
        "schema_version": 1,
        "name": "qa",
        "channels": {
            "phone": {
                "label": {"en": "P", "fi": "P"},
                "kind": "sync",
                "targets": [{"id": "qa", "metric": "qa_score", "threshold": 85, "period": "month"}],
            }
        },
    }
    a = _answers({"E1": E1}).assign(channel="phone")
    with pytest.raises(cx.MissingDataError, match="fit_answers"):
        cx.check(cx.loads_charter(yaml.safe_dump(doc)), {"evaluations": a}, strict=True)


def test_a_form_used_on_the_wrong_channel_does_not_fit():
    a = _answers({"E1": E1, "E2": E2})
    contacts = pd.DataFrame({"contact_id": ["CE1", "CE2"], "channel": ["phone", "email"]})
    items, q = fit_answers(a, [_form()], contacts=contacts)
    assert set(items.evaluation_id) == {"E1"}
    assert "form f@2 is not used on channel email" in set(q.detail)
    items, q = fit_answers(a.assign(channel="chat"), [_form()])
    assert items.empty and len(q) == 10


def test_coverage_of_one_channel():
    contacts = pd.DataFrame(
        {
            "contact_id": list("abc"),
            "agent": ["Aino", "Eero", "Eero"],
            "channel": ["phone", "chat", "phone"],
            "arrival": T,
        }
    )
    scores = pd.DataFrame(
        {"agent": ["Aino", "Eero"], "channel": ["phone", "chat"], "evaluated_at": T}
    )
    cov = evaluation_coverage(scores, contacts, channels=["chat"]).set_index("agent")
    assert list(cov.index) == ["Eero"] and cov.coverage_pct["Eero"] == 25.0
    cov = evaluation_coverage(scores, contacts, channels=["phone"]).set_index("agent")
    assert cov.evaluations.to_dict() == {"Aino": 1, "Eero": 0}


def test_agent_means_in_the_engine_stay_on_the_scale():
    tables = cx.load_tables([cx.sample_dir()])
    r = cx.metric(tables, "qa_score", by=("agent",))
    judged = r[r.n >= 2]  # one evaluation has no interval at all
    assert (judged.ci_low >= 0).all() and (judged.ci_high <= 100).all()  # n = 2 gave -172 ... 326
    assert r[r.n < 2].ci_low.isna().all()
    ville = r.set_index("agent").loc["Ville"]
    assert ville.n == 2 and ville.ci_low == 0.0 and ville.ci_high == 100.0
