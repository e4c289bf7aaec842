"""One ranking semantics seen from Python: the same answers as the Rust tests
(core/tests/rank_semantics.rs) for the published SIPAS 2023 table, a 3-decimal table built
from entries, and mismatched scorecards."""

from __future__ import annotations

from decimal import Decimal

import pytest

import parindex as pi


def test_points_to_rank_is_the_least_gain_rank_with_gain_accepts() -> None:
    t = pi.published("sipas", 2023)
    # Hải Phòng #5 (88.09) below Lào Cai #6 (88.76): Yên Bái needs 1.03 for a sure #5.
    assert t.points_to_rank("Yên Bái", 5).high == Decimal("1.03")
    assert t.rank_with_gain("Yên Bái", "1.03").worst == 5
    assert t.rank_with_gain("Yên Bái", "1.02").worst == 6
    for e in t.entries():
        if e["score"] is None:
            continue
        previous = None
        for target in range(1, t.of + 1):
            high = t.points_to_rank(e["province"], target).high
            assert t.rank_with_gain(e["province"], high).worst <= target
            if high > 0:
                assert t.rank_with_gain(e["province"], high - Decimal("0.01")).worst > target
            assert previous is None or high <= previous
            previous = high


def test_a_table_from_unrounded_values_compares_at_its_decimals() -> None:
    rows = [{"province": "Huyện X", "score": "82"}, {"province": "Huyện Y", "score": "90"},
            {"province": "Huyện Z", "score": "95.123"}]
    t = pi.LeagueTable.from_entries(rows, "huyện", 2024)
    assert t.decimals == 3
    need = t.points_to_rank("Huyện X", 1)
    assert need.high == Decimal("13.123")
    assert t.rank_if("Huyện X", "95.123").worst == 1
    assert t.rank_with_gain("Huyện X", need.high).worst == 1
    assert t.rank_with_gain("Huyện X", "13.122").worst == 2
    t2 = pi.LeagueTable.from_entries(rows, "huyện", 2024, decimals=2)
    assert t2.decimals == 2
    assert t2.points_to_rank("Huyện X", 1).high == Decimal("13.12")


def test_mismatched_scorecards_are_errors_naming_both_sides() -> None:
    sipas = pi.published("sipas", 2023)
    par = pi.published("par", 2023)
    card = pi.Scorecard("par-2022", "Quảng Nam", points={"total": "84.6"})
    with pytest.raises(pi.ParIndexError) as e:
        card.plan(sipas, 30)
    assert e.value.kind == "MISMATCH"
    assert "par-2022" in str(e.value) and "sipas 2023" in str(e.value)
    lost = pi.Scorecard("par-2022", "Lang Song", points={"total": "84.6"})
    with pytest.raises(pi.ParIndexError) as e:
        lost.plan(par, 30)
    assert e.value.kind == "UNKNOWN_PROVINCE"
    assert "Lạng Sơn" in str(e.value)
