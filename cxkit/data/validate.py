"""Row-level conversion and validation: every problem becomes a reason on its row, never a guess.

A :class:`Checker` collects the first reason (a stable name such as ``unparseable time``) and a
detail (column and value) per row. Converters parse text columns and flag what they cannot parse.

>>> import pandas as pd

>>> chk = Checker(pd.RangeIndex(5))
>>> t = parse_times(pd.Series(["2026-03-29 02:30", "2026-03-29 03:30", "2026-10-25 03:30",
...                            "2026-10-25T03:30+02:00", "x"]), "arrival", chk, tz="Europe/Helsinki")
>>> t.iloc[0].isoformat(), t.iloc[3].isoformat()
('2026-03-29T02:30:00+02:00', '2026-10-25T03:30:00+02:00')
>>> chk.reason.tolist()
[None, 'time in DST gap', 'ambiguous time at DST change', None, 'unparseable time']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from cxkit.errors import REASONS, MissingTimeZoneError, Reason

__all__ = [
    "TIME_FORMATS",
    "Checker",
    "blank",
    "duration_hms",
    "parse_bools",
    "parse_numbers",
    "parse_times",
]

#: Time formats tried in order for naive text times (ISO first; European day-first forms).
TIME_FORMATS: tuple[str, ...] = (
    "ISO8601",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
_TRUE = {"true", "t", "yes", "y", "1", "kyllä", "k", "x"}
_FALSE = {"false", "f", "no", "n", "0", "ei", ""}


def _as_mask(mask: pd.Series | np.ndarray, index: pd.Index) -> pd.Series:
    """A plain boolean mask; missing (NA) comparisons count as False."""
    if isinstance(mask, pd.Series):
        return mask.reindex(index).astype("boolean").fillna(False).astype(bool)
    return pd.Series(np.asarray(mask, dtype=bool), index=index)


class Checker:
    """First reason and detail per row; ``None`` where the row is fine so far."""

    def __init__(self, index: pd.Index):
        self.index = index
        self.reason = pd.Series([None] * len(index), index=index, dtype=object)
        self.detail = pd.Series([None] * len(index), index=index, dtype=object)
        self.warnings: list[tuple[pd.Series, str, str]] = []
        #: Which text format each time column's values were read with: ``{column: {format: rows}}``.
        self.time_formats: dict[str, dict[str, int]] = {}

    def warn(self, mask: pd.Series | np.ndarray, note: str, column: str) -> None:
        """Note an accepted row's defect in a field the table does not rely on (kept, reported)."""
        m = _as_mask(mask, self.index)
        if m.any():
            self.warnings.append((m, note, column))

    def flag(
        self,
        mask: pd.Series | np.ndarray,
        reason: str,
        detail: pd.Series | str | Callable[[pd.Series], pd.Series] | None = None,
    ) -> None:
        """Give ``reason`` to rows in ``mask`` that have no reason yet.

        ``detail`` is a sentence, a Series aligned with the rows, or a function of the flagged-row mask
        returning the details of those rows only (so nothing is formatted for rows that are fine).
        """
        if reason not in REASONS:
            raise ValueError(
                f"{reason!r} is not a quarantine reason; add it to cxkit.errors.Reason"
            )
        m = _as_mask(mask, self.index) & self.reason.isna()
        if not m.any():
            return
        self.reason[m] = str(reason)  # plain text in the quarantine table
        if callable(detail):
            self.detail[m] = detail(m).astype(str).to_numpy()
        elif isinstance(detail, pd.Series):
            self.detail[m] = detail[m].astype(str)
        else:
            self.detail[m] = detail

    @property
    def ok(self) -> pd.Series:
        return self.reason.isna()


def blank(s: pd.Series) -> pd.Series:
    """True where a text value is missing or only whitespace."""
    return s.isna() | (s.astype("string").str.strip() == "")


