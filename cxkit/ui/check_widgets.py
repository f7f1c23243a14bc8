"""The scorecard explorer: pick channel, target, period and segment; move the threshold and see each
period's status change at once (statuses are recomputed from the stored actuals, the data is not read
again). Changing the period or segment recomputes that one target from the data.

>>> import pandas as pd
>>> from cxkit.charter.model import load_charter
>>> from cxkit.settings import example_charter
>>> charter = load_charter(example_charter("finnish_contact_centre"))
>>> sc = pd.DataFrame({"target_id": "phone-sl", "channel": "phone", "metric": "service_level",
...     "period_start": pd.to_datetime(["2026-03-02", "2026-03-03"]).tz_localize("Europe/Helsinki"),
...     "actual": [76.0, 83.0], "threshold": 80.0, "amber": 70.0, "unit": "%", "direction": "higher",
...     "status": ["near", "met"], "n": [900, 850], "numerator": [684.0, 705.5], "denominator": [900.0, 850.0],
...     "kind": "ratio", "ci_low": [73.0, 80.0], "ci_high": [79.0, 85.0]})
>>> w = CheckExplorer(charter, {}, scorecard=sc)
>>> w.rows().status.tolist()
['near', 'met']
>>> w.threshold.value = 75
>>> w.rows().status.tolist()
['met', 'met']
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as W
import numpy as np
import pandas as pd

from cxkit.charter.model import Charter, Target
from cxkit.data.tables import as_tables
from cxkit.i18n import format_value, t
from cxkit.measure.aggregate import PERIODS
from cxkit.measure.scorecard import (
    SCORECARD_COLUMNS,
    check,
    check_target,
    restatus,
    summary,
)
from cxkit.ui.display import show
from cxkit.ui.scorecard_charts import trend_chart
from cxkit.ui.tables import note_text

__all__ = ["CheckExplorer"]

_SLIDER_RANGE = {"%": (0.0, 100.0, 0.5)}


class CheckExplorer:
    """Channel, target, period and segment pickers and a threshold slider over a scorecard.

    Moving the threshold restatuses the stored periods (:func:`cxkit.restatus`); changing the
    period or the segment recomputes the selected target from the data
    (:func:`cxkit.check_target`). Display the explorer by putting it last in a notebook cell (or
    ``display(explorer.widget)``).

    Parameters
    ----------
    charter : Charter
        The charter whose targets are explored.
    data : mapping, LoadResult, DataFrame or folder
        The tables, anything :func:`cxkit.as_tables` accepts (``cx.load_tables(...)``); read again
        only when the period or segment changes. ``{}`` is enough when ``scorecard`` is given and
        only the threshold is moved.
    scorecard : pandas.DataFrame, optional
        A scorecard from :func:`cxkit.check`; computed from ``data`` when not given. Only targets
        present in it can be picked.
    lang : str
        Language of the labels, ``en`` (default) or ``fi``.

    Attributes
    ----------
    channel, target, period, segment : ipywidgets.Dropdown
        The pickers; ``target`` lists the channel's targets, ``segment`` the channel's queues.
    threshold : ipywidgets.FloatSlider
        The threshold, in the target's unit (0-100 for percent targets).
    out : ipywidgets.HTML
        The target's description, its status counts and its overall actual.
    chart : ipywidgets.Output
        The trend chart (:func:`cxkit.trend_chart`) of the selected target.
    widget : ipywidgets.VBox
        Everything above, laid out.
    """

    def __init__(
        self,
        charter: Charter,
        data: Mapping[str, Any],
        *,
        scorecard: pd.DataFrame | None = None,
        lang: str = "en",
    ):
        self.charter, self.lang = charter, lang
        self.tables = as_tables(data)
        self.base = (scorecard if scorecard is not None else check(charter, self.tables)).reindex(
            columns=SCORECARD_COLUMNS
        )
        self.targets: dict[str, tuple[str, Target]] = {
            tg.id: (cid, tg)
            for cid, _, tg in charter.iter_targets()
            if tg.id in set(self.base.target_id)
        }
        channels = list(dict.fromkeys(cid for cid, _ in self.targets.values()))
        style = {"description_width": "initial"}
        self.channel = W.Dropdown(
            options=[(charter.channels[c].label(lang), c) for c in channels],
            description=t("channel", lang),
            style=style,
        )
        self.target = W.Dropdown(description=t("target", lang), style=style)
        self.period = W.Dropdown(
            options=[(t(p, lang), p) for p in PERIODS], description=t("period", lang), style=style
        )
        self.segment = W.Dropdown(description=t("segment", lang), style=style)
        self.threshold = W.FloatSlider(
            description=t("threshold", lang),
            continuous_update=True,
            style=style,
            layout=W.Layout(width="420px"),
        )
        self.out = W.HTML()
        self.chart = W.Output()
        self._computed: pd.DataFrame = self.base.iloc[:0]
        self._busy = False
        self.channel.observe(lambda _: self._on_channel(), names="value")
        self.target.observe(lambda _: self._on_target(), names="value")
        self.period.observe(lambda _: self._recompute(), names="value")
        self.segment.observe(lambda _: self._recompute(), names="value")
        self.threshold.observe(lambda _: self.update(), names="value")
        self.widget = W.VBox(
            [
                W.HBox([self.channel, self.target]),
                W.HBox([self.period, self.segment]),
                self.threshold,
                self.out,
                self.chart,
            ]
        )
        self._on_channel()

    # -- state -------------------------------------------------------------------------------------------
    @property
    def selected(self) -> Target:
        """The charter target picked in ``target``."""
        return self.targets[self.target.value][1]

    def _segments(self, channel: str) -> list[tuple[str, str]]:
        opts = [(t("all", self.lang), "")]
        c = self.tables.get("contacts")
        if c is not None and "queue" in c and "channel" in c:
            queues = sorted(c.loc[c.channel == channel, "queue"].dropna().astype(str).unique())
            opts += [(f"queue={q}", f"queue={q}") for q in queues]
        seg = self.selected.segment if self.target.value else {}
        # the target's own segment, as one option even when it has several keys (a=1, b=2)
        own = ", ".join(f"{k}={v}" for k, v in sorted(seg.items()))
        if own and (own, own) not in opts:
            opts.append((own, own))
        return opts

    def _on_channel(self) -> None:
        ids = [tid for tid, (cid, _) in self.targets.items() if cid == self.channel.value]
        self._busy = True
        self.target.options = [(f"{i}: {self.targets[i][1].describe(self.lang)}", i) for i in ids]
        self.target.value = ids[0] if ids else None
        self._busy = False
        self._on_target()

    def _on_target(self) -> None:
        if self._busy or self.target.value is None:
            return
        tg = self.selected
        self._busy = True
        self.period.value = tg.period
        self.segment.options = self._segments(self.channel.value)
        self.segment.value = ", ".join(f"{k}={v}" for k, v in sorted(tg.segment.items()))
        self._computed = self.base[self.base.target_id == tg.id]
        lo, hi, step = self._range(tg)
        self.threshold.min, self.threshold.max, self.threshold.step = lo, hi, step
        self.threshold.value = float(tg.threshold)
        self._busy = False
        self.update()

    def _range(self, tg: Target) -> tuple[float, float, float]:
        unit = self._computed.unit.iloc[0] if len(self._computed) else "%"
        if unit in _SLIDER_RANGE:
            return _SLIDER_RANGE[unit]
        top = max(
            float(tg.threshold) * 3,
            float(np.nanmax(self._computed.actual.to_numpy(dtype=float), initial=0)) * 1.2,
            1.0,
        )
        return 0.0, float(np.ceil(top)), max(round(top / 200, 2), 0.01)

    def _recompute(self) -> None:
        """Period or segment changed: compute this one target again from the data."""
        if self._busy or self.target.value is None:
            return
        tg = self.selected
        seg = (
            dict(kv.split("=", 1) for kv in self.segment.value.split(", "))
            if self.segment.value
            else {}
        )
        changed = tg.model_copy(update={"period": self.period.value, "segment": seg})
        self._computed = check_target(self.charter, self.channel.value, changed, self.tables)
        self.update()

    # -- results -----------------------------------------------------------------------------------------
    def rows(self) -> pd.DataFrame:
        """The scorecard rows of the selected target at the slider's threshold.

        Returns
        -------
        pandas.DataFrame
            The selected target's scorecard rows (all :data:`cxkit.SCORECARD_COLUMNS`) for the
            picked period and segment, with ``threshold`` set to the slider's value, ``amber``
            moved with it and ``status`` recomputed; ``actual`` in the row's ``unit`` (percent
            0-100 for rates). Empty when the target has no rows.
        """
        if not len(self._computed):
            return self._computed
        return restatus(self._computed, self.target.value, threshold=float(self.threshold.value))

    def overall(self, rows: pd.DataFrame | None = None) -> float:
        """The whole span's actual as ``summary`` computes it: from counts (ratios) or n-weighted (means)
        over the judged periods; NaN otherwise.

        Parameters
        ----------
        rows : pandas.DataFrame, optional
            Scorecard rows of one target; :meth:`rows` when not given.

        Returns
        -------
        float
            The overall actual in the target's unit (percent 0-100 for rates); NaN for metrics
            whose periods cannot be combined or when there are no rows.
        """
        r = self.rows() if rows is None else rows
        if not len(r):
            return float("nan")
        return float(summary(r).overall.iloc[0])

    def update(self) -> None:
        """Redraw the status counts, the overall actual and the trend chart of the current picks."""
        if self._busy:
            return
        r = self.rows()
        if not len(r):
            self.out.value = ""
            return
        counts = r.status.value_counts()
        tg = self.selected.model_copy(
            update={"threshold": float(self.threshold.value), "period": self.period.value}
        )
        parts = ", ".join(
            f"{int(counts.get(s, 0))} {t(s, self.lang)}"
            for s in ("met", "near", "missed", "no_data")
        )
        ov = self.overall(r)
        unit = r.unit.iloc[0]
        overall = (
            ""
            if np.isnan(ov)
            else f" · {t('overall', self.lang)} {format_value(ov, unit, self.lang)}"
            f" (n = {format_value(float(r.n.sum()), 'count', self.lang)})"
        )
        note = r.note.dropna().astype(str)
        note = note[note != ""].drop_duplicates()
        self.out.value = (
            f"<b>{html.escape(tg.id)}</b>: {html.escape(tg.describe(self.lang))}<br>{parts}{html.escape(overall)}"
            + "".join(f"<br><i>{html.escape(note_text(n, self.lang))}</i>" for n in note[:2])
        )
        if (r.n > 0).sum() > 0:
            self.figure = trend_chart(r, tg.id, lang=self.lang)
            show(self.chart, self.figure)

    def _ipython_display_(self) -> None:  # pragma: no cover
        from IPython.display import display

        display(self.widget)
