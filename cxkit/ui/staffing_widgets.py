"""What-if widgets for trainers: how many agents does 80/20 need, and what does blending do?

>>> w = StaffingWhatIf()
>>> w.offered.value, w.aht.value, w.target_pct.value, w.threshold.value = 100, 180, 80, 20
>>> w.result()["agents"]
14
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W
import pandas as pd

from cxkit.i18n import format_value, t
from cxkit.plan.blending import BlendedTeam, SimulationResult
from cxkit.plan.staffing import cost_curve, erlang_c, required_agents, scheduled_agents
from cxkit.ui.display import show
from cxkit.ui.staffing_charts import blended_day_chart, cost_curve_chart

__all__ = ["BlendingWhatIf", "StaffingWhatIf"]


class StaffingWhatIf:
    """Sliders for volume, AHT, target and shrinkage; shows agents, service level, ASA and the cost curve.

    Parameters
    ----------
    offered : float
        Calls per interval to start with.
    interval_min : int
        Interval length, minutes.
    aht_s : float
        Average handle time to start with, seconds.
    lang : str
        ``en`` or ``fi`` slider labels.
    """

    def __init__(
        self, *, offered: float = 100, interval_min: int = 30, aht_s: float = 180, lang: str = "en"
    ):
        self.lang = lang
        self.interval_min = interval_min
        self.offered = W.IntSlider(
            value=int(offered),
            min=1,
            max=1000,
            description=t("calls_per_interval", lang).format(minutes=interval_min),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.aht = W.IntSlider(
            value=int(aht_s),
            min=30,
            max=1200,
            step=10,
            description=t("col_aht_s", lang),
            style={"description_width": "initial"},
            continuous_update=False,
        )
        self.target_pct = W.IntSlider(
            value=80,
            min=50,
            max=99,
            description=t("target_pct_label", lang),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.threshold = W.IntSlider(
            value=20,
            min=5,
            max=300,
            step=5,
            description=t("within_s_label", lang),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.shrinkage = W.FloatSlider(
            value=0.3,
            min=0,
            max=0.6,
            step=0.05,
            description=t("shrinkage_label", lang),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.out = W.HTML()
        self.chart = W.Output()
        for s in (self.offered, self.aht, self.target_pct, self.threshold, self.shrinkage):
            s.observe(lambda _: self.update(), names="value")
        self.widget = W.VBox(
            [
                W.HBox([self.offered, self.aht]),
                W.HBox([self.target_pct, self.threshold]),
                self.shrinkage,
                self.out,
                self.chart,
            ]
        )
        self.update()

    def result(self) -> dict[str, Any]:
        """Erlang C for the sliders' values.

        Returns
        -------
        dict
            ``agents`` (smallest N meeting the target), ``service_level_pct`` (%), ``asa_s``
            (s), ``occupancy_pct`` (%) and ``scheduled`` (agents at the shrinkage).
        """
        lam = self.offered.value / (self.interval_min * 60)
        n = required_agents(
            arrivals_per_s=lam,
            aht_s=self.aht.value,
            service_level=self.target_pct.value / 100,
            threshold_s=self.threshold.value,
        )
        r = erlang_c(
            arrivals_per_s=lam, aht_s=self.aht.value, agents=n, threshold_s=self.threshold.value
        )
        return {
            "agents": n,
            "service_level_pct": 100 * float(r["service_level"]),
            "asa_s": float(r["asa_s"]),
            "occupancy_pct": 100 * float(r["occupancy"]),
            "scheduled": scheduled_agents(n, shrinkage=self.shrinkage.value),
        }

    def update(self) -> None:
        """Recompute the result and redraw the cost curve."""
        r = self.result()
        lang = self.lang
        self.out.value = t("staffing_summary", lang).format(
            agents=f"<b>{r['agents']}</b>",
            sl=format_value(r["service_level_pct"], "%", lang),
            asa=format_value(r["asa_s"], "s", lang),
            occupancy=format_value(r["occupancy_pct"], "%", lang),
            scheduled=f"<b>{r['scheduled']}</b>",
            shrinkage=format_value(100 * self.shrinkage.value, "%", lang),
        )
        curve = cost_curve(
            offered=self.offered.value,
            interval_min=self.interval_min,
            aht_s=self.aht.value,
            thresholds_s=tuple(sorted({10, 20, 60, self.threshold.value})),
        )
        self.figure = cost_curve_chart(curve, target_pct=self.target_pct.value, lang=lang)
        show(self.chart, self.figure)

    def _ipython_display_(self) -> None:  # pragma: no cover
        from IPython.display import display

        display(self.widget)


class BlendingWhatIf:
    """Sliders for the reserve threshold ``s`` and the number of blended agents; simulates the day.

    Parameters
    ----------
    intervals : pandas.DataFrame
        As for :class:`~cxkit.plan.blending.BlendedTeam`; the blended agents slider moves agents
        from email-only to blended in every interval.
    interval_min, phone_aht_s, email_handle_s, patience_s
        As for :class:`~cxkit.plan.blending.BlendedTeam` (minutes, seconds).
    sl_target_pct : float
        Phone service-level target, percent, drawn on the chart.
    replications, seed : int
        As for :meth:`~cxkit.plan.blending.BlendedTeam.run`.
    day_start_h : float
        Clock time of the first interval, hours (8 for 08:00).
    """

    def __init__(
        self,
        intervals: pd.DataFrame,
        *,
        interval_min: float = 30,
        phone_aht_s: float = 300,
        email_handle_s: float = 420,
        patience_s: float = 180,
        sl_target_pct: float = 80,
        replications: int = 5,
        seed: int = 0,
        day_start_h: float = 8,
        lang: str = "en",
    ):
        self.base = intervals.reset_index(drop=True)
        self.interval_min = interval_min
        self.phone_aht_s = phone_aht_s
        self.email_handle_s = email_handle_s
        self.patience_s = patience_s
        self.sl_target_pct = sl_target_pct
        self.replications = replications
        self.seed = seed
        self.day_start_h = day_start_h
        self.lang = lang
        max_b = int(self.base["email_agents"].min())
        self.blended = W.IntSlider(
            value=0,
            min=0,
            max=max(max_b, 0),
            description=t("blended_agents_label", lang),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.reserve = W.IntSlider(
            value=2,
            min=0,
            max=10,
            description=t("reserve_label", lang),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.out = W.HTML()
        self.chart = W.Output()
        self.blended.observe(lambda _: self.update(), names="value")
        self.reserve.observe(lambda _: self.update(), names="value")
        self.widget = W.VBox([W.HBox([self.blended, self.reserve]), self.out, self.chart])
        self.last: SimulationResult | None = None
        self.update()

    def plan(self) -> pd.DataFrame:
        """The intervals with the slider's blended agents moved from email-only to blended.

        Returns
        -------
        pandas.DataFrame
            ``intervals`` with ``email_agents`` and ``blended_agents`` (agents) changed.
        """
        iv = self.base.copy()
        iv["email_agents"] = iv["email_agents"] - self.blended.value
        iv["blended_agents"] = iv.get("blended_agents", 0) + self.blended.value
        return iv

    def simulate(self) -> SimulationResult:
        """Simulate :meth:`plan` with the reserve of the slider.

        Returns
        -------
        SimulationResult
            See :class:`~cxkit.plan.blending.SimulationResult`.
        """
        team = BlendedTeam(
            self.plan(),
            interval_min=self.interval_min,
            phone_aht_s=self.phone_aht_s,
            email_handle_s=self.email_handle_s,
            patience_s=self.patience_s,
            reserve=self.reserve.value,
        )
        return team.run(replications=self.replications, seed=self.seed)

    def update(self) -> None:
        """Simulate, summarise and redraw."""
        res = self.simulate()
        self.last = res
        s = res.summary.set_index("metric")

        lang = self.lang

        def fmt(m: str, unit: str) -> str:
            r = s.loc[m]
            return t("mean_with_ci", lang).format(
                mean=format_value(r["mean"], unit, lang),
                low=format_value(r["ci_low"], unit, lang),
                high=format_value(r["ci_high"], unit, lang),
            )

        self.out.value = html.escape(
            t("blend_summary", lang).format(
                sl=fmt("phone_service_level_pct", "%"),
                abandoned=fmt("phone_abandon_pct", "%"),
                backlog=fmt("email_backlog_end", "count"),
                oldest=fmt("email_oldest_age_h", "h"),
            )
        )
        self.figure = blended_day_chart(
            res.interval_means(day_start_h=self.day_start_h),
            sl_target_pct=self.sl_target_pct,
            lang=lang,
        )
        show(self.chart, self.figure)

    def _ipython_display_(self) -> None:  # pragma: no cover
        from IPython.display import display

        display(self.widget)
