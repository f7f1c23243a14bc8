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

__all__ = [
    "Z95",
    "fisher_z_interval",
    "newcombe_difference",
    "nps_difference",
    "nps_interval",
    "quantile_interval",
    "quantile_ranks",
    "t_interval",
    "welch_difference",
    "wilson",
]

#: The two-sided 95 % normal quantile (about 1.96), the default ``z`` of the intervals.
Z95 = float(sps.norm.ppf(0.975))


def wilson(
    k: np.ndarray | float, n: np.ndarray | float, *, z: float = Z95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for ``k`` successes in ``n`` trials (NaN where ``n`` = 0).

    The bounds are exact at the edges: 0 when ``k`` = 0 and 1 when ``k`` = ``n``.

    Parameters
    ----------
    k : float or numpy.ndarray
        Successes (a count, e.g. contacts answered within T).
    n : float or numpy.ndarray
        Trials (a count, e.g. contacts offered); same shape as ``k`` or broadcastable to it.
    z : float
        Normal quantile of the interval; :data:`Z95` (about 1.96) gives a two-sided 95 % interval.

    Returns
    -------
    tuple of (float, float) or tuple of (numpy.ndarray, numpy.ndarray)
        ``(low, high)`` as shares (0-1, not percent; multiply by 100 for ``_pct``). Plain floats
        when ``k`` and ``n`` are scalars, arrays otherwise; NaN where ``n`` = 0.

    Examples
    --------
    >>> wilson(0, 10)[0], wilson(10, 10)[1]
    (0.0, 1.0)
    >>> lo, hi = wilson(np.array([8, 0]), np.array([10, 0]))
    >>> np.round(lo, 2).tolist(), np.isnan(hi).tolist()
    ([0.49, nan], [False, True])
    """
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
    """Normal interval for NPS from promoter and detractor shares and the number of responses.

    The standard error is ``SE = sqrt((p + d - (p - d)^2) / n)`` and the interval
    ``(p - d) -/+ z * SE``. It is not clipped to -1..1.

    Parameters
    ----------
    promoters : float or numpy.ndarray
        Share of promoters (scores 9-10), 0-1 (not percent).
    detractors : float or numpy.ndarray
        Share of detractors (scores 0-6), 0-1 (not percent).
    n : float or numpy.ndarray
        Number of responses (a count).
    z : float
        Normal quantile of the interval; :data:`Z95` gives a two-sided 95 % interval.

    Returns
    -------
    tuple of (float, float) or tuple of (numpy.ndarray, numpy.ndarray)
        ``(low, high)`` of NPS as a share, -1..1 (multiply by 100 for NPS points, -100..100).
        Plain floats for scalar inputs, arrays otherwise; NaN where ``n`` = 0.

    Examples
    --------
    >>> nps_interval(0.5, 0.2, 0)
    (nan, nan)
    """
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
    """Student t 95 % interval of a mean from the sum, the sum of squares and n (NaN where n < 2).

    Working from sums lets a mean's interval be recomputed from per-period totals without the rows.

    Parameters
    ----------
    total : numpy.ndarray
        Sum of the values (in the values' unit, e.g. seconds of handle time).
    total_sq : numpy.ndarray
        Sum of the squared values (in the unit squared).
    n : numpy.ndarray
        Number of values (a count).

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray)
        ``(low, high)`` of the mean, in the values' unit; always arrays (0-dimensional for scalar
        inputs); NaN where ``n`` < 2. The level is fixed at 95 % (there is no ``z`` option).

    Examples
    --------
    >>> x = np.array([9.0, 10.0, 11.0])
    >>> lo, hi = t_interval(x.sum(), (x * x).sum(), 3)
    >>> round(float(lo), 2), round(float(hi), 2)
    (7.52, 12.48)
    """
    total = np.asarray(total, dtype=float)
    total_sq = np.asarray(total_sq, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        var = np.maximum(total_sq - n * mean * mean, 0) / (n - 1)
        half = sps.t.ppf(0.975, np.maximum(n - 1, 1)) * np.sqrt(var / n)
    ok = n >= 2
    return np.where(ok, mean - half, np.nan), np.where(ok, mean + half, np.nan)


def quantile_interval(values: np.ndarray, q: float, *, level: float = 0.95) -> tuple[float, float]:
    """Distribution-free confidence interval of the ``q`` quantile, from order statistics.

    The number of observations below the true quantile is Binomial(n, q), so the order statistics
    at its ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles bracket the quantile with at least
    ``level`` coverage, whatever the distribution (waits are far from normal).

    Parameters
    ----------
    values : array-like
        The observations (NaN ignored).
    q : float
        The quantile, 0-1 (0.9 for p90).
    level : float
        Confidence level.

    Returns
    -------
    tuple of float
        ``(low, high)`` in the values' unit; NaN when there are no values.

    >>> quantile_interval(np.arange(1, 101), 0.5)
    (40.0, 61.0)
    """
    v = np.sort(np.asarray(values, dtype=float))
    v = v[~np.isnan(v)]
    n = len(v)
    if n == 0:
        return float("nan"), float("nan")
    lo, hi = quantile_ranks(np.array([n]), q, level=level)
    return float(v[lo[0] - 1]), float(v[hi[0] - 1])


def quantile_ranks(
    n: np.ndarray, q: float, *, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """The 1-based ranks of the order statistics that bound the ``q`` quantile (see
    :func:`quantile_interval`), for samples of ``n`` (>= 1) values: an engine that sorts in place
    picks the values at these ranks.

    >>> quantile_ranks(np.array([100]), 0.5)
    (array([40]), array([61]))
    """
    n = np.asarray(n, dtype=np.int64)
    alpha = 1 - level
    lo = sps.binom.ppf(alpha / 2, n, q).astype(np.int64)  # 1-based rank of the lower bound
    hi = sps.binom.ppf(1 - alpha / 2, n, q).astype(np.int64) + 1
    return np.maximum(lo, 1), np.minimum(hi, n)


# ----------------------------------------------------------------------------- differences


def newcombe_difference(
    k1: float, n1: float, k2: float, n2: float, *, z: float = Z95
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for the difference of two proportions ``k1/n1 - k2/n2``.

    Built from each proportion's Wilson interval (Newcombe 1998, method 10), so it stays inside
    -1..1 and behaves at small counts and near 0 or 1, where the normal interval does not.

    Parameters
    ----------
    k1, n1 : float
        Successes and trials of the first group (counts).
    k2, n2 : float
        Successes and trials of the second (reference) group.
    z : float
        Normal quantile; :data:`Z95` gives 95 %.

    Returns
    -------
    tuple of (float, float)
        ``(low, high)`` of the difference as a share (-1..1; x 100 for percentage points); NaN when
        either group has no trials.

    Examples
    --------
    Newcombe's own example 1 (56/70 vs 48/80) gives 0.0524 to 0.3339:

    >>> [round(x, 4) for x in newcombe_difference(56, 70, 48, 80)]
    [0.0524, 0.3339]
    """
    if n1 <= 0 or n2 <= 0:
        return float("nan"), float("nan")
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z=z)
    l2, u2 = wilson(k2, n2, z=z)
    d = p1 - p2
    lo = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return float(lo), float(hi)