def _infer_ambiguous(naive: pd.Series, tz: str, ambiguous: pd.Series) -> pd.Series | None:
    """Local times in the repeated autumn hour, placed from the file's order (first pass before the
    second), as pandas' ``ambiguous="infer"`` does; None when the order cannot tell them apart."""
    if not ambiguous.any():
        return None
    try:
        inferred = naive.dt.tz_localize(tz, ambiguous="infer", nonexistent="NaT")
    except (ValueError, TypeError):  # pandas' AmbiguousTimeError is a ValueError
        return None
    utc = inferred[ambiguous].dt.tz_convert("UTC")
    if not utc.is_monotonic_increasing:  # the hour's rows are not in time order: do not guess
        return None
    return inferred


def parse_times(
    text: pd.Series,
    column: str,
    chk: Checker,
    *,
    tz: str | None,
    formats: Sequence[str] = TIME_FORMATS,
    required: bool = False,
) -> pd.Series:
    """Parse text times. Naive times are local times in ``tz``; values with an offset are converted.

    With ``tz=None`` every time must carry its UTC offset (the result is in UTC); a local time
    without one raises :class:`MissingTimeZoneError`, since cxkit never guesses a zone. Flags
    ``unparseable time``, ``time in DST gap`` (a local time that did not exist) and ``ambiguous time
    at DST change`` (a repeated hour that neither an offset nor the file's time order resolves; a
    time-ordered file's repeated hour is placed from the order, with a warning on each row).
    """
    s = text.astype("string").str.strip()
    empty = s.isna() | (s == "")
    if tz is None:
        naive = ~empty & ~s.str.contains(r"(?:[+-]\d\d(?::?\d\d)?|Z)$", regex=True, na=False)
        if naive.any():  # only values that are times at all: anything else is quarantined below
            looks = pd.Series(False, index=s.index)
            for fmt in formats:
                parsed = pd.to_datetime(s[naive & ~looks], format=fmt, errors="coerce")
                looks.loc[parsed.index[parsed.notna()]] = True
            naive &= looks
        if naive.any():
            row = int(np.flatnonzero(naive.to_numpy())[0]) + 1
            raise MissingTimeZoneError(
                f"column {column!r} has local times without a UTC offset (the first in data row {row}) "
                "and no time zone was given. Say where they were recorded: "
                "time_zone='Europe/Helsinki' in cx.load or cx.load_tables, or --time-zone "
                "Europe/Helsinki on the command line (any IANA zone name)."
            )
        tz = "UTC"
    out = pd.Series(pd.NaT, index=text.index, dtype=f"datetime64[ns, {tz}]")
    # an ISO time needs at least a full date: a bare '2026' or '2026-03' is no contact time
    bare = s.str.fullmatch(r"\d{4}(-\d{2})?", na=False).astype(bool)
    todo = ~empty & ~bare
    used = chk.time_formats.setdefault(column, {})
    for fmt in formats:
        if not todo.any():
            break
        vals = s[todo]
        has_offset = vals.str.contains(r"(?:[+-]\d\d(?::?\d\d)?|Z)$", regex=True, na=False)
        if fmt == "ISO8601":
            # with offsets: parse as UTC then convert; naive: parse then localise
            if has_offset.any():
                parsed = pd.to_datetime(
                    vals[has_offset], format="ISO8601", errors="coerce", utc=True
                )
                good = parsed.notna() & parsed.dt.year.between(1900, 2200)
                out.loc[parsed.index[good]] = (
                    parsed[good].astype("datetime64[ns, UTC]").dt.tz_convert(tz)
                )
                todo.loc[parsed.index[good]] = False
                if good.any():
                    used["ISO8601 with offset"] = used.get("ISO8601 with offset", 0) + int(
                        good.sum()
                    )
            vals = vals[~has_offset & todo[vals.index]]
        if vals.empty:
            continue
        parsed = pd.to_datetime(vals, format=fmt, errors="coerce")
        # a year outside 1900-2200 is no contact time ('-5' parses as the year -5): leave it unparsed
        good = parsed.notna() & parsed.dt.year.between(1900, 2200)
        if not good.any():
            continue
        used[fmt] = used.get(fmt, 0) + int(good.sum())
        naive = parsed[good].astype("datetime64[ns]")
        gap = naive.dt.tz_localize(
            tz, nonexistent="NaT", ambiguous=np.zeros(len(naive), dtype=bool)
        )
        amb_t = naive.dt.tz_localize(
            tz, nonexistent="NaT", ambiguous=np.ones(len(naive), dtype=bool)
        )
        ambiguous = gap.notna() & amb_t.notna() & (gap != amb_t)
        nonexistent = gap.isna()
        resolved = _infer_ambiguous(naive, tz, ambiguous)
        if resolved is not None:  # a time-ordered file tells the two passes of the hour apart
            out.loc[ambiguous[ambiguous].index] = resolved[ambiguous]
            chk.warn(
                pd.Series(ambiguous.reindex(text.index, fill_value=False)),
                "repeated DST hour placed from the row order",
                column,
            )
        fine = ~ambiguous & ~nonexistent
        out.loc[fine[fine].index] = gap[fine]
        if resolved is not None:
            ambiguous = pd.Series(False, index=ambiguous.index)
        chk.flag(
            pd.Series(nonexistent.reindex(text.index, fill_value=False)),
            Reason.DST_GAP,
            f"{column}: local time does not exist in {tz} (clocks went forward)",
        )
        chk.flag(
            pd.Series(ambiguous.reindex(text.index, fill_value=False)),
            Reason.DST_AMBIGUOUS,
            f"{column}: local time occurs twice in {tz}; export times with their UTC offset",
        )
        todo.loc[good[good].index] = False
    chk.flag(todo | bare, Reason.UNPARSEABLE_TIME, lambda m: column + ": " + s[m].fillna(""))
    if required:
        chk.flag(empty, Reason.MISSING_REQUIRED, f"{column} is empty")
    return out


