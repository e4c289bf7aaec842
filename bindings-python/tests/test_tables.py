"""League tables: the published results, their queries, and tables from CSV, entries and
DataFrames. Values asserted are the published ones (testdata/README.md)."""

from __future__ import annotations

import io
import math
from decimal import Decimal

import pandas as pd
import pytest

import parindex as pi


def test_published_story_values(par2023: pi.LeagueTable, sipas2023: pi.LeagueTable) -> None:
    t = par2023
    assert (t.index, t.year, t.of, t.roster, t.tie_policy) == ("par", 2023, 63, "provinces", "competition")
    assert t.label == "testdata/published/par_index_provinces.csv"
    assert t.rank("Lạng Sơn") == 47
    assert t.score("Lạng Sơn") == Decimal("85.94")
    assert isinstance(t.score("Lạng Sơn"), Decimal) and str(t.score("Lạng Sơn")) == "85.94"
    assert t.band("Lạng Sơn") == "B"
    assert sipas2023.rank("Lạng Sơn") == 55
    assert sipas2023.score("Lạng Sơn") == Decimal("79.30")
    assert sipas2023.band("Lạng Sơn") == "C"


def test_names_in_any_spelling(par2023: pi.LeagueTable) -> None:
    assert par2023.canonical("Lang Son") == "Lạng Sơn"
    assert par2023.rank("tỉnh lạng sơn") == 47
    assert par2023.canonical("TP.HCM") == "Thành phố Hồ Chí Minh"


def test_points_to_rank_lang_son_top_30(par2023: pi.LeagueTable) -> None:
    b = par2023.points_to_rank("Lạng Sơn", 30)
    assert isinstance(b, pi.PointsNeeded)
    assert (b.low, b.high) == (Decimal("1.10"), Decimal("1.38"))
    assert all(isinstance(v, Decimal) for v in (b.low, b.high, b.estimate))
    assert b.low <= b.estimate <= b.high
    assert b.to_dict() == {"low": b.low, "high": b.high, "estimate": b.estimate}
    assert b == pi.PointsNeeded("1.10", "1.38", b.estimate)
    # Already there: nothing needed.
    assert par2023.points_to_rank("Lạng Sơn", 63).high == 0


def test_score_to_rank_and_bounds(par2023: pi.LeagueTable) -> None:
    # #29 has 87.32 and #32 87.04: reaching rank 30 needs a score between them.
    need = par2023.score_to_rank("Lạng Sơn", 30)
    assert isinstance(need, pi.ScoreBounds)
    assert Decimal("87.04") <= need.low <= need.high <= Decimal("87.32")
    own = par2023.score_bounds("Lạng Sơn")
    assert own.known and own.low == own.high == own.estimate == Decimal("85.94")
    assert repr(own).startswith("ScoreBounds(low=Decimal('85.94')")
    r = par2023.rank_bounds("Lạng Sơn")
    assert (r.best, r.worst, r.estimate, r.is_exact) == (47, 47, 47, True)
    assert r == pi.RankBounds(47, 47, 47) and hash(r) == hash(pi.RankBounds(47, 47, 47))
    assert r.to_dict() == {"best": 47, "worst": 47, "estimate": 47}
    # A province with a rank and no score is bounded by its neighbours: Nghệ An #15
    # between Đà Nẵng #12 (88.68) and Thừa Thiên Huế #17 (88.38).
    b = par2023.score_bounds("Nghệ An")
    assert not b.known and Decimal("88.38") <= b.low <= b.estimate <= b.high <= Decimal("88.68")
    assert par2023.score("Nghệ An") is None and par2023.rank("Nghệ An") == 15
    # A province with neither: bounded by the free ranks.
    free = par2023.rank_bounds("Hà Giang")
    assert not free.is_exact and free.best < free.worst


def test_rank_if_and_rank_with_gain(par2023: pi.LeagueTable) -> None:
    assert par2023.rank_if("Lạng Sơn", "85.94").estimate == 47
    assert par2023.rank_if("Lạng Sơn", Decimal("87.32")).worst <= 30
    assert par2023.rank_if("Lạng Sơn", 100).best == 1
    up = par2023.rank_with_gain("Lạng Sơn", 2)
    assert up.worst < 47
    # A negative gain is a what-if (points lost), not an error.
    down = par2023.rank_with_gain("Lạng Sơn", -2)
    assert down.best > 47


def test_describe_rows_entries(par2023: pi.LeagueTable) -> None:
    assert par2023.describe("Lạng Sơn") == "Lạng Sơn: 85.94% (#47 of 63, band B)"
    rows = par2023.rows()
    assert len(rows) == 63
    ls = next(r for r in rows if r["province"] == "Lạng Sơn")
    assert ls["score"] == Decimal("85.94") and ls["rank"] == 47 and ls["region"] == "Trung du và miền núi phía Bắc"
    entries = par2023.entries()
    assert sum(e["rank"] is not None for e in entries) == 34
    assert sum(e["score"] is not None for e in entries) == 26
    assert all(isinstance(e["row"], int) for e in entries)


