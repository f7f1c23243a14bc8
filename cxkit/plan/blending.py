"""A discrete-event simulation of a blended team: phone plus one asynchronous channel (email).

Agents come in three groups per interval: phone-only, email-only and **blended**. Blended agents
answer calls first and take email only while more than ``reserve`` phone-capable agents are idle
(the threshold policy of Bhulai and Koole): a few agents are always kept free for the next call.

Time-varying arrivals (Poisson within each interval), exponential handle times and exponential
patience (callers abandon). Staffing changes at interval boundaries without phantom capacity: an
agent whose shift ends finishes the contact in hand and then leaves; a new agent starts idle.

>>> iv = pd.DataFrame({"phone_arrivals": [100] * 4, "email_arrivals": [30] * 4,
...                    "phone_agents": [11] * 4, "email_agents": [0] * 4, "blended_agents": [4] * 4})
>>> team = BlendedTeam(iv, interval_min=30, phone_aht_s=180, email_handle_s=300, patience_s=120)
>>> res = team.run(replications=3, seed=1)
>>> s = res.summary.set_index("metric")
>>> bool(0 < s.loc["phone_service_level_pct", "mean"] < 100), bool(s.loc["phone_abandon_pct", "ci_low"] >= 0)
(True, True)
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

_PHONE, _EMAIL = 0, 1
_GROUPS = ("phone_agents", "email_agents", "blended_agents")


@dataclass
class SimulationResult:
    """What :meth:`BlendedTeam.run` returns.

    ``intervals``: one row per replication x interval with ``phone_offered, phone_answered,
    phone_answered_within, phone_abandoned, phone_wait_answered_s, email_arrivals, email_handled,
    email_backlog_end, email_oldest_age_h`` (calls counted in the interval they arrived).
    ``replications``: one row per replication with the totals and ratios.
    ``summary``: one row per metric with ``mean, ci_low, ci_high`` over replications (t interval, 95 %).
    """

    intervals: pd.DataFrame
    replications: pd.DataFrame
    summary: pd.DataFrame
    contacts_simulated: int

    def interval_means(self) -> pd.DataFrame:
        """Per-interval means over replications, with phone service level recomputed from counts."""
        g = self.intervals.groupby("interval").sum(numeric_only=True).drop(columns="replication")
        n_rep = self.intervals.replication.nunique()
        out = g.copy()
        out["phone_service_level_pct"] = (
            100 * g.phone_answered_within / g.phone_offered.where(g.phone_offered > 0)
        )
        out["phone_abandon_pct"] = (
            100 * g.phone_abandoned / g.phone_offered.where(g.phone_offered > 0)
        )
        out["email_backlog_end"] = g.email_backlog_end / n_rep
        out["email_oldest_age_h"] = g.email_oldest_age_h / n_rep
        return out.reset_index()


class BlendedTeam:
    """A blended team configured once, then simulated for many replications or policies.

    ``intervals`` has ``phone_arrivals`` and ``email_arrivals`` (expected counts per interval) and
    ``phone_agents``, ``email_agents``, ``blended_agents`` (agents on shift). ``reserve`` is the
    threshold ``s``: blended agents take email only while more than ``s`` phone-capable agents are
    idle. ``email_within_h`` is the email response target used for ``email_responded_within_pct``.
    Set ``patience_s=None`` for callers who never abandon.
    """

    def __init__(
        self,
        intervals: pd.DataFrame,
        *,
        interval_min: float = 30,
        phone_aht_s: float = 300,
        email_handle_s: float = 420,
        patience_s: float | None = 180,
        reserve: int = 2,
        threshold_s: float = 20,
        email_within_h: float = 4,
        warmup_intervals: int = 0,
    ):
        missing = [
            c for c in ("phone_arrivals", "email_arrivals", *_GROUPS) if c not in intervals.columns
        ]
        if missing:
            raise KeyError(f"BlendedTeam needs columns {missing}; it has {list(intervals.columns)}")
        if reserve < 0:
            raise ValueError("reserve (the threshold s) must be >= 0")
        self.intervals = intervals.reset_index(drop=True)
        self.interval_s = interval_min * 60.0
        self.phone_aht_s = phone_aht_s
        self.email_handle_s = email_handle_s
        self.patience_s = patience_s
        self.reserve = reserve
        self.threshold_s = threshold_s
        self.email_within_s = email_within_h * 3600
        self.warmup_intervals = warmup_intervals

    # ------------------------------------------------------------------ one replication
    def _simulate(self, rng: np.random.Generator) -> tuple[pd.DataFrame, int]:
        iv = self.intervals
        n_iv = len(iv)
        L = self.interval_s
        horizon = n_iv * L

        # arrivals: Poisson count per interval, uniform within it
        def arrivals(col: str) -> np.ndarray:
            counts = rng.poisson(iv[col].to_numpy(float))
            times = [np.sort(rng.uniform(i * L, (i + 1) * L, c)) for i, c in enumerate(counts)]
            return np.concatenate(times) if times else np.empty(0)

        ph = arrivals("phone_arrivals")
        em = arrivals("email_arrivals")
        patience = (
            rng.exponential(self.patience_s, len(ph))
            if self.patience_s
            else np.full(len(ph), np.inf)
        )
        ph_service = rng.exponential(self.phone_aht_s, len(ph))
        em_service = rng.exponential(self.email_handle_s, len(em))

        # per-interval counters
        offered = np.zeros(n_iv)
        answered = np.zeros(n_iv)
        within = np.zeros(n_iv)
        abandoned = np.zeros(n_iv)
        wait_ans = np.zeros(n_iv)
        em_handled = np.zeros(n_iv)
        em_backlog = np.zeros(n_iv)
        em_oldest = np.zeros(n_iv)
        em_within = 0
        em_done = 0

        # agents: state per agent id
        group: list[int] = []  # 0 phone, 1 email, 2 blended
        busy: list[bool] = []
        leaving: list[bool] = []
        active: list[bool] = []
        idle = {0: set(), 1: set(), 2: set()}
        on_shift = [0, 0, 0]  # agents of each group on shift and not leaving

        phone_q: deque[int] = deque()  # indices into ph
        email_q: deque[int] = deque()  # indices into em
        events: list[tuple[float, int, int, int, int]] = []  # (time, seq, agent, kind, item)
        seq = 0

        def iv_of(t: float) -> int:
            return min(int(t // L), n_iv - 1)

        def purge(now: float) -> None:
            while phone_q:
                j = phone_q[0]
                if ph[j] + patience[j] <= now:
                    phone_q.popleft()
                    abandoned[iv_of(ph[j])] += 1
                else:
                    break

        def phone_capable_idle() -> int:
            return len(idle[0]) + len(idle[2])

        def start(agent: int, kind: int, item: int, now: float) -> None:
            nonlocal seq
            busy[agent] = True
            idle[group[agent]].discard(agent)
            if kind == _PHONE:
                w = now - ph[item]
                k = iv_of(ph[item])
                answered[k] += 1
                wait_ans[k] += w
                if w <= self.threshold_s:
                    within[k] += 1
                dur = ph_service[item]
            else:
                dur = em_service[item]
            seq += 1
            heapq.heappush(events, (now + dur, seq, agent, kind, item))

        def dispatch(agent: int, now: float) -> None:
            """A free agent picks work by the policy, or goes idle (or leaves)."""
            if leaving[agent]:
                active[agent] = False
                busy[agent] = False
                idle[group[agent]].discard(agent)
                return
            g = group[agent]
            busy[agent] = False
            idle[g].add(agent)
            if g in (0, 2):
                purge(now)
                if phone_q:
                    start(agent, _PHONE, phone_q.popleft(), now)
                    return
            if g == 1 and email_q:
                start(agent, _EMAIL, email_q.popleft(), now)
                return
            if g == 2 and email_q and phone_capable_idle() > self.reserve:
                start(agent, _EMAIL, email_q.popleft(), now)

        def set_staff(i: int, now: float) -> None:
            for g, col in enumerate(_GROUPS):
                want = int(iv.at[i, col])
                have = on_shift[g]
                if want > have:
                    # first un-mark agents who were about to leave, then hire new ones
                    for a in range(len(group)):
                        if want == on_shift[g]:
                            break
                        if group[a] == g and active[a] and leaving[a]:
                            leaving[a] = False
                            on_shift[g] += 1
                    while on_shift[g] < want:
                        group.append(g)
                        busy.append(False)
                        leaving.append(False)
                        active.append(True)
                        on_shift[g] += 1
                        dispatch(len(group) - 1, now)
                elif want < have:
                    drop = have - want
                    for a in list(idle[g]):  # idle agents leave at once
                        if drop == 0:
                            break
                        idle[g].discard(a)
                        active[a] = False
                        on_shift[g] -= 1
                        drop -= 1
                    for a in range(len(group)):  # busy ones finish their contact first
                        if drop == 0:
                            break
                        if group[a] == g and active[a] and busy[a] and not leaving[a]:
                            leaving[a] = True
                            on_shift[g] -= 1
                            drop -= 1

        pi = ei = 0
        next_boundary = 0.0
        b = 0
        while True:
            t_ph = ph[pi] if pi < len(ph) else math.inf
            t_em = em[ei] if ei < len(em) else math.inf
            t_ev = events[0][0] if events else math.inf
            t_b = next_boundary if b <= n_iv else math.inf
            now = min(t_ph, t_em, t_ev, t_b)
            if now == math.inf or now > horizon and not events and t_b == math.inf:
                break
            if now == t_b:
                if b > 0:
                    k = b - 1
                    purge(now)
                    em_backlog[k] = len(email_q)
                    em_oldest[k] = (now - em[email_q[0]]) / 3600 if email_q else 0.0
                if b < n_iv:
                    set_staff(b, now)
                    # new idle capacity may release waiting work
                    for g in (0, 2, 1):
                        for a in list(idle[g]):
                            if a in idle[g] and not busy[a]:
                                dispatch(a, now)
                b += 1
                next_boundary = b * L
                if b > n_iv:
                    next_boundary = math.inf
                continue
            if now > horizon:
                # after closing: agents finish and clear the phone queue; no email is started
                _, _, agent, kind, item = heapq.heappop(events)
                if kind == _EMAIL:
                    em_done += 1
                    em_within += int(now - em[item] <= self.email_within_s)
                purge(now)
                if phone_q:
                    start(agent, _PHONE, phone_q.popleft(), now)
                continue
            if now == t_ev:
                _, _, agent, kind, item = heapq.heappop(events)
                if kind == _EMAIL:
                    em_handled[iv_of(now)] += 1
                    em_done += 1
                    if now - em[item] <= self.email_within_s:
                        em_within += 1
                dispatch(agent, now)
            elif now == t_ph:
                j = pi
                pi += 1
                offered[iv_of(now)] += 1
                purge(now)
                free = next(iter(idle[0]), None)
                if free is None:
                    free = next(iter(idle[2]), None)
                if free is not None and not phone_q:
                    start(free, _PHONE, j, now)
                else:
                    phone_q.append(j)
            else:
                j = ei
                ei += 1
                free = next(iter(idle[1]), None)
                if free is None and idle[2] and phone_capable_idle() > self.reserve:
                    free = next(iter(idle[2]))
                if free is not None and not email_q:
                    start(free, _EMAIL, j, now)
                else:
                    email_q.append(j)
        purge(math.inf)  # nobody is left: every call offered was answered or abandoned
        assert answered.sum() + abandoned.sum() == offered.sum(), "phone contacts must add up"
        df = pd.DataFrame(
            {
                "interval": np.arange(n_iv),
                "phone_offered": offered,
                "phone_answered": answered,
                "phone_answered_within": within,
                "phone_abandoned": abandoned,
                "phone_wait_answered_s": wait_ans,
                "email_arrivals": np.bincount([iv_of(x) for x in em], minlength=n_iv).astype(float)
                if len(em)
                else np.zeros(n_iv),
                "email_handled": em_handled,
                "email_backlog_end": em_backlog,
                "email_oldest_age_h": em_oldest,
            }
        )
        df.attrs["email_responded_within"] = em_within
        df.attrs["email_done"] = em_done
        return df, len(ph) + len(em)

    # ------------------------------------------------------------------ replications
    def run(self, *, replications: int = 10, seed: int = 0) -> SimulationResult:
        """Simulate ``replications`` independent days (weeks...) and summarise with 95 % t intervals."""
        if replications < 2:
            raise ValueError("run at least 2 replications to get a confidence interval")
        ss = np.random.SeedSequence(seed)
        frames, reps = [], []
        total = 0
        for r, child in enumerate(ss.spawn(replications)):
            df, n = self._simulate(np.random.default_rng(child))
            total += n
            df.insert(0, "replication", r)
            frames.append(df)
            d = df[df.interval >= self.warmup_intervals]
            off = d.phone_offered.sum()
            ans = d.phone_answered.sum()
            reps.append(
                {
                    "replication": r,
                    "phone_offered": off,
                    "phone_service_level_pct": 100 * d.phone_answered_within.sum() / off
                    if off
                    else np.nan,
                    "phone_answered_service_level_pct": 100 * d.phone_answered_within.sum() / ans
                    if ans
                    else np.nan,
                    "phone_abandon_pct": 100 * d.phone_abandoned.sum() / off if off else np.nan,
                    "phone_asa_s": d.phone_wait_answered_s.sum() / ans if ans else np.nan,
                    "email_handled": d.email_handled.sum(),
                    "email_backlog_end": float(df.email_backlog_end.iloc[-1]),
                    "email_oldest_age_h": float(df.email_oldest_age_h.iloc[-1]),
                    "email_responded_within_pct": 100
                    * df.attrs["email_responded_within"]
                    / df.attrs["email_done"]
                    if df.attrs["email_done"]
                    else np.nan,
                }
            )
        rep = pd.DataFrame(reps)
        rows = []
        for col in rep.columns.drop(["replication"]):
            x = rep[col].dropna().to_numpy(float)
            mean = float(x.mean()) if len(x) else np.nan
            if len(x) >= 2 and x.std(ddof=1) > 0:
                half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
            else:
                half = 0.0
            rows.append(
                {
                    "metric": col,
                    "mean": mean,
                    "ci_low": mean - half,
                    "ci_high": mean + half,
                    "n": len(x),
                }
            )
        return SimulationResult(
            pd.concat(frames, ignore_index=True), rep, pd.DataFrame(rows), total
        )
