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
