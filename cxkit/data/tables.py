"""One entry point for loading tables, and one for accepting whatever tables an analyst holds.

:func:`load_tables` reads files (through a preset) and folders of table files (as written by
``cxkit sample`` or ``cxkit load --out``) into ``{table: LoadResult}``. :func:`as_tables` turns
anything a metric function or ``check`` is handed (a folder, a ``LoadResult``, one table's DataFrame,
or a mapping of either) into ``{table: DataFrame}``, or says exactly what to pass instead.

>>> from cxkit.settings import sample_dir
>>> tables = load_tables([sample_dir()], pseudonym_key=b"k")
>>> sorted(tables)
['contacts', 'conversations', 'evaluations', 'intervals', 'staffing', 'surveys', 'tickets']
>>> sorted(as_tables(tables["contacts"]))
['contacts']
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cxkit.data.context import check_time_zone
from cxkit.data.contracts import ID_COLUMNS, TIME_COLUMNS
from cxkit.data.loader import LoadResult, load
from cxkit.data.presets import PRESETS
from cxkit.data.store import Store, write_store
from cxkit.errors import CxkitError, Reason, UnreadableFileError

__all__ = [
    "MANIFEST",
    "TABLE_NAMES",
    "as_tables",
    "combine_loads",
    "folder_time_zone",
    "load_tables",
    "table_of",
]

#: The tables a folder may hold, in the order they are looked for.
TABLE_NAMES = (
    "contacts",
    "tickets",
    "ticket_events",
    "surveys",
    "evaluations",
    "intervals",
    "staffing",
    "conversations",
)
_EXTENSIONS = (".parquet", ".csv.gz", ".csv")
#: The tables a bare DataFrame can be recognised by, from its time column.
_TOLD_BY_TIME = ("contacts", "tickets", "surveys", "evaluations", "intervals", "conversations")


#: A folder's own description: ``{"time_zone": "Europe/Helsinki"}`` (written by ``cxkit sample``).
MANIFEST = "cxkit.json"


def folder_time_zone(folder: Path) -> str | None:
    """The time zone a folder's manifest (:data:`MANIFEST`) says its local times are in, if any."""
    p = folder / MANIFEST
    if not p.exists():
        return None
    try:
        zone = json.loads(p.read_text(encoding="utf-8")).get("time_zone")
    except (ValueError, AttributeError):
        raise UnreadableFileError(
            f'{p}: not a JSON object like {{"time_zone": "Europe/Helsinki"}}'
        ) from None
    return check_time_zone(zone) if zone else None


def _load_folder(
    folder: Path, *, pseudonym_key: bytes | None, time_zone: str | None
) -> dict[str, LoadResult]:
    time_zone = time_zone or folder_time_zone(folder)
    loads: dict[str, LoadResult] = {}
    for name in TABLE_NAMES:
        for ext in _EXTENSIONS:
            f = folder / f"{name}{ext}"
            if f.exists():
                loads[name] = load(
                    f,
                    preset="generic",
                    table=name,
                    pseudonym_key=pseudonym_key,
                    time_zone=time_zone,
                )
                break
    if not loads:
        raise FileNotFoundError(
            f"{folder} has no table files; expected e.g. contacts.csv.gz or contacts.parquet "
            f"(one of {', '.join(TABLE_NAMES)}), as written by cxkit sample or cxkit load --out"
        )
    return loads


