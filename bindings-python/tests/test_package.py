"""Packaging: one abi3 native module under a small pure-Python package."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import parindex as pi

BINDINGS = Path(__file__).resolve().parents[1]


def test_native_module_is_private_and_abi3() -> None:
    core = importlib.import_module("parindex._core")
    assert Path(core.__file__).name.startswith("_core.abi3")  # one wheel for CPython >= 3.9
    assert pi.LeagueTable is core.LeagueTable


def test_version_is_the_workspace_version() -> None:
    cargo = (BINDINGS.parent / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', cargo, re.M)
    assert version is not None and pi.__version__ == version.group(1)


def test_public_names() -> None:
    for name in pi.__all__:
        assert hasattr(pi, name), name
    assert {"published", "LeagueTable", "framework", "frameworks", "Scorecard", "simulate", "ParIndexError"} <= set(
        pi.__all__
    )


def test_python_modules_are_the_small_ones() -> None:
    # Conversions (_pandas, _agency, _nextyear), signatures of native entry points that take
    # one options object (_sipas, _loaders, _validate), argument errors (_arguments), display
    # (_display), plots (plots, _plot_style) and exceptions; the rest is native.
    package = Path(pi.__file__).parent
    names = sorted(p.name for p in package.glob("*.py"))
    assert names == [
        "__init__.py",
        "_agency.py",
        "_arguments.py",
        "_display.py",
        "_loaders.py",
        "_nextyear.py",
        "_pandas.py",
        "_pickle.py",
        "_plot_style.py",
        "_simulate.py",
        "_sipas.py",
        "_validate.py",
        "exceptions.py",
        "plots.py",
    ]
    assert (package / "py.typed").exists() and (package / "_core.pyi").exists()


def test_signature_defaults_are_the_cores() -> None:
    import inspect
    import json

    import parindex._core as core

    defaults = json.loads(core._defaults())  # type: ignore[attr-defined]
    assert defaults["monte_carlo"]["scenarios"] == 100_000 and defaults["monte_carlo"]["seed"] == 7
    for f in (pi.LeagueTable.simulate, pi.simulate):
        params = inspect.signature(f).parameters
        assert params["scenarios"].default == defaults["monte_carlo"]["scenarios"]
        assert params["seed"].default == defaults["monte_carlo"]["seed"]


def test_the_package_docstring_example_runs() -> None:
    import doctest

    result = doctest.testmod(pi, verbose=False)
    assert result.attempted >= 4 and result.failed == 0
