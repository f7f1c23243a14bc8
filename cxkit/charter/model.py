"""The charter: what a workshop agrees good service means, per channel.

A charter is a versioned YAML file validated by pydantic models. Errors name the path of the
offending value (``channels.email.targets[1].threshold``) and the allowed values; unknown keys
are refused; saving is atomic and keeps the comments of the file it was loaded from.

>>> from cxkit.charter.model import Charter
>>> ch = Charter.model_validate({
...     "name": "Demo",
...     "calendars": {"office": {"time_zone": "Europe/Helsinki", "holidays": {"country": "FI"},
...                              "hours": {"mon": "08:00-16:00"}}},
...     "channels": {"phone": {"label": {"en": "Phone", "fi": "Puhelin"}, "kind": "sync",
...         "calendar": "office",
...         "targets": [{"id": "phone-sl", "metric": "service_level", "threshold": 80,
...                      "within_s": 20, "period": "day", "amber": 70}]}}})
>>> t = ch.channels["phone"].targets[0]
>>> t.status_for(82.0), t.status_for(75.0), t.status_for(60.0)
('met', 'near', 'missed')
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_lib
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from cxkit.catalog import METRICS, get_metric, unknown_metric_message
from cxkit.charter.forms import EvaluationForm, FormQuestion, FormSection, FormText, form_problems
from cxkit.charter.incentives import IncentiveRule, incentive_problems
from cxkit.errors import CharterError
from cxkit.i18n import text as _text

__all__ = [
    "DEFAULT_CHASE_AFTER_H",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SYNC_MEDIA",
    "WEEKDAYS",
    "Calendar",
    "Channel",
    "Charter",
    "CharterError",  # defined in cxkit.errors; importable from here as before
    "Forecast",
    "Goal",
    "HolidaySource",
    "Label",
    "Medium",
    "Period",
    "Revision",
    "Status",
    "Target",
    "dumps_charter",
    "load_charter",
    "loads_charter",
    "migrate",
    "migration",
    "parse_ranges",
    "save_charter",
    "semantic_problems",
    "validate_document",
    "validation_problems",
]

#: The charter schema this cxkit writes. Older files are migrated on load.
SCHEMA_VERSION = 1

#: Weekday keys of :attr:`Calendar.hours`, Monday first (``WEEKDAYS[date.weekday()]``).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Medium = Literal[
    "phone", "chat", "video", "callback", "email", "web_form", "social", "messaging", "back_office"
]
#: Media whose contacts queue in real time: a channel on one of them has kind ``sync``.
SYNC_MEDIA = frozenset({"phone", "chat", "video", "callback"})
Period = Literal["interval", "day", "week", "month", "quarter"]
Status = Literal["met", "near", "missed", "no_data"]
_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
#: How long customers typically wait before they chase an unanswered contact by another channel
#: (hours), by medium. A team can set its own figure per channel (``chase_after_h``).
DEFAULT_CHASE_AFTER_H: dict[str, float] = {
    "email": 24.0,
    "web_form": 24.0,
    "social": 1.0,
    "messaging": 2.0,
    "back_office": 72.0,
}


class _Model(BaseModel):
    # no NaN or infinity anywhere: `threshold: .nan` would make every period "missed"
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class Label(_Model):
    """A user-facing label in English and Finnish.

    Parameters
    ----------
    en, fi : str
        The label in English and in Finnish (neither empty).
    """

    en: str = Field(min_length=1)
    fi: str = Field(min_length=1)

    def __call__(self, lang: str = "en") -> str:
        """The label in a language.

        Parameters
        ----------
        lang : {"en", "fi"}
            The language; anything but ``"fi"`` gives English.

        Returns
        -------
        str
            The label.
        """
        return self.fi if lang == "fi" else self.en


class HolidaySource(_Model):
    """Public holidays from the ``holidays`` package: ISO country code and optional subdivision.

    Parameters
    ----------
    country : str
        An ISO 3166 country code the ``holidays`` package supports, e.g. ``"FI"``.
    subdiv : str, optional
        One of the country's subdivisions (state, region), when its holidays differ.
    """

    country: str
    subdiv: str | None = None

    @field_validator("country")
    @classmethod
    def _known_country(cls, v: str) -> str:
        supported = holidays_lib.list_supported_countries()
        if v not in supported:
            raise ValueError(
                f"{v!r} is not a country the holidays package knows; use an ISO 3166 code such as "
                f"'FI', 'SE', 'GB' or 'US' ({len(supported)} are supported)"
            )
        return v

    @model_validator(mode="after")
    def _known_subdiv(self) -> HolidaySource:
        if self.subdiv is not None:
            subs = holidays_lib.list_supported_countries()[self.country]
            if self.subdiv not in subs:
                raise ValueError(
                    f"subdiv {self.subdiv!r} is not one of {self.country}'s: {', '.join(subs)}"
                )
        return self


def parse_ranges(value: str | list[str]) -> list[tuple[dt.time, dt.time | None]]:
    """Parse opening ranges such as ``"08:00-12:00, 13:00-16:00"`` into time pairs.

    Parameters
    ----------
    value : str or list of str
        Comma-separated ``HH:MM-HH:MM`` ranges in order, a list of them, or ``closed``.

    Returns
    -------
    list of (datetime.time, datetime.time or None)
        ``(start, end)`` per range; an end of ``24:00`` is ``None`` (end of day). Empty when closed.

    Raises
    ------
    ValueError
        A range that is malformed, ends before it starts or overlaps the one before it.

    Examples
    --------
    >>> parse_ranges("08:00-12:00, 13:00-24:00")
    [(datetime.time(8, 0), datetime.time(12, 0)), (datetime.time(13, 0), None)]
    """
    parts = value if isinstance(value, list) else [p for p in str(value).split(",")]
    out: list[tuple[dt.time, dt.time | None]] = []
    for raw in parts:
        p = str(raw).strip()
        if p.lower() == "closed" or p == "":
            continue
        m = _RANGE.match(p)
        if not m:
            raise ValueError(
                f"{p!r} is not an opening time; write it as 'HH:MM-HH:MM', e.g. '08:00-16:00', or 'closed'"
            )
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        start = dt.time(h1, m1)
        end = None if h2 == 24 else dt.time(h2, m2)
        if h2 == 24 and m2 != 0:
            raise ValueError(f"{p!r}: the latest end of a day is 24:00")
        if end is not None and end <= start:
            raise ValueError(
                f"{p!r} ends before it starts; a range must not cross midnight (split it)"
            )
        if out:
            prev_end = out[-1][1]
            if prev_end is None or prev_end > start:
                raise ValueError(
                    f"{p!r} overlaps or precedes the range before it; list ranges in order"
                )
        out.append((start, end))
    return out


class Calendar(_Model):
    """Opening hours per weekday, public holidays and special days, in one time zone.

    Parameters
    ----------
    time_zone : str
        An IANA time zone, default ``"Europe/Helsinki"``.
    holidays : HolidaySource, optional
        Where the public holidays (closed days) come from; none when omitted.
    hours : dict of str to str or list of str
        ``mon``..``sun`` to ranges such as ``"08:00-16:00"`` or ``"08:00-12:00, 13:00-16:00"``; a day
        left out is closed.
    special_days : dict of datetime.date to str or list of str
        A date to ranges or ``closed``; overrides both the weekday and the public holidays (e.g.
        Christmas Eve open 09:00-12:00).
    """

    time_zone: str = "Europe/Helsinki"
    holidays: HolidaySource | None = None
    hours: dict[str, str | list[str]] = Field(default_factory=dict)
    special_days: dict[dt.date, str | list[str]] = Field(default_factory=dict)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{v!r} is not an IANA time zone; use e.g. 'Europe/Helsinki' or 'Europe/London'"
            ) from None
        return v

    @field_validator("hours")
    @classmethod
    def _weekdays(cls, v: dict[str, Any]) -> dict[str, Any]:
        for day, ranges in v.items():
            if day not in WEEKDAYS:
                raise ValueError(f"{day!r} is not a weekday; use {', '.join(WEEKDAYS)}")
            parse_ranges(ranges)
        return v

    @field_validator("special_days")
    @classmethod
    def _special(cls, v: dict[dt.date, Any]) -> dict[dt.date, Any]:
        for ranges in v.values():
            parse_ranges(ranges)
        return v

    def ranges(self, weekday: str) -> list[tuple[dt.time, dt.time | None]]:
        """Opening ranges of a weekday.

        Parameters
        ----------
        weekday : str
            ``mon``..``sun``.

        Returns
        -------
        list of (datetime.time, datetime.time or None)
            As :func:`parse_ranges`; empty when the day is closed.
        """
        return parse_ranges(self.hours.get(weekday, "closed"))

    def open_hours_per_week(self) -> float:
        """Hours open in a week without holidays.

        Returns
        -------
        float
            The sum of the weekday ranges, in hours.
        """
        total = 0.0
        for d in WEEKDAYS:
            for start, end in self.ranges(d):
                e = 24.0 if end is None else end.hour + end.minute / 60
                total += e - (start.hour + start.minute / 60)
        return total


class Forecast(_Model):
    """A channel's expected load in its busiest regular interval (for the feasibility review).

    Parameters
    ----------
    contacts_per_interval : float
        Contacts offered in the interval (> 0).
    interval_min : int
        The interval's length in minutes, default 30.
    aht_s : float
        Average handling time in seconds (> 0).
    agents : int, optional
        Agents planned on the channel in that interval; the review checks them when given.
    shrinkage : float
        Share of scheduled time not on the phones (0 <= shrinkage < 1), default 0.3.
    """

    # sane ranges: the review runs Erlang C on these, and 1e12 agents would hang it
    contacts_per_interval: float = Field(gt=0, le=1_000_000)
    interval_min: int = Field(30, gt=0, le=1440)
    aht_s: float = Field(gt=0, le=86_400)
    agents: int | None = Field(
        None, ge=0, le=100_000, description="Agents planned on the channel in that interval"
    )
    shrinkage: float = Field(0.3, ge=0, lt=1)


class Target(_Model):
    """A measurable promise: metric + threshold (+ time limit) + period + band + owner.

    Parameters
    ----------
    id : str
        Unique in the charter: lower-case letters, digits, ``-`` and ``_``.
    metric : str
        A metric id from the catalog (``cxkit.catalog.METRICS``).
    threshold : float
        In the metric's unit (``%`` 0-100 for rates).
    within_s, within_h : float, optional
        The time limit T, in seconds or in hours (one of them), for metrics that take one.
    period : {"interval", "day", "week", "month", "quarter"}
        The period each status is judged over, default ``"day"``.
    interval_min : int, optional
        15, 30 or 60: the interval length for period ``"interval"``.
    amber : float, optional
        The edge of the "near" band on the worse side of the threshold: values between it and
        the threshold are ``near``, values beyond it ``missed``.
    bound : {"at_least", "at_most"}, optional
        Overrides the catalog direction, for two-sided targets (occupancy at least 75 and at
        most 85).
    segment : dict of str to str
        Column filters that narrow the contacts measured (e.g. ``{"queue": "vip"}``).
    owner : str, optional
        Who answers for the target.
    options : dict
        The metric definition options in force (service-level variant, ``short_abandon_s``,
        comparison, business hours...); the catalog default for the rest.
    min_n : int, optional
        Sample-size plan: the smallest n to judge the target on.
    note : str, optional
        Free text.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    metric: str
    threshold: float
    within_s: float | None = Field(None, gt=0)
    within_h: float | None = Field(None, gt=0)
    period: Period = "day"
    interval_min: int | None = Field(None, description="Interval length for period 'interval'")
    amber: float | None = None
    bound: Literal["at_least", "at_most"] | None = None
    segment: dict[str, str] = Field(default_factory=dict)
    owner: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    min_n: int | None = Field(
        None, gt=0, description="Sample-size plan: the smallest n to judge the target on"
    )
    note: str | None = None

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        if v not in METRICS:
            raise ValueError(unknown_metric_message(v))
        return v

    @field_validator("interval_min")
    @classmethod
    def _interval(cls, v: int | None) -> int | None:
        if v is not None and v not in (15, 30, 60):
            raise ValueError(f"interval_min must be 15, 30 or 60, not {v}")
        return v

    @property
    def direction(self) -> Literal["higher", "lower"]:
        """Which way is better for this target (``higher``/``lower``): catalog direction unless
        ``bound`` overrides it."""
        if self.bound == "at_least":
            return "higher"
        if self.bound == "at_most":
            return "lower"
        d = get_metric(self.metric).direction
        return "lower" if d == "lower" else "higher"

    @property
    def within_seconds(self) -> float | None:
        """The time limit T in seconds, whichever unit the charter used."""
        if self.within_s is not None:
            return self.within_s
        return None if self.within_h is None else self.within_h * 3600.0

    def option(self, name: str) -> Any:
        """An option in force: the target's own value, else the catalog default.

        Parameters
        ----------
        name : str
            An option of the target's metric, e.g. ``"variant"``.

        Returns
        -------
        object
            The value in force.

        Raises
        ------
        KeyError
            When the metric has no such option.
        """
        if name in self.options:
            return self.options[name]
        return get_metric(self.metric).options[name].default

    @property
    def variant(self) -> str | None:
        """The named variant of the metric definition, when it has variants."""
        return self.option("variant") if "variant" in get_metric(self.metric).options else None

    def status_for(self, actual: float | None) -> Status:
        """Judge an actual value against the target.

        Parameters
        ----------
        actual : float or None
            The measured value, in the metric's unit.

        Returns
        -------
        {"met", "near", "missed", "no_data"}
            ``met`` on the right side of the threshold, ``near`` within the amber band, ``missed``
            beyond it; ``no_data`` for None or NaN.
        """
        if actual is None or actual != actual:
            return "no_data"
        better = (lambda a, b: a >= b) if self.direction == "higher" else (lambda a, b: a <= b)
        if better(actual, self.threshold):
            return "met"
        if self.amber is not None and better(actual, self.amber):
            return "near"
        return "missed"

    def describe(self, lang: str = "en") -> str:
        """A one-line statement of the target.

        Parameters
        ----------
        lang : {"en", "fi"}
            The language of the metric name and the wording.

        Returns
        -------
        str
            E.g. ``Service level >= 80 % within 20 s per day``.
        """
        m = get_metric(self.metric)
        op = ">=" if self.direction == "higher" else "<="
        unit = {"%": " %", "s": " s", "h": " h", "points": " points", "per_h": " per hour"}.get(
            m.unit, ""
        )
        within = ""
        if self.within_s is not None:
            within = f" within {self.within_s:g} s" if lang != "fi" else f" {self.within_s:g} s:ssa"
        elif self.within_h is not None:
            within = f" within {self.within_h:g} h" if lang != "fi" else f" {self.within_h:g} h:ssa"
        per = {"en": " per ", "fi": " / "}.get(lang, " per ")
        if lang == "fi":
            from cxkit.i18n import t

            unit = unit.replace("points", t("unit_points", lang)).replace("per hour", "/ h")
            return (
                f"{m.name(lang)} {op} {self.threshold:g}{unit}{within}{per}{t(self.period, lang)}"
            )
        return f"{m.name(lang)} {op} {self.threshold:g}{unit}{within}{per}{self.period}"


