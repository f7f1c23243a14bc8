"""A typed columnar store: exports streamed into Parquet, partitioned by month, in bounded memory.

:func:`write_store` reads a CSV export block by block (whole records only: a block ends on a line
break outside quotes), and runs each block through the same reading, typing, validation and
pseudonymisation as :func:`cxkit.load` (:func:`cxkit.data.loader.load_raw`), so the reasons, line
numbers and privacy rules are the loader's own. Ids are checked against every earlier block (a
64-bit hash of each id is kept, not the ids). Accepted rows go to
``<store>/<table>/month=YYYY-MM/part-NNNNN.parquet`` (the month of the table's time column, in the
zone the times are stored in), rejected rows to ``<store>/<table>.quarantine/part-NNNNN.parquet``,
and the accounting to ``<store>/cxkit-store.json``: ``rows_read == accepted + quarantined``.

:class:`Store` is the handle :func:`cxkit.load_tables` returns with ``store=``: ``cx.check`` runs on it
with DuckDB (only counts leave the engine); functions that need the rows read them with
:meth:`Store.to_tables`.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "calls.csv").write_text("contact_id,channel,arrival,outcome,wait_s\\n"
...     "1,phone,2026-03-02 09:00:00,answered,12\\n2,phone,2026-03-02 09:01:00,abandoned,-3\\n"
...     "1,phone,2026-04-02 09:02:00,answered,4\\n3,phone,2026-04-02 09:03:00,answered,7\\n")
>>> st = write_store(d / "calls.csv", d / "store", pseudonym_key=b"k", time_zone="Europe/Helsinki",
...                  block_bytes=80, progress=False)
>>> st.summary()[["table", "rows_read", "accepted", "quarantined"]].values.tolist()
[['contacts', 4, 2, 2]]
>>> st.quarantine("contacts")[["line", "reason"]].values.tolist()
[[3, 'negative duration'], [4, 'duplicate id']]
>>> sorted(p.name for p in (d / "store" / "contacts").iterdir())
['month=2026-03', 'month=2026-04']
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cxkit.data.contracts import ID_COLUMNS, TIME_COLUMNS
from cxkit.data.loader import LOUD_QUARANTINE_PCT, LoadResult, load, load_raw
from cxkit.data.presets import PRESETS
from cxkit.data.readers import read_csv_bytes
from cxkit.data.validate import Checker
from cxkit.errors import CxkitWarning, Reason, UnreadableFileError

__all__ = ["MANIFEST_NAME", "Store", "open_store", "write_store"]

#: The store's own description (tables, accounting, privacy) inside its folder.
MANIFEST_NAME = "cxkit-store.json"
_BLOCK = 32 << 20  # bytes of CSV per block (about 400,000 contact rows; peak memory about 1.5 GB)


@dataclass
class Store:
    """A folder of Parquet tables written by :func:`write_store`, and their accounting.

    ``tables`` maps each table to its manifest entry: ``rows_read``, ``accepted``, ``quarantined``,
    ``reasons`` (``{reason: rows}``), ``source``, ``preset``, ``privacy``, ``notes``.
    """

    path: Path
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def table_path(self, table: str) -> Path:
        """The folder of ``table``'s Parquet files."""
        if table not in self.tables:
            raise KeyError(f"the store has no {table!r} table; it has {sorted(self.tables)}")
        return self.path / table

    def summary(self) -> pd.DataFrame:
        """One row per table: ``table``, ``rows_read``, ``accepted``, ``quarantined`` (rows) and
        ``source``; ``rows_read == accepted + quarantined``."""
        return pd.DataFrame(
            [
                {
                    "table": t,
                    **{k: v[k] for k in ("rows_read", "accepted", "quarantined", "source")},
                }
                for t, v in self.tables.items()
            ]
        )

    def quarantine(self, table: str) -> pd.DataFrame:
        """The rejected rows of ``table``: ``line``, ``reason``, ``detail`` and the fields as read
        (pseudonymised and redacted as in :class:`cxkit.data.loader.LoadResult`)."""
        q = self.path / f"{table}.quarantine"
        files = sorted(q.glob("*.parquet")) if q.exists() else []
        if not files:
            return pd.DataFrame(columns=["line", "reason", "detail"])
        out = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        return out.sort_values("line", kind="stable").reset_index(drop=True)

    def to_pandas(self, table: str, *, columns: list[str] | None = None) -> pd.DataFrame:
        """``table``'s accepted rows as one DataFrame (all in memory: for small stores)."""
        df = pd.read_parquet(self.table_path(table), columns=columns)
        df = df.drop(columns=[c for c in df.columns if c == "month"])
        for col in df.columns:  # nanoseconds, as cx.load gives them
            if isinstance(df[col].dtype, pd.DatetimeTZDtype):
                df[col] = df[col].dt.as_unit("ns")
        if "source_line" in df.columns:
            df = df.sort_values("source_line", kind="stable").reset_index(drop=True)
        df.attrs["cxkit_table"] = table
        return df

    def to_tables(self) -> dict[str, pd.DataFrame]:
        """Every table as a DataFrame (``{table: DataFrame}``, what :func:`cxkit.data.tables.as_tables` takes)."""
        return {t: self.to_pandas(t) for t in self.tables}

    def _save(self) -> None:
        tmp = self.path / (MANIFEST_NAME + ".tmp")
        tmp.write_text(json.dumps({"tables": self.tables}, indent=1), encoding="utf-8")
        tmp.replace(self.path / MANIFEST_NAME)


