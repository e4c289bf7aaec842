#!/usr/bin/env python3
"""SIPAS bootstrap: parindex (Rust) against numpy on the same SYNTHETIC answers.

The input is synthetic (never real survey data): the Rust generator writes it through the
example binary, both implementations read the same CSV, and each is timed on the bootstrap
alone (reading the file is not timed):

    python3 core/benches/python/sipas_bootstrap.py [--units 63] [--respondents 600]
        [--replicates 1000] [--seed 1] [--skip-build] [--blas-threads 1]

The computation, the same on both sides (1001/QĐ-BNV framework `sipas-2023`, 39 items;
top-2 rule; item-mean aggregation): exact point estimates from all answers; then R
replicates, each resampling every unit's respondents with replacement (n out of n), summing
per item the satisfied (4–5) and valid answers of the drawn respondents, forming item
shares, node means (domains, contents, elements) and SIPAS, and ranking the units
(competition ranking on the 2-decimal value); finally percentile intervals (linear
interpolation, 2.5 % and 97.5 %) and standard errors of every value and each unit's rank
distribution. The random draws differ (numpy's PCG64 vs xoshiro256++), so intervals agree
only to sampling error; point estimates agree exactly and are checked.

numpy variants timed:
  gather  — the same algorithm as the Rust code: index draws, then the drawn respondents'
            count rows gathered and summed (one vectorised step over all units per replicate);
  matmul  — a different, BLAS-backed formulation: multiplicity counts per respondent
            (bincount) times the count matrix, a batch of replicates per matrix product.
The ratio is reported against both, for Rust on one thread and on all threads.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# numpy on one thread (BLAS included), against Rust on one thread and on all threads;
# `--blas-threads N` changes it. Must be set before numpy is imported.
if "--blas-threads" in sys.argv:
    _blas = sys.argv[sys.argv.index("--blas-threads") + 1]
else:
    _blas = "1"
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, _blas)

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
EXAMPLE = TARGET / "release" / "examples" / "sipas_synthetic"


def build() -> None:
    subprocess.run(
        ["cargo", "build", "--release", "-p", "parindex", "--example", "sipas_synthetic"],
        cwd=REPO,
        check=True,
    )


def generate(path: Path, units: int, respondents: int, seed: int) -> None:
    subprocess.run(
        [str(EXAMPLE), "generate", "--units", str(units), "--respondents", str(respondents),
         "--seed", str(seed), "--out", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def rust_bootstrap(path: Path, replicates: int, seed: int, threads: int | None) -> dict:
    env = dict(os.environ)
    if threads is not None:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = subprocess.run(
        [str(EXAMPLE), "bootstrap", "--input", str(path), "--replicates", str(replicates), "--seed", str(seed)],
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(out.stdout)


def load(path: Path):
    """Wide CSV → (unit names, items, per unit: satisfied and valid 0/1 matrices)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    items = header[2:]
    units: dict[str, list[list[str]]] = {}
    for r in rows[1:]:
        units.setdefault(r[1], []).append(r[2:])
    names = list(units)
    data = []
    for name in names:
        a = np.array([[int(x) if x in ("1", "2", "3", "4", "5") else 0 for x in row] for row in units[name]],
                     dtype=np.int8)
        data.append(((a >= 4).astype(np.int8), (a > 0).astype(np.int8)))
    return names, items, data


def plan(items: list[str]):
    """Node columns of sipas-2023 (every dotted prefix that is not an item) → item indices."""
    codes = []
    for it in items:
        parts = it.split(".")
        for k in range(1, len(parts)):
            p = ".".join(parts[:k])
            if p not in codes:
                codes.append(p)
    members = [np.array([i for i, it in enumerate(items) if it.startswith(c + ".")]) for c in codes]
    return codes, members


