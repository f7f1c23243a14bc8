from __future__ import annotations

import copy
import re

import pytest

from cxkit.charter.lint import CODES, RULES, findings_frame, has_errors, review, rule, rules_frame
from cxkit.charter.model import Charter, load_charter, validate_document

from .conftest import CHARTERS, ROOT


def _codes(doc):
    return [(f.code, f.level, f.subject) for f in review(validate_document(copy.deepcopy(doc)))]


def _charter(channels):
    return Charter.model_validate({"name": "x", "channels": channels})


PHONE = {"label": {"en": "Phone", "fi": "Puhelin"}, "kind": "sync", "medium": "phone"}


def test_clean_charter_has_no_findings(minimal_doc):
    assert _codes(minimal_doc) == []


def test_only_aht_on_phone_is_an_error_about_counterweights():
    c = _charter(
        {"phone": {**PHONE, "targets": [{"id": "aht", "metric": "aht", "threshold": 300}]}}
    )
    f = [x for x in review(c) if x.code == "CX001"]
    assert len(f) == 1 and f[0].level == "error"
    assert "hangs up" in f[0].message
    assert has_errors(review(c))


def test_counterweight_must_come_from_resolution_quality_or_cx():
    c = _charter(
        {
            "phone": {
                **PHONE,
                "targets": [
                    {"id": "aht", "metric": "aht", "threshold": 300},
                    {"id": "sl", "metric": "service_level", "threshold": 80, "within_s": 20},
                ],
            }
        }
    )
    assert "CX001" in [f.code for f in review(c)]
    c2 = _charter(
        {
            "phone": {
                **PHONE,
                "targets": [
                    {"id": "aht", "metric": "aht", "threshold": 300},
                    {"id": "rep", "metric": "repeat_contact_rate", "threshold": 15},
                ],
            }
        }
    )
    assert "CX001" not in [f.code for f in review(c2)]


def test_channel_without_target(minimal_doc):
    minimal_doc["channels"]["chat"] = {"label": {"en": "Chat", "fi": "Chat"}, "kind": "sync"}
    assert ("CX002", "warning", "channels.chat") in _codes(minimal_doc)


def test_service_level_in_seconds_on_email_is_a_kind_mismatch(minimal_doc):
    minimal_doc["channels"]["email"]["targets"].append(
        {"id": "email-sl", "metric": "service_level", "threshold": 80, "within_s": 20}
    )
    found = [c for c in _codes(minimal_doc) if c[0] == "CX003"]
    assert found and found[0][1] == "error" and "email-sl" in found[0][2]


def test_async_target_slower_than_chase(minimal_doc):
    minimal_doc["channels"]["email"]["targets"][0]["within_h"] = 48
    assert any(c[0] == "CX004" for c in _codes(minimal_doc))
    minimal_doc["channels"]["email"]["chase_after_h"] = 72
    assert not any(c[0] == "CX004" for c in _codes(minimal_doc))


def test_duplicate_measure_and_two_sided_contradiction():
    c = _charter(
        {
            "phone": {
                **PHONE,
                "targets": [
                    {"id": "a", "metric": "abandon_rate", "threshold": 5},
                    {"id": "b", "metric": "abandon_rate", "threshold": 8},
                    {"id": "occ-lo", "metric": "occupancy", "threshold": 90, "bound": "at_least"},
                    {"id": "occ-hi", "metric": "occupancy", "threshold": 85, "bound": "at_most"},
                ],
            }
        }
    )
    codes = [f.code for f in review(c)]
    assert "CX005" in codes and "CX006" in codes


def test_sl_monotone_in_threshold_and_answer_rate_bounds():
    c = _charter(
        {
            "phone": {
                **PHONE,
                "targets": [
                    {"id": "sl20", "metric": "service_level", "threshold": 80, "within_s": 20},
                    {
                        "id": "sl60-cap",
                        "metric": "service_level",
                        "threshold": 70,
                        "within_s": 60,
                        "bound": "at_most",
                    },
                    {"id": "sl30", "metric": "service_level", "threshold": 75, "within_s": 30},
                    {"id": "ans", "metric": "answer_rate", "threshold": 70},
                    {"id": "fcr", "metric": "fcr", "threshold": 70},
                ],
            }
        }
    )
    found = {(f.code, f.subject.split("[")[-1].rstrip("]")) for f in review(c)}
    assert ("CX006", "sl60-cap") in found  # 80 % within 20 s forces >= 80 % within 60 s
    assert ("CX007", "sl30") in found  # implied by sl20
    assert ("CX007", "ans") in found  # SL(offered) <= answer rate


def test_answer_plus_abandon_over_100_percent():
    c = _charter(
        {
            "phone": {
                **PHONE,
                "targets": [
                    {"id": "ans", "metric": "answer_rate", "threshold": 95},
                    {"id": "ab", "metric": "abandon_rate", "threshold": 10, "bound": "at_least"},
                ],
            }
        }
    )
    assert "CX006" in [f.code for f in review(c)]


def test_survey_target_without_sample_plan_and_too_small_sample(minimal_doc):
    del minimal_doc["channels"]["phone"]["targets"][1]["min_n"]
    assert any(c[0] == "CX008" for c in _codes(minimal_doc))
    minimal_doc["channels"]["phone"]["targets"][1]["min_n"] = 30
    assert any(c[0] == "CX009" for c in _codes(minimal_doc))  # ±12.8 points vs a 10-point band


def test_goal_links(minimal_doc):
    minimal_doc["channels"]["phone"]["goals"].append({"text": "Friendly service"})
    minimal_doc["channels"]["email"]["goals"][0]["targets"] = ["email-rsl"]
    codes = _codes(minimal_doc)
    assert ("CX010", "warning", "channels.phone.goals[1]") in codes
    assert ("CX011", "info", "channels.email.targets[email-fcr]") in codes


