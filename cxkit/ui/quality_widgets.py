"""The form editor: build an evaluation form by clicking, and see the score of a made-up evaluation.

Controls are attributes (tests set ``.value`` and call ``.click()``); the form being edited is
``.form`` (an :class:`cxkit.charter.forms.EvaluationForm`, validated on every change), and the
preview scores the answers picked in ``.answers`` with the one scoring of
:func:`cxkit.measure.qa.evaluation_scores`.

>>> ed = FormEditor(form_id="demo", channels=["phone"])
>>> ed.section_title.value = "Opening"
>>> ed.add_section.click()
>>> ed.question_text.value = "Greets the customer"
>>> ed.add_question.click()
>>> ed.answers["greets_the_customer"].value = "no"
>>> ed.preview_score()
0.0
"""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as W
import pandas as pd
from pydantic import ValidationError

from cxkit.charter.forms import EvaluationForm, parse_answer
from cxkit.charter.model import validation_problems
from cxkit.i18n import t
from cxkit.measure.qa import evaluation_scores, fit_answers

__all__ = ["FormEditor"]

_CHOICES = {"yes_no": ["yes", "no", "na"], "scale_1_5": ["5", "4", "3", "2", "1", "na"]}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_") or "item"


class FormEditor:
    """Add sections and questions, set weights, mark critical items, preview a score live.

    Parameters
    ----------
    form : EvaluationForm, optional
        A form to start from (e.g. ``charter.forms[0]``); an empty one otherwise.
    form_id : str
        The id of a new form.
    channels : list of str
        The channels a new form applies to.
    lang : {"en", "fi"}
        Language of the labels; question texts are written once and used for both languages
        until edited in the YAML.
    """

    def __init__(
        self,
        form: EvaluationForm | None = None,
        *,
        form_id: str = "new-form",
        channels: list[str] | None = None,
        lang: str = "en",
    ) -> None:
        self.lang = lang
        self._doc: dict[str, Any] = (
            form.model_dump(mode="python")
            if form is not None
            else {
                "id": form_id,
                "version": 1,
                "title": {"en": form_id, "fi": form_id},
                "channels": list(channels or ["phone"]),
                "critical_scope": "evaluation",
                "sections": [],
            }
        )
        self.section_title = W.Text(description=t("qa_section", lang))
        self.add_section = W.Button(description=t("qa_add_section", lang))
        self.section = W.Dropdown(description=t("qa_section", lang), options=[])
        self.section_weight = W.BoundedFloatText(
            value=1.0, min=0.1, max=100, step=0.5, description=t("qa_weight", lang)
        )
        self.set_section_weight = W.Button(description=t("qa_set_section_weight", lang))
        self.question_text = W.Text(description=t("qa_question", lang))
        self.kind = W.Dropdown(
            description=t("qa_kind", lang), options=[("yes / no", "yes_no"), ("1-5", "scale_1_5")]
        )
        self.weight = W.BoundedFloatText(
            value=1.0, min=0.1, max=100, step=0.5, description=t("qa_weight", lang)
        )
        self.critical = W.Checkbox(description=t("qa_critical", lang))
        self.na_allowed = W.Checkbox(description=t("qa_na_allowed", lang))
        self.add_question = W.Button(description=t("qa_add_question", lang))
        self.question = W.Dropdown(description=t("qa_question", lang), options=[])
        self.apply = W.Button(description=t("qa_apply", lang))
        self.remove = W.Button(description=t("qa_remove_question", lang))
        self.scope = W.ToggleButtons(
            options=["evaluation", "section"], value=self._doc["critical_scope"]
        )
        self.message = W.HTML()
        self.preview = W.HTML()
        self.answers: dict[str, W.Dropdown] = {}
        self._answer_box = W.VBox()
        self.add_section.on_click(self._on_add_section)
        self.add_question.on_click(self._on_add_question)
        self.apply.on_click(self._on_apply)
        self.set_section_weight.on_click(self._on_section_weight)
        self.remove.on_click(self._on_remove)
        self.section.observe(lambda _c: self._list_questions(), names="value")
        self.scope.observe(self._on_scope, names="value")
        self._refresh()
        self.widget = W.VBox(
            [
                W.HTML(f"<b>{html.escape(t('qa_form_editor', lang))}</b>"),
                W.HBox([self.section_title, self.add_section]),
                W.HBox([self.section, self.section_weight, self.set_section_weight]),
                W.HBox([self.question_text]),
                W.HBox([self.kind, self.weight, self.critical, self.na_allowed]),
                W.HBox([self.add_question, self.scope]),
                W.HBox([self.question, self.apply, self.remove]),
                self.message,
                self._answer_box,
                self.preview,
            ]
        )

    # ------------------------------------------------------------------ editing
    def _on_add_section(self, _: Any = None) -> None:
        title = self.section_title.value.strip()
        sid = _slug(title)
        if not title or sid in {x["id"] for x in self._doc["sections"]}:
            self.message.value = "⚠ " + html.escape(t("qa_need_section", self.lang))
            return
        self._doc["sections"].append(
            {"id": sid, "title": {"en": title, "fi": title}, "weight": 1.0, "questions": []}
        )
        self.section_title.value = ""
        self._refresh(select=sid)

    def _on_add_question(self, _: Any = None) -> None:
        text = self.question_text.value.strip()
        sec = next((s for s in self._doc["sections"] if s["id"] == self.section.value), None)
        taken = {q["id"] for x in self._doc["sections"] for q in x["questions"]}
        if not text or sec is None or _slug(text) in taken:
            self.message.value = "⚠ " + html.escape(t("qa_need_question", self.lang))
            return
        kind = "yes_no" if self.critical.value else self.kind.value
        sec["questions"].append(
            {
                "id": _slug(text),
                "text": {"en": text, "fi": text},
                "kind": kind,
                "weight": float(self.weight.value),
                "critical": bool(self.critical.value),
                "na_allowed": bool(self.na_allowed.value),
            }
        )
        self.question_text.value = ""
        self._refresh(select=sec["id"])

    def _text(self, text: dict[str, str]) -> str:
        return text["fi"] if self.lang == "fi" else text["en"]

    def _selected(self) -> dict[str, Any] | None:
        sec = next((x for x in self._doc["sections"] if x["id"] == self.section.value), None)
        if sec is None:
            return None
        return next((q for q in sec["questions"] if q["id"] == self.question.value), None)

    def _on_apply(self, _: Any = None) -> None:
        """Give the selected question the weight, kind, critical and N/A settings shown."""
        q = self._selected()
        if q is None:
            return
        q["weight"] = float(self.weight.value)
        q["critical"] = bool(self.critical.value)
        q["kind"] = "yes_no" if q["critical"] else self.kind.value
        q["na_allowed"] = bool(self.na_allowed.value)
        self._refresh(select=self.section.value)

    def _on_section_weight(self, _: Any = None) -> None:
        """Give the selected section the weight shown (it multiplies its questions' weights)."""
        for sec in self._doc["sections"]:
            if sec["id"] == self.section.value:
                sec["weight"] = float(self.section_weight.value)
        self._refresh(select=self.section.value)

    def _on_remove(self, _: Any = None) -> None:
        q = self._selected()
        for sec in self._doc["sections"]:
            if q is not None and q in sec["questions"]:
                sec["questions"].remove(q)
        self._refresh(select=self.section.value)

    def _list_questions(self) -> None:
        sec = next((x for x in self._doc["sections"] if x["id"] == self.section.value), None)
        self.question.options = [
            (self._text(q["text"]), q["id"]) for q in (sec or {}).get("questions", [])
        ]

    def _on_scope(self, change: dict[str, Any]) -> None:
        self._doc["critical_scope"] = change["new"]
        self._refresh(select=self.section.value)

    # ------------------------------------------------------------------ state
    @property
    def form(self) -> EvaluationForm | None:
        """The form as edited, validated; None while it is not yet a valid form (see ``.message``)."""
        doc = {**self._doc, "sections": [s for s in self._doc["sections"] if s["questions"]]}
        try:
            return EvaluationForm.model_validate(doc)
        except ValidationError as err:
            self.message.value = "<br>".join(
                html.escape(f"{p}: {m}") for p, m in validation_problems(err)
            )
            return None

    def _refresh(self, select: str | None = None) -> None:
        ids = [s["id"] for s in self._doc["sections"]]
        self.section.options = [(self._text(s["title"]), s["id"]) for s in self._doc["sections"]]
        if select in ids:
            self.section.value = select
        elif ids and self.section.value not in ids:
            self.section.value = ids[0]
        self._list_questions()
        old = {k: w.value for k, w in self.answers.items()}
        self.answers = {}
        for s in self._doc["sections"]:
            for q in s["questions"]:
                choices = [c for c in _CHOICES[q["kind"]] if q.get("na_allowed") or c != "na"]
                dd = W.Dropdown(options=choices, description=q["id"][:18])
                if old.get(q["id"]) in choices:  # an edit elsewhere keeps the answers picked
                    dd.value = old[q["id"]]
                dd.observe(lambda _c: self._update_preview(), names="value")
                self.answers[q["id"]] = dd
        self._answer_box.children = list(self.answers.values())
        self.message.value = ""
        self._update_preview()

    def preview_score(self) -> float | None:
        """The score (0-100 points) of the made-up evaluation in ``.answers``; None without a form.

        Returns
        -------
        float or None
            The score, scored like any evaluation (N/A out, critical items as the form says).
        """
        form = self.form
        if form is None or not self.answers:
            return None
        a = pd.DataFrame(
            [
                {
                    "evaluation_id": "preview",
                    "agent": "-",
                    "form_id": form.id,
                    "form_version": form.version,
                    "question_id": q,
                    "answer": w.value,
                }
                for q, w in self.answers.items()
            ]
        )
        items, _ = fit_answers(a, [form])
        s = evaluation_scores(items)
        return None if s.empty or pd.isna(s.score.iloc[0]) else float(s.score.iloc[0])

    def _update_preview(self) -> None:
        score = self.preview_score()
        failed = any(
            parse_answer(w.value, "yes_no", na_allowed=True)[0] == 0.0
            for s in self._doc["sections"]
            for q in s["questions"]
            if q["critical"] and (w := self.answers.get(q["id"])) is not None
        )
        text = "–" if score is None else f"{score:.1f}"
        note = f" ({html.escape(t('qa_critical_failed', self.lang))})" if failed else ""
        self.preview.value = f"{html.escape(t('qa_preview', self.lang))}: <b>{text}</b>{note}"

    def _ipython_display_(self) -> None:  # pragma: no cover - display only
        from IPython.display import display

        display(self.widget)
