"""The .pyi stubs match the native module: mypy's stubtest compares every stub with the
runtime object (names, parameters, kinds, defaults), the signatures pyo3 exposes are
compared with the stub's here too, and a typed example of the notebook API passes
``mypy --strict``."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import parindex as pi
import parindex._core as core

BINDINGS = Path(__file__).resolve().parents[1]
STUB = Path(pi.__file__).with_name("_core.pyi")
CONFIG = BINDINGS / "pyproject.toml"


def _stub_functions() -> dict[str, ast.FunctionDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list)
                    if not is_property:
                        out[f"{node.name}.{item.name}"] = item
    return out


def _stub_params(fn: ast.FunctionDef) -> list[tuple[str, str]]:
    a = fn.args
    params = [(p.arg, "positional-only") for p in a.posonlyargs] + [(p.arg, "plain") for p in a.args]
    params += [(p.arg, "keyword-only") for p in a.kwonlyargs]
    return [(n, k) for n, k in params if n not in ("self", "cls")]


def _stub_defaults(fn: ast.FunctionDef) -> dict[str, object]:
    a = fn.args
    positional = a.posonlyargs + a.args
    out: dict[str, object] = {}
    for p, d in zip(positional[len(positional) - len(a.defaults) :], a.defaults):
        out[p.arg] = ast.literal_eval(d)
    return out


def _runtime(name: str) -> object:
    obj: object = core
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def test_every_public_native_name_has_a_stub() -> None:
    stub_names = {n.split(".")[0] for n in _stub_functions()} | {
        n.name for n in ast.parse(STUB.read_text(encoding="utf-8")).body if isinstance(n, ast.ClassDef)
    }
    for name in core.__all__:
        if name == "__version__":
            continue
        assert name in stub_names, f"{name} has no stub"


@pytest.mark.parametrize("name", sorted(n for n in _stub_functions() if not n.split(".")[-1].startswith("__")))
def test_signature_matches_runtime(name: str) -> None:
    fn = _stub_functions()[name]
    runtime = _runtime(name)
    sig = inspect.signature(runtime)  # from pyo3's __text_signature__
    params = [(p.name, p) for p in sig.parameters.values() if p.name not in ("self", "cls", "$self")]
    assert [n for n, _ in params] == [n for n, _ in _stub_params(fn)], name
    defaults = _stub_defaults(fn)
    for pname, p in params:
        if p.default is inspect.Parameter.empty:
            assert pname not in defaults, f"{name}({pname}) has a default in the stub only"
        else:
            assert pname in defaults, f"{name}({pname}) has a default at runtime only"
            if p.default is not Ellipsis:
                assert p.default == defaults[pname], f"{name}({pname}): {p.default!r} != {defaults[pname]!r}"


def test_docstrings_of_public_callables() -> None:
    for name in core.__all__:
        obj = getattr(core, name)
        if callable(obj) and not name.startswith("_"):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 20, f"{name} has no docstring"


def test_stubtest() -> None:
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "parindex._core", "--mypy-config-file", str(CONFIG)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_a_typed_example(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    example = tmp_path / "typed_example.py"
    example.write_text(
        '''
from decimal import Decimal
from typing import Dict, List, Optional
import parindex as pi

t: pi.LeagueTable = pi.published("par", 2023)
rank: Optional[int] = t.rank("Lạng Sơn")
score: Optional[Decimal] = t.score("Lạng Sơn")
b: pi.PointsNeeded = t.points_to_rank("Lạng Sơn", 30)
low: Decimal = b.low
problems: List[pi.Problem] = t.problems
sim: pi.Simulation = t.simulate("Lạng Sơn", gain=2, target_rank=30, scenarios=100_000, seed=7)
p: float = sim.p_target
q: Dict[float, int] = sim.rank_quantiles
codes: List[str] = pi.framework("sipas-2023").leaf_codes()
card = pi.Scorecard.from_points("par-2022", "Đắk Lắk", {"appraised": "57.92"})
total: Optional[Decimal] = card.total()
plan: pi.Plan = card.plan(t, 30, costs={"appraised": 1})
err: type[pi.ParIndexError] = pi.InputTypeError
''',
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(CONFIG), str(example)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_package_is_typed_and_strict_clean() -> None:
    pytest.importorskip("mypy")
    assert (Path(pi.__file__).parent / "py.typed").exists()
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(CONFIG), "-p", "parindex"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
