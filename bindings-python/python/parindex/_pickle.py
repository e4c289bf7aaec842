"""Pickling of the native classes, through the core's own readable forms: a framework as
its JSON (``Framework.to_json``), a league table as its CSV (``LeagueTable.to_csv``) with
its reading options and tie policy, a scorecard as its framework, province, year and the
points given. Unpickling reads them back through the same validated loaders, so a pickled
object is checked again when loaded (never trusted as raw memory)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, Dict, Optional, Tuple

from . import _core


def _framework(json_text: str) -> "_core.Framework":
    return _core.Framework.from_json(io.StringIO(json_text))


def _table(
    csv: str, index: str, year: int, roster: str, of: int, decimals: int, tie_policy: str
) -> "_core.LeagueTable":
    t = _core.LeagueTable.from_csv(io.StringIO(csv), index, year, roster=roster, of=of, decimals=decimals)
    return t if t.tie_policy == tie_policy else t.with_tie_policy(tie_policy)


def _scorecard(
    framework: "_core.Framework", province: str, year: Optional[int], given: Dict[str, Decimal]
) -> "_core.Scorecard":
    return _core.Scorecard(framework, province, year, points=given)


def _reduce_framework(fw: "_core.Framework") -> Tuple[Any, Tuple[Any, ...]]:
    return _framework, (fw.to_json(),)


def _reduce_table(t: "_core.LeagueTable") -> Tuple[Any, Tuple[Any, ...]]:
    return _table, (t.to_csv(), t.index, t.year, t.roster, t.of, t.decimals, t.tie_policy)


def _reduce_scorecard(card: "_core.Scorecard") -> Tuple[Any, Tuple[Any, ...]]:
    return _scorecard, (card.framework, card.province, card.year, dict(card.given))


def install() -> None:
    """Give the native classes their ``__reduce__`` (idempotent)."""
    _core.Framework.__reduce__ = _reduce_framework  # type: ignore[method-assign,assignment]
    _core.LeagueTable.__reduce__ = _reduce_table  # type: ignore[method-assign,assignment]
    _core.Scorecard.__reduce__ = _reduce_scorecard  # type: ignore[method-assign,assignment]
