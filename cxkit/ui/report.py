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

from cxkit.catalog import get_metric
from cxkit.charter.lint import review
from cxkit.charter.model import Charter
from cxkit.data.loader import LoadResult
from cxkit.i18n import LABELS, format_value, t
from cxkit.measure.scorecard import summary
from cxkit.measure.views import bullet_frame, local_naive
from cxkit.ui.cells import safe_cells
from cxkit.ui.scorecard_charts import (
    STATUS_COLOURS,
    async_daily_chart,
    bullet_chart,
    sl_profile_chart,
    status_heatmap,
    trend_chart,
)
from cxkit.ui.tables import display_frame, header, note_text, summary_view, unit_text

__all__ = ["scorecard_json", "why_findings", "write_excel", "write_html", "write_json"]


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def _table(df: pd.DataFrame, *, status_col: str | None = None, lang: str = "en") -> str:
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
            if c == status_col and v in STATUS_COLOURS:
                txt = t(v, lang)
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


def _data_span(scorecard: pd.DataFrame, loads: Mapping[str, LoadResult] | None) -> str | None:
    """First and last local date the data covers: from the loaded rows, else the judged periods."""
    firsts, lasts = [], []
    for res in (loads or {}).values():
        df = getattr(res, "data", None)
        for col in ("arrival", "created", "interval_start", "responded_at", "evaluated_at"):
            if df is not None and col in df and len(df[col].dropna()):
                times = local_naive(df[col].dropna())
                firsts.append(times.min())
                lasts.append(times.max())
                break
    if not firsts:
        judged = scorecard[scorecard.n > 0]
        if not len(judged):
            return None
        firsts = [local_naive(judged.period_start).min()]
        # period_end is exclusive: the last day covered is the day before it
        lasts = [local_naive(judged.period_end).max() - pd.Timedelta(microseconds=1)]
    return f"{min(firsts):%Y-%m-%d}", f"{max(lasts):%Y-%m-%d}"  # type: ignore[return-value]


def _excel_frames(
    charter: Charter,
    scorecard: pd.DataFrame,
    loads: Mapping[str, LoadResult] | None,
) -> dict[str, pd.DataFrame]:
    sc = scorecard.copy()
    for col in ("period_start", "period_end"):
        sc[col] = sc[col].map(lambda v: v.isoformat() if isinstance(v, pd.Timestamp) else "")
    frames = {
        "summary": summary(scorecard),
        "scorecard": sc,
        "definitions": scorecard.drop_duplicates("target_id")[
            ["target_id", "channel", "metric", "variant", "definition"]
        ],
    }
    if loads:
        frames["row accounting"] = pd.DataFrame(
            [
                {
                    "table": k,
                    **{x: v.summary()[x] for x in ("rows_read", "accepted", "quarantined")},
                    "reasons": json.dumps(v.reasons, ensure_ascii=False),
                }
                for k, v in loads.items()
            ]
        )
    return frames


_STATUS_FILL = {"met": "C7E9C0", "near": "FEE08B", "missed": "F4A582", "no_data": "E0E0E0"}


