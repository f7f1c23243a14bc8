"""Engine benchmark: the streaming loader, the DuckDB engine over the Parquet store, and Spark.

    python benchmarks/bench_engine.py                       # or: python benchmarks/run.py engine
    python benchmarks/bench_engine.py --rows 2000000 --big 0 --spark-rows 200000   # a quick run

Data is generated once by DuckDB SQL into ``benchmarks/.work/engine/`` (not committed): a year (2025) of 5
channels (75 % calls, chats and callbacks, 25 % e-mail and web-form tickets) as CSV (the load
benchmark's input) and as Parquet (the 100M check reads it directly). Every measurement runs in a
fresh process; the table gives its wall time and the peak resident memory of that process
(``VmHWM``), and the ratio to the reference named in the row.

The charter is ``bench_check.charter_doc()``: 30 targets. 27 have SQL declarations; ``phone-repeat``
(repeat contacts across channels, a journey metric) and the two ``backlog_age`` targets fall back to
the pandas engine (``cxkit.fallback_metrics()``), which reads their rows out of the store. The
hand-written DuckDB SQL computes the same 27 results (counts, means, quantiles per period) as
straight SQL, without cxkit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work" / "engine"
TZ = "Europe/Helsinki"
FALLBACK = ("phone-repeat", "email-backlog", "web_form-backlog")


def generate(rows: int, *, csv: bool) -> Path:
    """Write ``rows`` rows (contacts + tickets) once; return the folder."""
    import duckdb

    out = WORK / f"rows_{rows}"
    done = out / ("done-csv" if csv else "done-parquet")
    if done.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(
        "SET TimeZone = 'UTC'; SET memory_limit = '3GB'; SET preserve_insertion_order = false"
    )
    n_c, n_t = int(rows * 0.75), rows - int(rows * 0.75)
    contacts = f"""
      WITH r AS (SELECT i, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                        random() AS u5, random() AS u6, random() AS u7 FROM range({n_c}) t(i)),
      a AS (SELECT *, CASE WHEN u1 < 0.6667 THEN 'phone' WHEN u1 < 0.8667 THEN 'chat'
                      ELSE 'callback' END AS channel,
                   CAST(floor(u2 * 365) AS INTEGER) AS d FROM r),
      b AS (SELECT *, TIMESTAMPTZ '2025-01-01 06:00:00+00' + to_days(d)
                      + to_microseconds(CAST(u3 * 36000e6 AS BIGINT)) AS arrival,
                   -ln(greatest(u4, 1e-12)) * (8 + 40 * ((d * 37) % 11) / 10.0) AS offered_wait,
                   -ln(greatest(u5, 1e-12)) * (CASE WHEN u1 < 0.6667 THEN 150 ELSE 240 END)
                      AS patience FROM a)
      SELECT 'C' || CAST(i AS VARCHAR) AS contact_id, channel, channel AS queue,
             'c_' || CAST(CAST(u6 * {max(1000, rows // 5)} AS BIGINT) AS VARCHAR) AS customer,
             arrival,
             CASE WHEN offered_wait <= patience THEN 'answered' ELSE 'abandoned' END AS outcome,
             CASE WHEN offered_wait <= patience THEN 'A' || CAST(CAST(u7 * 400 AS INTEGER) AS VARCHAR) END AS agent,
             round(least(offered_wait, patience), 1) AS wait_s,
             CASE WHEN offered_wait <= patience THEN arrival
                  + to_microseconds(CAST(round(offered_wait, 1) * 1e6 AS BIGINT)) END AS answered_at,
             CASE WHEN offered_wait <= patience THEN round(exp(5.3 + 0.6 * (u7 - 0.5) * 3.4), 1) END AS talk_s,
             CASE WHEN offered_wait <= patience THEN round(-ln(greatest(u6, 1e-12)) * 15, 1) END AS hold_s,
             CASE WHEN offered_wait <= patience THEN round(-ln(greatest(u3, 1e-12)) * 40, 1) END AS acw_s
      FROM b"""
    tickets = f"""
      WITH r AS (SELECT i, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                        random() AS u5, random() AS u6 FROM range({n_t}) t(i)),
      a AS (SELECT *, TIMESTAMPTZ '2025-01-01 00:00:00+00'
                      + to_microseconds(CAST(u2 * 365 * 86400e6 AS BIGINT)) AS created,
                   -ln(greatest(u3, 1e-12)) * 12 AS reply_h FROM r)
      SELECT 'T' || CAST(i AS VARCHAR) AS ticket_id,
             CASE WHEN u1 < 0.8 THEN 'email' ELSE 'web_form' END AS channel,
             'c_' || CAST(CAST(u6 * {max(1000, rows // 5)} AS BIGINT) AS VARCHAR) AS customer,
             created,
             CASE WHEN u4 > 0.03 THEN created + to_microseconds(CAST(reply_h * 3600e6 AS BIGINT)) END
                AS first_reply,
             CASE WHEN u4 > 0.03 AND u5 < 0.85 THEN created + to_microseconds(CAST(
                (reply_h - ln(greatest(u5, 1e-12)) * 20) * 3600e6 AS BIGINT)) END AS solved
      FROM a"""
    for name, sql in (("contacts", contacts), ("tickets", tickets)):
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
        if csv:
            con.execute(
                f"COPY (SELECT * REPLACE (strftime(timezone('{TZ}', "
                + (
                    "arrival), '%Y-%m-%d %H:%M:%S') AS arrival, strftime(timezone('"
                    f"{TZ}', answered_at), '%Y-%m-%d %H:%M:%S.%g') AS answered_at)"
                    if name == "contacts"
                    else "created), '%Y-%m-%d %H:%M:%S') AS created, strftime(timezone('"
                    f"{TZ}', first_reply), '%Y-%m-%d %H:%M:%S') AS first_reply, strftime("
                    f"timezone('{TZ}', solved), '%Y-%m-%d %H:%M:%S') AS solved)"
                )
                + f" FROM {name}) TO '{out / (name + '.csv')}' (HEADER, DELIMITER ',')"
            )
        else:
            (out / name).mkdir(exist_ok=True)
            con.execute(
                f"COPY {name} TO '{out / name}' (FORMAT PARQUET, PER_THREAD_OUTPUT true, "
                "OVERWRITE_OR_IGNORE true)"
            )
        con.execute(f"DROP VIEW {name}")
    (out / "cxkit.json").write_text(json.dumps({"time_zone": TZ}))
    done.write_text("ok")
    return out


CHILD = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
task, arg = sys.argv[1], json.loads(sys.argv[2])
sys.path.insert(0, arg["here"])
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
import pandas as pd
import yaml
import cxkit as cx
from bench_check import charter_doc
from bench_engine import hand_sql, sql_charter
charter = cx.loads_charter(yaml.safe_dump(charter_doc()))
res = {}
t = time.perf_counter()
if task == "load_store":
    for name in ("contacts", "tickets"):
        st = cx.write_store(arg["dir"] + f"/{name}.csv", arg["store"], table=name, time_zone="Europe/Helsinki",
                            pseudonym_key=b"bench", progress=False)
    s = st.summary()
    res["rows_read"] = int(s.rows_read.sum()); res["quarantined"] = int(s.quarantined.sum())
elif task == "pandas_load":
    r = cx.load(arg["dir"] + "/contacts.csv", table="contacts", time_zone="Europe/Helsinki", pseudonym_key=b"bench")
    res["rows_read"] = r.rows_read
elif task in ("check_store", "check_store_sql"):
    st = cx.open_store(arg["store"])
    ch = sql_charter() if task == "check_store_sql" else charter
    sc = cx.check(ch, st)
    res["targets"] = int(sc.target_id.nunique()); res["rows"] = len(sc)
    sc.to_pickle(arg["out"])
elif task == "check_parquet_sql":
    eng = cx.DuckDBEngine({"contacts": arg["dir"] + "/contacts", "tickets": arg["dir"] + "/tickets"},
                          memory_limit="4GB")
    sc = cx.check_on(sql_charter(), eng)
    res["targets"] = int(sc.target_id.nunique()); res["rows"] = len(sc)
elif task == "hand_sql":
    import duckdb
    con = duckdb.connect()
    src = arg.get("store")
    if src:
        c, tk = f"read_parquet('{src}/contacts/**/*.parquet')", f"read_parquet('{src}/tickets/**/*.parquet')"
    else:
        c, tk = f"read_parquet('{arg['dir']}/contacts/*.parquet')", f"read_parquet('{arg['dir']}/tickets/*.parquet')"
    con.execute("SET memory_limit = '4GB'")
    out = hand_sql(con, c, tk, charter)
    res["results"] = len(out); res["rows"] = int(sum(len(o) for o in out))
elif task in ("pandas_check", "duck_check_frames"):
    st = cx.open_store(arg["store"])
    tables = {"contacts": st.to_pandas("contacts"), "tickets": st.to_pandas("tickets")}
    t = time.perf_counter()
    sc = cx.check(charter, tables, engine="pandas" if task == "pandas_check" else "duckdb")
    res["targets"] = int(sc.target_id.nunique())
    sc.to_pickle(arg["out"])
elif task == "spark_check":
    from pyspark.sql import SparkSession
    st = cx.open_store(arg["store"])
    t0 = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").config("spark.driver.memory", "2g")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    res["spark_start_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    eng = cx.SparkEngine(spark, {"contacts": str(st.table_path("contacts")), "tickets": str(st.table_path("tickets"))})
    sc = cx.check_on(charter, eng)
    res["targets"] = int(sc.target_id.nunique())
    sc.to_pickle(arg["out"])
    wall = time.perf_counter() - t
    spark.stop()
    res.update(wall_s=wall, peak_mb=peak_mb())
    print(json.dumps(res)); sys.exit(0)
elif task == "restatus":
    sc = pd.read_pickle(arg["out"])
    t = time.perf_counter()
    for th in (70.0, 75.0, 85.0, 90.0, 80.0):
        cx.restatus(sc, "phone-sl", threshold=th)
    res["wall_s"] = (time.perf_counter() - t) / 5
    res["peak_mb"] = peak_mb()
    print(json.dumps(res)); sys.exit(0)
res.update(wall_s=time.perf_counter() - t, peak_mb=peak_mb())
print(json.dumps(res))
"""


def sql_charter():
    """The benchmark charter without the 3 targets that fall back to pandas (27 targets)."""
    import yaml
    from bench_check import charter_doc

    import cxkit as cx

    doc = charter_doc()
    for ch in doc["channels"].values():
        ch["targets"] = [t for t in ch["targets"] if t["id"] not in FALLBACK]
        ch["goals"] = [{"text": g["text"], "targets": [x["id"] for x in ch["targets"]]}
                       for g in ch["goals"]]  # fmt: skip
    return cx.loads_charter(yaml.safe_dump(doc))


def hand_sql(con, c: str, tk: str, charter) -> list:
    """The 27 SQL-able results of the charter as hand-written DuckDB SQL (no cxkit engine)."""
    from cxkit.measure.backends import minute_calendar

    cal = charter.calendar_of("email")
    lo, hi = pd_ts("2024-12-25"), pd_ts("2026-03-01")
    con.register("cal", minute_calendar(cal, lo, hi))
    con.execute("SET TimeZone = 'UTC'")
    loc = f"timezone('{TZ}', {{}})"
    out = []
    q = con.execute
    for ch in ("phone", "chat", "callback"):
        w = f"FROM {c} WHERE channel = '{ch}'"
        day, week, month = (
            f"date_trunc('{p}', {loc.format('arrival')})" for p in ("day", "week", "month")
        )
        out.append(
            q(
                f"SELECT {day} p, count(*) FILTER (outcome = 'answered' AND wait_s <= 20) num, count(*) FILTER (outcome IN ('answered','abandoned','flowout')) den {w} GROUP BY p"
            ).df()
        )
        out.append(
            q(
                f"SELECT {week} p, count(*) FILTER (outcome = 'answered' AND wait_s <= 30) num, count(*) FILTER (outcome = 'answered') den {w} GROUP BY p"
            ).df()
        )
        out.append(
            q(
                f"SELECT {day} p, count(*) FILTER (outcome = 'abandoned') num, count(*) FILTER (outcome IN ('answered','abandoned','flowout')) den {w} GROUP BY p"
            ).df()
        )
        out.append(
            q(
                f"SELECT {week} p, avg(wait_s) v, count(wait_s) n {w} AND outcome = 'answered' GROUP BY p"
            ).df()
        )
        out.append(
            q(
                f"SELECT {month} p, avg(coalesce(talk_s,0)+coalesce(hold_s,0)+coalesce(acw_s,0)) v, count(*) n {w} AND outcome = 'answered' GROUP BY p"
            ).df()
        )
        if ch != "phone":
            out.append(
                q(
                    f"SELECT {week} p, quantile_cont(wait_s, 0.9) v, count(*) n {w} AND outcome = 'answered' GROUP BY p"
                ).df()
            )
    for ch in ("email", "web_form"):
        w = f"FROM {tk} t WHERE channel = '{ch}'"
        day, week, month = (
            f"date_trunc('{p}', {loc.format('created')})" for p in ("day", "week", "month")
        )
        end = q(f"SELECT greatest(max(created), max(first_reply)) e {w}").fetchone()[0]
        endl = f"TIMESTAMPTZ '{end}'"
        ou = "(k{i}.cum_us + k{i}.is_open * (epoch_us({x}) - k{i}.m * 60000000))"
        join = "LEFT JOIN cal k{i} ON k{i}.m = epoch_us({x}) // 60000000"
        x0, x1 = "created", f"coalesce(first_reply, {endl})"
        took_bh = f"({ou.format(i=1, x=x1)} - {ou.format(i=0, x=x0)}) / 1e6"
        out.append(
            q(
                f"SELECT {week} p, count(*) FILTER (first_reply IS NOT NULL AND {took_bh} <= 28800) num, count(*) FILTER (first_reply IS NOT NULL OR {took_bh} > 28800) den FROM {tk} t {join.format(i=0, x=x0)} {join.format(i=1, x=x1)} WHERE channel = '{ch}' GROUP BY p"
            ).df()
        )
        took = f"(epoch_us({x1}) - epoch_us(created)) / 1e6"
        out.append(
            q(
                f"SELECT {day} p, count(*) FILTER (first_reply IS NOT NULL AND {took} <= 86400) num, count(*) FILTER (first_reply IS NOT NULL OR {took} > 86400) den {w} GROUP BY p"
            ).df()
        )
        frt_bh = f"({ou.format(i=1, x='first_reply')} - {ou.format(i=0, x='created')}) / 3.6e9"
        out.append(
            q(
                f"SELECT {week} p, quantile_cont({frt_bh}, 0.5) v, count(*) n FROM {tk} t {join.format(i=0, x='created')} {join.format(i=1, x='first_reply')} WHERE channel = '{ch}' AND first_reply IS NOT NULL GROUP BY p"
            ).df()
        )
        out.append(
            q(
                f"SELECT {month} p, avg((epoch_us(first_reply) - epoch_us(created)) / 3.6e9) v, count(*) n {w} AND first_reply IS NOT NULL GROUP BY p"
            ).df()
        )
        res_bh = (
            f"greatest(({ou.format(i=1, x='solved')} - {ou.format(i=0, x='created')}) / 3.6e9, 0)"
        )
        out.append(
            q(
                f"SELECT {month} p, quantile_cont({res_bh}, 0.9) v, count(*) n FROM {tk} t {join.format(i=0, x='created')} {join.format(i=1, x='solved')} WHERE channel = '{ch}' AND solved IS NOT NULL GROUP BY p"
            ).df()
        )
    return out


def pd_ts(s: str):
    import pandas as pd

    return pd.Timestamp(s, tz="UTC")


def run(task: str, **arg) -> dict:
    arg["here"] = str(HERE)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, task, json.dumps(arg)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(HERE),
    )
    if out.returncode:
        raise RuntimeError(f"{task} failed:\n{out.stderr[-3000:]}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  {task}: {r}", file=sys.stderr)
    return r


def _same(a_path: Path, b_path: Path) -> str:
    import pandas as pd

    a, b = pd.read_pickle(a_path), pd.read_pickle(b_path)
    if len(a) != len(b):
        return f"DIFFERENT: {len(a)} vs {len(b)} rows"
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    exact = ["target_id", "period_start", "status", "n", "definition", "note"]
    if not all(a[c].equals(b[c]) for c in exact):
        bad = [c for c in exact if not a[c].equals(b[c])]
        return f"DIFFERENT in {bad}"
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9)
    except AssertionError as err:
        return f"DIFFERENT figures: {str(err)[:120]}"
    return "identical scorecard" + (" (bit for bit)" if a.equals(b) else " (floats to 1e-12)")


def _pandas_part(pandas_rows: int, row) -> None:
    d2 = generate(pandas_rows, csv=True)
    s2 = WORK / f"store_{pandas_rows}"
    ls2 = run("load_store", dir=str(d2), store=str(s2))
    pl2 = run("pandas_load", dir=str(d2))
    row("load CSV -> store (contacts + tickets)", pandas_rows, "streaming loader", ls2,
        f"{ls2['wall_s'] / (pl2['wall_s'] / 0.75):.2f} x pandas", f"{ls2['rows_read'] / ls2['wall_s']:,.0f} rows/s")  # fmt: skip
    row("load CSV (contacts only) into memory", int(pandas_rows * 0.75), "cx.load (pandas)", pl2, "",
        f"{pl2['rows_read'] / pl2['wall_s']:,.0f} rows/s")  # fmt: skip
    pc = run("pandas_check", store=str(s2), out=str(WORK / "sc_pandas.pkl"))
    dc = run("duck_check_frames", store=str(s2), out=str(WORK / "sc_duck_frames.pkl"))
    ds = run("check_store", store=str(s2), out=str(WORK / "sc_duck_store.pkl"))
    row("full check, 30 targets (frames in memory)", pandas_rows, "pandas", pc)
    row("full check, 30 targets (same frames)", pandas_rows, "DuckDB", dc,
        f"{dc['wall_s'] / pc['wall_s']:.2f} x pandas", _same(WORK / "sc_pandas.pkl", WORK / "sc_duck_frames.pkl"))  # fmt: skip
    row("full check, 30 targets (Parquet store)", pandas_rows, "DuckDB", ds,
        f"{ds['wall_s'] / pc['wall_s']:.2f} x pandas", _same(WORK / "sc_pandas.pkl", WORK / "sc_duck_store.pkl"))  # fmt: skip


def bench(rows: int, big: int, spark_rows: int, pandas_rows: int) -> str:
    lines = [
        "\n## Engine: streaming loader, DuckDB over the Parquet store, Spark\n",
        "Wall = seconds of the measured step, peak = the process's peak RSS (MB). The machine (2 cores, "
        "24 GB) was shared with other jobs while this ran.\n",
        "| what | rows | engine | wall (s) | peak RSS (MB) | ratio | result |",
        "|---|---:|---|---:|---:|---:|---|",
    ]

    def row(what, n, eng, r, ratio="", result=""):
        lines.append(
            f"| {what} | {n:,} | {eng} | {r['wall_s']:.2f} | {r.get('peak_mb', float('nan')):,.0f} | {ratio} | {result} |"
        )

    # pandas-only reference and equivalence at pandas_rows
    if pandas_rows:
        _pandas_part(pandas_rows, row)
    if spark_rows:
        d3 = generate(spark_rows, csv=True)
        s3 = WORK / f"store_{spark_rows}"
        run("load_store", dir=str(d3), store=str(s3))
        p3 = run("pandas_check", store=str(s3), out=str(WORK / "sc_pandas_s.pkl"))
        k3 = run("spark_check", store=str(s3), out=str(WORK / "sc_spark.pkl"))
        row("full check, 30 targets", spark_rows, "pandas", p3)
        row("full check, 30 targets (Spark local[2], session start "
            f"{k3['spark_start_s']:.0f} s not counted)", spark_rows, "PySpark", k3,
            f"{k3['wall_s'] / p3['wall_s']:.2f} x pandas", _same(WORK / "sc_pandas_s.pkl", WORK / "sc_spark.pkl"))  # fmt: skip
    if rows:
        d1 = generate(rows, csv=True)
        s1 = WORK / f"store_{rows}"
        ls1 = run("load_store", dir=str(d1), store=str(s1))
        row("load CSV -> store (contacts + tickets)", rows, "streaming loader", ls1, "",
            f"{ls1['rows_read'] / ls1['wall_s']:,.0f} rows/s, {ls1['quarantined']} quarantined")  # fmt: skip
        hs = run("hand_sql", store=str(s1))
        cs = run("check_store_sql", store=str(s1), out=str(WORK / "sc_store_sql.pkl"))
        row(
            "27 SQL targets, hand-written DuckDB SQL",
            rows,
            "DuckDB",
            hs,
            "1.00",
            f"{hs['results']} results",
        )
        row("check, the same 27 targets (Parquet store)", rows, "DuckDB (cxkit)", cs,
            f"{cs['wall_s'] / hs['wall_s']:.2f} x hand SQL", f"{cs['rows']:,} scorecard rows")  # fmt: skip
        rs = run("restatus", out=str(WORK / "sc_store_sql.pkl"))
        row("threshold slider (restatus phone-sl)", rows, "pandas on counts", rs)
    if big:
        db = generate(big, csv=False)
        hb = run("hand_sql", dir=str(db))
        cb = run("check_parquet_sql", dir=str(db))
        row(
            "27 SQL targets, hand-written DuckDB SQL",
            big,
            "DuckDB",
            hb,
            "1.00",
            f"{hb['results']} results",
        )
        row("check, the same 27 targets (Parquet)", big, "DuckDB (cxkit)", cb,
            f"{cb['wall_s'] / hb['wall_s']:.2f} x hand SQL", f"{cb['rows']:,} scorecard rows")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--rows", type=int, default=10_000_000, help="the load and 27-target check (0: skip)"
    )
    p.add_argument("--big", type=int, default=100_000_000, help="the big check (0: skip)")
    p.add_argument("--spark-rows", type=int, default=1_000_000, help="the Spark check (0: skip)")
    p.add_argument(
        "--pandas-rows", type=int, default=2_000_000, help="pandas vs DuckDB, 30 targets"
    )
    a = p.parse_args()
    t = time.perf_counter()
    print(bench(a.rows, a.big, a.spark_rows, a.pandas_rows))
    print(f"(whole benchmark {time.perf_counter() - t:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
