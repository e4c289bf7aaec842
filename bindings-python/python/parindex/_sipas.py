"""The signatures of the SIPAS entry points (their defaults and documentation); each one
passes its options as one object to the native module, which reads them through the
core's data contract (``SurveyOptions``, ``SipasOptions``, ``BootstrapOptions``,
``SyntheticSpec``, ``TableOptions``: unknown keys refused, errors naming the key). The
defaults shown are the core's (``tests/test_sipas.py`` checks them against it)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union, cast

from . import _core
from ._arguments import given as _given, typed
from ._loaders import _WORKSHEET

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_READING = (
    "layout", "unit_column", "respondent_column", "weight_column", "dont_know", "missing", "ignore_columns", "units",
    "require_all_items",
)
_COMPUTING = ("rule", "aggregation", "tie_policy", "year", "decimals")
_Framework = Union["_core.Framework", str]
# The native entry points (private: not in the stubs).
_native: Any = _core.Survey


def from_pandas(
    df: "pd.DataFrame",
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
    label: str = "DataFrame",
) -> "_core.Survey":
    """Answers from a DataFrame, long form (``respondent, unit, item, answer[, weight]``, one
    row per respondent × item) or wide form (``respondent, unit[, weight]`` and one column per
    item code), detected unless ``layout`` is ``"long"``/``"wide"``. Answers 1–5; NaN/empty,
    ``NA``, ``missing`` are missing; ``dk``, ``không biết`` are "don't know" (add codes with
    ``dont_know``/``missing``). Vietnamese headers accepted (``đơn vị``, ``tỉnh``, ``mã
    phiếu``, ``trọng số``). ``units``: units that must be present. Errors name the file
    ``DataFrame`` (or ``label``) and the row as in ``df.to_csv(index=False)``.

    Raises DataError (``INVALID_ANSWER``, ``DUPLICATE_ANSWER``, ``NO_ANSWERS``,
    ``UNKNOWN_CODE``, ``MISSING_FIELD``, ``MALFORMED``) naming the row, column and item."""
    return cast("_core.Survey", _native._read("pandas", df, framework, _given(locals(), _READING), label))


def from_excel(
    source: Any,
    framework: _Framework = "sipas-2023",
    sheet: Union[str, int, None] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
    layout: str = "auto",
    unit_column: Optional[str] = None,
    respondent_column: Optional[str] = None,
    weight_column: Optional[str] = None,
    dont_know: Optional[List[str]] = None,
    missing: Optional[List[str]] = None,
    ignore_columns: Optional[List[str]] = None,
    units: Optional[List[str]] = None,
    require_all_items: bool = True,
) -> "_core.Survey":
    """Answers from a worksheet of an Excel or OpenDocument workbook (a path, ``bytes`` or a
    binary file), long or wide form as :meth:`from_pandas`, found under any title rows;
    ``sheet``, ``header_row`` and ``columns`` (roles: ``unit``, ``respondent``, ``item``,
    ``answer``, ``weight``) as for :meth:`LeagueTable.from_excel`.

    Raises as :meth:`from_pandas`, naming the file, sheet, row and cell; InputError
    (``UNKNOWN_COLUMN``, ``NOT_FOUND``); FileReadError."""
    table = _given(locals(), _WORKSHEET)
    return cast("_core.Survey", _native._read("excel", source, framework, _given(locals(), _READING), None, table))


def from_csv(
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
) -> "_core.Survey":
    """Answers from CSV (a path or a file-like object), long or wide form as
    :meth:`from_pandas`.

    Raises as :meth:`from_pandas`, naming the file; FileReadError."""
    return cast("_core.Survey", _native._read("csv", source, framework, _given(locals(), _READING)))


def from_json(
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
) -> "_core.Survey":
    """Answers from JSON (a path or a file-like object): an array of long-form records
    (``{"respondent", "unit", "item", "answer"[, "weight"]}``) or of wide-form records (one
    key per item). Rows in errors are the records' positions (first = 1).

    Raises as :meth:`from_pandas`; FileReadError."""
    return cast("_core.Survey", _native._read("json", source, framework, _given(locals(), _READING)))


def synthetic(
    framework: _Framework = "sipas-2023",
    units: int = 63,
    respondents: int = 600,
    seed: int = 1,
    missing_per_mille: int = 20,
    dont_know_per_mille: int = 30,
    weighted: bool = False,
) -> "_core.Survey":
    """A **synthetic** survey for tests and demonstrations (never real data: units are
    ``Synthetic unit NN``): each unit's satisfaction level uniform in 65–90%, item and
    respondent offsets, ``missing_per_mille`` / ``dont_know_per_mille`` skipped answers,
    optional design weights. The same seed gives the same answers everywhere.

    Raises InputError (zero units or respondents, skip rates of 1000 per mille or more)."""
    spec = _given(locals(), ("units", "respondents", "seed", "missing_per_mille", "dont_know_per_mille", "weighted"))
    return cast("_core.Survey", _native._synthetic(framework, spec))


def compute(
    self: "_core.Survey",
    rule: str = "top2",
    aggregation: str = "item_mean",
    tie_policy: str = "competition",
    year: Optional[int] = None,
    decimals: int = 4,
) -> "_core.SipasResult":
    """SIPAS of every unit (:class:`SipasResult`): item satisfaction under ``rule``
    (``"top2"``: share of valid answers 4–5, default; ``"mean"``: mean answer rescaled to
    0–100), aggregated under ``aggregation`` (``"item_mean"``: every item weighs the same,
    default, which reproduces the published 2024 national figure; ``"domain_mean"``;
    ``"element_mean"``), ranked under ``tie_policy``. Neither rule nor aggregation is fixed
    by a published formula of 1001/QĐ-BNV: they are choices, named in the result.

    ``decimals`` (default 4, 0–28) is the stated precision in decimal places of percent:
    values are computed exactly, units are ranked at it, and every value the result shows
    (index, value, unit_detail, to_pandas, what_if, league_table) is rounded to it.

    Raises InputError (an unknown rule, aggregation or policy; an aggregation the framework
    lacks a level for; ``decimals`` above 28), DataError (``NO_ANSWERS``)."""
    return cast("_core.SipasResult", cast(Any, self)._compute(_given(locals(), _COMPUTING)))


def bootstrap(
    self: "_core.Survey",
    rule: str = "top2",
    aggregation: str = "item_mean",
    tie_policy: str = "competition",
    replicates: int = 1000,
    seed: int = 20231211,
    level: Any = "0.95",
    decimals: int = 4,
) -> "_core.SipasBootstrap":
    """Bootstrap confidence intervals (:class:`SipasBootstrap`): ``replicates`` resamples of
    every unit's respondents with replacement, every index and rank recomputed; percentile
    intervals at ``level``. The same seed gives the same result bit for bit. Statistics
    (percent) are shown at ``decimals`` places (default 4), shares of replicates at
    ``decimals + 2``.

    Raises InputError (zero replicates, level outside (0, 1)), and as :meth:`compute`."""
    boot = _given(locals(), ("replicates", "seed", "level"))
    return cast("_core.SipasBootstrap", cast(Any, self)._bootstrap(_given(locals(), _COMPUTING), boot))


def sipas_from_answers(
    answers: Any,
    framework: _Framework = "sipas-2023",
    rule: str = "top2",
    aggregation: str = "item_mean",
    tie_policy: str = "competition",
    year: Optional[int] = None,
    layout: str = "auto",
    unit_column: Optional[str] = None,
    respondent_column: Optional[str] = None,
    weight_column: Optional[str] = None,
    dont_know: Optional[List[str]] = None,
    missing: Optional[List[str]] = None,
    ignore_columns: Optional[List[str]] = None,
    units: Optional[List[str]] = None,
    require_all_items: bool = True,
    label: Optional[str] = None,
    decimals: int = 4,
    sheet: Union[str, int, None] = None,
    header_row: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
) -> "_core.SipasResult":
    """SIPAS from survey answers in one call: read ``answers`` (a DataFrame, long form
    ``respondent, unit, item, answer (1–5 or NaN)[, weight]`` or wide form; or a CSV, JSON or
    workbook path or file-like object) against ``framework`` and compute every unit
    (:class:`SipasResult`). ``res.index["Lạng Sơn"]`` is then the unit's SIPAS in percent.
    The reading options are those of :meth:`Survey.from_pandas` (``layout``, the column
    names, ``dont_know``, ``missing``, ``ignore_columns`` — extra columns such as a ``ghi
    chú`` note —, ``units``, ``require_all_items``); ``rule``, ``aggregation`` and
    ``tie_policy`` those of :meth:`Survey.compute`. ``sheet``, ``header_row`` and ``columns``
    (roles ``unit``, ``respondent``, ``item``, ``answer``, ``weight``) read ``answers`` as a
    workbook, as :meth:`Survey.from_excel` (default: a workbook path's first sheet).

    Raises DataError naming the row, column and item of a bad answer; InputError for bad
    options (``UNKNOWN_COLUMN``, ``NOT_FOUND`` for a missing sheet)."""
    table = _given(locals(), _WORKSHEET)
    how = "excel" if table else "auto"
    survey = _native._read(how, answers, framework, _given(locals(), _READING), label, table or None)
    return cast("_core.SipasResult", survey._compute(_given(locals(), _COMPUTING)))


def unit_detail(detail: Dict[str, Any]) -> Dict[str, Any]:
    """A unit in full (the core's ``SipasUnitDetail``) with its percents as ``Decimal``."""

    def dec(v: Any) -> Any:
        return None if v is None else Decimal(v)

    detail["sipas"] = dec(detail["sipas"])
    detail["weight_total"] = dec(detail["weight_total"])
    detail["nodes"] = {k: dec(v) for k, v in detail["nodes"].items()}
    for item in detail["items"]:
        item["satisfaction"] = dec(item["satisfaction"])
        item["valid_weight"] = dec(item["valid_weight"])
    return detail


def install() -> None:
    """Give the native ``Survey`` its public constructors and methods (idempotent)."""
    for f in (from_pandas, from_excel, from_csv, from_json, synthetic):
        setattr(_core.Survey, f.__name__, staticmethod(f))
    _core.Survey.compute = typed(compute)  # type: ignore[method-assign]
    _core.Survey.bootstrap = typed(bootstrap)  # type: ignore[method-assign]
