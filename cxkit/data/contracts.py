"""Declared data contracts: the columns of each table cxkit reads, their type, unit and rules.

Every loader maps a source file onto one of these tables. ``required`` columns must be present
(else the file is refused with what is missing and which preset or mapping would give it) and
non-empty in every row (else the row is quarantined).

>>> [c.name for c in CONTRACTS["contacts"].columns if c.required]
['contact_id', 'channel', 'arrival', 'outcome']
>>> contract_frame("intervals").query("name == 'offered'")[["type", "unit"]].values.tolist()
[['count', 'contacts']]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "AUTHOR_ROLES",
    "CONTRACTS",
    "ID_COLUMNS",
    "OUTCOMES",
    "TIME_COLUMNS",
    "Column",
    "Contract",
    "contract_frame",
]

#: The allowed values of ``contacts.outcome``.
OUTCOMES = ("answered", "abandoned", "flowout", "self_service")
#: The allowed values of ``conversations.author_role``: who wrote a message.
AUTHOR_ROLES = ("customer", "agent", "bot")


@dataclass(frozen=True)
class Column:
    """One column of a contract.

    Attributes
    ----------
    name : str
        The column name in the loaded table.
    type : str
        ``text``, ``time``, ``seconds``, ``count``, ``bool``, ``category`` or ``number``.
    unit : str
        Unit of the values (``s`` seconds, ``contacts``, ``agents``, a score range such as
        ``1-5``); empty when the column has none.
    required : bool
        The file is refused without this column, and rows with it empty are quarantined.
    allowed : tuple of str or None
        The allowed values of a ``category`` column; ``None`` for a free one.
    description : str
        What the column holds.
    """

    name: str
    type: str  # text | time | seconds | count | bool | category | number
    unit: str = ""
    required: bool = False
    allowed: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class Contract:
    """The columns of one input table.

    Attributes
    ----------
    name : str
        The table name (a key of :data:`CONTRACTS`).
    description : str
        What one row of the table is.
    columns : tuple of Column
        The declared columns, required ones first.
    """

    name: str
    description: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        """The declared column called ``name``.

        Parameters
        ----------
        name : str
            A column of this contract.

        Returns
        -------
        Column
            Its declaration. Raises ``StopIteration`` when the contract has no such column.

        Examples
        --------
        >>> CONTRACTS["contacts"].column("wait_s").unit
        's'
        """
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> list[str]:
        """Names of the required columns, in declaration order.

        >>> CONTRACTS["staffing"].required
        ['interval_start', 'channel', 'agents']
        """
        return [c.name for c in self.columns if c.required]


#: The contract of every input table, by table name.
CONTRACTS: dict[str, Contract] = {
    "contacts": Contract(
        "contacts",
        "One row per contact (call, chat, email...) offered to the service.",
        (
            Column("contact_id", "text", required=True, description="Unique id of the contact"),
            Column(
                "channel",
                "text",
                required=True,
                description="Channel id as in the charter (phone, email, ...)",
            ),
            Column(
                "arrival", "time", required=True, description="Entered the queue (or was created)"
            ),
            Column(
                "outcome",
                "category",
                required=True,
                allowed=OUTCOMES,
                description="answered, abandoned while queued, flowout (callback, voicemail, overflow), "
                "self_service (ended before reaching the agent queue: not offered)",
            ),
            Column("queue", "text", description="Queue or skill"),
            Column("customer", "text", description="Customer key; pseudonymised on load"),
            Column("agent", "text", description="Agent who handled it"),
            Column("answered_at", "time", description="Answered by an agent (or first response)"),
            Column("ended_at", "time", description="Contact ended"),
            Column("wait_s", "seconds", "s", description="Queue entry to answer or abandon"),
            Column("talk_s", "seconds", "s"),
            Column("hold_s", "seconds", "s"),
            Column("acw_s", "seconds", "s", description="After-contact work"),
            Column("transferred", "bool"),
            Column("resolved", "bool", description="Agent-flagged resolution"),
            Column(
                "disconnect",
                "category",
                allowed=("agent", "customer", "system"),
                description="Who ended the contact",
            ),
            Column("priority", "text"),
            Column("segment", "text"),
        ),
    ),
    "intervals": Contract(
        "intervals",
        "One row per queue x interval, as ACD interval reports give them.",
        (
            Column("interval_start", "time", required=True),
            Column("interval_end", "time", required=True),
            Column("offered", "count", "contacts", required=True),
            Column("queue", "text"),
            Column("answered", "count", "contacts"),
            Column("abandoned", "count", "contacts"),
            Column("flowouts", "count", "contacts"),
            Column(
                "answered_within_s",
                "count",
                "contacts",
                description="Answered within the report's threshold; the threshold goes in the name, e.g. "
                "answered_within_60s",
            ),
            Column("handle_sum_s", "seconds", "s"),
            Column("wait_answered_sum_s", "seconds", "s"),
            Column("callbacks_offered", "count", "contacts"),
            Column("callbacks_within_s", "count", "contacts"),
        ),
    ),
    "tickets": Contract(
        "tickets",
        "One row per ticket (email, web form, social, back office).",
        (
            Column("ticket_id", "text", required=True),
            Column("channel", "text", required=True),
            Column("created", "time", required=True),
            Column("customer", "text"),
            Column("first_reply", "time", description="First public agent reply"),
            Column("solved", "time", description="Last solve (after any reopen)"),
            Column("first_solved", "time", description="First solve, before any reopen"),
            Column("closed", "time"),
            Column("status", "text"),
            Column("priority", "text"),
            Column("group", "text"),
            Column("agent", "text"),
            Column("reopens", "count"),
            Column("paused_s", "seconds", "s", description="Time in statuses that stop the clock"),
            Column(
                "made_sla", "bool", description="The source system's own SLA flag, for comparison"
            ),
            Column("visibility", "category", allowed=("public", "private")),
        ),
    ),
    "ticket_events": Contract(
        "ticket_events",
        "Status history of tickets: one row per event.",
        (
            Column("ticket_id", "text", required=True),
            Column("time", "time", required=True),
            Column("activity", "text", required=True),
            Column("status", "text"),
            Column("resource", "text"),
        ),
    ),
    "surveys": Contract(
        "surveys",
        "Survey responses linked to a contact or a customer.",
        (
            Column("response_id", "text", required=True),
            Column("responded_at", "time", required=True),
            Column("contact_id", "text"),
            Column("customer", "text"),
            Column("channel", "text"),
            Column("agent", "text"),
            Column("csat", "number", "1-5"),
            Column("nps", "number", "0-10"),
            Column("ces", "number", "scale"),
            Column("fcr_reported", "bool"),
        ),
    ),
    "evaluations": Contract(
        "evaluations",
        "QA evaluation answers: one row per question of an evaluation.",
        (
            Column("evaluation_id", "text", required=True),
            Column("agent", "text", required=True),
            Column("evaluator", "text", required=True),
            Column("evaluated_at", "time", required=True),
            Column("question_id", "text", required=True),
            Column("contact_id", "text"),
            Column("section", "text"),
            Column("earned", "number"),
            Column("possible", "number"),
            Column("weight", "number"),
            Column("critical", "bool"),
            Column("na", "bool"),
            # --- quality monitoring: answers as exported against a charter form ---
            Column("form_id", "text", description="Id of the charter form the evaluation used"),
            Column("form_version", "count", description="Version of that form"),
            Column(
                "answer",
                "text",
                description="The answer as exported: yes/no, 1-5 or N/A (checked against the form)",
            ),
        ),
    ),
    # --- quality monitoring: a wide QA export, one row per evaluation (preset qa_wide) ---
    "evaluation_rows": Contract(
        "evaluation_rows",
        "One row per evaluation, as wide QA exports have them: the keys, then one column per "
        "question holding its answer (yes/no, 1-5 or N/A).",
        (
            Column("evaluation_id", "text", required=True),
            Column("agent", "text", required=True),
            Column("evaluator", "text", required=True),
            Column("evaluated_at", "time", required=True),
            Column("form_id", "text", required=True),
            Column("form_version", "count", required=True),
            Column("contact_id", "text"),
            Column("channel", "text"),
        ),
    ),
    "conversations": Contract(
        "conversations",
        "Messages of messaging and social conversations: one row per message (post, reply, comment); "
        "a message text column is free text, dropped on load unless kept.",
        (
            Column(
                "conversation_id", "text", required=True, description="Thread the message is in"
            ),
            Column("message_id", "text", required=True, description="Unique id of the message"),
            Column(
                "author_role",
                "category",
                required=True,
                allowed=AUTHOR_ROLES,
                description="customer, agent or bot (automatic replies)",
            ),
            Column("sent_at", "time", required=True, description="When the message was sent"),
            Column("channel", "text", required=True, description="Channel id (messaging, social)"),
            Column(
                "direction",
                "category",
                allowed=("inbound", "outbound"),
                description="inbound from the customer, outbound from the service",
            ),
            Column(
                "visibility",
                "category",
                allowed=("public", "private"),
                description="public (a post anyone sees) or private (a direct message)",
            ),
            Column("brand", "text", description="Brand or account the conversation is with"),
            Column("in_reply_to", "text", description="message_id this message answers"),
            Column("customer", "text", description="Customer key; pseudonymised on load"),
            Column("agent", "text", description="Agent who wrote an agent message"),
            Column("priority", "text"),
            Column("resolved", "bool", description="The conversation was marked resolved"),
            Column(
                "internal",
                "bool",
                description="An internal note the customer never sees: never counts as a reply",
            ),
        ),
    ),
    "staffing": Contract(
        "staffing",
        "Agents planned per channel and interval (a staffing plan).",
        (
            Column("interval_start", "time", required=True),
            Column("channel", "text", required=True),
            Column("agents", "count", "agents", required=True),
            Column("expected", "number", "contacts"),
        ),
    ),
}


#: The time column of each table: what a period, a zone check or a future-date check reads.
TIME_COLUMNS: dict[str, str] = {
    "contacts": "arrival",
    "tickets": "created",
    "surveys": "responded_at",
    "evaluations": "evaluated_at",
    "intervals": "interval_start",
    "ticket_events": "time",
    "staffing": "interval_start",
    "ticket_updates": "created",
    "evaluation_rows": "evaluated_at",
    "conversations": "sent_at",
}

#: The id column of each table whose rows must be unique.
ID_COLUMNS: dict[str, str] = {
    "contacts": "contact_id",
    "tickets": "ticket_id",
    "surveys": "response_id",
    "evaluation_rows": "evaluation_id",
    "conversations": "message_id",
}


def contract_frame(table: str) -> pd.DataFrame:
    """A contract as a DataFrame: ``name, type, unit, required, allowed, description``.

    Parameters
    ----------
    table : str
        A key of :data:`CONTRACTS`: ``contacts``, ``intervals``, ``tickets``, ``ticket_events``,
        ``surveys``, ``evaluations``, ``conversations`` or ``staffing``. Raises ``KeyError`` for any other name.

    Returns
    -------
    pandas.DataFrame
        One row per declared column, in declaration order:

        - ``name``: the column name.
        - ``type``: ``text``, ``time``, ``seconds``, ``count``, ``bool``, ``category`` or
          ``number``.
        - ``unit``: unit of the values (``s`` seconds, ``contacts``, ``agents``, ``1-5``...); empty
          text when there is none.
        - ``required``: bool; the file is refused without the column and rows with it empty are
          quarantined.
        - ``allowed``: the allowed values of a category, comma-separated; empty text otherwise.
        - ``description``: what the column holds (empty text where none is written).

    Examples
    --------
    >>> contract_frame("staffing").name.tolist()
    ['interval_start', 'channel', 'agents', 'expected']
    """
    c = CONTRACTS[table]
    return pd.DataFrame(
        [
            {
                "name": x.name,
                "type": x.type,
                "unit": x.unit,
                "required": x.required,
                "allowed": ", ".join(x.allowed) if x.allowed else "",
                "description": x.description,
            }
            for x in c.columns
        ]
    )