def test_gameable_variants_and_percent_scale(minimal_doc):
    minimal_doc["channels"]["phone"]["targets"][0]["options"] = {"variant": "answered"}
    minimal_doc["channels"]["email"]["targets"][1]["threshold"] = 0.7
    codes = [c[0] for c in _codes(minimal_doc)]
    assert "CX012" in codes and "CX013" in codes


def test_business_hours_without_calendar(minimal_doc):
    del minimal_doc["channels"]["email"]["calendar"]
    assert any(c[0] == "CX014" and c[1] == "error" for c in _codes(minimal_doc))


def test_infeasible_staffing_uses_erlang_c(minimal_doc):
    minimal_doc["channels"]["phone"]["forecast"] = {
        "contacts_per_interval": 100,
        "interval_min": 30,
        "aht_s": 180,
        "agents": 13,
        "shrinkage": 0.3,
    }
    f = [x for x in review(validate_document(copy.deepcopy(minimal_doc))) if x.code == "CX015"]
    assert len(f) == 1 and "79.6 %" in f[0].message and "needs 14 agents" in f[0].message
    assert "20 scheduled" in f[0].message
    minimal_doc["channels"]["phone"]["forecast"]["agents"] = 14
    assert not any(c[0] == "CX015" for c in _codes(minimal_doc))


def test_examples_review_and_frame():
    fin = review(load_charter(CHARTERS / "finnish_contact_centre.yml"))
    assert not has_errors(fin)
    desk = review(load_charter(CHARTERS / "small_service_desk.yml"))
    df = findings_frame(desk)
    assert list(df.columns) == ["code", "name", "level", "subject", "message"]
    assert set(df.code) <= set(CODES)
    assert df.iloc[0].level == "error"  # errors first


def _readme_rules() -> list[tuple[str, str, str]]:
    """``(code, name, level)`` rows of the README's table under "The review"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The review", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (CX\d{3}) \| ([a-z-]+)[^|]* \| (\w+) \|$", section, flags=re.M)
    assert rows, "no rule table under '## The review' in README.md"
    return rows


def test_every_documented_rule_is_registered_once_with_its_level():
    documented = _readme_rules()
    codes = [code for code, _, _ in documented]
    assert codes == [f"CX{i:03d}" for i in range(1, 17)]  # each once, in order
    assert sorted(RULES) == codes  # nothing registered that the README does not list
    for code, name, level in documented:
        assert (RULES[code].code, RULES[code].name, RULES[code].level) == (code, name, level)
    assert len({id(r.check) for r in RULES.values()}) == len(RULES)  # one check, one code
    assert all(r.catches for r in RULES.values())  # each says what it catches


def test_codes_and_rules_frame_are_read_from_the_registry():
    assert dict(CODES) == {code: r.name for code, r in RULES.items()}
    assert list(CODES) == sorted(RULES)
    df = rules_frame()
    assert list(df.columns) == ["code", "name", "level", "catches"]
    assert list(df.code) == sorted(RULES)
    assert df.set_index("code").loc["CX004", "catches"].startswith("An async response target")


def test_a_code_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="CX001 is already registered"):
        rule("CX001", "again", "error")(lambda cid, ch: iter(()))
    with pytest.raises(ValueError, match="level 'fatal'"):
        rule("CX999", "bad-level", "fatal")  # type: ignore[arg-type]
    assert "CX999" not in RULES and RULES["CX001"].name == "no-counterweight"


def test_findings_come_from_the_registered_rule_with_its_level(minimal_doc):
    minimal_doc["channels"]["chat"] = {"label": {"en": "Chat", "fi": "Chat"}, "kind": "sync"}
    minimal_doc["channels"]["phone"]["targets"][0]["options"] = {"variant": "answered"}
    for f in review(validate_document(copy.deepcopy(minimal_doc))):
        assert f.level == RULES[f.code].level and f.name == RULES[f.code].name


def test_an_80_20_alone_is_flagged_as_answered_not_resolved():
    """Regression: a charter whose only target is 80/20 passed with an info note."""
    only_sl = Charter.model_validate(
        {
            "name": "x",
            "channels": {
                "phone": {
                    "label": {"en": "Phone", "fi": "Puhelin"},
                    "kind": "sync",
                    "targets": [
                        {"id": "sl", "metric": "service_level", "threshold": 80, "within_s": 20}
                    ],
                }
            },
        }
    )
    codes = {f.code: f.level for f in review(only_sl)}
    assert codes.get("CX016") == "warning"
    with_fcr = only_sl.model_copy(deep=True)
    with_fcr.channels["phone"].targets.append(
        only_sl.channels["phone"]
        .targets[0]
        .model_copy(update={"id": "fcr", "metric": "fcr", "threshold": 70, "within_s": None})
    )
    assert "CX016" not in {f.code for f in review(with_fcr)}


def test_infeasible_asa_target_is_flagged():
    """Regression: CX015 checked only service-level targets, though it documents ASA too."""
    doc = {
        "name": "x",
        "channels": {
            "phone": {
                "label": {"en": "Phone", "fi": "Puhelin"},
                "kind": "sync",
                "forecast": {
                    "contacts_per_interval": 100,
                    "interval_min": 30,
                    "aht_s": 180,
                    "agents": 11,
                },
                "targets": [
                    {"id": "asa", "metric": "asa", "threshold": 15},
                    {"id": "csat", "metric": "csat", "threshold": 80},
                ],
            }
        },
    }
    found = [f for f in review(Charter.model_validate(doc)) if f.code == "CX015"]
    assert len(found) == 1 and "ASA" in found[0].message and "14 agents" in found[0].message
