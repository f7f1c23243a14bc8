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

# ----------------------------------------------------------------------------- Erlang B / C


def erlang_b(agents: Any, load: Any) -> np.ndarray:
    """Erlang B blocking probability by the stable recursion, vectorised over arrays.

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
    """Probability that an arrival waits (Erlang C); 1 where the queue is unstable (N <= a)."""
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

    ``service_level`` is the share answered within ``threshold_s`` (all answered eventually in
    M/M/N, so the ``offered`` and ``answered`` variants coincide). Inputs broadcast, so a week of
    intervals is one call. Unstable intervals (agents <= load) give service level 0, infinite ASA.
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

    ``service_level`` is a share (0.8), ``asa_s`` a ceiling on ASA, ``max_occupancy`` a cap (0.85).
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
    """Vectorised :func:`required_agents` over rows with ``arrivals_per_s`` and ``aht_s``."""
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

    >>> scheduled_agents(14, shrinkage=0.3)
    20
    """
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage is a share in [0, 1), e.g. 0.3, not {shrinkage}")
    # round away floating error before the ceiling: 14 / 0.7 is 20.000000000000004
    out = np.ceil(np.round(np.asarray(required, dtype=float) / (1 - shrinkage), 9)).astype(np.int64)
    return int(out) if np.ndim(out) == 0 else out


# ----------------------------------------------------------------------------- Erlang A


def _erlang_a_one(lam: float, aht: float, patience: float, n: int, t: float) -> dict[str, float]:
    mu = 1.0 / aht
    theta = 1.0 / patience
    a = lam * aht
    x = n * mu / theta  # nmu / theta
    y = lam / theta
    if n == 0:
        # nobody serves: everyone abandons; each waits their patience
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
    # queue length k seen by an arrival who finds all busy: q_k = y^k / prod_{i=1..k}(x + i)
    kmax = int(max(y - x, 0) + 40 + 12 * math.sqrt(y + 1))
    while True:
        k = np.arange(kmax + 1, dtype=float)
        logq = k * math.log(y) - (special.gammaln(x + k + 1) - special.gammaln(x + 1))
        if logq[-1] - logq.max() < -60 or kmax > 5_000_000:
            break
        kmax *= 2
    q = np.exp(logq - logq.max())
    scale = logq.max()
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
    """Erlang A (M/M/N+M) performance, exact.

    Returns ``p_wait``, ``p_abandon`` (share of offered who abandon), ``service_level`` (offered
    variant: answered within T / offered), ``service_level_answered`` (answered variant), ``asa_s``,
    ``abandon_within_t``, ``occupancy``, ``answered`` (share), ``mean_wait_s`` (all callers).

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

    >>> estimate_patience_s(12_000, 100)
    120.0
    """
    if abandons <= 0:
        raise ValueError(
            "no abandons: patience cannot be estimated (it is longer than every wait seen)"
        )
    return total_wait_s / abandons


# ----------------------------------------------------------------------------- tidy interval tables


