"""The Monte Carlo of the next-year model (whole table, every province's rank), written by
hand with numpy, timed against the library on the same model in the same run.

Run from the repository root:

    python3 core/benches/python/forecast.py [scenarios] [seed] [repeats]

It runs `cargo run --release -p parindex --example forecast_timing`, which prints the
fitted model of PAR 2023 (every competitor's start bounds, catch-up, spread, tails) and the
library's time; then it samples the same model in numpy (argsort per scenario for the
ranks) and prints both times and the ratio (wall clock, the library on all threads), and
the CPU times with the library on one thread. Each time is the best of `repeats` runs
(default 5) on each side, as `timeit` reports: the least disturbed by the machine's other
load. Results agree statistically, not bit for bit.
"""

import json
import subprocess
import sys
import time

import numpy as np


def numpy_forecast(m, scenarios, seed, batch=20_000):
    lo, hi = np.array(m["lo"]), np.array(m["hi"])
    n = len(lo)
    rng = np.random.default_rng(seed)
    counts = np.zeros((n, n), dtype=np.int64)
    done = 0
    while done < scenarios:
        b = min(batch, scenarios - done)
        u = lo + (hi - lo) * rng.random((b, n))
        sd = np.where(rng.random((b, n)) < m["tail_weight"], m["spread"] * m["tail_scale"], m["spread"])
        y = m["a"] * u + m["c0"] + sd * rng.standard_normal((b, n))
        order = np.argsort(-y, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(n)[None, :].repeat(b, axis=0), axis=1)
        for i in range(n):
            counts[i] += np.bincount(ranks[:, i], minlength=n)
        done += b
    return counts


def main():
    scenarios = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    repeats = max(1, int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "parindex", "--example", "forecast_timing", "--", str(scenarios), str(seed), str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = json.loads(out)
    numpy_seconds = numpy_cpu = float("inf")
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        counts = numpy_forecast(m, scenarios, seed)
        numpy_seconds = min(numpy_seconds, time.perf_counter() - start)
        numpy_cpu = min(numpy_cpu, time.process_time() - cpu)
    print(
        json.dumps(
            {
                "scenarios": scenarios,
                "repeats": repeats,
                "library_seconds": round(m["seconds"], 4),
                "library_threads": m["threads"],
                "numpy_seconds": round(numpy_seconds, 4),
                "ratio": round(numpy_seconds / m["seconds"], 1),
                "numpy_rank_counts_total": int(counts.sum()),
                # CPU time (numpy on one thread, the library on one thread): less sensitive
                # to other load on the machine than the wall-clock ratio above.
                "library_cpu_seconds_1_thread": round(m["cpu_seconds_1_thread"], 4),
                "numpy_cpu_seconds": round(numpy_cpu, 4),
                "cpu_ratio_1_thread": round(numpy_cpu / m["cpu_seconds_1_thread"], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
