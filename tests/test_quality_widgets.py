"""The form editor, driven as a workshop would: set .value, .click(), read the live preview."""

from __future__ import annotations

import pytest

import cxkit as cx
from cxkit.ui.quality_widgets import FormEditor


def _build(scope="evaluation"):
    ed = FormEditor(form_id="pilot", channels=["phone"], lang="fi")
    ed.scope.value = scope
    ed.section_title.value = "Opening"
    ed.add_section.click()
    ed.question_text.value = "Greets"
    ed.weight.value = 3
    ed.add_question.click()
    ed.question_text.value = "Explains next steps"
    ed.weight.value = 1
    ed.kind.value = "scale_1_5"
    ed.na_allowed.value = True
    ed.add_question.click()
    ed.question_text.value = "Data protection"
    ed.critical.value = True
    ed.add_question.click()
    ed.section_title.value = "Closing"
    ed.add_section.click()
    ed.critical.value = False
    ed.na_allowed.value = False
    ed.kind.value = "yes_no"
    ed.weight.value = 1
    ed.question_text.value = "Sums up"
    ed.add_question.click()
    return ed


def test_editor_builds_a_valid_form():
    ed = _build()
    f = ed.form
    assert [s.id for s in f.sections] == ["opening", "closing"]
    assert f.question_ids() == ["greets", "explains_next_steps", "data_protection", "sums_up"]
    q = f.sections[0].questions
    assert q[0].weight == 3 and q[1].kind == "scale_1_5" and q[1].na_allowed and q[2].critical
    assert "Arviointilomake" in ed.widget.children[0].value  # Finnish labels
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    fi = FormEditor(ch.forms[0], lang="fi")
    assert fi.section.options[0] == ("Avaus", "opening")  # the form's own Finnish texts
    assert fi.question.options[0] == ("Tervehtii ja esittäytyy", "greeting")


def test_live_preview_scores_like_any_evaluation():
    ed = _build()
    ed.answers["greets"].value = "yes"
    ed.answers["explains_next_steps"].value = "3"  # half of the question
    ed.answers["data_protection"].value = "yes"
    ed.answers["sums_up"].value = "no"
    assert ed.preview_score() == pytest.approx(100 * (3 * 1 + 1 * 0.5 + 0) / 5)
    ed.answers["explains_next_steps"].value = "na"  # N/A leaves both sums
    assert ed.preview_score() == pytest.approx(100 * 3 / 4)
    ed.answers["data_protection"].value = "no"
    assert ed.preview_score() == 0.0 and "kriittinen" in ed.preview.value


def test_section_scope_zeroes_only_the_section():
    ed = _build("section")
    for q in ("greets", "sums_up"):
        ed.answers[q].value = "yes"
    ed.answers["explains_next_steps"].value = "5"
    ed.answers["data_protection"].value = "no"
    assert ed.preview_score() == pytest.approx(100 * 1 / 5)


def test_editor_starts_from_the_charter_form_and_refuses_blank_input():
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    ed = FormEditor(ch.forms[0])
    assert ed.form == ch.forms[0] and len(ed.answers) == 10
    assert ed.preview_score() == 100.0  # every answer at its best
    ed.question_text.value = ""
    ed.add_question.click()
    assert "⚠" in ed.message.value and ed.form == ch.forms[0]
    assert "na" not in ed.answers["greeting"].options and "na" in ed.answers["next_steps"].options


def test_change_weight_mark_critical_and_remove_a_question():
    ed = _build()
    ed.section.value = "opening"
    ed.question.value = "greets"
    ed.weight.value = 5
    ed.critical.value = False
    ed.kind.value = "yes_no"
    ed.na_allowed.value = False
    ed.apply.click()
    assert ed.form.sections[0].questions[0].weight == 5
    ed.question.value = "explains_next_steps"
    ed.remove.click()
    assert (
        "explains_next_steps" not in ed.form.question_ids()
        and "explains_next_steps" not in ed.answers
    )
    ed.question.value = "greets"
    ed.critical.value = True
    ed.apply.click()
    q = ed.form.sections[0].questions[0]
    assert q.critical and q.kind == "yes_no"
    ed.question_text.value = "Sums up"  # already on the form
    ed.section.value = "closing"
    ed.add_question.click()
    assert "kysymys" in ed.message.value and ed.form.question_ids().count("sums_up") == 1


def test_section_weight_multiplies_its_questions():
    ed = _build()
    for q, a in {"greets": "yes", "explains_next_steps": "na", "data_protection": "yes"}.items():
        ed.answers[q].value = a
    ed.answers["sums_up"].value = "no"
    assert ed.preview_score() == pytest.approx(100 * 3 / 4)
    ed.section.value = "closing"
    ed.section_weight.value = 3
    ed.set_section_weight.click()
    assert ed.form.sections[1].weight == 3
    assert ed.preview_score() == pytest.approx(100 * 3 / (3 + 3))  # sums_up now weighs 1 x 3
