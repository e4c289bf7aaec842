"""The Lạng Sơn notebook runs end to end (nbclient, the venv's own kernel), so it cannot
rot. Its cells compute every number they show; here the key ones are checked."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "lang_son.ipynb"


def test_lang_son_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    text = []
    images = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out
            if out["output_type"] == "stream":
                text.append(out["text"])
            elif "data" in out:
                text.append(out["data"].get("text/plain", ""))
                text.append(out["data"].get("text/html", ""))
                images += "image/png" in out["data"]
    joined = "\n".join(text)
    assert "Lạng Sơn: 85.94% (#47 of 63, band B)" in joined
    assert "Lạng Sơn: 79.30% (#55 of 63, band C)" in joined
    assert "needs +1.10 to +1.38 points" in joined
    assert "Hải Phòng is ranked #5 with 88.09" in joined
    assert "P(rank ≤ 30)" in joined
    assert "gives a 50% chance" in joined
    assert "in past years, 90% rank bands held" in joined
    assert "SipasResult sipas-2023 (DataFrame): 11 units" in joined and "95% bootstrap interval" in joined
    assert images >= 2  # the rank-gain/field-profile figure and the rank distributions


ACCOUNTABILITY = Path(__file__).resolve().parents[1] / "examples" / "accountability.ipynb"


def test_accountability_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(ACCOUNTABILITY, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ACCOUNTABILITY.parent)}}
    )
    client.execute()
    text = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out
            if out["output_type"] == "stream":
                text.append(out["text"])
            elif "data" in out:
                text.append(out["data"].get("text/plain", ""))
    joined = "\n".join(text)
    assert "Cao Lộc: 76.48 points, #8 of 11; lost 23.52 points" in joined
    assert "The agencies' losses add up to the total lost: 23.52 = 23.52" in joined
    assert "claims without evidence: ['3.2', '4.1', '6.3.1']" in joined
    assert "76.48 → 82.48 points, rank #8 → #7, band C → B" in joined
