"""Benchmark: the CSV loaders through the Python binding at national size, with a pandas
baseline (``pd.read_csv`` + ``groupby``) in the same run, reported as a ratio. A harness
script, not a timed test: it prints figures and asserts nothing about time.

- a long-form SIPAS survey of ``--answers`` answers (default 10⁶; a national survey is about
  1.5 million: ~40,000 respondents × 39 items), synthetic (``Survey.synthetic``), read with
  ``Survey.from_csv`` (a path) and ``sipas_from_answers`` (read and computed); baseline:
  ``pd.read_csv`` and the mean answer per unit and item;
- a league-table CSV of ``--rows`` rows (default 10⁵: the 63 provinces over many years, one
  year kept), read with ``LeagueTable.from_csv``; baseline: ``pd.read_csv`` and the rows of
  that year;
- the scaling check: the same loads at a quarter of the size (4× the rows should cost at
  most ~5× the time).

Run with a release build of the package (``pip install ./bindings-python``)::

    python bindings-python/benches/loaders.py --answers 1000000 --rows 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict

import pandas as pd

import parindex as pi


def best(f: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` wall-clock times, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def survey_file(folder: Path, answers: int) -> Path:
    fw = pi.framework("sipas-2023")
    items = len(fw.leaf_codes())
    units = 63
    respondents = max(1, round(answers / (units * items)))
    s = pi.Survey.synthetic(fw, units=units, respondents=respondents, seed=1)
    path = folder / f"survey-{answers}.csv"
    path.write_text(s.to_long_csv(), encoding="utf-8")
    return path


def table_file(folder: Path, rows: int) -> Path:
    provinces = list(pi.provinces()["province"])
    years = max(1, rows // len(provinces))
    lines = ["year,province,score,rank"]
    for y in range(2023 - years + 1, 2024):
        for i, p in enumerate(provinces):
            lines.append(f"{y},{p},{90 - i * 0.25:.2f},{i + 1}")
    path = folder / f"table-{rows}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pandas_means(path: Path) -> "pd.Series":
    """The baseline: read the CSV, answers as numbers (``dk`` and empty → NaN), the mean
    answer per unit and item."""
    df = pd.read_csv(path)
    df["answer"] = pd.to_numeric(df["answer"], errors="coerce")
    return df.groupby(["unit", "item"])["answer"].mean()


def measure(folder: Path, answers: int, rows: int, repeat: int) -> Dict[str, float]:
    survey, table = survey_file(folder, answers), table_file(folder, rows)
    n_answers = sum(1 for _ in survey.open(encoding="utf-8")) - 1
    n_rows = sum(1 for _ in table.open(encoding="utf-8")) - 1
    fw = pi.framework("sipas-2023")
    out = {
        "answers": n_answers,
        "rows": n_rows,
        "survey.from_csv": best(lambda: pi.Survey.from_csv(survey, framework=fw), repeat),
        "sipas_from_answers": best(lambda: pi.sipas_from_answers(survey, framework=fw), repeat),
        "pandas survey": best(lambda: pandas_means(survey), repeat),
        "table.from_csv": best(lambda: pi.LeagueTable.from_csv(table, "par", 2023), repeat),
        "pandas table": best(lambda: pd.read_csv(table).query("year == 2023"), repeat),
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--answers", type=int, default=1_000_000)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full = measure(folder, args.answers, args.rows, args.repeat)
        quarter = measure(folder, args.answers // 4, args.rows // 4, args.repeat)
    print(f"parindex {pi.__version__}, pandas {pd.__version__}, {os.cpu_count()} CPUs, best of {args.repeat}")
    print(f"survey: {full['answers']:,} long-form answers; table: {full['rows']:,} rows")
    print(f"{'load':<22}{'seconds':>10}{'÷ pandas':>10}{'4× rows: × time':>18}")
    for name, base in (("survey.from_csv", "pandas survey"), ("sipas_from_answers", "pandas survey"),
                       ("table.from_csv", "pandas table"), ("pandas survey", None), ("pandas table", None)):
        ratio = f"{full[name] / full[base]:.2f}" if base else ""
        scaling = full[name] / quarter[name] if quarter[name] > 0 else float("nan")
        print(f"{name:<22}{full[name]:>10.3f}{ratio:>10}{scaling:>18.2f}")


if __name__ == "__main__":
    main()
