"""Uncertainty for every rate and score: Wilson intervals, the NPS standard error, t intervals.

Reference values of ``metrics.md``:

>>> [round(x, 2) for x in wilson(8, 10)]
[0.49, 0.94]
>>> lo, hi = nps_interval(0.45, 0.20, 200)
>>> round(100 * (hi - lo) / 2, 1)
10.6
"""

from __future__ import annotations

import numpy as np
from scipy import stats as sps

Z95 = float(sps.norm.ppf(0.975))


def wilson(
    k: np.ndarray | float, n: np.ndarray | float, *, z: float = Z95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for k successes in n trials (NaN where n = 0)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = np.where(
        n > 0, np.where(k <= 0, 0.0, np.clip(centre - half, 0, 1)), np.nan
    )  # exact at the edges
    hi = np.where(n > 0, np.where(k >= n, 1.0, np.clip(centre + half, 0, 1)), np.nan)
    return (lo, hi) if lo.ndim else (float(lo), float(hi))  # type: ignore[return-value]


def nps_interval(
    promoters: np.ndarray | float,
    detractors: np.ndarray | float,
    n: np.ndarray | float,
    *,
    z: float = Z95,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval for NPS (as a share, -1..1) from promoter and detractor shares and n:
    SE = sqrt((p + d - (p - d)^2) / n)."""
    p = np.asarray(promoters, dtype=float)
    d = np.asarray(detractors, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt((p + d - (p - d) ** 2) / n)
    nps = p - d
    lo, hi = np.where(n > 0, nps - z * se, np.nan), np.where(n > 0, nps + z * se, np.nan)
    return (lo, hi) if lo.ndim else (float(lo), float(hi))  # type: ignore[return-value]


def t_interval(
    total: np.ndarray, total_sq: np.ndarray, n: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """t interval of a mean from the sum, the sum of squares and n (NaN where n < 2)."""
    total = np.asarray(total, dtype=float)
    total_sq = np.asarray(total_sq, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        var = np.maximum(total_sq - n * mean * mean, 0) / (n - 1)
        half = sps.t.ppf(0.975, np.maximum(n - 1, 1)) * np.sqrt(var / n)
    ok = n >= 2
    return np.where(ok, mean - half, np.nan), np.where(ok, mean + half, np.nan)
