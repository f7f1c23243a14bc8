"""Read a file into a table of raw text, with the line number of every row and the rows that
could not be split into fields.

Nothing is converted here: every value stays text until validation, so a bad value is reported,
never coerced. CSV is sniffed for encoding (BOM, UTF-8, Windows-1252), delimiter (``,`` ``;``
tab ``|``) and decimal comma (Finnish Excel exports use ``;`` and ``,``). Excel (sheet choice,
header row offset) and Parquet are read as they are.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = p.write_bytes("\\ufeffid;kesto\\n1;12,5\\n2\\n".encode("utf-8"))
>>> raw = read_raw(p)
>>> raw.delimiter, raw.decimal, raw.encoding
(';', ',', 'utf-8-sig')
>>> raw.table.to_dict("list"), raw.bad_rows
({'id': ['1'], 'kesto': ['12,5'], '_line': [2]}, [(3, 'wrong number of fields: expected 2, found 1')])
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from cxkit.errors import UnreadableFileError

__all__ = [
    "MAX_COLUMNS",
    "MAX_RECORD_LINES",
    "UTF8_WITH_ERRORS",
    "RawTable",
    "Records",
    "read_csv_bytes",
    "read_csv_raw",
    "read_raw",
]


@dataclass
class RawTable:
    """A table of text values with a ``_line`` column (line number in the file; the header is line 1)."""

    table: pd.DataFrame
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    format: str = "csv"

    @property
    def rows_read(self) -> int:
        return len(self.table) + len(self.bad_rows)


_DECIMAL_COMMA = r"^-?\d[\d \u00a0]*,\d+$"
_COMMA_NUMBER = r"^-?\d[\d \u00a0]*(,\d+)?$"


def _open_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as err:
            raise UnreadableFileError(
                f"{path}: the gzip file is damaged or cut short ({err}); copy or export it again"
            ) from None
    return data


#: The encoding name of a UTF-8 file with a few bytes that are not UTF-8: it is read as UTF-8 and
#: the rows with those bytes are quarantined ("undecodable text"), never re-decoded as cp1252.
UTF8_WITH_ERRORS = "utf-8 (some bytes not UTF-8)"
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _encoding(data: bytes) -> str:
    """The file's encoding, from the whole file: BOMs, then UTF-8, then UTF-8 with a few bad bytes
    (when valid multi-byte characters outnumber the bad bytes), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 8:  # UTF-16 without a BOM: every other byte of ASCII text is zero
        if head[1::2].count(0) > 0.4 * len(head) / 2 and head[0::2].count(0) < 0.1 * len(head) / 2:
            return "utf-16-le"
        if head[0::2].count(0) > 0.4 * len(head) / 2 and head[1::2].count(0) < 0.1 * len(head) / 2:
            return "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    return UTF8_WITH_ERRORS if good > bad else "cp1252"


def _delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in (",", ";", "\t", "|")}
        return max(counts, key=lambda d: counts[d])


def _decimal(df: pd.DataFrame, delimiter: str) -> str:
    """``,`` when numeric-looking columns use a decimal comma (only possible with a non-comma delimiter)."""
    if delimiter == "," or df.empty:
        return "."
    for col in df.columns:
        head = df[col].head(2000).dropna().astype(str).str.strip()
        head = head[head != ""]
        if not len(head) or not head.str.match(_COMMA_NUMBER).all():
            continue  # not a numeric-looking column
        # every row decides, not the first 2,000: a late decimal comma must not be quarantined
        vals = df[col].dropna().astype(str).str.strip()
        vals = vals[vals != ""]
        if vals.str.match(_COMMA_NUMBER).all() and vals.str.match(_DECIMAL_COMMA).any():
            return ","
    return "."


#: The widest table cxkit reads: an export with more columns is refused with the fix (fewer columns).
MAX_COLUMNS = 1000

#: A quoted field may span at most this many physical lines; more is almost always a stray quote
#: that would swallow the rows after it, so the file is refused naming the line where it opened.
MAX_RECORD_LINES = 50


@dataclass
class Records:
    """Where each record of a CSV text starts, counted independently of the parser that reads it.

    ``start_line`` is the physical line (the header is line 1) on which each data record starts,
    ``fields`` its number of fields, ``text`` the record's raw text (kept for malformed rows only).
    Blank lines are not records.
    """

    start_line: np.ndarray
    fields: np.ndarray
    lines_in_file: int


