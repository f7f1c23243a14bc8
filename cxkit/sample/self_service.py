"""An IVR in front of the sample's phones: self-served calls added to a contact log, for containment.

The bundled sample has no IVR, so its containment is 0 %. :func:`add_ivr_calls` puts a voice
menu in front of the phones: it adds calls that ended in self-service (``outcome = self_service``),
some by customers who then reached an agent anyway within two days (the menu did not solve it) and
the rest by customers who did not call again (held). The contact log's own rows are unchanged; the
added rows come from a random stream of their own (``default_rng([seed, 12])``), so the sample's
tables stay the same for the same seed.

>>> import pandas as pd
>>> t = pd.Timestamp("2026-03-02 09:00", tz="Europe/Helsinki")
>>> c = pd.DataFrame({"contact_id": [f"p{i}" for i in range(80)], "channel": "phone",
...                   "customer": [f"K{i}" for i in range(80)], "outcome": "answered",
...                   "arrival": [t + pd.Timedelta(hours=3 * i) for i in range(80)]})
>>> out = add_ivr_calls(c, contained_pct=20, came_back_pct=25)
>>> int((out.outcome == "self_service").sum()), len(out) - len(c)
(20, 20)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["IVR_MENU", "add_ivr_calls"]

#: The options of the sample's voice menu (the reason a self-served call records).
IVR_MENU = ("meter_reading", "invoice_balance", "outage_info", "moving")


def add_ivr_calls(
    contacts: pd.DataFrame,
    *,
    seed: int = 2026,
    contained_pct: float = 20.0,
    came_back_pct: float = 30.0,
    channel: str = "phone",
) -> pd.DataFrame:
    """The contact log with self-served IVR calls added in front of one channel.

    Parameters
    ----------
    contacts : pandas.DataFrame
        A contact log with ``contact_id``, ``channel``, ``customer``, ``arrival`` (tz-aware) and
        ``outcome``; not changed.
    seed : int
        Seed of the IVR's own random stream (``[seed, 12]``).
    contained_pct : float
        Percent of the calls entering the IVR that end there (0 to below 100).
    came_back_pct : float
        Percent of the self-served calls whose customer reached an agent of ``channel`` within
        two days anyway (their call is placed 0.5-48 h before one of that customer's calls).
    channel : str
        The channel the IVR is in front of.

    Returns
    -------
    pandas.DataFrame
        ``contacts`` followed by the IVR rows, sorted by ``arrival``: ``contact_id``
        (``IVR-000001``...), ``channel``, ``queue`` (``ivr``), ``customer`` (a caller of the log,
        or a new key ``ivr-<n>`` for callers who did not call again), ``arrival``, ``outcome``
        (``self_service``), ``reason`` (an option of :data:`IVR_MENU`), ``ended_at`` and
        ``vru_s`` (seconds in the menu, 40-240).
    """
    if not 0 <= contained_pct < 100 or not 0 <= came_back_pct <= 100:
        raise ValueError("contained_pct must be 0 to below 100 and came_back_pct 0 to 100")
    rng = np.random.default_rng([seed, 12])
    offered = contacts[
        (contacts.channel == channel) & contacts.outcome.isin(["answered", "abandoned", "flowout"])
    ]
    n_ss = int(round(len(offered) * contained_pct / (100 - contained_pct)))
    keyed = offered[offered.customer.notna()] if "customer" in offered else offered.iloc[0:0]
    start = offered.arrival.min() + pd.Timedelta(days=2)
    later = keyed[keyed.arrival >= start]
    n_back = min(int(round(n_ss * came_back_pct / 100)), len(later))
    back = later.iloc[np.sort(rng.choice(len(later), n_back, replace=False))] if n_back else later
    back_at = back.arrival - pd.to_timedelta(rng.uniform(0.5, 48, n_back), unit="h")
    n_new = n_ss - n_back
    when = offered.arrival.iloc[rng.integers(0, len(offered), n_new)] if n_new else back_at[:0]
    new_at = when.reset_index(drop=True) + pd.to_timedelta(rng.uniform(-600, 600, n_new), unit="s")
    arrival = pd.concat([back_at.reset_index(drop=True), new_at], ignore_index=True)
    customers = [*back.customer.astype(str), *(f"ivr-{i:06d}" for i in range(n_new))]
    vru = rng.uniform(40, 240, n_ss).round(1)
    ivr = pd.DataFrame(
        {
            "contact_id": [f"IVR-{i + 1:06d}" for i in range(n_ss)],
            "channel": channel,
            "queue": "ivr",
            "customer": customers,
            "arrival": arrival,
            "outcome": "self_service",
            "reason": rng.choice(list(IVR_MENU), n_ss),
            "ended_at": arrival + pd.to_timedelta(vru, unit="s"),
            "vru_s": vru,
        }
    )
    out = pd.concat([contacts, ivr], ignore_index=True)
    return out.sort_values("arrival", kind="stable").reset_index(drop=True)
