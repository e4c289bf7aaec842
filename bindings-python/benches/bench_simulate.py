"""Benchmark: ``t.simulate`` (Rust core, through the binding) against a hand-written
numpy baseline of the same Monte Carlo, in the same run.

The baseline starts from the same input (``pi.competitor_ranges``: the competitors'
current score ranges as the core's Monte Carlo has them) and does the same work per
scenario: draw the current score of every competitor whose score is unknown (uniform
within its bounds, in hundredths), add a
change drawn from the published 2022→2023 year-over-year changes, cap to 0–100, rank the
province's planned score against them (ties shared), and find the least gain that reaches
the target rank (the target-th highest competitor). It runs in chunks of 100,000
scenarios to bound memory. Its random numbers are numpy's, so its probabilities agree
with the core's only statistically (both are printed).

Run with a release build of the package (``pip install ./bindings-python`` or
``maturin develop --release``)::

    python bindings-python/benches/bench_simulate.py --scenarios 1000000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import time
from decimal import Decimal
from typing import Callable, Tuple

import numpy as np

import parindex as pi

PROVINCE, TARGET, GAIN = "Lạng Sơn", 30, Decimal("4")


def competitors(t: pi.LeagueTable) -> Tuple[np.ndarray, np.ndarray, int]:
    """(low, span) in hundredths of the competitors' current scores, exactly as the core's
    Monte Carlo starts from them (``pi.competitor_ranges``), and the province's score."""
    ranges = pi.competitor_ranges(t, PROVINCE)
    lows = np.array([int(lo * 100) for lo, _ in ranges], dtype=np.int32)
    spans = np.array([int((hi - lo) * 100) for lo, hi in ranges], dtype=np.int32)
    score = t.score(PROVINCE)
    assert score is not None
    return lows, spans, int(score * 100)


def empirical_changes() -> np.ndarray:
    yoy = pi.year_over_year(pi.published("par", 2022), pi.published("par", 2023))
    values = [round(v * 100) for v in yoy["score_change"].dropna()]
    return np.array(values, dtype=np.int32)


def numpy_monte_carlo(
    lows: np.ndarray, spans: np.ndarray, own: int, changes: np.ndarray, gain: int, n: int, seed: int
) -> Tuple[float, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    of = len(lows) + 1
    rank_counts = np.zeros(of, dtype=np.int64)
    gain_counts = np.zeros(10_001 - own + 1, dtype=np.int64)
    mine = min(own + gain, 10_000)
    chunk = 100_000
    done = 0
    while done < n:
        m = min(chunk, n - done)
        current = lows + (rng.random((m, len(lows))) * (spans + 1)).astype(np.int32)
        nxt = np.clip(current + changes[rng.integers(0, len(changes), size=(m, len(lows)))], 0, 10_000)
        above = (nxt > mine).sum(axis=1)
        rank_counts += np.bincount(np.minimum(above, of - 1), minlength=of)
        # Least gain to rank <= TARGET: reach the TARGET-th highest competitor.
        kth = -np.partition(-nxt, TARGET - 1, axis=1)[:, TARGET - 1]
        needed = np.maximum(kth - own, 0)
        gain_counts += np.bincount(needed, minlength=len(gain_counts))[: len(gain_counts)]
        done += m
    p_target = rank_counts[:TARGET].sum() / n
    return float(p_target), rank_counts, gain_counts


def best_of(repeat: int, fn: Callable[[], object]) -> Tuple[float, object]:
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenarios", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    t = pi.published("par", 2023)
    lows, spans, own = competitors(t)
    changes = empirical_changes()
    n = args.scenarios

    rust_s, sim = best_of(
        args.repeat, lambda: t.simulate(PROVINCE, gain=GAIN, target_rank=TARGET, scenarios=n, seed=args.seed)
    )
    numpy_s, base = best_of(
        args.repeat, lambda: numpy_monte_carlo(lows, spans, own, changes, int(GAIN * 100), n, args.seed)
    )
    assert isinstance(sim, pi.Simulation) and isinstance(base, tuple)
    print(f"Monte Carlo, {PROVINCE} PAR 2023, gain +{GAIN}, target rank <= {TARGET}, {n:,} scenarios")
    print(f"  machine: {os.cpu_count()} logical cores; best of {args.repeat}")
    print(f"  parindex t.simulate : {rust_s:8.3f} s   P(rank <= {TARGET}) = {sim.p_target:.4f}")
    print(f"  numpy baseline      : {numpy_s:8.3f} s   P(rank <= {TARGET}) = {base[0]:.4f}")
    exact = t.exact(PROVINCE, gain=GAIN, target_rank=TARGET)
    print(f"  (the model solved exactly: P(rank <= {TARGET}) = {exact.p_target:.4f})")
    print(f"  ratio numpy / parindex: {numpy_s / rust_s:.1f}x")


if __name__ == "__main__":
    main()
