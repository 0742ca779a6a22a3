"""MinHash signatures and LSH band parameters, bit for bit datasketch's ``affine32`` scheme.

Stored signatures and band hashes are datasketch's (``MinHash(scheme="affine32")`` over the
shingle hashes :func:`crawler.dedup.minhash_signature` makes; bands and rows from
``datasketch.lsh._optimal_param``), so they must stay exactly what it gives. Importing
datasketch, however, imports SciPy (its LSH modules integrate with ``scipy.integrate.quad``):
0.6–0.9 s of CPU and ~20 MiB in every crawling process, for two small integers. Both parts are
short and are computed here with NumPy alone; the tests compare them with datasketch itself (a
test dependency) on random inputs and on typical settings. The band choice agreed on every
threshold of two decimals at 16–256 permutations and on samples at 512 (the two quadratures
differ by ~1e-14); a threshold given to a dozen digits right at the crossover between two choices
could be chosen differently.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

SEED = 1
"""datasketch's default seed: the permutations every stored signature was made with."""

_FMIX32 = (
    np.uint32(16),
    np.uint32(0x85EBCA6B),
    np.uint32(13),
    np.uint32(0xC2B2AE35),
    np.uint32(16),
)
"""The MurmurHash3 32-bit finalizer's shifts and multipliers (datasketch pre-mixes with it)."""


@lru_cache(maxsize=8)
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations ``h -> a*h + b mod 2**32`` (``a`` odd) datasketch draws for
    ``num_perm`` and :data:`SEED`; drawn once per process and shared read-only."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def signature(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """The ``num_perm`` minimum permuted values of 32-bit ``hashes`` (a ``uint32`` array), as
    ``MinHash(num_perm, scheme="affine32", hashfunc=int).update_batch(hashes)`` leaves its
    ``hashvalues``; all ``0xFFFFFFFF`` (datasketch's empty sketch) when there are none."""
    if not len(hashes):
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    shift1, multiply1, shift2, multiply2, shift3 = _FMIX32
    mixed = hashes.astype(np.uint32)
    mixed ^= mixed >> shift1
    mixed *= multiply1
    mixed ^= mixed >> shift2
    mixed *= multiply2
    mixed ^= mixed >> shift3
    a, b = permutations(num_perm)
    # one row per permutation: each minimum is a reduction over contiguous memory
    permuted = np.multiply.outer(a, mixed)
    permuted += b.reshape(-1, 1)
    return permuted.min(axis=1)


@lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising the false positive plus false negative probability mass around
    ``threshold`` with equal weights: ``datasketch.lsh._optimal_param(threshold, num_perm, 0.5,
    0.5)``.

    Both masses are integrals of polynomials in ``s**r`` of degree ``b*r <= num_perm``, so
    Gauss–Legendre quadrature with ``num_perm // 2 + 1`` nodes is exact up to rounding, as SciPy's
    adaptive quadrature is for these smooth integrands. Pairs are tried in datasketch's order
    (bands, then rows, ascending) and the first with the least error wins.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    # each integrand as datasketch writes it (1 - (1 - p) rounds as its false negatives do)
    false_positive = _integrals(0.0, threshold, nodes, weights, num_perm, lambda p: 1.0 - p)
    false_negative = _integrals(threshold, 1.0, nodes, weights, num_perm, lambda p: 1.0 - (1.0 - p))
    pairs = list(false_positive)
    errors = [false_positive[pair] * 0.5 + false_negative[pair] * 0.5 for pair in pairs]
    return pairs[int(np.argmin(errors))]


def _integrals(
    start: float,
    end: float,
    nodes: np.ndarray,
    weights: np.ndarray,
    num_perm: int,
    integrand: Callable[[np.ndarray], np.ndarray],
) -> dict[tuple[int, int], float]:
    """``∫ integrand((1 - s**r)**b) ds`` over [start, end] for every (bands b, rows r) with
    ``b*r <= num_perm``, keyed in datasketch's order (b, then r, ascending)."""
    half = (end - start) / 2.0
    points = start + half * (nodes + 1.0)
    by_rows = {}
    for r in range(1, num_perm + 1):
        bands = np.arange(1, num_perm // r + 1, dtype=float).reshape(-1, 1)
        values = half * (integrand((1.0 - points**r) ** bands) @ weights)
        by_rows[r] = values.tolist()
    return {
        (b, r): by_rows[r][b - 1]
        for b in range(1, num_perm + 1)
        for r in range(1, num_perm // b + 1)
    }