class Goal(_Model):
    """A goal in the team's own words, why it matters, and the targets that measure it.

    Parameters
    ----------
    text : str
        The goal, as the team says it (at least 3 characters).
    why : str, optional
        Why it matters.
    targets : list of str
        Ids of the targets that show whether it is reached.
    """

    text: str = Field(min_length=3)
    why: str | None = None
    targets: list[str] = Field(default_factory=list)


class Channel(_Model):
    """A contact channel: how customers reach the team, when it is open, and what it promises.

    Parameters
    ----------
    label : Label
        The channel's name in English and Finnish.
    kind : {"sync", "async"}
        ``sync`` when contacts queue in real time (phone, chat), ``async`` otherwise.
    medium : str, optional
        One of :data:`Medium`; must fit ``kind`` (:data:`SYNC_MEDIA` are sync).
    visibility : {"private", "public", "both"}
        Whether the channel's contacts are public (social posts), private (messages) or both;
        default ``"private"``.
    calendar : str, optional
        Id of a calendar in :attr:`Charter.calendars`: the channel's opening hours.
    chase_after_h : float, optional
        Hours after which customers typically chase by another channel; the medium's default
        (:data:`DEFAULT_CHASE_AFTER_H`) when omitted.
    forecast : Forecast, optional
        Expected load and planned agents, for the feasibility review.
    goals : list of Goal
        The channel's goals.
    targets : list of Target
        The channel's targets.
    """

    label: Label
    kind: Literal["sync", "async"]
    medium: Medium | None = None
    visibility: Literal["public", "private", "both"] = "private"
    calendar: str | None = None
    chase_after_h: float | None = Field(
        None, gt=0, description="Hours after which customers typically chase by another channel"
    )
    forecast: Forecast | None = None
    goals: list[Goal] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)

    @model_validator(mode="after")
    def _medium_fits_kind(self) -> Channel:
        if self.medium is not None:
            expected = "sync" if self.medium in SYNC_MEDIA else "async"
            if expected != self.kind:
                raise ValueError(
                    f"medium {self.medium!r} is a {expected} channel, but kind is {self.kind!r}"
                )
        return self

    def chase_hours(self) -> float | None:
        """Hours after which customers typically chase by another channel.

        Returns
        -------
        float or None
            The channel's own ``chase_after_h``, else the medium's default, else None.
        """
        if self.chase_after_h is not None:
            return self.chase_after_h
        return DEFAULT_CHASE_AFTER_H.get(self.medium or "")