def staffing_table(
    intervals: pd.DataFrame,
    *,
    service_level: float | None = 0.8,
    threshold_s: float = 20.0,
    asa_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    patience_s: float | None = None,
) -> pd.DataFrame:
    """Agents per interval for a target, or the performance of the agents given.

    ``intervals`` has ``offered`` (contacts per interval), ``aht_s`` and ``interval_min`` (or one
    interval length for all), optionally ``agents`` (then those are evaluated instead of solved
    for) and any id columns (kept). With ``patience_s`` the model is Erlang A (abandonment, the
    ``service_level`` column is the offered variant); otherwise Erlang C.

    Returns the input columns plus ``load_erlangs, agents, service_level, asa_s, abandon_share,
    occupancy, scheduled``. Intervals with no contacts need 0 agents.

    >>> week = pd.DataFrame({"offered": [100, 0, 50], "aht_s": 180, "interval_min": 30})
    >>> staffing_table(week, service_level=0.8, threshold_s=20, shrinkage=0.3)[["agents", "scheduled"]].values.tolist()
    [[14, 20], [0, 0], [8, 12]]
    """
    for col in ("offered", "aht_s", "interval_min"):
        if col not in intervals.columns:
            raise KeyError(
                f"staffing_table needs a column {col!r}; it has {list(intervals.columns)}"
            )
    lam = intervals["offered"].to_numpy(float) / (intervals["interval_min"].to_numpy(float) * 60)
    aht = intervals["aht_s"].to_numpy(float)
    given = "agents" in intervals.columns
    if patience_s is None:
        if given:
            agents = intervals["agents"].to_numpy(np.int64)
        else:
            agents = required_agents_many(
                pd.DataFrame({"arrivals_per_s": lam, "aht_s": aht}),
                service_level=service_level,
                threshold_s=threshold_s,
                asa_s=asa_s,
                max_occupancy=max_occupancy,
            )
        r = erlang_c(arrivals_per_s=lam, aht_s=aht, agents=agents, threshold_s=threshold_s)
        sl = np.where(lam > 0, r["service_level"], np.nan)
        asa = np.where(lam > 0, r["asa_s"], np.nan)
        occ = np.where(agents > 0, r["occupancy"], np.nan)
        aband = np.zeros(len(lam))
    else:
        n_given = intervals["agents"].to_numpy(np.int64) if given else None
        agents_list, sl_l, asa_l, occ_l, ab_l = [], [], [], [], []
        for i in range(len(lam)):
            if lam[i] == 0:
                n = int(n_given[i]) if n_given is not None else 0
                agents_list.append(n)
                sl_l.append(np.nan)
                asa_l.append(np.nan)
                occ_l.append(0.0 if n else np.nan)
                ab_l.append(np.nan)
                continue
            if n_given is not None:
                n = int(n_given[i])
            else:
                if service_level is None:
                    raise ValueError("with patience_s give service_level")
                n = required_agents_erlang_a(
                    arrivals_per_s=lam[i],
                    aht_s=aht[i],
                    patience_s=patience_s,
                    service_level=service_level,
                    threshold_s=threshold_s,
                )
            ra = erlang_a(
                arrivals_per_s=lam[i],
                aht_s=aht[i],
                patience_s=patience_s,
                agents=n,
                threshold_s=threshold_s,
            )
            agents_list.append(n)
            sl_l.append(ra["service_level"])
            asa_l.append(ra["asa_s"])
            occ_l.append(ra["occupancy"])
            ab_l.append(ra["p_abandon"])
        agents, sl, asa, occ, aband = (
            np.asarray(v) for v in (agents_list, sl_l, asa_l, occ_l, ab_l)
        )
    agents = np.asarray(agents).astype(np.int64)
    new_cols = pd.DataFrame(
        {
            "load_erlangs": lam * aht,
            "agents": agents,
            "service_level": sl,
            "asa_s": asa,
            "abandon_share": aband,
            "occupancy": occ,
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

    Returns one row per ``agents x threshold_s`` with ``service_level, asa_s, occupancy`` (and
    ``abandon_share`` with patience).

    >>> cc = cost_curve(offered=100, interval_min=30, aht_s=180, thresholds_s=(20,), agents=range(11, 16))
    >>> cc.round(3).service_level.tolist()
    [0.39, 0.64, 0.796, 0.888, 0.941]
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
                rows.append(
                    {
                        "agents": n,
                        "threshold_s": t,
                        "service_level": r["service_level"],
                        "asa_s": r["asa_s"],
                        "occupancy": r["occupancy"],
                        "abandon_share": r["p_abandon"],
                    }
                )
            else:
                rc = erlang_c(arrivals_per_s=lam, aht_s=aht_s, agents=n, threshold_s=t)
                rows.append(
                    {
                        "agents": n,
                        "threshold_s": t,
                        "service_level": float(rc["service_level"]),
                        "asa_s": float(rc["asa_s"]),
                        "occupancy": float(rc["occupancy"]),
                    }
                )
    return pd.DataFrame(rows)
