"""Shapes the core's next-year forecast and backtest (serde JSON) into DataFrames and dicts.

The names are the core's: the same in Rust, Python and JavaScript (camelCase there).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

FORECAST_COLUMNS = [
    "province",
    "rank_now",
    "score_now",
    "rank_p05",
    "rank_p25",
    "rank_p50",
    "rank_p75",
    "rank_p95",
    "p_target",
    "expected_score",
    "score_p05",
    "score_p95",
    "published",
]

BACKTEST_COLUMNS = [
    "province",
    "actual_rank",
    "rank_p05",
    "rank_p25",
    "rank_p50",
    "rank_p75",
    "rank_p95",
    "inside_50",
    "inside_90",
    "rps",
    "baseline_p05",
    "baseline_p95",
    "baseline_rps",
    "published",
]


def _pd() -> Any:
    import pandas as pd

    return pd


def forecast_frame(text: str) -> "Any":
    """One row per province (columns ``FORECAST_COLUMNS``); ``attrs``: ``model``,
    ``method``, ``target_rank``, ``scenarios``, ``seed``, ``rank_probabilities``."""
    data = json.loads(text)
    pd = _pd()
    rows = [{c: r[c] for c in FORECAST_COLUMNS} for r in data["rows"]]
    df = pd.DataFrame(rows, columns=FORECAST_COLUMNS)
    for c in ("rank_now",):
        df[c] = df[c].astype("Int64")
    df.attrs["model"] = data["model"]
    df.attrs["method"] = data["method"]
    df.attrs["target_rank"] = data["target_rank"]
    df.attrs["scenarios"] = data["scenarios"]
    df.attrs["seed"] = data["seed"]
    df.attrs["rank_probabilities"] = {r["province"]: r["rank_probabilities"] for r in data["rows"]}
    return df


class BacktestResult:
    """A backtest of the fitted next-year model (see :func:`parindex.backtest`).

    ``summary``: dict with ``n``, ``inside_50``, ``inside_90``, ``coverage_50``,
    ``coverage_90`` (shares 0–1) and their Wilson 95% intervals, ``rps``,
    ``median_band_90``, ``median_band_90_published``, ``n_published``,
    ``baseline_coverage_50``, ``baseline_coverage_90``, ``baseline_rps``.
    ``rows``: one dict per published rank of the tested year. ``model``: the fitted model.
    """

    def __init__(self, data: Dict[str, Any]) -> None:
        self.index: str = data["index"]
        self.year: int = data["year"]
        self.next_year: int = data["next_year"]
        self.summary: Dict[str, Any] = data["summary"]
        self.rows: List[Dict[str, Any]] = data["rows"]
        self.model: Dict[str, Any] = data["model"]
        self.baseline: str = data["baseline"]

    def to_pandas(self) -> "Any":
        """One row per province with a published rank in ``next_year``."""
        pd = _pd()
        return pd.DataFrame([{c: r[c] for c in BACKTEST_COLUMNS} for r in self.rows], columns=BACKTEST_COLUMNS)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"BacktestResult({self.index} {self.year}->{self.next_year}: n={s['n']}, "
            f"coverage_50={s['coverage_50']:.2f}, coverage_90={s['coverage_90']:.2f}, "
            f"rps={s['rps']:.3f}, baseline_rps={s['baseline_rps']:.3f})"
        )


def backtest_result(text: str) -> BacktestResult:
    return BacktestResult(json.loads(text))


def chances_result(text: str) -> Dict[str, Any]:
    """A province's chances under the fitted model as a dict; gains are Decimals."""
    from decimal import Decimal

    data: Dict[str, Any] = json.loads(text)
    for plan in data["plans"]:
        plan["gain"] = Decimal(plan["gain"])
    for key in ("gain_for_p50", "gain_for_p80"):
        if data[key] is not None:
            data[key] = Decimal(data[key])
    return data
