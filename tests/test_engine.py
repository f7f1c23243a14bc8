"""The metric registry: every catalog metric declared once, with exactly one row builder."""

from __future__ import annotations

import pandas as pd
import pytest

import cxkit  # noqa: F401  (registers every builder)
from cxkit.catalog import METRICS
from cxkit.errors import MissingColumnError, MissingDataError
from cxkit.measure.engine import (
    check_registry,
    interval_builders,
    metric_rows,
    registered,
    rows_for,
)


def test_every_catalog_metric_has_one_builder():
    assert check_registry() == []
    assert registered() == frozenset(METRICS)


def test_interval_report_builders_are_the_countable_metrics():
    assert interval_builders() == {
        "service_level",
        "answer_rate",
        "abandon_rate",
        "asa",
        "aht",
        "offered",
    }


def test_a_builder_cannot_be_registered_twice_or_for_an_unknown_metric():
    with pytest.raises(RuntimeError, match="twice"):
        rows_for("aht")(lambda ctx: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(KeyError, match="did you mean"):
        rows_for("ahtt")(lambda ctx: None)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize("m", list(METRICS.values()), ids=list(METRICS))
def test_declared_table_and_aggregation(m):
    assert m.table in {
        "contacts",
        "tickets",
        "surveys",
        "evaluations",
        "journeys",
        "agent_states",
        "ticket_events",
        "conversations",
    }
    assert m.aggregation in {
        "ratio",
        "mean",
        "quantile",
        "max",
        "count",
        "nps",
        "snapshot",
        "coverage",
    }
    if (
        m.unit == "%"
    ):  # every rate is a ratio of counts (or done / planned), so it can be rolled up exactly
        assert m.aggregation in {"ratio", "coverage"}


def test_rows_carry_the_catalog_declaration():
    t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
    c = pd.DataFrame(
        {
            "contact_id": ["a", "b"],
            "channel": "phone",
            "arrival": t,
            "outcome": ["answered", "abandoned"],
            "wait_s": [5.0, 9.0],
            "talk_s": [100.0, None],
        }
    )
    r = metric_rows({"contacts": c}, "aht")
    assert (r.kind, r.table) == ("mean", "contacts") and r.frame["value"].tolist() == [100.0]
    assert metric_rows({"contacts": c}, "service_level", within_s=20).kind == "ratio"


def test_missing_table_and_interval_gaps_say_what_to_do():
    with pytest.raises(MissingDataError, match="needs a tickets table"):
        metric_rows({}, "first_response_time")
    with pytest.raises(MissingColumnError, match="contact-level"):
        metric_rows({"intervals": pd.DataFrame()}, "wait_percentile", source="intervals")