def load_tables(
    paths: str | Path | list[str | Path],
    *,
    preset: str = "generic",
    table: str | None = None,
    pseudonym_key: bytes | None = None,
    time_zone: str | None = None,
    store: str | Path | None = None,
    progress: bool = False,
    **options: Any,
) -> Any:
    """Load files and folders into ``{table: LoadResult}``, ready for :func:`cxkit.check`.

    Parameters
    ----------
    paths : path or list of paths
        Files (read with ``preset``) or folders of ``<table>.parquet`` / ``<table>.csv.gz`` /
        ``<table>.csv``; a folder without any table file is an error that says what was expected.
    preset : str
        The export format of the files (see :func:`cxkit.presets_frame`); folders always use ``generic``.
    table : str, optional
        The contract table of a generic file (``contacts`` by default).
    pseudonym_key : bytes, optional
        Key for pseudonymising customer keys (default: the workspace key).
    time_zone : str, optional
        Where naive local times were recorded (an IANA name). Default: a folder's manifest
        (``cxkit.json``), else the preset's zone; times with UTC offsets need none, and naive times
        without any zone are an error (cxkit never guesses one).
    store : str or Path, optional
        Stream the files into a Parquet store in this folder instead (bounded memory, see
        :func:`cxkit.data.store.write_store`) and return its :class:`~cxkit.data.store.Store` handle:
        ``cx.check`` then runs on DuckDB over the store.
    progress : bool
        With ``store``: show rows per second and time left while loading.
    **options
        Passed on to :func:`cxkit.load` for files.

    Returns
    -------
    dict of str to LoadResult, or Store
        One entry per table; each ``LoadResult`` has ``data`` (accepted rows), ``quarantine`` (rejected
        rows with ``line``, ``reason``, ``detail``) and ``rows_read == accepted + quarantined``. With
        ``store``: the store, whose ``summary()`` gives the same accounting per table.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if store is not None:
        return _load_store(
            items, Path(store), preset=preset, table=table, pseudonym_key=pseudonym_key,
            time_zone=time_zone, progress=progress, **options,
        )  # fmt: skip
    loads: dict[str, LoadResult] = {}
    for item in items:
        p = Path(item)
        if p.is_dir():
            for name, res in _load_folder(
                p, pseudonym_key=pseudonym_key, time_zone=time_zone
            ).items():
                loads[name] = combine_loads(loads[name], res) if name in loads else res
        else:
            res = load(
                p,
                preset=preset,
                table=table,
                pseudonym_key=pseudonym_key,
                time_zone=time_zone,
                **options,
            )
            loads[res.table] = combine_loads(loads[res.table], res) if res.table in loads else res
    return loads


def _load_store(
    items: list[str | Path],
    store: Path,
    *,
    preset: str,
    table: str | None,
    pseudonym_key: bytes | None,
    time_zone: str | None,
    progress: bool,
    **options: Any,
) -> Store:
    st: Store | None = None
    _refuse_repeated_tables(items, preset=preset, table=table)
    for item in items:
        p = Path(item)
        if p.is_dir():
            zone = time_zone or folder_time_zone(p)
            found = [
                (name, f)
                for name in TABLE_NAMES
                for f in [
                    next(
                        (p / f"{name}{e}" for e in _EXTENSIONS if (p / f"{name}{e}").exists()), None
                    )
                ]
                if f is not None
            ]
            if not found:
                _load_folder(p, pseudonym_key=pseudonym_key, time_zone=zone)  # says what is missing
            for name, f in found:
                st = write_store(
                    f, store, table=name, pseudonym_key=pseudonym_key, time_zone=zone,
                    progress=progress,
                )  # fmt: skip
        else:
            st = write_store(
                p, store, preset=preset, table=table, pseudonym_key=pseudonym_key,
                time_zone=time_zone, progress=progress, **options,
            )  # fmt: skip
    if st is None:
        raise FileNotFoundError("load_tables was given no files or folders")
    return st


def combine_loads(first: LoadResult, later: LoadResult) -> LoadResult:
    """Two loads of the same table as one: every row of both files, each accounted for.

    A file loaded after another (two monthly exports of one call log) adds its rows; an id the
    earlier file already accepted is moved to the quarantine as a ``duplicate id`` naming the file
    and line it was first seen on. Data and quarantine gain a ``source_file`` column saying which
    file each row came from (lines are counted per file).

    Parameters
    ----------
    first, later : LoadResult
        Loads of the same contract table, in the order given.

    Returns
    -------
    LoadResult
        ``rows_read`` is the sum of both; ``data`` holds both files' accepted rows (``source_line``
        and ``source_file`` say where each came from); ``quarantine`` both files' rejected rows plus
        the duplicates across files, each with ``line``, ``reason``, ``detail`` and ``source_file``.

    Raises
    ------
    CxkitError
        When a load derives its table from other rows (an event log becomes tickets): such files
        must be given as one file, since a ticket's events may span both.
    """
    for res in (first, later):
        if len(res.data) + len(res.quarantine) != res.rows_read:
            raise CxkitError(
                f"{res.source}: its {res.table} are derived from an event log ({res.rows_read} rows "
                f"read, {len(res.data)} {res.table}); give the event logs as one file, since one "
                f"item's events may be in both"
            )
    a, b = _with_file(first), _with_file(later)
    data_b, dup_q = _cross_file_duplicates(a.data, b.data, first.table)
    quarantine = pd.concat([a.quarantine, b.quarantine, dup_q], ignore_index=True)
    return LoadResult(
        table=first.table,
        data=pd.concat([a.data, data_b], ignore_index=True),
        quarantine=quarantine,
        rows_read=first.rows_read + later.rows_read,
        source=f"{first.source}; {later.source}",
        preset=first.preset if first.preset == later.preset else f"{first.preset}; {later.preset}",
        extra={
            k: pd.concat([first.extra[k], later.extra[k]], ignore_index=True)
            if k in first.extra and k in later.extra
            else first.extra.get(k, later.extra.get(k))
            for k in {**first.extra, **later.extra}
        },
        notes=[*first.notes, *later.notes],
        warnings=pd.concat([a.warnings, b.warnings], ignore_index=True),
        privacy={**first.privacy, **later.privacy},
        alert="; ".join(x for x in (first.alert, later.alert) if x) or None,
    )


def _with_file(res: LoadResult) -> LoadResult:
    """A shallow copy of ``res`` whose data, quarantine and warnings name their file."""
    name = Path(str(res.source).split("; ")[-1]).name
    frames = {}
    for attr in ("data", "quarantine", "warnings"):
        df = getattr(res, attr)
        frames[attr] = df if "source_file" in df.columns else df.assign(source_file=name)
    return dataclasses.replace(res, **frames)


def _cross_file_duplicates(
    earlier: pd.DataFrame, later: pd.DataFrame, table: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``later`` without the ids ``earlier`` holds, and those rows as quarantine rows."""
    id_col = ID_COLUMNS.get(table)
    if not id_col or id_col not in later.columns or id_col not in earlier.columns:
        return later, pd.DataFrame(columns=["line", "reason", "detail", "source_file"])
    seen = earlier.drop_duplicates(id_col).set_index(id_col)
    dup = later[id_col].isin(seen.index)
    rows = later.loc[dup]
    where = rows[id_col].map(seen["source_file"]).astype(str)
    at = rows[id_col].map(seen["source_line"]).astype(str) if "source_line" in seen else "?"
    q = rows.drop(columns=["source_line"], errors="ignore").astype("string")
    q.insert(0, "line", rows.get("source_line", pd.NA))
    q.insert(1, "reason", str(Reason.DUPLICATE_ID))
    q.insert(
        2,
        "detail",
        f"{id_col} " + rows[id_col].astype(str) + " first seen in " + where + " line " + at,
    )
    return later.loc[~dup], q.reset_index(drop=True)


