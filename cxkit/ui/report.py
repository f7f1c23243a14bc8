"""The report: one self-contained HTML file (charts as inline SVG, readable offline), an Excel
workbook and JSON, from a scorecard. Every string that came from data or the charter is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from cxkit.charter.lint import review
from cxkit.charter.model import Charter
from cxkit.data.loader import LoadResult
from cxkit.measure.scorecard import summary
from cxkit.measure.views import bullet_frame
from cxkit.ui.cells import safe_cells
from cxkit.ui.scorecard_charts import STATUS_COLOURS, bullet_chart, status_heatmap, trend_chart

__all__ = ["scorecard_json", "write_excel", "write_html", "write_json"]


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def _table(df: pd.DataFrame, *, status_col: str | None = None) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for _, r in df.iterrows():
        cells = []
        for c in df.columns:
            v = r[c]
            if isinstance(v, float):
                txt = "" if pd.isna(v) else f"{v:,.1f}"
            elif isinstance(v, pd.Timestamp):
                txt = v.strftime("%Y-%m-%d %H:%M") if v.hour or v.minute else v.strftime("%Y-%m-%d")
            else:
                txt = "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
            style = (
                f" style='background:{STATUS_COLOURS[v]}33'"
                if c == status_col and v in STATUS_COLOURS
                else ""
            )
            cells.append(f"<td{style}>{html.escape(txt)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def scorecard_json(charter: Charter, scorecard: pd.DataFrame) -> dict[str, Any]:
    """The scorecard as a JSON-ready dict: ``{"charter": {...}, "rows": [...]}`` with ISO dates.

    Parameters
    ----------
    charter : Charter
        The charter the scorecard was checked against.
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check` (needs ``period_start`` and ``period_end``).

    Returns
    -------
    dict
        ``charter``: ``{"name", "version", "schema_version"}`` of the charter. ``rows``: one dict
        per scorecard row with every scorecard column (``actual``, ``threshold``, ``ci_low``,
        ``ci_high`` in the row's ``unit``, rates in percent 0-100); ``period_start`` and
        ``period_end`` as ISO 8601 text with the local UTC offset (``None`` where missing); NaN
        becomes ``None``.

    Examples
    --------
    >>> from cxkit.charter.model import load_charter
    >>> from cxkit.settings import example_charter
    >>> charter = load_charter(example_charter("small_service_desk"))
    >>> day = pd.Timestamp("2026-03-02", tz="Europe/Helsinki")
    >>> sc = pd.DataFrame({"target_id": ["a"], "period_start": [day],
    ...                    "period_end": [day + pd.Timedelta(days=1)], "actual": [float("nan")]})
    >>> out = scorecard_json(charter, sc)
    >>> out["charter"]["schema_version"], out["rows"][0]["period_start"], out["rows"][0]["actual"]
    (1, '2026-03-02T00:00:00+02:00', None)
    """
    rows = json.loads(scorecard.to_json(orient="records", date_format="iso", force_ascii=False))
    for r, (_, src) in zip(rows, scorecard.iterrows(), strict=True):  # keep local offsets, not UTC
        for col in ("period_start", "period_end"):
            v = src[col]
            r[col] = v.isoformat() if isinstance(v, pd.Timestamp) else None
    return {
        "charter": {
            "name": charter.name,
            "version": charter.version,
            "schema_version": charter.schema_version,
        },
        "rows": rows,
    }


def write_json(path: str | Path, charter: Charter, scorecard: pd.DataFrame) -> Path:
    """Write :func:`scorecard_json` to a UTF-8 JSON file.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write (overwritten if it exists).
    charter : Charter
        The charter the scorecard was checked against.
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check`.

    Returns
    -------
    pathlib.Path
        ``path``, written.
    """
    p = Path(path)
    p.write_text(
        json.dumps(scorecard_json(charter, scorecard), ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return p


def write_excel(
    path: str | Path,
    charter: Charter,
    scorecard: pd.DataFrame,
    loads: Mapping[str, LoadResult] | None = None,
) -> Path:
    """Write the scorecard to an Excel workbook (times as local text: Excel has no zones).

    Sheets: summary, scorecard, definitions, row accounting.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file to write (overwritten if it exists); needs ``openpyxl``.
    charter : Charter
        The charter the scorecard was checked against (not read at present: the sheets come from
        the scorecard alone).
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check`.
    loads : mapping of str to LoadResult, optional
        The load results by table; when given, a ``row accounting`` sheet is added.

    Returns
    -------
    pathlib.Path
        ``path``, written, with the sheets:

        - ``summary``: :func:`cxkit.summary` (per target: ``channel, metric, threshold, unit``,
          periods ``met, near, missed, no_data`` (counts) and ``overall`` in ``unit``).
        - ``scorecard``: every scorecard column, ``period_start`` and ``period_end`` as ISO 8601
          text with the local UTC offset; ``actual`` in the row's ``unit``.
        - ``definitions``: one row per target: ``target_id, channel, metric, variant,
          definition``.
        - ``row accounting`` (only with ``loads``): ``table, rows_read, accepted, quarantined``
          (rows) and ``reasons`` (quarantine counts by reason, as JSON text).
    """
    p = Path(path)
    sc = scorecard.copy()
    for col in ("period_start", "period_end"):
        sc[col] = sc[col].map(lambda t: t.isoformat() if isinstance(t, pd.Timestamp) else "")
    with pd.ExcelWriter(p, engine="openpyxl") as xl:
        safe_cells(summary(scorecard)).to_excel(xl, sheet_name="summary", index=False)
        safe_cells(sc).to_excel(xl, sheet_name="scorecard", index=False)
        safe_cells(
            scorecard.drop_duplicates("target_id")[
                ["target_id", "channel", "metric", "variant", "definition"]
            ]
        ).to_excel(xl, sheet_name="definitions", index=False)
        if loads:
            accounting = pd.DataFrame(
                [
                    {
                        "table": k,
                        **{x: v.summary()[x] for x in ("rows_read", "accepted", "quarantined")},
                        "reasons": json.dumps(v.reasons, ensure_ascii=False),
                    }
                    for k, v in loads.items()
                ]
            )
            safe_cells(accounting).to_excel(xl, sheet_name="row accounting", index=False)
    return p


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{margin-bottom:0}.sub{color:#666}table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1.5em}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}th{background:#f4f4f4}
.chart{margin:1em 0;overflow-x:auto}.err{color:#b2182b}.warn{color:#b35806}
"""


def write_html(
    path: str | Path,
    charter: Charter,
    scorecard: pd.DataFrame,
    *,
    loads: Mapping[str, LoadResult] | None = None,
    max_trends: int = 6,
) -> Path:
    """Write the self-contained HTML report and return its path.

    The page has: a header (charter name and version, the data's span, when it was generated), the
    status counts of all target-periods, the bullet chart and the status heatmap, the summary per
    target, trend charts, row accounting (with ``loads``), the definitions used, the charter
    review's findings, the scorecard's notes and the full scorecard. Charts are inline SVG (needs
    ``vl-convert-python``), so the file reads offline; all text from data or the charter is escaped.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.html`` file to write (UTF-8; overwritten if it exists).
    charter : Charter
        The charter the scorecard was checked against (named in the header and reviewed).
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check`.
    loads : mapping of str to LoadResult, optional
        The load results by table; when given, a row accounting table is added (``table, source,
        rows read, accepted, quarantined, reasons``).
    max_trends : int
        Trend charts are drawn for at most the first ``max_trends`` targets of the summary (each
        only when it has more than one period with data).

    Returns
    -------
    pathlib.Path
        ``path``, written.
    """
    esc = html.escape
    summ = summary(scorecard)
    judged = scorecard[scorecard.n > 0]
    span = (
        f"{judged.period_start.min():%Y-%m-%d} to {judged.period_end.max():%Y-%m-%d}"
        if len(judged)
        else "no data"
    )
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(charter.name)}: scorecard</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{esc(charter.name)}</h1><p class='sub'>Charter version {esc(str(charter.version))} · "
        f"schema {charter.schema_version} · data {esc(span)} · generated {dt.datetime.now():%Y-%m-%d %H:%M} by cxkit</p>",
    ]
    counts = scorecard.status.value_counts()
    parts.append(
        "<h2>At a glance</h2><p>"
        + ", ".join(
            f"{int(counts.get(s, 0))} {s.replace('_', ' ')}"
            for s in ("met", "near", "missed", "no_data")
        )
        + " target-periods.</p>"
    )
    parts.append(f"<div class='chart'>{_svg(bullet_chart(bullet_frame(scorecard)))}</div>")
    parts.append(f"<div class='chart'>{_svg(status_heatmap(scorecard))}</div>")
    parts.append("<h2>Summary per target</h2>" + _table(summ))
    parts.append("<h2>Trends</h2>")
    for tid in summ.target_id[:max_trends]:
        if (scorecard[(scorecard.target_id == tid)].n > 0).sum() > 1:
            parts.append(f"<div class='chart'>{_svg(trend_chart(scorecard, tid))}</div>")
    if loads:
        parts.append(
            "<h2>Row accounting</h2><p>Every row read is accepted or quarantined with its reason.</p>"
        )
        parts.append(
            _table(
                pd.DataFrame(
                    [
                        {
                            "table": k,
                            "source": Path(v.source).name,
                            "rows read": v.rows_read,
                            "accepted": v.accepted,
                            "quarantined": v.quarantined,
                            "reasons": "; ".join(f"{r}: {n}" for r, n in v.reasons.items()),
                        }
                        for k, v in loads.items()
                    ]
                )
            )
        )
    parts.append("<h2>Definitions used</h2>")
    parts.append(
        _table(
            scorecard.drop_duplicates("target_id")[
                [
                    "target_id",
                    "channel",
                    "metric",
                    "variant",
                    "threshold",
                    "unit",
                    "period",
                    "definition",
                ]
            ]
        )
    )
    found = review(charter)
    if found:
        parts.append(
            "<h2>Review of the charter</h2><ul>"
            + "".join(
                f"<li class='{'err' if f.level == 'error' else 'warn' if f.level == 'warning' else ''}'>{esc(f.level)} "
                f"{esc(f.code)} <code>{esc(f.subject)}</code>: {esc(f.message)}</li>"
                for f in found
            )
            + "</ul>"
        )
    notes = scorecard[scorecard.note.fillna("") != ""].drop_duplicates(["target_id", "note"])
    if len(notes):
        parts.append("<h2>Notes</h2>" + _table(notes[["target_id", "note"]]))
    parts.append(
        "<h2>Scorecard</h2>"
        + _table(
            scorecard[
                [
                    "target_id",
                    "channel",
                    "segment",
                    "period_start",
                    "actual",
                    "ci_low",
                    "ci_high",
                    "threshold",
                    "unit",
                    "n",
                    "status",
                ]
            ],
            status_col="status",
        )
    )
    parts.append("</body></html>")
    p = Path(path)
    p.write_text("\n".join(parts), encoding="utf-8")
    return p
