"""Evaluation forms: the quality-monitoring form as part of the charter.

A form has sections of questions. A question is answered yes/no or on a 1-5 scale, may allow N/A,
carries a weight, and may be **critical**: a failed critical item sets the whole evaluation to 0
(``critical_scope: evaluation``) or only its own section (``critical_scope: section``), as the form
says. Forms live in the charter (``forms:``), so they are validated, saved atomically and revised
like the rest of it; each carries a version so that old evaluations stay readable against the form
they were made with.

Scoring (implemented once, in :func:`cxkit.measure.qa.score_evaluations`): each answer earns a share
of its question (yes = 1, no = 0; scale ``a`` = ``(a - 1) / 4``), N/A leaves the question out, and

    score = 100 x sum(share x w) / sum(w) over the answered non-critical questions,
    w = section weight x question weight.

>>> f = EvaluationForm.model_validate({
...     "id": "demo", "title": {"en": "Demo", "fi": "Demo"}, "channels": ["phone"],
...     "sections": [{"id": "s", "title": {"en": "S", "fi": "S"}, "questions": [
...         {"id": "greets", "text": {"en": "Greets", "fi": "Tervehtii"}},
...         {"id": "safe", "text": {"en": "Checks identity", "fi": "Tunnistaa"}, "critical": True}]}]})
>>> f.question_ids(), f.critical_scope
(['greets', 'safe'], 'evaluation')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:  # the charter imports this module; this one only names it in types
    from cxkit.charter.model import Charter

__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_EVALUATIONS_PER_MONTH",
    "EvaluationForm",
    "FormQuestion",
    "FormSection",
    "FormText",
    "form_items",
    "form_problems",
    "parse_answer",
    "planned_evaluations",
    "set_form",
]

#: Evaluations planned per agent per month when the charter sets no plan of its own.
DEFAULT_EVALUATIONS_PER_MONTH = 4.0

#: How a question is answered: yes/no, or a 1-5 scale (5 best).
ANSWER_KINDS = ("yes_no", "scale_1_5")
_ID = r"^[a-z0-9][a-z0-9_\-]*$"
_YES = {"yes", "y", "kyllä", "k", "true", "1", "pass", "ok"}
_NO = {"no", "n", "ei", "false", "0", "fail"}
_NA = {"na", "n/a", "-", "ei sovellu", "eos"}


class _FormModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class FormText(_FormModel):
    """A form text (title, question) in English and Finnish.

    Parameters
    ----------
    en, fi : str
        The text in English and in Finnish (neither empty).
    """

    en: str = Field(min_length=1)
    fi: str = Field(min_length=1)

    def __call__(self, lang: str = "en") -> str:
        """The text in ``lang`` (``"fi"`` Finnish, anything else English).

        Parameters
        ----------
        lang : {"en", "fi"}
            The language.

        Returns
        -------
        str
            The text.
        """
        return self.fi if lang == "fi" else self.en


class FormQuestion(_FormModel):
    """One question of an evaluation form.

    Parameters
    ----------
    id : str
        Unique in the form: lower-case letters, digits, ``-`` and ``_``.
    text : FormText
        The question as the evaluator reads it.
    kind : {"yes_no", "scale_1_5"}
        How it is answered; default ``yes_no``. Critical questions are yes/no.
    weight : float
        Its weight within the section (> 0, default 1).
    na_allowed : bool
        Whether "not applicable" is a valid answer (default False).
    critical : bool
        A fail zeroes the evaluation or the section (:attr:`EvaluationForm.critical_scope`); critical
        questions are gates and take no part in the weighted score.
    """

    id: str = Field(pattern=_ID)
    text: FormText
    kind: Literal["yes_no", "scale_1_5"] = "yes_no"
    weight: float = Field(1.0, gt=0, le=100)
    na_allowed: bool = False
    critical: bool = False

    @model_validator(mode="after")
    def _critical_is_yes_no(self) -> FormQuestion:
        if self.critical and self.kind != "yes_no":
            raise ValueError(
                f"critical question {self.id!r} must be answered yes/no (kind: yes_no): a critical "
                "item either passes or fails"
            )
        return self


class FormSection(_FormModel):
    """A section of an evaluation form.

    Parameters
    ----------
    id : str
        Unique in the form.
    title : FormText
        The section's title.
    weight : float
        Multiplies the weights of its questions (> 0, default 1).
    questions : list of FormQuestion
        At least one.
    """

    id: str = Field(pattern=_ID)
    title: FormText
    weight: float = Field(1.0, gt=0, le=100)
    questions: list[FormQuestion] = Field(min_length=1)


class EvaluationForm(_FormModel):
    """A quality-monitoring (QA) evaluation form.

    Parameters
    ----------
    id : str
        Unique among the charter's forms.
    version : int
        Raised whenever questions, weights or critical items change (default 1).
    title : FormText
        The form's name.
    channels : list of str
        Ids of the charter channels the form is used on (at least one).
    critical_scope : {"evaluation", "section"}
        What a failed critical item sets to 0: the whole evaluation (default) or its section.
    sections : list of FormSection
        At least one.
    """

    id: str = Field(pattern=_ID)
    version: int = Field(1, ge=1)
    title: FormText
    channels: list[str] = Field(min_length=1)
    critical_scope: Literal["evaluation", "section"] = "evaluation"
    sections: list[FormSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _sound(self) -> EvaluationForm:
        seen: dict[str, str] = {}
        for si, s in enumerate(self.sections):
            if s.id in seen:
                raise ValueError(f"section id {s.id!r} is used twice (sections[{si}])")
            seen[s.id] = f"sections[{si}]"
        q_seen: dict[str, str] = {}
        for si, s in enumerate(self.sections):
            for qi, q in enumerate(s.questions):
                where = f"sections[{si}].questions[{qi}]"
                if q.id in q_seen:
                    raise ValueError(
                        f"question id {q.id!r} at {where} is already used at {q_seen[q.id]}"
                    )
                q_seen[q.id] = where
            if self.critical_scope == "section" and all(q.critical for q in s.questions):
                raise ValueError(
                    f"sections[{si}] ({s.id!r}) has only critical questions: with critical_scope "
                    "'section' a fail would zero a section that carries no points; add a scored "
                    "question or use critical_scope 'evaluation'"
                )
        if all(q.critical for s in self.sections for q in s.questions):
            raise ValueError("the form has only critical questions: nothing would be scored")
        return self

    def question_ids(self) -> list[str]:
        """The question ids in form order.

        Returns
        -------
        list of str
            Every question's id, section by section.
        """
        return [q.id for s in self.sections for q in s.questions]

    @property
    def key(self) -> str:
        """``<id>@<version>``: how evaluations name the form they were made with."""
        return f"{self.id}@{self.version}"


def form_items(form: EvaluationForm, *, lang: str = "en") -> pd.DataFrame:
    """The form's questions as a table.

    Parameters
    ----------
    form : EvaluationForm
        The form.
    lang : {"en", "fi"}
        Language of the texts.

    Returns
    -------
    pandas.DataFrame
        One row per question in form order: ``form_id`` (str), ``form_version`` (int), ``section``
        (section id), ``section_title`` (str), ``question_id`` (str), ``question`` (text in
        ``lang``), ``kind`` (``yes_no`` or ``scale_1_5``), ``weight`` (effective weight = section
        weight x question weight, unitless), ``na_allowed`` (bool), ``critical`` (bool).

    Examples
    --------
    >>> from cxkit.charter.model import load_charter
    >>> from cxkit.settings import example_charter
    >>> f = load_charter(example_charter("finnish_contact_centre")).forms[0]
    >>> form_items(f)[["question_id", "weight"]].head(2).values.tolist()
    [['greeting', 1.0], ['identification', 2.0]]
    """
    return pd.DataFrame(
        [
            {
                "form_id": form.id,
                "form_version": form.version,
                "section": s.id,
                "section_title": s.title(lang),
                "question_id": q.id,
                "question": q.text(lang),
                "kind": q.kind,
                "weight": float(s.weight * q.weight),
                "na_allowed": q.na_allowed,
                "critical": q.critical,
            }
            for s in form.sections
            for q in s.questions
        ],
        columns=[
            "form_id",
            "form_version",
            "section",
            "section_title",
            "question_id",
            "question",
            "kind",
            "weight",
            "na_allowed",
            "critical",
        ],
    )


def parse_answer(value: object, kind: str, *, na_allowed: bool) -> tuple[float | None, str | None]:
    """Read one answer: the share of the question earned, or why the answer does not fit.

    Parameters
    ----------
    value : object
        The answer as exported: ``yes``/``no`` (also ``kyllä``/``ei``, ``1``/``0``, True/False) for
        yes/no questions, ``1``..``5`` for scale questions, ``na`` (``n/a``, ``-``) for not applicable.
    kind : {"yes_no", "scale_1_5"}
        The question's kind.
    na_allowed : bool
        Whether the question allows N/A.

    Returns
    -------
    (float or None, str or None)
        ``(share, None)`` with the share earned 0..1 (yes 1, no 0, scale ``(a - 1) / 4``), ``(None,
        None)`` for an allowed N/A, or ``(None, reason)`` when the answer does not fit.

    Examples
    --------
    >>> parse_answer("kyllä", "yes_no", na_allowed=False), parse_answer("4", "scale_1_5", na_allowed=False)
    ((1.0, None), (0.75, None))
    >>> parse_answer("na", "yes_no", na_allowed=False)[1]
    'N/A is not allowed on this question'
    """
    if value is None or (isinstance(value, float) and value != value):
        return None, "no answer"
    text = str(value).strip().lower()
    if isinstance(value, bool):
        text = "yes" if value else "no"
    if text in _NA:
        return (None, None) if na_allowed else (None, "N/A is not allowed on this question")
    if kind == "yes_no":
        if text in _YES:
            return 1.0, None
        if text in _NO:
            return 0.0, None
        return None, f"{value!r} is not a yes/no answer"
    try:
        a = float(text.replace(",", "."))
    except ValueError:
        return None, f"{value!r} is not a number on the 1-5 scale"
    if a != int(a) or not 1 <= a <= 5:
        return None, f"{value!r} is outside the 1-5 scale (whole numbers 1..5)"
    return (a - 1) / 4, None


def planned_evaluations(charter: Charter, channel: str) -> float:
    """Evaluations planned per agent per month on a channel: the charter's plan, else 4.

    Parameters
    ----------
    charter : Charter
        The charter.
    channel : str
        A channel id.

    Returns
    -------
    float
        ``planned_per_agent_month`` of the channel's ``evaluation_coverage`` target when it has one,
        else :data:`DEFAULT_EVALUATIONS_PER_MONTH`.

    Examples
    --------
    >>> from cxkit.charter.model import load_charter
    >>> from cxkit.settings import example_charter
    >>> planned_evaluations(load_charter(example_charter("finnish_contact_centre")), "phone")
    4.0
    """
    for t in charter.channels[channel].targets:
        if t.metric == "evaluation_coverage":
            return float(t.option("planned_per_agent_month"))
    return DEFAULT_EVALUATIONS_PER_MONTH


def form_problems(charter: Charter) -> list[tuple[str, str]]:
    """Cross-reference problems of the charter's forms (beyond what each form checks itself).

    Parameters
    ----------
    charter : Charter
        A charter whose models validated.

    Returns
    -------
    list of (str, str)
        ``(path, sentence)``: a form id used twice, a channel the charter does not define.
    """
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for i, f in enumerate(charter.forms):
        if f.id in seen:
            problems.append(
                (f"forms[{i}].id", f"form id {f.id!r} is already used at forms[{seen[f.id]}]")
            )
        seen[f.id] = i
        for ci, cid in enumerate(f.channels):
            if cid not in charter.channels:
                problems.append(
                    (
                        f"forms[{i}].channels[{ci}]",
                        f"no channel {cid!r}; defined: {', '.join(charter.channels) or 'none'}",
                    )
                )
    return problems


def _scoring(form: EvaluationForm) -> list[tuple[str, str, float, bool, bool, str]]:
    return [
        (s.id, q.id, s.weight * q.weight, q.critical, q.na_allowed, q.kind)
        for s in form.sections
        for q in s.questions
    ] + [("_scope", form.critical_scope, 0.0, False, False, "")]


def set_form(
    charter: Charter,
    form: EvaluationForm,
    *,
    who: str,
    why: str,
    date: dt.date | None = None,
) -> Charter:
    """A copy of the charter with ``form`` added or replacing the form of the same id, and a revision
    that says so.

    Parameters
    ----------
    charter : Charter
        The charter; not changed.
    form : EvaluationForm
        The new or edited form.
    who, why : str
        Who changed it and why (the revision's author and reason).
    date : datetime.date, optional
        The revision's date; today when omitted.

    Returns
    -------
    Charter
        The new charter (save it with :func:`cxkit.save_charter`, which is atomic).

    Raises
    ------
    CharterError
        When questions, weights or critical items changed but the version did not go up (old
        evaluations would be read against the new form), or the result does not validate.
    """
    from cxkit.charter.model import Revision, validate_document  # the model imports this module
    from cxkit.errors import CharterError

    forms = list(charter.forms)
    at = next((i for i, f in enumerate(forms) if f.id == form.id), None)
    if at is not None:
        old = forms[at]
        if _scoring(old) != _scoring(form) and form.version <= old.version:
            raise CharterError(
                [
                    (
                        f"forms[{at}].version",
                        f"form {form.id!r} changed its questions, weights or critical items: raise "
                        f"its version above {old.version} so that evaluations made with version "
                        f"{old.version} are still read against the form they were made with",
                    )
                ]
            )
        what = f"Form {form.id} edited (version {old.version} -> {form.version})."
        forms[at] = form
    else:
        what = f"Form {form.id} version {form.version} added."
        forms.append(form)
    new = charter.model_copy(deep=True)
    new.forms = forms
    new.revisions = [
        *new.revisions,
        Revision(date=date or dt.date.today(), who=who, what=what, why=why),
    ]
    # validate the whole charter again (channels named by the form exist, ids are unique)
    check = validate_document(new.model_dump(mode="python", exclude_none=True))
    del check
    return new
