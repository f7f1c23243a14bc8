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
['contacts', 'evaluations', 'intervals', 'staffing', 'surveys', 'tickets']
>>> bool((c["contacts"].outcome == "abandoned").any()), bool((c["contacts"].wait_s > 20).any())
(True, True)
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from cxkit.plan.profiles import arrival_profile
from cxkit.plan.staffing import required_agents_many

TZ = "Europe/Helsinki"
GAMER = "Ville"
FIRST_NAMES = (
    "Aino",
    "Eero",
    "Liisa",
    "Mikko",
    "Ville",
    "Sanna",
    "Juha",
    "Kaisa",
    "Timo",
    "Heidi",
    "Antti",
    "Laura",
    "Jari",
    "Minna",
    "Pekka",
    "Elina",
    "Tuomas",
    "Riikka",
    "Janne",
    "Satu",
    "Olli",
    "Hanna",
    "Markus",
    "Tiina",
    "Sami",
    "Jenni",
    "Petri",
    "Anu",
    "Kari",
    "Noora",
    "Risto",
    "Emilia",
    "Teemu",
    "Sari",
    "Ilkka",
    "Veera",
    "Lauri",
    "Maria",
    "Henri",
    "Outi",
    "Tapio",
    "Johanna",
    "Arto",
    "Katja",
    "Eino",
    "Helmi",
)


@dataclass(frozen=True)
class ChannelSpec:
    """How a channel of the sample behaves."""

    channel: str
    kind: str  # sync | async
    aht_s: float  # mean talk (sync) or handle (async) time
    acw_s: float = 0.0
    hold_s: float = 0.0
    patience_s: float = 120.0
    resolve_p: float = 0.8
    team: int = 10
    understaff: float = 0.0  # share of required agents missing at Monday peaks
    uplift: float = (
        1.0  # forecast of offered / new contacts: repeats, retries and chasers come on top
    )


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
        # async teams work weekday office hours (8-16); sized to the week's work, weekend arrivals
        # included, spread over the week's office hours with a 15 % margin, so the backlog is stable
        ts_ = profile["interval_start"]
        week = (
            ts_.dt.tz_localize(None).dt.to_period("W")
            if ts_.dt.tz is not None
            else ts_.dt.to_period("W")
        )
        weekday = ts_.dt.day_of_week.to_numpy() < 5
        hours = ts_.dt.hour.to_numpy()
        office = weekday & (hours >= 8) & (hours < 16)
        work_h = (
            pd.Series(exp * spec.aht_s / 3600).groupby(week.to_numpy()).transform("sum").to_numpy()
        )
        office_h = (
            pd.Series(office * interval_min / 60)
            .groupby(week.to_numpy())
            .transform("sum")
            .to_numpy()
        )
        need = np.where(office, np.ceil(work_h / np.maximum(office_h, 1e-9) * 1.15), 0).astype(int)
        need = np.where(office & (work_h > 0), np.maximum(need, 1), need)
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


