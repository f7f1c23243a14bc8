"""The DuckDB engine (cxkit.measure.sql + cxkit.measure.backends) against the pandas reference."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.model import Calendar, Charter, load_charter
from cxkit.measure.backends import (
    DuckDBEngine,
    check_on,
    fallback_metrics,
    minute_calendar,
    run_check,
)
from cxkit.measure.contact_rows import SL_VARIANTS
from cxkit.measure.scorecard import check
from cxkit.measure.sql import DUCKDB, SPARK, period_expr, sql_metrics, sql_rows
from cxkit.settings import example_charter

TZ = "Europe/Helsinki"
CAL = {
    "time_zone": TZ,
    "holidays": {"country": "FI"},
    "hours": {d: "08:00-16:30" for d in ("mon", "tue", "wed", "thu", "fri")},
    "special_days": {"2026-10-23": "10:15-12:00"},
}


def same(a: pd.DataFrame, b: pd.DataFrame, *, exact: bool = False) -> None:
    """Statuses, counts and texts exactly; float figures to 1e-12 (a sum's order may differ)."""
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    if exact:
        pd.testing.assert_frame_equal(a, b)
    else:
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9)
        for col in ("status", "n", "target_id", "period_start", "definition", "note"):
            pd.testing.assert_series_equal(a[col], b[col])


