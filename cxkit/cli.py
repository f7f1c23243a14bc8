"""The ``cxkit`` command line: ``cxkit review``, ``cxkit staff`` and more.

Each subcommand prints a readable table by default and JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from cxkit.charter.lint import has_errors, review
from cxkit.charter.model import load_charter
from cxkit.errors import CharterError, CxkitError, CxkitWarning
from cxkit.i18n import format_value, t
from cxkit.settings import language

__all__ = ["CliError", "build_parser", "main"]


def _cmd_review(args: argparse.Namespace) -> int:
    all_findings = []
    status = 0
    for path in args.charter:
        try:
            charter = load_charter(path)
        except (CharterError, FileNotFoundError) as err:
            if args.json:
                problems = getattr(err, "problems", [("(file)", str(err))])
                all_findings += [
                    {"code": "CX000", "level": "error", "subject": f"{path}:{p}", "message": m}
                    for p, m in problems
                ]
            else:
                print(err, file=sys.stderr)
            status = 1
            continue
        findings = review(charter)
        status = max(status, 1 if has_errors(findings) else 0)
        if args.json:
            prefix = f"{path}:" if len(args.charter) > 1 else ""
            all_findings += [{**f.as_dict(), "subject": prefix + f.subject} for f in findings]
        else:
            _print_review(path, charter, findings, args.lang or language())
    if args.json:
        print(json.dumps({"findings": all_findings}, ensure_ascii=False, indent=2))
    return status


def _print_review(path: Path, charter: Any, findings: list[Any], lang: str) -> None:
    """The review's findings of one charter, in ``lang``."""
    counts = {lvl: sum(f.level == lvl for f in findings) for lvl in ("error", "warning", "info")}
    print(
        f"{path}: {charter.name} ({t('version', lang)} {charter.version}): "
        + t("cli_review_counts", lang).format(
            errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        )
    )
    for f in findings:
        print(
            f"  {t(f.level, lang).upper():9} {f.code} {f.name}  {f.subject}\n"
            f"          {f.text(lang)}"
        )