def parse_numbers(
    text: pd.Series,
    column: str,
    chk: Checker,
    *,
    decimal: str = ".",
    minimum: float | None = 0.0,
    reason_negative: str = Reason.NEGATIVE_DURATION,
    maximum: float | None = None,
) -> pd.Series:
    """Parse numbers (decimal point or comma); flags ``unparseable number`` and values below ``minimum``."""
    s = text.astype("string").str.strip()
    empty = s.isna() | (s == "")
    if decimal == ",":
        s = (
            s.str.replace("\u00a0", "", regex=False)
            .str.replace(" ", "", regex=False)
            .str.replace(",", ".", regex=False)
        )
    num = pd.to_numeric(s.where(~empty), errors="coerce")
    chk.flag(~empty & num.isna(), Reason.UNPARSEABLE_NUMBER, f"{column} is not a number")
    infinite = pd.Series(np.isinf(num.to_numpy(dtype=float)), index=num.index)
    chk.flag(infinite, Reason.NOT_FINITE, f"{column} is infinite or too large to be a number")
    if maximum is not None:
        chk.flag(num > maximum, Reason.IMPLAUSIBLE, f"{column} is over {maximum:g}")
    num = num.where(~infinite)
    if minimum is not None:
        chk.flag(num < minimum, reason_negative, lambda m: column + ": " + text[m].astype(str))
    return num.astype(float)


def parse_bools(text: pd.Series, column: str, chk: Checker) -> pd.Series:
    """Parse true/false in English and Finnish (kyllä/ei, 1/0); flags ``unparseable boolean``."""
    s = text.astype("string").str.strip().str.lower()
    empty = s.isna() | (s == "")
    t = s.isin(_TRUE)
    f = s.isin(_FALSE)
    chk.flag(
        ~empty & ~t & ~f, Reason.UNPARSEABLE_BOOLEAN, lambda m: column + ": " + text[m].astype(str)
    )
    return pd.Series(np.where(empty, pd.NA, t), index=text.index, dtype="boolean")


def duration_hms(text: pd.Series, column: str, chk: Checker) -> pd.Series:
    """Parse ``h:mm:ss`` durations into seconds; flags ``unparseable number``."""
    s = text.astype("string").str.strip()
    empty = s.isna() | (s == "")
    parts = s.str.extract(r"^(\d+):([0-5]\d):([0-5]\d)$")
    secs = parts[0].astype(float) * 3600 + parts[1].astype(float) * 60 + parts[2].astype(float)
    chk.flag(
        ~empty & secs.isna(), "unparseable number", lambda m: column + ": " + text[m].astype(str)
    )
    return secs
