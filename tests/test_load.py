from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxkit.data.loader import load
from cxkit.errors import CxkitWarning, MissingColumnError, MissingTimeZoneError, UnreadableFileError

KEY = b"test-key"
NOW = pd.Timestamp("2026-11-22", tz="UTC")
HEADER = "contact_id,channel,arrival,outcome,wait_s,customer,answered_at\n"

TZ = "Europe/Helsinki"


def _load(tmp_path, body, **kw):
    p = tmp_path / "c.csv"
    p.write_text(HEADER + body, encoding="utf-8")
    kw.setdefault("time_zone", TZ)
    return load(p, preset="generic", pseudonym_key=KEY, now=NOW, **kw)


def test_every_reason_is_reported_with_line(tmp_path):
    body = (
        "1,phone,2026-03-02 09:00:00,answered,12,alice@example.com,2026-03-02 09:00:12\n"  # 2 ok
        "2,phone,2026-03-02 09:01:00,abandoned,-3,,\n"  # 3 negative
        "1,phone,2026-03-02 09:02:00,answered,4,,2026-03-02 09:02:04\n"  # 4 duplicate
        "3,phone,2026-13-02 09:00:00,answered,4,,\n"  # 5 bad time
        "4,phone,2026-03-29 03:30:00,abandoned,10,,\n"  # 6 DST gap
        "5,phone,2026-10-25 03:30:00,abandoned,10,,\n"  # 7 ambiguous
        "6,fax,2026-03-02 09:00:00,answered,4,,2026-03-02 09:00:04\n"  # 8 unknown channel
        "7,phone,2027-03-02 09:00:00,abandoned,4,,\n"  # 9 future
        "8,phone,2026-03-02 09:00:00,answered,4,,2026-03-02 08:00:00\n"  # 10 answer < arrival
        "9,phone,2026-03-02 09:00:00,hung,4,,\n"  # 11 unknown outcome
        ",phone,2026-03-02 09:00:00,abandoned,4,,\n"  # 12 missing id
        "10,phone,2026-03-02 09:00:00,answered,abc,,\n"  # 13 bad number
        "11,phone,2026-03-02 09:00:00\n"  # 14 wrong fields
    )
    res = _load(tmp_path, body, channels=["phone", "email"])
    got = dict(zip(res.quarantine.line, res.quarantine.reason, strict=True))
    assert got == {
        3: "negative duration",
        4: "duplicate id",
        5: "unparseable time",
        6: "time in DST gap",
        7: "ambiguous time at DST change",
        8: "unknown channel",
        9: "future date",
        10: "answer before arrival",
        11: "unknown outcome",
        12: "missing required field",
        13: "unparseable number",
        14: "wrong number of fields",
    }
    assert res.rows_read == 13 and res.accepted == 1
    assert res.data.iloc[0].customer.startswith("c_")  # pseudonymised
    assert "alice" not in res.data.to_csv() and "alice" not in json.dumps(res.summary())


def test_summary_json_shape(tmp_path):
    res = _load(tmp_path, "1,phone,2026-03-02 09:00:00,abandoned,3,,\n")
    s = json.loads(res.to_json())
    assert {"rows_read", "accepted", "quarantined", "reasons"} <= set(s)
    assert s["rows_read"] == s["accepted"] + s["quarantined"]


def test_offsets_and_finnish_dates(tmp_path):
    body = "1,phone,2026-03-02T09:00:00+02:00,abandoned,3,,\n2,phone,2.3.2026 9:05,abandoned,3,,\n"
    res = _load(tmp_path, body)
    assert res.accepted == 2
    assert [t.isoformat() for t in res.data.arrival] == [
        "2026-03-02T09:00:00+02:00",
        "2026-03-02T09:05:00+02:00",
    ]


def test_wait_derived_from_answer_time(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id,channel,arrival,outcome,answered_at\n1,chat,2026-03-02 09:00:00,answered,2026-03-02 09:00:42\n"
    )
    res = load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert res.data.wait_s.tolist() == [42.0]