def _cmd_staff(args: argparse.Namespace) -> int:
    from cxkit.plan.staffing import (
        erlang_a,
        erlang_c,
        required_agents,
        required_agents_erlang_a,
        scheduled_agents,
    )

    try:
        pct, thr = (float(x) for x in args.target.split("/"))
    except ValueError:
        print(f"--target {args.target!r}: write it as PERCENT/SECONDS, e.g. 80/20", file=sys.stderr)
        return 2
    if not 0 < pct < 100 or thr <= 0:
        print(
            "--target: the percent must be between 0 and 100 and the seconds positive",
            file=sys.stderr,
        )
        return 2
    _positive(args.arrivals, "--arrivals", "contacts per interval", zero_ok=True)
    _positive(args.interval_min, "--interval-min", "minutes, e.g. 30")
    _positive(args.aht_s, "--aht-s", "seconds, e.g. 180")
    if args.patience_s is not None:
        _positive(args.patience_s, "--patience-s", "seconds, e.g. 120")
    if not 0 <= args.shrinkage < 1:
        raise CliError("--shrinkage is a share of paid time, at least 0 and below 1 (e.g. 0.3)")
    lam = args.arrivals / (args.interval_min * 60)
    out: dict[str, object] = {
        "arrivals": args.arrivals,
        "interval_min": args.interval_min,
        "aht_s": args.aht_s,
        "target": {"service_level_pct": pct, "threshold_s": thr},
        "load_erlangs": lam * args.aht_s,
    }
    if args.patience_s:
        n = required_agents_erlang_a(
            arrivals_per_s=lam,
            aht_s=args.aht_s,
            patience_s=args.patience_s,
            service_level=pct / 100,
            threshold_s=thr,
        )
        r = erlang_a(
            arrivals_per_s=lam,
            aht_s=args.aht_s,
            patience_s=args.patience_s,
            agents=n,
            threshold_s=thr,
        )
        out.update(
            model="erlang_a",
            patience_s=args.patience_s,
            agents=n,
            service_level_pct=100 * r["service_level"],
            asa_s=r["asa_s"],
            occupancy_pct=100 * r["occupancy"],
            abandon_pct=100 * r["p_abandon"],
        )
    else:
        n = required_agents(
            arrivals_per_s=lam,
            aht_s=args.aht_s,
            service_level=pct / 100,
            threshold_s=thr,
            max_occupancy=args.max_occupancy,
        )
        rc = erlang_c(arrivals_per_s=lam, aht_s=args.aht_s, agents=n, threshold_s=thr)
        out.update(
            model="erlang_c",
            agents=n,
            service_level_pct=100 * float(rc["service_level"]),
            asa_s=float(rc["asa_s"]),
            occupancy_pct=100 * float(rc["occupancy"]),
        )
    out["shrinkage"] = args.shrinkage
    out["scheduled"] = scheduled_agents(n, shrinkage=args.shrinkage)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(
        f"{out['model']}: {args.arrivals:g} contacts per {args.interval_min:g} min, AHT {args.aht_s:g} s "
        f"(load {out['load_erlangs']:.2f} Erlangs), target {pct:g}/{thr:g}"
    )
    print(f"  agents           {n}")
    print(f"  service level    {out['service_level_pct']:.1f} %")
    print(f"  ASA              {out['asa_s']:.1f} s")
    print(f"  occupancy        {out['occupancy_pct']:.1f} %")
    if args.patience_s:
        print(f"  abandoned        {out['abandon_pct']:.1f} %")
    print(f"  scheduled        {out['scheduled']} (at {args.shrinkage:.0%} shrinkage)")
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from cxkit.data.loader import load
    from cxkit.ui.cells import write_safe_csv

    _readable_file(args.file)
    for p in (args.out, args.quarantine):
        _writable(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CxkitWarning)  # said below, once, in the summary
        res = load(
            args.file,
            preset=args.preset,
            table=args.table,
            time_zone=args.time_zone,
            sheet=args.sheet,
            delimiter=args.delimiter,
            mapping=_pairs(args.map, "--map", "SRC=DEST"),
            constants=_pairs(args.set, "--set", "COLUMN=VALUE"),
            time_format=args.time_format,
            keep_text=tuple(args.keep_text),
        )
    if args.out:
        res.data.to_parquet(args.out, index=False)
    if args.quarantine:
        write_safe_csv(res.quarantine, args.quarantine)  # no cell can become a spreadsheet formula
    s = res.summary()
    if args.json:
        print(
            json.dumps(
                {k: s[k] for k in ("rows_read", "accepted", "quarantined", "reasons")},
                ensure_ascii=False,
            )
        )
        return _loud_if_mostly_quarantined(res)
    print(
        f"{args.file} ({args.preset} -> {res.table}): {s['rows_read']} rows read, {s['accepted']} accepted, "
        f"{s['quarantined']} quarantined"
    )
    for reason, n in s["reasons"].items():
        print(f"  {n:>8}  {reason}")
    for note, n in s.get("warnings", {}).items():
        print(f"  {n:>8}  kept with a note: {note}")
    for col, done in s.get("privacy", {}).items():
        print(f"  privacy: {col} {done}")
    for note in s.get("notes", []):
        if note != res.alert:  # that one goes to stderr, loudly
            print(f"  note: {note}")
    if res.table != "contacts" or len(res.data) != s["accepted"]:
        print(f"  -> {len(res.data)} {res.table} rows")
    return _loud_if_mostly_quarantined(res)


