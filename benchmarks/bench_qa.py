"""Quality monitoring at a year's scale: answers checked against the form, scored, summarised.

    python benchmarks/run.py qa            # CXKIT_BENCH_QA_EVALUATIONS evaluations (default 100,000)

The sample's 85 evaluations are copied with new ids up to the count asked for (10 answers each),
so the form check sees the sample's real mix of answers, N/A and critical fails.
"""

from __future__ import annotations

import resource
import time

import pandas as pd

import cxkit as cx


def bench(evaluations: int) -> str:
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    ev = cx.load_tables([cx.sample_dir()])["evaluations"].data
    copies = -(-evaluations // ev.evaluation_id.nunique())
    big = pd.concat(
        [ev.assign(evaluation_id=ev.evaluation_id + f"-{i}") for i in range(copies)],
        ignore_index=True,
    )
    rows = []
    t = time.perf_counter()
    items, quarantine = cx.fit_answers(big, charter.forms)
    rows.append({"step": "fit_answers (form check)", "s": time.perf_counter() - t})
    t = time.perf_counter()
    scores = cx.evaluation_scores(items)
    rows.append({"step": "evaluation_scores", "s": time.perf_counter() - t})
    t = time.perf_counter()
    cx.section_scores(items)
    rows.append({"step": "section_scores", "s": time.perf_counter() - t})
    t = time.perf_counter()
    cx.qa_summary(scores, by=["agent"])
    cx.question_pass_rates(items, by=["agent"])
    rows.append({"step": "qa_summary + pass rates by agent", "s": time.perf_counter() - t})
    for r in rows:
        r["answers_per_s"] = len(big) / r["s"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    df = pd.DataFrame(rows)
    head = (
        f"\n## Quality monitoring: {scores.shape[0]:,} evaluations, {len(big):,} answers "
        f"({len(quarantine)} quarantined), peak memory {peak_mb:,.0f} MB\n\n"
    )
    return head + df.to_markdown(index=False, floatfmt=".4g") + "\n"