def quiet_check_on(charter, eng, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return check_on(charter, eng, **kw)


def test_the_sample_scorecard_is_identical_on_duckdb(sample_tables, sample_scorecard):
    charter = load_charter(example_charter("finnish_contact_centre"))
    with DuckDBEngine(sample_tables) as eng:
        sc = quiet_check_on(charter, eng)
    same(sample_scorecard, sc, exact=True)


def test_check_engine_keyword_and_fallbacks(sample_tables, sample_scorecard):
    charter = load_charter(example_charter("finnish_contact_centre"))
    with warnings.catch_warnings():
        # frames in memory: the fallback reads nothing out, and says nothing
        warnings.simplefilter("error")
        sc = check(charter, sample_tables, engine="duckdb")
    same(sample_scorecard, sc, exact=True)
    assert "repeat_contact_rate" in fallback_metrics()
    assert {"service_level", "aht", "wait_percentile", "response_service_level"} <= sql_metrics()


def test_engine_from_environment(sample_tables, sample_scorecard, monkeypatch):
    monkeypatch.setenv("CXKIT_ENGINE", "duckdb")
    charter = load_charter(example_charter("finnish_contact_centre"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = check(charter, sample_tables)
    same(sample_scorecard, sc, exact=True)
    with pytest.raises(ValueError, match="unknown engine"):
        run_check(charter, sample_tables, "oracle")


def test_dialects_differ_only_in_a_few_functions():
    opts = {"variant": "offered", "include_flowouts": True, "short_abandon_s": 5,
            "comparison": "<", "include_ring_time": True, "attribution": "arrival"}  # fmt: skip
    cols = {"outcome", "wait_s", "ring_s", "arrival"}
    d = sql_rows("service_level", opts, within_s=20, columns=cols, dialect=DUCKDB)
    s = sql_rows("service_level", opts, within_s=20, columns=cols, dialect=SPARK)
    assert d.num == s.num and d.den == s.den and "< 20.0" in d.num and "ring_s" in d.num
    assert "from_utc_timestamp" in period_expr("t", "week", TZ, SPARK)
    assert "time_bucket" in period_expr("t", "interval", TZ, DUCKDB, interval_min=15)
    with pytest.raises(KeyError, match="pandas engine"):
        sql_rows("nps", {}, within_s=None, columns=set())


def test_minute_calendar_matches_business_seconds_across_dst_and_holidays():
    cal = Calendar.model_validate(CAL)
    rng = np.random.default_rng(3)
    lo = pd.Timestamp("2026-03-20", tz="UTC").value
    hi = pd.Timestamp("2026-11-10", tz="UTC").value
    a = pd.Series(pd.to_datetime(rng.integers(lo, hi, 500), utc=True).floor("us"))
    b = a + pd.to_timedelta(rng.integers(0, 20 * 86400 * 10**6, 500), unit="us")
    want = business_seconds_between(a, b, cal)
    mc = minute_calendar(cal, a.min(), b.max()).set_index("m")

    def open_us(t: pd.Series) -> np.ndarray:
        us = t.dt.as_unit("us").astype("int64").to_numpy() // 1  # epoch us
        us = pd.DatetimeIndex(t).as_unit("us").asi8
        m = us // 60_000_000
        row = mc.loc[m]
        return row.cum_us.to_numpy() + row.is_open.to_numpy() * (us - m * 60_000_000)

    got = (open_us(b) - open_us(a)) / 1e6
    np.testing.assert_array_equal(got, want.to_numpy())


# --- property tests: random contact logs and tickets, random targets --------------------------------

DAYS = pd.to_datetime(["2026-03-28", "2026-10-24", "2026-12-05", "2026-06-19"])  # DST, holidays


@st.composite
def contact_logs(draw):
    n = draw(st.integers(1, 60))
    day = draw(st.sampled_from(list(DAYS)))
    secs = draw(st.lists(st.integers(0, 3 * 86400), min_size=n, max_size=n))
    arrival = (day + pd.to_timedelta(secs, unit="s")).tz_localize("UTC")
    outcomes = draw(
        st.lists(st.sampled_from(["answered", "abandoned", "flowout", "self_service", None]),
                 min_size=n, max_size=n)
    )  # fmt: skip
    waits = draw(st.lists(st.one_of(st.none(), st.integers(0, 120)), min_size=n, max_size=n))
    talk = draw(st.lists(st.one_of(st.none(), st.integers(0, 900)), min_size=n, max_size=n))
    return pd.DataFrame(
        {
            "contact_id": [f"c{i}" for i in range(n)],
            "channel": draw(st.lists(st.sampled_from(["phone", "chat"]), min_size=n, max_size=n)),
            "queue": draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n)),
            "arrival": arrival.tz_convert(TZ),
            "outcome": pd.Series(outcomes, dtype=object),
            "wait_s": pd.Series(waits, dtype=float),
            "ring_s": pd.Series(
                draw(st.lists(st.one_of(st.none(), st.integers(0, 9)), min_size=n, max_size=n)),
                dtype=float,
            ),  # fmt: skip
            "talk_s": pd.Series(talk, dtype=float),
            "hold_s": pd.Series(waits, dtype=float),
            "acw_s": 10.0,
            "transferred": draw(st.lists(st.booleans(), min_size=n, max_size=n)),
        }
    )


@st.composite
def contact_targets(draw):
    metric = draw(st.sampled_from(sorted(m for m in sql_metrics() if m not in _TICKET)))
    t = {"id": "t", "metric": metric, "threshold": 50,
         "period": draw(st.sampled_from(["interval", "day", "week", "month"]))}  # fmt: skip
    if t["period"] == "interval":
        t["interval_min"] = draw(st.sampled_from([15, 30, 60]))
    opts = {}
    if metric == "service_level":
        t["within_s"] = draw(st.sampled_from([1, 10, 20, 60]))
        opts = {"variant": draw(st.sampled_from(SL_VARIANTS)),
                "comparison": draw(st.sampled_from(["<=", "<"])),
                "include_flowouts": draw(st.booleans()),
                "include_ring_time": draw(st.booleans())}  # fmt: skip
    elif metric == "abandon_rate":
        opts = {
            "variant": draw(
                st.sampled_from(["of_offered", "exclude_short", "of_answered_abandoned"])
            )
        }
    elif metric == "wait_percentile":
        opts = {"quantile": draw(st.sampled_from([0.5, 0.8, 0.9]))}
    t["options"] = opts
    if draw(st.booleans()):
        t["segment"] = {"queue": draw(st.sampled_from(["a", "b", "z"]))}
    return t


_TICKET = {"first_response_time", "resolution_time", "response_service_level",
           "social_response_rate"}  # fmt: skip


def _charter(target: dict, kind: str = "sync", channel: str = "phone") -> Charter:
    return Charter.model_validate(
        {
            "name": "x",
            "calendars": {"office": CAL},
            "channels": {
                channel: {
                    "label": {"en": "P", "fi": "P"},
                    "kind": kind,
                    "calendar": "office",
                    "targets": [target],
                }
            },
        }
    )


def _compare(charter: Charter, tables: dict) -> None:
    ref = check(charter, tables, engine="pandas")
    with DuckDBEngine(tables) as eng:
        got = quiet_check_on(charter, eng)
    same(ref, got)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contact_logs(), contact_targets())
