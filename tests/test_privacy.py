from __future__ import annotations

import pandas as pd

from cxkit.data.privacy import KEY_ENV, load_key, normalise_key, pseudonymise


def test_same_customer_same_pseudonym_across_formats_and_key_matters():
    s = pd.Series(
        [
            "Matti.Meikalainen@Example.fi",
            "matti.meikalainen@example.fi",
            "+358 40 123 4567",
            "+358401234567",
        ]
    )
    a = pseudonymise(s, key=b"one")
    b = pseudonymise(s, key=b"two")
    assert a.iloc[0] == a.iloc[1] and a.iloc[2] == a.iloc[3] and a.iloc[0] != a.iloc[2]
    assert a.iloc[0] != b.iloc[0]
    assert not any("example" in v or "358" in v for v in a)


def test_normalise():
    assert normalise_key(" A@B.FI ") == "a@b.fi"
    assert normalise_key("040-123 4567") == "0401234567"
    assert normalise_key("CUST-42") == "CUST-42"


def test_key_file_created_once_and_env_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    k1 = load_key(tmp_path)
    assert load_key(tmp_path) == k1 and (tmp_path / ".cxkit-key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv(KEY_ENV, "from-env")
    assert load_key(tmp_path) == b"from-env"
