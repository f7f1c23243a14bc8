"""Queueing models for staffing: Erlang C (M/M/N) and Erlang A (M/M/N+M), exact and vectorised.

Erlang C uses the Erlang B recursion (no factorials, no overflow) and searches agents from the
smallest stable number, ``floor(a) + 1``. Erlang A is computed exactly from the stationary queue
seen by an arrival and the virtual wait, whose transform ``exp(-theta V)`` is Beta distributed
given the queue ahead; every quantity is an incomplete-beta or digamma expression, so thresholds
of hours stay exact.

Reference case of ``metrics.md``: 100 calls per 30 min, AHT 180 s, 80 % in 20 s.

>>> r = erlang_c(arrivals_per_s=100 / 1800, aht_s=180, agents=14, threshold_s=20)
>>> round(100 * r["service_level"], 1), round(r["asa_s"], 1), round(100 * r["occupancy"], 1)
(88.8, 7.8, 71.4)
>>> required_agents(arrivals_per_s=100 / 1800, aht_s=180, service_level=0.8, threshold_s=20)
14
>>> scheduled_agents(14, shrinkage=0.3)
20
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

__all__ = [
    "cost_curve",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "erlang_c_pwait",
    "estimate_patience_s",
    "required_agents",
    "required_agents_erlang_a",
    "required_agents_many",
    "scheduled_agents",
    "staffing_table",
    "target_costs",
]

# ----------------------------------------------------------------------------- Erlang B / C


def erlang_b(agents: Any, load: Any) -> np.ndarray:
    """Erlang B blocking probability by the stable recursion, vectorised over arrays.

    Parameters
    ----------
    agents : int or array of int
        Servers N (>= 0).
    load : float or array of float
        Offered load a, Erlangs. Both broadcast.

    Returns
    -------
    numpy.ndarray
        Probability (0-1) that an arrival finds all N busy in the loss system M/M/N/N.

    Examples
    --------
    >>> float(erlang_b(2, 1.0))
    0.2
    """
    n_arr, a_arr = np.broadcast_arrays(
        np.asarray(agents, dtype=np.int64), np.asarray(load, dtype=float)
    )
    if (n_arr < 0).any():
        raise ValueError("agents must be >= 0")
    b = np.ones(n_arr.shape, dtype=float)
    top = int(n_arr.max()) if n_arr.size else 0
    for k in range(1, top + 1):
        step = k <= n_arr
        nb = a_arr * b / (k + a_arr * b)
        b = np.where(step, nb, b)
    return b


def erlang_c_pwait(agents: Any, load: Any) -> np.ndarray:
    """Probability that an arrival waits (Erlang C); 1 where the queue is unstable (N <= a).

    Parameters
    ----------
    agents : int or array of int
        Agents N.
    load : float or array of float
        Offered load a, Erlangs. Both broadcast.

    Returns
    -------
    numpy.ndarray
        P(wait), a probability 0-1.
    """
    n = np.asarray(agents, dtype=float)
    a = np.asarray(load, dtype=float)
    b = erlang_b(agents, load)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1 - b))
    return np.where(n > a, c, 1.0)


def erlang_c(
    *, arrivals_per_s: Any, aht_s: Any, agents: Any, threshold_s: Any = 20.0
) -> dict[str, np.ndarray | float]:
    """Erlang C performance for given agents: P(wait), service level, ASA, occupancy.

    Inputs broadcast, so a week of intervals is one call. Unstable intervals (agents <= load) give
    service level 0 and infinite ASA.

    Parameters
    ----------
    arrivals_per_s : float or array
        Arrival rate, contacts per second.
    aht_s : float or array
        Average handle time, seconds.
    agents : int or array
        Agents N.
    threshold_s : float or array
        Service-level threshold T, seconds.

    Returns
    -------
    dict
        Floats for scalar inputs, arrays otherwise. The model's probabilities are shares 0-1
        (tables such as :func:`staffing_table` turn them into ``_pct`` columns):
        ``load_erlangs`` (Erlangs), ``p_wait`` (P(wait), 0-1), ``service_level`` (share answered
        within T, 0-1; all are answered eventually in M/M/N, so the offered and answered
        variants coincide), ``asa_s`` (s) and ``occupancy`` (share of agent time busy, 0-1).
    """
    lam = np.asarray(arrivals_per_s, dtype=float)
    aht = np.asarray(aht_s, dtype=float)
    n = np.asarray(agents, dtype=float)
    t = np.asarray(threshold_s, dtype=float)
    a = lam * aht
    pw = erlang_c_pwait(agents, a)
    stable = n > a
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_tail = np.log(np.where(pw > 0, pw, 1e-300)) - (n - a) * t / aht
        sl = np.where(stable, -np.expm1(log_tail), 0.0)
        asa = np.where(stable, pw * aht / (n - a), np.inf)
        occ = np.where(n > 0, np.minimum(a / np.where(n > 0, n, 1), 1.0), np.nan)
    out = {"load_erlangs": a, "p_wait": pw, "service_level": sl, "asa_s": asa, "occupancy": occ}
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def required_agents(
    *,
    arrivals_per_s: float,
    aht_s: float,
    service_level: float | None = None,
    threshold_s: float = 20.0,
    asa_s: float | None = None,
    max_occupancy: float | None = None,
) -> int:
    """Smallest N meeting every given target under Erlang C (searched from floor(a) + 1).

    Parameters
    ----------
    arrivals_per_s : float
        Arrival rate, contacts per second.
    aht_s : float
        Average handle time, seconds.
    service_level : float or None
        Target share answered within ``threshold_s``, 0-1 (0.8 for 80 %).
    threshold_s : float
        Service-level threshold T, seconds.
    asa_s : float or None
        Ceiling on the average speed of answer, seconds.
    max_occupancy : float or None
        Occupancy cap as a share, 0-1 (0.85).

    Returns
    -------
    int
        Agents N (0 when nothing arrives).
    """
    return int(
        required_agents_many(
            pd.DataFrame({"arrivals_per_s": [arrivals_per_s], "aht_s": [aht_s]}),
            service_level=service_level,
            threshold_s=threshold_s,
            asa_s=asa_s,
            max_occupancy=max_occupancy,
        )[0]
    )


def required_agents_many(
    intervals: pd.DataFrame,
    *,
    service_level: float | None = None,
    threshold_s: float = 20.0,
    asa_s: float | None = None,
    max_occupancy: float | None = None,
) -> np.ndarray:
    """Vectorised :func:`required_agents` over rows with ``arrivals_per_s`` and ``aht_s``.

    Parameters
    ----------
    intervals : pandas.DataFrame
        ``arrivals_per_s`` (contacts per second) and ``aht_s`` (seconds) per row.
    service_level, threshold_s, asa_s, max_occupancy
        As for :func:`required_agents` (``service_level`` and ``max_occupancy`` are shares 0-1).

    Returns
    -------
    numpy.ndarray
        Agents N per row (int64).
    """
    if service_level is None and asa_s is None and max_occupancy is None:
        raise ValueError("give at least one of service_level, asa_s or max_occupancy")
    if service_level is not None and not 0 < service_level < 1:
        raise ValueError(f"service_level is a share between 0 and 1, e.g. 0.8, not {service_level}")
    lam = intervals["arrivals_per_s"].to_numpy(float)
    aht = intervals["aht_s"].to_numpy(float)
    a = lam * aht
    n = np.where(a > 0, np.floor(a) + 1, 0).astype(np.int64)
    if max_occupancy is not None:
        n = np.maximum(n, np.ceil(a / max_occupancy - 1e-12).astype(np.int64))
    todo = np.flatnonzero(a > 0)
    if todo.size == 0:
        return n
    # Erlang B at the starting N once, then one recursion step per extra agent: O(max N) vector steps
    a_t, aht_t, n_t = a[todo], aht[todo], n[todo].astype(float)
    b = erlang_b(n[todo], a_t)
    t = float(threshold_s)
    for _ in range(1_000_000):
        c = n_t * b / (n_t - a_t * (1 - b))
        ok = np.ones(todo.size, dtype=bool)
        if service_level is not None:
            ok &= (
                -np.expm1(np.log(np.maximum(c, 1e-300)) - (n_t - a_t) * t / aht_t)
                >= service_level - 1e-12
            )
        if asa_s is not None:
            ok &= c * aht_t / (n_t - a_t) <= asa_s + 1e-12
        n[todo[ok]] = n_t[ok].astype(np.int64)
        keep = ~ok
        if not keep.any():
            break
        todo, a_t, aht_t, n_t, b = todo[keep], a_t[keep], aht_t[keep], n_t[keep] + 1, b[keep]
        b = a_t * b / (n_t + a_t * b)
    return n


def scheduled_agents(required: Any, *, shrinkage: float) -> Any:
    """Agents to schedule so that ``required`` remain after ``shrinkage`` (breaks, training, absence).

    Parameters
    ----------
    required : int or array of int
        Agents needed on contacts.
    shrinkage : float
        Share of paid time not on contacts, 0-1 (0.3 for 30 %).

    Returns
    -------
    int or numpy.ndarray
        ``ceil(required / (1 - shrinkage))``.

    Examples
    --------
    >>> scheduled_agents(14, shrinkage=0.3)
    20
    """
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage is a share in [0, 1), e.g. 0.3, not {shrinkage}")
    # round away floating error before the ceiling: 14 / 0.7 is 20.000000000000004
    out = np.ceil(np.round(np.asarray(required, dtype=float) / (1 - shrinkage), 9)).astype(np.int64)
    return int(out) if np.ndim(out) == 0 else out


# ----------------------------------------------------------------------------- Erlang A


def _nobody_serves(patience: float, theta: float, t: float) -> dict[str, float]:
    """Erlang A with no agents: everyone abandons; each waits their patience."""
    return {
        "p_wait": 1.0,
        "p_abandon": 1.0,
        "service_level": 0.0,
        "service_level_answered": float("nan"),
        "asa_s": float("nan"),
        "abandon_within_t": float(-np.expm1(-theta * t)),
        "occupancy": 0.0,
        "answered": 0.0,
        "mean_wait_s": patience,
    }


def _queue_law(x: float, y: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Queue length k seen by an arrival who finds all busy: q_k = y^k / prod_{i=1..k}(x + i).

    Returns k, q scaled by ``exp(-scale)`` and ``scale`` (the log of the largest term).
    """
    kmax = int(max(y - x, 0) + 40 + 12 * math.sqrt(y + 1))
    while True:
        k = np.arange(kmax + 1, dtype=float)
        logq = k * math.log(y) - (special.gammaln(x + k + 1) - special.gammaln(x + 1))
        if logq[-1] - logq.max() < -60 or kmax > 5_000_000:
            break
        kmax *= 2
    return k, np.exp(logq - logq.max()), float(logq.max())