def _loud_if_mostly_quarantined(res: Any) -> int:
    """Say the loader's alert on stderr; exit 2 when nothing was accepted."""
    if res.alert:
        print(f"cxkit load: WARNING: {res.alert}", file=sys.stderr)
    if res.rows_read and res.accepted == 0:
        print("cxkit load: nothing was accepted; nothing to use from this file", file=sys.stderr)
        return 2
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from cxkit.sample.generate import write_sample

    if not args.scale > 0 or not math.isfinite(args.scale):
        raise CliError("--scale must be a positive number (1.0 is a mid-size centre)")
    if args.days < 1:
        raise CliError("--days must be at least 1")
    try:
        pd.Timestamp(args.start)
    except ValueError:
        raise CliError(f"--start {args.start!r} is not a date; write it as YYYY-MM-DD") from None
    paths = write_sample(
        args.out,
        days=args.days,
        seed=args.seed,
        scale=args.scale,
        start=args.start,
        progress=not args.quiet,
    )
    for name, p in paths.items():
        print(f"{name:12} {p}  ({p.stat().st_size / 1e6:.2f} MB)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from cxkit.data.tables import load_tables
    from cxkit.measure.scorecard import check, summary
    from cxkit.ui.report import write_excel, write_html, write_json

    for p in (args.out, args.excel, args.json):
        _writable(p)
    charter = load_charter(args.charter)
    loads = load_tables(args.data, preset=args.preset, table=args.table, time_zone=args.time_zone)
    scorecard = check(charter, loads, time_zone=args.time_zone)
    lang = args.lang or language()
    if args.out:
        write_html(args.out, charter, scorecard, loads=loads, lang=lang)
    if args.excel:
        write_excel(args.excel, charter, scorecard, loads=loads, lang=lang)
    if args.json:
        write_json(args.json, charter, scorecard)
    _print_check_summary(charter, scorecard, summary(scorecard), lang)
    for p in (args.out, args.excel, args.json):
        if p:
            print(f"{t('wrote', lang)} {p}")
    return 0


def _print_check_summary(charter: Any, scorecard: Any, s: Any, lang: str) -> None:
    """The check's summary lines, in ``lang``."""
    counts = scorecard.status.value_counts()
    print(
        f"{charter.name} ({t('version', lang)} {charter.version}): "
        + ", ".join(f"{t(str(k), lang)} {int(v)}" for k, v in counts.items())
        + f" {t('target_periods', lang)}"
    )
    words = {k: t(f"{k}_n", lang) for k in ("met", "near", "missed", "no_data")}
    for _, r in s.iterrows():
        overall = (
            f"  {t('overall', lang).lower()} {format_value(r.overall, r.unit, lang)}"
            if not pd_isna(r.overall)
            else ""
        )
        print(
            f"  {r.target_id:22} "
            + "  ".join(f"{words[k]} {int(r[k]):>3}" for k in ("met", "near", "missed", "no_data"))
            + overall
        )


def _cmd_app(args: argparse.Namespace) -> int:
    from cxkit.ui.app import serve_app

    folder = Path(args.notebooks)
    if not folder.is_dir():
        raise CliError(f"no notebooks folder at {folder}; pass the folder with --notebooks")
    lang = args.lang or language()
    return serve_app(folder, port=args.port, lang=lang, open_browser=not args.no_browser)


def _horizon_days(text: str) -> int:
    """``"7d"``, ``"2w"`` or ``"7"`` -> days."""
    t = text.strip().lower()
    mult = 7 if t.endswith("w") else 1
    try:
        days = int(t.rstrip("dw")) * mult
    except ValueError:
        raise CliError(f"--horizon {text!r}: write days or weeks, e.g. 7d or 2w") from None
    if not 1 <= days <= 366:
        raise CliError(f"--horizon {text!r}: between 1 day and a year")
    return days


def _cmd_forecast(args: argparse.Namespace) -> int:
    from cxkit.data.tables import load_tables
    from cxkit.i18n import t
    from cxkit.measure.history import best_method, channel_forecast
    from cxkit.plan.forecast import FORECAST_METHODS
    from cxkit.settings import language

    if args.method not in (*FORECAST_METHODS, "auto"):
        raise CliError(
            f"--method {args.method!r}: use auto or one of {', '.join(FORECAST_METHODS)}"
        )
    if not 0 < args.level < 100:
        raise CliError("--level is a percent between 0 and 100, e.g. 80")
    days = _horizon_days(args.horizon)
    charter = load_charter(args.charter) if args.charter else None
    loads = load_tables(args.data, preset=args.preset, table=args.table, time_zone=args.time_zone)
    method, accuracy = args.method, None
    if method == "auto":
        method, accuracy = best_method(
            loads,
            channel=args.channel,
            charter=charter,
            interval_min=args.interval_min,
            time_zone=args.time_zone,
        )
    f = channel_forecast(
        loads,
        channel=args.channel,
        charter=charter,
        horizon_days=days,
        interval_min=args.interval_min,
        method=method,
        level=args.level,
        time_zone=args.time_zone,
    )
    args.method = method
    if args.json:
        rows = f.assign(interval_start=f.interval_start.astype(str))[
            ["interval_start", "arrivals", "arrivals_low", "arrivals_high", "aht_s"]
        ]
        out = {
            "channel": args.channel,
            "method": args.method,
            "horizon_days": days,
            "interval_min": args.interval_min,
            "level_pct": args.level,
            "time_zone": f.attrs["time_zone"],
            "history_intervals": len(f.attrs["history"]),
            "arrivals": float(f.arrivals.sum()),
            "intervals": json.loads(rows.round(3).to_json(orient="records")),
        }
        if accuracy is not None:
            out["backtest"] = json.loads(accuracy.round(4).to_json(orient="records"))
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    lang = language()
    print(
        t("fc_cli_summary", lang).format(
            channel=args.channel,
            n=len(f),
            method=args.method,
            arrivals=f.arrivals.sum(),
            low=f.arrivals_low.sum(),
            high=f.arrivals_high.sum(),
            level=args.level,
        )
    )
    if accuracy is not None and len(accuracy):
        from cxkit.ui.forecast_charts import recommendation

        print(accuracy.round(2).to_string(index=False))
        print(recommendation(accuracy, lang=lang))
    elif accuracy is not None:
        print(t("fc_cli_short", lang))
    daily = f.groupby(f.interval_start.dt.date)[["arrivals", "arrivals_low", "arrivals_high"]].sum()
    for day, r in daily.iterrows():
        print(f"  {day}  {r.arrivals:>10,.0f}  ({r.arrivals_low:,.0f}-{r.arrivals_high:,.0f})")
    return 0


def pd_isna(v: object) -> bool:
    return v is None or v != v  # NaN is not equal to itself


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cxkit", description="The omnichannel service design workbook."
    )
    p.add_argument("--debug", action="store_true", help="show the Python traceback on errors")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("review", help="lint a charter: gameable, missing or contradictory targets")
    r.add_argument("charter", nargs="+", type=Path, help="charter YAML file(s)")
    r.add_argument("--json", action="store_true", help="print {findings: [...]} as JSON")
    r.add_argument("--lang", choices=("en", "fi"), default=None, help="language (CXKIT_LANG)")
    r.set_defaults(func=_cmd_review)

    s = sub.add_parser(
        "staff", help="agents a service-level target needs (Erlang C, or Erlang A with patience)"
    )
    s.add_argument("--arrivals", type=float, required=True, help="contacts arriving per interval")
    s.add_argument("--interval-min", type=float, default=30, help="interval length in minutes (30)")
    s.add_argument("--aht-s", type=float, required=True, help="average handle time in seconds")
    s.add_argument("--target", default="80/20", help="service level as PERCENT/SECONDS (80/20)")
    s.add_argument("--patience-s", type=float, default=None, help="mean patience: use Erlang A")
    s.add_argument(
        "--shrinkage", type=float, default=0.0, help="share of paid time not on contacts (0.3)"
    )
    s.add_argument(
        "--max-occupancy", type=float, default=None, help="occupancy cap as a share (0.85)"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_cmd_staff)

    ld = sub.add_parser("load", help="read an export, validate it and report every rejected row")
    ld.add_argument("file", type=Path)
    ld.add_argument(
        "--preset",
        default="generic",
        help="generic, technion, nhs111, servicenow, helpdesk_italian, "
        "bpic2013, amazon_connect, genesys_cloud, zendesk",
    )
    ld.add_argument(
        "--table", default=None, help="contract for the generic preset (contacts, tickets, ...)"
    )
    ld.add_argument(
        "--time-zone", default=None, help="where naive local times were recorded (IANA name)"
    )
    ld.add_argument("--time-format", default=None, help="strftime format of the file's times")
    ld.add_argument(
        "--keep-text",
        action="append",
        default=[],
        metavar="COLUMN",
        help="keep a free-text column (dropped by default; identifiers inside are redacted)",
    )
    ld.add_argument(
        "--map", action="append", default=[], metavar="SRC=DEST", help="rename a column (repeat)"
    )
    ld.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="a column every row shares, e.g. channel=social (repeat)",
    )
    ld.add_argument("--sheet", default=None, help="Excel sheet name")
    ld.add_argument("--delimiter", default=None)
    ld.add_argument("--out", type=Path, help="write accepted rows to this Parquet file")
    ld.add_argument(
        "--quarantine", type=Path, help="write rejected rows with reasons to this CSV file"
    )
    ld.add_argument(
        "--json", action="store_true", help="print {rows_read, accepted, quarantined, reasons}"
    )
    ld.set_defaults(func=_cmd_load)

    ck = sub.add_parser(
        "check", help="check data against a charter: scorecard, HTML report, Excel, JSON"
    )
    ck.add_argument("charter", type=Path)
    ck.add_argument(
        "data", type=Path, nargs="+", help="files (with --preset) or folders of table files"
    )
    ck.add_argument("--preset", default="generic")
    ck.add_argument(
        "--table", default=None, help="contract of a generic file (contacts, tickets, ...)"
    )
    ck.add_argument(
        "--time-zone",
        default=None,
        help="zone of naive times, and of days for channels without a calendar",
    )
    ck.add_argument("--out", type=Path, help="self-contained HTML report")
    ck.add_argument("--excel", type=Path, help="scorecard workbook (.xlsx)")
    ck.add_argument("--json", type=Path, help="scorecard as JSON {charter, rows}")
    ck.add_argument("--lang", choices=("en", "fi"), default=None, help="language (CXKIT_LANG)")
    ck.set_defaults(func=_cmd_check)

    ap = sub.add_parser("app", help="serve the workshop notebooks as an app, without code (Voila)")
    ap.add_argument("--notebooks", default="notebooks", help="the notebooks folder (notebooks)")
    ap.add_argument("--port", type=int, default=8866, help="local port (8866)")
    ap.add_argument(
        "--lang", choices=("en", "fi"), default=None, help="start language (CXKIT_LANG)"
    )
    ap.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    ap.set_defaults(func=_cmd_app)
    fc = sub.add_parser(
        "forecast", help="forecast a channel's arrivals per interval from its own history"
    )
    fc.add_argument("data", type=Path, nargs="+", help="files (with --preset) or folders")
    fc.add_argument("--channel", required=True, help="channel id (an interval report: its queue)")
    fc.add_argument("--horizon", default="7d", help="days or weeks ahead: 7d, 14d, 2w (7d)")
    fc.add_argument("--interval-min", type=int, default=30, help="interval length, minutes (30)")
    fc.add_argument(
        "--method",
        default="mstl_ets",
        help="seasonal_naive, mstl_ets, mstl_arima, or auto: the backtest's pick (mstl_ets)",
    )
    fc.add_argument("--level", type=float, default=80, help="prediction interval, percent (80)")
    fc.add_argument("--charter", type=Path, help="charter YAML: closed and special days")
    fc.add_argument("--preset", default="generic")
    fc.add_argument("--table", default=None, help="contract of a generic file")
    fc.add_argument("--time-zone", default=None, help="zone of naive times and of the intervals")
    fc.add_argument("--json", action="store_true", help="print the forecast per interval as JSON")
    fc.set_defaults(func=_cmd_forecast)

    sm = sub.add_parser("sample", help="write the synthetic sample contact centre")
    sm.add_argument("--out", type=Path, required=True)
    sm.add_argument("--days", type=int, default=21)
    sm.add_argument("--seed", type=int, default=0)
    sm.add_argument(
        "--scale", type=float, default=0.25, help="volume relative to a mid-size centre (1.0)"
    )
    sm.add_argument("--start", default="2026-03-02", help="first day (a Monday is a good start)")
    sm.add_argument("--quiet", action="store_true", help="no progress bar")
    sm.set_defaults(func=_cmd_sample)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cxkit`` console script.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: the command line).

    Returns
    -------
    int
        The exit status: 0 done, 1 a review found errors, 2 the input could not be used (a one-line
        message on stderr names the input and the fix; ``--debug`` shows the traceback).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CxkitWarning)
            status = int(args.func(args))
    except _USER_ERRORS as err:
        if args.debug:
            raise
        print(f"cxkit {args.command}: {_one_line(err)}", file=sys.stderr)
        return 2
    for (
        w
    ) in caught:  # what the user should know, one line each; other warnings as Python shows them
        if issubclass(w.category, CxkitWarning):
            print(f"cxkit {args.command}: WARNING: {_one_line(w.message)}", file=sys.stderr)  # type: ignore[arg-type]
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return status


