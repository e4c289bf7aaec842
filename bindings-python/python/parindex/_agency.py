"""Agencies: the pure-Python step after the core's serde JSON (Decimals, DataFrames).

The core computes everything (``parindex.agency`` in Rust); this module only shapes its
results: decimal strings become :class:`decimal.Decimal` (single values) or float64
columns (DataFrames), as everywhere in the package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ._pandas import frame


def _dec(v: Any) -> Optional[Decimal]:
    return None if v is None else Decimal(str(v))


def _bounds(prefix: str, b: Optional[Mapping[str, Any]], row: Dict[str, Any]) -> None:
    b = b or {}
    row[prefix] = b.get("estimate")
    row[prefix + "_best"] = b.get("best")
    row[prefix + "_worst"] = b.get("worst")


def assignments_frame(text: str) -> Any:
    """The annex as a DataFrame (see ``Assignments.to_pandas``)."""
    data = json.loads(text)
    schema = [
        ("code", "str"),
        ("content", "str"),
        ("tasks", "str"),
        ("product", "str"),
        ("deadline", "str"),
        ("lead", "str"),
        ("coordinating", "obj"),
        ("row", "int"),
    ]
    return frame(data["items"], schema, {"framework": data["framework"], "unassigned": data["unassigned"]})


def accountability_frame(text: str, with_previous: bool) -> Any:
    """Points lost per lead agency (see ``Scorecard.accountability``)."""
    data = json.loads(text)
    rows = []
    for r in data["rows"]:  # the core's rows (AgencyLoss), ranks flat as JS's
        rows.append({**r, "charged": {c["code"]: _dec(c["lost"]) for c in r["charged"]}})
    schema = [("agency", "str"), ("lost", "dec")]
    if with_previous:
        schema += [("lost_previous", "dec"), ("change", "dec")]
    schema += [
        ("ranks_at_stake", "int"),
        ("ranks_at_stake_best", "int"),
        ("ranks_at_stake_worst", "int"),
        ("rank_if_recovered", "int"),
        ("rank_if_recovered_best", "int"),
        ("rank_if_recovered_worst", "int"),
        ("reaches_target", "bool"),
        ("codes", "obj"),
        ("charged", "obj"),
        ("coordinating", "obj"),
    ]
    attrs = {
        "province": data["province"],
        "total_lost": _dec(data["total_lost"]),
        "unassigned_lost": _dec(data["unassigned_lost"]),
        "unassigned": {c["code"]: _dec(c["lost"]) for c in data["unassigned"]},
        "target_rank": data["target_rank"],
    }
    return frame(rows, schema, attrs)


@dataclass
class Appraisal:
    """Self-assessed (tự đánh giá) against appraised (thẩm định) points of one unit.

    ``nodes`` and ``agencies`` are DataFrames (framework points); ``unsupported`` lists
    the codes claimed without evidence; ``total_cut`` is self-assessed − appraised over
    the counted claims (Decimal); ``what_if`` is the appraisal accepting every
    evidence-backed claim: ``points_added``, ``points_before``/``points_after``,
    ``index_before``/``index_after`` (percent, Decimal), ``rank_before``/``rank_after``
    (estimate, with ``_best``/``_worst``), ``band_before``/``band_after``.
    """

    province: str
    nodes: Any
    agencies: Any
    unsupported: List[str]
    total_cut: Decimal
    what_if: Dict[str, Any] = field(default_factory=dict)


def appraisal_result(text: str) -> Appraisal:
    """Build :class:`Appraisal` from the core's JSON."""
    data = json.loads(text)
    nodes = frame(
        data["nodes"],
        [
            ("code", "str"),
            ("name_vi", "str"),
            ("self_assessed", "dec"),
            ("appraised", "dec"),
            ("cut", "dec"),
            ("evidence", "obj"),
            ("unsupported", "bool"),
            ("counted", "bool"),
            ("agency", "str"),
        ],
    )
    agencies = frame(data["agencies"], [("agency", "str"), ("cut", "dec"), ("codes", "obj"), ("unsupported", "obj")])
    w = data["what_if"]
    what_if = {
        "points_added": _dec(w["points_added"]),
        "points_before": _dec(w["points_before"]),
        "points_after": _dec(w["points_after"]),
        "index_before": _dec(w["index_before"]),
        "index_after": _dec(w["index_after"]),
        "rank_before": w["rank_before"],
        "rank_before_best": w["rank_before_best"],
        "rank_before_worst": w["rank_before_worst"],
        "rank_after": w["rank_after"],
        "rank_after_best": w["rank_after_best"],
        "rank_after_worst": w["rank_after_worst"],
        "band_before": w["band_before"],
        "band_after": w["band_after"],
    }
    total_cut = Decimal(str(data["total_cut"]))
    return Appraisal(data["province"], nodes, agencies, data["unsupported"], total_cut, what_if)


