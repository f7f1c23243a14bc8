"""Load an export into a contract table, with a quarantine of every row that could not be used.

``rows_read == accepted + quarantined``, always: every row read is either in ``data`` or in
``quarantine`` with its line number, reason and detail.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "calls.csv"
>>> _ = p.write_text("contact_id,channel,arrival,outcome,wait_s\\n"
...                  "1,phone,2026-03-02 09:00:00,answered,12\\n"
...                  "2,phone,2026-03-02 09:01:00,abandoned,-3\\n"
...                  "1,phone,2026-03-02 09:02:00,answered,4\\n")
>>> res = load(p, preset="generic", pseudonym_key=b"k", time_zone="Europe/Helsinki")
>>> res.rows_read, res.accepted, res.quarantined, res.reasons
(3, 1, 2, {'duplicate id': 1, 'negative duration': 1})
>>> res.quarantine[["line", "reason"]].values.tolist()
[[3, 'negative duration'], [4, 'duplicate id']]
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from cxkit.data.context import LoadContext, check_time_zone
from cxkit.data.contracts import CONTRACTS, ID_COLUMNS, OUTCOMES, TIME_COLUMNS
from cxkit.data.presets import PRESETS, suggest_preset
from cxkit.data.privacy import load_key, protect, redact
from cxkit.data.readers import UTF8_WITH_ERRORS, RawTable, read_raw
from cxkit.data.validate import TIME_FORMATS, Checker, blank
from cxkit.errors import (
    CxkitWarning,
    MissingColumnError,
    MissingTimeZoneError,
    Reason,
    UnreadableFileError,
)

__all__ = [
    "LOUD_QUARANTINE_PCT",
    "LoadResult",
    "check_contract",
    "load",
    "load_raw",
    "mostly_quarantined_message",
    "require_columns",
]


@dataclass
class LoadResult:
    """Accepted rows in ``data`` (a contract table), rejected rows in ``quarantine``.

    ``quarantine`` columns: ``line`` (the physical line the row starts on; the header is line 1),
    ``reason`` (:class:`cxkit.errors.Reason`), ``detail`` and the row's fields as read, with
    identifier columns pseudonymised, free text dropped and e-mail addresses and phone numbers
    redacted. A row with the wrong number of fields has no fields to show: its ``detail`` gives the
    field counts. ``extra`` holds further tables a preset derives (``tickets`` from an event log
    keeps the accepted events under ``extra["ticket_events"]``).
    """

    table: str
    data: pd.DataFrame
    quarantine: pd.DataFrame
    rows_read: int
    source: str
    preset: str
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["line", "column", "note"])
    )
    #: What was done to protect each personal column: ``{column: "pseudonymised" | "dropped (free
    #: text)" | "kept, redacted"}`` (the quarantine's raw fields get the same treatment).
    privacy: dict[str, str] = field(default_factory=dict)
    #: Set when most rows were quarantined: the loud message (also the last of ``notes``).
    alert: str | None = None

    def __post_init__(self) -> None:
        accepted_rows = self.extra.get("_accepted_rows", self.data)
        if len(accepted_rows) + len(self.quarantine) != self.rows_read:
            raise AssertionError(
                f"row accounting broken: {len(accepted_rows)} + {len(self.quarantine)} != {self.rows_read}"
            )

    @property
    def accepted(self) -> int:
        return self.rows_read - len(self.quarantine)

    @property
    def quarantined(self) -> int:
        return len(self.quarantine)

    @property
    def reasons(self) -> dict[str, int]:
        return {
            str(k): int(v) for k, v in self.quarantine["reason"].value_counts().sort_index().items()
        }

    def summary(self) -> dict[str, Any]:
        """``{"rows_read", "accepted", "quarantined", "reasons"}`` plus table, preset and source."""
        out: dict[str, Any] = {
            "rows_read": self.rows_read,
            "accepted": self.accepted,
            "quarantined": self.quarantined,
            "reasons": self.reasons,
            "table": self.table,
            "preset": self.preset,
            "source": self.source,
            "output_rows": len(self.data),
        }
        if len(self.warnings):
            out["warnings"] = {
                str(k): int(v) for k, v in self.warnings["note"].value_counts().sort_index().items()
            }
        if self.notes:
            out["notes"] = self.notes
        if self.privacy:
            out["privacy"] = self.privacy
        return out

    def to_json(self) -> str:
        return json.dumps(self.summary(), ensure_ascii=False)


def require_columns(
    raw: RawTable, needed: list[str], source: str, preset: str, hint: str = ""
) -> None:
    """Refuse a file that lacks columns, naming what is missing, what it has, and what to do."""
    have = [c for c in raw.table.columns if c != "_line"]
    missing = [c for c in needed if c not in have]
    if missing:
        # a file without a header has data as its column names: never echo those
        shown = redact(pd.Series([str(c) for c in have[:20]], dtype=object)).tolist()
        guess = suggest_preset(have)
        tip = (
            f" It looks like a {guess!r} export: try preset={guess!r}."
            if guess and guess != preset
            else ""
        )
        raise MissingColumnError(
            f"{source}: preset {preset!r} needs column(s) {missing}, but the file has {shown}"
            f"{' ...' if len(have) > 20 else ''}.{tip}{hint} Or pass mapping={{'their column': 'our column'}}."
        )


_BEFORE_CREATION = {
    "first_reply": Reason.FIRST_REPLY_BEFORE_CREATION,
    "solved": Reason.SOLVED_BEFORE_CREATION,
    "closed": Reason.CLOSED_BEFORE_CREATION,
}


def _check_required(df: pd.DataFrame, table: str, chk: Checker) -> None:
    for col in CONTRACTS[table].required:
        if col in df.columns:
            s = df[col]
            textual = pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)
            chk.flag(blank(s) if textual else s.isna(), Reason.MISSING_REQUIRED, f"{col} is empty")


def _check_ids(df: pd.DataFrame, table: str, chk: Checker) -> None:
    id_col = ID_COLUMNS.get(table)
    if not id_col or id_col not in df.columns:
        return
    # only rows still accepted compete: when the first copy was rejected, the second is the one
    live = chk.ok & df[id_col].notna()
    dup = df[id_col].where(live).duplicated(keep="first") & live
    if not dup.any():
        return

    def dup_detail(m: pd.Series) -> pd.Series:
        ids = df.loc[m, id_col]
        first = df.loc[df[id_col].isin(set(ids)) & live & ~dup].set_index(id_col)["_line"]
        return f"{id_col} " + ids.astype(str) + " first seen on line " + ids.map(first).astype(str)

    chk.flag(dup, Reason.DUPLICATE_ID, dup_detail)


def _check_channels(df: pd.DataFrame, chk: Checker, allowed: tuple[str, ...] | None) -> None:
    if "channel" not in df.columns or allowed is None:
        return
    chk.flag(
        df["channel"].notna() & ~df["channel"].isin(allowed),
        Reason.UNKNOWN_CHANNEL,
        lambda m: (
            "channel " + df.loc[m, "channel"].astype(str) + f" is not one of {', '.join(allowed)}"
        ),
    )


def _check_contacts(df: pd.DataFrame, chk: Checker) -> None:
    chk.flag(
        df["outcome"].notna() & ~df["outcome"].isin(OUTCOMES),
        Reason.UNKNOWN_OUTCOME,
        lambda m: (
            "outcome " + df.loc[m, "outcome"].astype(str) + f"; allowed: {', '.join(OUTCOMES)}"
        ),
    )
    if "answered_at" in df.columns:
        chk.flag(
            df["answered_at"] < df["arrival"],
            Reason.ANSWER_BEFORE_ARRIVAL,
            "answered_at earlier than arrival",
        )
    if "ended_at" in df.columns:
        began = (
            df["answered_at"].fillna(df["arrival"])
            if "answered_at" in df.columns
            else df["arrival"]
        )
        chk.flag(
            df["ended_at"] < began,
            Reason.END_BEFORE_ANSWER,
            "ended_at earlier than answered_at/arrival",
        )
    chk.flag(
        df["outcome"].eq("answered") & df.get("wait_s", pd.Series(0.0, index=df.index)).isna(),
        Reason.MISSING_REQUIRED,
        "answered contact without wait_s or answered_at",
    )


def _check_tickets(df: pd.DataFrame, chk: Checker) -> None:
    for c in ("first_reply", "solved", "closed"):
        if c in df.columns:
            chk.flag(df[c] < df["created"], _BEFORE_CREATION[c], f"{c} earlier than created")


def _check_intervals(df: pd.DataFrame, chk: Checker) -> None:
    chk.flag(
        df["interval_end"] <= df["interval_start"],
        Reason.INTERVAL_ENDS_BEFORE_START,
        "interval_end <= interval_start",
    )
    for c in ("answered", "abandoned"):
        if c in df.columns:
            chk.flag(df[c] > df["offered"], Reason.COUNT_INCONSISTENCY, f"{c} greater than offered")
    if "answered" in df.columns:
        for c in [c for c in df.columns if c.startswith("answered_within_")]:
            chk.flag(
                df[c] > df["answered"], Reason.COUNT_INCONSISTENCY, f"{c} greater than answered"
            )


_TABLE_CHECKS = {
    "contacts": _check_contacts,
    "tickets": _check_tickets,
    "intervals": _check_intervals,
}


def _check_future(df: pd.DataFrame, time_col: str, chk: Checker, now: pd.Timestamp) -> None:
    if time_col in df.columns:
        chk.flag(
            df[time_col] > now + pd.Timedelta(days=1),
            Reason.FUTURE_DATE,
            lambda m: time_col + " " + df.loc[m, time_col].astype(str) + " is in the future",
        )


def check_contract(df: pd.DataFrame, table: str, chk: Checker, ctx: LoadContext) -> None:
    """The checks every table of a kind gets after a preset has converted it: required fields, unique
    ids, allowed channels, the table's own consistency rules and no future dates. Problems become
    quarantine reasons on their rows (see :class:`cxkit.errors.Reason`)."""
    if table == "ticket_updates":  # an audit log: many rows per ticket, each a full snapshot
        for col in ("ticket_id", "created"):
            chk.flag(df[col].isna(), Reason.MISSING_REQUIRED, f"{col} is empty")
        _check_future(df, "created", chk, ctx.now)
        return
    _check_required(df, table, chk)
    _check_channels(df, chk, ctx.channels)
    if table in _TABLE_CHECKS:
        _TABLE_CHECKS[table](df, chk)
    _check_future(df, TIME_COLUMNS[table], chk, ctx.now)
    _check_ids(df, table, chk)  # last: a copy rejected for another reason does not block the next


def _split(
    raw: RawTable,
    df: pd.DataFrame,
    chk: Checker,
    *,
    table: str,
    source: str,
    preset: str,
    key: bytes | None,
    extra: dict[str, pd.DataFrame] | None = None,
    reduce: Any = None,
    notes: list[str] | None = None,
    keep_text: tuple[str, ...] = (),
) -> LoadResult:
    bad = raw.table.loc[~chk.ok].copy()
    q_cols = [c for c in raw.table.columns if c != "_line"]
    quarantine = pd.DataFrame(
        {
            "line": bad["_line"].astype(int),
            "reason": chk.reason[~chk.ok],
            "detail": chk.detail[~chk.ok],
        }
    )
    quarantine = pd.concat([quarantine, bad[q_cols]], axis=1)
    if raw.bad_rows:
        malformed = pd.DataFrame(
            {
                "line": [b[0] for b in raw.bad_rows],
                "reason": Reason.WRONG_FIELD_COUNT.value,
                "detail": [b[1] for b in raw.bad_rows],
            }
        )
        quarantine = pd.concat([malformed, quarantine], ignore_index=True)
    quarantine = quarantine.sort_values("line", kind="stable").reset_index(drop=True)
    known = frozenset(c.name for c in CONTRACTS[table].columns if c.name != "customer") | {
        "line",
        "reason",
        "detail",
        "origin_line",
    }
    accepted = df.loc[chk.ok].copy()
    privacy: dict[str, str] = {}
    if key is not None:
        accepted, privacy = protect(accepted, key=key, keep=keep_text, known=known)
        quarantine, _ = protect(quarantine, key=key, keep=keep_text, known=known)
    # nothing a customer wrote reaches an output through a detail or a raw field either
    for col in quarantine.columns:
        if col not in ("line", "reason") and (
            quarantine[col].dtype == object or pd.api.types.is_string_dtype(quarantine[col])
        ):
            quarantine[col] = redact(quarantine[col])
    accepted = accepted.rename(columns={"_line": "source_line"}).reset_index(drop=True)
    ex = dict(extra or {})
    data = accepted
    if reduce is not None:
        ex["_accepted_rows"] = accepted
        data, derived = reduce(accepted)
        ex.update(derived)
    warn_rows = [
        pd.DataFrame(
            {"line": raw.table.loc[m & chk.ok, "_line"].astype(int), "column": col, "note": note}
        )
        for m, note, col in chk.warnings
    ]
    warnings = (
        pd.concat(warn_rows, ignore_index=True).sort_values("line").reset_index(drop=True)
        if warn_rows
        else pd.DataFrame(columns=["line", "column", "note"])
    )
    res = LoadResult(
        table, data, quarantine, raw.rows_read, source, preset, ex, notes or [], warnings, privacy
    )
    res.extra.pop("_accepted_rows", None)
    res.data.attrs["cxkit_table"] = table
    return res


def load(
    path: str | Path,
    *,
    preset: str = "generic",
    table: str | None = None,
    mapping: Mapping[str, str] | None = None,
    time_zone: str | None = None,
    channels: tuple[str, ...] | list[str] | None = None,
    pseudonym_key: bytes | None = None,
    sheet: str | int | None = None,
    header_row: int = 0,
    delimiter: str | None = None,
    now: pd.Timestamp | None = None,
    time_format: str | None = None,
    constants: Mapping[str, str] | None = None,
    keep_text: tuple[str, ...] | list[str] = (),
    **options: Any,
) -> LoadResult:
    """Read one export into a contract table plus a quarantine of every row that could not be used.

    Parameters
    ----------
    path : str or Path
        A CSV (delimiter, encoding and decimal comma sniffed), Excel or Parquet file.
    preset : str
        A real system's export format (``cx.presets_frame()`` lists them); ``generic`` expects the
        contract's own column names.
    table : str, optional
        The contract of a generic file (``contacts`` by default; see ``cx.contract_frame``).
    mapping : mapping, optional
        ``{"their column": "our column"}``, applied before the preset.
    time_zone : str, optional
        Where naive local times were recorded (an IANA name); default: the preset's zone.
    channels : sequence of str, optional
        The allowed channel ids (from the charter); other channels are quarantined.
    pseudonym_key : bytes, optional
        Key for pseudonymising customer keys (default: the workspace key).
    sheet, header_row, delimiter
        Reading options for Excel sheets and unusual CSV files.
    now : Timestamp, optional
        "Now" for the future-date check (default: the current time).
    time_format : str, optional
        A ``strftime`` format for the file's times (e.g. ``%Y-%m-%d %I:%M %p``), tried before the
        built-in ones (:data:`cxkit.data.validate.TIME_FORMATS`).
    constants : mapping, optional
        ``{"our column": "value"}`` for columns the file does not have but every row shares (a
        social-media export where every row is channel ``social``).
    keep_text : sequence of str
        Free-text columns (notes, comments, messages) to keep; by default they are dropped, as
        they may hold anything a customer said. Kept ones have e-mail addresses and phone numbers
        redacted. Identifier columns (names with customer, email, phone, name, address, hetu...,
        or values that are mostly e-mail addresses or phone numbers) are always pseudonymised;
        ``LoadResult.privacy`` says what was done to each column.
    **options
        Preset options.

    Returns
    -------
    LoadResult
        ``data`` (accepted rows, contract columns, times zone-aware, customer keys pseudonymised,
        ``source_line``), ``quarantine`` (``line``, ``reason`` from :class:`cxkit.errors.Reason`,
        ``detail`` and the raw fields), ``rows_read == accepted + quarantined``, ``warnings``, ``notes``.
    """
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; available: {', '.join(PRESETS)}")
    if delimiter is not None and len(delimiter) != 1:
        raise UnreadableFileError(
            f"{path}: the delimiter must be one character (',', ';', a tab), not {delimiter!r}"
        )
    raw = read_raw(path, sheet=sheet, header_row=header_row, delimiter=delimiter)
    res = load_raw(
        raw,
        path=path,
        preset=preset,
        table=table,
        mapping=mapping,
        time_zone=time_zone,
        channels=channels,
        pseudonym_key=pseudonym_key,
        now=now,
        time_format=time_format,
        constants=constants,
        keep_text=keep_text,
        **options,
    )
    _say_if_mostly_quarantined(res, res.extra.pop("_time_formats", TIME_FORMATS))  # type: ignore[arg-type]
    return res


def load_raw(
    raw: RawTable,
    *,
    path: str | Path,
    preset: str = "generic",
    table: str | None = None,
    mapping: Mapping[str, str] | None = None,
    time_zone: str | None = None,
    channels: tuple[str, ...] | list[str] | None = None,
    pseudonym_key: bytes | None = None,
    now: pd.Timestamp | None = None,
    time_format: str | None = None,
    constants: Mapping[str, str] | None = None,
    keep_text: tuple[str, ...] | list[str] = (),
    before_split: Any = None,
    **options: Any,
) -> LoadResult:
    """:func:`load` of a table already read (a streaming loader's block of rows).

    Parameters
    ----------
    raw : RawTable
        Text values with ``_line`` numbers, as :func:`cxkit.data.readers.read_raw` gives them.
    path : str or Path
        The file the rows came from (for messages).
    before_split : callable, optional
        ``before_split(df, checker)`` is called after the contract checks and before accepted and
        quarantined rows are split (a streaming loader flags ids seen in earlier blocks there).
    preset, table, mapping, time_zone, channels, pseudonym_key, now, time_format, constants, keep_text, **options
        As in :func:`load`.

    Returns
    -------
    LoadResult
        As :func:`load` (without the loud warning of a mostly quarantined file: the caller says it).
    """
    spec = PRESETS[preset]
    if mapping:
        unknown = [k for k in mapping if k not in raw.table.columns]
        if unknown:
            raise MissingColumnError(
                f"{path}: mapping names column(s) {unknown} that the file does not have; "
                f"it has {[c for c in raw.table.columns if c != '_line']}"
            )
        raw.table = raw.table.rename(columns=dict(mapping))
    if "source_line" in raw.table.columns:  # a file written by cxkit load --out: keep its old lines
        raw.table = raw.table.rename(columns={"source_line": "origin_line"})
    for col, value in (constants or {}).items():
        if col in raw.table.columns:
            raise MissingColumnError(
                f"{path}: the file already has a column {col!r}; map it instead of setting it "
                f"(mapping={{'{col}': ...}} / --map), or set another column"
            )
        raw.table[col] = str(value)
    ctx = LoadContext(
        time_zone=check_time_zone(time_zone) or spec.time_zone,
        decimal=raw.decimal,
        channels=tuple(channels) if channels else None,
        now=now if now is not None else pd.Timestamp.now(tz="UTC"),
        options=dict(options),
        time_formats=((time_format,) if time_format else ()) + TIME_FORMATS,
    )
    if table is not None:
        ctx.options["table"] = table
    require_columns(raw, spec.required_columns(ctx), str(path), preset)
    chk = Checker(raw.table.index)
    if raw.encoding == UTF8_WITH_ERRORS:
        text_cols = [c for c in raw.table.columns if c != "_line"]
        bad = (
            raw.table[text_cols]
            .apply(lambda s: s.astype(str).str.contains("\ufffd", regex=False))
            .any(axis=1)
        )
        chk.flag(
            bad,
            Reason.UNDECODABLE,
            "a value has bytes that are not UTF-8 (the file mixes "
            "encodings): fix the row or save the file again as UTF-8",
        )
    try:
        df = spec.convert(raw.table, chk, ctx)
    except MissingTimeZoneError as err:
        raise MissingTimeZoneError(f"{path}: {err}") from None
    df["_line"] = raw.table["_line"]
    out_table = spec.table if spec.table != "*" else ctx.options.get("table", "contacts")
    check_contract(df, spec.row_table or out_table, chk, ctx)
    if before_split is not None:
        before_split(df, chk)
    key = pseudonym_key if pseudonym_key is not None else load_key()
    res = _split(
        raw,
        df,
        chk,
        table=out_table,
        source=str(path),
        preset=preset,
        key=key,
        reduce=spec.reduce,
        notes=list(spec.notes),
        keep_text=tuple(keep_text),
    )
    res.notes.extend(_time_format_notes(chk.time_formats))
    res.extra["_time_formats"] = ctx.time_formats  # type: ignore[assignment]
    return res


#: How a person reads a time format in the load summary.
_FORMAT_WORDS = {
    "ISO8601": "ISO 8601 local times",
    "ISO8601 with offset": "ISO 8601 with UTC offsets",
    "%d/%m/%Y %H:%M:%S": "day-first dd/mm/yyyy hh:mm:ss",
    "%d/%m/%Y %H:%M": "day-first dd/mm/yyyy hh:mm",
    "%d.%m.%Y %H:%M:%S": "Finnish dd.mm.yyyy hh:mm:ss",
    "%d.%m.%Y %H:%M": "Finnish dd.mm.yyyy hh:mm",
    "%d.%m.%Y": "Finnish dd.mm.yyyy (dates only)",
}


def _time_format_notes(used: dict[str, dict[str, int]]) -> list[str]:
    """One sentence per time column: which formats its values were read with, so a day-first date
    is never taken silently."""
    notes = []
    for column, formats in used.items():
        if formats:
            parts = ", ".join(f"{n:,} as {_FORMAT_WORDS.get(f, f)}" for f, n in formats.items())
            notes.append(f"times in {column} read: {parts}")
    return notes


#: Share of quarantined rows above which a load is reported loudly.
LOUD_QUARANTINE_PCT = 50.0


def mostly_quarantined_message(
    res: LoadResult, time_formats: tuple[str, ...] = TIME_FORMATS
) -> str:
    """What to say when most of a file was quarantined: how much, the main reason, and the fix."""
    top, n = max(res.reasons.items(), key=lambda kv: kv[1])
    msg = (
        f"{res.source}: {res.quarantined:,} of {res.rows_read:,} rows quarantined "
        f"({100 * res.quarantined / res.rows_read:.0f} %), most for '{top}' ({n:,})."
    )
    if top == Reason.UNPARSEABLE_TIME:
        formats = ", ".join(f for f in time_formats)
        msg += (
            f" The times are in none of the formats cxkit knows ({formats}). Give yours with "
            "time_format='%Y-%m-%d %H:%M' (cx.load) or --time-format '%Y-%m-%d %H:%M' (cxkit load)."
        )
    else:
        msg += " See the quarantine's detail column for the rows and what to fix."
    return msg


def _say_if_mostly_quarantined(res: LoadResult, time_formats: tuple[str, ...]) -> None:
    if res.rows_read == 0 or 100 * res.quarantined / res.rows_read <= LOUD_QUARANTINE_PCT:
        return
    res.alert = mostly_quarantined_message(res, time_formats)
    res.notes.append(res.alert)
    warnings.warn(res.alert, CxkitWarning, stacklevel=3)