def test_problems_par_and_sipas_inversion(par2023: pi.LeagueTable, sipas2023: pi.LeagueTable) -> None:
    assert all(isinstance(p, pi.Problem) for p in par2023.problems)
    assert {p.kind for p in par2023.problems} == {"source_conflict"}
    inversion = [p for p in sipas2023.problems if p.kind == "rank_order"]
    assert len(inversion) == 1
    p = inversion[0]
    assert p.provinces == ["Hải Phòng", "Lào Cai"]
    assert "#5 with 88.09" in p.message and "#6, with a higher 88.76" in p.message
    assert p.file == "testdata/published/sipas_provinces.csv" and len(p.rows) == 2
    assert "rows" in str(p) and p.to_dict()["kind"] == "rank_order"


def test_to_pandas_shape_and_dtypes(par2023: pi.LeagueTable) -> None:
    df = par2023.to_pandas()
    assert len(df) == 63
    assert list(df.columns)[:6] == ["province", "region", "score", "rank", "score_low", "score_high"]
    assert str(df["score"].dtype) == "float64" and str(df["rank"].dtype) == "Int64"
    ls = df.set_index("province").loc["Lạng Sơn"]
    assert ls["score"] == 85.94 and repr(float(ls["score"])) == "85.94" and ls["rank"] == 47
    assert df["score"].isna().sum() == 63 - 26
    assert df["rank"].isna().sum() == 63 - 34
    # Unknowns are NA, not zero.
    assert pd.isna(df["rank"]).sum() == 29


def test_pandas_round_trip_keeps_published_values(par2023: pi.LeagueTable) -> None:
    df = par2023.to_pandas()
    t2 = pi.LeagueTable.from_pandas(df, index="par", year=2023)
    assert t2.score("Lạng Sơn") == Decimal("85.94")
    assert t2.rank("Lạng Sơn") == 47
    assert t2.points_to_rank("Lạng Sơn", 30) == par2023.points_to_rank("Lạng Sơn", 30)
    assert t2.label == "DataFrame"
    # Same values province by province (the order of provinces without data may differ:
    # after the round trip every province is an entry of the table).
    back = t2.to_pandas().set_index("province").sort_index()
    front = df.set_index("province").sort_index()
    pd.testing.assert_series_equal(back["score"], front["score"])
    pd.testing.assert_series_equal(back["rank"], front["rank"])
    pd.testing.assert_series_equal(back["score_low"], front["score_low"])
    # Every published value survives exactly.
    for r in par2023.entries():
        if r["score"] is not None:
            assert t2.score(r["province"]) == r["score"]


def test_from_pandas_index_year_filter_and_score_column() -> None:
    df = pd.DataFrame(
        {
            "year": [2022, 2023, 2023],
            "tỉnh": ["Lạng Sơn", "Lạng Sơn", "Cao Bằng"],
            "điểm": [84.5, 85.94, math.nan],
            "rank": [54, 47, pd.NA],
        }
    ).set_index("tỉnh")
    t = pi.LeagueTable.from_pandas(df, index="par", year=2023)
    assert t.score("Lạng Sơn") == Decimal("85.94") and t.rank("Lạng Sơn") == 47
    assert t.score("Cao Bằng") is None and t.rank("Cao Bằng") is None
    two = pd.DataFrame({"province": ["Lạng Sơn"], "score": [80.0], "percent": [85.94], "rank": [47]})
    with pytest.raises(pi.DataError, match="several score columns"):
        pi.LeagueTable.from_pandas(two, index="par", year=2023)
    t3 = pi.LeagueTable.from_pandas(two, index="par", year=2023, score_column="percent")
    assert t3.score("Lạng Sơn") == Decimal("85.94")


def test_from_pandas_float32_and_decimal_columns_keep_their_values() -> None:
    from decimal import Decimal as D

    df = pi.published("par", 2023).to_pandas()
    for column in (df["score"].astype("float32"), df["score"].astype("Float32")):
        t = pi.LeagueTable.from_pandas(df.assign(score=column), index="par", year=2023)
        assert t.score("Lạng Sơn") == D("85.94") and t.score("Quảng Ninh") == D("92.18")  # not 85.94000244140625
    decimals = df.assign(score=[None if pd.isna(x) else D(repr(x)) * 1 for x in df["score"]])
    decimals.loc[decimals["province"] == "Lạng Sơn", "score"] = D("8.594E+1")
    assert pi.LeagueTable.from_pandas(decimals, index="par", year=2023).score("Lạng Sơn") == D("85.94")


