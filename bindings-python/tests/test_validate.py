"""``validate`` on every loader: every problem of an input at once (the core's
``validate_csv`` / ``validate_table``), each planted fault reported with its kind and its
row (spreadsheet numbering: the header is row 1); an empty list when the input loads."""

from __future__ import annotations

import io

import pandas as pd

import parindex as pi


def _found(errors: list) -> list:
    assert all(isinstance(e, pi.ParIndexError) for e in errors), errors
    return [(e.kind, e.row) for e in errors]


TABLE = "province,score,rank\nLạng Sơn,85.94,47\nAtlantis,80,50\nCao Bằng,abc,55\nHà Giang,83.63,0\n"


def test_league_table_validate_lists_every_planted_fault_with_its_row() -> None:
    errors = pi.LeagueTable.validate(io.StringIO(TABLE), "par", 2023)
    assert _found(errors) == [("UNKNOWN_PROVINCE", 3), ("INVALID_NUMBER", 4), ("INVALID_RANK", 5)]
    assert errors[0].details["name"] == "Atlantis"
    assert errors[1].column == "score" and errors[1].details == {"value": "abc"}
    assert errors[2].details == {"rank": 0, "of": 63}
    clean = "province,score,rank\nLạng Sơn,85.94,47\n"
    assert pi.LeagueTable.validate(io.StringIO(clean), "par", 2023) == []
    # The same arguments as from_csv: headers named with columns, a title row skipped.
    named = "Kết quả,,\nĐịa bàn,Điểm,Thứ bậc\nAtlantis,80,50\n"
    errors = pi.LeagueTable.validate(
        io.StringIO(named), "par", 2023, header_row=2, columns={"province": "Địa bàn", "score": "Điểm", "rank": "Thứ bậc"}
    )
    assert _found(errors) == [("UNKNOWN_PROVINCE", 3)]
    # A DataFrame: rows as in df.to_csv(index=False).
    df = pd.read_csv(io.StringIO(TABLE), dtype=str)
    assert _found(pi.LeagueTable.validate(df, "par", 2023)) == _found(pi.LeagueTable.validate(io.StringIO(TABLE), "par", 2023))


def test_scorecard_validate_lists_every_planted_fault_with_its_row() -> None:
    fw = pi.framework("par-2022")
    text = "code,points\n1,99\n99,1\n2,-1\n"
    errors = pi.Scorecard.validate(io.StringIO(text), fw, "Lạng Sơn")
    assert _found(errors) == [("ABOVE_MAX", 2), ("UNKNOWN_CODE", 3), ("NEGATIVE", 4)]
    assert [e.code for e in errors] == ["1", "99", "2"]
    assert errors[0].details["points"] == "99"
    assert pi.Scorecard.validate(io.StringIO("code,points\n1,1\n"), fw, "Lạng Sơn") == []


def test_framework_validate_lists_every_planted_fault_with_its_row() -> None:
    text = "code,name,max_points\n1,A,10\n1.1,A1,abc\n1.2,,4\n"
    errors = pi.Framework.validate(io.StringIO(text))
    assert _found(errors) == [("INVALID_NUMBER", 3), ("MISSING_FIELD", 4)]
    assert [e.code for e in errors] == ["1.1", "1.2"] and errors[1].details == {"field": "name"}
    assert pi.Framework.validate(io.StringIO("code,name,max_points\n1,A,10\n1.1,A1,10\n")) == []


def test_survey_validate_lists_every_planted_fault_with_its_row() -> None:
    text = "respondent,unit,item,answer\nr1,U,A.1.1,4\nr2,U,A.1.1,6\nr1,U,A.1.1,5\n"
    errors = pi.Survey.validate(io.StringIO(text), require_all_items=False)
    assert _found(errors) == [("INVALID_ANSWER", 3), ("DUPLICATE_ANSWER", 4)]
    assert errors[0].details["value"] == "6" and errors[1].details["respondent"] == "r1"
    assert pi.Survey.validate(io.StringIO("respondent,unit,item,answer\nr1,U,A.1.1,4\n"), require_all_items=False) == []


def test_a_file_that_is_not_utf8_is_a_listed_problem_and_a_missing_file_is_raised(tmp_path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"province,score,rank\nQu\xe1ng Ninh,92.18,1\n")
    for errors in (
        pi.LeagueTable.validate(latin1, "par", 2023),
        pi.Scorecard.validate(latin1, "par-2022", "Lạng Sơn"),
        pi.Units.validate(latin1, "par-2022"),
        pi.Assignments.validate(latin1, "par-2022"),
    ):
        assert _found(errors) == [("ENCODING", 2)], errors
    try:
        pi.LeagueTable.validate(tmp_path / "missing.csv", "par", 2023)
    except pi.ParIndexError as e:
        assert "missing.csv" in str(e)
    else:
        raise AssertionError("a file that cannot be read is raised")