def _erlang_a_one(lam: float, aht: float, patience: float, n: int, t: float) -> dict[str, float]:
    mu = 1.0 / aht
    theta = 1.0 / patience
    a = lam * aht
    x = n * mu / theta  # nmu / theta
    y = lam / theta
    if n == 0:
        return _nobody_serves(patience, theta, t)
    k, q, scale = _queue_law(x, y)
    big_a = q.sum()  # A(x, y) * exp(-scale)
    b = float(erlang_b(n, a))
    # pi_n relative to all states: pi_n = B / (1 + (A - 1) B); work in scaled units to avoid overflow
    # P(all busy at arrival) = pi_n * A
    log_a = scale + math.log(big_a)
    if b <= 0:
        p_busy = 0.0
    else:
        # p_busy = A B / (1 + (A - 1) B) = 1 / (1 + (1/B - 1)/A)
        p_busy = 1.0 / (1.0 + (1.0 / b - 1.0) * math.exp(-log_a))
    w = q / big_a  # distribution of k given all busy
    served_k = x / (x + k + 1)
    z = math.exp(-theta * t)
    i_served = special.betainc(x + 1, k + 1, z) if z > 0 else np.zeros_like(k)
    i_all = special.betainc(x, k + 1, z) if z > 0 else np.zeros_like(k)
    served_within_k = served_k * (1 - i_served)
    abandon_within_k = 1 - (served_within_k + z * i_all)
    wait_served_k = served_k * (special.digamma(x + k + 2) - special.digamma(x + 1)) / theta
    wait_all_k = (
        1 - served_k
    ) / theta  # E[min(tau, V)] = E[1 - exp(-theta V)] / theta, served and abandoned
    p_served_busy = float((w * served_k).sum())
    p_answered = (1 - p_busy) + p_busy * p_served_busy
    p_abandon = 1 - p_answered
    ans_within = (1 - p_busy) + p_busy * float((w * served_within_k).sum())
    ab_within = p_busy * float((w * abandon_within_k).sum())
    asa = p_busy * float((w * wait_served_k).sum()) / p_answered if p_answered > 0 else float("nan")
    mean_wait = p_busy * float((w * wait_all_k).sum())
    occupancy = lam * p_answered * aht / n
    return {
        "p_wait": p_busy,
        "p_abandon": p_abandon,
        "service_level": ans_within,
        "service_level_answered": ans_within / p_answered if p_answered > 0 else float("nan"),
        "asa_s": asa,
        "abandon_within_t": ab_within,
        "occupancy": occupancy,
        "answered": p_answered,
        "mean_wait_s": mean_wait,
    }


