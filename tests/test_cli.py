from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from cxkit.cli import main

from .conftest import CHARTERS


def test_review_json_over_examples(capsys):
    code = main(["review", "--json", *map(str, sorted(CHARTERS.glob("*.yml")))])
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"findings"}
    for f in out["findings"]:
        assert set(f) == {"code", "level", "subject", "message"}
    assert code == (1 if any(f["level"] == "error" for f in out["findings"]) else 0)


def test_review_exit_status_error_and_clean(tmp_path, capsys):
    bad = tmp_path / "aht_only.yml"
    bad.write_text(
        yaml.safe_dump(
            {
                "name": "x",
                "channels": {
                    "phone": {
                        "label": {"en": "Phone", "fi": "Puhelin"},
                        "kind": "sync",
                        "targets": [{"id": "aht", "metric": "aht", "threshold": 300}],
                    }
                },
            }
        )
    )
    assert main(["review", str(bad)]) == 1
    assert "CX001" in capsys.readouterr().out
    assert main(["review", str(CHARTERS / "finnish_contact_centre.yml")]) == 0


def test_review_invalid_charter_reports_path(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "name: x\nchannels:\n  phone:\n    label: {en: P, fi: P}\n    kind: sync\n"
        "    targets:\n      - {id: a, metric: ahtt, threshold: 300}\n"
    )
    assert main(["review", "--json", str(bad)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["findings"][0]["subject"].endswith("channels.phone.targets[0].metric")


def test_staff_reference_case(capsys):
    assert (
        main(
            [
                "staff",
                "--arrivals",
                "100",
                "--interval-min",
                "30",
                "--aht-s",
                "180",
                "--target",
                "80/20",
                "--shrinkage",
                "0.3",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["agents"] == 14 and out["scheduled"] == 20
    assert round(out["service_level_pct"], 1) == 88.8
    assert round(out["asa_s"], 1) == 7.8
    assert round(out["occupancy_pct"], 1) == 71.4


def test_staff_bad_target(capsys):
    assert main(["staff", "--arrivals", "100", "--aht-s", "180", "--target", "80"]) == 2
    assert "PERCENT/SECONDS" in capsys.readouterr().err


@pytest.mark.skipif(
    shutil.which("cxkit") is None
    and not (sys.prefix and shutil.which("cxkit", path=sys.prefix + "/bin")),
    reason="console script not installed",
)
def test_console_script_installed():
    exe = shutil.which("cxkit") or shutil.which("cxkit", path=sys.prefix + "/bin")
    r = subprocess.run(
        [exe, "review", "--json", str(CHARTERS / "small_service_desk.yml")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and json.loads(r.stdout)["findings"]


def test_load_json_and_outputs(tmp_path, capsys):
    src = tmp_path / "c.csv"
    src.write_text(
        "contact_id,channel,arrival,outcome,wait_s\n1,phone,2026-03-02 09:00,answered,3\n"
        "2,phone,2026-03-02 09:00,answered,-3\n"
    )
    out, q = tmp_path / "ok.parquet", tmp_path / "q.csv"
    assert (
        main(
            [
                "load",
                str(src),
                "--json",
                "--time-zone",
                "Europe/Helsinki",
                "--out",
                str(out),
                "--quarantine",
                str(q),
            ]
        )
        == 0
    )
    s = json.loads(capsys.readouterr().out)
    assert s == {
        "rows_read": 2,
        "accepted": 1,
        "quarantined": 1,
        "reasons": {"negative duration": 1},
    }
    import pandas as pd

    assert len(pd.read_parquet(out)) == 1 and pd.read_csv(q).line.tolist() == [3]


def test_load_unreadable_file_exit_2(tmp_path, capsys):
    bad = tmp_path / "empty.csv"
    bad.write_text("")
    assert main(["load", str(bad)]) == 2
    assert "empty" in capsys.readouterr().err


def test_sample_command(tmp_path, capsys):
    assert (
        main(["sample", "--out", str(tmp_path), "--days", "2", "--seed", "1", "--scale", "0.05"])
        == 0
    )
    assert {p.name for p in tmp_path.glob("*.csv.gz")} == {
        "contacts.csv.gz",
        "tickets.csv.gz",
        "surveys.csv.gz",
        "evaluations.csv.gz",
        "intervals.csv.gz",
        "staffing.csv.gz",
        "calibration.csv.gz",  # the QA calibration sessions (cxkit.sample.calibration)
        "conversations.csv.gz",
    }


def test_check_writes_report_excel_and_json(tmp_path, capsys):
    from cxkit.settings import sample_dir

    out, xl, js = tmp_path / "r.html", tmp_path / "s.xlsx", tmp_path / "s.json"
    code = main(
        [
            "check",
            str(CHARTERS / "finnish_contact_centre.yml"),
            str(sample_dir()),
            "--out",
            str(out),
            "--excel",
            str(xl),
            "--json",
            str(js),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "phone-sl" in printed and "target-periods" in printed
    # every target in its own unit: rates in %, seconds in s, hours in h, never "286.0 %" for AHT
    lines = {ln.split()[0]: ln for ln in printed.splitlines() if ln.startswith("  ")}
    assert re.search(r"overall [\d.,]+ %$", lines["phone-sl"])
    assert re.search(r"overall [\d,]+ s$", lines["phone-aht"])
    assert re.search(r"overall [\d.,]+ h$", lines["form-resolution"])
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["charter"]["name"] and {r["target_id"] for r in doc["rows"]} >= {
        "phone-sl",
        "email-response",
    }
    assert xl.stat().st_size > 0


def test_check_missing_data_folder_exit_2(tmp_path, capsys):
    code = main(["check", str(CHARTERS / "finnish_contact_centre.yml"), str(tmp_path / "nope")])
    assert code == 2
    assert "nope" in capsys.readouterr().err


def _contacts_csv(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text(
        "contact_id,channel,arrival,outcome,wait_s\n1,phone,2026-03-02T09:00:00+02:00,answered,3\n"
    )
    return src


@pytest.mark.parametrize(
    "argv, says",
    [
        (["load", "{tmp}"], "is a folder"),
        (["load", "{csv}", "--table", "nosuch"], "nosuch"),
        (["load", "{csv}", "--time-zone", "Mars/Base"], "unknown time zone 'Mars/Base'"),
        (["load", "{csv}", "--delimiter", ",,"], "delimiter"),
        (["load", "{csv}", "--out", "{tmp}/no/such/dir/x.parquet"], "does not exist"),
        (["load", "{csv}", "--quarantine", "{tmp}"], "is a folder"),
        (["load", "{csv}", "--map", "oops"], "SRC=DEST"),
        (["check", "{charter}", "{tmp}/nope", "--out", "{tmp}/no/r.html"], "does not exist"),
        (["check", "{bad_charter}", "{csv}"], "special_days"),
        (["staff", "--arrivals", "100", "--aht-s", "180", "--interval-min", "0"], "--interval-min"),
        (["staff", "--arrivals", "-5", "--aht-s", "180"], "--arrivals"),
        (["staff", "--arrivals", "nan", "--aht-s", "180"], "--arrivals"),
        (["sample", "--out", "{tmp}/s", "--scale", "-1"], "--scale"),
        (["sample", "--out", "{tmp}/s", "--start", "not-a-date"], "--start"),
    ],
)
def test_ordinary_mistakes_get_one_line_and_exit_2(tmp_path, capsys, argv, says):
    """Regression: each of these ended in a Python traceback (or printed a plan for bad numbers)."""
    bad_charter = tmp_path / "bad.yml"
    text = (CHARTERS / "small_service_desk.yml").read_text()
    bad_charter.write_text(text.replace("calendars:", "calendars:", 1))
    doc = yaml.safe_load(text)
    cal = next(iter(doc["calendars"]))
    doc["calendars"][cal]["special_days"] = {"2026-02-30": "closed"}
    bad_charter.write_text(yaml.safe_dump(doc))
    subs = {
        "{tmp}": str(tmp_path),
        "{csv}": str(_contacts_csv(tmp_path)),
        "{charter}": str(CHARTERS / "finnish_contact_centre.yml"),
        "{bad_charter}": str(bad_charter),
    }
    args = []
    for a in argv:
        for k, v in subs.items():
            a = a.replace(k, v)
        args.append(a)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    assert says in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(Exception, match="Mars/Base"):
        main(["--debug", "load", str(_contacts_csv(tmp_path)), "--time-zone", "Mars/Base"])


def test_load_exits_2_when_nothing_is_accepted(tmp_path, capsys):
    src = tmp_path / "c.csv"
    src.write_text("contact_id,channel,arrival,outcome,wait_s\n1,phone,2010-08-DD,answered,3\n")
    assert main(["load", str(src), "--time-zone", "Europe/Helsinki"]) == 2
    err = capsys.readouterr().err
    assert "1 of 1 rows quarantined" in err and "--time-format" in err


def test_load_map_set_and_time_format(tmp_path, capsys):
    src = tmp_path / "social.csv"
    src.write_text("id,posted,state\n1,08/02/2026 09:00 PM,answered\n")
    code = main(
        [
            "load",
            str(src),
            "--time-zone",
            "Europe/Helsinki",
            "--map",
            "id=contact_id",
            "--map",
            "posted=arrival",
            "--map",
            "state=outcome",
            "--set",
            "channel=social",
            "--time-format",
            "%m/%d/%Y %I:%M %p",
            "--json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["accepted"] == 1


def test_check_with_only_a_contacts_file_writes_the_report_and_warns_in_one_line(tmp_path, capsys):
    """Regression: `--out report.html` failed with 'unsupported type Timestamp' when targets had no data."""
    out = tmp_path / "r.html"
    code = main(
        [
            "check",
            str(CHARTERS / "finnish_contact_centre.yml"),
            str(_contacts_csv(tmp_path)),
            "--out",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0 and out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "WARNING: no surveys table" in err and len(err.strip().splitlines()) == 1


def test_app_subcommand_serves_the_notebooks_folder(tmp_path, monkeypatch, capsys):
    import cxkit.ui.app as app
    from cxkit.cli import main

    seen = {}

    def fake_serve(folder, *, port, lang, open_browser):
        seen.update(folder=folder, port=port, lang=lang, open_browser=open_browser)
        return 0

    monkeypatch.setattr(app, "serve_app", fake_serve)
    (tmp_path / "01_x.ipynb").write_text("{}")
    assert (
        main(
            ["app", "--notebooks", str(tmp_path), "--port", "9123", "--lang", "fi", "--no-browser"]
        )
        == 0
    )
    assert seen == {"folder": tmp_path, "port": 9123, "lang": "fi", "open_browser": False}
    assert main(["app", "--notebooks", str(tmp_path / "missing")]) == 2
    assert "no notebooks folder" in capsys.readouterr().err


def test_check_summary_in_finnish(capsys):
    from cxkit.cli import main
    from cxkit.i18n import english_leaks
    from cxkit.settings import example_charter, sample_dir

    assert (
        main(
            [
                "check",
                str(example_charter("finnish_contact_centre")),
                str(sample_dir()),
                "--lang",
                "fi",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "saavutettu" in out and "tavoitetasojaksoa" in out
    assert english_leaks(out) == []


# --- cxkit forecast (issue 17) ---


def test_forecast_json_on_the_sample(capsys):
    from cxkit.settings import sample_dir

    code = main(["forecast", str(sample_dir()), "--channel", "phone", "--horizon", "7d", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["channel"] == "phone" and out["horizon_days"] == 7
    assert len(out["intervals"]) == 5 * 20  # next week's weekdays, 08:00-17:30
    first = out["intervals"][0]
    assert first["interval_start"] == "2026-03-23 08:00:00"
    assert first["arrivals_low"] <= first["arrivals"] <= first["arrivals_high"]
    assert out["arrivals"] == pytest.approx(sum(i["arrivals"] for i in out["intervals"]), rel=1e-6)


def test_forecast_bad_arguments(capsys):
    from cxkit.settings import sample_dir

    assert main(["forecast", str(sample_dir()), "--channel", "phone", "--horizon", "soon"]) == 2
    assert "7d or 2w" in capsys.readouterr().err
    assert main(["forecast", str(sample_dir()), "--channel", "fax"]) == 2
    assert "fax" in capsys.readouterr().err


def test_forecast_auto_says_when_the_history_is_too_short(capsys, monkeypatch):
    from cxkit.settings import sample_dir

    monkeypatch.delenv("CXKIT_LANG", raising=False)
    assert main(["forecast", str(sample_dir()), "--channel", "phone", "--method", "auto"]) == 0
    out = capsys.readouterr().out
    assert "(seasonal_naive)" in out and "too short for a backtest" in out
