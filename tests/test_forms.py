"""Evaluation forms in the charter: validation with paths, round trips, revisions."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

import cxkit as cx
from cxkit.charter.forms import EvaluationForm, form_items, parse_answer, set_form
from cxkit.errors import CharterError


def _form(**over):
    doc = {
        "id": "f",
        "title": {"en": "F", "fi": "F"},
        "channels": ["phone"],
        "sections": [
            {
                "id": "a",
                "title": {"en": "A", "fi": "A"},
                "weight": 2,
                "questions": [
                    {"id": "q1", "text": {"en": "Q1", "fi": "K1"}, "weight": 3},
                    {"id": "q2", "text": {"en": "Q2", "fi": "K2"}, "kind": "scale_1_5"},
                    {"id": "c1", "text": {"en": "C1", "fi": "V1"}, "critical": True},
                ],
            }
        ],
    }
    doc.update(over)
    return doc


def _charter_doc(forms):
    return {
        "schema_version": 1,
        "name": "qa",
        "channels": {"phone": {"label": {"en": "P", "fi": "P"}, "kind": "sync"}},
        "forms": forms,
    }


def test_example_charter_has_two_bilingual_forms():
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    assert [f.key for f in ch.forms] == ["phone@1", "email-chat@1"]
    assert ch.forms[0].critical_scope == "evaluation" and ch.forms[1].critical_scope == "section"
    assert set(ch.forms[1].channels) == {"email", "chat"}
    items = form_items(ch.forms[0], lang="fi")
    assert items.question.str.len().gt(0).all() and items.critical.sum() == 2
    assert items.weight.tolist()[:6] == [1.0, 2.0, 2.0, 2.0, 3.0, 2.0]


def test_effective_weight_is_section_times_question():
    f = EvaluationForm.model_validate(_form())
    assert form_items(f).weight.tolist() == [6.0, 2.0, 2.0]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            {
                "sections": [
                    {
                        "id": "a",
                        "title": {"en": "A", "fi": "A"},
                        "questions": [{"id": "q", "text": {"en": "Q", "fi": "K"}, "weight": -1}],
                    }
                ]
            },
            "forms[0].sections[0].questions[0].weight",
        ),
        (
            {
                "sections": [
                    {
                        "id": "a",
                        "title": {"en": "A", "fi": "A"},
                        "questions": [{"id": "q", "text": {"en": "Q", "fi": "K"}, "kind": "stars"}],
                    }
                ]
            },
            "forms[0].sections[0].questions[0].kind",
        ),
        (
            {
                "sections": [
                    {
                        "id": "a",
                        "title": {"en": "A", "fi": "A"},
                        "questions": [{"id": "q", "text": {"en": "Q"}}],
                    }
                ]
            },
            "forms[0].sections[0].questions[0].text.fi",
        ),
        (
            {
                "sections": [
                    {
                        "id": "a",
                        "title": {"en": "A", "fi": "A"},
                        "questions": [{"id": "q", "text": {"en": "Q", "fi": "K"}, "colour": 1}],
                    }
                ]
            },
            "forms[0].sections[0].questions[0].colour",
        ),
    ],
)
def test_errors_name_the_path(change, path):
    with pytest.raises(CharterError) as err:
        cx.loads_charter(yaml.safe_dump(_charter_doc([_form(**change)])))
    assert path in str(err.value)


def test_unknown_key_lists_the_question_keys():
    bad = _form()
    bad["sections"][0]["questions"][0]["colour"] = "red"
    with pytest.raises(CharterError, match="allowed keys here: id, text, kind, weight, na_allowed"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([bad])))


def test_cross_references_and_duplicates():
    with pytest.raises(CharterError, match=r"forms\[0\]\.channels\[0\].*no channel 'fax'"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([_form(channels=["fax"])])))
    with pytest.raises(CharterError, match=r"forms\[1\]\.id.*already used"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([_form(), _form()])))
    dup = _form()
    dup["sections"][0]["questions"][1]["id"] = "q1"
    with pytest.raises(CharterError, match="question id 'q1'.*already used"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([dup])))


def test_critical_must_be_yes_no_and_section_scope_needs_scored_items():
    crit = _form()
    crit["sections"][0]["questions"][2]["kind"] = "scale_1_5"
    with pytest.raises(CharterError, match="must be answered yes/no"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([crit])))
    only = _form(critical_scope="section")
    only["sections"].append(
        {
            "id": "b",
            "title": {"en": "B", "fi": "B"},
            "questions": [{"id": "c2", "text": {"en": "C", "fi": "V"}, "critical": True}],
        }
    )
    with pytest.raises(CharterError, match="only critical questions"):
        cx.loads_charter(yaml.safe_dump(_charter_doc([only])))


def test_parse_answer():
    assert parse_answer("Kyllä", "yes_no", na_allowed=False) == (1.0, None)
    assert parse_answer("ei", "yes_no", na_allowed=False) == (0.0, None)
    assert parse_answer(True, "yes_no", na_allowed=False) == (1.0, None)
    assert parse_answer("1", "scale_1_5", na_allowed=False) == (0.0, None)
    assert parse_answer(5, "scale_1_5", na_allowed=False) == (1.0, None)
    assert parse_answer("N/A", "scale_1_5", na_allowed=True) == (None, None)
    assert parse_answer("6", "scale_1_5", na_allowed=False)[1].endswith("(whole numbers 1..5)")
    assert parse_answer("2.5", "scale_1_5", na_allowed=False)[1] is not None
    assert parse_answer("maybe", "yes_no", na_allowed=True)[1] == "'maybe' is not a yes/no answer"
    assert parse_answer(None, "yes_no", na_allowed=True)[1] == "no answer"


def test_set_form_adds_a_revision_and_saves_atomically(tmp_path):
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    phone = ch.forms[0]
    edited = phone.model_copy(deep=True)
    edited.sections[0].questions[0].weight = 2
    with pytest.raises(CharterError, match="raise its version above 1"):
        set_form(ch, edited, who="QA", why="greeting matters more")
    edited.version = 2
    new = set_form(ch, edited, who="QA", why="greeting matters more", date=dt.date(2026, 12, 1))
    assert ch.forms[0].version == 1  # the original is not changed
    assert new.revisions[-1].what == "Form phone edited (version 1 -> 2)."
    p = cx.save_charter(new, tmp_path / "c.yml")
    text = p.read_text(encoding="utf-8")
    assert "# laadunarviointilomakkeet" in text  # the file's comments survive
    back = cx.load_charter(p)
    assert back.forms[0].version == 2 and back.forms[0].sections[0].questions[0].weight == 2
    assert back.forms[1] == ch.forms[1]
    added = set_form(back, EvaluationForm.model_validate(_form(id="new")), who="QA", why="pilot")
    assert [f.id for f in added.forms] == ["phone", "email-chat", "new"]
    assert added.revisions[-1].what == "Form new version 1 added."
    bad = EvaluationForm.model_validate(_form(id="x", channels=["fax"]))
    with pytest.raises(CharterError, match="no channel 'fax'"):
        set_form(back, bad, who="QA", why="typo")


def test_planned_evaluations_reads_the_coverage_target():
    from cxkit.charter.forms import planned_evaluations

    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    assert planned_evaluations(ch, "phone") == 4.0  # the phone-qa-coverage target's option
    assert planned_evaluations(ch, "email") == 4.0  # no plan of its own: the default
    doc = yaml.safe_load(cx.dumps_charter(ch))
    doc["channels"]["phone"]["targets"][-1]["options"]["planned_per_agent_month"] = 6
    assert planned_evaluations(cx.loads_charter(yaml.safe_dump(doc)), "phone") == 6.0
