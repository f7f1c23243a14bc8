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

__all__ = ["BlendedTeam", "SimulationResult"]

_PHONE, _EMAIL = 0, 1
_GROUPS = ("phone_agents", "email_agents", "blended_agents")


@dataclass
class SimulationResult:
    """What :meth:`BlendedTeam.run` returns.

    Attributes
    ----------
    intervals : pandas.DataFrame
        One row per replication x interval: ``replication``, ``interval`` (0, 1, ...),
        ``phone_offered``, ``phone_answered``, ``phone_answered_within`` (answered within
        ``threshold_s``), ``phone_abandoned`` (counts; calls counted in the interval they arrived),
        ``phone_wait_answered_s`` (summed wait of the answered calls, s), ``email_arrivals``,
        ``email_handled`` (counts), ``email_backlog_end`` (emails waiting at the interval's end) and
        ``email_oldest_age_h`` (age of the oldest waiting email at the interval's end, h).
    replications : pandas.DataFrame
        One row per replication, intervals before ``warmup_intervals`` left out: ``replication``,
        ``phone_offered`` (count), ``phone_service_level_pct`` (answered within the threshold /
        offered, %), ``phone_answered_service_level_pct`` (... / answered, %),
        ``phone_abandon_pct`` (%), ``phone_asa_s`` (s), ``email_handled`` (count),
        ``email_backlog_end`` (emails waiting at the end), ``email_oldest_age_h`` (h) and
        ``email_responded_within_pct`` (emails finished within ``email_within_h``, %).
    summary : pandas.DataFrame
        One row per column of ``replications``: ``metric`` (the column name, which carries the
        unit), ``mean``, ``ci_low``, ``ci_high`` (95 % t interval over replications) and ``n``
        (replications with a value).
    contacts_simulated : int
        Calls and emails simulated over all replications.
    interval_min : float
        Interval length in minutes.
    """

    intervals: pd.DataFrame
    replications: pd.DataFrame
    summary: pd.DataFrame
    contacts_simulated: int
    interval_min: float = 30

    def interval_means(self, *, day_start_h: float = 0.0) -> pd.DataFrame:
        """Per-interval results over all replications, ratios recomputed from the summed counts.

        Parameters
        ----------
        day_start_h : float
            Clock time of the first interval's start in hours (8.0 for 08:00), for ``start_h``.

        Returns
        -------
        pandas.DataFrame
            One row per interval: ``interval``; the count and second columns of ``intervals``
            summed over replications (``phone_offered``, ``phone_answered``,
            ``phone_answered_within``, ``phone_abandoned``, ``phone_wait_answered_s``,
            ``email_arrivals``, ``email_handled``); ``email_backlog_end`` (mean emails waiting at
            the interval's end) and ``email_oldest_age_h`` (mean age of the oldest, h);
            ``phone_service_level_pct`` and ``phone_abandon_pct`` (% of calls offered, NaN
            without calls) and ``start_h`` (interval start, hours after midnight of the first
            day).
        """
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
        out = out.reset_index()
        out["start_h"] = day_start_h + out["interval"] * self.interval_min / 60
        return out


