"""The sample centre's QA answers as exported against its forms, and its calibration sessions.

In a calibration session several evaluators score the same contacts on the same form, so that the
team can see how far their judgements agree. The sample has four evaluators: the quality manager
(the reference), Tarja, Heikki and Paula; **Paula is lenient**: on scale questions she often gives
one step more than she saw. Draws use an RNG stream of their own (``[seed, 13]``), so the other
tables of the sample stay the same for the same seed.

>>> import pandas as pd
>>> con = pd.DataFrame({"contact_id": [f"P{i}" for i in range(20)], "channel": "phone",
...     "outcome": "answered", "agent": "Aino", "talk_s": 200.0,
...     "ended_at": pd.Timestamp("2026-03-02 10:00", tz="Europe/Helsinki")})
>>> cal = calibration_sessions(con, seed=1, sessions=1, contacts_per_session=3)
>>> cal.groupby("contact_id").evaluator.nunique().tolist()
[4, 4, 4]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CALIBRATION_EVALUATORS",
    "FORM_OF_CHANNEL",
    "LENIENT_EVALUATOR",
    "answers_of",
    "calibration_sessions",
]

#: The example charter's form (id, version) used on each channel of the sample.
FORM_OF_CHANNEL: dict[str, tuple[str, int]] = {"phone": ("phone", 1), "chat": ("email-chat", 1)}
#: Evaluators in the sample's calibration sessions: bias in scale steps (Paula is lenient).
CALIBRATION_EVALUATORS: dict[str, float] = {
    "Laatupäällikkö": 0.0,
    "Tarja": 0.0,
    "Heikki": 0.0,
    "Paula": 0.5,
}
#: The evaluator whose scores run high in the sample's calibration sessions.
LENIENT_EVALUATOR = "Paula"
#: The sample form's questions (id, scale or critical), as in the example charter's phone form.
_QUESTIONS: tuple[tuple[str, bool], ...] = (
    ("greeting", False),
    ("identification", False),
    ("listens", False),
    ("clarifies_need", False),
    ("correct_answer", False),
    ("next_steps", False),
    ("summary", False),
    ("checks_satisfaction", False),
    ("no_unresolved_disconnect", True),
    ("data_protection", True),
)


def answers_of(evaluations: pd.DataFrame, contacts: pd.DataFrame) -> pd.DataFrame:
    """The sample's evaluations with the form they were made on and the answer as exported.

    Parameters
    ----------
    evaluations : pandas.DataFrame
        The generator's evaluation items (``contact_id``, ``earned`` 0-2 of ``possible`` 2, or
        0/1 of 1 for critical items, ``na``).
    contacts : pandas.DataFrame
        The contacts (``contact_id``, ``channel``).

    Returns
    -------
    pandas.DataFrame
        The same rows and columns, then ``form_id``, ``form_version`` (int) and ``answer`` (``yes``
        / ``no`` for critical items, ``na``, or 1 / 3 / 5 for 0 / 1 / 2 points: the same share).
    """
    if "channel" in contacts:
        channel = evaluations.contact_id.map(contacts.set_index("contact_id").channel)
    else:  # a contact log of one channel
        channel = pd.Series("phone", index=evaluations.index)
    form = channel.map(lambda c: FORM_OF_CHANNEL.get(c, ("phone", 1)))
    crit = evaluations.critical.astype(bool)
    na = evaluations.na.astype(bool)
    scale = (1 + 2 * evaluations.earned.fillna(0)).astype(int).astype(str)
    yes_no = np.where(evaluations.earned.fillna(0) >= evaluations.possible, "yes", "no")
    answer = np.where(na, "na", np.where(crit, yes_no, scale))
    return evaluations.assign(
        form_id=[f[0] for f in form], form_version=[f[1] for f in form], answer=answer
    )


def _session_rows(
    session: str, c: Any, rng: np.random.Generator, when: pd.Timestamp
) -> list[dict[str, Any]]:
    """Every evaluator's answers to one contact: a true level per question, each evaluator's noise."""
    rows = []
    truth = {q: float(np.clip(rng.normal(3.9, 0.9), 1, 5)) for q, crit in _QUESTIONS if not crit}
    fails = {q: rng.random() < 0.1 for q, crit in _QUESTIONS if crit}
    na_next = rng.random() < 0.2
    for evaluator, bias in CALIBRATION_EVALUATORS.items():
        for q, crit in _QUESTIONS:
            if crit:
                failed = fails[q] != (rng.random() < 0.01)  # now and then one sees it differently
                answer = "no" if failed else "yes"
            elif q == "next_steps" and na_next:
                answer = "na"
            else:
                step = truth[q] + bias + rng.normal(0, 0.45)
                answer = str(int(np.clip(np.rint(step), 1, 5)))
            rows.append(
                {
                    "session_id": session,
                    "evaluation_id": f"{session}-{c.contact_id}-{evaluator}",
                    "agent": c.agent,
                    "evaluator": evaluator,
                    "evaluated_at": when,
                    "contact_id": c.contact_id,
                    "form_id": "phone",
                    "form_version": 1,
                    "question_id": q,
                    "answer": answer,
                }
            )
    return rows


def calibration_sessions(
    contacts: pd.DataFrame, *, seed: int, sessions: int = 3, contacts_per_session: int = 6
) -> pd.DataFrame:
    """Calibration sessions on answered phone calls: every evaluator scores the same contacts.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The sample's contacts (``contact_id``, ``channel``, ``outcome``, ``agent``, ``talk_s``,
        ``ended_at``).
    seed : int
        The sample's seed; the draws use the stream ``[seed, 13]``.
    sessions : int
        Sessions, one a week from the first week.
    contacts_per_session : int
        Contacts scored in each session.

    Returns
    -------
    pandas.DataFrame
        One row per answer: ``session_id``, ``evaluation_id``, ``agent``, ``evaluator``,
        ``evaluated_at`` (the Friday after the contact's week, 14:00 local), ``contact_id``,
        ``form_id`` (``phone``), ``form_version`` (1), ``question_id``, ``answer`` (1-5, yes/no or
        na), as the ``qa_long`` preset reads them.
    """
    rng = np.random.default_rng([seed, 13])
    calls = contacts[
        (contacts.channel == "phone") & (contacts.outcome == "answered") & (contacts.talk_s >= 10)
    ]
    week = calls.ended_at.dt.tz_localize(None).dt.to_period("W-SUN")
    rows: list[dict[str, Any]] = []
    for i, w in enumerate(sorted(week.unique())[:sessions]):
        pool = calls[week == w]
        pick = pool.iloc[
            np.sort(rng.choice(len(pool), min(contacts_per_session, len(pool)), replace=False))
        ]
        friday = (w.start_time + pd.Timedelta(days=4, hours=14)).tz_localize(calls.ended_at.dt.tz)
        for c in pick.itertuples():
            rows.extend(_session_rows(f"CAL{i + 1}", c, rng, friday))
    return pd.DataFrame(rows)
