"""Every error cxkit raises, and the fixed vocabulary of quarantine reasons.

All errors derive from :class:`CxkitError`, so ``except cx.CxkitError`` catches anything cxkit
refuses, while each error also keeps the built-in base a caller may already expect (``ValueError``,
``KeyError``). Messages name the file, row, column and the fix, never a customer's value.

>>> issubclass(MissingColumnError, CxkitError), issubclass(MissingColumnError, ValueError)
(True, True)
>>> str(Reason.DUPLICATE_ID)
'duplicate id'
>>> "duplicate id" in REASONS
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "REASONS",
    "CharterError",
    "CxkitError",
    "CxkitWarning",
    "MissingColumnError",
    "MissingDataError",
    "MissingTimeZoneError",
    "Reason",
    "UnknownMetricError",
    "UnreadableFileError",
]


class CxkitError(Exception):
    """Base of every error cxkit raises on purpose."""


class CharterError(CxkitError, ValueError):
    """A charter that does not validate. ``problems`` lists ``(path, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]], source: str | None = None):
        self.problems = problems
        self.source = source
        where = f" in {source}" if source else ""
        lines = [f"{len(problems)} problem(s){where}:"] + [f"  {p}: {m}" for p, m in problems]
        super().__init__("\n".join(lines))


class UnknownMetricError(CxkitError, KeyError):
    """A metric id that is not in the catalog."""

    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return str(self.args[0])


class UnreadableFileError(CxkitError, ValueError):
    """A file that cannot be read at all: names the file, what was expected, what was found, and the fix."""


class MissingDataError(CxkitError, ValueError):
    """The data cannot give this metric; the message says what is missing and what would give it."""


class MissingColumnError(MissingDataError):
    """A table or file lacks columns: names what is missing, what it has, and what to do.

    Raised by the loader (a file without the columns a preset needs) and by the metric engine (an
    interval report without the ``answered_within_<T>s`` a target needs).
    """


class MissingTimeZoneError(CxkitError, ValueError):
    """Local times without a UTC offset and no zone from the charter or the user: cxkit never guesses one."""


class CxkitWarning(UserWarning):
    """Something the user should know that does not stop the work (a table a charter needs is missing)."""


class Reason(StrEnum):
    """Why a row was quarantined: the only reasons a quarantine table ever holds.

    Each value is the text in the quarantine's ``reason`` column; the ``detail`` column names the
    column and the offending part of the row.
    """

    WRONG_FIELD_COUNT = "wrong number of fields"
    MISSING_REQUIRED = "missing required field"
    UNPARSEABLE_TIME = "unparseable time"
    UNPARSEABLE_NUMBER = "unparseable number"
    UNPARSEABLE_BOOLEAN = "unparseable boolean"
    NOT_FINITE = "not a finite number"
    UNDECODABLE = "undecodable text"
    IMPLAUSIBLE = "implausible value"
    DST_GAP = "time in DST gap"
    DST_AMBIGUOUS = "ambiguous time at DST change"
    NEGATIVE_DURATION = "negative duration"
    NEGATIVE_COUNT = "negative count"
    DUPLICATE_ID = "duplicate id"
    FUTURE_DATE = "future date"
    UNKNOWN_CHANNEL = "unknown channel"
    UNKNOWN_OUTCOME = "unknown outcome"
    UNKNOWN_VALUE = "unknown value"
    ANSWER_BEFORE_ARRIVAL = "answer before arrival"
    END_BEFORE_ANSWER = "end before answer"
    FIRST_REPLY_BEFORE_CREATION = "first reply before creation"
    SOLVED_BEFORE_CREATION = "solved before creation"
    CLOSED_BEFORE_CREATION = "closed before creation"
    INTERVAL_ENDS_BEFORE_START = "interval ends before it starts"
    COUNT_INCONSISTENCY = "count inconsistency"
    PHANTOM_CALL = "phantom call"
    # --- quality monitoring (evaluations checked against the charter's forms) ---
    UNKNOWN_FORM = "unknown form"
    NOT_ON_FORM = "question not on the form"
    ANSWER_DOES_NOT_FIT = "answer does not fit the form"
    INCOMPLETE_EVALUATION = "incomplete evaluation"
    INCONSISTENT_EVALUATION = "inconsistent evaluation"


#: Every quarantine reason text, for checks and documentation.
REASONS: frozenset[str] = frozenset(r.value for r in Reason)
