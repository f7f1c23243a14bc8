from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from cxkit.charter.model import load_charter
from cxkit.settings import example_charter
from cxkit.ui.report import scorecard_json, write_excel, write_html, write_json

EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def charter():
    c = load_charter(example_charter("finnish_contact_centre"))
    return c.model_copy(update={"name": f"Acme {EVIL}"})


@pytest.fixture(scope="module")
def evil_scorecard(sample_scorecard):
    sc = sample_scorecard.copy()
    sc.loc[sc.index[:3], "segment"] = "queue=<img src=x onerror=alert(1)>"
    sc.loc[sc.index[0], "note"] = "a note with <b>markup</b> & ampersand"
    return sc


@pytest.fixture(scope="module")
def report_html(tmp_path_factory, charter, evil_scorecard, sample_tables):
    p = write_html(
        tmp_path_factory.mktemp("r") / "report.html", charter, evil_scorecard, loads=sample_tables
    )
    return p.read_text(encoding="utf-8")


def test_report_escapes_everything_from_data(report_html):
    assert (
        EVIL not in report_html
        and "<img src=x" not in report_html
        and "<b>markup</b>" not in report_html
    )
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in report_html
    assert "<script" not in report_html  # the report itself runs no script


def test_report_is_self_contained(report_html):
    # no external resource: nothing fetched over the network, charts are inline SVG
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report_html)
    assert "<link" not in report_html and "@import" not in report_html
    assert report_html.count("<svg") >= 3


def test_report_states_version_span_accounting_and_definitions(report_html, sample_tables, charter):
    assert f"Charter version {charter.version}" in report_html
    assert re.search(r"data \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", report_html)
    assert "Row accounting" in report_html and "Definitions used" in report_html
    for name, res in sample_tables.items():
        assert f"<td>{name}</td>" in report_html
        assert f"<td>{res.rows_read}</td>" in report_html
    assert "service level, variant offered, T = 20 s" in report_html  # the variant named


def test_json_has_charter_and_iso_rows(tmp_path, charter, sample_scorecard):
    p = write_json(tmp_path / "s.json", charter, sample_scorecard)
    doc = json.loads(p.read_text(encoding="utf-8"))
    assert set(doc) == {"charter", "rows"}
    assert doc["charter"]["name"] == charter.name and doc["charter"]["version"] == charter.version
    assert len(doc["rows"]) == len(sample_scorecard)
    required = {
        "target_id",
        "channel",
        "metric",
        "variant",
        "segment",
        "period_start",
        "period_end",
        "actual",
        "threshold",
        "status",
        "n",
        "ci_low",
        "ci_high",
        "numerator",
        "denominator",
    }
    assert required <= set(doc["rows"][0])
    for r in doc["rows"]:
        if r["period_start"] is not None:
            ts = pd.Timestamp(r["period_start"])
            assert ts.tzinfo is not None and re.search(r"[+-]\d\d:\d\d$", r["period_start"])
        assert r["status"] in {"met", "near", "missed", "no_data"}
        if r["status"] == "no_data":
            assert r["actual"] is None or r["n"] == 0 or "min_n" in (r["note"] or "")
    # the local offset is kept (Helsinki winter time), not converted to UTC
    assert any(r["period_start"] and r["period_start"].endswith("+02:00") for r in doc["rows"])


def test_scorecard_json_round_trips_the_counts(charter, sample_scorecard):
    doc = scorecard_json(charter, sample_scorecard)
    back = pd.DataFrame(doc["rows"])
    assert back.n.sum() == sample_scorecard.n.sum()
    assert back.numerator.sum() == pytest.approx(sample_scorecard.numerator.sum())


def test_excel_sheets(tmp_path, charter, sample_scorecard, sample_tables):
    p = write_excel(tmp_path / "s.xlsx", charter, sample_scorecard, loads=sample_tables)
    sheets = pd.read_excel(p, sheet_name=None)
    assert set(sheets) == {"summary", "scorecard", "definitions", "row accounting"}
    assert len(sheets["scorecard"]) == len(sample_scorecard)
    acc = sheets["row accounting"]
    assert (acc.rows_read == acc.accepted + acc.quarantined).all()


def test_no_cell_becomes_a_formula_in_excel_or_csv(tmp_path, charter, sample_scorecard):
    """Regression: a charter segment with an empty key became =HYPERLINK(...) in the Excel report,
    and 22 of 200 quarantine cells started with = + - @."""
    import openpyxl

    from cxkit.ui.cells import write_safe_csv

    sc = sample_scorecard.copy()
    sc.loc[sc.index[0], "segment"] = '=HYPERLINK("http://x","y")'
    p = write_excel(tmp_path / "s.xlsx", charter, sc)
    wb = openpyxl.load_workbook(p)
    cells = [
        c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)
    assert '\'=HYPERLINK("http://x","y")' in cells
    q = write_safe_csv(
        pd.DataFrame({"raw": ["=cmd|' /C calc'!A0", "-3", "+1-1"]}), tmp_path / "q.csv"
    )
    assert q.read_text().splitlines()[1:] == ["'=cmd|' /C calc'!A0", "-3", "'+1-1"]


def test_finnish_report_has_no_english_and_every_trend(tmp_path, sample_scorecard, sample_tables):
    import html as H

    from cxkit.i18n import english_leaks
    from cxkit.measure.scorecard import summary

    charter = load_charter(example_charter("finnish_contact_centre"))
    p = write_html(tmp_path / "r.html", charter, sample_scorecard, loads=sample_tables, lang="fi")
    page = p.read_text(encoding="utf-8")
    text = H.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)))
    assert english_leaks(text) == []
    assert "Miksi tavoitetasoja ei saavuteta" in page  # the why-findings
    trends = [
        tid
        for tid in summary(sample_scorecard).target_id
        if (sample_scorecard[sample_scorecard.target_id == tid].n > 0).sum() > 1
    ]
    assert len(trends) > 2  # not only the first two
    for tid in trends:  # every target's trend
        assert f"{tid}: toteuma ja 95 %:n luottamusväli" in page
    # the span is the data's own: the sample's first and last contact, not a period end past it
    arrivals = sample_tables["contacts"].data.arrival
    assert f"{arrivals.min():%Y-%m-%d} – " in page


def test_excel_is_formatted(tmp_path, charter, sample_scorecard):
    import openpyxl

    p = write_excel(tmp_path / "s.xlsx", charter, sample_scorecard, lang="fi")
    wb = openpyxl.load_workbook(p)
    ws = wb["tuloskortti"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    head = [c.value for c in ws[1]]
    status = ws.cell(2, head.index("Tila") + 1)
    assert status.value in {"saavutettu", "lähellä", "ei saavutettu", "ei dataa"}
    assert status.fill.fgColor.rgb.endswith(("C7E9C0", "FEE08B", "F4A582", "E0E0E0"))
    actual = ws.cell(2, head.index("Toteuma") + 1)
    assert actual.number_format == "0.0" and ws.column_dimensions["A"].width > 8
