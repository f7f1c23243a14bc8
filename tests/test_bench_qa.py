"""The QA benchmark stays runnable and prints its table (timings are never asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_qa  # noqa: E402


def test_qa_benchmark_runs_small():
    out = bench_qa.bench(170)
    assert "170 evaluations, 1,700 answers (0 quarantined)" in out
    assert "fit_answers (form check)" in out and "answers_per_s" in out
