"""What every preset receives while it converts a file: the load's options, and small text helpers.

Kept apart from the loader so that presets (which the loader calls) never import the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from cxkit.errors import MissingTimeZoneError

__all__ = ["LoadContext", "blank_to_none", "check_time_zone"]


@dataclass
class LoadContext:
    """Options every preset receives."""

    time_zone: str | None = None  # None: times must carry their UTC offset
    decimal: str = "."
    channels: tuple[str, ...] | None = None  # allowed channel ids (from the charter), None = any
    now: pd.Timestamp = field(default_factory=lambda: pd.Timestamp.now(tz="UTC"))
    options: dict[str, Any] = field(default_factory=dict)
    #: Text time formats tried in order (``ISO8601`` and the common Finnish and day-first ones; a
    #: user's ``time_format`` goes first).
    time_formats: tuple[str, ...] = ("ISO8601",)


def blank_to_none(s: pd.Series) -> pd.Series:
    """Text column, stripped, with blanks missing (vectorised)."""
    t = s.astype("string").str.strip()
    return t.mask(t == "").astype(object).where(t.notna() & (t != ""), None)


def check_time_zone(name: str | None) -> str | None:
    """``name`` if it is an IANA time zone (or None); else :class:`MissingTimeZoneError` saying what to give.

    >>> check_time_zone("Europe/Helsinki")
    'Europe/Helsinki'
    """
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise MissingTimeZoneError(
            f"unknown time zone {name!r}; give an IANA name such as Europe/Helsinki, "
            "America/New_York or UTC"
        ) from None
    return name