def open_store(path: str | Path) -> Store:
    """The :class:`Store` in folder ``path`` (written by :func:`write_store`).

    Parameters
    ----------
    path : str or Path
        The store's folder.

    Returns
    -------
    Store
        The handle, with each table's accounting from the store's manifest.
    """
    p = Path(path)
    m = p / MANIFEST_NAME
    if not m.exists():
        raise FileNotFoundError(
            f"{p} is not a cxkit store (no {MANIFEST_NAME}); write one with write_store"
        )
    return Store(p, json.loads(m.read_text(encoding="utf-8"))["tables"])


def _blocks(path: Path, block_bytes: int) -> Iterator[tuple[bytes, bytes, int]]:
    """``(header, block, first_line)``: blocks of whole records (each ends on a line break outside
    quotes); ``first_line`` is the physical line the block starts on."""
    opener = gzip.open if _is_gzip(path) else open
    with opener(path, "rb") as f:
        header = f.readline()
        line = 2
        carry = b""
        while True:
            chunk = f.read(block_bytes)
            buf = carry + chunk
            if not chunk:
                if buf.strip():
                    yield header, buf, line
                return
            cut = _last_record_end(buf)
            if cut < 0:
                carry = buf
                continue
            block, carry = buf[: cut + 1], buf[cut + 1 :]
            yield header, block, line
            line += block.count(b"\n")


def _head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(2)


def _is_gzip(path: Path) -> bool:
    return _head(path) == b"\x1f\x8b"


def _last_record_end(buf: bytes) -> int:
    """The last ``\n`` of ``buf`` with an even number of quote characters before it (-1: none)."""
    i = len(buf)
    while True:
        i = buf.rfind(b"\n", 0, i)
        if i < 0 or buf.count(b'"', 0, i) % 2 == 0:
            return i


class _Ids:
    """64-bit hashes of the ids of earlier blocks (sorted) with the line each was first seen on."""

    def __init__(self) -> None:
        self.hashes = np.empty(0, dtype=np.uint64)
        self.lines = np.empty(0, dtype=np.int64)

    def flag(self, df: pd.DataFrame, chk: Checker, id_col: str) -> None:
        live = chk.ok & df[id_col].notna()
        if not live.any() or not len(self.hashes):
            return
        h = pd.util.hash_pandas_object(df[id_col].astype(str), index=False).to_numpy()
        pos = np.clip(np.searchsorted(self.hashes, h), 0, len(self.hashes) - 1)
        seen = (self.hashes[pos] == h) & live.to_numpy()
        if seen.any():
            first = pd.Series(self.lines[pos], index=df.index)
            chk.flag(
                pd.Series(seen, index=df.index),
                Reason.DUPLICATE_ID,
                lambda m: (
                    f"{id_col} "
                    + df.loc[m, id_col].astype(str)
                    + " first seen on line "
                    + first[m].astype(str)
                ),
            )

    def add(self, ids: pd.Series, lines: pd.Series) -> None:
        if not len(ids):
            return
        h = pd.util.hash_pandas_object(ids.astype(str), index=False).to_numpy()
        allh = np.concatenate([self.hashes, h])
        alll = np.concatenate([self.lines, lines.to_numpy(dtype=np.int64)])
        order = np.argsort(allh, kind="stable")
        self.hashes, self.lines = allh[order], alll[order]


def _month(times: pd.Series) -> pd.Series:
    return times.dt.strftime("%Y-%m")