def _is_workbook(source: Any) -> bool:
    """A workbook path (.xlsx, .xlsm, .xlsb, .xls, .ods) or workbook bytes."""
    import os

    if isinstance(source, (bytes, bytearray)):
        return True
    if isinstance(source, (str, os.PathLike)):
        return str(source).lower().endswith((".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"))
    return False


def scorecards_from_long(source: Any, framework: Any, year: Optional[int] = None) -> Dict[str, Any]:
    """Scorecards of many units from one long table: a dict unit name → Scorecard.

    ``source`` is a DataFrame, a CSV or workbook path (.xlsx, .xls, .ods: the first sheet,
    read as :meth:`parindex.Units.from_excel`), workbook bytes or a file-like object with
    columns ``unit``,
    ``code`` and ``points`` (or ``measure``), optional ``self_assessed``, ``appraised``,
    ``evidence`` and ``year``; ``framework`` a Framework or a built-in id. Every bad row is
    reported together (DataError kind ``INVALID`` with ``.errors``), each naming its row,
    unit and code. See :class:`parindex.Units` for the league table of the units.
    """
    from ._core import Units

    if _is_workbook(source):
        units = Units.from_excel(source, framework, year)
    else:
        units = Units.from_long(source, framework, year)
    return dict(zip(units.units(), units.scorecards()))


def progress_summary(
    baseline: Any,
    reports: Mapping[str, Sequence[Mapping[str, Any]]],
    table: Any,
    target_rank: Optional[int] = None,
    changes: Optional[Sequence[Any]] = None,
) -> Any:
    """The 6-month / 9-month / yearly summary table of the plan.

    ``reports`` maps a report name (``"6 tháng"``, ``"9 tháng"``, ``"năm"``) to plan items,
    each a mapping with ``code``, ``status`` (``done``, ``in_progress``, ``pending``) and
    ``expected_points`` (framework points when done). Projected score: ``baseline``'s total
    plus the done items' points; rank against ``table``; ``p_target`` = P(rank ≤
    ``target_rank``) by the exact solution of the simulation model, with ``changes`` (a
    sample of index changes, e.g. ``Units.changes``) or the default model (published
    PAR INDEX / SIPAS changes).

    Returns a DataFrame, one row per report: ``report, done, items, points_done,
    points_pending, points_before, projected_points, projected_index, projected_rank``
    (with ``_best``/``_worst``), ``projected_band, p_target``.
    Raises DataError (``UNKNOWN_CODE``, ``ABOVE_MAX``, ``NEGATIVE``), InputError.
    """
    from ._core import _progress_summary
    from .exceptions import InputTypeError

    # The shapes are checked here (a report name → a list of item mappings; changes a list),
    # so a wrong one is the library's typed error naming the argument.
    def shape(ok: bool, argument: str, expected: str) -> None:
        if not ok:
            raise InputTypeError(
                f"invalid `{argument}`: expected {expected}", kind="INVALID_ARGUMENT", family="input", argument=argument
            )

    shape(isinstance(reports, Mapping), "reports", "a mapping of report name to plan items")
    payload = []
    for name, items in reports.items():
        shape(isinstance(items, Sequence) and not isinstance(items, (str, bytes)), "reports", "lists of plan items")
        rows_in = []
        for i in items:
            shape(isinstance(i, Mapping) and "code" in i and "expected_points" in i, "reports", "items with code, expected_points")
            rows_in.append(
                {
                    "code": str(i["code"]),
                    "status": str(i.get("status", "pending")),
                    "expected_points": str(i["expected_points"]),
                }
            )
        payload.append([str(name), rows_in])
    shape(
        changes is None or (isinstance(changes, Sequence) and not isinstance(changes, (str, bytes))),
        "changes",
        "a list of index changes",
    )
    text = _progress_summary(
        baseline, json.dumps(payload), table, target_rank, None if changes is None else [str(c) for c in changes]
    )
    rows = []
    for r in json.loads(text):
        row = dict(r)
        _bounds("projected_rank", r["projected_rank"], row)
        rows.append(row)
    schema = [
        ("report", "str"),
        ("done", "int"),
        ("items", "int"),
        ("points_done", "dec"),
        ("points_pending", "dec"),
        ("points_before", "dec"),
        ("projected_points", "dec"),
        ("projected_index", "dec"),
        ("projected_rank", "int"),
        ("projected_rank_best", "int"),
        ("projected_rank_worst", "int"),
        ("projected_band", "str"),
        ("p_target", "float"),
    ]
    return frame(rows, schema)
