"""The next-year calls ``LeagueTable.forecast`` and ``LeagueTable.chances``: their
signatures, with the core's defaults (``contract::defaults()``: target rank 30, seed 7,
exact without ``scenarios``), pass one options object to the native module (the core's
``ForecastRequest``, ``ChancesRequest``); and the core's results (serde JSON) shaped into
DataFrames and dicts.

The names are the core's: the same in Rust, Python and JavaScript (camelCase there).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, cast

from . import _core
from ._arguments import given, typed

_native: Any = _core
_FORECAST: Dict[str, Any] = json.loads(_native._defaults())["forecast"]
_TARGET_RANK: int = _FORECAST["target_rank"]
_SEED: int = _FORECAST["seed"]


def forecast(
    self: "_core.LeagueTable",
    target_rank: int = _TARGET_RANK,
    scenarios: Optional[int] = None,
    seed: int = _SEED,
    model: Optional[Any] = None,
) -> Any:
    """The whole table next year under the fitted next-year model (see
    :func:`parindex.fit`): a DataFrame with one row per province and the columns
    ``province, rank_now, score_now, rank_p05, rank_p25, rank_p50, rank_p75, rank_p95,
    p_target, expected_score, score_p05, score_p95, published`` (``p_target`` =
    P(rank ≤ ``target_rank``), 0–1; scores in percent 0–100; ``published`` False: a
    province without published data, drawn from the free ranks). ``attrs``: ``model``,
    ``method``, ``target_rank``, ``scenarios``, ``seed``, ``rank_probabilities``.

    Exact without ``scenarios``; with it, a seeded Monte Carlo of the same model (same
    seed, same numbers as in Rust and JS). ``model``: None, ``"fitted"`` or a dict of
    overrides (``spread``, ``catch_up``, ...). Defaults are the core's.

    Raises InputError (target outside 1..=of, scenarios outside 1..=10⁸, an override out of
    range or unknown), InputTypeError (a count or seed that is not an integer)."""
    options = given(locals(), ("target_rank", "scenarios", "seed", "model"))
    return cast(Any, self)._forecast(options)


def chances(
    self: "_core.LeagueTable",
    province: str,
    gains: Any,
    target_rank: int = _TARGET_RANK,
    scenarios: Optional[int] = None,
    seed: int = _SEED,
    model: Optional[Any] = None,
) -> Dict[str, Any]:
    """One province's plans under the fitted next-year model: a dict with ``province``,
    ``target_rank``, ``method`` (``"exact"``, or ``"monte_carlo"`` with ``scenarios``),
    ``plans`` (one dict per planned gain: ``gain`` (Decimal, percentage points of the
    index), ``p_target`` (P(rank ≤ target_rank), 0–1), ``rank_p05``, ``rank_p50``,
    ``rank_p95``, ``rank_probabilities`` (P(rank = r) at index r − 1)), ``gain_for_p50``
    and ``gain_for_p80`` (Decimal, least gain in 0.01 steps; ``None`` when not reachable,
    and from the Monte Carlo) and ``model`` (the fitted model in full, as
    :func:`parindex.fit`). ``gains``: a number or a list. Exact without ``scenarios``; with
    it, a seeded Monte Carlo of the same model (same seed, same numbers as in Rust and JS).

    Raises InputError (target outside 1..=of, no gains, a gain beyond ±100, scenarios
    outside 1..=10⁸, an override out of range), DataError (``UNKNOWN_PROVINCE``)."""
    options = given(locals(), ("province", "gains", "target_rank", "scenarios", "seed", "model"))
    return cast(Dict[str, Any], cast(Any, self)._chances(options))


def install() -> None:
    """Give ``LeagueTable`` its ``forecast`` and ``chances`` (idempotent)."""
    for name, f in (("forecast", forecast), ("chances", chances)):
        f.__qualname__ = f"LeagueTable.{name}"
        setattr(_native.LeagueTable, name, typed(f))

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
