"""Incentive rules in the charter (validation, round trip) and the what-if of who they reward."""

from __future__ import annotations

import pandas as pd
import pytest
from pydantic import ValidationError

from cxkit.charter.incentives import IncentiveRule
from cxkit.charter.model import dumps_charter, load_charter, loads_charter
from cxkit.errors import CharterError, MissingDataError
from cxkit.measure.incentives import incentive_what_if
from cxkit.settings import example_charter

T0 = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")


@pytest.mark.parametrize(
    "rule,message",
    [
        ({"measure": "service_level", "threshold": 80, "within_s": 20}, "team rule"),
        ({"measure": "service_level", "per": "team", "threshold": 120, "within_s": 20}, "100 %"),
        ({"measure": "aht", "per": "team", "rank": "lowest", "top": 1}, "per agent"),
        ({"measure": "aht"}, "either rank"),
        ({"measure": "aht", "rank": "lowest", "top": 1, "threshold": 300}, "either rank"),
        ({"measure": "aht", "rank": "lowest"}, "needs top"),
        ({"measure": "aht", "threshold": 300, "within_s": 20}, "within_s"),
    ],
)
def test_inconsistent_rules_are_refused(rule, message):
    with pytest.raises(ValidationError, match=message):
        IncentiveRule(id="r", **rule)


def test_example_charter_rules_round_trip_and_are_checked():
    path = example_charter("finnish_contact_centre")
    charter = load_charter(path)
    assert [r.id for r in charter.incentives] == ["speed-bonus", "team-80-20"]
    assert dumps_charter(charter) == path.read_text(encoding="utf-8")  # byte for byte
    charter.incentives[0].top = 5
    again = loads_charter(dumps_charter(charter))
    assert again.incentives[0].top == 5 and again.incentives[1] == charter.incentives[1]
    text = path.read_text(encoding="utf-8")
    with pytest.raises(CharterError, match=r"incentives\[0\]\.channel"):
        loads_charter(text.replace("top: 3\n    channel: phone", "top: 3\n    channel: fax"))
    with pytest.raises(CharterError, match=r"incentives\[1\]\.id"):
        loads_charter(text.replace("id: team-80-20", "id: speed-bonus"))
    with pytest.raises(CharterError, match="unknown key 'bonus_eur'"):
        loads_charter(text.replace("    top: 3\n", "    top: 3\n    bonus_eur: 100\n"))


def test_describe_in_both_languages():
    r = IncentiveRule(id="r", measure="handled", threshold=500)
    assert r.describe() == "every agent with contacts handled at least 500"
    assert "vähintään 500" in r.describe("fi")
    team = IncentiveRule(id="t", measure="service_level", per="team", threshold=80, within_s=20)
    assert "80 % 20 sekunnissa" in team.describe("fi")


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ["phone", "phone", "phone", "chat"],
            "agent": ["A", "B", "C", "D"],
            "handled": [100, 300, 200, 50],
            "aht_s": [150.0, 300.0, 150.0, 400.0],
            "repeat_contact": [30.0, 10.0, 12.0, 9.0],
            "flagged": [True, False, False, False],
        }
    )


def test_ranked_and_threshold_rules_by_hand():
    fast = IncentiveRule(id="f", measure="aht", rank="lowest", top=1, channel="phone")
    w = incentive_what_if(fast, _table())
    # A and C tie on 150 s: both rank 1 and both are rewarded; B is 3rd
    assert w[["agent", "rank", "rewarded"]].values.tolist() == [
        ["A", 1, True],
        ["C", 1, True],
        ["B", 3, False],
    ]
    assert w.repeat_contact.tolist() == [30.0, 12.0, 10.0]  # the same agents' repeats beside
    busy = IncentiveRule(id="b", measure="handled", threshold=200)
    w = incentive_what_if(busy, _table()).set_index("agent")
    assert w.rewarded.to_dict() == {"B": True, "C": True, "A": False, "D": False}
    cap = IncentiveRule(id="c", measure="aht", threshold=300)
    assert set(incentive_what_if(cap, _table()).query("rewarded").agent) == {"A", "B", "C"}
    with pytest.raises(MissingDataError, match="no agents in channel"):
        incentive_what_if(
            IncentiveRule(id="x", measure="aht", threshold=1, channel="fax"), _table()
        )


def test_team_service_level_rule_by_hand():
    # phone: 4 offered, 3 answered within 20 s -> 75 %; chat: 1 of 1 -> 100 %
    c = pd.DataFrame(
        {
            "contact_id": list("abcde"),
            "channel": ["phone"] * 4 + ["chat"],
            "arrival": T0,
            "outcome": ["answered", "answered", "answered", "abandoned", "answered"],
            "wait_s": [5.0, 10.0, 20.0, 30.0, 3.0],
        }
    )
    rule = IncentiveRule(id="t", measure="service_level", per="team", threshold=80, within_s=20)
    w = incentive_what_if(rule, _table(), data={"contacts": c}).set_index("agent")
    assert w.value.to_dict() == {"D": 100.0, "A": 75.0, "B": 75.0, "C": 75.0}
    assert w.rewarded.to_dict() == {"D": True, "A": False, "B": False, "C": False}
    with pytest.raises(MissingDataError, match="data="):
        incentive_what_if(rule, _table())
