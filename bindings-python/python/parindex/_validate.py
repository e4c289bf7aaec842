"""``validate``: every problem of an input at once, for each loader (``LeagueTable``,
``Scorecard``, ``Framework``, ``Survey``; ``Units`` and ``Assignments`` have their own).
Each takes the arguments of the class's ``from_csv`` and returns the exceptions that
``from_csv`` would raise one at a time (each with its ``row``, ``column``, ``code`` and
``details``), as a list: empty when the input loads. The options go to the native module as
one object each, read by the core's data contract (``CsvTableOptions``, ``TableOptions``,
``CsvFrameworkOptions``, ``SurveyOptions``); the checks are the core's ``validate_csv`` /
``validate_table``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Mapping, Optional, Union

from . import _core
from ._arguments import given as _given, typed
from ._loaders import _FRAMEWORK, _TABLE, _csv_columns, _native
from ._sipas import _READING

if TYPE_CHECKING:  # pragma: no cover
    from .exceptions import ParIndexError

_Framework = Union["_core.Framework", str]


def league_table(
    source: Any,
    index: str,
    year: int,
    score_column: Optional[str] = None,
    roster: Optional[str] = None,
    of: Optional[int] = None,
    decimals: Optional[int] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
) -> List["ParIndexError"]:
    """Every problem of a league table's CSV (a path, a file-like object or a DataFrame) at
    once, arguments as :meth:`LeagueTable.from_csv`: unknown provinces, numbers that are not
    numbers, ranks out of range, duplicate provinces … each with its row (spreadsheet
    numbering: the header is row 1) and column. An empty list when it loads."""
    options = _given(locals(), _TABLE)
    return list(_native(_core.LeagueTable)._validate(source, options, _csv_columns(locals())))


def scorecard(
    source: Any,
    framework: _Framework,
    province: str,
    year: Optional[int] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
) -> List["ParIndexError"]:
    """Every problem of a scorecard's CSV (a path, a file-like object or a DataFrame) at
    once, arguments as :meth:`Scorecard.from_csv`: unknown codes, points above the maximum or
    negative, duplicate codes … each with its row and code. An empty list when it loads."""
    return list(_native(_core.Scorecard)._validate(source, framework, province, year, _csv_columns(locals())))


def framework(
    source: Any,
    id: str = "custom",
    index: str = "custom",
    name_vi: str = "",
    decision: str = "",
    total_max_points: Any = None,
) -> List["ParIndexError"]:
    """Every problem of a framework table's CSV (a path, a file-like object or a DataFrame)
    at once, arguments as :meth:`Framework.from_csv`: max points that are not numbers,
    duplicate codes, children that do not add up … each with its row and code. An empty
    list when it loads."""
    options = _given(locals(), _FRAMEWORK)
    return list(_native(_core.Framework)._validate(source, options))


def survey(
    source: Any,
    framework: _Framework = "sipas-2023",
    layout: str = "auto",
    unit_column: Optional[str] = None,
    respondent_column: Optional[str] = None,
    weight_column: Optional[str] = None,
    dont_know: Optional[List[str]] = None,
    missing: Optional[List[str]] = None,
    ignore_columns: Optional[List[str]] = None,
    units: Optional[List[str]] = None,
    require_all_items: bool = True,
) -> List["ParIndexError"]:
    """Every problem of survey answers in CSV (a path, a file-like object or a DataFrame) at
    once, arguments as :meth:`Survey.from_csv`: answers outside 1–5, duplicate answers,
    unknown items, units without a valid answer … each with its row, column and item. An
    empty list when it loads."""
    return list(_native(_core.Survey)._validate(source, framework, _given(locals(), _READING)))


def install() -> None:
    """Give the native classes their ``validate`` (idempotent)."""
    for cls, f in (
        (_core.LeagueTable, league_table),
        (_core.Scorecard, scorecard),
        (_core.Framework, framework),
        (_core.Survey, survey),
    ):
        f.__name__, f.__qualname__ = "validate", f"{cls.__name__}.validate"
        setattr(cls, "validate", staticmethod(typed(f)))
