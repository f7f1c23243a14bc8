"""The check benchmark stays runnable, and its three computations of the daily service level agree."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_check  # noqa: E402


def test_cxkit_duckdb_and_pandas_give_the_same_daily_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_check, "WORK", tmp_path)
    cp, tp = bench_check.make_files(30_000)
    sums = {
        task: bench_check.run(task, cp, tp)["checksum"]
        for task in ("duckdb_sl", "pandas_sl", "cxkit_sl")
    }
    assert sums["cxkit_sl"] == sums["duckdb_sl"] == sums["pandas_sl"]
    numerator, denominator, days, _ = sums["cxkit_sl"]
    assert 0 < numerator < denominator and days > 3 * 250  # three channels, about 260 weekdays each


def test_benchmark_charter_has_30_valid_targets():
    import yaml

    from cxkit.charter.model import loads_charter

    charter = loads_charter(yaml.safe_dump(bench_check.charter_doc()))
    assert len(list(charter.iter_targets())) == 30 and len(charter.channels) == 5
