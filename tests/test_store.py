"""The streaming loader into a Parquet store: the same accounting, reasons and lines as cx.load."""

from __future__ import annotations

import gzip
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxkit.charter.model import load_charter
from cxkit.data.loader import load
from cxkit.data.store import Store, open_store, write_store
from cxkit.data.tables import as_tables, load_tables
from cxkit.measure.scorecard import check
from cxkit.settings import example_charter, sample_dir

KEY = b"test-key"
NOW = pd.Timestamp("2026-11-22", tz="UTC")
TZ = "Europe/Helsinki"
HEADER = "contact_id,channel,arrival,outcome,wait_s,customer,notes\n"
BODY = (
    "1,phone,2026-03-02 09:00:00,answered,12,alice@example.com,fine\n"  # 2 ok
    "2,phone,2026-03-02 09:01:00,abandoned,-3,,\n"  # 3 negative
    '3,phone,2026-03-31 09:02:00,answered,4,bob,"two\nlines, quoted"\n'  # 4-5 ok, a quoted line break
    "1,phone,2026-04-02 09:02:00,answered,4,,\n"  # 6 duplicate of line 2 (another block)
    "4,phone,2026-13-02 09:00:00,answered,4,,\n"  # 7 bad time
    "5,phone,2026-04-02 09:00:00,answered\n"  # 8 wrong field count
    "6,fax,2026-04-02 09:00:00,answered,4,,\n"  # 9 unknown channel
    "7,phone,2026-05-02 09:00:00,abandoned,8,carol,\n"  # 10 ok
)


def _files(tmp_path, body=BODY):
    p = tmp_path / "calls.csv"
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def _both(p, store, block_bytes):
    kw = dict(pseudonym_key=KEY, now=NOW, time_zone=TZ, channels=["phone"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = load(p, **kw)
        st_ = write_store(p, store, block_bytes=block_bytes, progress=False, **kw)
    return ref, st_


@pytest.mark.parametrize("block_bytes", [40, 97, 1 << 20])
def test_the_store_accounts_for_every_row_as_load_does(tmp_path, block_bytes):
    ref, st_ = _both(_files(tmp_path), tmp_path / "store", block_bytes)
    e = st_.tables["contacts"]
    assert e["rows_read"] == ref.rows_read == e["accepted"] + e["quarantined"] == 8
    assert e["reasons"] == ref.reasons
    q = st_.quarantine("contacts")
    assert (
        q[["line", "reason"]].values.tolist() == ref.quarantine[["line", "reason"]].values.tolist()
    )
    assert (
        q.loc[q.reason == "duplicate id", "detail"].iloc[0] == "contact_id 1 first seen on line 2"
    )
    data = st_.to_pandas("contacts")
    assert data.source_line.tolist() == ref.data.source_line.tolist() == [2, 4, 10]
    assert data["customer"].tolist() == ref.data["customer"].tolist()  # the same pseudonyms
    assert "notes" not in data.columns  # free text dropped, as load does
    assert not data["customer"].astype(str).str.contains("alice|bob|carol").any()
    pd.testing.assert_series_equal(data["arrival"], ref.data["arrival"], check_dtype=False)


def test_partitions_by_month_and_reopens(tmp_path):
    _, st_ = _both(_files(tmp_path), tmp_path / "store", 60)
    months = sorted(p.name for p in (tmp_path / "store" / "contacts").iterdir())
    assert months == ["month=2026-03", "month=2026-05"]  # line 6's April row was a duplicate
    again = open_store(tmp_path / "store")
    assert again.summary().to_dict("records") == st_.summary().to_dict("records")
    with pytest.raises(FileNotFoundError, match="not a cxkit store"):
        open_store(tmp_path)
    with pytest.raises(KeyError, match="no 'tickets'"):
        again.table_path("tickets")


def test_a_gzipped_file_streams_too(tmp_path):
    p = tmp_path / "calls.csv.gz"
    p.write_bytes(gzip.compress((HEADER + BODY).encode()))
    ref, st_ = _both(p, tmp_path / "store", 50)
    assert st_.tables["contacts"]["reasons"] == ref.reasons


ROW = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "", "x"]),
    st.sampled_from(["phone", "fax", ""]),
    st.sampled_from(["2026-03-02 09:00:00", "2026-04-30 23:59:59", "2026-13-01 00:00:00", "soon"]),
    st.sampled_from(["answered", "abandoned", "hung", ""]),
    st.sampled_from(["0", "12", "-1", "1e9", "abc", ""]),
    st.sampled_from(["", "a@b.fi", '"x\ny"']),
    st.sampled_from(["", "hi", '"quoted, with comma"']),
    st.booleans(),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=25), block=st.integers(30, 400))
def test_any_file_any_block_size_gives_loads_accounting(tmp_path, rows, block):
    body = "".join(",".join(r[: 7 if r[7] else 6]) + "\n" for r in rows)
    p = _files(tmp_path, body)
    store = tmp_path / f"store{block}"
    ref, st_ = _both(p, store, block)
    e = st_.tables["contacts"]
    assert (e["rows_read"], e["quarantined"], e["reasons"]) == (
        ref.rows_read, ref.quarantined, ref.reasons)  # fmt: skip
    q = st_.quarantine("contacts")
    assert (
        q[["line", "reason"]].values.tolist() == ref.quarantine[["line", "reason"]].values.tolist()
    )
    if e["accepted"]:
        assert st_.to_pandas("contacts").source_line.tolist() == ref.data.source_line.tolist()


def test_check_on_a_store_is_the_same_scorecard(tmp_path, sample_scorecard):
    st_ = load_tables([sample_dir()], pseudonym_key=b"k", store=tmp_path / "st")
    assert isinstance(st_, Store)
    s = st_.summary().set_index("table")
    assert (s.rows_read == s.accepted + s.quarantined).all() and s.loc[
        "contacts", "accepted"
    ] > 1000
    charter = load_charter(example_charter("finnish_contact_centre"))
    with pytest.warns(Warning, match="pandas engine on rows read out of the duckdb.*phone-repeat"):
        sc = check(charter, st_)
    pd.testing.assert_frame_equal(sc, sample_scorecard)
    tables = as_tables(st_)  # the rows, for functions that need them
    assert len(tables["contacts"]) == s.loc["contacts", "accepted"]


def test_the_other_functions_take_a_store_too(tmp_path, sample_tables):
    from cxkit.measure.metrics import compare_variants
    from cxkit.measure.scorecard import summary

    st_ = load_tables([sample_dir()], pseudonym_key=b"k", store=tmp_path / "st")
    a = compare_variants(st_, channel="phone", threshold_s=20)
    b = compare_variants(sample_tables, channel="phone", threshold_s=20)
    pd.testing.assert_frame_equal(a, b)
    charter = load_charter(example_charter("finnish_contact_centre"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = summary(check(charter, st_, progress=False))
    assert set(s.target_id) == {t.id for _, _, t in charter.iter_targets()}
