from __future__ import annotations

import pytest

from cxkit.catalog import (
    COUNTERWEIGHT_FAMILIES,
    FAMILIES,
    METRICS,
    UnknownMetricError,
    catalog_frame,
    get_metric,
    metrics_for,
)

REQUIRED = [
    "offered",
    "answer_rate",
    "abandon_rate",
    "service_level",
    "asa",
    "average_wait",
    "wait_percentile",
    "aht",
    "acw",
    "hold",
    "occupancy",
    "transfer_rate",
    "first_response_time",
    "next_reply_time",
    "resolution_time",
    "response_service_level",
    "backlog_age",
    "fcr",
    "repeat_contact_rate",
    "chase_rate",
    "csat",
    "nps",
    "ces",
    "qa_score",
    "critical_fail_rate",
    "evaluation_coverage",
]


def test_catalog_has_every_metric_the_issue_names():
    assert set(REQUIRED) <= set(METRICS)


@pytest.mark.parametrize("m", list(METRICS.values()), ids=list(METRICS))
def test_every_entry_is_complete(m):
    assert m.name_en and m.name_fi and m.definition_en and m.definition_fi and m.formula
    assert m.family in FAMILIES
    assert m.kinds and set(m.kinds) <= {"sync", "async"}
    assert m.inputs
    for c in m.counterweights:
        assert c in METRICS, f"{m.id} counterweight {c} is not in the catalog"
    for opt in m.options.values():
        assert opt.check(opt.default) is None, f"{m.id}.{opt.name} default is not allowed"
    if m.agent_gameable:
        assert any(get_metric(c).family in COUNTERWEIGHT_FAMILIES for c in m.counterweights), m.id


def test_service_level_has_all_six_variants():
    assert get_metric("service_level").options["variant"].choices == (
        "offered",
        "answered",
        "ignore_abandons_within_T",
        "ignore_short_abandons",
        "positive_abandon",
        "removed_from_queue",
    )
    assert get_metric("service_level").options["variant"].default == "offered"


def test_fcr_has_three_variants():
    assert set(get_metric("fcr").options["variant"].choices) == {
        "agent_flag",
        "survey",
        "no_repeat",
    }


def test_unknown_metric_suggests_close_ids():
    with pytest.raises(UnknownMetricError, match="did you mean 'service_level'"):
        get_metric("servicelevel")


def test_option_checks_name_allowed_values():
    opt = get_metric("service_level").options["variant"]
    assert "allowed" in opt.check("fastest")
    assert get_metric("service_level").options["short_abandon_s"].check(500) is not None
    assert get_metric("service_level").options["include_flowouts"].check("yes") is not None


def test_frame_filters_and_language():
    en = catalog_frame("en", kind="async")
    assert "service_level" not in set(en.id)
    assert "first_response_time" in set(en.id)
    fi = catalog_frame("fi", family="customer_experience")
    assert set(fi.id) == {"csat", "nps", "ces"}
    assert "Asiakastyytyväisyys" in set(fi.name)
    assert len(metrics_for("sync")) + len(metrics_for("async")) > len(METRICS)