def test_from_pandas_rows_are_the_dataframe_positions() -> None:
    # A line break in a note must not shift the rows errors name: position 2 is row 4.
    df = pd.DataFrame(
        {"province": ["Lạng Sơn", "Huế", "Atlantis"], "score": [85.94, 90, 80], "note": ["nguồn:\nBộ Nội vụ", None, ""]}
    )
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_pandas(df, index="par", year=2023)
    assert e.value.kind == "UNKNOWN_PROVINCE" and e.value.row == 4 and "row 4" in str(e.value)
    t = pi.LeagueTable.from_pandas(df.iloc[:2], index="par", year=2023)
    assert t.entries()[0]["note"] == "nguồn: Bộ Nội vụ" and t.score("Huế") == Decimal(90)


def test_from_pandas_errors_name_the_row() -> None:
    df = pd.DataFrame({"province": ["Lạng Sơn", "Cao Bằng"], "score": [85.94, 120.0], "rank": [47, 50]})
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_pandas(df, index="par", year=2023)
    assert e.value.kind == "ABOVE_MAX"
    assert (e.value.file, e.value.row, e.value.column, e.value.code) == ("DataFrame", 3, "score", "Cao Bằng")
    assert "file `DataFrame`, row 3" in str(e.value)
    with pytest.raises(pi.InputTypeError, match="DataFrame"):
        pi.LeagueTable.from_pandas([{"province": "Lạng Sơn"}], index="par", year=2023)  # type: ignore[arg-type]


def test_from_csv_path_stream_and_to_csv(testdata, par2023: pi.LeagueTable) -> None:
    path = testdata / "published" / "par_index_provinces.csv"
    t = pi.LeagueTable.from_csv(path, index="par", year=2023)
    assert t.rank("Lạng Sơn") == 47 and t.label == str(path)
    t = pi.LeagueTable.from_csv(str(path), "par", 2022)
    assert t.year == 2022
    text = par2023.to_csv()
    assert text.startswith("year,province,score,rank")
    back = pi.LeagueTable.from_csv(io.StringIO(text), "par", 2023)
    assert back.label == "<stream>"
    assert back.score("Lạng Sơn") == Decimal("85.94")
    assert [p.kind for p in back.problems] == [p.kind for p in par2023.problems]
    raw = pi.LeagueTable.from_csv(io.BytesIO(text.encode()), "par", 2023)
    assert raw.rank("Lạng Sơn") == 47


def test_from_entries_and_open_roster() -> None:
    t = pi.LeagueTable.from_entries(
        [
            {"province": "Sở Nội vụ", "score": "91.5", "rank": 1},
            {"province": "Sở Tư pháp", "score": 88.25},
            {"province": "Sở Y tế", "rank": 3, "note": "chưa công bố điểm"},
        ],
        index="department index",
        year=2024,
    )
    assert (t.roster, t.of, t.index) == ("open", 3, "department index")
    assert t.score("Sở Tư pháp") == Decimal("88.25")
    assert t.rank_bounds("so tu phap").best == 2
    assert t.label == "entries"
    # A value that is not a number: the path of the entry's key (as in JS).
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_entries([{"province": "Lạng Sơn", "score": "abc", "row": 7}], "par", 2023)
    assert e.value.kind == "INVALID_ARGUMENT" and e.value.argument == "entries[0].score" and "`abc`" in str(e.value)
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_entries([{"province": "Huế", "score": 90}, {"province": "Lạng Sơn", "rank": 47.5}], "par", 2023)
    assert e.value.argument == "entries[1].rank" and "not a whole number" in str(e.value)
    assert pi.LeagueTable.from_entries([{"province": "Lạng Sơn", "rank": 47.0}], "par", 2023).rank("Lạng Sơn") == 47
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_entries([{"province": "Lạng Sơn", "rank": 0}], "par", 2023)
    assert e.value.kind == "INVALID_RANK"


def test_from_entries_refuses_unknown_keys() -> None:
    good = {"province": "Huế", "score": 90}
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_entries([good, {"province": "Lạng Sơn", "scor": 85.94, "rank": 47}], "par", 2023)
    err = e.value
    assert (err.kind, err.argument) == ("INVALID_ARGUMENT", "entries[1].scor")
    assert "unknown field `scor`" in str(err)
    assert "`province`, `score`, `rank`, `rank_basis`, `source`, `note`, `row`" in str(err)
    with pytest.raises(pi.InputError, match=r"entries\[0\].region.*unknown field `region`"):
        pi.LeagueTable.from_entries([{**good, "region": "Bắc Trung Bộ"}], "par", 2023)
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_entries([{**good, "row": "7"}], "par", 2023)
    assert e.value.argument == "entries[0].row"
    # What entries() gives back is accepted as it is.
    t = pi.published("par", 2023)
    again = pi.LeagueTable.from_entries(t.entries(), "par", 2023)
    assert again.score("Lạng Sơn") == t.score("Lạng Sơn") and again.rank("Lạng Sơn") == 47


