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


def _calls(path, rows):
    head = "contact_id,channel,customer,arrival,answered_at,ended_at,outcome\n"
    path.write_text(head + "".join(rows), encoding="utf-8")
    return path


def test_two_files_of_one_table_keep_every_row(tmp_path):
    """Two monthly exports of one call log: nothing of the first is lost, ids repeated across files are
    quarantined naming the file and line they were first seen on, and the counts add up."""
    jan = _calls(
        tmp_path / "jan.csv",
        [
            "c1,phone,k1,2026-01-05T09:00:00+02:00,2026-01-05T09:00:10+02:00,2026-01-05T09:03:00+02:00,answered\n",
            "c2,phone,k2,2026-01-06T09:00:00+02:00,,2026-01-06T09:01:00+02:00,abandoned\n",
        ],
    )
    feb = _calls(
        tmp_path / "feb.csv",
        [
            "c3,phone,k1,2026-02-02T10:00:00+02:00,2026-02-02T10:00:30+02:00,2026-02-02T10:05:00+02:00,answered\n",
            "c1,phone,k1,2026-02-03T10:00:00+02:00,2026-02-03T10:00:05+02:00,2026-02-03T10:02:00+02:00,answered\n",
            "c4,phone,k3,not a time,,,abandoned\n",
        ],
    )
    res = cx.load_tables([jan, feb], pseudonym_key=b"t")["contacts"]
    assert res.rows_read == 5 == res.accepted + res.quarantined
    assert sorted(res.data["contact_id"]) == ["c1", "c2", "c3"]
    assert set(res.data.loc[res.data.contact_id == "c1", "source_file"]) == {"jan.csv"}
    q = res.quarantine.set_index("reason")
    assert q.loc["duplicate id", "detail"] == "contact_id c1 first seen in jan.csv line 2"
    assert (
        int(q.loc["duplicate id", "line"]) == 3
        and q.loc["duplicate id", "source_file"] == "feb.csv"
    )
    assert q.loc["unparseable time", "source_file"] == "feb.csv"
    # the same customer across files gets the same pseudonym
    assert res.data.customer.nunique() == 2


def test_a_store_refuses_a_second_file_for_the_same_table(tmp_path):
    a = _calls(tmp_path / "a.csv", ["c1,phone,k1,2026-01-05T09:00:00+02:00,,,abandoned\n"])
    b = _calls(tmp_path / "b.csv", ["c2,phone,k1,2026-01-06T09:00:00+02:00,,,abandoned\n"])
    with pytest.raises(cx.CxkitError, match="both hold contacts"):
        cx.load_tables([a, b], store=tmp_path / "store")
