"""The cross-language cases (``testdata/contract/cases.json``): every case's ``call`` run on
its JSON-shaped ``args`` through the Python API, and its output compared with the
``expected`` the Rust core computed (``core/tests/contract_cases.rs``), or its error with the
stored ``error`` (kind, argument path, code). The JS package runs the same file: the same
inputs give the same outputs and the same errors in the three languages."""

from __future__ import annotations

import json
import math
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Dict, List, Optional

import pandas as pd
import pytest

import parindex as pi

CASES = json.loads((Path(__file__).resolve().parents[2] / "testdata" / "contract" / "cases.json").read_text("utf-8"))


def _table(args: Dict[str, Any]) -> Optional[pi.LeagueTable]:
    spec = args.get("table")
    return pi.published(spec["index"], spec["year"]) if spec else None


def _card(args: Dict[str, Any]) -> pi.Scorecard:
    spec = args["scorecard"]
    return pi.Scorecard(spec["framework"], spec["province"], spec.get("year"), points=spec["points"])


def _records(df: pd.DataFrame) -> List[Dict[str, Any]]:
    return [{k: (None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v) for k, v in r.items()}
            for r in df.to_dict("records")]


def _entries_table(args: Dict[str, Any]) -> pi.LeagueTable:
    o = args["options"]
    return pi.LeagueTable.from_entries(args["entries"], o["index"], o["year"], roster=o.get("roster"))


def _simulation_options(args: Dict[str, Any]) -> Dict[str, Any]:
    o = dict(args["options"])
    o["gain"] = o.pop("gains", o.pop("gain", None))
    return o


def run(case: Dict[str, Any]) -> Any:
    """The case's output in the core's serde shape (as plain Python values)."""
    call, a = case["call"], case["args"]
    if call == "what_if":
        return _records(pi.what_if(_card(a), _table(a), a["scenarios"]))
    if call == "rank_gain":
        return _records(pi.rank_gain(_card(a), _table(a), a.get("target_rank")))
    if call == "plan":
        p = _card(a).plan(_table(a), a["target_rank"], costs=a.get("costs"), basis=a.get("basis", "high"))
        keys = ("province", "target_rank", "basis", "required", "feasible", "total_gain", "total_cost", "steps", "skipped")
        return {**{k: getattr(p, k) for k in keys}, "needed": p.needed.to_dict(), "rank_after": p.rank_after.to_dict()}
    if call == "least_cost":
        found = pi.least_cost(a["options"], a["required"])
        return None if found is None else {"gains": found[0], "total_cost": found[1]}
    if call == "simulate":
        t = _table(a)
        assert t is not None
        return _records(t.simulate(**_simulation_options(a)).to_pandas())
    if call == "exact":
        t = _table(a)
        assert t is not None
        o = _simulation_options(a)
        for key in ("scenarios", "seed"):
            o.pop(key, None)
        e = t.exact(**o)
        return {"plans": e.plans, "gain_for_p50": e.gain_for_p50, "gain_for_p80": e.gain_for_p80, "model": e.model}
    if call == "from_entries":
        return _entries_table(a).rows()
    if call == "points_to_rank":
        return _entries_table(a).points_to_rank(a["province"], a["target_rank"]).to_dict()
    raise AssertionError(f"no Python call for `{call}`: add it here")


def _decimal(v: Any) -> Optional[Decimal]:
    try:
        return Decimal(v) if isinstance(v, str) else None
    except InvalidOperation:
        return None


def same(expected: Any, actual: Any, where: str) -> None:
    """``actual`` is the Python form of ``expected``: decimal text as a Decimal (exact) or a
    float64 column (the float nearest it), the same ints, floats, text and structure."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}: no `{key}` in {sorted(actual)}"
            same(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        actual = list(actual)
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {len(expected)}"
        for i, (e, x) in enumerate(zip(expected, actual)):
            same(e, x, f"{where}[{i}]")
    elif expected is None:
        assert actual is None, f"{where}: {actual!r}, expected None"
    elif isinstance(expected, str) and _decimal(expected) is not None and not isinstance(actual, str):
        d = _decimal(expected)
        assert d is not None
        ok = actual == d if isinstance(actual, Decimal) else float(actual) == float(d)
        assert ok, f"{where}: {actual!r}, expected {expected}"
    else:
        assert actual == expected, f"{where}: {actual!r}, expected {expected!r}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_case_gives_the_cores_output(case: Dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(pi.ParIndexError) as e:
            run(case)
        want = case["error"]
        # Python spreads the Monte Carlo options into keyword arguments: `options.model` is
        # the argument `model`.
        argument = want["argument"]
        if case["call"] in ("simulate", "exact") and argument:
            argument = argument.removeprefix("options.")
        assert (e.value.kind, e.value.argument, e.value.code) == (want["kind"], argument, want["code"]), str(e.value)
    else:
        same(case["expected"], run(case), case["name"])


def test_the_cases_cover_every_input_shape() -> None:
    calls = {c["call"] for c in CASES}
    assert {"what_if", "rank_gain", "plan", "least_cost", "simulate", "exact", "from_entries"} <= calls
    shapes = json.dumps([c["args"] for c in CASES])
    for key in ('"scenarios"', '"costs"', '"model"', '"entries"', '"steps"', '"set"'):
        assert key in shapes, key
