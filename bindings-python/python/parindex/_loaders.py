"""The signatures of the league-table and framework loaders (their defaults and
documentation); each one passes its options as one object to the native module, which reads
them through the core's data contract (``CsvTableOptions``, ``CsvFrameworkOptions``,
``TableOptions``: unknown keys refused, errors naming the key)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Union, cast

from . import _core
from ._arguments import given as _given, typed

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_TABLE = ("index", "year", "score_column", "roster", "of", "decimals", "max_input_bytes")
_FRAMEWORK = ("id", "index", "name_vi", "decision", "total_max_points")
_WORKSHEET = ("sheet", "header_row", "columns")
_Number = Any


def _native(cls: type) -> Any:
    """The class with its private native entry points (not in the stubs)."""
    return cls


def _csv_columns(values: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """A CSV's ``header_row`` and ``columns``, or ``None`` when neither is given."""
    return _given(values, ("header_row", "columns")) or None


def _worksheet(values: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The worksheet options (``sheet``, ``header_row``, ``columns``), ``None`` when none is given."""
    return _given(values, _WORKSHEET) or None


# ---------------------------------------------------------------------------------------
# LeagueTable


def table_from_csv(
    source: Any,
    index: str,
    year: int,
    score_column: Optional[str] = None,
    roster: Optional[str] = None,
    of: Optional[int] = None,
    decimals: Optional[int] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
    max_input_bytes: Optional[int] = None,
) -> "_core.LeagueTable":
    """Read a league table from CSV: a path (``str`` or ``os.PathLike``) or a file-like
    object. Columns: ``province``, a score column (percent; decimal comma accepted),
    ``rank``, optionally ``year`` (only rows of ``year`` are read), ``source_url``,
    ``rank_basis``, ``note``; Vietnamese headers accepted. Empty cells are unknowns.
    ``roster``: ``"provinces"``, ``"units_2025"`` or ``"open"`` (default by index and
    year); ``of``: how many are ranked; ``decimals``: the decimal places compared when
    ranking (default: the most decimals among the scores, at least 2; see the README's
    "Ranking semantics"); ``header_row`` and ``columns`` (role → header) for headers the
    alias table does not know, as :meth:`from_excel`; ``max_input_bytes``: the largest input
    read (default 64 MiB; above, ``INPUT_TOO_LARGE``).

    Raises DataError (``MISSING_FIELD``, ``INVALID_NUMBER``, ``UNKNOWN_PROVINCE``,
    ``DUPLICATE_PROVINCE``, ``INVALID_RANK``, ``ABOVE_MAX``, ``NEGATIVE``, ``MALFORMED``)
    naming the file, row and column; FileReadError; InputError (no row of that year)."""
    return cast(
        "_core.LeagueTable", _native(_core.LeagueTable)._read("csv", source, _given(locals(), _TABLE), _csv_columns(locals()))
    )


def table_from_excel(
    source: Any,
    index: str,
    year: int,
    sheet: Union[str, int, None] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
    score_column: Optional[str] = None,
    roster: Optional[str] = None,
    of: Optional[int] = None,
    decimals: Optional[int] = None,
    max_input_bytes: Optional[int] = None,
) -> "_core.LeagueTable":
    """Read a league table from a worksheet of an Excel or OpenDocument workbook (.xlsx,
    .xlsm, .xls, .ods): ``source`` is a path, ``bytes`` or a binary file. The layout of
    :meth:`from_csv`, found under any title rows; ``sheet``: name or position (first =
    0; default the first sheet); ``header_row``: spreadsheet row of the header (default:
    the first row with a recognised header); ``columns``: role → header for headers not
    recognised, e.g. ``{"province": "Địa bàn", "score": "Kết quả"}`` (roles:
    ``province``, ``score``, ``rank``, ``year``, ``source``, ``note``, ``rank_basis``).
    Numbers may be stored as numbers, as text with a decimal comma, or as formulas.

    Raises DataError as :meth:`from_csv`, naming the file, sheet, row, column and cell
    (``MALFORMED`` for a file that is not a workbook); InputError (``UNKNOWN_COLUMN``
    listing the sheet's columns, ``NOT_FOUND`` for a missing sheet); FileReadError."""
    table = _given(locals(), _WORKSHEET)
    return cast("_core.LeagueTable", _native(_core.LeagueTable)._read("excel", source, _given(locals(), _TABLE), table))


def table_from_entries(
    entries: Iterable[Mapping[str, Any]],
    index: str,
    year: int,
    roster: Optional[str] = None,
    of: Optional[int] = None,
    label: Optional[str] = None,
    decimals: Optional[int] = None,
) -> "_core.LeagueTable":
    """Build a table from entries: an iterable of mappings with ``province`` and optionally
    ``score`` (percent), ``rank``, ``rank_basis``, ``source``, ``note`` and ``row`` (the
    row to name in errors). ``None``/missing values are unknowns.

    Raises InputError (``INVALID_ARGUMENT`` naming ``entries[i].<key>``) for a value of the
    wrong shape; DataError as :meth:`from_csv` for the table's own checks."""
    options = _given(locals(), _TABLE)
    return cast("_core.LeagueTable", _native(_core.LeagueTable)._read("entries", entries, options, None, label))


def table_from_pandas(
    df: "pd.DataFrame",
    index: str,
    year: int,
    score_column: Optional[str] = None,
    roster: Optional[str] = None,
    of: Optional[int] = None,
    label: str = "DataFrame",
    decimals: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
) -> "_core.LeagueTable":
    """Build a table from a DataFrame with a ``province`` column and a score and/or
    ``rank`` column, as :meth:`to_pandas` writes them (any header :meth:`from_csv`
    accepts; ``score_column`` names the score column when there are several; ``columns``:
    role → header for others). NaN/NA cells are unknowns; with a ``year`` column only rows
    of ``year`` are read. The DataFrame is read by the same reader as a CSV file: errors name
    the file ``DataFrame`` (or ``label``) and the row as in ``df.to_csv(index=False)``
    (header = row 1, first data row = row 2).

    Raises DataError (as :meth:`from_csv`)."""
    table = _given(locals(), ("columns",)) or None
    return cast("_core.LeagueTable", _native(_core.LeagueTable)._read("pandas", df, _given(locals(), _TABLE), table, label))


# ---------------------------------------------------------------------------------------
# Framework


def framework_from_csv(
    source: Any,
    id: str = "custom",
    index: str = "custom",
    name_vi: str = "",
    decision: str = "",
    total_max_points: Optional[_Number] = None,
) -> "_core.Framework":
    """Read a framework from CSV in the official table layout: a path or a file-like
    object. Columns (Vietnamese or English headers): code (``STT``), name, max points
    (``Điểm tối đa``; ``9,5`` accepted), optionally ``name_en``, method, rule, status,
    source, note; a row coded ``total``/``Tổng`` declares the total. Validated.

    Raises DataError (``MISSING_FIELD``, ``INVALID_NUMBER``, ``DUPLICATE_CODE``) and
    FrameworkError, naming the file, row and code; FileReadError."""
    return cast("_core.Framework", _native(_core.Framework)._read("csv", source, _given(locals(), _FRAMEWORK)))


def framework_from_pandas(
    df: "pd.DataFrame",
    id: str = "custom",
    index: str = "custom",
    name_vi: str = "",
    decision: str = "",
    total_max_points: Optional[_Number] = None,
    label: str = "DataFrame",
) -> "_core.Framework":
    """A framework from a DataFrame in the layout of :meth:`from_csv` (e.g. the criteria
    table of a decision read with ``pandas.read_excel``), read through the core's CSV
    reader so that a DataFrame and a file are checked alike. Errors name ``label`` and the
    row as in ``df.to_csv(index=False)`` (header = row 1).

    Raises FrameworkError / DataError as :meth:`from_csv`."""
    options = _given(locals(), _FRAMEWORK)
    return cast("_core.Framework", _native(_core.Framework)._read("pandas", df, options, None, label))


def framework_from_excel(
    source: Any,
    sheet: Union[str, int, None] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
    id: str = "custom",
    index: str = "custom",
    name_vi: str = "",
    decision: str = "",
    total_max_points: Optional[_Number] = None,
) -> "_core.Framework":
    """Read a framework from a worksheet of an Excel or OpenDocument workbook: ``source``
    is a path, ``bytes`` or a binary file. The layout of :meth:`from_csv` (code ``STT``,
    name, max points, method, rule, …; a ``Tổng`` row declares the total), found under any
    title rows; ``sheet``, ``header_row`` and ``columns`` (roles: ``code``, ``name``,
    ``name_en``, ``max_points``, ``method``, ``rule``, ``status``, ``source``, ``note``)
    as for :meth:`LeagueTable.from_excel`.

    Raises FrameworkError / DataError as :meth:`from_csv`, naming the sheet and cell;
    InputError (``UNKNOWN_COLUMN``, ``NOT_FOUND``); FileReadError."""
    table = _given(locals(), _WORKSHEET)
    return cast("_core.Framework", _native(_core.Framework)._read("excel", source, _given(locals(), _FRAMEWORK), table))


def install() -> None:
    """Give the native ``LeagueTable`` and ``Framework`` their loaders (idempotent)."""
    for cls, prefix in ((_core.LeagueTable, "table_"), (_core.Framework, "framework_")):
        for name, f in list(globals().items()):
            if name.startswith(prefix) and callable(f):
                f.__name__ = name[len(prefix) :]
                f.__qualname__ = f"{cls.__name__}.{f.__name__}"
                setattr(cls, f.__name__, staticmethod(typed(f)))
