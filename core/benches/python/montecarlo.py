"""The Monte Carlo of next year's ranking, written by hand with numpy (the baseline an
analyst would write), timed against the library on the same input in the same run.

Run from the repository root:

    python3 core/benches/python/montecarlo.py [scenarios] [seed]

It builds and runs `cargo run --release -p parindex --example montecarlo_timing`, which
prints the exact input (competitors' score ranges, the empirical changes, Lạng Sơn's score,
the plan) and the library's timings; then it runs the same model in numpy and prints the
ratio and scenarios per second. Both draw their own random numbers: the results agree
statistically, not bit for bit.
"""

import json
import subprocess
import sys
import time

import numpy as np


def numpy_monte_carlo(inp, scenarios, seed, batch=50_000):
    comps = np.array(inp["competitors_hundredths"], dtype=np.int64)
    lo, span = comps[:, 0], comps[:, 1] - comps[:, 0]
    changes = np.array(inp["changes_hundredths"], dtype=np.int64)
    own, gain, target, of = inp["own_hundredths"], inp["gain_hundredths"], inp["target_rank"], inp["of"]
    rng = np.random.default_rng(seed)
    rank_counts = np.zeros(of, dtype=np.int64)
    needed = []
    m = len(lo)
    done = 0
    while done < scenarios:
        b = min(batch, scenarios - done)
        current = lo + (rng.random((b, m)) * (span + 1)).astype(np.int64)
        nxt = np.clip(current + changes[rng.integers(0, len(changes), size=(b, m))], 0, 10_000)
        mine = min(own + gain, 10_000)
        above = (nxt > mine).sum(axis=1)
        rank_counts += np.bincount(np.minimum(above, of - 1), minlength=of)
        kth = -np.partition(-nxt, target - 1, axis=1)[:, target - 1]
        needed.append(np.maximum(kth - own, 0))
        done += b
    needed = np.concatenate(needed)
    p_target = rank_counts[:target].sum() / scenarios
    gain_p50 = np.sort(needed)[int(np.ceil(0.5 * scenarios)) - 1] / 100
    cum = np.cumsum(rank_counts)
    rank_p50 = int(np.searchsorted(cum, np.ceil(0.5 * scenarios)) + 1)
    return p_target, rank_p50, gain_p50


def main():
    scenarios = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "parindex", "--example", "montecarlo_timing", "--",
         str(scenarios), str(seed)],
        check=True, capture_output=True, text=True,
    ).stdout
    rust = json.loads(out)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        p, r50, g50 = numpy_monte_carlo(rust["input"], scenarios, seed)
        best = min(best, time.perf_counter() - t)
    r = rust["rust"]
    print(f"Monte Carlo, {scenarios:,} scenarios x {rust['input']['of']} provinces (Lạng Sơn, PAR 2023, +2 points, target 30)")
    print(f"  numpy baseline      {best:8.3f} s  {scenarios / best:12,.0f} scenarios/s  P={p:.4f} median rank {r50} gain@50% {g50:.2f}")
    print(f"  parindex 1 thread   {r['seconds_1_thread']:8.3f} s  {scenarios / r['seconds_1_thread']:12,.0f} scenarios/s  "
          f"P={r['p_target']:.4f} median rank {r['rank_p50']} gain@50% {r['gain_for_p50']}")
    print(f"  parindex {r['threads']} threads  {r['seconds_all_threads']:8.3f} s  {scenarios / r['seconds_all_threads']:12,.0f} scenarios/s")
    print(f"  draws only 1 thread {r['seconds_draws_only_1_thread']:8.3f} s")
    print(f"  ratio numpy / parindex: {best / r['seconds_1_thread']:.1f}x (1 thread), {best / r['seconds_all_threads']:.1f}x ({r['threads']} threads)")
    print(f"  parindex / draws-only loop (1 thread): {r['seconds_1_thread'] / r['seconds_draws_only_1_thread']:.2f}x")


if __name__ == "__main__":
    main()