def test_mapping_and_missing_columns_error(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text("Call ID;Media;Start;Result\n1;phone;2026-03-02 09:00:00;abandoned\n")
    with pytest.raises(MissingColumnError) as err:
        load(p, pseudonym_key=KEY, time_zone=TZ)
    msg = str(err.value)
    assert "export.csv" in msg and "contact_id" in msg and "Call ID" in msg and "mapping=" in msg
    res = load(
        p,
        pseudonym_key=KEY,
        now=NOW,
        time_zone=TZ,
        mapping={
            "Call ID": "contact_id",
            "Media": "channel",
            "Start": "arrival",
            "Result": "outcome",
        },
    )
    assert res.accepted == 1


def test_wrong_preset_suggests_the_right_one(tmp_path):
    p = tmp_path / "events.csv"
    p.write_text(
        "Case ID,Activity,Complete Timestamp,Resource\nCase1,Closed,2012-10-09 14:50:17,Value 1\n"
    )
    with pytest.raises(MissingColumnError, match="helpdesk_italian"):
        load(p, preset="technion")


def test_unknown_preset():
    with pytest.raises(ValueError, match="available"):
        load("x.csv", preset="nope")


def test_intervals_table_with_threshold_column(tmp_path):
    p = tmp_path / "iv.csv"
    p.write_text(
        "interval_start,interval_end,queue,offered,answered,abandoned,answered_within_20s\n"
        "2026-03-02 08:00,2026-03-02 08:30,q1,100,90,10,70\n"
        "2026-03-02 08:30,2026-03-02 09:00,q1,100,90,10,95\n"
    )
    res = load(p, table="intervals", now=NOW, time_zone=TZ)
    assert res.accepted == 1 and res.reasons == {"count inconsistency": 1}


# ------------------------------------------------------------------ broken files never lose rows

GOOD = ["1", "phone", "2026-03-02 09:00:00", "answered", "12", "c1", "2026-03-02 09:00:12"]
CORRUPT = st.sampled_from(
    [
        "",
        "-5",
        "x",
        "2026-02-30 10:00",
        "2026-03-29 03:15",
        "abandoned",
        "9999-01-01 00:00",
        "1",
        "email",
        '"quoted, comma"',
        "ä",
        "answered",
    ]
)


@st.composite
def broken_rows(draw):
    n = draw(st.integers(1, 25))
    rows = []
    for _ in range(n):
        row = list(GOOD)
        row[0] = str(draw(st.integers(1, 12)))  # duplicates happen
        for j in range(len(row)):
            if draw(st.booleans()) and draw(st.booleans()):
                row[j] = draw(CORRUPT)
        cut = draw(st.integers(0, 10))
        if cut == 0:
            row = row[:-1]  # missing field
        elif cut == 1:
            row = [*row, "extra"]
        rows.append(",".join(row))
    return rows


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=broken_rows())
def test_rows_read_equals_accepted_plus_quarantined(tmp_path, rows):
    p = tmp_path / "broken.csv"
    p.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    res = load(p, pseudonym_key=KEY, now=NOW, channels=["phone"], time_zone=TZ)
    assert res.rows_read == len(rows)
    assert res.rows_read == res.accepted + res.quarantined == len(res.data) + len(res.quarantine)
    assert sum(res.reasons.values()) == res.quarantined
    assert (
        res.quarantine.reason.notna().all() and res.quarantine.line.between(2, len(rows) + 1).all()
    )
    assert not set(res.data.source_line) & set(res.quarantine.line)