def _write_accepted(
    df: pd.DataFrame, folder: Path, part: int, schema: pa.Schema | None
) -> pa.Schema:
    time_col = TIME_COLUMNS.get(str(df.attrs.get("cxkit_table")), "")
    tbl = pa.Table.from_pandas(df, preserve_index=False)
    if schema is not None:
        tbl = _conform(tbl, schema)
    months = _month(df[time_col]) if time_col in df.columns else pd.Series("all", index=df.index)
    for month, idx in months.groupby(months, sort=True).groups.items():
        d = folder / f"month={month}"
        d.mkdir(parents=True, exist_ok=True)
        pos = df.index.get_indexer(idx)
        # microseconds on disk (what Spark and every Parquet reader take); read back as nanoseconds
        pq.write_table(
            tbl.take(pa.array(pos)), d / f"part-{part:05d}.parquet", coerce_timestamps="us"
        )
    return tbl.schema if schema is None else schema


def _conform(tbl: pa.Table, schema: pa.Schema) -> pa.Table:
    """A block's table in the first block's column types (an all-empty column reads as null)."""
    cols = []
    for f in schema:
        if f.name in tbl.column_names:
            c = tbl.column(f.name)
            cols.append(c if c.type == f.type else c.cast(f.type))
        else:
            cols.append(pa.nulls(len(tbl), f.type))
    extra = [n for n in tbl.column_names if n not in schema.names]
    if extra:
        raise UnreadableFileError(f"a later block has columns {extra} the first did not have")
    return pa.Table.from_arrays(cols, schema=schema)


def write_store(
    path: str | Path,
    store: str | Path,
    *,
    preset: str = "generic",
    table: str | None = None,
    time_zone: str | None = None,
    pseudonym_key: bytes | None = None,
    block_bytes: int = _BLOCK,
    progress: bool = True,
    **options: Any,
) -> Store:
    """Stream one export into the store: read, type, validate and pseudonymise block by block.

    Parameters
    ----------
    path : str or Path
        A CSV export (optionally gzipped), in UTF-8 or Windows-1252/Latin-1. Other files (Excel,
        Parquet, UTF-16) and presets that rebuild rows across the file (event logs) are loaded whole
        with :func:`cxkit.load` and then written to the store.
    store : str or Path
        The store's folder (created; a table already in it is replaced).
    preset, table, time_zone, pseudonym_key, **options
        As in :func:`cxkit.load`.
    block_bytes : int
        Bytes of CSV per block: the memory bound (a block's rows and their typed copy).
    progress : bool
        Show rows per second and time left (tqdm) while loading.

    Returns
    -------
    Store
        The store, with this table's accounting: ``rows_read == accepted + quarantined``.
    """
    p, root = Path(path), Path(store)
    root.mkdir(parents=True, exist_ok=True)
    st = open_store(root) if (root / MANIFEST_NAME).exists() else Store(root)
    streamable = PRESETS[preset].reduce is None and "".join(p.suffixes).lower().endswith(
        (".csv", ".csv.gz", ".txt", ".tsv", ".txt.gz", ".tsv.gz")
    )
    if streamable:
        streamable = _head(p) not in (b"\xff\xfe", b"\xfe\xff")
    if not streamable:
        res = load(p, preset=preset, table=table, time_zone=time_zone, pseudonym_key=pseudonym_key,
                   **options)  # fmt: skip
        return _store_result(st, res, [res])
    return _stream(st, p, preset=preset, table=table, time_zone=time_zone,
                   pseudonym_key=pseudonym_key, block_bytes=block_bytes, progress=progress,
                   options=options)  # fmt: skip


