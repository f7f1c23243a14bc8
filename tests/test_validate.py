from __future__ import annotations

import pandas as pd
import pytest

from cxkit.data.validate import Checker, duration_hms, parse_bools, parse_numbers, parse_times
from cxkit.errors import REASONS, Reason


def test_first_reason_wins_and_detail():
    chk = Checker(pd.RangeIndex(3))
    chk.flag([True, False, True], Reason.MISSING_REQUIRED, "first")
    chk.flag([True, True, False], Reason.FUTURE_DATE, pd.Series(["x", "y", "z"]))
    assert chk.reason.tolist() == [
        "missing required field",
        "future date",
        "missing required field",
    ]
    assert all(type(r) is str for r in chk.reason)  # plain text in the quarantine, not enum members
    assert chk.detail.tolist() == ["first", "y", "first"]


def test_reasons_are_a_fixed_vocabulary():
    chk = Checker(pd.RangeIndex(1))
    with pytest.raises(ValueError, match="not a quarantine reason"):
        chk.flag([True], "something I made up", "")
    assert "duplicate id" in REASONS and len(REASONS) == len(Reason)


def test_numbers_decimal_comma_and_thousands_space():
    chk = Checker(pd.RangeIndex(4))
    out = parse_numbers(pd.Series(["1 234,5", "0,25", "", "-1"]), "x", chk, decimal=",")
    assert out.iloc[0] == 1234.5 and out.iloc[1] == 0.25 and pd.isna(out.iloc[2])
    assert chk.reason.tolist() == [None, None, None, "negative duration"]


def test_bools_english_finnish():
    chk = Checker(pd.RangeIndex(5))
    out = parse_bools(pd.Series(["kyllä", "ei", "TRUE", "", "maybe"]), "b", chk)
    assert out.tolist()[:3] == [True, False, True] and pd.isna(out.iloc[3])
    assert chk.reason.tolist()[-1] == "unparseable boolean"


def test_times_keep_offsets_and_report_unparseable():
    chk = Checker(pd.RangeIndex(3))
    out = parse_times(
        pd.Series(["2026-06-01T12:00:00Z", "1.6.2026 15:00", "31.6.2026"]),
        "t",
        chk,
        tz="Europe/Helsinki",
    )
    assert out.iloc[0].isoformat() == "2026-06-01T15:00:00+03:00"
    assert out.iloc[1].isoformat() == "2026-06-01T15:00:00+03:00"
    assert chk.reason.tolist() == [None, None, "unparseable time"]


def test_hms():
    chk = Checker(pd.RangeIndex(2))
    assert duration_hms(pd.Series(["0:01:05", "1:61:00"]), "d", chk).iloc[0] == 65
    assert chk.reason.tolist() == [None, "unparseable number"]


def test_repeated_autumn_hour_resolved_from_row_order():
    """Regression: real exports have the repeated DST hour (244 calls in one test file) and all of it
    was quarantined. In a time-ordered file the order tells the two passes apart."""
    text = pd.Series(
        [
            "2026-10-25 02:50",
            "2026-10-25 03:10",
            "2026-10-25 03:40",
            "2026-10-25 03:05",
            "2026-10-25 03:30",
            "2026-10-25 04:10",
        ]
    )
    chk = Checker(text.index)
    out = parse_times(text, "arrival", chk, tz="Europe/Helsinki")
    assert chk.ok.all()
    offsets = [t.utcoffset().total_seconds() / 3600 for t in out]
    assert offsets == [3, 3, 3, 2, 2, 2]
    assert out.is_monotonic_increasing
    assert chk.warnings and chk.warnings[0][1] == "repeated DST hour placed from the row order"


def test_repeated_hour_out_of_order_is_still_quarantined():
    text = pd.Series(
        ["2026-10-25 03:40", "2026-10-25 03:10", "2026-10-25 03:05", "2026-10-25 03:30"]
    )
    chk = Checker(text.index)
    parse_times(text, "arrival", chk, tz="Europe/Helsinki")
    assert set(chk.reason.dropna()) == {"ambiguous time at DST change"}
