"""The signatures of the Monte Carlo and its exact solution (``LeagueTable.simulate`` /
``exact`` and the free functions ``simulate`` / ``exact``). Their defaults are read from
the core (``contract::defaults()``, the ``impl Default`` of ``MonteCarlo``: 100,000
scenarios, seed 7), never restated; the options go to the native module as one object,
read by the core's data contract (``MonteCarlo``)."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, cast

from . import _core
from ._arguments import typed
from .exceptions import InputTypeError

_native: Any = _core
#: Every default of the contract's options (the core's ``contract::defaults()``).
DEFAULTS: Dict[str, Any] = json.loads(_native._defaults())
_SCENARIOS: int = DEFAULTS["monte_carlo"]["scenarios"]
_SEED: int = DEFAULTS["monte_carlo"]["seed"]


def _table(table: Any) -> Any:
    """``table`` when it is a ``LeagueTable``; else an ``InputTypeError`` naming it."""
    if not isinstance(table, _native.LeagueTable):
        raise InputTypeError(
            f"invalid `table`: expected a LeagueTable, got {type(table).__name__}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="table",
            details={"argument": "table"},
        )
    return table


def _options(province: str, gain: Any, target_rank: Any, **rest: Any) -> Dict[str, Any]:
    """The core's ``MonteCarlo`` options; ``None`` leaves the core's default."""
    options = {"province": province, "gain": gain, "target_rank": target_rank}
    options.update({k: v for k, v in rest.items() if v is not None})
    return options


def simulate(
    self: "_core.LeagueTable",
    province: str,
    gain: Any,
    target_rank: int,
    scenarios: int = _SCENARIOS,
    seed: int = _SEED,
    model: Optional[Any] = None,
) -> "_core.Simulation":
    """Monte Carlo of next year's ranking (:class:`Simulation`): every competitor's score
    moves as ``model`` says; the province's moves by ``gain`` (percentage points; a number,
    or a list of numbers to compare several plans on the same scenarios; negative = points
    lost). The question is P(rank ≤ ``target_rank``).

    ``model``: ``"fitted"`` (default: the next-year model fitted to every published fact,
    see :func:`parindex.fit`; ``{"kind": "fitted", "spread": 1.5, ...}`` overrides its
    parameters), ``"empirical"`` (each competitor's change drawn independently from the
    published year-over-year changes of provinces with both years published, same
    methodology period), ``{"kind": "normal", "mean": m, "sd": s}``, ``{"kind": "sample",
    "values": [...]}`` or ``{"kind": "empirical", "years": [(2022, 2023)]}``. The same
    ``seed`` gives the same numbers as the Rust core and the report (``cargo run -p
    parindex --example report``). Defaults (``scenarios``, ``seed``) are the core's.

    Raises InputError (target outside 1..=of, scenarios outside 1..=10⁸, no gains, a gain
    beyond ±100; ``UNSUPPORTED`` for a table compared at more than 2 decimals: the model
    counts in hundredths, so build such a table with ``decimals=2``), InputTypeError (a seed
    or count that is not an integer), DataError (``UNKNOWN_PROVINCE``)."""
    options = _options(province, gain, target_rank, scenarios=scenarios, seed=seed, model=model)
    return cast("_core.Simulation", _table(self)._simulate(options))


def exact(
    self: "_core.LeagueTable",
    province: str,
    gain: Any,
    target_rank: int,
    model: Optional[Any] = None,
) -> "_core.ExactOutcome":
    """The same model as :meth:`simulate` solved exactly, without sampling
    (:class:`ExactOutcome`). The fitted model (the default): conditional on the common shock
    competitors finish above independently, so the rank is a mixture of Poisson-binomials;
    the independent models: one Poisson-binomial. Same arguments as :meth:`simulate` without
    ``scenarios`` and ``seed``; the simulation's figures converge to these. Gains are
    percentage points of the index (0–100 scale).

    Raises as :meth:`simulate`; InputError (``UNSUPPORTED``) when, under an independent
    model, the province's own score is not published."""
    return cast("_core.ExactOutcome", _table(self)._exact(_options(province, gain, target_rank, model=model)))


def simulate_function(
    table: "_core.LeagueTable",
    province: str,
    gain: Any,
    target_rank: int,
    scenarios: int = _SCENARIOS,
    seed: int = _SEED,
    model: Optional[Any] = None,
) -> "_core.Simulation":
    """Monte Carlo of next year's ranking; the free-function form of
    :meth:`LeagueTable.simulate` (same arguments after the table)."""
    return simulate(table, province, gain, target_rank, scenarios, seed, model)


def exact_function(
    table: "_core.LeagueTable",
    province: str,
    gain: Any,
    target_rank: int,
    model: Optional[Any] = None,
) -> "_core.ExactOutcome":
    """The Monte Carlo's model solved exactly; the free-function form of
    :meth:`LeagueTable.exact` (same arguments after the table)."""
    return exact(table, province, gain, target_rank, model)


def install() -> None:
    """Give ``LeagueTable`` its ``simulate`` and ``exact``, and the module its free
    functions (idempotent)."""
    for name, f in (("simulate", simulate), ("exact", exact)):
        f.__qualname__ = f"LeagueTable.{name}"
        setattr(_native.LeagueTable, name, typed(f))
    for name, g in (("simulate", simulate_function), ("exact", exact_function)):
        g.__name__ = g.__qualname__ = name
        setattr(_native, name, typed(g))
        if name not in _native.__all__:
            _native.__all__.append(name)