def _format_sheet(ws: Any, df: pd.DataFrame, lang: str) -> None:
    """Widths, number formats, a frozen bold header, status colours (openpyxl worksheet)."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F0F0")
    for i, col in enumerate(df.columns, start=1):
        letter = get_column_letter(i)
        values = [str(v) for v in df[col].head(500).tolist()]
        width = max([len(str(ws.cell(1, i).value or ""))] + [len(v) for v in values]) + 2
        ws.column_dimensions[letter].width = min(max(width, 8), 60)
        if pd.api.types.is_float_dtype(df[col]):
            fmt = "0" if str(col).endswith("_s") or col in ("numerator", "denominator") else "0.0"
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                row[0].number_format = fmt
        elif pd.api.types.is_integer_dtype(df[col]):
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                row[0].number_format = "#,##0"
        if col == "status":
            for r, value in enumerate(df[col].tolist(), start=2):
                if value in _STATUS_FILL:
                    ws.cell(r, i).fill = PatternFill("solid", fgColor=_STATUS_FILL[value])
                    ws.cell(r, i).value = t(value, lang)


def write_excel(
    path: str | Path,
    charter: Charter,
    scorecard: pd.DataFrame,
    loads: Mapping[str, LoadResult] | None = None,
    *,
    lang: str = "en",
) -> Path:
    """Write the scorecard to a formatted Excel workbook (times as local text: Excel has no zones).

    Sheets: summary, scorecard, definitions, row accounting. Each sheet has a bold frozen header,
    column widths that fit, one decimal for figures (none for seconds and counts), and the status
    cells coloured like the charts (green met, yellow near, red missed, grey no data).

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
    lang : str
        ``en`` (default: the column names as in the scorecard, for further analysis) or ``fi``
        (Finnish sheet names, headers and status words).

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
    frames = _excel_frames(charter, scorecard, loads)
    with pd.ExcelWriter(p, engine="openpyxl") as xl:
        for name, df in frames.items():
            sheet = t(f"sheet_{name.replace(' ', '_')}", lang) if lang != "en" else name
            out = safe_cells(df)
            if lang != "en":
                out.columns = [header(str(c), lang) for c in out.columns]
            out.to_excel(xl, sheet_name=sheet, index=False)
            _format_sheet(xl.sheets[sheet], df, lang)
    return p


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{margin-bottom:0}.sub{color:#666}table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1.5em}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}th{background:#f4f4f4}
.chart{margin:1em 0;overflow-x:auto}.err{color:#b2182b}.warn{color:#b35806}
"""


def why_findings(
    charter: Charter,
    scorecard: pd.DataFrame,
    tables: Mapping[str, Any],
    *,
    lang: str = "en",
) -> list[tuple[str, str, alt.TopLevelMixin]]:
    """Why the missed targets are missed: where in the week and the day the shortfall sits.

    For every service-level target with a missed period, the service level by weekday and time of
    day (:func:`cxkit.sl_profile`); for every response target of an asynchronous channel with a
    missed period, the response level and backlog by day created (:func:`cxkit.async_daily`).

    Parameters
    ----------
    charter : Charter
        The charter the scorecard was checked against.
    scorecard : pandas.DataFrame
        From :func:`cxkit.check`.
    tables : mapping
        The data (``cx.load_tables(...)``: a ``contacts`` table for service levels, ``tickets``
        for response targets); targets whose table is missing are left out.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    list of (str, str, altair chart)
        ``(target_id, sentence, chart)``: the sentence names the worst weekday and time of day
        (service level) or the worst weekday (response level) with its figure and the target.
    """
    from cxkit.measure.views import async_daily, sl_profile

    out: list[tuple[str, str, alt.TopLevelMixin]] = []
    missed = set(scorecard.loc[scorecard.status == "missed", "target_id"])
    for cid, _, tg in charter.iter_targets():
        if tg.id not in missed:
            continue
        try:
            if tg.metric == "service_level" and "contacts" in tables and tg.within_seconds:
                prof = sl_profile(
                    tables["contacts"],
                    channel=cid,
                    threshold_s=tg.within_seconds,
                    target_pct=tg.threshold,
                )
                wd = prof[prof.dimension == "weekday"].set_index("key").service_level_pct
                tod = prof[prof.dimension == "time_of_day"].set_index("key").service_level_pct
                if not len(wd) or not len(tod):
                    continue
                sentence = t("why_sl", lang).format(
                    target=tg.describe(lang),
                    channel=charter.channels[cid].label(lang),
                    day=t(f"wd_{wd.idxmin()}", lang),
                    day_v=format_value(float(wd.min()), "%", lang),
                    time=tod.idxmin(),
                    time_v=format_value(float(tod.min()), "%", lang),
                )
                out.append((tg.id, sentence, sl_profile_chart(prof, lang=lang)))
            elif tg.metric == "response_service_level" and "tickets" in tables:
                days = async_daily(charter, tables, tg.id)
                by_wd = days.groupby(days.day.dt.day_name()).response_sl_pct.mean()
                if not len(by_wd.dropna()):
                    continue
                sentence = t("why_async", lang).format(
                    target=tg.describe(lang),
                    channel=charter.channels[cid].label(lang),
                    day=t(f"wd_{by_wd.idxmin()}", lang),
                    day_v=format_value(float(by_wd.min()), "%", lang),
                )
                out.append((tg.id, sentence, async_daily_chart(days, lang=lang)))
        except (KeyError, ValueError):  # a table without the columns this view needs
            continue
    return out


def write_html(
    path: str | Path,
    charter: Charter,
    scorecard: pd.DataFrame,
    *,
    loads: Mapping[str, LoadResult] | None = None,
    max_trends: int | None = None,
    lang: str = "en",
) -> Path:
    """Write the self-contained HTML report and return its path.

    The page has: a header (charter name and version, the span the data really covers, when it was
    generated), the status counts of all target-periods, the bullet chart and the status heatmap,
    the summary per target (by name), **why** the missed targets are missed (with ``loads``: see
    :func:`why_findings`), every target's trend chart, row accounting (with ``loads``), the
    definitions used, the charter review's findings, the scorecard's notes and the full scorecard.
    Charts are inline SVG (needs ``vl-convert-python``), so the file reads offline; all text from
    data or the charter is escaped.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.html`` file to write (UTF-8; overwritten if it exists).
    charter : Charter
        The charter the scorecard was checked against (named in the header and reviewed).
    scorecard : pandas.DataFrame
        A scorecard from :func:`cxkit.check`.
    loads : mapping of str to LoadResult, optional
        The load results by table; when given, the data span comes from the rows themselves, the
        why-findings are added and a row accounting table (``table, source, rows read, accepted,
        quarantined, reasons``).
    max_trends : int, optional
        Draw trend charts for at most this many targets; by default every target with more than
        one period with data.
    lang : str
        Language of the whole report, ``en`` (default) or ``fi``.

    Returns
    -------
    pathlib.Path
        ``path``, written.
    """
    esc = html.escape
    summ = summary(scorecard)
    span = _data_span(scorecard, loads)
    span_text = (
        t("report_span", lang).format(first=span[0], last=span[1]) if span else t("no_data", lang)
    )
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{esc(charter.name)}: {esc(t('report_scorecard', lang))}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{esc(charter.name)}</h1><p class='sub'>"
        + esc(
            t("report_header", lang).format(
                version=charter.version,
                schema=charter.schema_version,
                span=span_text,
                generated=f"{dt.datetime.now():%Y-%m-%d %H:%M}",
            )
        )
        + "</p>",
    ]
    counts = scorecard.status.value_counts()
    parts.append(
        f"<h2>{esc(t('report_glance', lang))}</h2><p>"
        + ", ".join(
            f"{int(counts.get(s, 0))} {esc(t(s, lang))}"
            for s in ("met", "near", "missed", "no_data")
        )
        + f" {esc(t('target_periods', lang))}.</p>"
    )
    parts.append(
        f"<div class='chart'>{_svg(bullet_chart(bullet_frame(scorecard), lang=lang))}</div>"
    )
    parts.append(f"<div class='chart'>{_svg(status_heatmap(scorecard, lang=lang))}</div>")
    parts.append(
        f"<h2>{esc(t('report_summary', lang))}</h2>"
        + _table(display_frame(summary_view(summ, charter, lang=lang), lang=lang))
    )
    if loads:
        why = why_findings(charter, scorecard, loads, lang=lang)
        if why:
            parts.append(f"<h2>{esc(t('report_why', lang))}</h2>")
            for _, sentence, chart in why:
                parts.append(f"<p>{esc(sentence)}</p><div class='chart'>{_svg(chart)}</div>")
    parts.append(f"<h2>{esc(t('report_trends', lang))}</h2>")
    drawn = 0
    for tid in summ.target_id:
        if max_trends is not None and drawn >= max_trends:
            break
        if (scorecard[(scorecard.target_id == tid)].n > 0).sum() > 1:
            parts.append(f"<div class='chart'>{_svg(trend_chart(scorecard, tid, lang=lang))}</div>")
            drawn += 1
    if loads:
        parts.append(
            f"<h2>{esc(t('report_accounting', lang))}</h2><p>{esc(t('report_accounting_note', lang))}</p>"
        )
        acc = pd.DataFrame(
            [
                {
                    "table": t(f"table_{k}", lang) if f"table_{k}" in LABELS else k,
                    "source": Path(v.source).name,
                    "rows_read": v.rows_read,
                    "accepted": v.accepted,
                    "quarantined": v.quarantined,
                    "reasons": "; ".join(
                        f"{t('reason_' + r, lang) if 'reason_' + r in LABELS else r}: {n}"
                        for r, n in v.reasons.items()
                    ),
                }
                for k, v in loads.items()
            ]
        )
        parts.append(_table(_headers(acc, lang)))
    parts.append(f"<h2>{esc(t('report_definitions', lang))}</h2>")
    defs = scorecard.drop_duplicates("target_id")[
        ["target_id", "channel", "metric", "variant", "threshold", "unit", "period", "definition"]
    ]
    defs = defs.assign(
        period=defs.period.map(lambda v: t(v, lang)),
        unit=defs.unit.map(lambda u: unit_text(str(u), lang)),
    )
    if lang != "en":  # the catalog's own definition in that language
        defs = defs.assign(definition=defs.metric.map(lambda m: get_metric(m).definition(lang)))
    parts.append(_table(_headers(defs, lang)))
    found = review(charter)
    if found:
        parts.append(
            f"<h2>{esc(t('report_review', lang))}</h2><ul>"
            + "".join(
                f"<li class='{'err' if f.level == 'error' else 'warn' if f.level == 'warning' else ''}'>"
                f"{esc(t(f.level, lang))} {esc(f.code)} <code>{esc(f.subject)}</code>: {esc(f.text(lang))}</li>"
                for f in found
            )
            + "</ul>"
        )
    notes = scorecard[scorecard.note.fillna("") != ""].drop_duplicates(["target_id", "note"])
    if len(notes):
        parts.append(
            f"<h2>{esc(t('report_notes', lang))}</h2>"
            + _table(
                _headers(
                    notes[["target_id", "note"]].assign(
                        note=notes.note.map(lambda n: note_text(str(n), lang))
                    ),
                    lang,
                )
            )
        )
    cols = ["target_id", "channel", "segment", "period_start", "actual", "ci_low", "ci_high"]
    cols += ["threshold", "unit", "n", "status"]
    full = scorecard[cols].copy()
    full["period_start"] = local_naive(full.period_start)
    full["unit"] = full.unit.map(lambda u: unit_text(str(u), lang))
    parts.append(
        f"<h2>{esc(t('report_scorecard_full', lang))}</h2>"
        + _table(_headers(full, lang), status_col=header("status", lang), lang=lang)
    )
    parts.append("</body></html>")
    p = Path(path)
    p.write_text("\n".join(parts), encoding="utf-8")
    return p


def _headers(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with Finnish headers in a Finnish report (English keeps the column names)."""
    return df if lang == "en" else df.rename(columns={c: header(str(c), lang) for c in df.columns})