def _stream(
    st: Store,
    p: Path,
    *,
    preset: str,
    table: str | None,
    time_zone: str | None,
    pseudonym_key: bytes | None,
    block_bytes: int,
    progress: bool,
    options: Mapping[str, Any],
) -> Store:
    ids = _Ids()
    results: list[LoadResult] = []
    schema: pa.Schema | None = None
    gz = _is_gzip(p)
    bar = _bar(None if gz else p.stat().st_size, progress)  # a gzip's unpacked size is unknown
    enc = delim = None
    options = dict(options)
    now = options.pop("now", None)
    now = pd.Timestamp.now(tz="UTC") if now is None else now
    out_table = None
    for part, (header, block, first_line) in enumerate(_blocks(p, block_bytes)):
        raw = read_csv_bytes(header + block, p, delimiter=delim, encoding=enc)
        enc, delim = enc or raw.encoding, delim or raw.delimiter
        raw.table["_line"] = raw.table["_line"] + (first_line - 2)
        raw.bad_rows = [(line + first_line - 2, text) for line, text in raw.bad_rows]
        name = out_table or (table or "contacts")
        id_col = ID_COLUMNS.get(name)

        pending: list[tuple[pd.Series, pd.Series]] = []

        def before(
            df: pd.DataFrame, chk: Checker, id_col: str | None = id_col, pending: list = pending
        ) -> None:
            if id_col and id_col in df.columns:
                ids.flag(df, chk, id_col)
                live = chk.ok & df[id_col].notna()
                pending.append((df.loc[live, id_col], df.loc[live, "_line"]))

        res = load_raw(raw, path=p, preset=preset, table=table, time_zone=time_zone,
                       pseudonym_key=pseudonym_key, now=now, before_split=before, **options)  # fmt: skip
        res.extra.pop("_time_formats", None)
        out_table = res.table
        if part == 0:
            _clear(st.path, res.table)
        for seen_ids, seen_lines in pending:  # the ids the checker saw, before pseudonymising
            ids.add(seen_ids, seen_lines)
        if len(res.data):
            res.data.attrs["cxkit_table"] = res.table
            schema = _write_accepted(res.data, st.path / res.table, part, schema)
        if len(res.quarantine):
            qd = st.path / f"{res.table}.quarantine"
            qd.mkdir(parents=True, exist_ok=True)
            q = res.quarantine.astype({c: "string" for c in res.quarantine.columns if c != "line"})
            pq.write_table(
                pa.Table.from_pandas(q, preserve_index=False), qd / f"part-{part:05d}.parquet"
            )
        results.append(_light(res))
        if bar is not None:
            rows = sum(r.rows_read for r in results)
            bar.update(len(block))
            bar.set_postfix(
                rows=f"{rows:,}", rows_per_s=f"{rows / max(bar.format_dict['elapsed'], 1e-9):,.0f}"
            )
    if bar is not None:
        bar.close()
    if not results:
        raise UnreadableFileError(f"{p}: the file is empty; expected a header row and data rows")
    return _store_result(st, results[-1], results, source=str(p))


def _bar(size: int | None, on: bool) -> Any:
    if not on:
        return None
    from tqdm.auto import tqdm

    # the bar runs over the file's bytes (so it knows the time left); the rows and rows per second follow
    return tqdm(total=size, unit="B", unit_scale=True, desc="loading", mininterval=1.0)


def _light(res: LoadResult) -> LoadResult:
    """The block's accounting without its rows (they are on disk)."""
    res.data = res.data.iloc[:0].copy()  # a copy: an empty view would keep the block's rows alive
    res.extra = {}
    return res


def _clear(root: Path, table: str) -> None:
    import shutil

    for d in (root / table, root / f"{table}.quarantine"):
        if d.exists():
            shutil.rmtree(d)


def _store_result(
    st: Store, last: LoadResult, results: list[LoadResult], source: str | None = None
) -> Store:
    if len(results) == 1 and len(last.data):  # loaded whole: write it now
        _clear(st.path, last.table)
        last.data.attrs["cxkit_table"] = last.table
        _write_accepted(last.data, st.path / last.table, 0, None)
        if len(last.quarantine):
            qd = st.path / f"{last.table}.quarantine"
            qd.mkdir(parents=True, exist_ok=True)
            q = last.quarantine.astype(
                {c: "string" for c in last.quarantine.columns if c != "line"}
            )
            pq.write_table(pa.Table.from_pandas(q, preserve_index=False), qd / "part-00000.parquet")
    reasons: dict[str, int] = {}
    for r in results:
        for k, v in r.reasons.items():
            reasons[k] = reasons.get(k, 0) + v
    rows_read = sum(r.rows_read for r in results)
    quarantined = sum(r.quarantined for r in results)
    notes = list(dict.fromkeys(n for r in results for n in r.notes))
    entry: dict[str, Any] = {
        "rows_read": rows_read,
        "accepted": rows_read - quarantined,
        "quarantined": quarantined,
        "reasons": dict(sorted(reasons.items())),
        "source": source or last.source,
        "preset": last.preset,
        "privacy": last.privacy,
        "notes": notes,
        "written": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    if rows_read and 100 * quarantined / rows_read > LOUD_QUARANTINE_PCT:
        import warnings

        msg = f"{entry['source']}: {quarantined:,} of {rows_read:,} rows quarantined; see store.quarantine({last.table!r})"
        notes.append(msg)
        warnings.warn(msg, CxkitWarning, stacklevel=3)
    st.tables[last.table] = entry
    st._save()
    return st
