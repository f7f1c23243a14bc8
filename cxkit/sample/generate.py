"""A synthetic contact centre whose numbers behave like a real one.

Arrivals follow :mod:`cxkit.plan.profiles` (weekday, intraday, Finnish holidays). Phone and chat queue
in a first-come-first-served simulation with named agents on an interval staffing plan: waits and
abandonment *emerge* from arrivals, staffing and patience. Email, web forms and social are worked
first-in-first-out by their teams in opening hours. What happens to a contact decides what follows:
unresolved contacts come back (repeat contacts), abandoned callers retry, customers whose email is
not answered in time call (chasers). One agent, Ville, games handle time by hanging up on callers.
Surveys and QA evaluations are drawn from what happened in the contact.

>>> c = generate(days=3, seed=1, scale=0.05)
>>> sorted(c)
['contacts', 'conversations', 'evaluations', 'intervals', 'staffing', 'surveys', 'tickets']
>>> bool((c["contacts"].outcome == "abandoned").any()), bool((c["contacts"].wait_s > 20).any())
(True, True)
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cxkit.plan.profiles import arrival_profile
from cxkit.plan.staffing import required_agents_many
from cxkit.sample.calibration import answers_of, calibration_sessions
from cxkit.sample.conversations import conversation_log

__all__ = [
    "FIRST_NAMES",
    "GAMER",
    "QA_FORM",
    "SPECS",
    "TZ",
    "ChannelSpec",
    "generate",
    "interval_report",
    "write_sample",
]

#: Time zone of the sample contact centre.
TZ = "Europe/Helsinki"
#: The agent who games handle time by hanging up on callers.
GAMER = "Ville"
_NAMES = """
Aino Eero Liisa Mikko Ville Sanna Juha Kaisa Timo Heidi Antti Laura Jari Minna Pekka Elina Tuomas
Riikka Janne Satu Olli Hanna Markus Tiina Sami Jenni Petri Anu Kari Noora Risto Emilia Teemu Sari
Ilkka Veera Lauri Maria Henri Outi Tapio Johanna Arto Katja Eino Helmi
"""
#: First names of the sample's agents, in the order teams are filled.
FIRST_NAMES: tuple[str, ...] = tuple(_NAMES.split())


@dataclass(frozen=True)
class ChannelSpec:
    """How a channel of the sample behaves.

    Attributes
    ----------
    channel : str
        Channel name, a key of :data:`cxkit.plan.profiles.DAILY_VOLUME`.
    kind : str
        ``sync`` (queues in real time: phone, chat) or ``async`` (worked from a backlog).
    aht_s : float
        Mean talk time (sync) or handle time (async), seconds.
    acw_s, hold_s : float
        Mean after-call work and mean hold, seconds (sync).
    patience_s : float
        Mean patience of a queued customer, seconds (sync).
    resolve_p : float
        Probability (0-1) that a handled contact resolves the customer's need.
    team : int
        Agents in the team: the most the plan can put on shift.
    understaff : float
        Share (0-1) of the required agents missing at Monday peaks.
    uplift : float
        Factor on the forecast of new contacts for the plan (repeats, retries and chasers come
        on top of the forecast).
    """

    channel: str
    kind: str
    aht_s: float
    acw_s: float = 0.0
    hold_s: float = 0.0
    patience_s: float = 120.0
    resolve_p: float = 0.8
    team: int = 10
    understaff: float = 0.0
    uplift: float = 1.0


#: The sample's channels.
SPECS: dict[str, ChannelSpec] = {
    "phone": ChannelSpec(
        "phone",
        "sync",
        230,
        acw_s=45,
        hold_s=20,
        patience_s=150,
        resolve_p=0.82,
        team=40,
        understaff=0.18,
        uplift=1.3,
    ),
    "chat": ChannelSpec(
        "chat",
        "sync",
        420,
        acw_s=30,
        patience_s=240,
        resolve_p=0.78,
        team=14,
        understaff=0.1,
        uplift=1.1,
    ),
    "email": ChannelSpec(
        "email", "async", 420, resolve_p=0.8, team=12, understaff=0.35, uplift=1.1
    ),
    "web_form": ChannelSpec("web_form", "async", 540, resolve_p=0.85, team=5),
    "social": ChannelSpec("social", "async", 300, resolve_p=0.75, team=3),
}


def _lognormal(rng: np.random.Generator, mean: float, cv: float, n: int) -> np.ndarray:
    sigma = math.sqrt(math.log(1 + cv * cv))
    return rng.lognormal(math.log(mean) - sigma * sigma / 2, sigma, n)


class _Customers:
    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.n = 0

    def new(self, k: int) -> np.ndarray:
        ids = np.arange(self.n, self.n + k)
        self.n += k
        return np.array([f"CUST-{i:07d}" for i in ids], dtype=object)


def _async_need(
    profile: pd.DataFrame, exp: np.ndarray, spec: ChannelSpec, interval_min: int
) -> np.ndarray:
    """Agents of an async team: weekday office hours (8-16), sized to the week's work (weekend
    arrivals included) spread over the week's office hours with a 15 % margin, so the backlog is
    stable."""
    ts_ = profile["interval_start"]
    week = (
        ts_.dt.tz_localize(None).dt.to_period("W")
        if ts_.dt.tz is not None
        else ts_.dt.to_period("W")
    )
    weekday = ts_.dt.day_of_week.to_numpy() < 5
    hours = ts_.dt.hour.to_numpy()
    office = weekday & (hours >= 8) & (hours < 16)
    work_h = pd.Series(exp * spec.aht_s / 3600).groupby(week.to_numpy()).transform("sum").to_numpy()
    office_h = (
        pd.Series(office * interval_min / 60).groupby(week.to_numpy()).transform("sum").to_numpy()
    )
    need = np.where(office, np.ceil(work_h / np.maximum(office_h, 1e-9) * 1.15), 0).astype(int)
    return np.where(office & (work_h > 0), np.maximum(need, 1), need)


def _plan(
    profile: pd.DataFrame, spec: ChannelSpec, rng: np.random.Generator, interval_min: int
) -> pd.DataFrame:
    """Agents per interval: Erlang C for 80/20 (sync) or the work in the interval (async), with
    Monday-peak shortfalls and random absence, capped by the team size."""
    exp = profile["expected"].to_numpy() * spec.uplift
    if spec.kind == "sync":
        lam = exp / (interval_min * 60)
        need = required_agents_many(
            pd.DataFrame({"arrivals_per_s": lam, "aht_s": spec.aht_s + spec.hold_s + spec.acw_s}),
            service_level=0.8,
            threshold_s=20 if spec.channel == "phone" else 60,
        )
    else:
        need = _async_need(profile, exp, spec, interval_min)
    ts = profile["interval_start"]
    monday_peak = (ts.dt.day_of_week == 0) & ts.dt.hour.between(9, 14)
    short = np.where(monday_peak, np.floor(need * spec.understaff), 0)
    absence = rng.binomial(need.astype(int), 0.04)
    agents = np.clip(need - short - absence, 0, spec.team).astype(int)
    agents = np.where(profile["open"].to_numpy() | (spec.kind == "async"), agents, 0)
    return pd.DataFrame(
        {"interval_start": ts, "channel": spec.channel, "expected": exp, "agents": agents}
    )


class _FcfsServer:
    """First-come-first-served with named agents on shift (``on[agent, interval]``), fed in time order.

    Each arrival gets the earliest moment an on-shift agent is free; if that is beyond the caller's
    patience the caller abandons and takes no agent time. Because arrivals are served in time order
    this is exact for FCFS with abandonment, and a retry (always later than its cause) can be added
    while the day runs. An agent starts work only while on shift and finishes what is in hand after
    the shift ends (no phantom capacity).
    """

    def __init__(self, on: np.ndarray, L: float, rng: np.random.Generator):
        self.on = on
        self.L = L
        self.rng = rng
        n_ag, n_iv = on.shape
        self.n_iv = n_iv
        nxt = np.full((n_ag, n_iv + 1), n_iv, dtype=np.int64)
        for k in range(n_iv - 1, -1, -1):
            nxt[:, k] = np.where(on[:, k], k, nxt[:, k + 1])
        self.nxt = nxt
        self.rows = np.arange(n_ag)
        self.free = np.zeros(n_ag)

    def serve(self, t: float, patience: float, work: float) -> tuple[float, int]:
        """Start time and agent index, or ``(nan, -1)`` when the caller abandons."""
        if len(self.free) == 0:
            return math.nan, -1
        x = np.maximum(t, self.free)
        k = np.minimum((x // self.L).astype(np.int64), self.n_iv)
        nk = self.nxt[self.rows, k]
        avail = np.where(nk == k, x, np.where(nk < self.n_iv, nk * self.L, np.inf))
        avail = avail + self.rng.uniform(0, 1e-3, len(avail))
        i = int(np.argmin(avail))
        start = float(avail[i])
        if start - t > patience:
            return math.nan, -1
        self.free[i] = start + work
        return start, i


def _serve_fcfs(
    arr: np.ndarray,
    patience: np.ndarray,
    work: np.ndarray,
    on: np.ndarray,
    L: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Serve sorted arrivals with :class:`_FcfsServer`; start times (NaN: abandoned) and agent indices."""
    srv = _FcfsServer(on, L, rng)
    start = np.full(len(arr), np.nan)
    who = np.full(len(arr), -1, dtype=np.int64)
    for j in range(len(arr)):
        start[j], who[j] = srv.serve(float(arr[j]), float(patience[j]), float(work[j]))
    return start, who


