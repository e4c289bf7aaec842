"""Frameworks, league tables, scorecards and value classes pickle and copy: the object read
back has the same values (its rows, points and index), checked again by the loaders."""

from __future__ import annotations

import copy
import io
import pickle
from decimal import Decimal
from pathlib import Path

import parindex as pi

TESTDATA = Path(__file__).resolve().parents[2] / "testdata"


def test_league_tables_pickle() -> None:
    for t in (pi.published("par", 2023), pi.published("sipas", 2022), pi.published("par", 2023).with_tie_policy("dense")):
        back = pickle.loads(pickle.dumps(t))
        assert type(back) is pi.LeagueTable
        assert (back.index, back.year, back.of, back.roster, back.tie_policy, back.decimals) == (
            t.index, t.year, t.of, t.roster, t.tie_policy, t.decimals
        )
        assert back.rows() == t.rows()
        # The same entries (their `row` is now the row of the pickled CSV).
        assert [{k: v for k, v in e.items() if k != "row"} for e in back.entries()] == [
            {k: v for k, v in e.items() if k != "row"} for e in t.entries()
        ]
        first = t.rows()[0]["province"]
        assert back.rank_bounds(first) == t.rank_bounds(first) and back.score_bounds(first) == t.score_bounds(first)
    own = pi.LeagueTable.from_entries([{"province": "A", "score": "90.125"}, {"province": "B", "score": 80}], "custom", 2024)
    back = copy.deepcopy(own)
    assert back.rows() == own.rows() and back.score("A") == Decimal("90.125")


def test_frameworks_and_scorecards_pickle() -> None:
    fw = pi.framework("par-2022")
    assert pickle.loads(pickle.dumps(fw)) == fw
    own = pi.Framework.from_csv(io.StringIO("code,name,max_points\n1,A,2\n2,B,3\n"))
    assert pickle.loads(pickle.dumps(own)) == own
    card = pi.Scorecard.from_csv(TESTDATA / "published" / "par_index_scorecards.csv", "par-2022", "Quảng Nam", 2023)
    back = pickle.loads(pickle.dumps(card))
    assert (back.province, back.year, back.index, back.given) == (card.province, card.year, card.index, card.given)
    assert back.rows() == card.rows()


def test_value_classes_pickle_and_hash() -> None:
    values = [pi.RankBounds(1, 3, 2), pi.ScoreBounds("85.94", "85.94", "85.94", True), pi.PointsNeeded("1.10", "1.38", "1.2")]
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v and hash(pickle.loads(pickle.dumps(v))) == hash(v)
    assert len(set(values + [pi.RankBounds(1, 3, 2)])) == 3