def values_from_sums(sat: np.ndarray, valid: np.ndarray, members) -> np.ndarray:
    """(…, items) sums → (…, 1 + nodes + items): SIPAS, node means, item shares (NaN = none)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        item = np.where(valid > 0, 100.0 * sat / np.maximum(valid, 1), np.nan)
    nodes = [np.nanmean(item[..., m], axis=-1) for m in members]
    sipas = np.nanmean(item, axis=-1)
    return np.concatenate([sipas[..., None], np.stack(nodes, axis=-1), item], axis=-1)


def ranks_competition(sipas: np.ndarray) -> np.ndarray:
    """(R, U) → competition ranks on the 2-decimal value (half away from zero)."""
    key = np.floor(sipas * 100.0 + 0.5)
    return 1 + (key[:, None, :] > key[:, :, None]).sum(axis=-1)


def summarize(vals: np.ndarray, ranks: np.ndarray):
    lo, hi = np.nanpercentile(vals, [2.5, 97.5], axis=0)
    se = np.nanstd(vals, axis=0, ddof=1)
    u = ranks.shape[1]
    counts = np.stack([np.bincount(ranks[:, k] - 1, minlength=u) for k in range(u)])
    return lo, hi, se, counts


def numpy_gather(data, members, replicates: int, seed: int):
    """Index draws; gather the drawn rows; sum. Vectorised over units (padded to n_max)."""
    rng = np.random.default_rng(seed)
    u = len(data)
    n = np.array([s.shape[0] for s, _ in data])
    nmax, j = n.max(), data[0][0].shape[1]
    rows = np.zeros((u, nmax, 2 * j), dtype=np.int16)
    for k, (s, v) in enumerate(data):
        rows[k, : n[k], :j] = s
        rows[k, : n[k], j:] = v
    mask = (np.arange(nmax)[None, :] < n[:, None])[..., None]
    unit_ix = np.arange(u)[:, None]
    point = values_from_sums(rows[:, :, :j].sum(1), rows[:, :, j:].sum(1), members)
    vals = np.empty((replicates, u, point.shape[-1]))
    for r in range(replicates):
        idx = (rng.random((u, nmax)) * n[:, None]).astype(np.intp)
        sums = (rows[unit_ix, idx] * mask).sum(axis=1)
        vals[r] = values_from_sums(sums[:, :j], sums[:, j:], members)
    ranks = ranks_competition(vals[:, :, 0])
    return point, summarize(vals, ranks)


def numpy_matmul(data, members, replicates: int, seed: int, batch: int = 50):
    """Multiplicity counts (bincount) × count matrix, `batch` replicates per product."""
    rng = np.random.default_rng(seed)
    u = len(data)
    n = np.array([s.shape[0] for s, _ in data])
    nmax, j = n.max(), data[0][0].shape[1]
    # One extra zero row per unit: the padding draws of smaller units land there.
    rows = np.zeros((u, nmax + 1, 2 * j))
    for k, (s, v) in enumerate(data):
        rows[k, : n[k], :j] = s
        rows[k, : n[k], j:] = v
    point = values_from_sums(rows[:, :, :j].sum(1), rows[:, :, j:].sum(1), members)
    vals = np.empty((replicates, u, point.shape[-1]))
    pad = np.arange(nmax)[None, None, :] >= n[:, None, None]
    for start in range(0, replicates, batch):
        b = min(batch, replicates - start)
        draws = (rng.random((u, b, nmax)) * n[:, None, None]).astype(np.intp)
        draws[np.broadcast_to(pad, draws.shape)] = nmax
        flat = draws + (np.arange(u * b) * (nmax + 1)).reshape(u, b, 1)
        mult = np.bincount(flat.ravel(), minlength=u * b * (nmax + 1)).reshape(u, b, nmax + 1).astype(np.float64)
        sums = np.matmul(mult, rows).transpose(1, 0, 2)  # (b, u, 2j)
        vals[start:start + b] = values_from_sums(sums[..., :j], sums[..., j:], members)
    ranks = ranks_competition(vals[:, :, 0])
    return point, summarize(vals, ranks)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=63)
    ap.add_argument("--respondents", type=int, default=600)
    ap.add_argument("--replicates", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--blas-threads", default="1", help="BLAS threads for the matmul variant (default 1)")
    args = ap.parse_args()
    if not args.skip_build:
        build()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sipas-synthetic.csv"
        generate(path, args.units, args.respondents, args.seed)
        names, items, data = load(path)
        codes, members = plan(items)
        print(f"synthetic input: {len(names)} units × {args.respondents} respondents × {len(items)} items, "
              f"{args.replicates} replicates (numpy {np.__version__})")

        rust_all = rust_bootstrap(path, args.replicates, args.seed, None)
        rust_one = rust_bootstrap(path, args.replicates, args.seed, 1)

        t = time.perf_counter()
        point, (lo, hi, se, counts) = numpy_gather(data, members, args.replicates, args.seed)
        t_gather = time.perf_counter() - t
        t = time.perf_counter()
        point_m, (lo_m, _, _, counts_m) = numpy_matmul(data, members, args.replicates, args.seed)
        t_matmul = time.perf_counter() - t

    # Same computation: the point estimates agree (Rust prints the first unit's).
    first = 0
    assert names[first] == rust_all["first_unit"], (names[first], rust_all["first_unit"])
    rust_point = [rust_all["sipas"][0]] + [rust_all[k][0] for k in
                                            ["policy", "information", "participation", "implementation", "impact",
                                             "service", "access", "procedures", "civil_servants", "results",
                                             "feedback"]]
    ours = point[first, : 1 + len(codes)]
    assert np.allclose(ours, rust_point, rtol=0, atol=1e-9), (ours, rust_point)
    assert np.allclose(point, point_m)
    assert counts.sum(axis=1).tolist() == [args.replicates] * len(names)
    print(f"point estimates agree (unit {names[first]}: SIPAS {ours[0]:.6f}); "
          f"95% interval numpy [{lo[first, 0]:.3f}, {hi[first, 0]:.3f}], "
          f"Rust [{rust_all['sipas'][1]:.3f}, {rust_all['sipas'][2]:.3f}]")

    r = args.replicates
    rows = [
        ("Rust, all threads", rust_all["seconds"], rust_all["threads"]),
        ("Rust, 1 thread", rust_one["seconds"], 1),
        ("numpy gather (same algorithm)", t_gather, 1),
        ("numpy matmul (bincount × BLAS)", t_matmul, int(os.environ.get("OPENBLAS_NUM_THREADS", "0")) or None),
    ]
    for label, sec, th in rows:
        threads = "" if th is None else f", {th} thread{'s' if th != 1 else ''}"
        print(f"{label:34s} {sec:9.3f} s  {r / sec:10.1f} replicates/s{threads}")
    for base_label, base in [("numpy gather", t_gather), ("numpy matmul", t_matmul)]:
        print(f"ratio {base_label} / Rust 1 thread:    {base / rust_one['seconds']:6.1f}×")
        print(f"ratio {base_label} / Rust all threads: {base / rust_all['seconds']:6.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
