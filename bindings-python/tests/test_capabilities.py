"""The root README's capability table ("The same library in three languages") names the
Python API as it is: every name in its Python column exists in the package, and every
public name of the package is in that column or listed below as a value, an error or a
helper documented elsewhere. A name added, renamed or removed without the table fails."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Set

import parindex as pi

README = Path(__file__).resolve().parents[2] / "README.md"

# What a function of the table returns, for the cell's ``.attr`` names after it.
RETURNS = {"backtest": "BacktestResult"}

# Public names that are values, errors or helpers of a capability rather than one (each
# documented in bindings-python/README.md).
NOT_A_ROW = {
    "__version__", "exceptions", "FrameworkError", "DataError", "InputError", "InputTypeError", "FileReadError",
    "RankBounds", "ScoreBounds", "PointsNeeded", "NodePoints", "Problem", "Plan", "PlanOutcome", "ExactOutcome",
    "Simulation", "SipasResult", "SipasBootstrap", "BacktestResult", "Appraisal", "frameworks",
    "framework_for_year", "periods", "published_years", "provinces", "competitor_ranges",
}


def python_column() -> Dict[str, List[str]]:
    """Capability → the backticked names of its Python cell."""
    section = README.read_text("utf-8").split("## The same library in three languages", 1)[1].split("\n## ", 1)[0]
    rows: Dict[str, List[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("capability", "---"):
            continue
        rows[cells[0]] = re.findall(r"`([^`]+)`", cells[2])
    return rows


def _classes() -> List[type]:
    return [getattr(pi, n) for n in pi.__all__ if isinstance(getattr(pi, n), type)]


def resolves(name: str, previous: object) -> object:
    """The object `name` of a cell names (``Class.method``, ``t.method`` on a LeagueTable,
    ``.attr`` on the cell's previous class, a function, a method of any public class, or a
    module), else raise ``LookupError``."""
    name = re.sub(r"\(.*?\)", "", name).strip()
    if name.startswith("parindex."):
        return __import__(name, fromlist=["_"])
    if name.startswith("."):
        attr = name[1:]
        # An attribute set by the constructor (a plain class) counts as the class's.
        if not hasattr(previous, attr) and attr in getattr(getattr(previous, "__init__", None), "__code__", ()).co_names:
            return attr
        return getattr(previous, attr)
    head, _, rest = name.partition(".")
    if head == "t":
        return getattr(pi.LeagueTable, rest)
    if head == "e":
        return getattr(pi.ParIndexError("x"), rest)
    if hasattr(pi, head):
        obj = getattr(pi, head)
        return getattr(obj, rest) if rest else obj
    for cls in _classes():
        if not rest and hasattr(cls, head):
            return getattr(cls, head)
    raise LookupError(name)


def test_every_name_of_the_python_column_exists() -> None:
    missing = []
    rows = python_column()
    assert len(rows) >= 25, "the capability table was not found"
    for capability, names in rows.items():
        previous: object = None
        for name in names:
            if name in ("ParIndexError",) or " " in name:
                continue
            try:
                found = resolves(name, previous)
            except (LookupError, AttributeError, ImportError):
                missing.append(f"{capability}: {name}")
                continue
            head = re.sub(r"\(.*?\)", "", name).split(".")[0]
            if isinstance(found, type):
                previous = found
            elif isinstance(getattr(pi, head, None), type):
                previous = getattr(pi, head)
            elif head in RETURNS:
                previous = getattr(pi, RETURNS[head])
    assert not missing, f"names of the README's Python column that the package lacks: {missing}"


def test_every_public_name_is_in_the_table() -> None:
    named: Set[str] = set()
    for names in python_column().values():
        for name in names:
            named.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"\(.*?\)", "", name)))
    absent = sorted(set(pi.__all__) - named - NOT_A_ROW - {"ParIndexError"})
    assert not absent, f"public names missing from the README's capability table (Python column): {absent}"
    stale = sorted(n for n in NOT_A_ROW if n not in pi.__all__)
    assert not stale, f"names listed here but no longer public: {stale}"
