"""Column names for the CSV and DataFrame loaders (issue 12 item 2): headers the alias table
does not know are named with ``columns`` (role → header), a title row is skipped with
``header_row``; the same values as the recognised layout, and a name that is not a header is
an error listing the file's columns."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import parindex as pi

ROWS = [("Lạng Sơn", "85.94", 47), ("Cao Bằng", "84.10", 55), ("Hà Giang", "83.63", 58)]


def _csv(header: str, title: str = "") -> str:
    lines = ([title] if title else []) + [header] + [f"{p},{s},{r}" for p, s, r in ROWS]
    return "\n".join(lines) + "\n"


def _triples(t: pi.LeagueTable) -> list:
    return [(p, t.score(p), t.rank(p)) for p, _, _ in ROWS]


def test_league_table_columns_and_header_row_from_csv() -> None:
    known = pi.LeagueTable.from_csv(io.StringIO(_csv("province,score,rank")), "par", 2023)
    named = pi.LeagueTable.from_csv(
        io.StringIO(_csv("Địa bàn,Kết quả,Thứ bậc", title="Kết quả PAR INDEX 2023,,")),
        "par",
        2023,
        header_row=2,
        columns={"province": "Địa bàn", "score": "Kết quả", "rank": "Thứ bậc"},
    )
    assert _triples(named) == _triples(known)
    assert str(named.score("Lạng Sơn")) == "85.94" and named.rank("Lạng Sơn") == 47


def test_league_table_columns_from_pandas() -> None:
    df = pd.DataFrame(ROWS, columns=["Địa bàn", "Kết quả", "Thứ bậc"])
    t = pi.LeagueTable.from_pandas(df, "par", 2023, columns={"province": "Địa bàn", "score": "Kết quả", "rank": "Thứ bậc"})
    assert str(t.score("Cao Bằng")) == "84.10" and t.rank("Cao Bằng") == 55


def test_a_column_name_that_is_not_a_header_is_an_error() -> None:
    with pytest.raises(pi.ParIndexError) as e:
        pi.LeagueTable.from_csv(
            io.StringIO(_csv("Địa bàn,Kết quả,Thứ bậc")), "par", 2023, columns={"province": "Tỉnh", "score": "Kết quả"}
        )
    assert e.value.kind == "UNKNOWN_COLUMN"
    assert "Địa bàn" in str(e.value)


def test_scorecard_columns_from_csv_and_pandas() -> None:
    fw = pi.framework("par-2022")
    parents = {n["parent"] for n in fw.nodes()}
    leaf = next(n for n in fw.nodes() if n["max_points"] is not None and n["code"] not in parents)
    text = f"Mã số,Điểm\n{leaf['code']},0\n"
    a = pi.Scorecard.from_csv(io.StringIO(text), fw, "Lạng Sơn", columns={"code": "Mã số", "points": "Điểm"})
    df = pd.DataFrame({"Mã số": [leaf["code"]], "Điểm": ["0"]})
    b = pi.Scorecard.from_pandas(df, fw, "Lạng Sơn", columns={"code": "Mã số", "points": "Điểm"})
    assert a.points(leaf["code"]).points == b.points(leaf["code"]).points == 0
