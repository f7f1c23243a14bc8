"""Plan on the forecast: agents per interval per target for the mean and the high scenario, the
week's cost, and the intervals of a blended phone + email day for :class:`BlendedTeam`.

>>> fc = pd.DataFrame({"interval_start": pd.date_range("2026-03-23 08:00", periods=2, freq="30min"),
...                    "arrivals": [100.0, 50.0], "arrivals_high": [120.0, 60.0],
...                    "aht_s": 180.0, "interval_min": 30.0})
>>> p = plan_on_forecast(fc, targets=("80/20",), shrinkage=0.3)
>>> p[["scenario", "offered", "agents", "scheduled"]].values.tolist()
[['mean', 100.0, 14, 20], ['mean', 50.0, 8, 12], ['high', 120.0, 16, 23], ['high', 60.0, 9, 13]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxkit.plan.staffing import _parse_target, staffing_table

__all__ = ["SCENARIOS", "blend_intervals", "plan_cost", "plan_on_forecast"]

#: Forecast scenario -> the forecast column planned for.
SCENARIOS: dict[str, str] = {"mean": "arrivals", "high": "arrivals_high"}


def plan_on_forecast(
    forecast: pd.DataFrame,
    *,
    targets: Sequence[str] = ("80/20",),
    scenarios: Sequence[str] = ("mean", "high"),
    shrinkage: float = 0.3,
    patience_s: float | None = None,
) -> pd.DataFrame:
    """Agents per interval for each service-level target and forecast scenario (Erlang C or A).

    Parameters
    ----------
    forecast : pandas.DataFrame
        One row per interval: ``arrivals`` (forecast mean, contacts), ``arrivals_high`` (upper
        end of the prediction interval, contacts), ``aht_s`` (s) and ``interval_min``
        (minutes), plus any id columns (``channel``, ``interval_start``; kept).
    targets : sequence of str
        Service-level targets ``"PERCENT/SECONDS"`` (``"80/20"``).
    scenarios : sequence of str
        Keys of :data:`SCENARIOS`: ``mean`` plans for the forecast mean, ``high`` for the upper
        end of its prediction interval.
    shrinkage : float
        Share of paid time not on contacts, 0-1 (0.3), for ``scheduled``.
    patience_s : float or None
        Mean patience of callers, seconds: use Erlang A.

    Returns
    -------
    pandas.DataFrame
        One row per target x scenario x interval: the forecast's columns, ``target``,
        ``scenario``, ``offered`` (contacts planned for) and the columns of
        :func:`cxkit.plan.staffing.staffing_table` (``agents``, ``scheduled``,
        ``service_level_pct`` (%), ``asa_s`` (s), ``occupancy_pct`` (%), ...).
    """
    unknown = [s for s in scenarios if s not in SCENARIOS]
    if unknown:
        raise ValueError(f"unknown scenario {unknown[0]!r}; use {', '.join(SCENARIOS)}")
    fc = forecast.copy()
    if fc["aht_s"].isna().any():
        raise ValueError(
            "the forecast has intervals without a handle time (aht_s NaN): the history handled "
            "nothing there; fill aht_s (e.g. with the channel's AHT) before planning"
        )
    parts = []
    for target in targets:
        pct, thr = _parse_target(target)
        for scen in scenarios:
            iv = fc.assign(offered=fc[SCENARIOS[scen]].astype(float))
            tab = staffing_table(
                iv,
                service_level=pct / 100,
                threshold_s=thr,
                shrinkage=shrinkage,
                patience_s=patience_s,
            )
            tab.insert(0, "scenario", scen)
            tab.insert(0, "target", target)
            parts.append(tab)
    return pd.concat(parts, ignore_index=True)


def plan_cost(
    plan: pd.DataFrame, *, cost_per_agent_h: float | None = None, days: float | None = None
) -> pd.DataFrame:
    """Agent hours and cost of a plan per target and scenario, and per week.

    Parameters
    ----------
    plan : pandas.DataFrame
        What :func:`plan_on_forecast` returns (``interval_start`` needed for the days covered).
    cost_per_agent_h : float or None
        Cost of a scheduled agent hour (salary and overheads, in your currency).
    days : float or None
        Calendar days the plan covers (the forecast's horizon); by default the days from its
        first to its last interval rounded up to whole weeks (a weekday line's Monday to
        Friday is one week).

    Returns
    -------
    pandas.DataFrame
        One row per target x scenario: ``target``, ``scenario``, ``offered`` (contacts),
        ``required_agent_h`` (agents on contacts x interval length, h), ``scheduled_agent_h``
        (with shrinkage, h), ``peak_scheduled`` (most agents scheduled in one interval),
        ``days`` (calendar days the plan covers), ``scheduled_agent_h_per_week`` (h) and, with
        ``cost_per_agent_h``, ``cost`` and ``cost_per_week`` (currency).

    Examples
    --------
    >>> plan = pd.DataFrame({"target": "80/20", "scenario": "mean", "offered": [100.0, 50.0],
    ...                      "agents": [14, 8], "scheduled": [20, 12], "interval_min": 30,
    ...                      "interval_start": pd.to_datetime(["2026-03-23 08:00", "2026-03-29 08:00"])})
    >>> plan_cost(plan, cost_per_agent_h=30)[["scheduled_agent_h", "days", "cost_per_week"]].values.tolist()
    [[16.0, 7.0, 480.0]]
    """
    p = plan.assign(
        req_h=plan["agents"] * plan["interval_min"] / 60,
        sch_h=plan["scheduled"] * plan["interval_min"] / 60,
    )
    starts = pd.DatetimeIndex(p["interval_start"])
    if days is None:
        span = (starts.normalize().max() - starts.normalize().min()).days + 1
        days = float(7 * -(-span // 7))
    out = (
        p.groupby(["target", "scenario"], sort=False)
        .agg(
            offered=("offered", "sum"),
            required_agent_h=("req_h", "sum"),
            scheduled_agent_h=("sch_h", "sum"),
            peak_scheduled=("scheduled", "max"),
        )
        .reset_index()
    )
    out["days"] = days
    out["scheduled_agent_h_per_week"] = out.scheduled_agent_h * 7 / days
    if cost_per_agent_h is not None:
        out["cost"] = out.scheduled_agent_h * cost_per_agent_h
        out["cost_per_week"] = out.cost * 7 / days
    return out


def blend_intervals(
    phone: pd.DataFrame,
    email: pd.DataFrame,
    *,
    day: str | pd.Timestamp,
    phone_agents: int | Sequence[int] | np.ndarray,
    email_agents: int | Sequence[int] | np.ndarray,
    blended_agents: int | Sequence[int] | np.ndarray,
    scenario: str = "mean",
) -> pd.DataFrame:
    """One day's phone and email forecast, side by side, for :class:`cxkit.BlendedTeam`.

    Parameters
    ----------
    phone, email : pandas.DataFrame
        Forecasts (:func:`cxkit.plan.forecast.forecast_arrivals`) with ``interval_start`` and
        the scenario's column, in intervals of the same length.
    day : str or pandas.Timestamp
        The date to simulate: its phone intervals are the day's intervals.
    phone_agents, email_agents, blended_agents : int or sequence of int
        Agents per group, one number for the day or one per phone interval.
    scenario : str
        ``mean`` or ``high`` (see :data:`SCENARIOS`).

    Returns
    -------
    pandas.DataFrame
        One row per phone interval of ``day``: ``interval_start``, ``phone_arrivals`` and
        ``email_arrivals`` (expected contacts), ``phone_agents``, ``email_agents`` and
        ``blended_agents``.
    """
    col = SCENARIOS[scenario]
    d = pd.Timestamp(day).date()
    ph = phone[pd.DatetimeIndex(phone["interval_start"]).date == d]
    if ph.empty:
        raise ValueError(f"the phone forecast has no intervals on {d}")
    em = email.set_index("interval_start")[col]
    out = pd.DataFrame(
        {
            "interval_start": ph["interval_start"].to_numpy(),
            "phone_arrivals": ph[col].to_numpy(float),
            "email_arrivals": em.reindex(ph["interval_start"]).fillna(0.0).to_numpy(float),
        }
    )
    for name, v in (
        ("phone_agents", phone_agents),
        ("email_agents", email_agents),
        ("blended_agents", blended_agents),
    ):
        out[name] = np.broadcast_to(np.asarray(v, dtype=np.int64), len(out))
    return out
