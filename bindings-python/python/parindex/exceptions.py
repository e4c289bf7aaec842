"""Exceptions raised by parindex.

Every failure is a :class:`ParIndexError`. The native core raises the subclass that
matches the error's family and fills in what it knows of the place:

=====================  ==========================  ==============================================
class                  also a                      raised for
=====================  ==========================  ==============================================
``FrameworkError``     ``ValueError``              an inconsistent methodology (framework) or a
                                                   scoring rule that cannot score a measure
``DataError``          ``ValueError``              files, tables and values handed in: malformed
                                                   CSV/JSON, a number that is not one, points
                                                   above the maximum, an unknown province or code
``InputError``         ``ValueError``              call arguments: a target rank of 0, zero
                                                   scenarios, an unknown framework id or year
``InputTypeError``     ``InputError``, ``TypeError``  an argument of the wrong type (a seed that is
                                                   not an integer, a bool where a number is due)
``FileReadError``      ``OSError``                 a file that cannot be read
=====================  ==========================  ==============================================

Attributes (``None`` where they do not apply): ``kind`` (the core's stable code:
``"ABOVE_MAX"``, ``"UNKNOWN_PROVINCE"``, ``"INVALID_ARGUMENT"`` …), ``family``
(``"framework"``, ``"data"``, ``"input"``), ``file`` (a path, or the label of an in-memory
input such as ``"DataFrame"``), ``row`` (spreadsheet numbering: the header is row 1),
``column``, ``code`` (criterion, item or province), ``argument`` (the argument's name),
``sheet`` and ``cell`` (A1 style, e.g. ``"C7"``; workbooks read with ``from_excel``), and
``details``: a dict of the error's values, the core's ``Error::details`` with the same keys
as JS's ``details`` (``{"points": "10.5", "max": "9.5"}`` for ``ABOVE_MAX``, ``{"code",
"within"}`` for ``UNKNOWN_CODE``, ``{"value", "reason"}`` for ``INVALID_ANSWER``,
``{"argument"}`` for ``INVALID_ARGUMENT``; decimals as exact strings; ``{}`` when the error
has only a message).
The message names the same place, e.g.
``file `scores.csv`, row 7, code `3`: 14 points exceed the maximum of 13``.

A bug inside the library surfaces as a plain ``ParIndexError`` with kind ``"INTERNAL"``
(its message says where the Rust code failed), never as pyo3's ``PanicException``, from
any method, property, constructor, ``repr`` or function; no Rust backtrace is printed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = [
    "ParIndexError",
    "FrameworkError",
    "DataError",
    "InputError",
    "InputTypeError",
    "FileReadError",
]


class ParIndexError(Exception):
    """Base class of every parindex error (see the module docstring for the attributes)."""

    kind: Optional[str]
    family: Optional[str]
    file: Optional[str]
    row: Optional[int]
    column: Optional[str]
    code: Optional[str]
    argument: Optional[str]
    sheet: Optional[str]
    cell: Optional[str]
    details: Dict[str, Any]

    def __init__(
        self,
        message: str,
        *,
        kind: Optional[str] = None,
        family: Optional[str] = None,
        file: Optional[str] = None,
        row: Optional[int] = None,
        column: Optional[str] = None,
        code: Optional[str] = None,
        argument: Optional[str] = None,
        sheet: Optional[str] = None,
        cell: Optional[str] = None,
        details: Optional[Dict[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.family = family
        self.file = file
        self.row = row
        self.column = column
        self.code = code
        self.argument = argument
        #: With kind ``INVALID`` (several problems in one input): each problem, with its row.
        self.errors: List["ParIndexError"] = []
        self.sheet = sheet
        self.cell = cell
        #: The error's values (the core's ``Error::details``; JS's ``details``).
        self.details: Dict[str, Any] = dict(details) if details else {}

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keep the attributes through pickling (multiprocessing, joblib).
        return (_rebuild, (type(self), self.message, self._fields()))

    def _fields(self) -> dict:  # type: ignore[type-arg]
        return {
            "kind": self.kind,
            "family": self.family,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "argument": self.argument,
            "sheet": self.sheet,
            "cell": self.cell,
            "details": self.details,
        }


def _rebuild(cls: type, message: str, fields: dict) -> ParIndexError:  # type: ignore[type-arg]
    err: ParIndexError = cls(message, **fields)
    return err


class FrameworkError(ParIndexError, ValueError):
    """A methodology (framework) that is inconsistent, or a scoring rule that cannot score
    the measure it was given (kinds ``FRAMEWORK``, ``RULE``)."""


class DataError(ParIndexError, ValueError):
    """Bad data handed in: a file, table or value (kinds ``MALFORMED``, ``MISSING_FIELD``,
    ``INVALID_NUMBER``, ``NEGATIVE``, ``ABOVE_MAX``, ``UNKNOWN_CODE``, ``DUPLICATE_CODE``,
    ``UNKNOWN_PROVINCE``, ``DUPLICATE_PROVINCE``, ``INVALID_RANK`` …)."""


class InputError(ParIndexError, ValueError):
    """A call argument outside its domain or a thing that does not exist (kinds
    ``INVALID_ARGUMENT``, ``NOT_FOUND``, ``UNSUPPORTED``)."""


class InputTypeError(InputError, TypeError):
    """A call argument of the wrong type (kind ``INVALID_ARGUMENT``)."""


class FileReadError(ParIndexError, OSError):
    """A file that cannot be read (kind ``IO``; ``file`` is the path)."""
