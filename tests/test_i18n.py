from __future__ import annotations

import pytest

from cxkit.i18n import format_value, t


@pytest.mark.parametrize(
    "value,unit,lang,text",
    [
        (86.14, "%", "en", "86.1 %"),
        (286.0, "s", "en", "286 s"),
        (13.06, "h", "fi", "13,1 h"),
        (25.0, "points", "fi", "25,0 pistettä"),
        (4.314, "score", "en", "4.31"),
        (12345.0, "count", "fi", "12\u00a0345"),
        (float("nan"), "%", "en", "-"),
    ],
)
def test_format_value(value, unit, lang, text):
    assert format_value(value, unit, lang) == text


def test_labels_in_both_languages():
    assert t("met", "fi") == "saavutettu" and t("met") == "met"


def test_every_key_has_both_languages():
    from cxkit.i18n import LABELS, LANGS

    missing = [k for k, v in LABELS.items() if set(v) != set(LANGS)]
    assert missing == []
    empty = [k for k, v in LABELS.items() if not k.startswith("unit_") and not all(v.values())]
    assert empty == []


def test_templates_have_the_same_fields_in_both_languages():
    import string

    from cxkit.i18n import LABELS

    def fields(s):
        return {f for _, f, _, _ in string.Formatter().parse(s) if f}

    assert [k for k, v in LABELS.items() if fields(v["en"]) != fields(v["fi"])] == []


def test_settled_vocabulary():
    # goal = tavoite, target = tavoitetaso, metric = mittari; met/missed direction-neutral
    assert (t("goal_word", "fi"), t("target", "fi"), t("metric", "fi")) == (
        "Tavoite",
        "Tavoitetaso",
        "Mittari",
    )
    assert (t("met", "fi"), t("missed", "fi")) == ("saavutettu", "ei saavutettu")
    assert "alitettu" not in {v["fi"] for v in __import__("cxkit.i18n").i18n.LABELS.values()}


def test_english_leaks_finds_english_but_not_identifiers():
    from cxkit.i18n import english_leaks

    assert english_leaks("Reset to last save") == ["Reset to last save"]
    assert english_leaks("channels.phone.targets[1]: phone-sl, email") == []
    assert english_leaks(t("lint_cx002", "fi").format(channel="Puhelin")) == []


def test_review_messages_translate():
    from cxkit.charter.lint import review
    from cxkit.charter.model import load_charter
    from cxkit.i18n import english_leaks
    from cxkit.settings import example_charter

    found = review(load_charter(example_charter("small_service_desk")))
    assert found and all(f.text("en") == f.message for f in found)
    finnish = " ".join(f.text("fi") for f in found)
    assert english_leaks(finnish) == [] and "asiantuntija" in finnish
