"""The metric catalog: one registry of every metric cxkit knows.

Widgets, the review, the check, the charts and the docs all read this registry, so a metric's
name, unit, direction, the options its definition takes and the counterweights that catch its
gaming are written once, here. Definitions follow ``shared/design/metrics.md``.

>>> from cxkit.catalog import get_metric
>>> m = get_metric("service_level")
>>> m.unit, m.direction, m.family
('%', 'higher', 'accessibility')
>>> sorted(m.options["variant"].choices)[:3]
['answered', 'ignore_abandons_within_T', 'ignore_short_abandons']
>>> get_metric("aht").counterweights
('repeat_contact_rate', 'fcr', 'csat', 'short_contact_rate', 'qa_score')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from cxkit.errors import UnknownMetricError

__all__ = [
    "COUNTERWEIGHT_FAMILIES",
    "FAMILIES",
    "METRICS",
    "Aggregation",
    "Direction",
    "Family",
    "Kind",
    "Metric",
    "Option",
    "catalog_frame",
    "get_metric",
    "ids",
    "metrics_for",
    "unknown_metric_message",
]

#: The metric families, as in :data:`FAMILIES`.
Family = Literal[
    "volume", "accessibility", "speed", "efficiency", "resolution", "quality", "customer_experience"
]
#: A channel kind: real time (phone, chat) or asynchronous (email, forms).
Kind = Literal["sync", "async"]
#: Which way a metric is better: higher, lower, or none (a context metric such as volume).
Direction = Literal["higher", "lower", "none"]
#: How rows become one figure per group: a ratio of summed counts, a mean, a quantile, a maximum, a
#: sum, an NPS from promoter and detractor counts, a snapshot at each period end, or done / planned.
Aggregation = Literal["ratio", "mean", "quantile", "max", "count", "nps", "snapshot", "coverage"]

FAMILIES: tuple[str, ...] = (
    "volume",
    "accessibility",
    "speed",
    "efficiency",
    "resolution",
    "quality",
    "customer_experience",
)
#: Families whose metrics can counterweigh an efficiency or speed target.
COUNTERWEIGHT_FAMILIES: frozenset[str] = frozenset({"resolution", "quality", "customer_experience"})


@dataclass(frozen=True)
class Option:
    """One option of a metric definition (a variant, a threshold, a flag).

    ``choices`` lists the allowed values for a categorical option; ``low``/``high`` bound a
    numeric one. ``default`` is the value in force when a target does not name it.

    Attributes
    ----------
    name : str
        The option's key in a target's ``options`` (``variant``, ``short_abandon_s``...).
    default : Any
        The value in force when a target does not name the option; its type (text, bool or
        number) is the type :meth:`check` expects.
    help : str
        One sentence on what the option does, for widgets and docs.
    choices : tuple or None
        The allowed values of a categorical option; ``None`` for a free one.
    low, high : float or None
        Bounds of a numeric option, inclusive, in the unit its name carries (``_s`` seconds...).
    """

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None

    def check(self, value: Any) -> str | None:
        """Return a problem sentence if ``value`` is not allowed, else ``None``.

        Parameters
        ----------
        value : Any
            A value a target gives this option.

        Returns
        -------
        str or None
            A sentence naming the option and what it allows, or ``None`` when ``value`` is fine.

        Examples
        --------
        >>> opt = Option("short_abandon_s", 5, "Short abandons (s).", low=0, high=120)
        >>> opt.check(10) is None, opt.check(500)
        (True, 'short_abandon_s must be at most 120, not 500')
        """
        if self.choices is not None:
            if value not in self.choices:
                allowed = ", ".join(repr(c) for c in self.choices)
                return f"{value!r} is not a {self.name}; allowed: {allowed}"
            return None
        if isinstance(self.default, str):
            if not isinstance(value, str) or not value:
                return f"{self.name} must be a text id, not {value!r}"
            return None
        if isinstance(self.default, bool):
            if not isinstance(value, bool):
                return f"{self.name} must be true or false, not {value!r}"
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{self.name} must be a number, not {value!r}"
        if self.low is not None and value < self.low:
            return f"{self.name} must be at least {self.low:g}, not {value:g}"
        if self.high is not None and value > self.high:
            return f"{self.name} must be at most {self.high:g}, not {value:g}"
        return None


@dataclass(frozen=True)
class Metric:
    """A metric definition.

    ``unit`` is the unit of a target's threshold: ``%`` (0-100), ``s`` (seconds), ``h`` (hours),
    ``score`` (on the survey or form scale), ``points`` (NPS, -100..100), ``count`` or ``per_h``.
    ``within`` says whether a target also needs a time limit T (``s`` for service level in seconds,
    ``h`` for asynchronous response service level in hours). ``agent_gameable`` marks efficiency
    and speed metrics an agent can improve by serving customers worse; the review asks for a
    counterweight target from :data:`COUNTERWEIGHT_FAMILIES` next to them. ``sample_based`` marks
    survey and QA metrics whose targets need a sample-size plan. ``table`` is the input table its rows
    come from (``journeys``: contacts and tickets linked by customer) and ``aggregation`` how the rows
    become one figure per group (see :data:`Aggregation`); the metric engine in :mod:`cxkit.measure`
    reads both, so neither is written anywhere else.

    Attributes
    ----------
    id : str
        The catalog id a target names (``service_level``, ``aht``...).
    name_en, name_fi, definition_en, definition_fi : str
        Name and one-sentence definition in English and Finnish (see :meth:`name`,
        :meth:`definition`).
    formula : str
        The formula in words and letters, as in ``metrics.md``.
    unit : str
        Unit of the metric's value and of a target's threshold (see above).
    direction : {"higher", "lower", "none"}
        Which way is better; ``none`` for context metrics such as volume.
    family : str
        One of :data:`FAMILIES`.
    kinds : tuple of {"sync", "async"}
        The channel kinds the metric fits.
    inputs : tuple of str
        The ``table.column`` inputs it reads.
    options : dict of str to Option
        The definition options a target may set (see :meth:`defaults`).
    table : str
        The input table its rows come from.
    aggregation : str
        How rows become one figure per group (see :data:`Aggregation`).
    counterweights : tuple of str
        Ids of metrics that catch gaming of this one.
    within : {"s", "h"} or None
        Unit of the time limit T a target needs, or ``None`` when it needs none.
    agent_gameable, sample_based : bool
        See above.
    low, high : float or None
        The range a threshold may take, in ``unit``.
    """

    id: str
    name_en: str
    name_fi: str
    definition_en: str
    definition_fi: str
    formula: str
    unit: str
    direction: Direction
    family: Family
    kinds: tuple[Kind, ...]
    inputs: tuple[str, ...]
    options: dict[str, Option] = field(default_factory=dict)
    table: str = "contacts"
    aggregation: Aggregation = "ratio"
    counterweights: tuple[str, ...] = ()
    within: Literal["s", "h"] | None = None
    agent_gameable: bool = False
    sample_based: bool = False
    low: float | None = None
    high: float | None = None

    def name(self, lang: str = "en") -> str:
        """The metric's name in ``lang`` (``en`` or ``fi``).

        Parameters
        ----------
        lang : str
            ``fi`` for Finnish; anything else gives English.

        Returns
        -------
        str
            The metric's display name.

        Examples
        --------
        >>> get_metric("aht").name("fi")
        'Keskimääräinen käsittelyaika'
        """
        return self.name_fi if lang == "fi" else self.name_en

    def definition(self, lang: str = "en") -> str:
        """The metric's definition in ``lang`` (``en`` or ``fi``).

        Parameters
        ----------
        lang : str
            ``fi`` for Finnish; anything else gives English.

        Returns
        -------
        str
            One sentence defining the metric.
        """
        return self.definition_fi if lang == "fi" else self.definition_en

    def defaults(self) -> dict[str, Any]:
        """The option values in force when a target names none.

        Returns
        -------
        dict of str to Any
            Each option's name and its default value (empty for a metric without options).

        Examples
        --------
        >>> get_metric("abandon_rate").defaults()
        {'variant': 'of_offered', 'short_abandon_s': 5}
        """
        return {k: o.default for k, o in self.options.items()}


_SL_VARIANTS = (
    "offered",
    "answered",
    "ignore_abandons_within_T",
    "ignore_short_abandons",
    "positive_abandon",
    "removed_from_queue",
)
_COMPARISON = Option(
    "comparison", "<=", "Whether a wait equal to T counts as within T.", ("<=", "<")
)
_SHORT_AB = Option(
    "short_abandon_s", 5, "Abandons at or under this wait (s) are short abandons.", low=0, high=120
)
_BUSINESS = Option("business_hours", True, "Measure time in the channel calendar's business hours.")
_WINDOW = Option(
    "window_days",
    7,
    "A contact by the same customer within this many days is a repeat.",
    low=0.01,
    high=90,
)
_CENSOR = Option(
    "censor",
    "exclude",
    "Contacts too close to the data's edge to show a repeat (or to be one) leave the denominator; "
    "'include' keeps them and says so.",
    ("exclude", "include"),
)


_STATISTIC = Option("statistic", "mean", "Statistic of the times.", ("mean", "median", "p90"))
_BOTS = Option("include_bots", False, "Count bot replies as replies (by default they do not).")


def _opt(*opts: Option) -> dict[str, Option]:
    return {o.name: o for o in opts}


_SYNC: tuple[Kind, ...] = ("sync",)
_ASYNC: tuple[Kind, ...] = ("async",)
_BOTH: tuple[Kind, ...] = ("sync", "async")

_METRICS: tuple[Metric, ...] = (
    Metric(
        "offered",
        "Contacts offered",
        "Tarjotut yhteydenotot",
        "Contacts that entered the queue (or were created, for asynchronous channels).",
        "Jonoon tulleet (tai luodut) yhteydenotot.",
        "O",
        "count",
        "none",
        "volume",
        _BOTH,
        ("contacts.arrival",),
        table="contacts",
        aggregation="count",
        low=0,
    ),
    Metric(
        "answer_rate",
        "Answer rate",
        "Vastausprosentti",
        "Share of offered contacts that an agent answered.",
        "Osuus tarjotuista yhteydenotoista, joihin asiantuntija vastasi.",
        "A / O",
        "%",
        "higher",
        "accessibility",
        _SYNC,
        ("contacts.outcome",),
        _opt(Option("include_flowouts", True, "Count callbacks, voicemail and overflow in O.")),
        table="contacts",
        aggregation="ratio",
        counterweights=("service_level",),
        low=0,
        high=100,
    ),
    Metric(
        "abandon_rate",
        "Abandon rate",
        "Luopumisprosentti",
        "Share of contacts whose customer gave up while waiting. Callbacks are flow-outs, not abandons.",
        "Osuus yhteydenotoista, joissa asiakas luopui jonossa. Takaisinsoitto ei ole luopuminen.",
        "Ab / O  |  (Ab - SAb) / (O - SAb)  |  Ab / (A + Ab)",
        "%",
        "lower",
        "accessibility",
        _SYNC,
        ("contacts.outcome", "contacts.wait_s"),
        _opt(
            Option(
                "variant",
                "of_offered",
                "Denominator of the abandon rate.",
                ("of_offered", "exclude_short", "of_answered_and_abandoned"),
            ),
            _SHORT_AB,
        ),
        table="contacts",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "service_level",
        "Service level",
        "Palvelutaso",
        "Share of contacts answered within T seconds; the variant names the denominator.",
        "Osuus yhteydenotoista, joihin vastattiin T sekunnissa; variantti kertoo nimittäjän.",
        "offered: A(<=T) / O (see metrics.md for all six variants)",
        "%",
        "higher",
        "accessibility",
        _SYNC,
        ("contacts.outcome", "contacts.wait_s"),
        _opt(
            Option("variant", "offered", "Which contacts form the denominator.", _SL_VARIANTS),
            Option("include_flowouts", True, "Flow-outs count in O as misses."),
            _SHORT_AB,
            _COMPARISON,
            Option("include_ring_time", False, "Wait includes ring time at the agent."),
            Option("attribution", "entry", "Interval a contact belongs to.", ("entry", "answer")),
        ),
        table="contacts",
        aggregation="ratio",
        counterweights=("abandon_rate", "answer_rate"),
        within="s",
        low=0,
        high=100,
    ),
    Metric(
        "asa",
        "Average speed of answer",
        "Keskimääräinen vastausaika",
        "Mean wait of answered contacts.",
        "Vastattujen yhteydenottojen keskimääräinen jonotusaika.",
        "sum w(answered) / A",
        "s",
        "lower",
        "speed",
        _SYNC,
        ("contacts.wait_s",),
        _opt(Option("include_ring_time", False, "Wait includes ring time at the agent.")),
        table="contacts",
        aggregation="mean",
        counterweights=("abandon_rate",),
        low=0,
        high=3600,
    ),
    Metric(
        "average_wait",
        "Average wait (all)",
        "Keskimääräinen jonotusaika (kaikki)",
        "Mean wait of answered and abandoned contacts.",
        "Vastattujen ja luopuneiden keskimääräinen jonotusaika.",
        "sum w(A + Ab) / (A + Ab)",
        "s",
        "lower",
        "speed",
        _SYNC,
        ("contacts.wait_s",),
        table="contacts",
        aggregation="mean",
        low=0,
        high=3600,
    ),
    Metric(
        "wait_percentile",
        "Wait percentile",
        "Jonotusajan persentiili",
        "The wait that this share of answered contacts did not exceed (p50, p90, p95).",
        "Jonotusaika, jonka tämä osuus vastatuista ei ylittänyt.",
        "quantile(w(answered), q)",
        "s",
        "lower",
        "speed",
        _SYNC,
        ("contacts.wait_s",),
        _opt(Option("quantile", 0.9, "Quantile of the wait.", (0.5, 0.8, 0.9, 0.95, 0.99))),
        table="contacts",
        aggregation="quantile",
        low=0,
        high=3600,
    ),
    Metric(
        "longest_wait",
        "Longest wait",
        "Pisin jonotusaika",
        "The longest wait of any contact in the period.",
        "Jakson pisin jonotusaika.",
        "max w",
        "s",
        "lower",
        "speed",
        _SYNC,
        ("contacts.wait_s",),
        table="contacts",
        aggregation="max",
        low=0,
        high=86400,
    ),
    Metric(
        "average_abandon_time",
        "Average abandon time",
        "Keskimääräinen luopumisaika",
        "Mean wait of contacts that abandoned: how long customers are willing to wait.",
        "Luopuneiden keskimääräinen jonotusaika: kuinka kauan asiakkaat jaksavat odottaa.",
        "sum w(abandoned) / Ab",
        "s",
        "none",
        "accessibility",
        _SYNC,
        ("contacts.wait_s",),
        table="contacts",
        aggregation="mean",
        low=0,
        high=3600,
    ),
    Metric(
        "aht",
        "Average handle time",
        "Keskimääräinen käsittelyaika",
        "Talk + hold + after-contact work per handled contact; each agent segment is a handle.",
        "Puhe + pito + jälkikirjaus käsiteltyä yhteydenottoa kohden.",
        "(talk + hold + ACW) / handled",
        "s",
        "lower",
        "efficiency",
        _BOTH,
        ("contacts.talk_s", "contacts.hold_s", "contacts.acw_s"),
        table="contacts",
        aggregation="mean",
        counterweights=("repeat_contact_rate", "fcr", "csat", "short_contact_rate", "qa_score"),
        agent_gameable=True,
        low=1,
        high=7200,
    ),
    Metric(
        "acw",
        "After-contact work",
        "Jälkikirjausaika",
        "Mean after-contact work per handled contact.",
        "Keskimääräinen jälkikirjausaika.",
        "sum ACW / handled",
        "s",
        "lower",
        "efficiency",
        _BOTH,
        ("contacts.acw_s",),
        table="contacts",
        aggregation="mean",
        counterweights=("qa_score", "fcr"),
        agent_gameable=True,
        low=0,
        high=3600,
    ),
    Metric(
        "hold",
        "Hold time",
        "Pitoaika",
        "Mean hold time per handled contact.",
        "Keskimääräinen pitoaika.",
        "sum hold / handled",
        "s",
        "lower",
        "efficiency",
        _SYNC,
        ("contacts.hold_s",),
        table="contacts",
        aggregation="mean",
        counterweights=("fcr", "csat"),
        agent_gameable=True,
        low=0,
        high=3600,
    ),
    Metric(
        "occupancy",
        "Occupancy",
        "Käyttöaste",
        "Share of logged-in available time spent handling contacts.",
        "Osuus kirjautuneesta käytettävissä olevasta ajasta, joka kului yhteydenottoihin.",
        "handle / (handle + available idle)",
        "%",
        "higher",
        "efficiency",
        _BOTH,
        ("agent_states.handle_s", "agent_states.idle_s"),
        table="agent_states",
        aggregation="ratio",
        counterweights=("service_level", "qa_score"),
        agent_gameable=False,
        low=0,
        high=100,
    ),
    Metric(
        "contacts_per_hour",
        "Contacts per hour",
        "Yhteydenottoja tunnissa",
        "Handled contacts per logged-in hour.",
        "Käsiteltyjä yhteydenottoja kirjautunutta tuntia kohden.",
        "handled / logged-in hours",
        "per_h",
        "higher",
        "efficiency",
        _BOTH,
        ("contacts.agent", "agent_states.logged_in_s"),
        table="agent_states",
        aggregation="ratio",
        counterweights=("repeat_contact_rate", "fcr", "csat", "qa_score"),
        agent_gameable=True,
        low=0,
        high=200,
    ),
    Metric(
        "transfer_rate",
        "Transfer rate",
        "Siirtoprosentti",
        "Share of handled contacts transferred to another agent or queue.",
        "Osuus käsitellyistä yhteydenotoista, jotka siirrettiin eteenpäin.",
        "transferred / handled",
        "%",
        "lower",
        "efficiency",
        _BOTH,
        ("contacts.transferred",),
        table="contacts",
        aggregation="ratio",
        counterweights=("fcr", "aht"),
        agent_gameable=True,
        low=0,
        high=100,
    ),
    Metric(
        "short_contact_rate",
        "Short contact rate",
        "Lyhyiden yhteydenottojen osuus",
        "Share of answered contacts with talk under short_talk_s: the hang-up signal.",
        "Osuus vastatuista, joiden puheaika alitti rajan: katkaisujen merkki.",
        "answered with talk < short_talk_s / answered",
        "%",
        "lower",
        "quality",
        _SYNC,
        ("contacts.talk_s",),
        _opt(
            Option(
                "short_talk_s",
                10,
                "Talk under this many seconds is a short contact.",
                low=1,
                high=120,
            )
        ),
        table="contacts",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "first_response_time",
        "First response time",
        "Ensimmäisen vastauksen aika",
        "Time from creation to the first public agent reply (automatic replies do not count).",
        "Aika luonnista asiantuntijan ensimmäiseen vastaukseen (automaattivastaukset eivät lasketa).",
        "mean(first_reply - created)",
        "h",
        "lower",
        "speed",
        _ASYNC,
        ("tickets.created", "tickets.first_reply"),
        _opt(
            _BUSINESS,
            _STATISTIC,
            Option("pause_statuses", False, "Stop the clock while waiting for the customer."),
        ),
        table="tickets",
        aggregation="mean",
        counterweights=("fcr", "csat", "repeat_contact_rate"),
        agent_gameable=True,
        low=0,
        high=2400,
    ),
    Metric(
        "next_reply_time",
        "Next reply time",
        "Seuraavan vastauksen aika",
        "Time from the oldest unanswered customer message to the next agent reply.",
        "Aika vanhimmasta vastaamattomasta asiakasviestistä seuraavaan vastaukseen.",
        "mean(next reply - oldest unanswered)",
        "h",
        "lower",
        "speed",
        _BOTH,
        ("conversations.sent_at", "conversations.author_role"),
        _opt(
            _BUSINESS,
            _STATISTIC,
            _BOTS,
        ),
        table="conversations",
        aggregation="mean",
        counterweights=("fcr", "csat"),
        agent_gameable=True,
        low=0,
        high=2400,
    ),
    Metric(
        "resolution_time",
        "Resolution time",
        "Ratkaisuaika",
        "Time from creation to solved: first resolution, or total when reopened.",
        "Aika luonnista ratkaisuun: ensimmäinen tai kokonainen, jos avattu uudelleen.",
        "mean(solved - created)",
        "h",
        "lower",
        "speed",
        _ASYNC,
        ("tickets.created", "tickets.solved"),
        _opt(
            _BUSINESS,
            Option("which", "first", "First or total resolution.", ("first", "total")),
            _STATISTIC,
            Option("pause_statuses", True, "Stop the clock while waiting for the customer."),
        ),
        table="tickets",
        aggregation="mean",
        counterweights=("repeat_contact_rate", "csat"),
        agent_gameable=True,
        low=0,
        high=24000,
    ),
    Metric(
        "response_service_level",
        "Response service level",
        "Vastauspalvelutaso",
        "Share of items responded within T hours; unanswered items past T are misses, "
        "open items younger than T are excluded.",
        "Osuus viesteistä, joihin vastattiin T tunnissa; vastaamattomat yli T ovat ohi, "
        "nuoremmat avoimet eivät lasketa.",
        "responded(<=T) / (items - open younger than T)",
        "%",
        "higher",
        "speed",
        _ASYNC,
        ("tickets.created", "tickets.first_reply"),
        _opt(
            _BUSINESS,
            _COMPARISON,
            Option(
                "visibility",
                "all",
                "Public posts, private messages or all.",
                ("all", "public", "private"),
            ),
        ),
        table="tickets",
        aggregation="ratio",
        counterweights=("fcr", "csat", "repeat_contact_rate"),
        within="h",
        agent_gameable=True,
        low=0,
        high=100,
    ),
    Metric(
        "social_response_rate",
        "Social response rate",
        "Somevastausprosentti",
        "Share of public posts or private messages that got an agent reply.",
        "Osuus julkisista julkaisuista tai yksityisviesteistä, joihin vastattiin.",
        "replied / items",
        "%",
        "higher",
        "accessibility",
        _ASYNC,
        ("tickets.first_reply",),
        _opt(
            Option(
                "visibility", "public", "Public posts or private messages.", ("public", "private")
            )
        ),
        table="tickets",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "conversation_first_response_time",
        "Conversation first response time",
        "Keskustelun ensimmäisen vastauksen aika",
        "Time from a conversation's first customer message to the first agent reply.",
        "Aika keskustelun ensimmäisestä asiakasviestistä asiantuntijan ensimmäiseen vastaukseen.",
        "mean(first agent reply - first customer message)",
        "h",
        "lower",
        "speed",
        _BOTH,
        ("conversations.sent_at", "conversations.author_role"),
        _opt(
            _BUSINESS,
            _STATISTIC,
            _BOTS,
        ),
        table="conversations",
        aggregation="mean",
        counterweights=("conversation_resolution_rate", "csat"),
        agent_gameable=True,
        low=0,
        high=2400,
    ),
    Metric(
        "reply_service_level",
        "Reply service level",
        "Vastausten palvelutaso",
        "Share of customer messages (or runs of them) replied within T hours; unanswered past T "
        "are misses, unanswered younger than T are excluded.",
        "Osuus asiakasviesteistä, joihin vastattiin T tunnissa; vastaamattomat yli T ovat ohi, "
        "nuoremmat eivät lasketa.",
        "runs replied(<=T) / (runs - unanswered younger than T)",
        "%",
        "higher",
        "speed",
        _ASYNC,
        ("conversations.sent_at", "conversations.author_role"),
        _opt(
            _BUSINESS,
            _COMPARISON,
            Option(
                "visibility",
                "all",
                "Public posts, private messages or all.",
                ("all", "public", "private"),
            ),
            _BOTS,
        ),
        table="conversations",
        aggregation="ratio",
        counterweights=("conversation_resolution_rate", "csat"),
        within="h",
        agent_gameable=True,
        low=0,
        high=100,
    ),
    Metric(
        "public_response_rate",
        "Public response rate",
        "Julkisten vastausten osuus",
        "Share of conversations a customer opened in public that got a public agent reply.",
        "Osuus julkisesti aloitetuista keskusteluista, joihin vastattiin julkisesti.",
        "public conversations with a public reply / public conversations",
        "%",
        "higher",
        "accessibility",
        _ASYNC,
        ("conversations.visibility", "conversations.author_role"),
        _opt(_BOTS),
        table="conversations",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "replies_per_conversation",
        "Replies per conversation",
        "Vastauksia keskustelua kohden",
        "Mean number of agent replies in a conversation with a customer message.",
        "Asiantuntijan vastausten keskimäärä keskustelua kohden.",
        "agent replies / conversations",
        "count",
        "lower",
        "efficiency",
        _BOTH,
        ("conversations.author_role",),
        _opt(_BOTS),
        table="conversations",
        aggregation="mean",
        counterweights=("conversation_resolution_rate", "csat"),
        low=0,
        high=100,
    ),
    Metric(
        "conversation_resolution_rate",
        "Conversation resolution rate",
        "Ratkaistujen keskustelujen osuus",
        "Share of conversations marked resolved.",
        "Osuus keskusteluista, jotka merkittiin ratkaistuiksi.",
        "resolved conversations / conversations",
        "%",
        "higher",
        "resolution",
        _BOTH,
        ("conversations.resolved",),
        table="conversations",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "backlog_age",
        "Oldest backlog age",
        "Vanhimman jonossa olevan ikä",
        "Age of the oldest open item at the end of each period; the age profile goes with it.",
        "Vanhimman avoimen viestin ikä jakson lopussa.",
        "max(now - created) over open items",
        "h",
        "lower",
        "speed",
        _ASYNC,
        ("tickets.created", "tickets.solved"),
        _opt(_BUSINESS),
        table="tickets",
        aggregation="snapshot",
        low=0,
        high=24000,
    ),
    Metric(
        "fcr",
        "First contact resolution",
        "Ensikontaktiratkaisu",
        "Share of contacts resolved at the first contact; the variant names the evidence.",
        "Osuus yhteydenotoista, jotka ratkesivat ensimmäisellä kerralla; variantti kertoo lähteen.",
        "agent_flag: resolved / handled | survey: yes / responses | no_repeat: 1 - repeats / contacts",
        "%",
        "higher",
        "resolution",
        _BOTH,
        ("contacts.customer", "contacts.arrival"),
        _opt(
            Option(
                "variant",
                "no_repeat",
                "Evidence of resolution.",
                ("agent_flag", "survey", "no_repeat"),
            ),
            _WINDOW,
            _CENSOR,
            Option("scope", "any_channel", "Which repeats count.", ("any_channel", "same_channel")),
        ),
        table="journeys",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "repeat_contact_rate",
        "Repeat contact rate",
        "Uusintayhteydenottojen osuus",
        "Share of contacts followed by another contact from the same customer within W days.",
        "Osuus yhteydenotoista, joita seurasi saman asiakkaan uusi yhteydenotto W päivässä.",
        "1 - FCR(no_repeat)",
        "%",
        "lower",
        "resolution",
        _BOTH,
        ("contacts.customer", "contacts.arrival"),
        _opt(
            _WINDOW,
            _CENSOR,
            Option("scope", "any_channel", "Which repeats count.", ("any_channel", "same_channel")),
        ),
        table="journeys",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "chase_rate",
        "Chase rate",
        "Perään kyselyjen osuus",
        "Contacts in this channel within W after an unanswered or unresolved contact by the same "
        "customer in another channel (the call that comes because the email got no reply).",
        "Yhteydenotot tässä kanavassa W:n sisällä vastaamattoman toisen kanavan yhteydenoton jälkeen.",
        "chasers / contacts",
        "%",
        "lower",
        "resolution",
        _BOTH,
        ("contacts.customer", "contacts.arrival"),
        _opt(
            _WINDOW,
            _CENSOR,
            Option("from_channel", "any", "Channel of the first contact (an id or 'any')."),
        ),
        table="journeys",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "failure_demand",
        "Failure demand",
        "Virhekysyntä",
        "Share of contacts that are repeats or chases, and the agent hours they cost.",
        "Osuus yhteydenotoista, jotka ovat uusintoja tai perään kyselyjä.",
        "(repeats + chases) / contacts",
        "%",
        "lower",
        "resolution",
        _BOTH,
        ("contacts.customer", "contacts.arrival"),
        _opt(_WINDOW, _CENSOR),
        table="journeys",
        aggregation="ratio",
        low=0,
        high=100,
    ),
    Metric(
        "csat",
        "Customer satisfaction",
        "Asiakastyytyväisyys",
        "Share of survey responses in the top boxes (4-5 on 1-5), or the mean score.",
        "Osuus vastauksista kahdessa parhaassa luokassa (4-5 asteikolla 1-5) tai keskiarvo.",
        "top-box responses / responses  |  mean(score)",
        "%",
        "higher",
        "customer_experience",
        _BOTH,
        ("surveys.csat",),
        _opt(
            Option("statistic", "top_box", "Top-box share (%) or mean score.", ("top_box", "mean")),
            Option("top_box_min", 4, "Lowest score in the top box.", low=1, high=10),
        ),
        table="surveys",
        aggregation="ratio",
        sample_based=True,
        low=0,
        high=100,
    ),
    Metric(
        "nps",
        "Net promoter score",
        "Suositteluindeksi (NPS)",
        "% promoters (9-10) minus % detractors (0-6) on a 0-10 scale.",
        "Suosittelijoiden (9-10) % miinus arvostelijoiden (0-6) % asteikolla 0-10.",
        "%P - %D",
        "points",
        "higher",
        "customer_experience",
        _BOTH,
        ("surveys.nps",),
        table="surveys",
        aggregation="nps",
        sample_based=True,
        low=-100,
        high=100,
    ),
    Metric(
        "ces",
        "Customer effort score",
        "Asiakkaan vaivannäkö (CES)",
        "Mean effort score; the scale says which way is better.",
        "Keskimääräinen vaivannäköpistemäärä; asteikko kertoo suunnan.",
        "mean(score)",
        "score",
        "lower",
        "customer_experience",
        _BOTH,
        ("surveys.ces",),
        _opt(
            Option(
                "scale",
                "effort_1_5",
                "1-5 effort (lower better) or 1-7 made it easy (higher better).",
                ("effort_1_5", "easy_1_7"),
            )
        ),
        table="surveys",
        aggregation="mean",
        sample_based=True,
        low=1,
        high=7,
    ),
    Metric(
        "qa_score",
        "Quality score",
        "Laatupisteet",
        "Weighted evaluation-form score 0-100; a failed critical item sets it to 0.",
        "Arviointilomakkeen painotettu pistemäärä 0-100; kriittinen virhe nollaa sen.",
        "sum(earned x weight) / sum(possible x weight)",
        "score",
        "higher",
        "quality",
        _BOTH,
        ("evaluations.score",),
        table="evaluations",
        aggregation="mean",
        sample_based=True,
        low=0,
        high=100,
    ),
    Metric(
        "critical_fail_rate",
        "Critical fail rate",
        "Kriittisten virheiden osuus",
        "Share of evaluations with a failed critical (fatal) item.",
        "Osuus arvioinneista, joissa kriittinen kohta hylättiin.",
        "evaluations with a failed critical item / evaluations",
        "%",
        "lower",
        "quality",
        _BOTH,
        ("evaluations.critical_failed",),
        table="evaluations",
        aggregation="ratio",
        sample_based=True,
        low=0,
        high=100,
    ),
    Metric(
        "evaluation_coverage",
        "Evaluation coverage",
        "Arviointikattavuus",
        "Evaluations done as a share of planned (4 per agent per month by default).",
        "Tehdyt arvioinnit suhteessa suunniteltuihin (oletus 4 / asiantuntija / kk).",
        "done / planned",
        "%",
        "higher",
        "quality",
        _BOTH,
        ("evaluations.agent",),
        _opt(
            Option(
                "planned_per_agent_month",
                4,
                "Evaluations planned per agent per month.",
                low=1,
                high=100,
            )
        ),
        table="evaluations",
        aggregation="coverage",
        low=0,
        high=200,
    ),
)

#: Registry of every metric, by id, in catalog order.
METRICS: dict[str, Metric] = {m.id: m for m in _METRICS}


def get_metric(metric_id: str) -> Metric:
    """Return the catalog entry for ``metric_id``.

    Raises :class:`UnknownMetricError` with the closest ids when the id is unknown.

    Parameters
    ----------
    metric_id : str
        A catalog id (see :func:`catalog_frame` for all of them).

    Returns
    -------
    Metric
        The metric's definition: name, unit, direction, options, counterweights...

    Examples
    --------
    >>> get_metric("aht").unit
    's'

    >>> get_metric("ahtt")
    Traceback (most recent call last):
    ...
    cxkit.errors.UnknownMetricError: unknown metric 'ahtt'; did you mean 'aht'? ...
    """
    try:
        return METRICS[metric_id]
    except KeyError:
        raise UnknownMetricError(unknown_metric_message(metric_id)) from None


def unknown_metric_message(metric_id: str) -> str:
    """A sentence for an unknown id, naming the closest known ids and where to see them all.

    Parameters
    ----------
    metric_id : str
        The id that is not in the catalog.

    Returns
    -------
    str
        The message of :class:`UnknownMetricError`.

    Examples
    --------
    >>> unknown_metric_message("ahtt")
    "unknown metric 'ahtt'; did you mean 'aht'? see cxkit.catalog_frame() for all ... ids"
    """
    close = difflib.get_close_matches(str(metric_id), METRICS, n=3)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    return (
        f"unknown metric {metric_id!r}; {hint}see cxkit.catalog_frame() for all {len(METRICS)} ids"
    )


def metrics_for(kind: Kind | None = None, family: str | None = None) -> list[Metric]:
    """Metrics that fit a channel ``kind`` and/or belong to ``family``.

    Parameters
    ----------
    kind : {"sync", "async"} or None
        Keep metrics that fit this channel kind; ``None`` keeps all.
    family : str or None
        Keep metrics of this family (one of :data:`FAMILIES`); ``None`` keeps all.

    Returns
    -------
    list of Metric
        The matching metrics, in catalog order.

    Examples
    --------
    >>> ids(metrics_for("async", "resolution"))
    ['conversation_resolution_rate', 'fcr', 'repeat_contact_rate', 'chase_rate', 'failure_demand']
    """
    return [
        m
        for m in METRICS.values()
        if (kind is None or kind in m.kinds) and (family is None or m.family == family)
    ]


def catalog_frame(
    lang: str = "en", *, kind: str | None = None, family: str | None = None
) -> pd.DataFrame:
    """The catalog as a tidy DataFrame, one row per metric.

    Columns: ``id, name, family, unit, direction, kinds, definition, formula, options,
    counterweights``. ``lang`` picks English (``en``) or Finnish (``fi``) names and definitions.

    Parameters
    ----------
    lang : str
        ``en`` (default) or ``fi`` for the names and definitions.
    kind : {"sync", "async"} or None
        Keep metrics that fit this channel kind; ``None`` keeps all.
    family : str or None
        Keep metrics of this family (one of :data:`FAMILIES`); ``None`` keeps all.

    Returns
    -------
    pandas.DataFrame
        One row per metric, in catalog order (all text, no numbers):

        - ``id``: the catalog id a target names.
        - ``name``: display name in ``lang``.
        - ``family``: one of :data:`FAMILIES`.
        - ``unit``: unit of the metric and its threshold (``%`` percent 0-100, ``s`` seconds,
          ``h`` hours, ``score``, ``points`` -100..100, ``count``, ``per_h`` per hour).
        - ``direction``: ``higher``, ``lower`` or ``none`` (which way is better).
        - ``kinds``: the channel kinds it fits, comma-separated (``sync, async``).
        - ``definition``: one sentence in ``lang``.
        - ``formula``: the formula as in ``metrics.md``.
        - ``options``: names of the definition options, comma-separated.
        - ``counterweights``: ids of metrics that catch its gaming, comma-separated.

    Examples
    --------
    >>> df = catalog_frame("fi", kind="async", family="speed")
    >>> df.loc[df.id == "first_response_time", "name"].item()
    'Ensimmäisen vastauksen aika'
    """
    rows = [
        {
            "id": m.id,
            "name": m.name(lang),
            "family": m.family,
            "unit": m.unit,
            "direction": m.direction,
            "kinds": ", ".join(m.kinds),
            "definition": m.definition(lang),
            "formula": m.formula,
            "options": ", ".join(m.options),
            "counterweights": ", ".join(m.counterweights),
        }
        for m in metrics_for(kind, family)  # type: ignore[arg-type]
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "name",
            "family",
            "unit",
            "direction",
            "kinds",
            "definition",
            "formula",
            "options",
            "counterweights",
        ],
    )


def ids(metrics: Iterable[Metric]) -> list[str]:
    """The ids of ``metrics``, in order.

    Parameters
    ----------
    metrics : iterable of Metric
        Catalog entries, e.g. from :func:`metrics_for`.

    Returns
    -------
    list of str
        Their ids, in the order given.

    Examples
    --------
    >>> ids([get_metric("aht"), get_metric("fcr")])
    ['aht', 'fcr']
    """
    return [m.id for m in metrics]
