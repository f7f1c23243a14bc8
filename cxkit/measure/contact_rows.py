"""Row builders of the contact log's metrics: accessibility, speed and efficiency.

Each builder declares, per contact, which rows count and their numerator / denominator flags or
value; the catalog says how they aggregate. Outcomes: ``answered`` (A), ``abandoned`` (Ab),
``flowout`` (F: callback, voicemail, overflow); ``self_service`` contacts never reached the queue.

>>> import pandas as pd
>>> c = pd.DataFrame({"outcome": ["answered", "answered", "abandoned", "abandoned"],
...                   "wait_s": [5.0, 40.0, 3.0, 60.0]})
>>> sl_flags(c, threshold_s=20, variant="ignore_short_abandons")[["num", "den"]].sum().tolist()
[1, 3]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxkit.catalog import get_metric
from cxkit.errors import MissingDataError
from cxkit.measure.engine import RowContext, Rows, base_rows, need, rows_for

__all__ = ["SL_VARIANTS", "sl_flags"]

#: The service-level variants, in catalog order (``shared/design/metrics.md``).
SL_VARIANTS: tuple[str, ...] = tuple(get_metric("service_level").options["variant"].choices or ())


def _sl_denominator(
    variant: str,
    a: pd.Series,
    ab: pd.Series,
    f: pd.Series,
    within: pd.Series,
    sab: pd.Series,
    include_flowouts: bool,
) -> tuple[pd.Series, pd.Series]:
    """Numerator and denominator flags of one service-level variant."""
    offered = a | ab | (f if include_flowouts else False)
    num = a & within
    den = {
        "answered": lambda: a,
        "offered": lambda: offered,
        "ignore_abandons_within_T": lambda: offered & ~(ab & within),
        "ignore_short_abandons": lambda: offered & ~sab,
        "positive_abandon": lambda: offered,
        "removed_from_queue": lambda: offered | f,
    }[variant]()
    if variant == "positive_abandon":
        num = (a | ab) & within
    elif variant == "removed_from_queue":
        num = (a | ab | f) & within
    return num & den, den


def sl_flags(
    contacts: pd.DataFrame,
    *,
    threshold_s: float,
    variant: str = "offered",
    include_flowouts: bool = True,
    short_abandon_s: float = 5,
    comparison: str = "<=",
    include_ring_time: bool = False,
    with_status: bool = True,
) -> pd.DataFrame:
    """Numerator and denominator flags of the service level per contact, and its status.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contact log, with ``outcome`` and ``wait_s`` (and ``ring_s`` with ``include_ring_time``).
    threshold_s : float
        The time limit T in seconds.
    variant : str
        One of :data:`SL_VARIANTS`.
    include_flowouts, short_abandon_s, comparison, include_ring_time
        The definition options of ``shared/design/metrics.md``.
    with_status : bool
        Add the ``status`` column (leave it out when only counts are wanted).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``contacts``: ``num`` and ``den`` (0/1) and ``status`` (``met``, ``missed``,
        ``excluded``). Contacts that never reached the queue (self_service) are excluded.
    """
    if variant not in SL_VARIANTS:
        raise ValueError(
            f"unknown service-level variant {variant!r}; use one of {', '.join(SL_VARIANTS)}"
        )
    c = need(contacts, ["outcome", "wait_s"], "contacts", "service_level")
    w = c["wait_s"].astype(float)
    if include_ring_time:
        need(
            c,
            ["ring_s"],
            "contacts",
            "service_level with include_ring_time",
            " Set include_ring_time=False or load ring times.",
        )
        w = w + c["ring_s"].fillna(0)
    within = (w <= threshold_s) if comparison == "<=" else (w < threshold_s)
    a, ab, f = c.outcome.eq("answered"), c.outcome.eq("abandoned"), c.outcome.eq("flowout")
    num, den = _sl_denominator(
        variant, a, ab, f, within, ab & (w <= short_abandon_s), include_flowouts
    )
    out = pd.DataFrame({"num": num.astype(int), "den": den.astype(int)}, index=c.index)
    if with_status:
        out["status"] = pd.Categorical.from_codes(
            np.where(~den, 0, np.where(num, 1, 2)), ["excluded", "met", "missed"]
        )
    return out


def _outcomes(ctx: RowContext, *cols: str) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    c = ctx.need("contacts", ["outcome", *cols])
    return c, c.outcome.eq("answered"), c.outcome.eq("abandoned"), c.outcome.eq("flowout")


@rows_for("service_level")
def _service_level(ctx: RowContext) -> Rows:
    if ctx.within_s is None:
        raise ValueError("service_level needs within_s (the threshold T in seconds)")
    o = ctx.options
    c = ctx.need("contacts", ["outcome", "wait_s"])
    fl = sl_flags(
        c,
        threshold_s=ctx.within_s,
        variant=o["variant"],
        include_flowouts=o["include_flowouts"],
        short_abandon_s=o["short_abandon_s"],
        comparison=o["comparison"],
        include_ring_time=o["include_ring_time"],
        with_status=False,
    )
    rows = base_rows(c, "contacts").assign(num=fl.num, den=fl.den)
    if o["attribution"] == "answer" and "answered_at" in c.columns:
        rows["time"] = c["answered_at"].fillna(c["arrival"])
    flows = "in" if o["include_flowouts"] else "out of"
    return ctx.rows(
        rows,
        f"service level, variant {o['variant']}, T = {ctx.within_s:g} s "
        f"({o['comparison']}), flow-outs {flows} O, short abandons <= "
        f"{o['short_abandon_s']:g} s",
    )


@rows_for("offered")
def _offered(ctx: RowContext) -> Rows:
    c = ctx.table("contacts")
    tk = ctx.table("tickets")
    if (c is None or len(c) == 0) and tk is not None and len(tk):
        # an asynchronous channel: every created item is offered
        return ctx.rows(base_rows(tk, "tickets").assign(value=1), "items created", table="tickets")
    c, a, ab, f = _outcomes(ctx)
    return ctx.rows(
        base_rows(c, "contacts").assign(value=(a | ab | f).astype(int)), "contacts offered"
    )


@rows_for("answer_rate")
def _answer_rate(ctx: RowContext) -> Rows:
    c, a, ab, f = _outcomes(ctx)
    den = a | ab | (f if ctx.options["include_flowouts"] else False)
    rows = base_rows(c, "contacts").assign(num=(a & den).astype(int), den=den.astype(int))
    return ctx.rows(rows, "answered / offered")


@rows_for("abandon_rate")
def _abandon_rate(ctx: RowContext) -> Rows:
    c, a, ab, f = _outcomes(ctx, "wait_s")
    sab = ab & (c.wait_s <= ctx.options["short_abandon_s"])
    v = ctx.options["variant"]
    num, den = {
        "of_offered": (ab, a | ab | f),
        "exclude_short": (ab & ~sab, (a | ab | f) & ~sab),
    }.get(v, (ab, a | ab))
    rows = base_rows(c, "contacts").assign(num=num.astype(int), den=den.astype(int))
    return ctx.rows(rows, f"abandon rate, variant {v}")


def _waits(ctx: RowContext, which: str) -> pd.DataFrame:
    c, a, ab, _ = _outcomes(ctx, "wait_s")
    sel = {"answered": a, "abandoned": ab, "both": a | ab}[which]
    return base_rows(c, "contacts")[sel].assign(value=c.loc[sel, "wait_s"].astype(float))


@rows_for("asa")
def _asa(ctx: RowContext) -> Rows:
    return ctx.rows(_waits(ctx, "answered"), "mean wait of answered contacts")


@rows_for("wait_percentile")
def _wait_percentile(ctx: RowContext) -> Rows:
    q = float(ctx.options["quantile"])
    return ctx.rows(_waits(ctx, "answered"), f"p{100 * q:g} wait of answered contacts", q=q)


@rows_for("average_wait", "longest_wait")
def _wait_all(ctx: RowContext) -> Rows:
    return ctx.rows(_waits(ctx, "both"), "wait of answered and abandoned contacts")


@rows_for("average_abandon_time")
def _abandon_time(ctx: RowContext) -> Rows:
    return ctx.rows(_waits(ctx, "abandoned"), "mean wait of abandoned contacts")


_HANDLE = {
    "aht": (("talk_s",), "(talk + hold + ACW) / handled"),
    "acw": (("acw_s",), "ACW / handled"),
    "hold": (("hold_s",), "hold / handled"),
}


@rows_for("aht", "acw", "hold")
def _handle(ctx: RowContext) -> Rows:
    cols, definition = _HANDLE[ctx.metric]
    c, a, _, _ = _outcomes(ctx, *cols)
    if ctx.metric == "aht":
        parts = [x for x in ("talk_s", "hold_s", "acw_s") if x in c.columns]
        v = c[parts].sum(axis=1, min_count=1)
        zero_talk = int((a & c["talk_s"].eq(0)).sum())
        if zero_talk:  # counted, as the definition says, but a reader should know they are there
            definition += f"; includes {zero_talk:,} answered contacts with 0 s talk"
    else:
        v = c[cols[0]].astype(float)
    return ctx.rows(base_rows(c, "contacts")[a].assign(value=v[a].astype(float)), definition)


@rows_for("transfer_rate")
def _transfer_rate(ctx: RowContext) -> Rows:
    c, a, _, _ = _outcomes(ctx, "transferred")
    num = c.loc[a, "transferred"].fillna(False).astype(int)
    return ctx.rows(base_rows(c, "contacts")[a].assign(num=num, den=1), "transferred / handled")


@rows_for("short_contact_rate")
def _short_contacts(ctx: RowContext) -> Rows:
    c, a, _, _ = _outcomes(ctx, "talk_s")
    short = ctx.options["short_talk_s"]
    num = (c.loc[a, "talk_s"] < short).astype(int)
    return ctx.rows(
        base_rows(c, "contacts")[a].assign(num=num, den=1),
        f"answered with talk < {short:g} s / answered",
    )


@rows_for("occupancy", "contacts_per_hour")
def _agent_states(ctx: RowContext) -> Rows:
    raise MissingDataError(
        f"{ctx.metric} needs agent state data (logged-in, idle and handle time per agent), which "
        "cxkit does not load yet; track it in the ACD's agent report for now."
    )
