"""Tables fit to show a room: headers in the workshop's language, figures rounded, no index.

The frames the package returns keep their code-friendly columns (``answered_pct``, ``status``);
:func:`show_table` is only for the screen.

>>> import pandas as pd
>>> df = pd.DataFrame({"status": ["met", "missed"], "actual": [74.886215, float("nan")],
...                    "period_start": pd.to_datetime(["2026-03-02", "2026-03-09"]).tz_localize("Europe/Helsinki")})
>>> print(display_frame(df, lang="fi").to_string(index=False))
         Tila Toteuma Jakso alkaa
   saavutettu    74,9  2026-03-02
ei saavutettu       –  2026-03-09
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxkit.i18n import LABELS, t

__all__ = [
    "backlog_comparison",
    "calls_by_weekday",
    "display_frame",
    "header",
    "load_summary_frame",
    "note_text",
    "unit_text",
    "scorecard_view",
    "show_table",
    "summary_view",
    "variants_frame",
]

#: Columns whose values are words of the vocabulary (translated through :data:`cxkit.i18n.LABELS`).
_WORD_COLUMNS = (
    "status",
    "level",
    "direction",
    "family",
    "kind",
    "period",
    "severity",
    "dimension",
)


def header(column: str, lang: str = "en") -> str:
    """A column's header in ``lang``: the label ``col_<column>``, else the column name.

    Parameters
    ----------
    column : str
        The frame's column name (``answered_pct``).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    str
        The header text.

    Examples
    --------
    >>> header("rows_read", "fi")
    'Rivejä luettu'
    """
    key = f"col_{column}"
    return t(key, lang) if key in LABELS else str(column)


def _decimals(column: str) -> int:
    if column.endswith(("_s", "_n")) or column in ("n", "rows_read", "accepted", "quarantined"):
        return 0
    return 1


def _text(value: Any, column: str, lang: str) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u00a0") if lang == "fi" else text
    if isinstance(value, float):
        text = f"{value:,.{_decimals(column)}f}"
        return text.replace(",", "\u00a0").replace(".", ",") if lang == "fi" else text
    if isinstance(value, pd.Timestamp):
        local = value.tz_localize(None) if value.tzinfo is not None else value
        return local.strftime("%Y-%m-%d" if local == local.normalize() else "%Y-%m-%d %H:%M")
    if column in _WORD_COLUMNS and isinstance(value, str) and value in LABELS:
        return t(value, lang)
    if column == "note" and isinstance(value, str):
        return note_text(value, lang)
    if column == "unit" and isinstance(value, str):
        return unit_text(value, lang)
    for col, prefix in (("reason", "reason_"), ("table", "table_")):
        if column == col and isinstance(value, str) and f"{prefix}{value}" in LABELS:
            return t(f"{prefix}{value}", lang)
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return value


def unit_text(unit: str, lang: str = "en") -> str:
    """A catalog unit as people write it in ``lang`` (``points`` is ``pistettä`` in Finnish).

    Parameters
    ----------
    unit : str
        A catalog unit (``%``, ``s``, ``h``, ``points``, ``score``, ``count``, ``per_h``).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    str
        The unit's label, or ``unit`` itself when the label is empty or missing.

    Examples
    --------
    >>> unit_text("points", "fi"), unit_text("%", "fi")
    ('pistettä', '%')
    """
    for key in (f"unit_word_{unit}", f"unit_{unit}"):
        if key in LABELS and t(key, lang):
            return t(key, lang)
    return unit


def note_text(note: str, lang: str = "en") -> str:
    """A scorecard note in ``lang`` (the notes the scorecard writes; others stay as they are).

    Parameters
    ----------
    note : str
        A value of the scorecard's ``note`` column.
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    str
        The note translated when it is one the scorecard writes, else ``note`` unchanged.

    Examples
    --------
    >>> note_text("n below the sample plan (min_n = 200)", "fi")
    'n alle otossuunnitelman (min_n = 200)'
    """
    import re

    if lang == "en" or not note:
        return note
    if note == "no data in this period":
        return t("note_no_data", lang)
    m = re.fullmatch(r"n below the sample plan \(min_n = (\d+)\)", note)
    if m:
        return t("note_below_plan", lang).format(n=m.group(1))
    return note


def display_frame(df: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """A copy of ``df`` as text to show: translated headers and words, rounded figures, local times.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table the package returns.
    lang : str
        ``en`` or ``fi`` (Finnish uses a decimal comma and a space between thousands).

    Returns
    -------
    pandas.DataFrame
        The same rows, every cell as text: rates and other floats to one decimal (seconds and
        counts to none), timestamps in their own zone without the offset (dates alone when at
        midnight), missing values as ``–``, vocabulary words (status, level, direction, family,
        kind, period) in ``lang``; headers from ``col_<name>`` labels; a plain 0..n-1 index.
    """
    out = pd.DataFrame(
        {header(str(c), lang): [_text(v, str(c), lang) for v in df[c].tolist()] for c in df.columns}
    )
    return out.reset_index(drop=True)


def show_table(df: pd.DataFrame, *, lang: str = "en", caption: str | None = None) -> Any:
    """The table for the screen: :func:`display_frame`, without the index (a pandas ``Styler``).

    Parameters
    ----------
    df : pandas.DataFrame
        Any table the package returns.
    lang : str
        ``en`` or ``fi``.
    caption : str, optional
        A caption above the table.

    Returns
    -------
    pandas.io.formats.style.Styler
        Displays as an HTML table without the index column.
    """
    styler = display_frame(df, lang=lang).style.hide(axis="index")
    if caption:
        styler = styler.set_caption(caption)
    return styler


def variants_frame(metric: Any, *, lang: str = "en") -> pd.DataFrame:
    """The variants a metric can be computed in, the default one marked.

    Parameters
    ----------
    metric : cxkit.catalog.Metric
        A catalog metric (``cx.get_metric("service_level")``).
    lang : str
        ``en`` or ``fi`` (for the metric's name).

    Returns
    -------
    pandas.DataFrame
        One row per variant: ``metric`` (its name in ``lang``), ``variant`` (the id a target's
        ``options.variant`` takes) and ``default`` (bool, the one in force when a target names none).
        Empty when the metric has no variants.

    Examples
    --------
    >>> from cxkit.catalog import get_metric
    >>> variants_frame(get_metric("service_level")).query("default").variant.tolist()
    ['offered']
    """
    option = metric.options.get("variant")
    choices = list(option.choices or ()) if option is not None else []
    return pd.DataFrame(
        {
            "metric": [metric.name(lang)] * len(choices),
            "variant": choices,
            "default": [c == option.default for c in choices] if option is not None else [],
        },
        columns=["metric", "variant", "default"],
    )


def load_summary_frame(result: Any, *, lang: str = "en") -> pd.DataFrame:
    """What one load did, as a table to show instead of a dict.

    Parameters
    ----------
    result : cxkit.LoadResult
        From :func:`cxkit.load`.
    lang : str
        ``en`` or ``fi`` (the ``what`` column and the reasons).

    Returns
    -------
    pandas.DataFrame
        ``what`` (rows read, accepted, quarantined, then one row per quarantine reason) and
        ``rows`` (count); the rows read equal accepted + quarantined.
    """
    rows = [
        (t("col_rows_read", lang), int(result.rows_read)),
        (t("col_accepted", lang), int(result.accepted)),
        (t("col_quarantined", lang), int(result.quarantined)),
    ]
    for reason, count in result.reasons.items():
        key = f"reason_{reason}"
        rows.append((f"  · {t(key, lang) if key in LABELS else reason}", int(count)))
    return pd.DataFrame(rows, columns=["what", "rows"])


def _names(charter: Any, lang: str) -> dict[str, str]:
    out = {}
    for cid, _, tg in charter.iter_targets():
        out[tg.id] = f"{charter.channels[cid].label(lang)}: {tg.describe(lang)}"
    return out


def scorecard_view(scorecard: pd.DataFrame, charter: Any, *, lang: str = "en") -> pd.DataFrame:
    """The scorecard's rows to read: the target by name, the period, actual, threshold, status, n, CI.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`cxkit.check`.
    charter : Charter
        The charter the scorecard was checked against (for the targets' names).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    pandas.DataFrame
        ``target`` (channel and target described in ``lang``), ``period_start`` (local),
        ``actual``, ``threshold``, ``unit``, ``status``, ``n``, ``ci_low``, ``ci_high`` (in the
        target's unit).
    """
    names = _names(charter, lang)
    df = scorecard.assign(target=scorecard.target_id.map(names).fillna(scorecard.target_id))
    return df[
        [
            "target",
            "period_start",
            "actual",
            "threshold",
            "unit",
            "status",
            "n",
            "ci_low",
            "ci_high",
        ]
    ].reset_index(drop=True)


def summary_view(summary: pd.DataFrame, charter: Any, *, lang: str = "en") -> pd.DataFrame:
    """:func:`cxkit.summary` to read: the target by name, periods met / near / missed, overall.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`cxkit.summary`.
    charter : Charter
        The charter (for the targets' names).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    pandas.DataFrame
        ``target`` (described in ``lang``), ``met``, ``near``, ``missed``, ``no_data`` (periods,
        count), ``overall`` (the whole span's actual from counts) and ``unit``.
    """
    names = _names(charter, lang)
    df = summary.assign(target=summary.target_id.map(names).fillna(summary.target_id))
    return df[["target", "met", "near", "missed", "no_data", "overall", "unit"]].reset_index(
        drop=True
    )


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def calls_by_weekday(forecast: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """Contacts expected per weekday, from a forecast per interval.

    Parameters
    ----------
    forecast : pandas.DataFrame
        ``interval_start`` (local time) and ``offered`` (contacts per interval).
    lang : str
        ``en`` or ``fi`` (weekday names).

    Returns
    -------
    pandas.DataFrame
        ``weekday`` (name in ``lang``, Monday first, only days present) and ``offered``
        (contacts that day, rounded to whole contacts).
    """
    from cxkit.measure.views import local_naive

    local = local_naive(forecast.interval_start)
    no = local.dt.weekday
    g = forecast.offered.groupby(no.to_numpy()).sum().round()
    return pd.DataFrame(
        {"weekday": [t(f"wd_{_WEEKDAYS[i]}", lang) for i in g.index], "offered": g.to_numpy()}
    )


def backlog_comparison(teams: dict[int, pd.DataFrame], *, lang: str = "en") -> pd.DataFrame:
    """Backlog, oldest item and share answered in time, day by day, for several team sizes.

    Parameters
    ----------
    teams : dict of int to pandas.DataFrame
        Agents -> :func:`cxkit.async_backlog_by_day` indexed by ``weekday`` (``backlog_end``
        items, ``oldest_age_h`` hours, ``answered_within_pct`` percent).
    lang : str
        ``en`` or ``fi``.

    Returns
    -------
    pandas.DataFrame
        One row per weekday and team: ``weekday`` (name in ``lang``), ``agents``,
        ``backlog_end``, ``oldest_age_h``, ``answered_within_pct``.
    """
    parts = []
    for agents, frame in teams.items():
        f = frame.reset_index()
        parts.append(
            pd.DataFrame(
                {
                    "weekday": [t(f"wd_{str(d)[:3]}", lang) for d in f.weekday],
                    "agents": agents,
                    "backlog_end": f.backlog_end.to_numpy(),
                    "oldest_age_h": f.oldest_age_h.to_numpy(),
                    "answered_within_pct": f.answered_within_pct.to_numpy(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)