def _refuse_repeated_tables(items: list[str | Path], *, preset: str, table: str | None) -> None:
    """A store holds one file per table: a second file for the same table would replace the first."""
    seen: dict[str, Path] = {}
    for item in items:
        p = Path(item)
        names = (
            [n for n in TABLE_NAMES if any((p / f"{n}{e}").exists() for e in _EXTENSIONS)]
            if p.is_dir()
            else [table or (PRESETS[preset].table if PRESETS[preset].table != "*" else "contacts")]
        )
        for name in names:
            if name in seen:
                raise CxkitError(
                    f"{seen[name]} and {p} both hold {name}: a store keeps one file per table, so the "
                    f"second would replace the first; load them without store= (rows are combined) or "
                    f"join the files first"
                )
            seen[name] = p


def table_of(df: pd.DataFrame) -> str:
    """Which contract table a DataFrame is: its ``attrs["cxkit_table"]`` (set by :func:`cxkit.load`), else
    the one table whose time column it has. Raises ``TypeError`` saying how to name it otherwise.

    >>> table_of(pd.DataFrame({"contact_id": ["a"], "arrival": [pd.Timestamp("2026-03-02", tz="UTC")]}))
    'contacts'
    """
    name = df.attrs.get("cxkit_table")
    if isinstance(name, str):
        return name
    found = [
        t
        for t in _TOLD_BY_TIME
        if TIME_COLUMNS[t] in df.columns and not (t == "contacts" and "offered" in df.columns)
    ]
    if len(found) == 1:
        return found[0]
    cols = ", ".join(f"{TIME_COLUMNS[t]} ({t})" for t in _TOLD_BY_TIME)
    raise TypeError(
        f"cannot tell which table this DataFrame is (it has {list(df.columns)[:12]}); pass "
        f"{{'contacts': df}} (or tickets, surveys, evaluations, intervals), or give it one time column "
        f"of: {cols}"
    )


def as_tables(data: Any) -> dict[str, pd.DataFrame]:
    """Whatever tables an analyst holds, as ``{table: DataFrame}``.

    Parameters
    ----------
    data : folder path, LoadResult, DataFrame or mapping
        A folder (loaded with :func:`load_tables`), a ``LoadResult``, one table's DataFrame (its table
        from ``attrs`` or its time column, see :func:`table_of`), or a mapping of table names to
        DataFrames or LoadResults. Anything else is a ``TypeError`` that says what to pass.

    Returns
    -------
    dict of str to DataFrame
        The tables by contract name.
    """
    if isinstance(data, str | Path):
        p = Path(data)
        if not p.is_dir():
            raise TypeError(
                f"{p} is not a folder; pass a folder of table files, or load files with "
                f"cx.load_tables([...], preset=...) first"
            )
        data = load_tables([p])
    if isinstance(data, Store):  # functions that need the rows read them out of the store
        return data.to_tables()
    if isinstance(data, LoadResult):
        return {data.table: data.data}
    if isinstance(data, pd.DataFrame):
        return {table_of(data): data}
    if isinstance(data, Mapping):
        out: dict[str, pd.DataFrame] = {}
        for name, v in data.items():
            if v is None:
                continue
            if isinstance(v, LoadResult):
                out[str(name)] = v.data
            elif isinstance(v, pd.DataFrame):
                out[str(name)] = v
            else:
                raise TypeError(
                    f"table {name!r} is a {type(v).__name__}; pass a DataFrame or a LoadResult "
                    f"(from cx.load or cx.load_tables)"
                )
        return out
    raise TypeError(
        f"cannot check a {type(data).__name__}; pass cx.load_tables([...]) (a dict of LoadResults), "
        f"a LoadResult, one table's DataFrame, {{'contacts': df, ...}}, or a folder path"
    )