def test_no_silent_time_zone(tmp_path):
    """Regression: the generic preset assumed Europe/Helsinki for naive times."""
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id,channel,arrival,outcome,wait_s\n1,phone,2026-03-02 09:00:00,answered,3\n"
    )
    with pytest.raises(MissingTimeZoneError, match="c.csv: column 'arrival' .*time_zone="):
        load(p, pseudonym_key=KEY, now=NOW)
    res = load(p, pseudonym_key=KEY, now=NOW, time_zone="Asia/Jerusalem")
    assert str(res.data.arrival.dt.tz) == "Asia/Jerusalem"
    assert res.data.arrival.iloc[0] == pd.Timestamp("2026-03-02 07:00", tz="UTC")
    with pytest.raises(MissingTimeZoneError, match="unknown time zone 'Mars/Base'"):
        load(p, pseudonym_key=KEY, now=NOW, time_zone="Mars/Base")


def test_times_with_offsets_need_no_zone(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id,channel,arrival,outcome,wait_s\n1,phone,2026-03-02T09:00:00+02:00,answered,3\n"
        "2,phone,2026-03-02T07:00:00Z,answered,3\n"
    )
    res = load(p, pseudonym_key=KEY, now=NOW)
    assert res.accepted == 2 and str(res.data.arrival.dt.tz) == "UTC"
    assert (res.data.arrival == pd.Timestamp("2026-03-02 07:00", tz="UTC")).all()


def test_a_file_mostly_quarantined_says_so_loudly_with_the_time_formats(tmp_path):
    """Regression: a spreadsheet's 2010-08-DD dates sent 41,768 of 42,078 rows to quarantine in silence."""
    p = tmp_path / "c.csv"
    rows = "".join(f"{i},phone,2010-08-DD {i % 24:02d}:00,answered,3\n" for i in range(20))
    p.write_text("contact_id,channel,arrival,outcome,wait_s\n" + rows)
    with pytest.warns(
        CxkitWarning, match="20 of 20 rows quarantined .*unparseable time.*time_format="
    ):
        res = load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert res.accepted == 0 and "ISO8601" in res.notes[-1]


def test_time_format_and_constant_columns(tmp_path):
    p = tmp_path / "social.csv"
    p.write_text(
        "id,posted,state\n1,08/02/2026 09:00 PM,answered\n2,08/02/2026 10:15 AM,abandoned\n"
    )
    res = load(
        p,
        pseudonym_key=KEY,
        now=NOW,
        time_zone=TZ,
        time_format="%m/%d/%Y %I:%M %p",
        mapping={"id": "contact_id", "posted": "arrival", "state": "outcome"},
        constants={"channel": "social"},
        wait_s=None,
    )
    assert res.accepted == 2 and set(res.data.channel) == {"social"}
    assert res.data.arrival.iloc[0] == pd.Timestamp("2026-08-02 21:00", tz=TZ)
    with pytest.raises(MissingColumnError, match="already has a column 'id'"):
        load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ, constants={"id": "x"})


def test_a_valid_second_copy_is_accepted_when_the_first_was_rejected(tmp_path):
    """Regression: the valid second copy was quarantined as a duplicate of a rejected first copy."""
    body = (
        "1,phone,2026-03-02 09:00:00,answered,-5,c1,\n1,phone,2026-03-02 09:01:00,answered,4,c1,\n"
    )
    res = _load(tmp_path, body)
    assert res.accepted == 1 and res.reasons == {"negative duration": 1}
    assert res.data.wait_s.tolist() == [4.0]


def test_a_late_decimal_comma_is_detected(tmp_path):
    """Regression: decimal commas were looked for in the first 2,000 rows only."""
    rows = "".join(f"{i};phone;2026-03-02 09:00:00;answered;12\n" for i in range(3000))
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id;channel;arrival;outcome;wait_s\n"
        + rows
        + "x;phone;2026-03-02 09:00:00;answered;2,5\n"
    )
    res = load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert res.quarantined == 0 and res.data.wait_s.iloc[-1] == 2.5


