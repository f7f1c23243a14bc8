"""What every preset receives while it converts a file: the load's options, and small text helpers.

Kept apart from the loader so that presets (which the loader calls) never import the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["LoadContext", "blank_to_none"]


@dataclass
class LoadContext:
    """Options every preset receives."""

    time_zone: str = "Europe/Helsinki"
    decimal: str = "."
    channels: tuple[str, ...] | None = None  # allowed channel ids (from the charter), None = any
    now: pd.Timestamp = field(default_factory=lambda: pd.Timestamp.now(tz="UTC"))
    options: dict[str, Any] = field(default_factory=dict)


def blank_to_none(s: pd.Series) -> pd.Series:
    """Text column, stripped, with blanks missing (vectorised)."""
    t = s.astype("string").str.strip()
    return t.mask(t == "").astype(object).where(t.notna() & (t != ""), None)