def erlang_a(
    *,
    arrivals_per_s: float,
    aht_s: float,
    patience_s: float,
    agents: int,
    threshold_s: float = 20.0,
) -> dict[str, float]:
    """Erlang A (M/M/N+M) performance, exact, for any threshold (hours included).

    Parameters
    ----------
    arrivals_per_s : float
        Arrival rate, contacts per second.
    aht_s : float
        Average handle time, seconds.
    patience_s : float
        Mean patience (exponential), seconds; see :func:`estimate_patience_s`.
    agents : int
        Agents N (may be below the load).
    threshold_s : float
        Service-level threshold T, seconds.

    Returns
    -------
    dict of str to float
        Model probabilities as shares 0-1: ``p_wait`` (P(all busy at arrival)), ``p_abandon``
        (share of offered who abandon), ``service_level`` (offered variant: answered within T /
        offered), ``service_level_answered`` (answered variant: ... / answered),
        ``abandon_within_t`` (share of offered who abandon within T), ``occupancy`` (share of
        agent time busy) and ``answered`` (share of offered answered); ``asa_s`` (s, answered
        callers) and ``mean_wait_s`` (s, all callers).

    Examples
    --------
    >>> r = erlang_a(arrivals_per_s=100 / 1800, aht_s=180, patience_s=120, agents=10, threshold_s=20)
    >>> 0 < r["p_abandon"] < 0.2 and r["occupancy"] < 1
    True
    """
    if patience_s <= 0 or aht_s <= 0 or arrivals_per_s < 0 or agents < 0:
        raise ValueError("patience_s and aht_s must be > 0, arrivals_per_s and agents >= 0")
    if arrivals_per_s == 0:
        return {
            "p_wait": 0.0,
            "p_abandon": 0.0,
            "service_level": 1.0,
            "service_level_answered": 1.0,
            "asa_s": 0.0,
            "abandon_within_t": 0.0,
            "occupancy": 0.0,
            "answered": 1.0,
            "mean_wait_s": 0.0,
        }
    return _erlang_a_one(arrivals_per_s, aht_s, patience_s, int(agents), threshold_s)