def test_roster_of_and_units_2025() -> None:
    t = pi.LeagueTable.from_entries([{"province": "Huế", "score": 90}], "par", 2025)
    assert (t.roster, t.of) == ("units_2025", 34)
    t = pi.LeagueTable.from_entries([{"province": "A", "score": 90}], "x", 2024, roster="open", of=10)
    assert t.of == 10
    with pytest.raises(pi.InputError, match="roster"):
        pi.LeagueTable.from_entries([], "par", 2023, roster="galaxies")


def test_tie_policy_errors_name_the_argument(par2023: pi.LeagueTable) -> None:
    with pytest.raises(pi.InputError) as e:
        par2023.with_tie_policy("olympic")
    assert e.value.argument == "policy" and "invalid `policy`" in str(e.value)


def test_tie_policy(par2023: pi.LeagueTable) -> None:
    u = par2023.with_tie_policy("unrounded")
    assert u.tie_policy == "unrounded"
    assert par2023.tie_policy == "competition"
    d = par2023.with_tie_policy("dense")
    with pytest.raises(pi.InputError) as e:
        d.points_to_rank("Lạng Sơn", 30)
    assert e.value.kind == "UNSUPPORTED"
    with pytest.raises(pi.InputError, match="invalid `policy`"):
        par2023.with_tie_policy("coin toss")


def test_regional_averages(par2023: pi.LeagueTable) -> None:
    df = par2023.regional_averages()
    assert list(df.columns) == ["region", "mean", "known", "provinces"]
    assert len(df) == 6 and df["provinces"].sum() == 63 and df["known"].sum() == 26


def test_year_over_year() -> None:
    before, after = pi.published("par", 2022), pi.published("par", 2023)
    df = pi.year_over_year(before, after)
    ls = df.set_index("province").loc["Lạng Sơn"]
    # 2023: 85.94, #47, "tăng 07 bậc" on 2022.
    assert ls["rank_after"] == 47
    if not pd.isna(ls["rank_before"]):
        assert ls["rank_change"] == 7
    with pytest.raises(pi.InputError):
        pi.year_over_year(after, before)
    with pytest.raises(pi.InputError):
        pi.year_over_year(pi.published("sipas", 2022), after)


def test_published_years_and_missing_years() -> None:
    assert pi.published_years("par") == [2021, 2022, 2023]
    assert pi.published_years("sipas") == [2021, 2022, 2023]
    with pytest.raises(pi.InputError) as e:
        pi.published("par", 2019)
    assert e.value.kind == "NOT_FOUND" and "available: 2021, 2022, 2023" in str(e.value)
    with pytest.raises(pi.InputError):
        pi.published_years("my index")
    with pytest.raises(pi.InputTypeError):
        pi.published("par", 2023.0)  # type: ignore[arg-type]


def test_provinces() -> None:
    df = pi.provinces()
    assert len(df) == 63 and df["region"].nunique() == 6
    assert df.set_index("province").loc["Lạng Sơn", "unit_2025"] == "Lạng Sơn"
    assert df["unit_2025"].nunique() == 34


def test_check_scorecard_reports_mismatch(testdata) -> None:
    # Hòa Bình 2023: the article's total 86.89 against the table's 86.76.
    card = pi.Scorecard.from_csv(
        testdata / "published" / "par_index_scorecards.csv", "par-2022", "Hòa Bình", 2023
    )
    problems = pi.published("par", 2023).check_scorecard(card)
    assert [p.kind for p in problems] == ["table_mismatch"]
    assert "86.89" in problems[0].message and "86.76" in problems[0].message


def test_repr(par2023: pi.LeagueTable) -> None:
    assert repr(par2023) == "<LeagueTable par 2023: 34 of 63 ranks and 26 scores published, 3 problems>"


def test_from_pandas_tiny_and_nullable_floats() -> None:
    # Floats reach the core as plain decimal text from their repr, never in exponent form.
    df = pd.DataFrame(
        {
            "province": ["Lạng Sơn", "Cao Bằng", "Bắc Kạn"],
            "score": pd.array([85.94, None, 1e-05], dtype="Float64"),
            "rank": pd.array([47, None, 63], dtype="Int64"),
        }
    )
    t = pi.LeagueTable.from_pandas(df, index="par", year=2023)
    assert t.score("Lạng Sơn") == Decimal("85.94") and t.score("Cao Bằng") is None
    assert t.score("Bắc Kạn") == Decimal("0.00001")
