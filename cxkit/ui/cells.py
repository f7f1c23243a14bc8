"""Cells that are safe to open in a spreadsheet: no text from data or a charter becomes a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula (or can
become one) when the file is opened in Excel or LibreOffice (OWASP "CSV injection"). Every text cell
cxkit writes to CSV or Excel goes through :func:`safe_cells`, which puts a ``'`` in front of such
text, as the spreadsheet programs themselves do for text that looks like a formula. Plain numbers
(``-3``, ``+358``) are left alone: they are no formula.

>>> safe_cells(pd.DataFrame({"x": ["=cmd|' /C calc'!A0", "-3", "@SUM(1)", "ok", None]})).x.tolist()
["'=cmd|' /C calc'!A0", '-3', "'@SUM(1)", 'ok', nan]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["safe_cells", "write_safe_csv"]

_RISKY_START = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$"


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table about to be written to CSV or Excel.

    Returns
    -------
    pandas.DataFrame
        The same table; text cells that start with ``= + - @``, a tab or a carriage return (and are
        not plain numbers) get a leading ``'``. Column names are treated the same way.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        text = s.where(s.map(lambda v: isinstance(v, str)))
        risky = text.str.match(_RISKY_START, na=False) & ~text.str.match(_PLAIN_NUMBER, na=False)
        if risky.any():
            out[col] = [("'" + v) if r else v for v, r in zip(s, risky, strict=True)]
    out.columns = [_safe_name(c) for c in out.columns]
    return out


def _safe_name(name: object) -> object:
    if isinstance(name, str) and name[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + name
    return name


def write_safe_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV through :func:`safe_cells`.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    path : str or Path
        Where to write.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    p = Path(path)
    safe_cells(df).to_csv(p, index=False)
    return p