class BlendedTeam:
    """A blended team configured once, then simulated for many replications or policies.

    Parameters
    ----------
    intervals : pandas.DataFrame
        One row per interval with ``phone_arrivals`` and ``email_arrivals`` (expected contacts in
        the interval) and ``phone_agents``, ``email_agents``, ``blended_agents`` (agents on shift).
    interval_min : float
        Interval length in minutes.
    phone_aht_s, email_handle_s : float
        Mean handle time of a call and of an email, seconds (exponential).
    patience_s : float or None
        Mean patience of callers, seconds (exponential); ``None`` for callers who never abandon.
    reserve : int
        The threshold ``s``: blended agents take email only while more than ``s`` phone-capable
        agents are idle.
    threshold_s : float
        Service-level threshold of the phone queue, seconds.
    email_within_h : float
        Email response target in hours, for ``email_responded_within_pct``.
    warmup_intervals : int
        Intervals left out of the per-replication figures (the queue starts empty).

    Raises
    ------
    KeyError
        When ``intervals`` lacks a column.
    ValueError
        When ``reserve`` is negative.
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
        self.interval_min = interval_min
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
        return _Replication(self, rng).run()

    def _replication_row(self, r: int, df: pd.DataFrame) -> dict[str, float]:
        """Totals and ratios of one replication, after the warm-up."""
        d = df[df.interval >= self.warmup_intervals]
        off = d.phone_offered.sum()
        ans = d.phone_answered.sum()
        within = d.phone_answered_within.sum()
        done = df.attrs["email_done"]
        return {
            "replication": r,
            "phone_offered": off,
            "phone_service_level_pct": 100 * within / off if off else np.nan,
            "phone_answered_service_level_pct": 100 * within / ans if ans else np.nan,
            "phone_abandon_pct": 100 * d.phone_abandoned.sum() / off if off else np.nan,
            "phone_asa_s": d.phone_wait_answered_s.sum() / ans if ans else np.nan,
            "email_handled": d.email_handled.sum(),
            "email_backlog_end": float(df.email_backlog_end.iloc[-1]),
            "email_oldest_age_h": float(df.email_oldest_age_h.iloc[-1]),
            "email_responded_within_pct": 100 * df.attrs["email_responded_within"] / done
            if done
            else np.nan,
        }

    # ------------------------------------------------------------------ replications
    def run(self, *, replications: int = 10, seed: int = 0) -> SimulationResult:
        """Simulate independent replications of the intervals and summarise them.

        Parameters
        ----------
        replications : int
            Independent runs (days, weeks...) of all intervals; at least 2.
        seed : int
            Seed of the random streams; the same seed gives the same result.

        Returns
        -------
        SimulationResult
            Per-interval counts, per-replication figures and their 95 % t intervals; see
            :class:`SimulationResult` for every column and its unit.
        """
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
            reps.append(self._replication_row(r, df))
        rep = pd.DataFrame(reps)
        return SimulationResult(
            pd.concat(frames, ignore_index=True),
            rep,
            _summary(rep.drop(columns="replication")),
            total,
            self.interval_min,
        )


def _summary(rep: pd.DataFrame) -> pd.DataFrame:
    """Mean and 95 % t interval of every column over replications."""
    rows = []
    for col in rep.columns:
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
    return pd.DataFrame(rows)


class _Replication:
    """One simulated replication: agents, queues, the event list and per-interval counters.

    Agent groups are ``0`` phone-only, ``1`` email-only and ``2`` blended. Calls are counted in
    the interval they arrived; emails handled in the interval they were finished.
    """

    def __init__(self, team: BlendedTeam, rng: np.random.Generator):
        self.team = team
        self.iv = team.intervals
        self.n_iv = len(self.iv)
        self.L = team.interval_s
        self.horizon = self.n_iv * self.L
        # arrivals: Poisson count per interval, uniform within it
        self.ph = self._arrivals(rng, "phone_arrivals")
        self.em = self._arrivals(rng, "email_arrivals")
        self.patience = (
            rng.exponential(team.patience_s, len(self.ph))
            if team.patience_s
            else np.full(len(self.ph), np.inf)
        )
        self.ph_service = rng.exponential(team.phone_aht_s, len(self.ph))
        self.em_service = rng.exponential(team.email_handle_s, len(self.em))
        # per-interval counters
        n_iv = self.n_iv
        self.offered = np.zeros(n_iv)
        self.answered = np.zeros(n_iv)
        self.within = np.zeros(n_iv)
        self.abandoned = np.zeros(n_iv)
        self.wait_ans = np.zeros(n_iv)
        self.em_handled = np.zeros(n_iv)
        self.em_backlog = np.zeros(n_iv)
        self.em_oldest = np.zeros(n_iv)
        self.em_within = 0
        self.em_done = 0
        # agents: state per agent id
        self.group: list[int] = []  # 0 phone, 1 email, 2 blended
        self.busy: list[bool] = []
        self.leaving: list[bool] = []
        self.active: list[bool] = []
        self.idle: dict[int, set[int]] = {0: set(), 1: set(), 2: set()}
        self.on_shift = [0, 0, 0]  # agents of each group on shift and not leaving
        self.phone_q: deque[int] = deque()  # indices into ph
        self.email_q: deque[int] = deque()  # indices into em
        self.events: list[tuple[float, int, int, int, int]] = []  # (time, seq, agent, kind, item)
        self.seq = 0
        self.pi = 0  # next phone arrival
        self.ei = 0  # next email arrival

    def _arrivals(self, rng: np.random.Generator, col: str) -> np.ndarray:
        L = self.L
        counts = rng.poisson(self.iv[col].to_numpy(float))
        times = [np.sort(rng.uniform(i * L, (i + 1) * L, c)) for i, c in enumerate(counts)]
        return np.concatenate(times) if times else np.empty(0)

    # ------------------------------------------------------------------ helpers
    def iv_of(self, t: float) -> int:
        return min(int(t // self.L), self.n_iv - 1)

    def purge(self, now: float) -> None:
        """Callers whose patience ran out by ``now`` leave the head of the phone queue."""
        ph, patience, phone_q = self.ph, self.patience, self.phone_q
        while phone_q:
            j = phone_q[0]
            if ph[j] + patience[j] <= now:
                phone_q.popleft()
                self.abandoned[self.iv_of(ph[j])] += 1
            else:
                break

    def phone_capable_idle(self) -> int:
        return len(self.idle[0]) + len(self.idle[2])

    def start(self, agent: int, kind: int, item: int, now: float) -> None:
        self.busy[agent] = True
        self.idle[self.group[agent]].discard(agent)
        if kind == _PHONE:
            w = now - self.ph[item]
            k = self.iv_of(self.ph[item])
            self.answered[k] += 1
            self.wait_ans[k] += w
            if w <= self.team.threshold_s:
                self.within[k] += 1
            dur = self.ph_service[item]
        else:
            dur = self.em_service[item]
        self.seq += 1
        heapq.heappush(self.events, (now + dur, self.seq, agent, kind, item))

    def dispatch(self, agent: int, now: float) -> None:
        """A free agent picks work by the policy, or goes idle (or leaves)."""
        if self.leaving[agent]:
            self.active[agent] = False
            self.busy[agent] = False
            self.idle[self.group[agent]].discard(agent)
            return
        g = self.group[agent]
        self.busy[agent] = False
        self.idle[g].add(agent)
        if g in (0, 2):
            self.purge(now)
            if self.phone_q:
                self.start(agent, _PHONE, self.phone_q.popleft(), now)
                return
        if g == 1 and self.email_q:
            self.start(agent, _EMAIL, self.email_q.popleft(), now)
            return
        if g == 2 and self.email_q and self.phone_capable_idle() > self.team.reserve:
            self.start(agent, _EMAIL, self.email_q.popleft(), now)

    # ------------------------------------------------------------------ staffing changes
    def _hire(self, g: int, want: int, now: float) -> None:
        """Un-mark agents of group ``g`` who were about to leave, then hire new ones."""
        for a in range(len(self.group)):
            if want == self.on_shift[g]:
                break
            if self.group[a] == g and self.active[a] and self.leaving[a]:
                self.leaving[a] = False
                self.on_shift[g] += 1
        while self.on_shift[g] < want:
            self.group.append(g)
            self.busy.append(False)
            self.leaving.append(False)
            self.active.append(True)
            self.on_shift[g] += 1
            self.dispatch(len(self.group) - 1, now)

    def _release(self, g: int, drop: int) -> None:
        """Idle agents of group ``g`` leave at once; busy ones finish their contact first."""
        for a in list(self.idle[g]):
            if drop == 0:
                break
            self.idle[g].discard(a)
            self.active[a] = False
            self.on_shift[g] -= 1
            drop -= 1
        for a in range(len(self.group)):
            if drop == 0:
                break
            if self.group[a] == g and self.active[a] and self.busy[a] and not self.leaving[a]:
                self.leaving[a] = True
                self.on_shift[g] -= 1
                drop -= 1

    def set_staff(self, i: int, now: float) -> None:
        for g, col in enumerate(_GROUPS):
            want = int(self.iv.at[i, col])
            have = self.on_shift[g]
            if want > have:
                self._hire(g, want, now)
            elif want < have:
                self._release(g, have - want)

    # ------------------------------------------------------------------ events
    def boundary(self, b: int, now: float) -> None:
        """The end of interval ``b - 1`` (its email backlog) and the start of interval ``b``."""
        if b > 0:
            k = b - 1
            self.purge(now)
            self.em_backlog[k] = len(self.email_q)
            self.em_oldest[k] = (now - self.em[self.email_q[0]]) / 3600 if self.email_q else 0.0
        if b < self.n_iv:
            self.set_staff(b, now)
            # new idle capacity may release waiting work
            for g in (0, 2, 1):
                for a in list(self.idle[g]):
                    if a in self.idle[g] and not self.busy[a]:
                        self.dispatch(a, now)

    def after_close(self, now: float) -> None:
        """After closing: agents finish and clear the phone queue; no email is started."""
        _, _, agent, kind, item = heapq.heappop(self.events)
        if kind == _EMAIL:
            self.em_done += 1
            self.em_within += int(now - self.em[item] <= self.team.email_within_s)
        self.purge(now)
        if self.phone_q:
            self.start(agent, _PHONE, self.phone_q.popleft(), now)

    def finish(self, now: float) -> None:
        """An agent finishes a contact and picks the next."""
        _, _, agent, kind, item = heapq.heappop(self.events)
        if kind == _EMAIL:
            self.em_handled[self.iv_of(now)] += 1
            self.em_done += 1
            if now - self.em[item] <= self.team.email_within_s:
                self.em_within += 1
        self.dispatch(agent, now)

    def phone_arrival(self, now: float) -> None:
        j = self.pi
        self.pi += 1
        self.offered[self.iv_of(now)] += 1
        self.purge(now)
        free = next(iter(self.idle[0]), None)
        if free is None:
            free = next(iter(self.idle[2]), None)
        if free is not None and not self.phone_q:
            self.start(free, _PHONE, j, now)
        else:
            self.phone_q.append(j)

    def email_arrival(self, now: float) -> None:
        j = self.ei
        self.ei += 1
        free = next(iter(self.idle[1]), None)
        if free is None and self.idle[2] and self.phone_capable_idle() > self.team.reserve:
            free = next(iter(self.idle[2]))
        if free is not None and not self.email_q:
            self.start(free, _EMAIL, j, now)
        else:
            self.email_q.append(j)

    # ------------------------------------------------------------------ the run
    def run(self) -> tuple[pd.DataFrame, int]:
        """Simulate until every contact is done; per-interval counts and contacts simulated."""
        ph, em, n_iv, L = self.ph, self.em, self.n_iv, self.L
        next_boundary = 0.0
        b = 0
        while True:
            t_ph = ph[self.pi] if self.pi < len(ph) else math.inf
            t_em = em[self.ei] if self.ei < len(em) else math.inf
            t_ev = self.events[0][0] if self.events else math.inf
            t_b = next_boundary if b <= n_iv else math.inf
            now = min(t_ph, t_em, t_ev, t_b)
            if now == math.inf or now > self.horizon and not self.events and t_b == math.inf:
                break
            if now == t_b:
                self.boundary(b, now)
                b += 1
                next_boundary = b * L
                if b > n_iv:
                    next_boundary = math.inf
            elif now > self.horizon:
                self.after_close(now)
            elif now == t_ev:
                self.finish(now)
            elif now == t_ph:
                self.phone_arrival(now)
            else:
                self.email_arrival(now)
        self.purge(math.inf)  # nobody is left: every call offered was answered or abandoned
        assert self.answered.sum() + self.abandoned.sum() == self.offered.sum(), (
            "phone contacts must add up"
        )
        return self._frame(), len(ph) + len(em)

    def _frame(self) -> pd.DataFrame:
        n_iv, em = self.n_iv, self.em
        df = pd.DataFrame(
            {
                "interval": np.arange(n_iv),
                "phone_offered": self.offered,
                "phone_answered": self.answered,
                "phone_answered_within": self.within,
                "phone_abandoned": self.abandoned,
                "phone_wait_answered_s": self.wait_ans,
                "email_arrivals": np.bincount([self.iv_of(x) for x in em], minlength=n_iv).astype(
                    float
                )
                if len(em)
                else np.zeros(n_iv),
                "email_handled": self.em_handled,
                "email_backlog_end": self.em_backlog,
                "email_oldest_age_h": self.em_oldest,
            }
        )
        df.attrs["email_responded_within"] = self.em_within
        df.attrs["email_done"] = self.em_done
        return df