class Revision(_Model):
    """Who changed what and why, so the team learns from missed targets.

    Parameters
    ----------
    date : datetime.date
        When.
    who, what, why : str
        Who changed the charter, what they changed and why.
    """

    date: dt.date
    who: str
    what: str
    why: str


class Charter(_Model):
    """A service charter: channels with their goals and targets, calendars and revisions.

    Parameters
    ----------
    schema_version : int
        The schema of the document, :data:`SCHEMA_VERSION` for a new one.
    name : str
        The charter's name.
    organisation : str, optional
        Whose charter it is.
    version : str
        The team's own version label, default ``"1"``.
    language : {"en", "fi"}
        The language the team works in.
    calendars : dict of str to Calendar
        Calendars by id.
    channels : dict of str to Channel
        Channels by id (lower-case letters, digits, ``-`` and ``_``).
    revisions : list of Revision
        The change log.
    incentives : list of IncentiveRule
        Bonus or incentive rules the team uses or considers (see :mod:`cxkit.charter.incentives`).
    forms : list of EvaluationForm
        Quality-monitoring evaluation forms (:mod:`cxkit.charter.forms`); none when omitted.
    """

    schema_version: int = SCHEMA_VERSION
    name: str
    organisation: str | None = None
    version: str = "1"
    language: Literal["en", "fi"] = "en"
    calendars: dict[str, Calendar] = Field(default_factory=dict)
    channels: dict[str, Channel] = Field(default_factory=dict)
    revisions: list[Revision] = Field(default_factory=list)
    incentives: list[IncentiveRule] = Field(default_factory=list)
    forms: list[EvaluationForm] = Field(default_factory=list)
    _source: Any = PrivateAttr(default=None)
    #: The text the charter was read from and its data then: an unedited save writes the same bytes.
    _source_text: str | None = PrivateAttr(default=None)
    _source_data: Any = PrivateAttr(default=None)

    @field_validator("channels", "calendars")
    @classmethod
    def _ids(cls, v: dict[str, Any]) -> dict[str, Any]:
        for key in v:
            if not re.match(r"^[a-z0-9][a-z0-9_\-]*$", str(key)):
                raise ValueError(
                    f"{key!r} is not a valid id; use lower-case letters, digits, '-' and '_'"
                )
        return v

    def iter_targets(self) -> Iterator[tuple[str, int, Target]]:
        """Every target with its channel and position.

        Returns
        -------
        iterator of (str, int, Target)
            ``(channel_id, index, target)`` in channel order, then target order.
        """
        for cid, ch in self.channels.items():
            for i, t in enumerate(ch.targets):
                yield cid, i, t

    def target(self, target_id: str) -> Target:
        """Find a target by id.

        Parameters
        ----------
        target_id : str
            The target's id.

        Returns
        -------
        Target
            The target with that id.

        Raises
        ------
        KeyError
            No such target; the message lists the ids there are.
        """
        for _, _, t in self.iter_targets():
            if t.id == target_id:
                return t
        raise KeyError(
            f"no target {target_id!r}; the charter has {[t.id for _, _, t in self.iter_targets()]}"
        )

    def calendar_of(self, channel_id: str) -> Calendar | None:
        """The calendar a channel uses.

        Parameters
        ----------
        channel_id : str
            The channel's id.

        Returns
        -------
        Calendar or None
            The channel's calendar, or None when it has none.
        """
        cal = self.channels[channel_id].calendar
        return None if cal is None else self.calendars[cal]


