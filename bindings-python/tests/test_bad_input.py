"""The bad-input catalogue, one small input each: wrong argument types, DataFrame headers,
value classes, numbers, change models and the file of a NOT_FOUND all raise the library's
own typed errors, naming what and where."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
import pytest

import parindex as pi


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda t, c: t.rank(None), "name"),
        (lambda t, c: t.score(3), "name"),
        (lambda t, c: t.rank_bounds(b"Lang Son"), "name"),
        (lambda t, c: t.describe(["Lạng Sơn"]), "name"),
        (lambda t, c: t.with_tie_policy(None), "policy"),
        (lambda t, c: t.check_scorecard(t), "card"),
        (lambda t, c: t.check_scorecard(None), "card"),
        (lambda t, c: pi.what_if(c, 5, {}), "table"),
        (lambda t, c: pi.rank_gain(t, t, 30), "card"),
        (lambda t, c: pi.rank_gain(c, {"rows": []}, 30), "table"),
        (lambda t, c: pi.published(None, 2023), "index"),
        (lambda t, c: pi.published_years(2023), "index"),
        (lambda t, c: pi.framework(None), "id"),
        (lambda t, c: c.points(1), "code"),
        (lambda t, c: c.sub_index(None), "code"),
        (lambda t, c: c.set(None, 1), "code"),
        (lambda t, c: pi.Scorecard("par-2022", None), "province"),
        (lambda t, c: pi.Scorecard.from_points("par-2022", 5, {}), "province"),
        (lambda t, c: pi.framework("par-2022").children(None), "code"),
    ],
)
def test_wrong_argument_types_are_typed(par2023, quang_nam, call, argument) -> None:
    with pytest.raises(pi.InputTypeError) as e:
        call(par2023, quang_nam)
    err = e.value
    assert isinstance(err, TypeError) and isinstance(err, pi.ParIndexError)
    assert err.kind == "INVALID_ARGUMENT" and err.family == "input"
    if argument is not None:
        assert err.argument == argument and f"`{argument}`" in str(err)


def test_wrong_type_message_names_the_types(par2023) -> None:
    with pytest.raises(pi.InputTypeError, match=r"invalid `name`: expected str, got None"):
        par2023.rank(None)
    with pytest.raises(pi.InputTypeError, match=r"expected .*Scorecard.*got .*LeagueTable"):
        pi.rank_gain(par2023, par2023, 30)


def test_wrong_arity_is_typed(par2023) -> None:
    with pytest.raises(pi.InputTypeError) as e:
        par2023.rank()  # type: ignore[call-arg]
    assert e.value.argument == "name" and "missing" in str(e.value)
    with pytest.raises(pi.InputTypeError) as e:
        par2023.rank("Lạng Sơn", prov="x")  # type: ignore[call-arg]
    assert e.value.argument == "prov"
    with pytest.raises(pi.InputTypeError):
        pi.published("par", 2023, 1)  # type: ignore[call-arg]


def test_other_errors_pass_unchanged(par2023) -> None:
    # The wrapper leaves the library's own errors alone (kind and place kept).
    with pytest.raises(pi.DataError) as e:
        par2023.rank("Atlantis")
    assert e.value.kind == "UNKNOWN_PROVINCE"
    assert par2023.rank("Lạng Sơn") == 47


def test_wrapped_methods_keep_their_signatures() -> None:
    import inspect

    assert list(inspect.signature(pi.LeagueTable.rank).parameters)[-1] == "name"
    assert "index" in inspect.signature(pi.published).parameters
    assert pi.LeagueTable.rank.__doc__ and pi.published.__doc__


# -- DataFrame headers ---------------------------------------------------------------------


def test_duplicate_dataframe_columns_are_named() -> None:
    df = pd.DataFrame([["Lạng Sơn", 85.94, 47]], columns=["province", "score", "score"])
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_pandas(df, "par", 2023)
    err = e.value
    assert (err.kind, err.file, err.column) == ("MALFORMED", "DataFrame", "score")
    assert "duplicate column names" in str(err) and "`score` (columns 2, 3)" in str(err)
    with pytest.raises(pi.DataError, match="duplicate column names"):
        pi.Scorecard.from_pandas(
            pd.DataFrame([["1", 1, 1]], columns=["code", "points", "points"]), "par-2022", "Quảng Nam", label="sc"
        )


def test_multiindex_header_is_refused() -> None:
    df = pd.DataFrame(
        [["Lạng Sơn", 85.94]], columns=pd.MultiIndex.from_tuples([("province", ""), ("score", "2023")])
    )
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_pandas(df, "par", 2023, label="frame")
    assert e.value.kind == "MALFORMED" and e.value.file == "frame"
    assert "MultiIndex" in str(e.value) and "flatten" in str(e.value)


def test_fractional_rank_in_a_dataframe() -> None:
    df = pd.DataFrame({"province": ["Lạng Sơn"], "score": [85.94], "rank": [1.5]})
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_pandas(df, "par", 2023)
    assert e.value.row == 2 and e.value.column == "rank"
    assert "not a whole number" in str(e.value)
    with pytest.raises(pi.InputError, match="not a whole number") as e:
        pi.LeagueTable.from_entries([{"province": "Lạng Sơn", "rank": 1.5}], "par", 2023)
    assert e.value.argument == "entries[0].rank"


# -- value classes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "argument"),
    [
        (lambda: pi.RankBounds(5, 3, 4), "worst"),
        (lambda: pi.RankBounds(3, 5, 9), "estimate"),
        (lambda: pi.RankBounds(0, 5, 3), "best"),
        (lambda: pi.RankBounds(-1, 5, 3), "best"),
        (lambda: pi.RankBounds(1, 2**40, 3), "worst"),
        (lambda: pi.ScoreBounds(90, 80, 85, False), "high"),
        (lambda: pi.ScoreBounds(80, 90, 95, False), "estimate"),
        (lambda: pi.ScoreBounds(-1, 90, 50, False), "low"),
        (lambda: pi.ScoreBounds(80, 101, 90, False), "high"),
        (lambda: pi.ScoreBounds(80, 90, 85, True), "known"),
        (lambda: pi.PointsNeeded(2, 1, 1), "high"),
        (lambda: pi.PointsNeeded(-1, 1, 0), "low"),
    ],
)
def test_value_classes_refuse_nonsense(make, argument) -> None:
    with pytest.raises(pi.InputError) as e:
        make()
    assert e.value.kind == "INVALID_ARGUMENT" and e.value.argument == argument
    assert not isinstance(e.value, OverflowError)


def test_value_classes_refuse_wrong_types() -> None:
    for make, argument in (
        (lambda: pi.RankBounds("1", 2, 1), "best"),
        (lambda: pi.RankBounds(1, 2.0, 1), "worst"),
        (lambda: pi.ScoreBounds(80, 90, 85, 1), "known"),
        (lambda: pi.PointsNeeded(None, 1, 1), "low"),
    ):
        with pytest.raises(pi.InputTypeError) as e:
            make()
        assert e.value.argument == argument


def test_value_classes_keep_valid_values() -> None:
    b = pi.RankBounds(3, 5, 4)
    assert (b.best, b.worst, b.estimate, b.is_exact) == (3, 5, 4, False)
    s = pi.ScoreBounds("85.94", "85.94", "85.94", True)
    assert s.low == Decimal("85.94") and s.known
    assert pi.PointsNeeded(0, "1.5", "0.5").high == Decimal("1.5")


# -- numbers and change models --------------------------------------------------------------


@pytest.mark.parametrize("text", ["1e-2", "1E5", "2,5e1", "0x10", "1_000", "inf"])
def test_number_strings_follow_the_core_parser(par2023, text) -> None:
    # The core's decimal parser: point or comma, no exponent (as in JS).
    with pytest.raises(pi.InputError, match="is not a decimal number"):
        par2023.rank_with_gain("Lạng Sơn", text)


def test_number_strings_the_core_accepts(par2023) -> None:
    for text in ("0.01", "0,01", " +1.5 ", "-0.5"):
        par2023.rank_with_gain("Lạng Sơn", text)


def test_normal_model_needs_a_mean(par2023) -> None:
    with pytest.raises(pi.InputError) as e:
        par2023.simulate("Lạng Sơn", 1, 30, scenarios=10, model={"kind": "normal", "sd": 1})
    assert e.value.argument == "model" and "missing field `mean`" in str(e.value)
    with pytest.raises(pi.InputError, match="missing field `mean`"):
        par2023.exact("Lạng Sơn", 1, 30, model={"kind": "normal", "sd": "1.2"})


# -- NOT_FOUND names the file ----------------------------------------------------------------


def test_not_found_names_the_file(testdata) -> None:
    path = testdata / "published" / "par_index_scorecards.csv"
    with pytest.raises(pi.InputError) as e:
        pi.Scorecard.from_csv(path, "par-2022", "Hà Giang", 2023)
    assert e.value.kind == "NOT_FOUND" and e.value.file == str(path) and str(path) in str(e.value)
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_csv(io.StringIO("province,score,year\nLạng Sơn,85.94,2023\n"), "par", 2022)
    assert e.value.kind == "NOT_FOUND" and e.value.file == "<stream>"
    df = pd.DataFrame({"province": ["Lạng Sơn"], "score": [85.94], "year": [2023]})
    with pytest.raises(pi.InputError) as e:
        pi.LeagueTable.from_pandas(df, "par", 2021, label="mine")
    assert e.value.kind == "NOT_FOUND" and e.value.file == "mine"
