"""The one-page summary of what the group decided: channels, goals, targets, the review, the findings.

Printable (A4, one column), self-contained, in English or Finnish; every text from the charter or
the data is escaped.

>>> from cxkit.charter.model import load_charter
>>> from cxkit.settings import example_charter
>>> page = decisions_html(load_charter(example_charter("small_service_desk")), lang="fi")
>>> "Työpajan päätökset" in page and "<script" not in page
True
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from cxkit.charter.lint import review
from cxkit.charter.model import Charter
from cxkit.i18n import format_value, t

__all__ = ["decisions_html", "write_decisions"]

_CSS = """
@page{size:A4;margin:14mm}body{font-family:system-ui,Segoe UI,Roboto,sans-serif;font-size:11px;
color:#222;max-width:190mm;margin:auto}h1{font-size:18px;margin:0}h2{font-size:13px;margin:10px 0 4px;
border-bottom:1px solid #ccc}.sub{color:#666;margin:2px 0 8px}ul{margin:2px 0 4px 16px;padding:0}
li{margin:1px 0}.err{color:#b2182b}.warn{color:#b35806}.met{color:#1a9850}.missed{color:#d73027}
.near{color:#b35806}table{border-collapse:collapse}td,th{padding:1px 6px;text-align:left}
"""


def _channel_block(charter: Charter, cid: str, lang: str) -> str:
    esc = html.escape
    ch = charter.channels[cid]
    goals = (
        "".join(
            f"<li><b>{esc(g.text)}</b>" + (f" <i>({esc(g.why)})</i>" if g.why else "") + "</li>"
            for g in ch.goals
        )
        or f"<li><i>{esc(t('onepager_no_goals', lang))}</i></li>"
    )
    targets = (
        "".join(
            f"<li>{esc(tg.describe(lang))}"
            + (f" · {esc(t('owner', lang))}: {esc(tg.owner)}" if tg.owner else "")
            + "</li>"
            for tg in ch.targets
        )
        or f"<li><i>{esc(t('onepager_no_targets', lang))}</i></li>"
    )
    return (
        f"<h2>{esc(ch.label(lang))}</h2>"
        f"<b>{esc(t('onepager_goals', lang))}</b><ul>{goals}</ul>"
        f"<b>{esc(t('onepager_targets', lang))}</b><ul>{targets}</ul>"
    )


def _findings_block(scorecard: pd.DataFrame, charter: Charter, lang: str) -> str:
    from cxkit.measure.scorecard import summary

    esc = html.escape
    names = {tg.id: (cid, tg) for cid, _, tg in charter.iter_targets()}
    rows = []
    for r in summary(scorecard).itertuples():
        if r.target_id not in names:
            continue
        cid, tg = names[r.target_id]
        worst = "missed" if r.missed else "near" if r.near else "met" if r.met else "no_data"
        overall = "" if pd.isna(r.overall) else format_value(float(r.overall), str(r.unit), lang)
        rows.append(
            f"<tr><td>{esc(charter.channels[cid].label(lang))}</td><td>{esc(tg.describe(lang))}</td>"
            f"<td>{esc(overall)}</td><td class='{worst}'>{int(r.met)} {esc(t('met', lang))}, "
            f"{int(r.near)} {esc(t('near', lang))}, {int(r.missed)} {esc(t('missed', lang))}</td></tr>"
        )
    return f"<h2>{esc(t('onepager_findings', lang))}</h2><table>{''.join(rows)}</table>"


def decisions_html(
    charter: Charter, *, scorecard: pd.DataFrame | None = None, lang: str = "en"
) -> str:
    """The group's decisions on one printable page, as HTML.

    Parameters
    ----------
    charter : Charter
        The charter the group agreed (usually ``cx.workshop_session().charter``).
    scorecard : pandas.DataFrame, optional
        A scorecard from :func:`cxkit.check`; when given, the findings per target (overall actual
        and periods met / near / missed) are added.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    str
        A complete HTML document: the charter's name, version and date; per channel its goals and
        targets (with owners); the review's errors and warnings; the findings.
    """
    esc = html.escape
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{esc(charter.name)}: {esc(t('onepager_title', lang))}</title><style>{_CSS}</style>"
        f"</head><body><h1>{esc(t('onepager_title', lang))}: {esc(charter.name)}</h1>"
        f"<p class='sub'>{esc(t('version', lang))} {esc(str(charter.version))} · "
        f"{dt.date.today():%Y-%m-%d}</p>"
    ]
    parts += [_channel_block(charter, cid, lang) for cid in charter.channels]
    found = [f for f in review(charter) if f.level in ("error", "warning")]
    items = (
        "".join(
            f"<li class='{'err' if f.level == 'error' else 'warn'}'>{esc(t(f.level, lang))} "
            f"{esc(f.code)}: {esc(f.text(lang))}</li>"
            for f in found
        )
        or f"<li>{esc(t('no_findings', lang))}</li>"
    )
    parts.append(f"<h2>{esc(t('onepager_review', lang))}</h2><ul>{items}</ul>")
    if scorecard is not None:
        parts.append(_findings_block(scorecard, charter, lang))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_decisions(
    path: str | Path,
    charter: Charter,
    *,
    scorecard: pd.DataFrame | None = None,
    lang: str = "en",
) -> Path:
    """Write :func:`decisions_html` to ``path`` (open it in a browser and print it).

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.html`` file to write.
    charter : Charter
        The charter the group agreed.
    scorecard : pandas.DataFrame, optional
        A scorecard, for the findings.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    pathlib.Path
        ``path``, written.
    """
    p = Path(path)
    p.write_text(decisions_html(charter, scorecard=scorecard, lang=lang), encoding="utf-8")
    return p
