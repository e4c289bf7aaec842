"""Errors: the exception hierarchy, messages naming file/row/code, argument conversion,
and the panic guard."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

import parindex as pi
from parindex import exceptions


def test_hierarchy() -> None:
    assert issubclass(pi.FrameworkError, pi.ParIndexError) and issubclass(pi.FrameworkError, ValueError)
    assert issubclass(pi.DataError, pi.ParIndexError) and issubclass(pi.DataError, ValueError)
    assert issubclass(pi.InputError, pi.ParIndexError) and issubclass(pi.InputError, ValueError)
    assert issubclass(pi.InputTypeError, pi.InputError) and issubclass(pi.InputTypeError, TypeError)
    assert issubclass(pi.FileReadError, pi.ParIndexError) and issubclass(pi.FileReadError, OSError)
    assert pi.exceptions is exceptions
    assert set(exceptions.__all__) == {
        "ParIndexError",
        "FrameworkError",
        "DataError",
        "InputError",
        "InputTypeError",
        "FileReadError",
    }


def test_attributes_survive_pickling() -> None:
    e = pi.DataError("file `a.csv`, row 3: boom", kind="ABOVE_MAX", family="data", file="a.csv", row=3, code="1")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is pi.DataError and (back.kind, back.file, back.row, back.code) == ("ABOVE_MAX", "a.csv", 3, "1")
    assert str(back) == "file `a.csv`, row 3: boom"


@pytest.mark.parametrize(
    ("name", "kind", "row", "column", "fragment"),
    [
        ("table-unknown-province.csv", "UNKNOWN_PROVINCE", 3, None, "unknown province `Atlantis`"),
        ("table-duplicate-province.csv", "DUPLICATE_PROVINCE", 3, None, "first at row 2"),
        ("table-rank-beyond.csv", "INVALID_RANK", 3, "rank", "rank 64 is outside 1..=63"),
        ("table-score-not-number.csv", "INVALID_NUMBER", 2, "score", "`abc` is not a number"),
        ("table-score-negative.csv", "NEGATIVE", 2, "score", "-1 is negative"),
        ("table-score-above-100.csv", "ABOVE_MAX", 2, "score", "101 points exceed the maximum of 100"),
        ("table-missing-province-column.csv", "MISSING_FIELD", 1, None, "missing `province`"),
        ("table-malformed-quote.csv", "MALFORMED", None, None, "malformed input"),
    ],
)
def test_bad_table_files_name_file_row_column(testdata, name, kind, row, column, fragment) -> None:
    path = testdata / "bad" / name
    with pytest.raises(pi.DataError) as e:
        pi.LeagueTable.from_csv(path, index="par", year=2023)
    err = e.value
    assert isinstance(err, ValueError) and isinstance(err, pi.ParIndexError)
    assert (err.kind, err.family, err.file) == (kind, "data", str(path))
    if row is not None:
        assert err.row == row and f"row {row}" in str(err)
    if column is not None:
        assert err.column == column and f"column `{column}`" in str(err)
    assert f"file `{path}`" in str(err) and fragment in str(err)


def test_unreadable_file(testdata) -> None:
    path = testdata / "bad" / "nope.csv"
    with pytest.raises(pi.FileReadError) as e:
        pi.LeagueTable.from_csv(path, "par", 2023)
    assert isinstance(e.value, OSError) and e.value.kind == "IO" and e.value.file == str(path)
    assert str(path) in str(e.value)
    with pytest.raises(pi.InputTypeError):
        pi.LeagueTable.from_csv(42, "par", 2023)  # type: ignore[arg-type]


def test_unknown_province_in_queries(par2023: pi.LeagueTable) -> None:
    for call in (
        lambda: par2023.rank("Atlantis"),
        lambda: par2023.score("Atlantis"),
        lambda: par2023.points_to_rank("Atlantis", 30),
        lambda: par2023.simulate("Atlantis", gain=1, target_rank=30, scenarios=10),
    ):
        with pytest.raises(pi.DataError) as e:
            call()
        assert e.value.kind == "UNKNOWN_PROVINCE" and "`Atlantis`" in str(e.value)
        assert e.value.code == "Atlantis"  # the province the error is about
        assert e.value.file is None  # a query argument, not a row of the table's file


def test_province_without_data(par2023: pi.LeagueTable) -> None:
    # Hà Giang is a province but the 2023 table has nothing on it.
    assert par2023.rank("Hà Giang") is None and par2023.score("Hà Giang") is None
    with pytest.raises(pi.InputError) as e:
        par2023.points_to_rank("Hà Giang", 30)
    assert e.value.kind == "NOT_FOUND"
    with pytest.raises(pi.InputError) as e:
        par2023.rank_with_gain("Nghệ An", 1)  # rank known, score not
    assert e.value.kind == "NOT_FOUND" and "score_bounds" in str(e.value)


@pytest.mark.parametrize(
    ("target", "cls", "fragment"),
    [
        (0, pi.InputError, "`target_rank`: 0 is outside 1..=63"),
        (64, pi.InputError, "`target_rank`: 64 is outside 1..=63"),
        (-1, pi.InputError, "`target_rank`: -1 is not a rank"),
        (30.0, pi.InputTypeError, "`target_rank`: expected an integer, got float 30.0"),
        ("30", pi.InputTypeError, "expected an integer, got str"),
        (None, pi.InputTypeError, "expected an integer, got NoneType"),
    ],
)
def test_target_rank_domain(par2023: pi.LeagueTable, target, cls, fragment) -> None:
    with pytest.raises(cls) as e:
        par2023.points_to_rank("Lạng Sơn", target)
    assert fragment in str(e.value) and e.value.argument == "target_rank"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("85.94", Decimal("85.94")),
        ("85,94", Decimal("85.94")),
        (" 86 ", Decimal("86")),
        (86, Decimal("86")),
        (Decimal("85.940"), Decimal("85.94")),
        (Decimal("8.594E+1"), Decimal("85.94")),
        (85.94, Decimal("85.94")),
        (0.1 + 0.2, Decimal("0.30000000000000004")),
        (1e-05, Decimal("0.00001")),
    ],
)
def test_decimal_arguments(par2023: pi.LeagueTable, value, expected: Decimal) -> None:
    card = pi.Scorecard("par-2022", "Lạng Sơn")
    card.set("total", value)
    assert card.total() == expected


@pytest.mark.parametrize(
    ("value", "cls", "fragment"),
    [
        (float("nan"), pi.InputError, "`nan` is not a decimal number"),
        (float("inf"), pi.InputError, "`inf` is not a decimal number"),
        (Decimal("NaN"), pi.InputError, "`NaN` is not a decimal number"),
        (Decimal("-Infinity"), pi.InputError, "is not a decimal number"),
        ("1e3", pi.InputError, "`1e3` is not a decimal number"),
        ("85.94%", pi.InputError, "is not a decimal number"),
        (True, pi.InputTypeError, "invalid type: boolean"),
        (None, pi.InputTypeError, "invalid type: null"),
        ([1], pi.InputTypeError, "invalid type: sequence"),
    ],
)
def test_bad_decimal_arguments(par2023: pi.LeagueTable, value, cls, fragment: str) -> None:
    with pytest.raises(cls) as e:
        par2023.rank_if("Lạng Sơn", value)
    assert fragment in str(e.value) and e.value.argument == "score"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (Decimal("1e-40"), "`0.0000000000000000000000000000000000000001` cannot be held exactly"),
        (1e-40, "`0.0000000000000000000000000000000000000001` cannot be held exactly"),
        ("0.00000000000000000000000000001", "cannot be held exactly"),
        (Decimal("1.23456789012345678901234567891"), "cannot be held exactly"),
        ("12345678901234567890.1234567891", "cannot be held exactly"),
        (Decimal("1E+30"), "`1000000000000000000000000000000` is out of range"),
        (10**40, "is out of range"),
        (1e300, "is out of range"),
    ],
)
def test_lossy_decimals_are_refused_not_rounded(value, fragment: str) -> None:
    # 1e-40 used to become 0E-28 and 30 significant digits were cut to 28.
    with pytest.raises(pi.InputError) as e:
        pi.ScoreBounds(value, 1, 1, False)
    assert fragment in str(e.value) and e.value.argument == "low" and e.value.kind == "INVALID_ARGUMENT"


def test_exact_decimals_at_the_edges_are_kept() -> None:
    for value, expected in [
        (Decimal("0.0000000000000000000000000001"), Decimal("1E-28")),
        (Decimal("1.234567890123456789012345678900"), Decimal("1.2345678901234567890123456789")),  # zeros
        (Decimal("0E-40"), Decimal(0)),
        (79228162514264337593543950335, Decimal("79228162514264337593543950335")),
    ]:
        assert pi.PointsNeeded(0, value, 0).high == expected


def test_numpy_scalars_are_their_shortest_decimal() -> None:
    np = pytest.importorskip("numpy")
    for value, expected in [
        (np.float32(85.94), "85.94"),  # not 85.94000244140625
        (np.float64(85.94), "85.94"),
        (np.float16(1.5), "1.5"),
        (np.int64(86), "86"),
        (np.int32(3), "3"),
    ]:
        assert pi.PointsNeeded(0, value, 0).high == Decimal(expected), value
    t = pi.published("par", 2023)
    assert t.rank_if("Lạng Sơn", np.float32(86.30)) == t.rank_if("Lạng Sơn", "86.30")
    with pytest.raises(pi.InputError, match="`nan` is not a decimal number"):
        t.rank_if("Lạng Sơn", np.float32("nan"))
    with pytest.raises(pi.InputTypeError, match="invalid type: boolean"):
        t.rank_if("Lạng Sơn", np.bool_(True))


def test_score_outside_percent(par2023: pi.LeagueTable) -> None:
    with pytest.raises(pi.InputError, match="outside 0–100"):
        par2023.rank_if("Lạng Sơn", 101)


def test_a_panic_never_reaches_python() -> None:
    with pytest.raises(pi.ParIndexError) as e:
        pi._core._panic_for_test()
    assert type(e.value) is pi.ParIndexError
    assert e.value.kind == "INTERNAL" and "deliberate panic" in str(e.value)
    assert "PanicException" not in type(e.value).__name__


def test_a_table_above_max_input_bytes_is_refused_before_reading(testdata) -> None:
    path = testdata / "published" / "par_index_provinces.csv"
    with pytest.raises(pi.ParIndexError) as e:
        pi.LeagueTable.from_csv(path, "par", 2023, max_input_bytes=1000)
    assert e.value.kind == "INPUT_TOO_LARGE" and "max_input_bytes" in str(e.value)
    # Within the limit it reads as usual.
    assert pi.LeagueTable.from_csv(path, "par", 2023, max_input_bytes=10_000_000).rank("Lạng Sơn") == 47
