"""Incentive rules as charter objects: the bonus scheme a team is thinking of, written down so that
the workbook can show who it would reward (and whether it would be gamed) before anyone is paid by it.

A rule ranks agents by a per-agent measure (``aht`` lowest, ``handled`` highest) and rewards the
``top`` of them or everyone past a ``threshold``; or it rewards every agent of a team whose service
level meets ``threshold`` % within ``within_s`` seconds ("80/20 per team").

>>> r = IncentiveRule(id="speed", measure="aht", rank="lowest", top=1, channel="phone")
>>> r.describe()
'the 1 agent(s) with the lowest AHT (phone)'
>>> IncentiveRule(id="team", measure="service_level", per="team", threshold=80, within_s=20).describe()
'every agent of a team meeting 80 % within 20 s'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["IncentiveRule", "incentive_problems"]

_MEASURES = {"aht": "AHT", "handled": "contacts handled", "service_level": "service level"}


class IncentiveRule(BaseModel):
    """A bonus or incentive rule.

    Parameters
    ----------
    id : str
        Rule id (lower-case letters, digits, ``-`` and ``_``).
    text : str, optional
        The rule in the team's own words.
    measure : {"aht", "handled", "service_level"}
        What the rule looks at: average handle time (s), contacts handled, or the team's service
        level (percent of offered answered within ``within_s``).
    per : {"agent", "team"}
        Rewarded one agent at a time, or every agent of a team (the channel) together.
    rank : {"lowest", "highest"}, optional
        For a ranked rule: which end of the ranking is rewarded.
    top : int, optional
        How many agents a ranked rule rewards.
    threshold : float, optional
        Reward every agent (or team) at or past it: at most ``threshold`` seconds of AHT, at
        least ``threshold`` contacts, at least ``threshold`` % service level.
    within_s : float, optional
        The service level's time limit, seconds (``service_level`` only).
    channel : str, optional
        The channel whose agents the rule covers (default: all).
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    text: str | None = None
    measure: Literal["aht", "handled", "service_level"]
    per: Literal["agent", "team"] = "agent"
    rank: Literal["lowest", "highest"] | None = None
    top: int | None = Field(None, ge=1, le=10_000)
    threshold: float | None = Field(None, ge=0)
    within_s: float | None = Field(None, gt=0, le=86_400)
    channel: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> IncentiveRule:
        if self.measure == "service_level":
            if self.per != "team" or self.threshold is None or self.within_s is None:
                raise ValueError(
                    "a service-level rule is a team rule: write per: team, threshold (percent) "
                    "and within_s, e.g. threshold: 80, within_s: 20"
                )
            if self.threshold > 100 or self.rank is not None or self.top is not None:
                raise ValueError(
                    "a service-level rule has a threshold of at most 100 % and no rank or top"
                )
            return self
        if self.per == "team":
            raise ValueError(f"{self.measure} is measured per agent: write per: agent")
        if self.within_s is not None:
            raise ValueError("within_s belongs to a service-level rule only")
        if (self.rank is None) == (self.threshold is None):
            raise ValueError(
                "write either rank (lowest or highest) with top, or a threshold, not both"
            )
        if self.rank is not None and self.top is None:
            raise ValueError("a ranked rule needs top: how many agents it rewards")
        return self

    def describe(self, lang: str = "en") -> str:
        """The rule in one sentence.

        Parameters
        ----------
        lang : {"en", "fi"}
            The language.

        Returns
        -------
        str
            E.g. ``the 3 agent(s) with the lowest AHT (phone)``.
        """
        where = f" ({self.channel})" if self.channel else ""
        if self.measure == "service_level":
            if lang == "fi":
                return (
                    f"jokainen tiimin jäsen, kun tiimin palvelutaso on {self.threshold:g} % "
                    f"{self.within_s:g} sekunnissa{where}"
                )
            return f"every agent of a team meeting {self.threshold:g} % within {self.within_s:g} s{where}"
        m = _MEASURES[self.measure]
        if self.rank is not None:
            if lang == "fi":
                end = "pienin" if self.rank == "lowest" else "suurin"
                return f"{self.top} asiantuntijaa, joilla on {end} {m}{where}"
            return f"the {self.top} agent(s) with the {self.rank} {m}{where}"
        bound = "at most" if self.measure == "aht" else "at least"
        if lang == "fi":
            bound = "enintään" if self.measure == "aht" else "vähintään"
            return f"jokainen, jonka {m} on {bound} {self.threshold:g}{where}"
        return f"every agent with {m} {bound} {self.threshold:g}{where}"


def incentive_problems(
    rules: Iterable[IncentiveRule], channels: Iterable[str]
) -> list[tuple[str, str]]:
    """Cross-reference problems of the charter's incentive rules.

    Parameters
    ----------
    rules : iterable of IncentiveRule
        The charter's ``incentives``.
    channels : iterable of str
        The charter's channel ids.

    Returns
    -------
    list of (str, str)
        ``(path, sentence)``: unknown channels and duplicate rule ids.

    Examples
    --------
    >>> incentive_problems([IncentiveRule(id="a", measure="aht", rank="lowest", top=1,
    ...                                   channel="fax")], ["phone"])
    [('incentives[0].channel', "no channel 'fax'; the charter has phone")]
    """
    known = list(channels)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, r in enumerate(rules):
        if r.channel is not None and r.channel not in known:
            out.append(
                (
                    f"incentives[{i}].channel",
                    f"no channel {r.channel!r}; the charter has {', '.join(known) or 'none'}",
                )
            )
        if r.id in seen:
            out.append((f"incentives[{i}].id", f"incentive id {r.id!r} is used twice"))
        seen.add(r.id)
    return out
