"""A widget for the forecast-and-plan workshop: pick the horizon and the target, see the agents.

>>> import cxkit as cx
>>> w = ForecastPlanner(cx.sample_dir(), channel="phone", shrinkage=0.3)
>>> w.horizon.value, w.target.value = 7, "80/20"
>>> cost = w.run()
>>> cost.scenario.tolist()
['mean', 'high']
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import pandas as pd

from cxkit.i18n import t
from cxkit.measure.history import channel_forecast
from cxkit.plan.forecast_plan import plan_cost, plan_on_forecast
from cxkit.ui.display import show
from cxkit.ui.forecast_charts import forecast_agents_chart, forecast_chart

__all__ = ["ForecastPlanner"]


class ForecastPlanner:
    """Horizon slider and target dropdown; shows the forecast, the agents and the week's cost.

    Parameters
    ----------
    data : folder, LoadResult, DataFrame or mapping
        What the team loaded.
    channel : str
        Channel id.
    charter : Charter or None
        For the channel's calendar (closed days, opening hours).
    targets : tuple of str
        Targets offered in the dropdown (``"80/20"``).
    shrinkage : float
        Share of paid time not on contacts, 0-1.
    cost_per_agent_h : float or None
        Cost of a scheduled agent hour, for the cost column.
    method : str
        Forecast method.
    lang : str
        ``en`` or ``fi``.
    """

    def __init__(
        self,
        data: Any,
        *,
        channel: str,
        charter: Any = None,
        targets: tuple[str, ...] = ("70/30", "80/20", "90/10"),
        shrinkage: float = 0.3,
        cost_per_agent_h: float | None = None,
        method: str = "mstl_ets",
        lang: str = "en",
    ):
        self.data, self.channel, self.charter = data, channel, charter
        self.shrinkage, self.cost_per_agent_h, self.method, self.lang = (
            shrinkage,
            cost_per_agent_h,
            method,
            lang,
        )
        self.horizon = W.IntSlider(
            value=7, min=1, max=14, description=t("fc_horizon", lang), continuous_update=False
        )
        self.target = W.Dropdown(
            options=list(targets),
            value=targets[min(1, len(targets) - 1)],
            description=t("fc_target", lang),
        )
        self.button = W.Button(description=t("fc_run", lang), button_style="primary")
        self.out = W.Output()
        self.table_out = W.Output()
        self.forecast: pd.DataFrame | None = None
        self.plan: pd.DataFrame | None = None
        self.button.on_click(lambda _: self.run())

    def run(self) -> pd.DataFrame:
        """Forecast, plan for the chosen target and show the charts.

        Returns
        -------
        pandas.DataFrame
            :func:`cxkit.plan.forecast_plan.plan_cost` of the plan: one row per scenario.
        """
        self.forecast = channel_forecast(
            self.data,
            channel=self.channel,
            charter=self.charter,
            horizon_days=int(self.horizon.value),
            method=self.method,
        )
        self.plan = plan_on_forecast(
            self.forecast, targets=(self.target.value,), shrinkage=self.shrinkage
        )
        cost = plan_cost(
            self.plan, cost_per_agent_h=self.cost_per_agent_h, days=float(self.horizon.value)
        )
        show(
            self.out,
            forecast_chart(
                self.forecast.attrs["history"],
                self.forecast,
                channel=self.channel,
                lang=self.lang,
            )
            & forecast_agents_chart(self.plan, target=self.target.value, lang=self.lang),
        )
        show(self.table_out, cost.round(1))
        return cost

    def _ipython_display_(self) -> None:  # pragma: no cover
        from IPython.display import display

        display(
            W.VBox([W.HBox([self.horizon, self.target, self.button]), self.out, self.table_out])
        )
