"""Shared fixtures. The tests read the repository's testdata/ (real published data and
malformed files) and, for the determinism test, run the Rust report with cargo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

import parindex as pi  # noqa: E402

BINDINGS = Path(__file__).resolve().parents[1]
REPO = BINDINGS.parent
TESTDATA = REPO / "testdata"


@pytest.fixture(scope="session")
def testdata() -> Path:
    return TESTDATA


@pytest.fixture(scope="session")
def par2023() -> pi.LeagueTable:
    return pi.published("par", 2023)


@pytest.fixture(scope="session")
def sipas2023() -> pi.LeagueTable:
    return pi.published("sipas", 2023)


@pytest.fixture()
def quang_nam() -> pi.Scorecard:
    """Quảng Nam 2023 by field (published breakdown; fields 2, 6, 7 have unknown maxima)."""
    return pi.Scorecard.from_csv(
        TESTDATA / "published" / "par_index_scorecards.csv", pi.framework("par-2022"), "Quảng Nam", 2023
    )


@pytest.fixture()
def dak_lak() -> pi.Scorecard:
    """Đắk Lắk 2023 by component: 57.92 + 2.97 + 18.29 + 8.15 = 87.33."""
    return pi.Scorecard.from_points(
        "par-2022",
        "Đắk Lắk",
        {"appraised": "57.92", "socio_economic": "2.97", "leaders_survey": "18.29", "sipas": "8.15"},
        year=2023,
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
