"""The READMEs' Python code blocks run as written, and their stated outputs hold.

Covered here: the top README's Python block (with `answers` given: a synthetic survey whose
first unit is named Lạng Sơn), the Quick start and the agencies block of
bindings-python/README.md. (The Charts block runs in test_plots_vi.py; the blocks that read
files the reader supplies — `scores.csv`, `ket-qua-2023.xlsx` — are illustrations.)"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import parindex as pi  # noqa: E402

BINDINGS = Path(__file__).resolve().parents[1]
REPO = BINDINGS.parent


def _block(readme: Path, heading: str) -> str:
    """The first ```python block after `heading`."""
    section = readme.read_text("utf-8").split(heading, 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _run(code: str, name: str, scope: Dict[str, Any]) -> Dict[str, Any]:
    exec(compile(code, name, "exec"), scope)
    plt.close("all")
    return scope


def test_top_readme_python_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    long_csv = pi.Survey.synthetic("sipas-2023", units=3, respondents=20, seed=1).to_long_csv()
    answers = pd.read_csv(io.StringIO(long_csv))
    answers["unit"] = answers["unit"].replace({answers["unit"].iloc[0]: "Lạng Sơn"})
    scope = _run(_block(REPO / "README.md", "## Python"), "README.md (Python)", {"answers": answers})
    t, b, sim, res = scope["t"], scope["b"], scope["sim"], scope["res"]
    assert (t.rank("Lạng Sơn"), t.score("Lạng Sơn")) == (47, Decimal("85.94"))
    assert (b.low, b.high) == (Decimal("1.10"), Decimal("1.38"))
    assert len(scope["df"]) == 63
    # gain 4, seed 7, the fitted model: the Rust report's figures (test_simulate.py).
    assert sim.rank_quantiles == {0.05: 2, 0.5: 14, 0.95: 50}
    assert isinstance(res.index["Lạng Sơn"], Decimal)
    assert len(res.to_pandas()) == 3


def test_quick_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    scope = _run(_block(BINDINGS / "README.md", "## Quick start"), "README.md (Quick start)", {})
    t, b, sim = scope["t"], scope["b"], scope["sim"]
    assert t.rank("Lạng Sơn") == 47 and t.score("Lạng Sơn") == Decimal("85.94")
    assert (b.low, b.high) == (Decimal("1.10"), Decimal("1.38"))
    assert list(scope["df"].columns[:6]) == ["province", "region", "score", "rank", "score_low", "score_high"]
    assert len(scope["df"]) == 63
    assert sim.rank_quantiles == {0.05: 6, 0.5: 34, 0.95: 58}
    assert len(pi.framework("sipas-2023").leaf_codes()) == 39
    assert scope["t2"].score("Lạng Sơn") == Decimal("85.94")


def test_agencies_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    heading = "## Agencies: the plan annex, lost points, appraisal, many units, progress"
    scope = _run(_block(BINDINGS / "README.md", heading), "README.md (Agencies)", {"pi": pi})
    assert scope["annex"].unassigned == ["5.3"]
    assert list(scope["annex"].to_pandas().columns) == [
        "code", "content", "tasks", "product", "deadline", "lead", "coordinating", "row",
    ]
    assert scope["table"].of == 11
    df = scope["df"]
    for column in ["agency", "lost", "lost_previous", "change", "ranks_at_stake", "codes"]:
        assert column in df.columns, column