def required_agents_erlang_a(
    *,
    arrivals_per_s: float,
    aht_s: float,
    patience_s: float,
    service_level: float,
    threshold_s: float = 20.0,
    max_abandon: float | None = None,
) -> int:
    """Smallest N whose Erlang A service level (offered variant) reaches the target.

    With abandonment the queue is stable for any N, so N may be below the load.

    Parameters
    ----------
    arrivals_per_s, aht_s, patience_s, threshold_s
        As for :func:`erlang_a` (per second, seconds).
    service_level : float
        Target share answered within ``threshold_s`` of all offered, 0-1 (0.8).
    max_abandon : float or None
        Ceiling on the share of offered who abandon, 0-1 (0.05).

    Returns
    -------
    int
        Agents N.
    """

    def meets(n: int) -> bool:
        r = erlang_a(
            arrivals_per_s=arrivals_per_s,
            aht_s=aht_s,
            patience_s=patience_s,
            agents=n,
            threshold_s=threshold_s,
        )
        return r["service_level"] >= service_level - 1e-12 and (
            max_abandon is None or r["p_abandon"] <= max_abandon
        )

    # service level grows with N: bracket from the load, then bisect (about log2(N) evaluations)
    guess = max(1, int(arrivals_per_s * aht_s))
    lo, hi = 0, guess  # invariant: lo fails (or is 0), hi is the candidate
    while not meets(hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(mid):
            hi = mid
        else:
            lo = mid
    return hi


def estimate_patience_s(total_wait_s: float, abandons: int) -> float:
    """Mean patience under exponential patience: total wait of all callers / abandons (MLE).

    Parameters
    ----------
    total_wait_s : float
        Summed wait of all callers, answered and abandoned, seconds.
    abandons : int
        Callers who abandoned.

    Returns
    -------
    float
        Mean patience, seconds.

    Examples
    --------
    >>> estimate_patience_s(12_000, 100)
    120.0
    """
    if abandons <= 0:
        raise ValueError(
            "no abandons: patience cannot be estimated (it is longer than every wait seen)"
        )
    return total_wait_s / abandons


# ----------------------------------------------------------------------------- tidy interval tables


def _need_columns(intervals: pd.DataFrame, cols: tuple[str, ...], who: str) -> None:
    for col in cols:
        if col not in intervals.columns:
            raise KeyError(f"{who} needs a column {col!r}; it has {list(intervals.columns)}")


def _erlang_c_columns(
    lam: np.ndarray,
    aht: np.ndarray,
    given: np.ndarray | None,
    *,
    service_level: float | None,
    threshold_s: float,
    asa_s: float | None,
    max_occupancy: float | None,
) -> dict[str, np.ndarray]:
    """Agents (given or solved) and Erlang C performance per interval, shares 0-1."""
    if given is not None:
        agents = given
    else:
        agents = required_agents_many(
            pd.DataFrame({"arrivals_per_s": lam, "aht_s": aht}),
            service_level=service_level,
            threshold_s=threshold_s,
            asa_s=asa_s,
            max_occupancy=max_occupancy,
        )
    r = erlang_c(arrivals_per_s=lam, aht_s=aht, agents=agents, threshold_s=threshold_s)
    return {
        "agents": agents,
        "service_level": np.where(lam > 0, r["service_level"], np.nan),
        "asa_s": np.where(lam > 0, r["asa_s"], np.nan),
        "abandon": np.zeros(len(lam)),
        "occupancy": np.where(agents > 0, r["occupancy"], np.nan),
    }


def _erlang_a_row(
    lam: float,
    aht: float,
    given: int | None,
    *,
    patience_s: float,
    service_level: float | None,
    threshold_s: float,
) -> tuple[int, float, float, float, float]:
    """Agents, service level, ASA, occupancy and abandon share of one interval under Erlang A."""
    if lam == 0:
        n = given if given is not None else 0
        return n, np.nan, np.nan, (0.0 if n else np.nan), np.nan
    if given is not None:
        n = given
    else:
        if service_level is None:
            raise ValueError("with patience_s give service_level")
        n = required_agents_erlang_a(
            arrivals_per_s=lam,
            aht_s=aht,
            patience_s=patience_s,
            service_level=service_level,
            threshold_s=threshold_s,
        )
    ra = erlang_a(
        arrivals_per_s=lam, aht_s=aht, patience_s=patience_s, agents=n, threshold_s=threshold_s
    )
    return n, ra["service_level"], ra["asa_s"], ra["occupancy"], ra["p_abandon"]


def _erlang_a_columns(
    lam: np.ndarray,
    aht: np.ndarray,
    given: np.ndarray | None,
    *,
    patience_s: float,
    service_level: float | None,
    threshold_s: float,
) -> dict[str, np.ndarray]:
    """Agents (given or solved) and Erlang A performance per interval, shares 0-1."""
    rows = [
        _erlang_a_row(
            lam[i],
            aht[i],
            int(given[i]) if given is not None else None,
            patience_s=patience_s,
            service_level=service_level,
            threshold_s=threshold_s,
        )
        for i in range(len(lam))
    ]
    cols = ("agents", "service_level", "asa_s", "occupancy", "abandon")
    return {c: np.asarray([r[j] for r in rows]) for j, c in enumerate(cols)}


def staffing_table(
    intervals: pd.DataFrame,
    *,
    service_level: float | None = 0.8,
    threshold_s: float = 20.0,
    asa_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    patience_s: float | None = None,
    offered_column: str = "offered",
) -> pd.DataFrame:
    """Agents per interval for a target, or the performance of the agents given.

    Erlang C, or Erlang A (callers abandon) when ``patience_s`` is given. Intervals with no
    contacts need 0 agents.

    Parameters
    ----------
    intervals : pandas.DataFrame
        One row per interval with ``offered`` (contacts in the interval), ``aht_s`` (s) and
        ``interval_min`` (minutes); optionally ``agents`` (then those are evaluated instead of
        solved for) and any id columns (kept).
    service_level : float or None
        Target share answered within ``threshold_s``, 0-1 (0.8 for 80 %).
    threshold_s : float
        Service-level threshold T, seconds.
    asa_s : float or None
        Ceiling on the average speed of answer, seconds (Erlang C only).
    max_occupancy : float or None
        Occupancy cap as a share, 0-1 (0.85) (Erlang C only).
    shrinkage : float
        Share of paid time not on contacts, 0-1 (0.3), for ``scheduled``.
    patience_s : float or None
        Mean patience of callers, seconds: use Erlang A.
    offered_column : str
        The column of contacts per interval: ``offered`` by default; a forecast's ``arrivals``
        (its mean) or ``arrivals_high`` (the high scenario, see
        :func:`cxkit.plan.forecast.forecast_arrivals`).

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``load_erlangs`` (offered load, Erlangs), ``agents`` (on the
        phones), ``service_level_pct`` (answered within T / offered, %; NaN without contacts),
        ``asa_s`` (s), ``abandon_pct`` (% of offered; 0 under Erlang C), ``occupancy_pct`` (%)
        and ``scheduled`` (agents to schedule at ``shrinkage``).

    Examples
    --------
    >>> week = pd.DataFrame({"offered": [100, 0, 50], "aht_s": 180, "interval_min": 30})
    >>> t = staffing_table(week, service_level=0.8, threshold_s=20, shrinkage=0.3)
    >>> t[["agents", "scheduled"]].values.tolist()
    [[14, 20], [0, 0], [8, 12]]
    >>> t.service_level_pct.round(1).tolist()
    [88.8, nan, 88.0]
    """
    _need_columns(intervals, (offered_column, "aht_s", "interval_min"), "staffing_table")
    lam = intervals[offered_column].to_numpy(float) / (
        intervals["interval_min"].to_numpy(float) * 60
    )
    aht = intervals["aht_s"].to_numpy(float)
    given = intervals["agents"].to_numpy(np.int64) if "agents" in intervals.columns else None
    if patience_s is None:
        r = _erlang_c_columns(
            lam,
            aht,
            given,
            service_level=service_level,
            threshold_s=threshold_s,
            asa_s=asa_s,
            max_occupancy=max_occupancy,
        )
    else:
        r = _erlang_a_columns(
            lam,
            aht,
            given,
            patience_s=patience_s,
            service_level=service_level,
            threshold_s=threshold_s,
        )
    agents = np.asarray(r["agents"]).astype(np.int64)
    new_cols = pd.DataFrame(
        {
            "load_erlangs": lam * aht,
            "agents": agents,
            "service_level_pct": 100 * r["service_level"],
            "asa_s": r["asa_s"],
            "abandon_pct": 100 * r["abandon"],
            "occupancy_pct": 100 * r["occupancy"],
            "scheduled": scheduled_agents(agents, shrinkage=shrinkage),
        },
        index=intervals.index,
    )
    return pd.concat(
        [intervals.drop(columns=[c for c in new_cols.columns if c in intervals.columns]), new_cols],
        axis=1,
    )


def cost_curve(
    *,
    offered: float,
    interval_min: float,
    aht_s: float,
    thresholds_s: tuple[float, ...] = (10, 20, 30, 60),
    agents: range | None = None,
    patience_s: float | None = None,
) -> pd.DataFrame:
    """Service level for each number of agents and each threshold T: what a stricter target costs.

    Parameters
    ----------
    offered : float
        Contacts in the interval.
    interval_min : float
        Interval length, minutes.
    aht_s : float
        Average handle time, seconds.
    thresholds_s : tuple of float
        Service-level thresholds T, seconds.
    agents : range or None
        Agents to evaluate; by default from the smallest stable number (Erlang C) or 1 (Erlang
        A) to about 1.6 times the load.
    patience_s : float or None
        Mean patience of callers, seconds: use Erlang A.

    Returns
    -------
    pandas.DataFrame
        One row per ``threshold_s`` x ``agents`` with ``agents``, ``threshold_s`` (s),
        ``service_level_pct`` (answered within T / offered, %), ``asa_s`` (s),
        ``occupancy_pct`` (%) and, with ``patience_s``, ``abandon_pct`` (% of offered).

    Examples
    --------
    >>> cc = cost_curve(offered=100, interval_min=30, aht_s=180, thresholds_s=(20,), agents=range(11, 16))
    >>> cc.service_level_pct.round(1).tolist()
    [39.0, 64.0, 79.6, 88.8, 94.1]
    """
    lam = offered / (interval_min * 60)
    a = lam * aht_s
    if agents is None:
        start = 1 if patience_s else int(math.floor(a)) + 1
        agents = range(start, int(math.ceil(a * 1.6)) + 3)
    rows = []
    for t in thresholds_s:
        for n in agents:
            if patience_s:
                r = erlang_a(
                    arrivals_per_s=lam, aht_s=aht_s, patience_s=patience_s, agents=n, threshold_s=t
                )
                rows.append(_curve_row(n, t, r["service_level"], r["asa_s"], r["occupancy"]))
                rows[-1]["abandon_pct"] = 100 * r["p_abandon"]
            else:
                rc = erlang_c(arrivals_per_s=lam, aht_s=aht_s, agents=n, threshold_s=t)
                rows.append(_curve_row(n, t, rc["service_level"], rc["asa_s"], rc["occupancy"]))
    return pd.DataFrame(rows)


def _curve_row(n: int, t: float, sl: Any, asa: Any, occ: Any) -> dict[str, float]:
    return {
        "agents": n,
        "threshold_s": t,
        "service_level_pct": 100 * float(sl),
        "asa_s": float(asa),
        "occupancy_pct": 100 * float(occ),
    }


def _parse_target(target: str) -> tuple[float, float]:
    """``"80/20"`` -> (80.0, 20.0): percent within seconds."""
    try:
        pct, thr = (float(x) for x in target.split("/"))
    except ValueError:
        raise ValueError(f"target {target!r}: write it as PERCENT/SECONDS, e.g. '80/20'") from None
    if not 0 < pct < 100 or thr <= 0:
        raise ValueError(f"target {target!r}: the percent must be in (0, 100), the seconds > 0")
    return pct, thr


def target_costs(
    intervals: pd.DataFrame,
    targets: tuple[str, ...] = ("70/30", "80/20", "90/10"),
    *,
    shrinkage: float = 0.0,
    reference: str | None = None,
    patience_s: float | None = None,
) -> pd.DataFrame:
    """Agent hours each service-level target costs over the same intervals.

    Parameters
    ----------
    intervals : pandas.DataFrame
        As for :func:`staffing_table`: ``offered``, ``aht_s`` (s) and ``interval_min`` (minutes)
        per interval.
    targets : tuple of str
        Service-level targets written ``"PERCENT/SECONDS"`` (``"80/20"``: 80 % within 20 s).
    shrinkage : float
        Share of paid time not on contacts, 0-1 (0.3), for the scheduled hours.
    reference : str or None
        One of ``targets`` to compare the others with (``vs_reference_pct``).
    patience_s : float or None
        Mean patience of callers, seconds: use Erlang A.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``target``, ``service_level_pct`` (%), ``threshold_s`` (s),
        ``required_agent_h`` (agents on the phones x interval length, summed, h),
        ``scheduled_agent_h`` (the same with shrinkage, h) and, with ``reference``,
        ``vs_reference_pct`` (scheduled hours compared with the reference target's, %).

    Examples
    --------
    >>> day = pd.DataFrame({"offered": [100, 150], "aht_s": 180, "interval_min": 30})
    >>> costs = target_costs(day, ("80/20", "90/10"), shrinkage=0.3, reference="80/20")
    >>> costs[["target", "required_agent_h", "scheduled_agent_h", "vs_reference_pct"]].round(1)
      target  required_agent_h  scheduled_agent_h  vs_reference_pct
    0  80/20              16.5               24.0               0.0
    1  90/10              18.0               26.0               8.3
    """
    if reference is not None and reference not in targets:
        raise ValueError(f"reference {reference!r} is not one of the targets {list(targets)}")
    hours = intervals["interval_min"].to_numpy(float) / 60 if len(intervals) else 0.0
    rows = []
    for target in targets:
        pct, thr = _parse_target(target)
        tab = staffing_table(
            intervals,
            service_level=pct / 100,
            threshold_s=thr,
            shrinkage=shrinkage,
            patience_s=patience_s,
        )
        rows.append(
            {
                "target": target,
                "service_level_pct": pct,
                "threshold_s": thr,
                "required_agent_h": float((tab["agents"].to_numpy() * hours).sum()),
                "scheduled_agent_h": float((tab["scheduled"].to_numpy() * hours).sum()),
            }
        )
    out = pd.DataFrame(rows)
    if reference is not None:
        ref = out.set_index("target").loc[reference, "scheduled_agent_h"]
        out["vs_reference_pct"] = 100 * (out.scheduled_agent_h / ref - 1)
    return out
