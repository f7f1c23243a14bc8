"""Metrics from an interval report (counts per queue x interval, what many ACDs export).

Only what the report's counts give: a service level for the report's own threshold (offered or
answered variant), answer and abandon rates of offered, offered counts, and ASA and AHT from sums.
Anything else raises :class:`cxkit.errors.MissingColumnError` saying what is missing and what would
give it.
"""

from __future__ import annotations

import re

import pandas as pd

from cxkit.errors import MissingColumnError
from cxkit.measure.engine import RowContext, Rows, interval_rows_for

__all__: list[str] = []


def _report(ctx: RowContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    iv = ctx.data["intervals"].rename(columns={"interval_start": "time"})
    return iv, iv[["time", *[c for c in ("channel", "queue") if c in iv.columns]]].copy()


@interval_rows_for("service_level")
def _service_level(ctx: RowContext) -> Rows:
    iv, base = _report(ctx)
    have = [c for c in iv.columns if c.startswith("answered_within_")]
    col = f"answered_within_{ctx.within_s:g}s"
    if col not in iv.columns:
        t = re.findall(r"[\d.]+", have[0])[0] if have else None
        fix = (
            f"Set threshold_s={t} (within_s: {t}) or load contact-level data."
            if t
            else "Load contact-level data (waits per contact)."
        )
        raise MissingColumnError(
            f"the interval report has no {col!r}; it has {have or 'no answered_within column'}. {fix}"
        )
    variant = ctx.options.get("variant", "offered")
    if variant not in ("offered", "answered"):
        raise MissingColumnError(
            f"service level variant {variant!r} needs abandons within T, which the interval report "
            "does not count. Use variant 'offered' or 'answered', or load contacts."
        )
    den = iv["offered"] if variant == "offered" else iv["answered"]
    return ctx.rows(
        base.assign(num=iv[col], den=den),
        f"service level, variant {variant}, T = {ctx.within_s:g} s, from the interval report",
        table="intervals",
    )


@interval_rows_for("offered")
def _offered(ctx: RowContext) -> Rows:
    iv, base = _report(ctx)
    return ctx.rows(base.assign(value=iv["offered"]), "contacts offered", table="intervals")


@interval_rows_for("answer_rate")
def _answer_rate(ctx: RowContext) -> Rows:
    iv, base = _report(ctx)
    return ctx.rows(
        base.assign(num=iv["answered"], den=iv["offered"]), "answered / offered", table="intervals"
    )


@interval_rows_for("abandon_rate")
def _abandon_rate(ctx: RowContext) -> Rows:
    if ctx.options.get("variant", "of_offered") != "of_offered":
        raise MissingColumnError(
            "only the abandon rate of offered can come from an interval report; short abandons need "
            "contact-level waits. Load contacts or use variant 'of_offered'."
        )
    iv, base = _report(ctx)
    return ctx.rows(
        base.assign(num=iv["abandoned"], den=iv["offered"]),
        "abandoned / offered",
        table="intervals",
    )


_SUMS = {"asa": "wait_answered_sum_s", "aht": "handle_sum_s"}


@interval_rows_for("asa", "aht")
def _mean_from_sums(ctx: RowContext) -> Rows:
    iv, base = _report(ctx)
    sums = _SUMS[ctx.metric]
    if sums not in iv.columns:
        cols = [c for c in iv.columns if c != "time"]
        raise MissingColumnError(
            f"{ctx.metric} from an interval report needs {sums!r} (and answered); the report has "
            f"{['interval_start', *cols]}. Load contacts instead."
        )
    # a mean from sums: weight = answered, value = sum / answered
    return ctx.rows(
        base.assign(num=iv[sums], den=iv["answered"]),
        f"{sums} / answered, from the interval report",
        kind="sum_ratio",
        table="intervals",
    )
