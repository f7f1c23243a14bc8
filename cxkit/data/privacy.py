"""Pseudonymise customer keys with a keyed hash, so journeys still link but no raw identifier
appears in any output.

The key comes from ``CXKIT_PSEUDONYM_KEY`` or a key file (``.cxkit-key`` beside the charter or in
the workspace), created with random bytes on first use. The key never appears in outputs.

>>> s = pd.Series(["+358 40 123 4567", "+358401234567", "", None])
>>> out = pseudonymise(s, key=b"k" * 32)
>>> out.iloc[0] == out.iloc[1], out.iloc[0].startswith("c_"), out.iloc[2] is None, out.iloc[3] is None
(True, True, True, True)
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

import numpy as np
import pandas as pd

from cxkit.settings import workspace

__all__ = [
    "ID_WORDS",
    "KEY_ENV",
    "KEY_FILE",
    "TEXT_WORDS",
    "column_kind",
    "load_key",
    "normalise_key",
    "normalise_keys",
    "protect",
    "pseudonymise",
    "redact",
]

#: Environment variable holding the pseudonym key as text.
KEY_ENV = "CXKIT_PSEUDONYM_KEY"
#: Name of the key file, looked for (and created) in the folder given to :func:`load_key`.
KEY_FILE = ".cxkit-key"


def load_key(folder: str | Path | None = None) -> bytes:
    """The pseudonym key: ``$CXKIT_PSEUDONYM_KEY``, else ``folder/.cxkit-key`` (created if missing).

    A new key file holds 64 random hex digits and is made readable by its owner only (mode 600).

    Parameters
    ----------
    folder : str or pathlib.Path or None
        Folder of the key file; ``None`` uses the workspace (:func:`cxkit.workspace`). Ignored when
        ``$CXKIT_PSEUDONYM_KEY`` is set.

    Returns
    -------
    bytes
        The key (UTF-8 bytes of the variable's or the file's text), to pass to
        :func:`pseudonymise`.
    """
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    if folder is None:
        folder = workspace()
    p = Path(folder) / KEY_FILE
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(secrets.token_hex(32))
        p.chmod(0o600)
    return p.read_text().strip().encode("utf-8")


def normalise_key(value: str) -> str:
    """Canonical form of a customer key: e-mail lower-cased, phone numbers without spaces or dashes.

    Surrounding whitespace is stripped. A value with ``@`` is an e-mail address; a value of at least
    six characters that starts with ``+`` or a digit and has only digits, spaces, dashes, dots and
    brackets is a phone number and loses its spaces, dashes, dots and brackets. Anything else is
    kept as it is.

    Parameters
    ----------
    value : str
        A customer key as the source system wrote it.

    Returns
    -------
    str
        The canonical key, so that two spellings of the same customer hash alike.

    Examples
    --------
    >>> normalise_key(" Anna@Example.FI "), normalise_key("+358 40-123 4567"), normalise_key("C-17")
    ('anna@example.fi', '+358401234567', 'C-17')
    """
    v = value.strip()
    if "@" in v:
        return v.lower()
    if re.fullmatch(r"[+\d][\d\s\-().]{5,}", v):
        return re.sub(r"[\s\-().]", "", v)
    return v


def normalise_keys(values: pd.Series) -> pd.Series:
    """Vectorised :func:`normalise_key`.

    Parameters
    ----------
    values : pandas.Series
        Customer keys (converted to pandas' ``string`` dtype).

    Returns
    -------
    pandas.Series
        The canonical keys, ``string`` dtype, same index; missing values stay missing.

    Examples
    --------
    >>> normalise_keys(pd.Series(["A@B.FI", "040 123 4567"])).tolist()
    ['a@b.fi', '0401234567']
    """
    v = values.astype("string").str.strip()
    email = v.str.contains("@", regex=False)
    phone = v.str.fullmatch(r"[+\d][\d\s\-().]{5,}")
    out = v.where(~email, v.str.lower())
    return out.where(~(phone & ~email), v.str.replace(r"[\s\-().]", "", regex=True))


def pseudonymise(keys: pd.Series, *, key: bytes) -> pd.Series:
    """Replace each key by ``c_`` + 16 hex digits of a keyed BLAKE2b hash of the normalised value.

    BLAKE2b with a key is a keyed hash (a MAC), as HMAC-SHA256 is, and several times faster.
    Empty and missing keys stay missing (``None``). Hashes are computed once per distinct value.
    The same value and key always give the same pseudonym, so journeys still link.

    Parameters
    ----------
    keys : pandas.Series
        Customer keys (phone numbers, e-mail addresses, customer numbers); normalised with
        :func:`normalise_key` before hashing.
    key : bytes
        The secret key (any length), e.g. from :func:`load_key`.

    Returns
    -------
    pandas.Series
        Object dtype, same index as ``keys``: ``c_`` followed by 16 hex digits, or ``None`` where
        the input was empty or missing.
    """
    present = keys.notna() & (keys.astype("string").str.strip() != "")
    raw = keys[present].astype("string")
    codes, uniq = pd.factorize(raw)  # each distinct value once, and where each row's value is
    norm = normalise_keys(pd.Series(uniq))
    k = hashlib.blake2b(key, digest_size=32).digest()  # any key length -> a 32-byte BLAKE2 key
    hashed = np.array(
        ["c_" + hashlib.blake2b(n.encode("utf-8"), key=k, digest_size=8).hexdigest() for n in norm],
        dtype=object,
    )
    out = pd.Series([None] * len(keys), index=keys.index, dtype=object)
    out[present] = hashed[codes] if len(codes) else []
    return out


# ----------------------------------------------------------------------------- every column, not only `customer`

#: Words in a column name that mark a personal identifier (English and Finnish).
ID_WORDS = frozenset(
    {
        "customer",
        "cust",
        "client",
        "caller",
        "email",
        "mail",
        "phone",
        "puhelin",
        "msisdn",
        "mobile",
        "ani",
        "name",
        "firstname",
        "lastname",
        "nimi",
        "etunimi",
        "sukunimi",
        "address",
        "osoite",
        "ssn",
        "hetu",
        "henkilotunnus",
        "socialsecurity",
        "ip",
        "account",
        "asiakas",
        "sahkoposti",
        "author",
    }
)
#: Words in a column name that mark free text (it may hold anything a customer wrote or said).
TEXT_WORDS = frozenset(
    {
        "note",
        "notes",
        "comment",
        "comments",
        "description",
        "text",
        "message",
        "body",
        "subject",
        "transcript",
        "kuvaus",
        "viesti",
        "huomio",
        "kommentti",
    }
)
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
_PHONE = r"\+?\d[\d\s\-().]{6,}\d"


def _words(name: str) -> set[str]:
    return {w for w in re.split(r"[^0-9a-zåäö]+", name.lower()) if w}


def column_kind(name: str, values: pd.Series | None = None) -> str | None:
    """``identifier``, ``free_text`` or None for a column, from its name and, failing that, its values.

    Parameters
    ----------
    name : str
        The column name.
    values : pandas.Series, optional
        Its values: a column where most non-empty values are e-mail addresses or phone numbers is an
        identifier whatever its name.

    Returns
    -------
    str or None
        What the column holds, or None when it looks like neither.

    Examples
    --------
    >>> column_kind("customer_email"), column_kind("notes"), column_kind("queue")
    ('identifier', 'free_text', None)
    >>> column_kind("x", pd.Series(["a@b.fi", "c@d.fi", ""]))
    'identifier'
    """
    words = _words(name)
    if words & ID_WORDS:
        return "identifier"
    if words & TEXT_WORDS:
        return "free_text"
    if values is not None:
        v = values.dropna().astype(str).str.strip().head(5000)
        v = v[v != ""]
        if len(v) and (v.str.fullmatch(_EMAIL) | v.str.fullmatch(_PHONE)).mean() > 0.5:
            return "identifier"
    return None


def redact(text: pd.Series) -> pd.Series:
    """Text with e-mail addresses and phone numbers replaced by ``<e-mail>`` and ``<phone>``.

    Parameters
    ----------
    text : pandas.Series
        Any text (a quarantine detail, a raw field).

    Returns
    -------
    pandas.Series
        The same text without the identifiers; missing values stay missing.

    Examples
    --------
    >>> redact(pd.Series(["arrival: Matti.M@example.fi", "call +358 40 123 4567 back"])).tolist()
    ['arrival: <e-mail>', 'call <phone> back']
    """
    s = text.astype(object)
    present = s.map(lambda v: isinstance(v, str))
    out = s.copy()
    t = s[present].astype(str).str.replace(_EMAIL, "<e-mail>", regex=True)
    out[present] = t.str.replace(_PHONE, "<phone>", regex=True)
    return out


def protect(
    df: pd.DataFrame,
    *,
    key: bytes,
    keep: tuple[str, ...] = (),
    known: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Pseudonymise every identifier column and drop free text, saying what was done to each.

    Parameters
    ----------
    df : pandas.DataFrame
        A loaded table (or the raw fields of quarantined rows).
    key : bytes
        The pseudonym key.
    keep : tuple of str
        Free-text columns the user chose to keep (they are still redacted).
    known : frozenset of str
        Columns of the table's contract that are not identifiers (agent, queue...): left alone.

    Returns
    -------
    tuple of (DataFrame, dict)
        The protected table, and ``{column: "pseudonymised" | "dropped (free text)" | "kept,
        redacted"}`` for every column that was touched.
    """
    out = df.copy()
    done: dict[str, str] = {}
    for col in df.columns:
        name = str(col)
        if name in known or name.startswith("_"):
            continue
        kind = column_kind(
            name,
            df[col] if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]) else None,
        )
        if kind == "identifier":
            out[col] = pseudonymise(df[col].astype("string"), key=key)
            done[name] = "pseudonymised"
        elif kind == "free_text" and name not in keep:
            out = out.drop(columns=col)
            done[name] = "dropped (free text)"
        elif kind == "free_text":
            out[col] = redact(df[col])
            done[name] = "kept, redacted"
    return out, done
