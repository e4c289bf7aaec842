"""The Monte Carlo of the next-year model (whole table, every province's rank), written by
hand with numpy, timed against the library on the same model in the same run.

Run from the repository root:

    python3 core/benches/python/forecast.py [scenarios] [seed] [rounds]

Each round runs `cargo run --release -p parindex --example forecast_timing`, which prints
the fitted model of PAR 2023 (every competitor's start bounds, catch-up, spread, tails) and
the library's time (the best of 3 runs after an untimed one; wall clock on all threads, and
CPU time on one thread), then samples the same model in numpy (argsort per scenario for the
ranks), timed as the best of 3 runs too. Rounds alternate the two sides, so a burst of other
load on the machine falls on both alike; each side's time is its best over all rounds
(default 5), as `timeit` reports: the least disturbed. The ratio of those two times is the
figure; every round's own ratio is printed too. Results agree statistically, not bit for
bit.
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
    rounds = max(1, int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    per_round = 3
    library = library_cpu = numpy_seconds = numpy_cpu = float("inf")
    per_round_ratios = []
    for _ in range(rounds):
        out = subprocess.run(
            ["cargo", "run", "-q", "--release", "-p", "parindex", "--example", "forecast_timing", "--", str(scenarios), str(seed), str(per_round)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        m = json.loads(out)
        library = min(library, m["seconds"])
        library_cpu = min(library_cpu, m["cpu_seconds_1_thread"])
        round_numpy = float("inf")
        for _ in range(per_round):
            start, cpu = time.perf_counter(), time.process_time()
            counts = numpy_forecast(m, scenarios, seed)
            round_numpy = min(round_numpy, time.perf_counter() - start)
            numpy_cpu = min(numpy_cpu, time.process_time() - cpu)
        numpy_seconds = min(numpy_seconds, round_numpy)
        per_round_ratios.append(round(round_numpy / m["seconds"], 1))
    print(
        json.dumps(
            {
                "scenarios": scenarios,
                "rounds": rounds,
                "runs_per_round": per_round,
                "library_seconds": round(library, 4),
                "library_threads": m["threads"],
                "numpy_seconds": round(numpy_seconds, 4),
                "ratio": round(numpy_seconds / library, 1),
                "ratio_per_round": per_round_ratios,
                "numpy_rank_counts_total": int(counts.sum()),
                # CPU time (numpy on one thread, the library on one thread): less sensitive
                # to other load on the machine than the wall-clock ratio above.
                "library_cpu_seconds_1_thread": round(library_cpu, 4),
                "numpy_cpu_seconds": round(numpy_cpu, 4),
                "cpu_ratio_1_thread": round(numpy_cpu / library_cpu, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
