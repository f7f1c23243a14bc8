"""The ``cxkit`` command line: ``cxkit review``, ``cxkit staff`` and more.

Each subcommand prints a readable table by default and JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cxkit.charter.lint import has_errors, review
from cxkit.charter.model import load_charter
from cxkit.errors import CharterError
from cxkit.i18n import format_value

__all__ = ["build_parser", "main"]


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
            counts = {
                lvl: sum(f.level == lvl for f in findings) for lvl in ("error", "warning", "info")
            }
            print(
                f"{path}: {charter.name} (version {charter.version}): "
                f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
            )
            for f in findings:
                print(
                    f"  {f.level.upper():7} {f.code} {f.name}  {f.subject}\n          {f.message}"
                )
    if args.json:
        print(json.dumps({"findings": all_findings}, ensure_ascii=False, indent=2))
    return status


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
    from cxkit.errors import UnreadableFileError

    try:
        res = load(
            args.file,
            preset=args.preset,
            table=args.table,
            time_zone=args.time_zone,
            sheet=args.sheet,
            delimiter=args.delimiter,
        )
    except (UnreadableFileError, FileNotFoundError, ValueError) as err:
        print(f"cxkit load: {err}", file=sys.stderr)
        return 2
    if args.out:
        res.data.to_parquet(args.out, index=False)
    if args.quarantine:
        res.quarantine.to_csv(args.quarantine, index=False)
    s = res.summary()
    if args.json:
        print(
            json.dumps(
                {k: s[k] for k in ("rows_read", "accepted", "quarantined", "reasons")},
                ensure_ascii=False,
            )
        )
        return 0
    print(
        f"{args.file} ({args.preset} -> {res.table}): {s['rows_read']} rows read, {s['accepted']} accepted, "
        f"{s['quarantined']} quarantined"
    )
    for reason, n in s["reasons"].items():
        print(f"  {n:>8}  {reason}")
    for note, n in s.get("warnings", {}).items():
        print(f"  {n:>8}  kept with a note: {note}")
    if res.table != "contacts" or len(res.data) != s["accepted"]:
        print(f"  -> {len(res.data)} {res.table} rows")
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from cxkit.sample.generate import write_sample

    paths = write_sample(
        args.out, days=args.days, seed=args.seed, scale=args.scale, start=args.start
    )
    for name, p in paths.items():
        print(f"{name:12} {p}  ({p.stat().st_size / 1e6:.2f} MB)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from cxkit.data.tables import load_tables
    from cxkit.errors import UnreadableFileError
    from cxkit.measure.scorecard import check, summary
    from cxkit.ui.report import write_excel, write_html, write_json

    try:
        charter = load_charter(args.charter)
        loads = load_tables(args.data, preset=args.preset, table=args.table)
    except (CharterError, UnreadableFileError, FileNotFoundError, ValueError) as err:
        print(f"cxkit check: {err}", file=sys.stderr)
        return 2
    scorecard = check(charter, loads)
    if args.out:
        write_html(args.out, charter, scorecard, loads=loads)
    if args.excel:
        write_excel(args.excel, charter, scorecard, loads=loads)
    if args.json:
        write_json(args.json, charter, scorecard)
    s = summary(scorecard)
    counts = scorecard.status.value_counts()
    print(
        f"{charter.name} (version {charter.version}): "
        + ", ".join(f"{k} {int(v)}" for k, v in counts.items())
        + " target-periods"
    )
    for _, r in s.iterrows():
        overall = f"  overall {format_value(r.overall, r.unit)}" if not pd_isna(r.overall) else ""
        print(
            f"  {r.target_id:22} met {r.met:>3}  near {r.near:>3}  missed {r.missed:>3}  "
            f"no data {r.no_data:>3}{overall}"
        )
    for p in (args.out, args.excel, args.json):
        if p:
            print(f"wrote {p}")
    return 0


def pd_isna(v: object) -> bool:
    return v is None or v != v  # NaN is not equal to itself


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cxkit", description="The omnichannel service design workbook."
    )
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("review", help="lint a charter: gameable, missing or contradictory targets")
    r.add_argument("charter", nargs="+", type=Path, help="charter YAML file(s)")
    r.add_argument("--json", action="store_true", help="print {findings: [...]} as JSON")
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
    ld.add_argument("--time-zone", default=None, help="where naive local times were recorded")
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
    ck.add_argument("--out", type=Path, help="self-contained HTML report")
    ck.add_argument("--excel", type=Path, help="scorecard workbook (.xlsx)")
    ck.add_argument("--json", type=Path, help="scorecard as JSON {charter, rows}")
    ck.set_defaults(func=_cmd_check)

    sm = sub.add_parser("sample", help="write the synthetic sample contact centre")
    sm.add_argument("--out", type=Path, required=True)
    sm.add_argument("--days", type=int, default=21)
    sm.add_argument("--seed", type=int, default=0)
    sm.add_argument(
        "--scale", type=float, default=0.25, help="volume relative to a mid-size centre (1.0)"
    )
    sm.add_argument("--start", default="2026-03-02", help="first day (a Monday is a good start)")
    sm.set_defaults(func=_cmd_sample)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cxkit`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