@pytest.mark.parametrize("value", ["inf", "Infinity", "1e400", "1e12"])
def test_non_finite_and_absurd_durations_are_quarantined(tmp_path, value):
    """Regression: the generic preset accepted inf, Infinity, 1e400 and 1e12 seconds."""
    res = _load(
        tmp_path,
        f"1,phone,2026-03-02 09:00:00,answered,{value},c,\n2,phone,2026-03-02 09:00:00,answered,3,c,\n",
    )
    assert res.accepted == 1
    assert set(res.reasons) <= {"not a finite number", "implausible value"}


def test_offsets_without_minutes_and_end_without_answer(tmp_path):
    """Regressions: '+02' offsets gave a TypeError; ended_at without answered_at a KeyError."""
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id,channel,arrival,outcome,wait_s,ended_at\n"
        "1,phone,2026-03-02T09:00:00+02,answered,3,2026-03-02T09:05:00+02\n"
    )
    res = load(p, pseudonym_key=KEY, now=NOW)
    assert res.accepted == 1 and res.data.arrival.iloc[0] == pd.Timestamp(
        "2026-03-02 07:00", tz="UTC"
    )


def test_damaged_gzip_is_a_clear_error(tmp_path):
    p = tmp_path / "c.csv.gz"
    p.write_bytes(gzip.compress(b"contact_id,channel\n1,phone\n" * 50)[:40])
    with pytest.raises(UnreadableFileError, match="damaged or cut short"):
        load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)


def test_reloading_what_cxkit_load_wrote(tmp_path):
    """Regression: re-loading a parquet written by `cxkit load --out` duplicated source_line."""
    first = _load(tmp_path, "1,phone,2026-03-02 09:00:00,answered,3,c1,\n")
    out = tmp_path / "ok.parquet"
    first.data.to_parquet(out, index=False)
    again = load(out, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert again.accepted == 1 and list(again.data.columns).count("source_line") == 1
    assert again.data.origin_line.tolist() == ["2"]


def test_undecodable_rows_are_quarantined_with_their_line(tmp_path):
    p = tmp_path / "c.csv"
    rows = "".join(f"{i},phone,2026-03-02T09:00:00+02:00,answered,3,Mäkelä\n" for i in range(4))
    p.write_bytes(
        ("contact_id,channel,arrival,outcome,wait_s,agent\n" + rows).encode("utf-8")
        + "9,phone,2026-03-02T09:00:00+02:00,answered,3,Mäkelä\n".encode("latin-1")
    )
    res = load(p, pseudonym_key=KEY, now=NOW)
    assert res.data.agent.tolist() == ["Mäkelä"] * 4
    assert res.reasons == {"undecodable text": 1} and res.quarantine.line.tolist() == [6]


def test_the_time_format_read_is_said_and_a_bare_year_is_no_time(tmp_path):
    """Regression: `03/02/2026` (day-first) and a bare `2026` were parsed silently."""
    p = tmp_path / "c.csv"
    p.write_text(
        "contact_id,channel,arrival,outcome,wait_s\n1,phone,03/02/2026 09:00,answered,3\n"
        "2,phone,2026,answered,3\n3,phone,2026-03-02T09:00:00+02:00,answered,1\n"
    )
    res = load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert res.reasons == {"unparseable time": 1} and res.quarantine.line.tolist() == [3]
    assert any("1 as day-first dd/mm/yyyy hh:mm" in n for n in res.notes)
    assert res.data.arrival.iloc[0] == pd.Timestamp("2026-02-03 09:00", tz=TZ)


def test_errors_name_columns_not_customer_values(tmp_path):
    """Regression: a file with no header listed its first row (a phone number and an e-mail) in the error."""
    p = tmp_path / "c.csv"
    p.write_text("1,+358 40 123 4567,matti@example.fi\n2,+358 40 765 4321,maija@example.fi\n")
    with pytest.raises(MissingColumnError) as err:
        load(p, pseudonym_key=KEY, now=NOW, time_zone=TZ)
    assert "matti@example.fi" not in str(err.value) and "123 4567" not in str(err.value)
