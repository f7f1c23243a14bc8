"""Row builders of the customer-experience metrics: CSAT, NPS and CES from survey responses."""

from __future__ import annotations

from cxkit.measure.engine import RowContext, Rows, base_rows, rows_for

__all__: list[str] = []


def _responses(ctx: RowContext):  # type: ignore[no-untyped-def]
    s = ctx.need("surveys", [ctx.metric])
    s = s[s[ctx.metric].notna()]
    return s, base_rows(s, "surveys")


@rows_for("csat")
def _csat(ctx: RowContext) -> Rows:
    s, rows = _responses(ctx)
    if ctx.options["statistic"] == "top_box":
        top = ctx.options["top_box_min"]
        return ctx.rows(
            rows.assign(num=(s.csat >= top).astype(int), den=1),
            f"share of CSAT responses >= {top:g}",
        )
    return ctx.rows(rows.assign(value=s.csat.astype(float)), "mean CSAT", kind="mean", unit="score")


@rows_for("nps")
def _nps(ctx: RowContext) -> Rows:
    s, rows = _responses(ctx)
    return ctx.rows(
        rows.assign(value=s.nps.astype(float)), "% promoters (9-10) - % detractors (0-6)"
    )


@rows_for("ces")
def _ces(ctx: RowContext) -> Rows:
    s, rows = _responses(ctx)
    return ctx.rows(rows.assign(value=s.ces.astype(float)), f"mean CES ({ctx.options['scale']})")