def nps_difference(
    p1: float, d1: float, n1: float, p2: float, d2: float, n2: float, *, z: float = Z95
) -> tuple[float, float]:
    """Normal interval of the difference of two NPS, with ``SE = sqrt(SE1^2 + SE2^2)``.

    Parameters
    ----------
    p1, d1, n1 : float
        Promoter and detractor shares (0-1) and responses of the first group.
    p2, d2, n2 : float
        The same for the second (reference) group.
    z : float
        Normal quantile; :data:`Z95` gives 95 %.

    Returns
    -------
    tuple of (float, float)
        ``(low, high)`` of ``NPS1 - NPS2`` as a share (x 100 for NPS points); NaN when a group has
        no responses.

    Examples
    --------
    Two groups of 200 with NPS 25 (45 % / 20 %) each: the difference is 0 +- 15.0 points.

    >>> [round(100 * x, 1) for x in nps_difference(0.45, 0.2, 200, 0.45, 0.2, 200)]
    [-15.0, 15.0]
    """
    if n1 <= 0 or n2 <= 0:
        return float("nan"), float("nan")
    v1 = (p1 + d1 - (p1 - d1) ** 2) / n1
    v2 = (p2 + d2 - (p2 - d2) ** 2) / n2
    diff = (p1 - d1) - (p2 - d2)
    half = z * float(np.sqrt(v1 + v2))
    return diff - half, diff + half


def welch_difference(
    mean1: float, var1: float, n1: float, mean2: float, var2: float, n2: float
) -> tuple[float, float]:
    """Welch t 95 % interval of the difference of two means (unequal variances).

    Parameters
    ----------
    mean1, var1, n1 : float
        Mean, sample variance (ddof 1) and count of the first group.
    mean2, var2, n2 : float
        The same for the second (reference) group.

    Returns
    -------
    tuple of (float, float)
        ``(low, high)`` of ``mean1 - mean2`` in the values' unit; NaN when a group has fewer than
        two values.

    Examples
    --------
    >>> lo, hi = welch_difference(4.0, 1.0, 50, 3.5, 1.0, 50)
    >>> round(lo, 3), round(hi, 3)
    (0.103, 0.897)
    """
    if n1 < 2 or n2 < 2:
        return float("nan"), float("nan")
    a, b = var1 / n1, var2 / n2
    se = float(np.sqrt(a + b))
    if se == 0:
        d = mean1 - mean2
        return d, d
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    half = float(sps.t.ppf(0.975, df)) * se
    return mean1 - mean2 - half, mean1 - mean2 + half


def fisher_z_interval(
    r: float, n: float, *, z: float = Z95, spearman: bool = False
) -> tuple[float, float]:
    """Interval of a correlation coefficient by Fisher's z transform: ``atanh(r) -/+ z * SE``.

    ``SE = 1 / sqrt(n - 3)`` for Pearson's r; for Spearman's rank correlation the Bonett-Wright
    (2000) ``SE = sqrt((1 + r^2 / 2) / (n - 3))``.

    Parameters
    ----------
    r : float
        A Pearson (or Spearman) correlation, -1..1.
    n : float
        Number of pairs.
    z : float
        Normal quantile; :data:`Z95` gives 95 %.
    spearman : bool
        ``r`` is a Spearman correlation (the Bonett-Wright standard error).

    Returns
    -------
    tuple of (float, float)
        ``(low, high)``, -1..1; NaN when ``n`` < 4.

    Examples
    --------
    >>> [round(x, 3) for x in fisher_z_interval(0.5, 50)]
    [0.257, 0.683]
    """
    if n < 4 or not np.isfinite(r):
        return float("nan"), float("nan")
    zr = np.arctanh(np.clip(r, -0.999999, 0.999999))
    half = z * np.sqrt(((1 + r * r / 2) if spearman else 1.0) / (n - 3))
    return float(np.tanh(zr - half)), float(np.tanh(zr + half))