# ---------------------------------------------------------------- semantic validation


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _allowed_keys(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


_MODEL_AT: dict[str, type[BaseModel]] = {
    "": Charter,
    "calendars": Calendar,
    "channels": Channel,
    "targets": Target,
    "goals": Goal,
    "revisions": Revision,
    "incentives": IncentiveRule,
    "label": Label,
    "holidays": HolidaySource,
    "forecast": Forecast,
    "forms": EvaluationForm,
    "sections": FormSection,
    "questions": FormQuestion,
    "title": FormText,
    "text": FormText,
}


def _model_for(loc: tuple[Any, ...]) -> type[BaseModel]:
    names = [p for p in loc if isinstance(p, str)]
    # walk from the end: the last container name decides the model of the unknown key's parent
    for name in reversed(names[:-1]):
        if name in _MODEL_AT:
            return _MODEL_AT[name]
    return Charter


def validation_problems(err: ValidationError) -> list[tuple[str, str]]:
    """Turn a pydantic validation error into problems a charter author can act on.

    Parameters
    ----------
    err : pydantic.ValidationError
        From validating a charter document (or a part of one).

    Returns
    -------
    list of (str, str)
        ``(path, sentence)`` per error, e.g. ``("channels.email.targets[1].threshold", ...)``;
        unknown keys list the allowed ones.
    """
    problems: list[tuple[str, str]] = []
    for e in err.errors():
        loc = tuple(e["loc"])
        if e["type"] == "extra_forbidden":
            model = _model_for(loc)
            msg: str = _text("val_unknown_key", name=repr(loc[-1]), allowed=_allowed_keys(model))
        elif e["type"] == "string_type" and isinstance(e["input"], int | float):
            msg = (
                f'{e["input"]!r} was read as a number; write it in quotes, e.g. "{e["input"]}" '
                "(YAML reads 2026.10 as 2026.1)"
            )
        elif e["type"] == "literal_error":
            choices = e["msg"].replace("Input should be ", "")
            msg = _text("val_not_allowed", value=repr(e["input"]), choices=choices)
        else:
            msg = e["msg"].removeprefix("Value error, ")
        problems.append((_loc(loc), msg))
    return problems


def semantic_problems(charter: Charter) -> list[tuple[str, str]]:
    """Problems that need the catalog or cross-references, beyond what the models check.

    Parameters
    ----------
    charter : Charter
        A charter whose models validated.

    Returns
    -------
    list of (str, str)
        ``(path, sentence)`` per problem: unknown calendars and goal targets, duplicate target
        ids, thresholds out of range, near bands on the wrong side, time limits and options that
        do not fit the metric. Empty when the charter is sound.
    """
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    all_ids = {t.id for _, _, t in charter.iter_targets()}
    for cid, ch in charter.channels.items():
        base = f"channels.{cid}"
        if ch.calendar is not None and ch.calendar not in charter.calendars:
            problems.append(
                (
                    f"{base}.calendar",
                    _text(
                        "val_no_calendar",
                        calendar=repr(ch.calendar),
                        defined=", ".join(charter.calendars) or "-",
                    ),
                )
            )
        problems += _goal_link_problems(base, ch, all_ids)
        for i, t in enumerate(ch.targets):
            p = f"{base}.targets[{i}]"
            if t.id in seen:
                problems.append((f"{p}.id", _text("val_dup_id", id=repr(t.id), at=seen[t.id])))
            seen[t.id] = p
            problems += _threshold_problems(p, t)
            problems += _time_limit_problems(p, t)
            problems += _option_problems(p, t, charter)
    problems += incentive_problems(charter.incentives, charter.channels)
    return problems + form_problems(charter)


def _goal_link_problems(base: str, ch: Channel, all_ids: set[str]) -> list[tuple[str, str]]:
    """Goals that name a target no channel has."""
    ids_here = sorted({t.id for t in ch.targets})
    return [
        (f"{base}.goals[{gi}].targets", _text("val_no_target", id=repr(tid), ids=ids_here))
        for gi, g in enumerate(ch.goals)
        for tid in g.targets
        if tid not in all_ids
    ]


def _threshold_problems(p: str, t: Target) -> list[tuple[str, str]]:
    """A threshold outside the metric's range; a near band on the wrong side of the threshold."""
    problems: list[tuple[str, str]] = []
    m = get_metric(t.metric)
    if m.low is not None and t.threshold < m.low or m.high is not None and t.threshold > m.high:
        problems.append(
            (
                f"{p}.threshold",
                _text(
                    "val_out_of_range",
                    threshold=f"{t.threshold:g}",
                    metric=m.name,
                    low=f"{m.low:g}",
                    high=f"{m.high:g}",
                    unit=m.unit,
                ),
            )
        )
    if t.amber is not None:
        worse = t.amber < t.threshold if t.direction == "higher" else t.amber > t.threshold
        if not worse:
            key = "val_amber_below" if t.direction == "higher" else "val_amber_above"
            problems.append(
                (f"{p}.amber", _text(key, threshold=f"{t.threshold:g}", amber=f"{t.amber:g}"))
            )
    return problems


def _time_limit_problems(p: str, t: Target) -> list[tuple[str, str]]:
    """A time limit given twice, given to a metric without one, or missing; an interval without
    its length."""
    problems: list[tuple[str, str]] = []
    m = get_metric(t.metric)
    if t.within_s is not None and t.within_h is not None:
        problems.append((f"{p}.within_s", _text("val_limit_twice")))
    if m.within is None and (t.within_s is not None or t.within_h is not None):
        problems.append(
            (
                f"{p}.within_{'s' if t.within_s is not None else 'h'}",
                _text("val_no_limit", metric=m.id),
            )
        )
    if m.within is not None and t.within_s is None and t.within_h is None:
        problems.append(
            (
                p,
                _text(
                    "val_needs_limit",
                    metric=m.id,
                    field=f"within_{m.within}",
                    example="within_s: 20" if m.within == "s" else "within_h: 8",
                ),
            )
        )
    if t.period == "interval" and t.interval_min is None:
        problems.append((f"{p}.interval_min", _text("val_interval_min")))
    return problems


def _option_problems(p: str, t: Target, charter: Charter) -> list[tuple[str, str]]:
    """Options the metric does not take, values it does not allow, channels that do not exist."""
    problems: list[tuple[str, str]] = []
    m = get_metric(t.metric)
    for name, value in t.options.items():
        where = f"{p}.options.{name}"
        if name not in m.options:
            allowed = ", ".join(m.options) or "none"
            problems.append(
                (where, _text("val_no_option", metric=m.id, name=repr(name), allowed=allowed))
            )
        elif name == "from_channel":
            if value != "any" and value not in charter.channels:
                problems.append(
                    (
                        where,
                        _text("val_no_channel", value=repr(value), ids=", ".join(charter.channels)),
                    )
                )
        elif why := m.options[name].check(value):
            problems.append((where, why))
    return problems


# ---------------------------------------------------------------- YAML I/O and migrations

#: Migration functions: ``MIGRATIONS[v]`` turns a schema ``v`` document into ``v + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migration(
    from_version: int,
) -> Callable[
    [Callable[[dict[str, Any]], dict[str, Any]]], Callable[[dict[str, Any]], dict[str, Any]]
]:
    """Register a migration from ``from_version`` to ``from_version + 1`` in :data:`MIGRATIONS`.

    Parameters
    ----------
    from_version : int
        The schema version the decorated function reads.

    Returns
    -------
    callable
        A decorator that registers a ``doc -> doc`` function and returns it unchanged; the
        function must set ``schema_version`` to ``from_version + 1``.
    """

    def deco(
        fn: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> Callable[[dict[str, Any]], dict[str, Any]]:
        MIGRATIONS[from_version] = fn
        return fn

    return deco


@migration(0)
def _v0_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (pre-release) kept targets in one top-level list with a ``channel`` key."""
    targets = doc.pop("targets", None) or []
    channels = doc.setdefault("channels", CommentedMap())
    for t in targets:
        cid = t.pop("channel", None)
        if cid not in channels:
            raise CharterError(
                [("targets", f"target {t.get('id')!r} names channel {cid!r}, which is not defined")]
            )
        channels[cid].setdefault("targets", CommentedSeq()).append(t)
    doc["schema_version"] = 1
    return doc


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a charter document to :data:`SCHEMA_VERSION`.

    Parameters
    ----------
    doc : dict
        A parsed charter document; a missing ``schema_version`` means 0. May be changed in place.

    Returns
    -------
    dict
        The document at :data:`SCHEMA_VERSION`.

    Raises
    ------
    CharterError
        A version that is not a whole number, or newer than this cxkit reads.
    """
    version = doc.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise CharterError(
            [("schema_version", f"{version!r} is not a schema version; use {SCHEMA_VERSION}")]
        )
    if version > SCHEMA_VERSION:
        raise CharterError(
            [
                (
                    "schema_version",
                    f"this file is schema {version}, written by a newer cxkit; "
                    f"this cxkit reads up to {SCHEMA_VERSION}: upgrade with 'pip install -U cxkit'",
                )
            ]
        )
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
    return doc


def _yaml() -> YAML:
    y = YAML()  # round-trip mode keeps comments and key order
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never re-wrap the team's sentences
    # write a null as `~`, so `owner: ~  # nobody yet` survives a save (an empty value reads as a gap)
    y.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "~")
    )
    return y


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, dt.date) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def validate_document(doc: Any, source: str | None = None) -> Charter:
    """Validate a parsed document into a :class:`Charter`.

    Parameters
    ----------
    doc : dict
        A parsed charter document (plain or ruamel); migrated first, and kept as the charter's
        source so that saving keeps its comments.
    source : str, optional
        Where the document came from, named in errors.

    Returns
    -------
    Charter
        The validated charter.

    Raises
    ------
    CharterError
        With every problem found, each named by its path.
    """
    if not isinstance(doc, dict):
        raise CharterError(
            [("(top level)", f"a charter is a mapping of keys, not {type(doc).__name__}")], source
        )
    doc = migrate(doc)
    try:
        charter = Charter.model_validate(_plain(doc))
    except ValidationError as err:
        raise CharterError(validation_problems(err), source) from None
    problems = semantic_problems(charter)
    if problems:
        raise CharterError(problems, source)
    charter._source = doc
    return charter


