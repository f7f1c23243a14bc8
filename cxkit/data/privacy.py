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

import pandas as pd

from cxkit.settings import workspace

KEY_ENV = "CXKIT_PSEUDONYM_KEY"
KEY_FILE = ".cxkit-key"


def load_key(folder: str | Path | None = None) -> bytes:
    """The pseudonym key: ``$CXKIT_PSEUDONYM_KEY``, else ``folder/.cxkit-key`` (created if missing)."""
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
    """Canonical form of a customer key: e-mail lower-cased, phone numbers without spaces or dashes."""
    v = value.strip()
    if "@" in v:
        return v.lower()
    if re.fullmatch(r"[+\d][\d\s\-().]{5,}", v):
        return re.sub(r"[\s\-().]", "", v)
    return v


def normalise_keys(values: pd.Series) -> pd.Series:
    """Vectorised :func:`normalise_key`."""
    v = values.astype("string").str.strip()
    email = v.str.contains("@", regex=False)
    phone = v.str.fullmatch(r"[+\d][\d\s\-().]{5,}")
    out = v.where(~email, v.str.lower())
    return out.where(~(phone & ~email), v.str.replace(r"[\s\-().]", "", regex=True))


def pseudonymise(keys: pd.Series, *, key: bytes) -> pd.Series:
    """Replace each key by ``c_`` + 16 hex digits of a keyed BLAKE2b hash of the normalised value.

    BLAKE2b with a key is a keyed hash (a MAC), as HMAC-SHA256 is, and several times faster.
    Empty and missing keys stay missing (``None``). Hashes are computed once per distinct value.
    """
    present = keys.notna() & (keys.astype("string").str.strip() != "")
    raw = keys[present].astype("string")
    uniq = pd.Series(pd.unique(raw))
    norm = normalise_keys(uniq)
    k = hashlib.blake2b(key, digest_size=32).digest()  # any key length -> a 32-byte BLAKE2 key
    hashed = [
        "c_" + hashlib.blake2b(n.encode("utf-8"), key=k, digest_size=8).hexdigest() for n in norm
    ]
    mapping = pd.Series(hashed, index=uniq.to_numpy())
    out = pd.Series([None] * len(keys), index=keys.index, dtype=object)
    out[present] = raw.map(mapping).to_numpy()
    return out
