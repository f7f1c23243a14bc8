from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cxkit.charter.model import (
    SCHEMA_VERSION,
    Charter,
    CharterError,
    dumps_charter,
    load_charter,
    loads_charter,
    save_charter,
    validate_document,
)

from .conftest import CHARTERS

EXAMPLES = sorted(CHARTERS.glob("*.yml"))


def test_there_are_two_complete_examples():
    names = {p.name for p in EXAMPLES}
    assert {"finnish_contact_centre.yml", "small_service_desk.yml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_and_round_trip_byte_for_byte(path):
    charter = load_charter(path)
    assert charter.channels
    assert dumps_charter(charter) == path.read_text(encoding="utf-8")


def test_finnish_example_covers_the_channels_and_calendar():
    c = load_charter(CHARTERS / "finnish_contact_centre.yml")
    assert {"phone", "email", "chat", "social", "web_form"} <= set(c.channels)
    cal = c.calendar_of("email")
    assert cal.time_zone == "Europe/Helsinki" and cal.holidays.country == "FI"
    assert c.channels["phone"].label("fi") == "Puhelin"


def _problems(doc):
    with pytest.raises(CharterError) as err:
        validate_document(doc)
    return dict(err.value.problems), str(err.value)


def test_wrong_metric_id_names_path_and_suggestion(minimal_doc):
    minimal_doc["channels"]["email"]["targets"][1]["metric"] = "fcrr"
    probs, text = _problems(minimal_doc)
    assert "channels.email.targets[1].metric" in probs
    assert "did you mean 'fcr'" in probs["channels.email.targets[1].metric"]


def test_threshold_out_of_range_names_path(minimal_doc):
    minimal_doc["channels"]["email"]["targets"][0]["threshold"] = 120
    probs, _ = _problems(minimal_doc)
    assert "outside" in probs["channels.email.targets[0].threshold"]
    assert "0..100" in probs["channels.email.targets[0].threshold"]


def test_unknown_key_is_refused_with_allowed_keys(minimal_doc):
    minimal_doc["channels"]["email"]["targets"][1]["treshold_pct"] = 5
    probs, _ = _problems(minimal_doc)
    msg = probs["channels.email.targets[1].treshold_pct"]
    assert "unknown key" in msg and "threshold" in msg


def test_unknown_top_level_key(minimal_doc):
    minimal_doc["chanels"] = {}
    probs, _ = _problems(minimal_doc)
    assert "unknown key 'chanels'" in probs["chanels"]


def test_bad_variant_names_allowed_values(minimal_doc):
    minimal_doc["channels"]["phone"]["targets"][0]["options"] = {"variant": "best"}
    probs, _ = _problems(minimal_doc)
    assert "'offered'" in probs["channels.phone.targets[0].options.variant"]


def test_bad_kind_literal_lists_allowed(minimal_doc):
    minimal_doc["channels"]["phone"]["kind"] = "realtime"
    probs, _ = _problems(minimal_doc)
    assert "'sync'" in probs["channels.phone.kind"]


def test_amber_on_wrong_side(minimal_doc):
    minimal_doc["channels"]["phone"]["targets"][0]["amber"] = 90
    probs, _ = _problems(minimal_doc)
    assert "below" in probs["channels.phone.targets[0].amber"]


def test_service_level_needs_a_time_limit(minimal_doc):
    del minimal_doc["channels"]["phone"]["targets"][0]["within_s"]
    probs, _ = _problems(minimal_doc)
    assert "within_s" in probs["channels.phone.targets[0]"]


def test_bad_calendar_reference_time_zone_country_and_hours(minimal_doc):
    minimal_doc["channels"]["phone"]["calendar"] = "nowhere"
    minimal_doc["calendars"]["office"]["time_zone"] = "Helsinki"
    minimal_doc["calendars"]["office"]["holidays"]["country"] = "XX"
    minimal_doc["calendars"]["office"]["hours"]["mon"] = "16:00-08:00"
    _, text = _problems(minimal_doc)
    assert "calendars.office.time_zone" in text and "IANA" in text
    assert "calendars.office.holidays.country" in text
    assert "calendars.office.hours" in text and "ends before it starts" in text


def test_goal_links_to_missing_target(minimal_doc):
    minimal_doc["channels"]["email"]["goals"][0]["targets"].append("nope")
    probs, _ = _problems(minimal_doc)
    assert "no target 'nope'" in probs["channels.email.goals[0].targets"]


def test_duplicate_target_ids(minimal_doc):
    minimal_doc["channels"]["email"]["targets"][1]["id"] = "sl"
    probs, _ = _problems(minimal_doc)
    assert "already used" in probs["channels.email.targets[1].id"]


def test_number_where_text_expected_says_quote_it(minimal_doc):
    minimal_doc["version"] = 2026.10
    probs, _ = _problems(minimal_doc)
    assert "quotes" in probs["version"]


def test_newer_schema_is_refused_and_old_schema_migrates(minimal_doc):
    doc = copy.deepcopy(minimal_doc)
    doc["schema_version"] = SCHEMA_VERSION + 1
    probs, _ = _problems(doc)
    assert "newer cxkit" in probs["schema_version"]
    # schema 0 kept targets in a top-level list
    old = copy.deepcopy(minimal_doc)
    old["schema_version"] = 0
    targets = []
    for cid, ch in old["channels"].items():
        for t in ch.pop("targets"):
            targets.append({**t, "channel": cid})
    old["targets"] = targets
    migrated = validate_document(old)
    assert [t.id for _, _, t in migrated.iter_targets()] == ["sl", "csat", "email-rsl", "email-fcr"]
    assert migrated.schema_version == SCHEMA_VERSION


def test_save_is_atomic_keeps_comments_and_reloads(tmp_path, minimal_doc):
    text = "# our charter\n" + yaml.safe_dump(minimal_doc, sort_keys=False, allow_unicode=True)
    text = text.replace("name: Test", "name: Test  # agreed 2026-11-01")
    src = tmp_path / "c.yml"
    src.write_text(text, encoding="utf-8")
    c = load_charter(src)
    c.channels["phone"].targets[0].threshold = 85
    out = save_charter(c, src)
    saved = out.read_text(encoding="utf-8")
    assert "# our charter" in saved and "# agreed 2026-11-01" in saved
    assert load_charter(out).channels["phone"].targets[0].threshold == 85
    assert [p.name for p in tmp_path.iterdir()] == ["c.yml"]  # no temp files left


def test_save_never_writes_an_invalid_file(tmp_path, minimal_doc):
    dest = tmp_path / "c.yml"
    c = validate_document(copy.deepcopy(minimal_doc))
    save_charter(c, dest)
    before = dest.read_text()
    c.channels["phone"].targets[0].metric = "service_level"
    c.channels["phone"].targets[0].amber = 95  # wrong side: semantic error, caught before writing
    with pytest.raises(CharterError):
        save_charter(c, dest)
    assert dest.read_text() == before


def test_save_interrupted_leaves_old_file(tmp_path, minimal_doc, monkeypatch):
    dest = tmp_path / "c.yml"
    c = validate_document(copy.deepcopy(minimal_doc))
    save_charter(c, dest)
    before = dest.read_text()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    c.name = "Changed"
    with pytest.raises(OSError):
        save_charter(c, dest)
    assert dest.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.yml"]


def test_new_charter_built_in_code_saves_and_loads(tmp_path):
    c = Charter.model_validate(
        {
            "name": "Fresh",
            "channels": {
                "chat": {
                    "label": {"en": "Chat", "fi": "Chat"},
                    "kind": "sync",
                    "targets": [
                        {
                            "id": "chat-sl",
                            "metric": "service_level",
                            "threshold": 80.0,
                            "within_s": 30.0,
                        }
                    ],
                }
            },
        }
    )
    p = save_charter(c, tmp_path / "fresh.yml")
    text = p.read_text()
    assert "threshold: 80\n" in text and text.startswith("schema_version: 1")
    assert load_charter(p).model_dump() == c.model_dump()


def test_invalid_yaml_is_a_charter_error():
    with pytest.raises(CharterError, match="not valid YAML"):
        loads_charter("name: [unclosed\n")
    with pytest.raises(CharterError, match="mapping"):
        loads_charter("- a list\n")


def test_missing_file_says_where_examples_are(tmp_path):
    with pytest.raises(FileNotFoundError, match="examples/charters"):
        load_charter(tmp_path / "none.yml")


@settings(max_examples=40, deadline=None)
@given(
    threshold=st.floats(0, 100, allow_nan=False),
    amber_gap=st.floats(0.1, 50, allow_nan=False),
    within=st.integers(1, 600),
    period=st.sampled_from(["interval", "day", "week", "month"]),
)
def test_round_trip_property(threshold, amber_gap, within, period, tmp_path_factory):
    t = {
        "id": "t",
        "metric": "service_level",
        "threshold": threshold,
        "within_s": within,
        "period": period,
        "amber": threshold - amber_gap,
    }
    if period == "interval":
        t["interval_min"] = 30
    c = Charter.model_validate(
        {
            "name": "P",
            "channels": {
                "phone": {"label": {"en": "P", "fi": "P"}, "kind": "sync", "targets": [t]}
            },
        }
    )
    again = loads_charter(dumps_charter(c))
    assert again.model_dump() == c.model_dump()


def test_status_for_directions():
    c = Charter.model_validate(
        {
            "name": "x",
            "channels": {
                "phone": {
                    "label": {"en": "P", "fi": "P"},
                    "kind": "sync",
                    "targets": [
                        {"id": "aht", "metric": "aht", "threshold": 300, "amber": 330},
                        {
                            "id": "occ-hi",
                            "metric": "occupancy",
                            "threshold": 85,
                            "bound": "at_most",
                            "amber": 90,
                        },
                    ],
                }
            },
        }
    )
    aht = c.target("aht")
    assert [aht.status_for(v) for v in (290, 300, 320, 400, float("nan"))] == [
        "met",
        "met",
        "near",
        "missed",
        "no_data",
    ]
    assert c.target("occ-hi").status_for(88) == "near"
    assert "<= 300 s" in aht.describe()


def test_calendar_hours():
    c = load_charter(Path(CHARTERS / "finnish_contact_centre.yml"))
    assert c.calendars["toimisto"].open_hours_per_week() == 48.0


def test_yaml_alias_bomb_is_refused_quickly():
    """Regression: a 774-byte charter with aliases nested nine deep ran past 4.5 GB in two minutes."""
    import time

    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    bomb = "\n".join(lines) + "\nname: x\n"
    assert len(bomb) < 1000
    t0 = time.perf_counter()
    with pytest.raises(CharterError, match="aliases"):
        loads_charter(bomb)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize(
    "path, value, says",
    [
        (("targets", 0, "threshold"), float("nan"), "finite"),
        (("targets", 0, "within_s"), float("inf"), "finite"),
        (("forecast", "agents"), 10**12, "less than or equal"),
        (("forecast", "contacts_per_interval"), 1e300, "less than or equal"),
    ],
)
def test_non_finite_and_absurd_values_are_refused(minimal_doc, path, value, says):
    """Regressions: `threshold: .nan` made every period missed; 1e12 agents hung the review."""
    ch = minimal_doc["channels"]["phone"]
    ch["forecast"] = {"contacts_per_interval": 100, "interval_min": 30, "aht_s": 180, "agents": 14}
    node = ch
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(CharterError, match=says):
        validate_document(minimal_doc)


def test_save_keeps_mode_and_symlink_and_cleans_orphans(tmp_path):
    """Regressions: the file mode changed from 0644 to 0600, saving through a symlink replaced the
    link with a plain file, and a killed save left an orphan .tmp file."""
    import os

    target = tmp_path / "real.yml"
    target.write_text((CHARTERS / "small_service_desk.yml").read_text())
    os.chmod(target, 0o644)
    link = tmp_path / "link.yml"
    link.symlink_to(target)
    orphan = tmp_path / ".real.yml.abc123.tmp"
    orphan.write_text("half a charter")
    save_charter(load_charter(link), link)
    assert link.is_symlink() and link.resolve() == target
    assert (target.stat().st_mode & 0o777) == 0o644
    assert not orphan.exists()
    assert load_charter(target).name


def test_nulls_with_comments_survive_a_save_and_an_unedited_save_keeps_the_bytes():
    """Regression: `organisation: ~  # to be decided` and `owner: null  # nobody yet` disappeared
    with their comments on a save without edits."""
    text = (
        "schema_version: 1\nname: X\norganisation: ~  # to be decided\nchannels:\n  phone:\n"
        "    label: {en: Phone, fi: Puhelin}\n    kind: sync\n    targets:\n      - id: sl\n"
        "        metric: service_level\n        threshold: 80\n        within_s: 20\n"
        "        owner: null  # nobody yet\n"
    )
    c = loads_charter(text)
    assert dumps_charter(c) == text  # no edits: the same bytes
    c.channels["phone"].targets[0].threshold = 85  # an edit elsewhere keeps the nulls and comments
    out = dumps_charter(c)
    assert "threshold: 85" in out and "organisation: ~  # to be decided" in out
    assert re.search(r"owner: ~ +# nobody yet", out)  # the comment keeps its column
    for name in ("finnish_contact_centre", "small_service_desk"):
        p = CHARTERS / f"{name}.yml"
        assert dumps_charter(load_charter(p)) == p.read_text(encoding="utf-8")


def test_removing_a_target_takes_its_comment_and_an_unedited_save_keeps_escapes():
    """Regressions: removing the first target moved its comment onto the next target's line;
    `"\\u00e4"` was rewritten as `ä` on a save without edits."""
    text = (
        'schema_version: 1\nname: "P\\u00e4ivystys"\nchannels:\n  phone:\n'
        "    label: {en: Phone, fi: Puhelin}\n    kind: sync\n    targets:\n"
        "      # the speed promise\n      - id: sl\n        metric: service_level\n"
        "        threshold: 80\n        within_s: 20\n      # the experience promise\n"
        "      - id: csat\n        metric: csat\n        threshold: 80\n"
    )
    c = loads_charter(text)
    assert c.name == "Päivystys" and dumps_charter(c) == text
    c.channels["phone"].targets.pop(0)
    out = dumps_charter(c)
    assert "speed promise" not in out and "# the experience promise\n      - id: csat" in out