def loads_charter(text: str, source: str | None = None) -> Charter:
    """Parse and validate charter YAML text.

    Parameters
    ----------
    text : str
        The YAML.
    source : str, optional
        Where the text came from, named in errors.

    Returns
    -------
    Charter
        The validated charter, keeping the text's comments for saving.

    Raises
    ------
    CharterError
        Invalid YAML, or a document that does not validate.
    """
    try:
        size = _expanded_nodes(text)
        if size > MAX_YAML_NODES:
            raise CharterError(
                [
                    (
                        "(yaml)",
                        f"the document expands to over {MAX_YAML_NODES:,} values through its "
                        "aliases (*name); a charter needs far fewer. Write the values out instead.",
                    )
                ],
                source,
            )
        doc = _yaml().load(text)
    except YAMLError as err:
        raise CharterError([("(yaml)", f"not valid YAML: {err}")], source) from None
    charter = validate_document(doc, source)
    charter._source_text = text
    charter._source_data = _dump_data(charter)
    return charter


#: A charter has a few hundred values; aliases that expand past this are refused before loading
#: (nested aliases can grow a 1 kB file into gigabytes: the "billion laughs").
MAX_YAML_NODES = 100_000


def _expanded_nodes(text: str) -> int:
    """How many values the YAML would have with every alias expanded, counted from the event stream
    without building anything (stops counting as soon as the limit is passed)."""
    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # [anchor, nodes so far] of each open collection
    for ev in _yaml().parse(text):
        kind = type(ev).__name__
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            stack.append([ev.anchor, 1])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            anchor, n = stack.pop()
            if anchor:
                sizes[anchor] = n
            stack[-1][1] += n
        elif kind == "ScalarEvent":
            if ev.anchor:
                sizes[ev.anchor] = 1
            stack[-1][1] += 1
        elif kind == "AliasEvent":
            stack[-1][1] += sizes.get(ev.anchor, 1)
        if stack[0][1] > MAX_YAML_NODES or (len(stack) > 1 and stack[-1][1] > MAX_YAML_NODES):
            return MAX_YAML_NODES + 1
    return int(stack[0][1])


