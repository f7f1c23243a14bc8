"""One loader entry point, and check's acceptance of whatever tables an analyst holds."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import cxkit as cx
from cxkit.data.tables import as_tables, table_of


@pytest.fixture(scope="module")
def tables():
    return cx.load_tables([cx.sample_dir()], pseudonym_key=b"t")


def test_load_tables_reads_a_folder_with_every_table(tables):
    assert set(tables) == {
        "contacts",
        "tickets",
        "surveys",
        "evaluations",
        "intervals",
        "staffing",
        "conversations",
    }
    for res in tables.values():
        assert res.rows_read == res.accepted + res.quarantined
        assert res.data.attrs["cxkit_table"] == res.table


def test_as_tables_accepts_what_analysts_hold(tables):
    contacts = tables["contacts"]
    assert list(as_tables(contacts)) == ["contacts"]  # a LoadResult
    assert list(as_tables(contacts.data)) == ["contacts"]  # its DataFrame (attrs)
    plain = pd.DataFrame(contacts.data)  # a copy without attrs: the time column tells
    plain.attrs = {}
    assert list(as_tables(plain)) == ["contacts"]
    assert set(as_tables({"contacts": contacts, "tickets": tables["tickets"].data})) == {
        "contacts",
        "tickets",
    }
    assert set(as_tables(cx.sample_dir())) >= {"contacts", "tickets"}  # a folder


@pytest.mark.parametrize("bad", [[1, 2], 42, "no/such/folder", {"contacts": [1, 2]}])
def test_anything_else_is_a_type_error_that_says_what_to_pass(bad):
    with pytest.raises(TypeError, match="load_tables|DataFrame"):
        as_tables(bad)


def test_a_frame_of_unknown_shape_asks_to_be_named():
    with pytest.raises(TypeError, match="pass \\{'contacts': df\\}"):
        table_of(pd.DataFrame({"x": [1]}))


def test_check_with_one_import(tables):
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every table the charter needs is there: no warning
        sc = cx.check(charter, tables)
    assert set(sc.columns) == set(cx.SCORECARD_COLUMNS)
    assert (sc.status != "no_data").mean() > 0.5


def test_check_on_a_contacts_frame_is_not_silently_empty(tables):
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    with pytest.warns(cx.CxkitWarning, match="no tickets table") as caught:
        sc = cx.check(charter, tables["contacts"].data)
    msg = str(caught[0].message)
    assert "no surveys table" in msg and "email-response" in msg
    phone = sc[sc.target_id == "phone-sl"]
    assert (phone.status != "no_data").sum() >= 10  # every weekday judged (weekends are closed)
    assert phone.unit.eq("%").all()


def test_check_with_no_table_a_target_needs_fails_loudly(tables):
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    with pytest.raises(cx.MissingDataError, match="nothing to check: .*no contacts table"):
        cx.check(charter, {"staffing": tables["staffing"]})
    with pytest.raises(TypeError, match="load_tables"):
        cx.check(charter, [tables["contacts"]])


def test_units_in_every_public_frame(tables):
    c = tables["contacts"].data
    sl = cx.service_level(c, threshold_s=20, by=("channel",))
    assert {"service_level_pct", "ci_low_pct", "ci_high_pct"} <= set(sl.columns)
    assert sl.service_level_pct.between(0, 100).all() and (sl.service_level_pct > 1).any()
    v = cx.compare_variants(tables, channel="phone")
    assert v.unit.eq("%").all() and v.value.between(0, 100).all()
    aht = cx.metric(tables, "aht", by=("channel",))
    assert aht.unit.eq("s").all()
