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

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cxkit.data.context import check_time_zone
from cxkit.data.contracts import TIME_COLUMNS
from cxkit.data.loader import LoadResult, load
from cxkit.data.store import Store, write_store
from cxkit.errors import UnreadableFileError

__all__ = ["MANIFEST", "TABLE_NAMES", "as_tables", "folder_time_zone", "load_tables", "table_of"]

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
            loads.update(_load_folder(p, pseudonym_key=pseudonym_key, time_zone=time_zone))
        else:
            res = load(
                p,
                preset=preset,
                table=table,
                pseudonym_key=pseudonym_key,
                time_zone=time_zone,
                **options,
            )
            loads[res.table] = res
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