def load_charter(path: str | os.PathLike[str]) -> Charter:
    """Load and validate a charter file.

    Parameters
    ----------
    path : str or os.PathLike
        The YAML file.

    Returns
    -------
    Charter
        The validated charter, keeping the file's comments for saving.

    Raises
    ------
    FileNotFoundError
        No such file; the message says where the examples are.
    CharterError
        The file does not validate; errors name the file and the path in it.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(
            f"no charter at {p}; the examples are in cxkit/examples/charters/ (cx.example_charters())"
        )
    return loads_charter(p.read_text(encoding="utf-8"), str(p))


def _merge(node: Any, data: Any) -> Any:
    """Update a ruamel node in place with plain ``data``, keeping comments where keys survive."""
    if isinstance(node, CommentedMap) and isinstance(data, dict):
        keep = {_key(d) for d in data}
        # a key the model leaves out is gone, unless the file wrote it as null on purpose
        # (`owner: ~  # nobody yet` keeps its place and its comment)
        for k in [k for k in node if _key(k) not in keep and node[k] is not None]:
            del node[k]
        for k, v in data.items():
            existing = next((nk for nk in node if _key(nk) == _key(k)), None)
            if existing is not None:
                node[existing] = _merge(node[existing], v)
                value = node[existing]
                entry = node.ca.items.get(existing)
                if (
                    isinstance(value, CommentedSeq)
                    and entry
                    and len(entry) > 3
                    and value.ca.comment
                ):
                    entry[3] = value.ca.comment[1]  # the comment above a list's first item
            else:
                node[k] = _merge(None, v)
        return node
    if isinstance(node, CommentedSeq) and isinstance(data, list) and _by_id(node, data):
        return _merge_by_id(node, data)
    if isinstance(node, CommentedSeq) and isinstance(data, list):
        for i, v in enumerate(data):
            if i < len(node):
                node[i] = _merge(node[i], v)
            else:
                node.append(_merge(None, v))
        del node[len(data) :]
        return node
    if isinstance(data, dict):
        return _merge(CommentedMap(), data)
    if isinstance(data, list):
        return _merge(CommentedSeq(), data)
    if node is not None and isinstance(node, bool) == isinstance(data, bool) and node == data:
        return node  # keep ruamel's scalar (quotes, formatting, 80 vs 80.0) when the value did not change
    if isinstance(data, float) and data.is_integer():
        return int(data)  # write 80, not 80.0
    return data


def _by_id(node: CommentedSeq, data: list[Any]) -> bool:
    """A list of objects with ids (targets, goals): items are matched by id, not by position."""
    return (
        len(node) > 0
        and all(isinstance(x, CommentedMap) and "id" in x for x in node)
        and all(isinstance(x, dict) and "id" in x for x in data)
    )


def _lead_lines(token_or_list: Any) -> list[tuple[str, int]]:
    """The comment lines standing before a sequence item, as ``(text, column)``."""
    if token_or_list is None:
        return []
    tokens = token_or_list if isinstance(token_or_list, list) else [token_or_list]
    lines = []
    for tok in tokens:
        if tok is None:
            continue
        col = tok.column or 0
        for line in tok.value.split("\n"):
            if line.strip():
                lines.append((line.strip(), col))
    return lines


def _merge_by_id(node: CommentedSeq, data: list[Any]) -> CommentedSeq:
    """Merge a list of id'd objects keeping each item's own comment with it: the comment above an
    item is stored by ruamel on the item before it, so removing or moving items moves the comments
    explicitly (removing the first target no longer hands its comment to the next one)."""
    items = list(node)
    lead = [_lead_lines(node.ca.comment[1] if node.ca.comment else None)]
    for prev in items[:-1]:
        entry = prev.ca.items.get(list(prev.keys())[-1])
        lead.append(_lead_lines(entry[2] if entry and len(entry) > 2 else None))
    last = items[-1].ca.items.get(list(items[-1].keys())[-1])
    tail = last[2] if last and len(last) > 2 else None
    by_id = {str(x["id"]): (x, lead[i]) for i, x in enumerate(items)}
    for item in items:  # detach every inter-item comment; they are put back below
        entry = item.ca.items.get(list(item.keys())[-1])
        if entry and len(entry) > 2:
            entry[2] = None
    new: list[Any] = []
    new_lead: list[list[tuple[str, int]]] = []
    for v in data:
        old, comment = by_id.get(str(v["id"]), (None, []))
        new.append(_merge(old, v))
        new_lead.append(comment)
    del node[:]
    node.extend(new)
    if node.ca.comment is None:
        node.ca.comment = [None, None]
    node.ca.comment[1] = (
        [CommentToken(f"{t}\n", CommentMark(c), None) for t, c in new_lead[0]] or None
        if new
        else None
    )
    for i in range(1, len(node)):
        prev = node[i - 1]
        if new_lead[i] and isinstance(prev, CommentedMap):
            text = "\n" + "".join(f"{' ' * c}{t}\n" for t, c in new_lead[i])
            prev.ca.items.setdefault(list(prev.keys())[-1], [None, None, None, None])[2] = (
                CommentToken(text, CommentMark(new_lead[i][0][1]), None)
            )
    if tail is not None and node and isinstance(node[-1], CommentedMap):
        node[-1].ca.items.setdefault(list(node[-1].keys())[-1], [None, None, None, None])[2] = tail
    return node


def _key(k: Any) -> str:
    return k.isoformat() if isinstance(k, dt.date) else str(k)


def _dump_data(charter: Charter) -> dict[str, Any]:
    data = charter.model_dump(mode="python", exclude_unset=True, exclude_none=True)
    data["schema_version"] = SCHEMA_VERSION
    return data


def dumps_charter(charter: Charter) -> str:
    """The charter as YAML text.

    Parameters
    ----------
    charter : Charter
        The charter to write.

    Returns
    -------
    str
        YAML with ``schema_version`` first, keeping the comments, order and quoting of the file
        the charter came from wherever the values did not change.
    """
    if charter._source_text is not None and _dump_data(charter) == charter._source_data:
        return charter._source_text  # nothing changed: the same bytes, escapes and all
    source = charter._source if charter._source is not None else CommentedMap()
    doc = _merge(source, _dump_data(charter))
    if "schema_version" in doc and list(doc).index("schema_version") != 0:
        doc.move_to_end("schema_version", last=False)
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def save_charter(charter: Charter, path: str | os.PathLike[str]) -> Path:
    """Validate and save a charter atomically.

    The YAML is loaded back before anything is written, so a file that would not load is never
    written; it goes to a temporary file beside ``path`` that is then renamed over it.

    Parameters
    ----------
    charter : Charter
        The charter to save; its source document is updated to the saved one.
    path : str or os.PathLike
        The file to write; missing folders are created.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    CharterError
        When the charter does not validate; nothing is written.
    """
    text = dumps_charter(charter)
    check = loads_charter(text, str(path))  # never write a file that would not load back
    charter._source = check._source
    charter._source_text, charter._source_data = check._source_text, check._source_data
    p = Path(path)
    p = p.resolve() if p.is_symlink() else p  # write through a link, keep the link
    p.parent.mkdir(parents=True, exist_ok=True)
    for orphan in p.parent.glob(f".{p.name}.*.tmp"):  # left by a save that was killed
        orphan.unlink(missing_ok=True)
    mode = p.stat().st_mode & 0o777 if p.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600: keep the file's own mode
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p
