"""No identifier reaches any output: a file full of made-up identifiers, every output grepped.

Regression (issue "Nothing lost, nothing leaked"): the quarantine kept raw customer values, details
repeated raw values, and only the column named `customer` was hashed (`customer_email` and `notes`
reached the parquet verbatim).
"""

from __future__ import annotations

import json

import openpyxl
import pandas as pd

from cxkit.cli import main

from .conftest import CHARTERS

EMAILS = [f"matti.meikalainen{i}@example.fi" for i in range(6)]
PHONES = [f"+358 40 555 {i:04d}" for i in range(6)]
NAMES = ["Matti Meikäläinen", "Maija Virtanen"]


def _file(tmp_path):
    rows = ["contact_id,channel,arrival,outcome,wait_s,customer,customer_email,caller_phone,notes"]
    for i in range(6):
        rows.append(
            f"{i},phone,2026-03-0{2 + i % 3}T09:00:00+02:00,answered,{5 + i},{PHONES[i]},"
            f'{EMAILS[i]},{PHONES[i]},"{NAMES[i % 2]} called about {EMAILS[i]}"'
        )
    # rejected rows: an identifier where a time should be, a negative wait, a duplicate id
    rows.append(f"9,phone,{EMAILS[0]},answered,3,{PHONES[0]},{EMAILS[0]},{PHONES[0]},x")
    rows.append(
        f"10,phone,2026-03-02T09:00:00+02:00,answered,-4,{PHONES[1]},{EMAILS[1]},{PHONES[1]},y"
    )
    rows.append(
        f"0,phone,2026-03-02T09:00:00+02:00,answered,4,{PHONES[2]},{EMAILS[2]},{PHONES[2]},z"
    )
    p = tmp_path / "calls.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def _leaks(text: str) -> list[str]:
    found = [s for s in EMAILS + NAMES if s in text]
    found += [p for p in PHONES if p in text or p.replace(" ", "") in text]
    return found


def test_no_identifier_in_any_output(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CXKIT_PSEUDONYM_KEY", "test-key")
    src = _file(tmp_path)
    out, q = tmp_path / "ok.parquet", tmp_path / "q.csv"
    assert main(["load", str(src), "--out", str(out), "--quarantine", str(q)]) == 0
    assert main(["load", str(src), "--json"]) == 0
    html, xl, js = tmp_path / "r.html", tmp_path / "s.xlsx", tmp_path / "s.json"
    main(
        [
            "check",
            str(CHARTERS / "finnish_contact_centre.yml"),
            str(out),
            "--out",
            str(html),
            "--excel",
            str(xl),
            "--json",
            str(js),
        ]
    )
    printed = capsys.readouterr()
    texts = {
        "stdout": printed.out,
        "stderr": printed.err,
        "store": pd.read_parquet(out).astype(str).to_csv(),
        "quarantine": q.read_text(encoding="utf-8"),
        "html": html.read_text(encoding="utf-8"),
        "json": js.read_text(encoding="utf-8"),
        "excel": json.dumps(
            [[c.value for c in row] for ws in openpyxl.load_workbook(xl) for row in ws.iter_rows()],
            default=str,
        ),
    }
    assert {k: _leaks(v) for k, v in texts.items() if _leaks(v)} == {}
    store = pd.read_parquet(out)
    assert "notes" not in store.columns  # free text dropped by default
    assert (
        store.customer_email.str.startswith("c_").all()
        and store.caller_phone.str.startswith("c_").all()
    )
    assert "privacy: notes dropped (free text)" in printed.out
    quarantine = pd.read_csv(q)
    assert len(quarantine) == 3 and set(quarantine.reason) == {
        "unparseable time",
        "negative duration",
        "duplicate id",
    }