_ASYNC = ("email", "web_form", "social")
_SYNC = ("phone", "chat")
_DAY_S = 86400


def _name_teams(plans: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """A named team per channel, as large as its busiest interval; Ville is on the phones."""
    names = iter(FIRST_NAMES)
    teams: dict[str, list[str]] = {}
    for ch in SPECS:
        size = max(1, int(plans[ch].agents.max()))
        teams[ch] = [next(names, f"Agent{len(teams)}_{i}") for i in range(size)]
    if GAMER not in teams["phone"]:
        teams["phone"][min(3, len(teams["phone"]) - 1)] = GAMER
        for ch in ("chat", "email", "web_form", "social"):
            teams[ch] = [n if n != GAMER else "Veikko" for n in teams[ch]]
    return teams


def _draw_call(
    rng: np.random.Generator, spec: ChannelSpec
) -> tuple[float, float, float, float, bool, float]:
    """Talk, hold, after-call work and patience (s) of a call; would the gamer hang up, and when."""
    talk = float(_lognormal(rng, spec.aht_s, 0.8, 1)[0])
    hold = (
        float(_lognormal(rng, max(spec.hold_s, 1) * 4, 0.7, 1)[0]) if rng.random() < 0.25 else 0.0
    )
    acw = float(_lognormal(rng, spec.acw_s, 0.5, 1)[0]) if spec.acw_s else 0.0
    patience = float(rng.exponential(spec.patience_s))
    # the agent is known only once the call is taken; the gamer's hang-ups shorten his work,
    # so draw whether this call would be hung up and let the server see the real work
    will_hang = bool(rng.random() < 0.3)
    hang_talk = float(rng.uniform(3, 9))
    return talk, hold, acw, patience, will_hang, hang_talk


class _Opening:
    """When a real-time channel takes a contact on one day: its open intervals (indices)."""

    def __init__(self, open_idx: np.ndarray, per_day: int, L: float, rng: np.random.Generator):
        self.open_idx = open_idx
        self.per_day = per_day
        self.L = L
        self.rng = rng

    def when(self, t: float) -> float | None:
        """``t`` if the channel is open then, else a moment in the next open interval today."""
        k = int(t // self.L)
        if k < self.per_day and k in set(self.open_idx.tolist()):
            return t
        later = self.open_idx[self.open_idx > k]
        return float(later[0] * self.L + self.rng.uniform(0, self.L)) if len(later) else None


@dataclass
class _QueueDay:
    """One real-time channel on one day: its queue (a heap of arrivals), opening and agents."""

    ch: str
    day: int
    d0: pd.Timestamp
    heap: list[tuple[float, int, str, str]]
    opening: _Opening
    srv: _FcfsServer


class _Centre:
    """The sample contact centre while it runs, day by day.

    Holds the plans, the named teams, contacts due on later days (``pending``: time, sequence
    number, channel, customer, cause) and the contacts and tickets made so far. One random stream
    is drawn in a fixed order, so the same seed gives the same centre.
    """

    def __init__(self, *, start: str, days: int, seed: int, scale: float, interval_min: int):
        self.rng = rng = np.random.default_rng(seed)
        self.customers = _Customers(rng)
        self.interval_min = interval_min
        self.L = interval_min * 60.0
        self.per_day = int(24 * 60 / interval_min)
        self.t0 = pd.Timestamp(start, tz=TZ)
        self.profiles = {
            ch: arrival_profile(
                ch, start=start, days=days, interval_min=interval_min, daily_volume=None
            )
            for ch in SPECS
        }
        for p in self.profiles.values():
            p["expected"] *= scale
        self.plans = {ch: _plan(self.profiles[ch], SPECS[ch], rng, interval_min) for ch in SPECS}
        self.teams = _name_teams(self.plans)
        self.skill = {n: rng.uniform(-0.06, 0.06) for t in self.teams.values() for n in t}
        self.qa_skill = {n: rng.normal(84, 5) for t in self.teams.values() for n in t}
        self.pending: list[tuple[pd.Timestamp, int, str, str, str]] = []
        self.seq = 0  # tie-breaker of the heaps, in the order contacts were scheduled
        self.contacts: list[dict[str, Any]] = []
        self.tickets: list[dict[str, Any]] = []

    def _take_seq(self) -> int:
        self.seq += 1
        return self.seq - 1

    def _today(self, ch: str, day: int, col: str) -> np.ndarray:
        return self.profiles[ch][col].to_numpy()[day * self.per_day : (day + 1) * self.per_day]

    def on_matrix(self, ch: str, day: int) -> np.ndarray:
        """Shifts: agent i of a team is on in interval k when i < agents[k] (rotated daily)."""
        per_day = self.per_day
        ag = self.plans[ch].agents.to_numpy()[day * per_day : (day + 1) * per_day]
        n = len(self.teams[ch])
        rot = (np.arange(n) + day * 3) % n
        return rot[:, None] < ag[None, :]

    def _take_due(
        self,
        d0: pd.Timestamp,
        d1: pd.Timestamp,
        todays: dict[str, list[tuple[float, str, str]]],
        channels: tuple[str, ...],
    ) -> None:
        """Move pending contacts of ``channels`` due before ``d1`` to today (seconds after d0)."""
        keep = []
        for item in self.pending:
            t, _, ch, cust, cause = item
            if t < d1 and ch in channels:  # a contact due earlier that no channel took comes now
                todays[ch].append((max((t - d0).total_seconds(), 0.0), cust, cause))
            else:
                keep.append(item)
        self.pending = keep
        heapq.heapify(self.pending)

    def run_day(self, day: int) -> None:
        """Asynchronous channels first (their replies decide today's chasers), then phone and chat."""
        d0 = self.t0 + pd.Timedelta(days=day)
        d1 = d0 + pd.Timedelta(days=1)
        todays: dict[str, list[tuple[float, str, str]]] = {ch: [] for ch in SPECS}
        self._take_due(d0, d1, todays, tuple(SPECS))
        for ch in _ASYNC:
            self._new_tickets(ch, day, d0, todays[ch])
        for ch in _ASYNC:
            self._work_backlog(ch, day, d0, d1)
        self._chasers(d0, d1)
        self._take_due(d0, d1, todays, _SYNC)  # added by async work and chasers
        for ch in _SYNC:
            self._queue_day(ch, day, d0, d1, todays[ch])

    # ------------------------------------------------------------------ asynchronous channels
    def _new_tickets(
        self, ch: str, day: int, d0: pd.Timestamp, due: list[tuple[float, str, str]]
    ) -> None:
        """Today's new tickets of ``ch`` plus the repeats due today."""
        spec, rng, L = SPECS[ch], self.rng, self.L
        counts = rng.poisson(self._today(ch, day, "expected"))
        t_new = (
            np.concatenate([rng.uniform(k * L, (k + 1) * L, c) for k, c in enumerate(counts)])
            if counts.sum()
            else np.empty(0)
        )
        cust_new = self.customers.new(len(t_new))
        times = np.concatenate([t_new, [r[0] for r in due]])
        custs = np.concatenate([cust_new, np.array([r[1] for r in due], dtype=object)])
        causes = ["new"] * len(t_new) + [r[2] for r in due]
        for t, c, cause in zip(times, custs, causes, strict=True):
            self.tickets.append(
                {
                    "created": d0 + pd.Timedelta(seconds=float(t)),
                    "channel": ch,
                    "customer": str(c),
                    "cause": cause,
                    "handle_s": float(_lognormal(rng, spec.aht_s, 0.6, 1)[0]),
                    "visibility": ("public" if rng.random() < 0.4 else "private")
                    if ch == "social"
                    else "private",
                }
            )

    def _work_backlog(self, ch: str, day: int, d0: pd.Timestamp, d1: pd.Timestamp) -> None:
        """Work the backlog of ``ch`` with today's team, first in first out."""
        on = self.on_matrix(ch, day)
        backlog = [
            tk
            for tk in self.tickets
            if tk["channel"] == ch and "first_reply" not in tk and tk["created"] < d1
        ]
        backlog.sort(key=lambda tk: tk["created"])
        if not backlog or not on.any():
            return
        arr = np.array([max((tk["created"] - d0).total_seconds(), 0.0) for tk in backlog])
        work = np.array([tk["handle_s"] for tk in backlog])
        start, who = _serve_fcfs(arr, np.full(len(arr), float(_DAY_S)), work, on, self.L, self.rng)
        for tk, s_, w_ in zip(backlog, start, who, strict=True):
            if w_ >= 0 and s_ + tk["handle_s"] < _DAY_S:
                self._reply(tk, ch, d0 + pd.Timedelta(seconds=float(s_ + tk["handle_s"])), int(w_))

    def _reply(self, tk: dict[str, Any], ch: str, first_reply: pd.Timestamp, w: int) -> None:
        """A ticket answered by agent ``w``: solved, or the customer may come back."""
        rng = self.rng
        tk["first_reply"] = first_reply
        tk["agent"] = self.teams[ch][w]
        tk["resolved"] = bool(rng.random() < SPECS[ch].resolve_p + self.skill[tk["agent"]])
        if tk["resolved"]:
            extra_h = 0.0 if ch != "web_form" else float(rng.exponential(20))
            tk["solved"] = tk["first_reply"] + pd.Timedelta(hours=extra_h)
        elif rng.random() < 0.6:
            back = tk["first_reply"] + pd.Timedelta(hours=float(rng.lognormal(math.log(18), 0.8)))
            nxt_ch = "phone" if rng.random() < 0.4 else ch
            heapq.heappush(self.pending, (back, self._take_seq(), nxt_ch, tk["customer"], "repeat"))

    def _chasers(self, d0: pd.Timestamp, d1: pd.Timestamp) -> None:
        """Customers whose email or web form is unanswered when their patience runs out call."""
        rng = self.rng
        for tk in self.tickets:
            if tk.get("chase_checked") or tk["channel"] not in ("email", "web_form"):
                continue
            if "chase_at" not in tk:
                tk["chase_at"] = tk["created"] + pd.Timedelta(hours=float(rng.exponential(26)))
                tk["will_chase"] = bool(rng.random() < 0.55)
            if tk["chase_at"] < d1:
                tk["chase_checked"] = True
                replied = tk.get("first_reply")
                if tk["will_chase"] and (replied is None or replied > tk["chase_at"]):
                    when = tk["chase_at"]
                    if when < d0:
                        when = d0 + pd.Timedelta(hours=8, minutes=float(rng.uniform(0, 120)))
                    item = (when, self._take_seq(), "phone", tk["customer"], "chase")
                    heapq.heappush(self.pending, item)

    # ------------------------------------------------------------------ real-time channels
    def _queue_day(
        self,
        ch: str,
        day: int,
        d0: pd.Timestamp,
        d1: pd.Timestamp,
        due: list[tuple[float, str, str]],
    ) -> None:
        """FCFS queue of ``ch`` for one day with patience and named agents."""
        rng, L = self.rng, self.L
        opening = _Opening(
            np.flatnonzero(self._today(ch, day, "open")), self.per_day, self.L, self.rng
        )
        counts = rng.poisson(self._today(ch, day, "expected"))
        heap: list[tuple[float, int, str, str]] = []
        for k, cnt in enumerate(counts):
            for t in rng.uniform(k * L, (k + 1) * L, cnt):
                heap.append((float(t), self._take_seq(), str(self.customers.new(1)[0]), "new"))
        for t, cust, cause in due:
            seq = self._take_seq()
            tt = opening.when(t)
            if tt is not None:
                heap.append((tt, seq, cust, cause))
            elif cause != "retry":  # tomorrow morning
                when = d1 + pd.Timedelta(hours=8, minutes=float(rng.uniform(0, 180)))
                heapq.heappush(self.pending, (when, seq, ch, cust, cause))
        heapq.heapify(heap)
        q = _QueueDay(ch, day, d0, heap, opening, _FcfsServer(self.on_matrix(ch, day), L, rng))
        j = 0
        while heap:
            t, _, cust, cause = heapq.heappop(heap)
            self._call(q, f"{ch[0].upper()}{day:03d}-{j:05d}", t, cust, cause)
            j += 1

    def _call(self, q: _QueueDay, contact_id: str, t: float, cust: str, cause: str) -> None:
        """One call (or chat) arriving ``t`` seconds into the day: answered or abandoned."""
        rng, spec = self.rng, SPECS[q.ch]
        talk, hold, acw, patience, will_hang, hang_talk = _draw_call(rng, spec)
        st, w = q.srv.serve(t, patience, talk + hold + acw)
        arrival = q.d0 + pd.Timedelta(seconds=t)
        row: dict[str, Any] = {
            "contact_id": contact_id,
            "channel": q.ch,
            "queue": q.ch,
            "customer": cust,
            "arrival": arrival,
            "cause": cause,
        }
        if w < 0:
            row.update(
                outcome="abandoned",
                wait_s=patience,
                ended_at=arrival + pd.Timedelta(seconds=patience),
            )
            self.contacts.append(row)
            if rng.random() < 0.55:  # callers retry after giving up
                back = t + patience + float(rng.exponential(40 * 60))
                tt = q.opening.when(back) if back < _DAY_S else None
                seq = self._take_seq()
                if tt is not None:
                    heapq.heappush(q.heap, (tt, seq, cust, "retry"))
            return
        agent = self.teams[q.ch][w]
        hung_up = agent == GAMER and will_hang
        if hung_up:
            q.srv.free[w] = st + hang_talk  # he is free again at once
            talk, hold, acw = hang_talk, 0.0, 0.0
        resolved = (not hung_up) and bool(rng.random() < spec.resolve_p + self.skill[agent])
        wait = st - t
        answered = arrival + pd.Timedelta(seconds=wait)
        row.update(
            outcome="answered",
            agent=agent,
            wait_s=wait,
            answered_at=answered,
            talk_s=talk,
            hold_s=hold,
            acw_s=acw,
            ended_at=answered + pd.Timedelta(seconds=talk + hold),
            transferred=bool(rng.random() < 0.06),
            resolved=resolved,
            disconnect="agent" if hung_up else ("customer" if rng.random() < 0.7 else "agent"),
        )
        self.contacts.append(row)
        if not resolved and rng.random() < (0.85 if hung_up else 0.6):
            self._repeat(q, st + talk + hold, hung_up, cust)

    def _repeat(self, q: _QueueDay, ended: float, hung_up: bool, cust: str) -> None:
        """An unresolved caller comes back: later today on the same channel, or another day."""
        rng = self.rng
        delay_s = (
            float(rng.exponential(1800))
            if hung_up
            else float(rng.lognormal(math.log(20), 0.9)) * 3600
        )
        nxt_ch = q.ch if rng.random() < 0.75 else ("email" if q.ch == "phone" else "phone")
        back = ended + delay_s
        tt = q.opening.when(back) if (nxt_ch == q.ch and back < _DAY_S) else None
        if tt is not None:
            heapq.heappush(q.heap, (tt, self._take_seq(), cust, "repeat"))
        else:
            item = (q.d0 + pd.Timedelta(seconds=back), self._take_seq(), nxt_ch, cust, "repeat")
            heapq.heappush(self.pending, item)

    # ------------------------------------------------------------------ the tables
    def tables(self, first_day: pd.Timestamp) -> dict[str, pd.DataFrame]:
        """The generated tables from ``first_day`` on (the warm-up dropped)."""
        rng = self.rng
        con = pd.DataFrame(self.contacts).sort_values("arrival", kind="stable")
        con = con[con.arrival >= first_day].reset_index(drop=True)
        tk = pd.DataFrame(self.tickets)
        tk = tk[tk.created >= first_day].reset_index(drop=True)
        plans = [
            p[p.interval_start >= first_day].reset_index(drop=True) for p in self.plans.values()
        ]
        tk = tk.drop(
            columns=[c for c in ("chase_at", "will_chase", "chase_checked") if c in tk.columns]
        )
        tk.insert(0, "ticket_id", [f"T{i:06d}" for i in range(len(tk))])
        solved = tk.get("solved").notna() if "solved" in tk else False
        tk["status"] = np.where(solved, "solved", "open")
        return {
            "contacts": con,
            "tickets": tk,
            "surveys": _surveys(con, tk, rng),
            "evaluations": _evaluations(con, self.teams, self.qa_skill, rng),
            "staffing": pd.concat(plans, ignore_index=True),
            "intervals": interval_report(
                con[con.channel == "phone"], interval_min=self.interval_min, threshold_s=20
            ),
        }


def generate(
    *,
    days: int = 21,
    start: str = "2026-03-02",
    seed: int = 0,
    scale: float = 0.25,
    interval_min: int = 30,
    warmup_days: int = 7,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Generate the sample contact centre. Same seed, same data.

    Parameters
    ----------
    days : int
        Days of data from ``start``.
    start : str
        First day (local date, Europe/Helsinki); a Monday is a good start.
    seed : int
        Seed of the one random stream.
    scale : float
        Multiplies the volumes of the mid-size centre of :mod:`cxkit.plan.profiles` (1.0 = about
        5,000 contacts a weekday).
    interval_min : int
        Length of the staffing and report intervals, minutes.
    warmup_days : int
        Days simulated before ``start`` and dropped, so the first days already carry last week's
        repeats and chasers.
    progress : bool
        Show a progress bar of the simulated days (``tqdm``, on stderr).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``contacts`` (phone and chat: ``contact_id, channel, queue, customer, arrival, cause,
        outcome`` (answered or abandoned), ``wait_s, ended_at``, and for answered contacts
        ``agent, answered_at, talk_s, hold_s, acw_s, transferred, resolved, disconnect``; times
        tz-aware, durations in s); ``tickets`` (email, web form, social: ``ticket_id, created,
        channel, customer, cause, handle_s, visibility, first_reply, agent, resolved, solved,
        status``); ``surveys`` (``response_id, contact_id, customer, channel, agent,
        responded_at, csat`` 1-5, ``nps`` 0-10, ``ces`` 1-5, ``fcr_reported``); ``evaluations``
        (one row per QA form item, see :data:`QA_FORM`); ``staffing`` (``interval_start,
        channel, expected`` contacts, ``agents`` on shift), ``intervals`` (the phone ACD
        report of :func:`interval_report`, threshold 20 s) and ``conversations`` (the messages
        of the chats and social items, see :func:`cxkit.sample.conversations.conversation_log`).
    """
    first_day = pd.Timestamp(start, tz=TZ)
    sim_start = str((first_day - pd.Timedelta(days=warmup_days)).date())
    centre = _Centre(
        start=sim_start, days=days + warmup_days, seed=seed, scale=scale, interval_min=interval_min
    )
    from tqdm.auto import tqdm

    for day in tqdm(range(days + warmup_days), desc="days", unit="day", disable=not progress):
        centre.run_day(day)
    tables = centre.tables(first_day)
    tables["conversations"] = conversation_log(tables, seed=seed)  # its own random stream
    return tables


def _scores(latent: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """CSAT (1-5), NPS (0-10) and CES (1-5) answers from a latent satisfaction."""
    n = len(latent)
    return {
        "csat": np.clip(np.rint(latent), 1, 5).astype(int),
        "nps": np.clip(np.rint(2.4 * latent - 2.2 + rng.normal(0, 1.2, n)), 0, 10).astype(int),
        "ces": np.clip(np.rint(6.2 - latent + rng.normal(0, 0.6, n)), 1, 5).astype(int),
    }


def _contact_surveys(con: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Surveys after answered calls and chats: scores follow wait, resolution and hang-ups."""
    ans = con[con.outcome == "answered"]
    pick = ans[rng.random(len(ans)) < 0.2 * 0.3]
    hung = (pick.talk_s < 10).to_numpy()
    latent = (
        4.45
        - 0.004 * pick.wait_s.to_numpy()
        - 1.3 * (~pick.resolved.astype(bool)).to_numpy()
        - 1.2 * hung
        + rng.normal(0, 0.55, len(pick))
    )
    responded = pick.ended_at + pd.to_timedelta(rng.exponential(3, len(pick)), unit="h")
    scores = _scores(latent, rng)
    resolved = pick.resolved.astype(bool)
    fcr = np.where(rng.random(len(pick)) < 0.9, resolved, ~resolved)
    return pd.DataFrame(
        {
            "contact_id": pick.contact_id.to_numpy(),
            "customer": pick.customer.to_numpy(),
            "channel": pick.channel.to_numpy(),
            "agent": pick.agent.to_numpy(),
            "responded_at": responded.to_numpy(),
            **scores,
            "fcr_reported": fcr,
        }
    )


def _ticket_surveys(tk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Surveys after answered tickets: scores follow the wait for the reply and resolution."""
    done = tk[tk.get("first_reply").notna()] if "first_reply" in tk else tk.iloc[0:0]
    tpick = done[rng.random(len(done)) < 0.06]
    wait_h = (tpick.first_reply - tpick.created).dt.total_seconds().to_numpy() / 3600
    tlat = (
        4.4
        - 0.03 * wait_h
        - 1.2 * (~tpick.resolved.astype(bool)).to_numpy()
        + rng.normal(0, 0.6, len(tpick))
    )
    responded = tpick.first_reply + pd.to_timedelta(rng.exponential(5, len(tpick)), unit="h")
    return pd.DataFrame(
        {
            "contact_id": tpick.ticket_id.to_numpy(),
            "customer": tpick.customer.to_numpy(),
            "channel": tpick.channel.to_numpy(),
            "agent": tpick.agent.to_numpy(),
            "responded_at": responded.to_numpy(),
            **_scores(tlat, rng),
            "fcr_reported": tpick.resolved.astype(bool).to_numpy(),
        }
    )


def _surveys(con: pd.DataFrame, tk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Post-contact surveys: 20 % invited, 30 % answer (contacts), 6 % of answered tickets."""
    rows = _contact_surveys(con, rng)
    trows = _ticket_surveys(tk, rng)
    out = (
        pd.concat([rows, trows], ignore_index=True)
        .sort_values("responded_at", kind="stable")
        .reset_index(drop=True)
    )
    out.insert(0, "response_id", [f"S{i:06d}" for i in range(len(out))])
    return out


#: The sample's QA form: (section, question, weight, critical)
QA_FORM: tuple[tuple[str, str, float, bool], ...] = (
    ("opening", "greeting", 1, False),
    ("opening", "identification", 2, False),
    ("understanding", "listens", 2, False),
    ("understanding", "clarifies_need", 2, False),
    ("solution", "correct_answer", 3, False),
    ("solution", "next_steps", 2, False),
    ("closing", "summary", 1, False),
    ("closing", "checks_satisfaction", 1, False),
    ("compliance", "no_unresolved_disconnect", 1, True),
    ("compliance", "data_protection", 1, True),
)
_EVALUATION_COLUMNS = [
    "evaluation_id",
    "agent",
    "evaluator",
    "evaluated_at",
    "contact_id",
    "section",
    "question_id",
    "earned",
    "possible",
    "weight",
    "critical",
    "na",
]


def _qa_item(
    question: str, critical: bool, hung: bool, level: float, rng: np.random.Generator
) -> tuple[float, int, bool]:
    """Points earned, points possible and not-applicable for one QA form item."""
    if critical:
        failed = (question == "no_unresolved_disconnect" and hung) or rng.random() < 0.01
        return (0 if failed else 1), 1, False
    na = question == "next_steps" and rng.random() < 0.15
    if na:
        return np.nan, 2, na
    score = np.rint(2 * min(1.0, level + rng.normal(0, 0.12)) - (1.5 if hung else 0))
    return float(np.clip(score, 0, 2)), 2, na


def _evaluations(
    con: pd.DataFrame,
    teams: dict[str, list[str]],
    skill: dict[str, float],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """QA evaluations of answered phone and chat contacts: planned 4 per agent per month, often fewer."""
    evaluators = {"Tarja": -4.0, "Heikki": 0.0, "Paula": 3.0}
    ans = con[con.outcome == "answered"].copy()
    ans["month"] = ans.arrival.dt.strftime("%Y-%m")
    rows: list[tuple[Any, ...]] = []
    ev_id = 0
    for (agent, _month), grp in ans.groupby(["agent", "month"], sort=True):
        k = min(len(grp), 4 if rng.random() < 0.65 else int(rng.integers(1, 4)))
        for _, c in grp.sample(k, random_state=int(rng.integers(1 << 31))).iterrows():
            evaluator = rng.choice(list(evaluators))
            level = (skill[agent] + evaluators[evaluator] + rng.normal(0, 6)) / 100
            hung = c.talk_s < 10
            for section, question, weight, critical in QA_FORM:
                earned, possible, na = _qa_item(question, critical, hung, level, rng)
                rows.append(
                    (
                        *(ev_id, agent, evaluator, c.ended_at, c.contact_id, section, question),
                        *(earned, possible, weight, critical, na),
                    )
                )
            ev_id += 1
    ev = pd.DataFrame(rows, columns=_EVALUATION_COLUMNS)
    ev["evaluation_id"] = "E" + ev["evaluation_id"].astype(str).str.zfill(5)
    return answers_of(ev, con)  # + the form each was made on and the answer as exported


def interval_report(
    contacts: pd.DataFrame, *, interval_min: int = 30, threshold_s: float = 20
) -> pd.DataFrame:
    """An ACD-style interval report from contact-level data.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Contacts with ``contact_id, queue, arrival`` (tz-aware), ``outcome`` (answered or
        abandoned; other rows are left out), ``wait_s`` and, for answered contacts, ``talk_s,
        hold_s, acw_s``.
    interval_min : int
        Interval length, minutes; contacts count in the interval they arrived.
    threshold_s : float
        Service-level threshold T, seconds (answered with ``wait_s <= T`` count as within).

    Returns
    -------
    pandas.DataFrame
        One row per interval and queue with contacts: ``interval_start, interval_end`` (local
        time), ``queue``, ``offered, answered, abandoned`` and ``answered_within_<T>s`` (counts),
        ``handle_sum_s`` (talk + hold + after-call work of answered contacts, s) and
        ``wait_answered_sum_s`` (wait of answered contacts, s).
    """
    c = contacts[contacts.outcome.isin(["answered", "abandoned"])].copy()
    c["interval_start"] = c.arrival.dt.floor(f"{interval_min}min")
    c["is_ans"] = c.outcome == "answered"
    c["within"] = c.is_ans & (c.wait_s <= threshold_s)
    c["handle"] = c[["talk_s", "hold_s", "acw_s"]].sum(axis=1, min_count=1).where(c.is_ans, 0.0)
    c["wait_ans"] = c.wait_s.where(c.is_ans, 0.0)
    g = (
        c.groupby(["interval_start", "queue"], sort=True)
        .agg(
            offered=("contact_id", "size"),
            answered=("is_ans", "sum"),
            within=("within", "sum"),
            handle_sum_s=("handle", "sum"),
            wait_answered_sum_s=("wait_ans", "sum"),
        )
        .reset_index()
    )
    g["abandoned"] = g.offered - g.answered
    g["interval_end"] = g.interval_start + pd.Timedelta(minutes=interval_min)
    g = g.rename(columns={"within": f"answered_within_{threshold_s:g}s"})
    return g[
        [
            "interval_start",
            "interval_end",
            "queue",
            "offered",
            "answered",
            "abandoned",
            f"answered_within_{threshold_s:g}s",
            "handle_sum_s",
            "wait_answered_sum_s",
        ]
    ]


def write_sample(
    out: str | Path,
    *,
    days: int = 21,
    start: str = "2026-03-02",
    seed: int = 0,
    scale: float = 0.25,
    interval_min: int = 30,
    warmup_days: int = 7,
    progress: bool = False,
) -> dict[str, Path]:
    """Generate the sample and write it as gzipped CSV (times with their UTC offset).

    Parameters
    ----------
    out : str or pathlib.Path
        Folder to write to; created when missing.
    days, start, seed, scale, interval_min, warmup_days, progress
        As for :func:`generate`.

    Returns
    -------
    dict of str to pathlib.Path
        The path of each table's ``<name>.csv.gz`` (floats with 3 decimals, same bytes for the
        same arguments) and of the folder's ``manifest`` (``cxkit.json``: its time zone).
    """
    tables = generate(
        days=days,
        start=start,
        seed=seed,
        scale=scale,
        interval_min=interval_min,
        warmup_days=warmup_days,
        progress=progress,
    )
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    calibration = calibration_sessions(tables["contacts"], seed=seed)  # its own RNG stream
    for name, df in {**tables, "calibration": calibration}.items():
        p = folder / f"{name}.csv.gz"
        df2 = df.copy()
        for col in df2.columns:
            if isinstance(df2[col].dtype, pd.DatetimeTZDtype):
                df2[col] = df2[col].map(
                    lambda t: t.isoformat(timespec="seconds") if pd.notna(t) else ""
                )
        df2.to_csv(p, index=False, compression={"method": "gzip", "mtime": 0}, float_format="%.3f")
        paths[name] = p
    # the folder says where its local times are, so loading it never guesses a zone
    manifest = folder / "cxkit.json"
    written_by = f"cxkit sample --days {days} --seed {seed}"
    manifest.write_text(json.dumps({"time_zone": TZ, "written_by": written_by}, indent=1) + "\n")
    paths["manifest"] = manifest
    return paths