def test_contact_metrics_match_pandas_on_random_logs(contacts, target):
    _compare(_charter(target), {"contacts": contacts})


@st.composite
def ticket_tables(draw):
    n = draw(st.integers(1, 40))
    day = draw(st.sampled_from(list(DAYS)))
    created = (day + pd.to_timedelta(draw(st.lists(st.integers(0, 5 * 86400), min_size=n,
                                                   max_size=n)), unit="s")).tz_localize(TZ,
                                                   ambiguous=True, nonexistent="shift_forward")  # fmt: skip
    created = pd.Series(created)
    reply = draw(st.lists(st.one_of(st.none(), st.integers(0, 4 * 86400)), min_size=n, max_size=n))
    solve = draw(st.lists(st.one_of(st.none(), st.integers(0, 9 * 86400)), min_size=n, max_size=n))
    td = pd.to_timedelta(pd.Series(reply, dtype=float), unit="s")
    ts = pd.to_timedelta(pd.Series(solve, dtype=float), unit="s")
    return pd.DataFrame(
        {
            "ticket_id": [f"t{i}" for i in range(n)],
            "channel": "email",
            "queue": draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n)),
            "created": created,
            "first_reply": created + td,
            "solved": created + td.fillna(pd.Timedelta(0)) + ts,
            "visibility": draw(
                st.lists(st.sampled_from(["public", "private"]), min_size=n, max_size=n)
            ),  # fmt: skip
            "paused_s": pd.Series(
                draw(st.lists(st.one_of(st.none(), st.integers(0, 7200)), min_size=n, max_size=n)),
                dtype=float,
            ),  # fmt: skip
        }
    )


@st.composite
def ticket_targets(draw):
    metric = draw(st.sampled_from(sorted(_TICKET)))
    t = {"id": "t", "metric": metric, "threshold": 5,
         "period": draw(st.sampled_from(["day", "week", "month"]))}  # fmt: skip
    opts: dict = {}
    if metric != "social_response_rate":
        opts["business_hours"] = draw(st.booleans())
    if metric == "response_service_level":
        t["within_h"] = draw(st.sampled_from([1, 4, 8, 24]))
        opts["visibility"] = draw(st.sampled_from(["all", "public"]))
    if metric in ("first_response_time", "resolution_time"):
        opts["statistic"] = draw(st.sampled_from(["mean", "median", "p90"]))
    if metric == "resolution_time":
        opts["which"] = draw(st.sampled_from(["first", "total"]))
        opts["pause_statuses"] = ["pending"] if draw(st.booleans()) else []
    if metric == "social_response_rate":
        opts["visibility"] = "public"
    t["options"] = opts
    return t


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ticket_tables(), ticket_targets())
def test_ticket_metrics_match_pandas_with_business_hours_across_dst_and_holidays(tickets, target):
    _compare(_charter(target, kind="async", channel="email"), {"tickets": tickets})


def test_a_missing_column_is_the_same_no_data_note():
    c = pd.DataFrame({"contact_id": ["a"], "channel": "phone",
                      "arrival": pd.Timestamp("2026-03-02 09:00", tz=TZ), "outcome": "answered"})  # fmt: skip
    _compare(_charter({"id": "t", "metric": "asa", "threshold": 30, "period": "day"}),
             {"contacts": c})  # fmt: skip