def _scan_unquoted(data: bytes, delim: str, lines_in_file: int) -> Records:
    """Records of a file without quotes: one per non-blank line, fields = delimiters + 1 (numpy)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(arr == 10)
    if len(arr) and arr[-1] != 10:
        ends = np.append(ends, len(arr))
    starts = np.concatenate(([0], ends[:-1] + 1)) if len(ends) else np.array([], dtype=np.int64)
    # delimiters per line from their positions (a running count over every byte is far slower)
    delims = np.flatnonzero(arr == ord(delim))
    fields = np.searchsorted(delims, ends) - np.searchsorted(delims, starts) + 1
    keep = ends > starts  # blank lines are no records
    line_no = np.arange(1, len(ends) + 1, dtype=np.int64)
    return Records(line_no[keep][1:], fields[keep][1:].astype(np.int64), lines_in_file)


def _scan_records(data: bytes, delim: str, path: Path) -> Records:
    """Split UTF-8 ``data`` into records as CSV does (quotes may hold delimiters and line breaks) and
    note the physical line each starts on. A file without quote characters takes a vectorised path."""
    lines_in_file = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if b'"' not in data and len(delim.encode("utf-8")) == 1:
        return _scan_unquoted(data, delim, lines_in_file)
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    split: list[list[str]] = []

    def text_lines() -> list[str]:
        if not split:
            split.append(text.split("\n"))
        return split[0]

    starts_l: list[int] = []
    fields_l: list[int] = []
    end = 0
    while True:
        first = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:  # e.g. a NUL byte
            raise UnreadableFileError(
                f"{path}: line {first} cannot be read as CSV ({err})"
            ) from None
        end = reader.line_num
        if end - first + 1 > MAX_RECORD_LINES:
            raise UnreadableFileError(
                f"{path}: line {first} opens a quoted field that runs over {end - first + 1} lines "
                f'(more than {MAX_RECORD_LINES}); a stray " there would swallow the rows after it. '
                "Fix the quote on that line or save the file again as CSV"
            )
        if end > first and fields_l:
            _refuse_swallowed_rows(text_lines(), first, end, fields_l[0], delim, path)
        if row:  # a blank line is no record
            starts_l.append(first)
            fields_l.append(len(row))
    if starts_l:
        _refuse_open_quote_at_end(text, starts_l[-1], delim, path)
    starts = np.asarray(starts_l, dtype=np.int64)
    fields = np.asarray(fields_l, dtype=np.int64)
    return Records(starts[1:], fields[1:], lines_in_file)


def _refuse_swallowed_rows(
    lines: list[str], first: int, end: int, ncols: int, delim: str, path: Path
) -> None:
    """A quoted value over several lines is fine, unless a line inside it looks like a row of its
    own (the header's number of fields): then a stray quote is swallowing rows."""
    if ncols < 4:
        return  # too few columns to tell prose from a row
    for k in range(first + 1, end + 1):
        if lines[k - 1].count(delim) == ncols - 1:
            raise UnreadableFileError(
                f"{path}: line {first} opens a quoted field that swallows line {k}, which looks like "
                f'a row of its own (a stray " on line {first}?). Fix the quote or save the file again as CSV'
            )


def _refuse_open_quote_at_end(text: str, first: int, delim: str, path: Path) -> None:
    """The last record read leniently; strictly, a quote still open at the end of the file shows."""
    offset = 0
    if first > 1:  # walk back from the end: the last record is short, the file may be long
        pos = len(text)
        for _ in range(text.count("\n") - (first - 1) + 1):
            pos = text.rindex("\n", 0, pos)
        offset = pos + 1
    try:
        list(csv.reader(io.StringIO(text[offset:], newline=""), delimiter=delim, strict=True))
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise UnreadableFileError(
                f"{path}: line {first} opens a quoted field that runs to the end of the file (a "
                'stray " character?); fix the quote on that line or save the file again as CSV'
            ) from None


def read_csv_raw(
    path: Path, *, delimiter: str | None = None, encoding: str | None = None
) -> RawTable:
    """Read a CSV (or gzipped CSV) as text with line numbers; rows with the wrong field count are reported."""
    return read_csv_bytes(_open_bytes(path), path, delimiter=delimiter, encoding=encoding)


def read_csv_bytes(
    data: bytes, path: Path, *, delimiter: str | None = None, encoding: str | None = None
) -> RawTable:
    """:func:`read_csv_raw` of bytes already read (``path`` names them in messages): a streaming
    loader hands it one block of whole records at a time, the header line first."""
    if not data.strip():
        raise UnreadableFileError(f"{path}: the file is empty; expected a header row and data rows")
    enc = encoding or _encoding(data)
    sample_enc = "utf-8" if enc == UTF8_WITH_ERRORS else enc
    text_sample = data[:65536].decode(sample_enc, errors="replace")
    delim = delimiter or _delimiter(text_sample)
    if (
        enc == UTF8_WITH_ERRORS
    ):  # good rows stay as they are; bad bytes become U+FFFD, flagged later
        data = data.decode("utf-8", errors="replace").encode("utf-8")
        enc_read = "utf-8"
    elif enc not in ("utf-8", "utf-8-sig"):
        try:
            data = data.decode(enc).encode("utf-8")
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined (0x81...): Latin-1 has all
            enc = "latin-1"
            data = data.decode(enc).encode("utf-8")
        enc_read = "utf-8"
    else:
        enc_read = enc
    if enc_read == "utf-8-sig":
        data = data[3:]
    # one line ending: CRLF and bare CR (old Mac exports) become LF; a CR inside a quoted value too
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    names = next(csv.reader([header], delimiter=delim))
    if len(names) < 2:
        raise UnreadableFileError(
            f"{path}: found one column with delimiter {delim!r}; expected a delimited "
            f"table (',', ';', tab or '|'). Is this a CSV file? Pass delimiter= if it uses another separator."
        )
    if len(names) > MAX_COLUMNS:
        raise UnreadableFileError(
            f"{path}: the header has {len(names):,} columns; cxkit reads at most {MAX_COLUMNS:,}. "
            "Export only the columns you need (ids, times, outcome, durations, queue, agent)"
        )
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise UnreadableFileError(
            f"{path}: the header repeats column(s) {sorted(dupes)}; rename them so each is unique"
        )
    bad: list[tuple[int, str]] = []

    def on_bad(row: pacsv.InvalidRow) -> str:
        bad.append(
            (
                int(row.number) if row.number is not None else -1,
                f"wrong number of fields: expected {row.expected_columns}, found {row.actual_columns}",
            )
        )
        return "skip"

    try:
        tbl = pacsv.read_csv(
            io.BytesIO(data),
            # a block must hold the longest row: size it to the file (up to 256 MiB) so one long row
            # does not refuse the whole file
            read_options=pacsv.ReadOptions(
                use_threads=False, block_size=min(max(1 << 24, len(data) + 1), 1 << 28)
            ),
            parse_options=pacsv.ParseOptions(delimiter=delim, invalid_row_handler=on_bad),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as err:
        raise UnreadableFileError(
            f"{path}: could not be read as CSV with delimiter {delim!r} ({err}). "
            f"Check the delimiter and quoting, or save it again as CSV."
        ) from None
    df = tbl.to_pandas()
    df.columns = [str(c).strip() for c in df.columns]
    # line numbers from an independent scan of the records, reconciled with the parser's count
    recs = _scan_records(data, delim, path)
    malformed = recs.fields != len(names)
    if len(recs.start_line) != len(df) + len(bad) or int(malformed.sum()) != len(bad):
        raise UnreadableFileError(
            f"{path}: the CSV parser found {len(df) + len(bad):,} rows but the file has "
            f"{len(recs.start_line):,} records; refusing it rather than losing rows. Check the "
            'quoting (a stray " character) or save it again as CSV'
        )
    lines = recs.start_line[~malformed]
    bad = [
        (int(line), text) for line, (_, text) in zip(recs.start_line[malformed], bad, strict=True)
    ]
    df["_line"] = lines
    dec = _decimal(df.drop(columns="_line"), delim)
    return RawTable(df, bad, enc, delim, dec, "csv")


def read_raw(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    header_row: int = 0,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> RawTable:
    """Read CSV, Excel or Parquet into a :class:`RawTable` of text values with line numbers."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no file at {p}")
    suffixes = "".join(p.suffixes).lower()
    if suffixes.endswith((".parquet", ".pq")):
        try:
            df = pd.read_parquet(p)
        except Exception as err:
            raise UnreadableFileError(f"{p}: not a readable Parquet file ({err})") from None
        out = df.astype("string").fillna("").astype(object)
        out["_line"] = range(1, len(out) + 1)
        return RawTable(out, [], None, None, ".", "parquet")
    if suffixes.endswith((".xlsx", ".xlsm", ".xls")):
        try:
            df = pd.read_excel(
                p, sheet_name=sheet if sheet is not None else 0, header=header_row, dtype=str
            )
        except ValueError as err:
            raise UnreadableFileError(
                f"{p}: {err}. Pass sheet= with one of the workbook's sheet names"
            ) from None
        except Exception as err:
            raise UnreadableFileError(f"{p}: not a readable Excel workbook ({err})") from None
        df = df.fillna("")
        df.columns = [str(c).strip() for c in df.columns]
        df["_line"] = range(header_row + 2, header_row + 2 + len(df))
        return RawTable(df, [], None, None, ".", "excel")
    if (
        suffixes.endswith((".csv", ".txt", ".tsv", ".csv.gz", ".txt.gz", ".tsv.gz", ".gz"))
        or not p.suffix
    ):
        return read_csv_raw(p, delimiter=delimiter, encoding=encoding)
    raise UnreadableFileError(
        f"{p}: unknown file type {p.suffix!r}; cxkit reads .csv/.txt (optionally .gz), "
        f".xlsx and .parquet"
    )