def generate(
    *,
    days: int = 21,
    start: str = "2026-03-02",
    seed: int = 0,
    scale: float = 0.25,
    interval_min: int = 30,
    warmup_days: int = 7,
) -> dict[str, pd.DataFrame]:
    """Generate the sample contact centre: ``contacts`` (phone, chat), ``tickets`` (email, web form,
    social), ``surveys``, ``evaluations``, ``staffing`` (agents per channel and interval) and
    ``intervals`` (the phone ACD interval report). ``scale`` multiplies the mid-size centre's volumes
    of :mod:`cxkit.plan.profiles`. Same seed, same data. A warm-up of ``warmup_days`` is simulated first and
    dropped, so the first days already carry last week's repeats and chasers.
    """
    first_day = pd.Timestamp(start, tz=TZ)
    start = str((first_day - pd.Timedelta(days=warmup_days)).date())
    days = days + warmup_days
    rng = np.random.default_rng(seed)
    customers = _Customers(rng)
    L = interval_min * 60.0
    t0 = pd.Timestamp(start, tz=TZ)
    profiles = {
        ch: arrival_profile(
            ch, start=start, days=days, interval_min=interval_min, daily_volume=None
        )
        for ch in SPECS
    }
    for p in profiles.values():
        p["expected"] *= scale
    plans = {ch: _plan(profiles[ch], SPECS[ch], rng, interval_min) for ch in SPECS}
    # agents: a named team per channel; Ville is on the phones
    names = iter(FIRST_NAMES)
    teams: dict[str, list[str]] = {}
    for ch in SPECS:
        size = max(1, int(plans[ch].agents.max()))
        teams[ch] = [next(names, f"Agent{len(teams)}_{i}") for i in range(size)]
    if GAMER not in teams["phone"]:
        teams["phone"][min(3, len(teams["phone"]) - 1)] = GAMER
        for ch in ("chat", "email", "web_form", "social"):
            teams[ch] = [n if n != GAMER else "Veikko" for n in teams[ch]]
    skill = {n: rng.uniform(-0.06, 0.06) for t in teams.values() for n in t}
    qa_skill = {n: rng.normal(84, 5) for t in teams.values() for n in t}

    # shifts: agent i of a team is on in interval k when i < agents[k] (rotated daily so hours spread)
    def on_matrix(ch: str, day: int) -> np.ndarray:
        per_day = int(24 * 60 / interval_min)
        ag = plans[ch].agents.to_numpy()[day * per_day : (day + 1) * per_day]
        n = len(teams[ch])
        rot = (np.arange(n) + day * 3) % n
        return rot[:, None] < ag[None, :]

    # pending future contacts: (time, channel, customer, cause)
    pending: list[tuple[pd.Timestamp, int, str, str, str]] = []
    seq = 0
    contacts, tickets = [], []
    for day in range(days):
        d0 = t0 + pd.Timedelta(days=day)
        d1 = d0 + pd.Timedelta(days=1)
        per_day = int(24 * 60 / interval_min)
        todays: dict[str, list[tuple[float, str, str]]] = {ch: [] for ch in SPECS}
        keep = []
        for item in pending:
            t, _, ch, cust, cause = item
            if t < d1:  # a contact due earlier that no channel took yet comes now
                todays[ch].append((max((t - d0).total_seconds(), 0.0), cust, cause))
            else:
                keep.append(item)
        pending = keep
        heapq.heapify(pending)
        # ---------------- asynchronous channels first: their replies decide today's chasers
        for ch in ("email", "web_form", "social"):
            spec = SPECS[ch]
            exp = profiles[ch]["expected"].to_numpy()[day * per_day : (day + 1) * per_day]
            counts = rng.poisson(exp)
            t_new = (
                np.concatenate([rng.uniform(k * L, (k + 1) * L, c) for k, c in enumerate(counts)])
                if counts.sum()
                else np.empty(0)
            )
            cust_new = customers.new(len(t_new))
            rep = todays[ch]
            times = np.concatenate([t_new, [r[0] for r in rep]])
            custs = np.concatenate([cust_new, np.array([r[1] for r in rep], dtype=object)])
            causes = ["new"] * len(t_new) + [r[2] for r in rep]
            for t, c, cause in zip(times, custs, causes, strict=True):
                tickets.append(
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
        # work the async backlogs with today's teams (FIFO, office hours)
        for ch in ("email", "web_form", "social"):
            on = on_matrix(ch, day)
            backlog = [
                tk
                for tk in tickets
                if tk["channel"] == ch and "first_reply" not in tk and tk["created"] < d1
            ]
            backlog.sort(key=lambda tk: tk["created"])
            if not backlog or not on.any():
                continue
            arr = np.array([max((tk["created"] - d0).total_seconds(), 0.0) for tk in backlog])
            work = np.array([tk["handle_s"] for tk in backlog])
            st, who = _serve_fcfs(arr, np.full(len(arr), 86400.0), work, on, L, rng)
            for tk, s_, w_ in zip(backlog, st, who, strict=True):
                if w_ >= 0 and s_ + tk["handle_s"] < 86400:
                    tk["first_reply"] = d0 + pd.Timedelta(seconds=float(s_ + tk["handle_s"]))
                    tk["agent"] = teams[ch][w_]
                    tk["resolved"] = bool(rng.random() < SPECS[ch].resolve_p + skill[tk["agent"]])
                    if tk["resolved"]:
                        extra_h = 0.0 if ch != "web_form" else float(rng.exponential(20))
                        tk["solved"] = tk["first_reply"] + pd.Timedelta(hours=extra_h)
                    elif rng.random() < 0.6:
                        back = tk["first_reply"] + pd.Timedelta(
                            hours=float(rng.lognormal(math.log(18), 0.8))
                        )
                        heapq.heappush(
                            pending,
                            (
                                back,
                                seq,
                                "phone" if rng.random() < 0.4 else ch,
                                tk["customer"],
                                "repeat",
                            ),
                        )
                        seq += 1
        # chasers: customers whose async contact is still unanswered when their patience runs out call
        for tk in tickets:
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
                    heapq.heappush(pending, (when, seq, "phone", tk["customer"], "chase"))
                    seq += 1
        # re-read today's pending phone/chat items added by async work and chasers
        keep = []
        for item in pending:
            t, _, ch, cust, cause = item
            if t < d1 and ch in ("phone", "chat"):
                todays[ch].append((max((t - d0).total_seconds(), 0.0), cust, cause))
            else:
                keep.append(item)
        pending = keep
        heapq.heapify(pending)
        # ---------------- synchronous channels: FCFS queue with patience and named agents
        for ch in ("phone", "chat"):
            spec = SPECS[ch]
            prof = profiles[ch]
            exp = prof["expected"].to_numpy()[day * per_day : (day + 1) * per_day]
            is_open = prof["open"].to_numpy()[day * per_day : (day + 1) * per_day]
            open_idx = np.flatnonzero(is_open)
            counts = rng.poisson(exp)
            heap: list[tuple[float, int, str, str]] = []
            for k, cnt in enumerate(counts):
                for t in rng.uniform(k * L, (k + 1) * L, cnt):
                    heap.append((float(t), seq, str(customers.new(1)[0]), "new"))
                    seq += 1

            def when_open(
                t: float, _open: np.ndarray = open_idx, per_day: int = per_day
            ) -> float | None:
                """``t`` if the channel is open then, else a moment in the next open interval today."""
                k = int(t // L)
                if k < per_day and k in set(_open.tolist()):
                    return t
                later = _open[_open > k]
                return float(later[0] * L + rng.uniform(0, L)) if len(later) else None

            for t, cust, cause in todays[ch]:
                tt = when_open(t)
                if tt is not None:
                    heap.append((tt, seq, cust, cause))
                elif cause != "retry":  # tomorrow morning
                    heapq.heappush(
                        pending,
                        (
                            d1 + pd.Timedelta(hours=8, minutes=float(rng.uniform(0, 180))),
                            seq,
                            ch,
                            cust,
                            cause,
                        ),
                    )
                seq += 1
            heapq.heapify(heap)
            srv = _FcfsServer(on_matrix(ch, day), L, rng)
            j = 0
            while heap:
                t, _, cust, cause = heapq.heappop(heap)
                talk = float(_lognormal(rng, spec.aht_s, 0.8, 1)[0])
                hold = (
                    float(_lognormal(rng, max(spec.hold_s, 1) * 4, 0.7, 1)[0])
                    if rng.random() < 0.25
                    else 0.0
                )
                acw = float(_lognormal(rng, spec.acw_s, 0.5, 1)[0]) if spec.acw_s else 0.0
                patience = float(rng.exponential(spec.patience_s))
                # the agent is known only once the call is taken; the gamer's hang-ups shorten his work,
                # so draw whether this call would be hung up and let the server see the real work
                will_hang = rng.random() < 0.3
                hang_talk = float(rng.uniform(3, 9))
                st, w = srv.serve(t, patience, talk + hold + acw)
                arrival = d0 + pd.Timedelta(seconds=t)
                row = {
                    "contact_id": f"{ch[0].upper()}{day:03d}-{j:05d}",
                    "channel": ch,
                    "queue": ch,
                    "customer": cust,
                    "arrival": arrival,
                    "cause": cause,
                }
                j += 1
                if w < 0:
                    row.update(
                        outcome="abandoned",
                        wait_s=patience,
                        ended_at=arrival + pd.Timedelta(seconds=patience),
                    )
                    contacts.append(row)
                    if rng.random() < 0.55:  # callers retry after giving up
                        back = t + patience + float(rng.exponential(40 * 60))
                        tt = when_open(back) if back < 86400 else None
                        if tt is not None:
                            heapq.heappush(heap, (tt, seq, cust, "retry"))
                        seq += 1
                    continue
                agent = teams[ch][w]
                hung_up = agent == GAMER and will_hang
                if hung_up:
                    srv.free[w] = st + hang_talk  # he is free again at once
                    talk, hold, acw = hang_talk, 0.0, 0.0
                resolved = (not hung_up) and bool(rng.random() < spec.resolve_p + skill[agent])
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
                    disconnect="agent"
                    if hung_up
                    else ("customer" if rng.random() < 0.7 else "agent"),
                )
                contacts.append(row)
                if not resolved and rng.random() < (0.85 if hung_up else 0.6):
                    delay_s = (
                        float(rng.exponential(1800))
                        if hung_up
                        else float(rng.lognormal(math.log(20), 0.9)) * 3600
                    )
                    nxt_ch = ch if rng.random() < 0.75 else ("email" if ch == "phone" else "phone")
                    back = st + talk + hold + delay_s
                    tt = when_open(back) if (nxt_ch == ch and back < 86400) else None
                    if tt is not None:
                        heapq.heappush(heap, (tt, seq, cust, "repeat"))
                    else:
                        heapq.heappush(
                            pending, (d0 + pd.Timedelta(seconds=back), seq, nxt_ch, cust, "repeat")
                        )
                    seq += 1
    con = pd.DataFrame(contacts).sort_values("arrival", kind="stable")
    con = con[con.arrival >= first_day].reset_index(drop=True)
    tk = pd.DataFrame(tickets)
    tk = tk[tk.created >= first_day].reset_index(drop=True)
    plans = {ch: p[p.interval_start >= first_day].reset_index(drop=True) for ch, p in plans.items()}
    tk = tk.drop(
        columns=[c for c in ("chase_at", "will_chase", "chase_checked") if c in tk.columns]
    )
    tk.insert(0, "ticket_id", [f"T{i:06d}" for i in range(len(tk))])
    tk["status"] = np.where(tk.get("solved").notna() if "solved" in tk else False, "solved", "open")
    staffing = pd.concat(plans.values(), ignore_index=True)
    return {
        "contacts": con,
        "tickets": tk,
        "surveys": _surveys(con, tk, rng),
        "evaluations": _evaluations(con, teams, qa_skill, rng),
        "staffing": staffing,
        "intervals": interval_report(
            con[con.channel == "phone"], interval_min=interval_min, threshold_s=20
        ),
    }


def _surveys(con: pd.DataFrame, tk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Post-contact surveys: 20 % invited, 30 % answer; scores follow wait, resolution and hang-ups."""
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
    rows = pd.DataFrame(
        {
            "contact_id": pick.contact_id.to_numpy(),
            "customer": pick.customer.to_numpy(),
            "channel": pick.channel.to_numpy(),
            "agent": pick.agent.to_numpy(),
            "responded_at": (
                pick.ended_at + pd.to_timedelta(rng.exponential(3, len(pick)), unit="h")
            ).to_numpy(),
            "csat": np.clip(np.rint(latent), 1, 5).astype(int),
            "nps": np.clip(
                np.rint(2.4 * latent - 2.2 + rng.normal(0, 1.2, len(pick))), 0, 10
            ).astype(int),
            "ces": np.clip(np.rint(6.2 - latent + rng.normal(0, 0.6, len(pick))), 1, 5).astype(int),
            "fcr_reported": np.where(
                rng.random(len(pick)) < 0.9, pick.resolved.astype(bool), ~pick.resolved.astype(bool)
            ),
        }
    )
    done = tk[tk.get("first_reply").notna()] if "first_reply" in tk else tk.iloc[0:0]
    tpick = done[rng.random(len(done)) < 0.06]
    wait_h = (tpick.first_reply - tpick.created).dt.total_seconds().to_numpy() / 3600
    tlat = (
        4.4
        - 0.03 * wait_h
        - 1.2 * (~tpick.resolved.astype(bool)).to_numpy()
        + rng.normal(0, 0.6, len(tpick))
    )
    trows = pd.DataFrame(
        {
            "contact_id": tpick.ticket_id.to_numpy(),
            "customer": tpick.customer.to_numpy(),
            "channel": tpick.channel.to_numpy(),
            "agent": tpick.agent.to_numpy(),
            "responded_at": (
                tpick.first_reply + pd.to_timedelta(rng.exponential(5, len(tpick)), unit="h")
            ).to_numpy(),
            "csat": np.clip(np.rint(tlat), 1, 5).astype(int),
            "nps": np.clip(
                np.rint(2.4 * tlat - 2.2 + rng.normal(0, 1.2, len(tpick))), 0, 10
            ).astype(int),
            "ces": np.clip(np.rint(6.2 - tlat + rng.normal(0, 0.6, len(tpick))), 1, 5).astype(int),
            "fcr_reported": tpick.resolved.astype(bool).to_numpy(),
        }
    )
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
    rows = []
    ev_id = 0
    for (agent, _month), grp in ans.groupby(["agent", "month"], sort=True):
        k = min(len(grp), 4 if rng.random() < 0.65 else int(rng.integers(1, 4)))
        for _, c in grp.sample(k, random_state=int(rng.integers(1 << 31))).iterrows():
            evaluator = rng.choice(list(evaluators))
            level = (skill[agent] + evaluators[evaluator] + rng.normal(0, 6)) / 100
            hung = c.talk_s < 10
            for section, question, weight, critical in QA_FORM:
                if critical:
                    failed = (
                        question == "no_unresolved_disconnect" and hung
                    ) or rng.random() < 0.01
                    rows.append(
                        (
                            ev_id,
                            agent,
                            evaluator,
                            c.ended_at,
                            c.contact_id,
                            section,
                            question,
                            0 if failed else 1,
                            1,
                            weight,
                            True,
                            False,
                        )
                    )
                    continue
                na = question == "next_steps" and rng.random() < 0.15
                earned = (
                    np.nan
                    if na
                    else float(
                        np.clip(
                            np.rint(
                                2 * min(1.0, level + rng.normal(0, 0.12)) - (1.5 if hung else 0)
                            ),
                            0,
                            2,
                        )
                    )
                )
                rows.append(
                    (
                        ev_id,
                        agent,
                        evaluator,
                        c.ended_at,
                        c.contact_id,
                        section,
                        question,
                        earned,
                        2,
                        weight,
                        False,
                        na,
                    )
                )
            ev_id += 1
    ev = pd.DataFrame(
        rows,
        columns=[
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
        ],
    )
    ev["evaluation_id"] = "E" + ev["evaluation_id"].astype(str).str.zfill(5)
    return ev


def interval_report(
    contacts: pd.DataFrame, *, interval_min: int = 30, threshold_s: float = 20
) -> pd.DataFrame:
    """An ACD-style interval report from contacts: ``interval_start, interval_end, queue, offered,
    answered, abandoned, answered_within_<T>s, handle_sum_s, wait_answered_sum_s``."""
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


def write_sample(out: str | Path, **kwargs: object) -> dict[str, Path]:
    """Generate and write the sample as gzipped CSV (times with their UTC offset) plus a README."""
    tables = generate(**kwargs)  # type: ignore[arg-type]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, df in tables.items():
        p = folder / f"{name}.csv.gz"
        df2 = df.copy()
        for col in df2.columns:
            if isinstance(df2[col].dtype, pd.DatetimeTZDtype):
                df2[col] = df2[col].map(
                    lambda t: t.isoformat(timespec="seconds") if pd.notna(t) else ""
                )
        df2.to_csv(p, index=False, compression={"method": "gzip", "mtime": 0}, float_format="%.3f")
        paths[name] = p
    return paths