class CliError(CxkitError, ValueError):
    """A command-line argument that cannot be used; the message says what to type instead."""


#: Errors that come from the user's input, not from a bug: one line, exit 2, no traceback.
_USER_ERRORS = (CxkitError, ValueError, KeyError, OSError, EOFError, UnicodeError)


def _one_line(err: BaseException | Warning) -> str:
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    return " ".join(text.split()) or type(err).__name__


def _positive(value: float, flag: str, what: str, *, zero_ok: bool = False) -> None:
    ok = math.isfinite(value) and (value >= 0 if zero_ok else value > 0)
    if not ok:
        raise CliError(
            f"{flag} must be a {'non-negative' if zero_ok else 'positive'} number ({what})"
        )


def _readable_file(p: Path) -> None:
    if not p.exists():
        raise CliError(f"{p}: no such file")
    if p.is_dir():
        raise CliError(f"{p} is a folder; give one file (or use cxkit check with the folder)")


def _writable(p: Path | None) -> None:
    if p is None:
        return
    if p.is_dir():
        raise CliError(f"{p} is a folder; give a file name to write")
    if not p.parent.exists():
        raise CliError(f"{p.parent} does not exist; create the folder first or write elsewhere")


def _pairs(items: Sequence[str], flag: str, shape: str) -> dict[str, str] | None:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"{flag} {item!r}: write it as {shape}")
        out[key.strip()] = value.strip()
    return out or None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
